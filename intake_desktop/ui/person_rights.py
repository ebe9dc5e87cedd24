"""The person's rights at the table: consents, private notes, export, the log, erasure.

Each dialog works for the staff member who is signed in; what they do is on
record in the access log (the core functions log it themselves).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QStandardPaths, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from intake_desktop import i18n
from intake_desktop.i18n import _, isolate
from intake_desktop.plan.labels import PARTNER_NAMES
from intake_desktop.store.choices import Partner
from intake_desktop.text_input import display_safe

from intake_desktop.ui.errors import confirm, show_message, show_problem


def _buttons(*pairs) -> QDialogButtonBox:
    box = QDialogButtonBox()
    for text, role, slot in pairs:
        button = box.addButton(text, role)
        button.clicked.connect(slot)
    return box


class ConsentDialog(QDialog):
    """The consent register of one person: what, with whom, explained by whom, when."""

    def __init__(self, window, person_id: int, person_language: str) -> None:
        super().__init__(window)
        from intake_desktop.privacy.consent import TOPIC_NAMES, Topic

        self.setObjectName("consentDialog")
        self.setWindowTitle(_("Toestemmingen"))
        self.window_ = window
        self.person_id = person_id
        self.person_language = person_language
        self.table = QTableWidget(0, 6)
        self.table.setObjectName("consentTable")
        self.table.setHorizontalHeaderLabels([
            _("Waarvoor"), _("Gedeeld met"), _("Uitgelegd door"), _("Taal"), _("Gegeven op"),
            _("Ingetrokken op")])
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.topic = QComboBox()
        self.topic.setObjectName("consentTopic")
        for topic in Topic:
            self.topic.addItem(_(TOPIC_NAMES[topic]), topic)
        self.partners: dict[Partner, QCheckBox] = {}
        partner_row = QHBoxLayout()
        for partner in Partner:
            box = QCheckBox(_(PARTNER_NAMES[partner]))
            box.setObjectName(f"consentPartner:{partner.value}")
            self.partners[partner] = box
            partner_row.addWidget(box)
        self.explained_by = QLineEdit(window.staff.name if window.staff else "")
        self.explained_by.setObjectName("consentExplainedBy")
        self.explained_by.setMaxLength(200)
        self.language = QComboBox()
        for code, name in i18n.available_languages():
            self.language.addItem(name, code)
        self.language.setCurrentIndex(max(self.language.findData(person_language), 0))
        form = QFormLayout()
        form.addRow(_("Waarvoor"), self.topic)
        form.addRow(_("Gedeeld met"), partner_row)
        form.addRow(_("Uitgelegd door"), self.explained_by)
        form.addRow(_("Uitgelegd in"), self.language)
        add = QPushButton(_("Toestemming vastleggen"))
        add.setObjectName("consentAdd")
        add.clicked.connect(self.add)
        withdraw = QPushButton(_("Geselecteerde toestemming intrekken"))
        withdraw.setObjectName("consentWithdraw")
        withdraw.clicked.connect(self.withdraw)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addWidget(withdraw, 0, Qt.AlignmentFlag.AlignLeading)
        layout.addLayout(form)
        layout.addWidget(add, 0, Qt.AlignmentFlag.AlignLeading)
        layout.addWidget(_buttons((_("Sluiten"), QDialogButtonBox.ButtonRole.RejectRole,
                                   self.reject)))
        self.resize(820, 480)
        self.refresh()

    def refresh(self) -> None:
        from intake_desktop.privacy.consent import TOPIC_NAMES, Topic, for_person

        self.records = for_person(self.window_.database, self.person_id)
        self.table.setRowCount(len(self.records))
        for row, record in enumerate(self.records):
            topic = (_(TOPIC_NAMES[Topic(record.topic)])
                     if record.topic in Topic._value2member_map_ else record.topic)
            cells = [
                topic,
                ", ".join(_(PARTNER_NAMES[p]) for p in Partner if p in record.shared_with) or "–",
                display_safe(record.explained_by),
                i18n.LANGUAGE_NAMES.get(record.language, record.language),
                i18n.format_datetime(record.given_at, format="short"),
                i18n.format_datetime(record.withdrawn_at, format="short")
                if record.withdrawn_at else "–",
            ]
            for column, text in enumerate(cells):
                self.table.setItem(row, column, QTableWidgetItem(text))
        self.table.resizeColumnsToContents()

    def add(self) -> None:
        from intake_desktop.privacy.consent import give

        if not self.explained_by.text().strip():
            show_problem(self, _("Niet vastgelegd"), _("Vul in wie de toestemming heeft uitgelegd."))
            return
        shared = frozenset(p for p, box in self.partners.items() if box.isChecked())
        give(self.window_.database, self.person_id, self.topic.currentData(), shared,
             self.explained_by.text().strip(), self.language.currentData(),
             actor=self.window_.actor())
        self.refresh()

    def withdraw(self) -> None:
        from intake_desktop.privacy.consent import withdraw

        row = self.table.currentRow()
        if 0 <= row < len(self.records):
            withdraw(self.window_.database, self.records[row].id, actor=self.window_.actor())
            self.refresh()


class PrivateNotesDialog(QDialog):
    """What the person told the signed-in staff member's organisation alone."""

    def __init__(self, window, intake_id: int) -> None:
        super().__init__(window)
        from intake_desktop.privacy.private_notes import partner_of

        self.setObjectName("privateNotesDialog")
        self.window_ = window
        self.intake_id = intake_id
        self.partner = partner_of(window.staff.organisation if window.staff else None)
        self.setWindowTitle(_("Privé-notities"))
        explanation = QLabel()
        explanation.setWordWrap(True)
        self.list = QListWidget()
        self.list.setObjectName("privateNotes")
        self.text = QPlainTextEdit()
        self.text.setObjectName("privateNoteText")
        self.text.setTabChangesFocus(True)
        self.add_button = QPushButton(_("Notitie toevoegen"))
        self.add_button.setObjectName("privateNoteAdd")
        self.add_button.clicked.connect(self.add)
        self.remove_button = QPushButton(_("Geselecteerde notitie verwijderen"))
        self.remove_button.clicked.connect(self.remove)
        layout = QVBoxLayout(self)
        layout.addWidget(explanation)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.remove_button, 0, Qt.AlignmentFlag.AlignLeading)
        layout.addWidget(self.text)
        layout.addWidget(self.add_button, 0, Qt.AlignmentFlag.AlignLeading)
        layout.addWidget(_buttons((_("Sluiten"), QDialogButtonBox.ButtonRole.RejectRole,
                                   self.reject)))
        if self.partner is None:
            explanation.setText(_("Alleen medewerkers van de gemeente, VluchtelingenWerk of het "
                                  "sociaal wijkteam kunnen privé-notities maken en lezen."))
            for widget in (self.text, self.add_button, self.remove_button):
                widget.setEnabled(False)
        else:
            explanation.setText(_(
                "Wat de persoon alleen aan {partner} vertelt. Alleen medewerkers van {partner} "
                "zien deze notities, en ze staan alleen in het exemplaar van het plan voor "
                "{partner}.").format(partner=isolate(_(PARTNER_NAMES[self.partner]))))
        self.resize(620, 460)
        self.refresh()

    def refresh(self) -> None:
        from intake_desktop.privacy.private_notes import notes_for

        self.list.clear()
        self.notes = notes_for(self.window_.database, self.intake_id, self.partner) \
            if self.partner else []
        for note in self.notes:
            item = QListWidgetItem(display_safe(note.text))
            item.setToolTip(i18n.format_datetime(note.created_at, format="short"))
            self.list.addItem(item)

    def add(self) -> None:
        from intake_desktop.privacy.private_notes import add

        text = self.text.toPlainText().strip()
        if not text:
            return
        try:
            add(self.window_.database, self.intake_id, self.partner, text,
                actor=self.window_.actor())
        except (ValueError, PermissionError) as error:
            show_problem(self, _("Niet opgeslagen"), _("De notitie is niet opgeslagen."),
                         str(error))
            return
        self.text.clear()
        self.refresh()

    def remove(self) -> None:
        from intake_desktop.privacy.private_notes import remove

        row = self.list.currentRow()
        if 0 <= row < len(self.notes):
            remove(self.window_.database, self.notes[row].id, actor=self.window_.actor())
            self.refresh()


def export_person_to(window, person_id: int, folder: Path) -> tuple[Path, Path]:
    """Write everything about one person: JSON for machines, a PDF for the person."""
    from intake_desktop.printing.output import write_pdf
    from intake_desktop.privacy.export import export_json, export_pdf, export_person

    data = export_person(window.database, window.questionnaire(), person_id)
    language = data["person"]["preferred_language"]
    json_path = folder / f"gegevens-persoon-{person_id}.json"
    pdf_path = folder / f"gegevens-persoon-{person_id}.pdf"
    write_pdf(json_path, export_json(data))
    write_pdf(pdf_path, export_pdf(data, language))
    window.log("export", person_id=person_id, detail="all data: json+pdf")
    return json_path, pdf_path


def export_person_interactively(window, person_id: int) -> None:
    from intake_desktop.printing.output import OutputError

    from intake_desktop.ui.plan_print import output_problem

    start = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    folder = QFileDialog.getExistingDirectory(window, _("Map voor de export kiezen"), start)
    if not folder:
        return
    try:
        json_path, pdf_path = export_person_to(window, person_id, Path(folder))
    except OutputError as error:
        show_problem(window, _("Exporteren mislukt"), output_problem(error), str(error))
        return
    show_message(window, "exportDone", _("Gegevens geëxporteerd"), _(
        "Alle gegevens van deze persoon staan nu in {json} (voor computers) en {pdf} (om te "
        "lezen). Deze bestanden zijn niet versleuteld: geef ze aan de persoon en bewaar geen "
        "kopie.").format(json=isolate(json_path.name), pdf=isolate(pdf_path.name)))


class PersonLogDialog(QDialog):
    """The access log about one person, in sentences in their language."""

    def __init__(self, window, person_id: int, language: str) -> None:
        super().__init__(window)
        from intake_desktop.security.audit import person_report

        self.setObjectName("personLogDialog")
        self.setWindowTitle(_("Wie heeft de gegevens gebruikt"))
        lines = person_report(window.database, person_id, language)
        self.text = QPlainTextEdit("\n".join(lines) if lines else "–")
        self.text.setObjectName("personLog")
        self.text.setReadOnly(True)
        self.text.setLayoutDirection(Qt.LayoutDirection.RightToLeft if i18n.is_rtl(language)
                                     else Qt.LayoutDirection.LeftToRight)
        layout = QVBoxLayout(self)
        layout.addWidget(self.text)
        layout.addWidget(_buttons((_("Sluiten"), QDialogButtonBox.ButtonRole.RejectRole,
                                   self.reject)))
        self.resize(640, 420)
        window.log("view", person_id=person_id, detail="access log of the person")


class EraseDialog(QDialog):
    """Deleting a person for good: typed confirmation, because it cannot be undone."""

    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("eraseDialog")
        self.setWindowTitle(_("Persoon verwijderen"))
        self.word = _("VERWIJDEREN")
        text = QLabel(_(
            "Alle gegevens van {name} worden verwijderd: de intake, de antwoorden, het plan, "
            "de afgedrukte versies, de toestemmingen en de privé-notities. Dit kan niet "
            "ongedaan worden gemaakt. In het logboek blijft alleen staan dat er een persoon "
            "is verwijderd. Typ {word} om te bevestigen.").format(
                name=isolate(display_safe(name)), word=isolate(self.word)))
        text.setWordWrap(True)
        self.confirm = QLineEdit()
        self.confirm.setObjectName("eraseConfirm")
        buttons = QDialogButtonBox()
        self.ok = buttons.addButton(_("Definitief verwijderen"),
                                    QDialogButtonBox.ButtonRole.AcceptRole)
        self.ok.setEnabled(False)
        buttons.addButton(_("Annuleren"), QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        # The Dutch word always works too: not every keyboard here types Arabic or Ge'ez.
        self.confirm.textChanged.connect(
            lambda text: self.ok.setEnabled(text.strip() in (self.word, "VERWIJDEREN")))
        layout = QVBoxLayout(self)
        layout.addWidget(text)
        layout.addWidget(self.confirm)
        layout.addWidget(buttons)


class RetentionDialog(QDialog):
    """Records past the beheerder's retention term, deleted only after confirmation."""

    def __init__(self, window) -> None:
        super().__init__(window)
        import datetime as dt

        from intake_desktop.privacy.retention import overdue, retention_months

        self.setObjectName("retentionDialog")
        self.window_ = window
        self.today = dt.date.today()
        self.setWindowTitle(_("Bewaartermijn verlopen"))
        months = retention_months(window.database)
        self.due = overdue(window.database, self.today)
        intro = QLabel(i18n.ngettext(
            "De bewaartermijn is {months} maand na het laatste contact.",
            "De bewaartermijn is {months} maanden na het laatste contact.", months
        ).format(months=months))
        self.list = QListWidget()
        self.list.setObjectName("overdueList")
        for due in self.due:
            item = QListWidgetItem(_("{name}: laatste contact {date}").format(
                name=isolate(display_safe(due.name)),
                date=i18n.format_date(due.last_activity.date(), format="medium")))
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            self.list.addItem(item)
        empty = QLabel(_("Er zijn geen gegevens waarvan de bewaartermijn is verlopen."))
        empty.setVisible(not self.due)
        self.erase_button = QPushButton(_("Aangevinkte personen verwijderen…"))
        self.erase_button.setObjectName("eraseOverdue")
        self.erase_button.setEnabled(bool(self.due))
        self.erase_button.clicked.connect(self.erase_checked)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(empty)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.erase_button, 0, Qt.AlignmentFlag.AlignLeading)
        layout.addWidget(_buttons((_("Sluiten"), QDialogButtonBox.ButtonRole.RejectRole,
                                   self.reject)))
        self.resize(560, 420)

    def checked(self) -> list[int]:
        return [due.person_id for row, due in enumerate(self.due)
                if self.list.item(row).checkState() == Qt.CheckState.Checked]

    def erase_checked(self) -> None:
        from intake_desktop.privacy.retention import erase_due

        chosen = self.checked()
        if not chosen:
            return
        if not confirm(self, "confirmRetentionErase", _("Personen verwijderen"),
                       i18n.ngettext("{count} persoon definitief verwijderen?",
                                     "{count} personen definitief verwijderen?", len(chosen)
                                     ).format(count=len(chosen)),
                       yes=_("Verwijderen")):
            return
        erase_due(self.window_.database, chosen, self.today, actor=self.window_.actor())
        self.window_.refresh()
        self.accept()
