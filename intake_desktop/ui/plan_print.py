"""Printing and saving the plan, and looking back at earlier printed versions.

The PDF is made in memory and goes to the printer or to the file the user
chose; each print is recorded with its version, time and the staff member.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import QObject, QStandardPaths
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from intake_desktop import i18n
from intake_desktop.i18n import _, isolate
from intake_desktop.plan.copies import COPY_NAMES, Copy
from intake_desktop.plan.labels import ORGANISATION_NAMES
from intake_desktop.plan.session import PlanSession
from intake_desktop.store.choices import Organisation
from intake_desktop.text_input import display_safe

from intake_desktop.ui.errors import show_problem
from intake_desktop.ui.pdf_pages import PdfPreview


def output_problem(error) -> str:
    """What went wrong writing a PDF, in words the user can act on."""
    return {
        "disk_full": _("De schijf is vol. Het plan is niet opgeslagen; maak ruimte vrij of "
                       "kies een andere plek."),
        "not_writable": _("In deze map mag niet worden geschreven. Kies een andere plek."),
    }.get(error.reason, _("Het plan kon niet worden opgeslagen."))


class CopiesDialog(QDialog):
    """Which copies, and who prints them. Offers a preview before the real thing."""

    def __init__(self, plan: PlanSession, settings, action_text: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("copiesDialog")
        self.plan = plan
        self.setWindowTitle(_("Plan van aanpak"))
        self.copy_boxes: dict[Copy, QCheckBox] = {}
        group = QGroupBox(_("Exemplaren"))
        group_layout = QVBoxLayout(group)
        for copy in Copy:
            box = QCheckBox(_(COPY_NAMES[copy]) if copy is not Copy.PERSON else
                            _("Exemplaar voor de persoon: {language} met Nederlands")
                            .format(language=isolate(i18n.LANGUAGE_NAMES[
                                plan.intake.summary.preferred_language])))
            box.setObjectName(f"copy:{copy.value}")
            box.setChecked(True)
            box.toggled.connect(self._validate)
            self.copy_boxes[copy] = box
            group_layout.addWidget(box)
        self.printed_by = QLineEdit(settings.printed_by or "")
        self.printed_by.setObjectName("printedBy")
        self.printed_by.setMaxLength(200)
        self.printed_by.textChanged.connect(self._validate)
        self.organisation = QComboBox()
        self.organisation.setObjectName("printedByOrganisation")
        for organisation in Organisation:
            self.organisation.addItem(_(ORGANISATION_NAMES[organisation]), organisation)
        if settings.printed_by_organisation:
            found = self.organisation.findData(Organisation(settings.printed_by_organisation))
            self.organisation.setCurrentIndex(max(found, 0))
        form = QFormLayout()
        form.addRow(_("Afgedrukt door"), self.printed_by)
        form.addRow(_("Organisatie"), self.organisation)
        self.problem = QLabel()
        self.problem.setObjectName("copiesProblem")
        self.problem.setStyleSheet("color: #a40000;")
        self.buttons = QDialogButtonBox()
        self.go = self.buttons.addButton(action_text, QDialogButtonBox.ButtonRole.AcceptRole)
        self.go.setObjectName("copiesGo")
        self.preview_button = QPushButton(_("&Voorbeeld"))
        self.preview_button.setObjectName("previewButton")
        self.buttons.addButton(self.preview_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.buttons.addButton(_("Annuleren"), QDialogButtonBox.ButtonRole.RejectRole)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(group)
        layout.addLayout(form)
        layout.addWidget(self.problem)
        layout.addWidget(self.buttons)
        self._validate()

    def copies(self) -> list[Copy]:
        return [copy for copy, box in self.copy_boxes.items() if box.isChecked()]

    def who(self) -> tuple[str, Organisation]:
        return self.printed_by.text().strip(), self.organisation.currentData()

    def _validate(self) -> None:
        if not self.copies():
            problem = _("Kies ten minste één exemplaar.")
        elif not self.printed_by.text().strip():
            problem = _("Vul uw naam in: elke afdruk wordt vastgelegd.")
        else:
            problem = ""
        self.problem.setText(problem)
        self.go.setEnabled(not problem)
        self.preview_button.setEnabled(bool(self.copies()))


class PlanPrinting(QObject):
    """Connects the plan screen's print, save and versions buttons to the output."""

    def __init__(self, screen, settings, data_dir: Path) -> None:
        super().__init__(screen)
        self.screen = screen
        self.plan: PlanSession = screen.plan
        self.settings = settings
        self.data_dir = data_dir
        screen.print_requested.connect(self.print_plan)
        screen.save_requested.connect(self.save_plan)
        screen.versions_requested.connect(self.show_versions)

    # --- making the PDF ----------------------------------------------------------------------

    def _render(self, copies: list[Copy]) -> tuple[dict, int, bytes]:
        from intake_desktop.printing.plan_document import PrintInfo, render_plan

        snapshot = self.plan.snapshot()
        version = self.plan.next_version_number(snapshot)
        info = PrintInfo(version=version, printed_at=dt.datetime.now(dt.UTC))
        return snapshot, version, render_plan(snapshot, copies, info)

    def _ask(self, action_text: str) -> CopiesDialog | None:
        dialog = CopiesDialog(self.plan, self.settings, action_text, self.screen)
        dialog.preview_button.clicked.connect(lambda: self._preview(dialog.copies()))
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        self.settings.printed_by = dialog.printed_by.text().strip()
        self.settings.printed_by_organisation = dialog.organisation.currentData().value
        try:
            self.settings.save(self.data_dir)
        except OSError:
            pass  # remembering the name is a convenience, not worth stopping a print
        return dialog

    def _preview(self, copies: list[Copy]) -> None:
        _snapshot, version, data = self._render(copies)
        PdfPreview(data, _("Voorbeeld van versie {version}").format(version=version),
                   self.screen).exec()

    # --- the outputs (also driven directly by the tests) ---------------------------------------

    def print_to(self, printer, copies: list[Copy], printed_by: str,
                 organisation: Organisation | None) -> int:
        from intake_desktop.ui.pdf_pages import print_pdf

        snapshot, _version, data = self._render(copies)
        print_pdf(data, printer)
        number = self.plan.record_print(snapshot, printed_by=printed_by,
                                        organisation=organisation,
                                        copies=[c.value for c in copies], destination="printer")
        self._log("print", number, copies)
        return number

    def save_to(self, path: Path, copies: list[Copy], printed_by: str,
                organisation: Organisation | None) -> int:
        """Write the PDF; raises OutputError, and then nothing is recorded."""
        from intake_desktop.printing.output import write_pdf

        snapshot, _version, data = self._render(copies)
        write_pdf(path, data)
        number = self.plan.record_print(snapshot, printed_by=printed_by,
                                        organisation=organisation,
                                        copies=[c.value for c in copies], destination="pdf")
        self._log("export", number, copies)
        return number

    def _log(self, action: str, version: int, copies: list[Copy]) -> None:
        window = self.screen.window()
        if hasattr(window, "log"):
            window.log(action, person_id=self.plan.intake.summary.person_id,
                       detail=f"plan v{version}: {','.join(c.value for c in copies)}")

    # --- the buttons -------------------------------------------------------------------------

    def print_plan(self) -> None:
        from PySide6.QtPrintSupport import QPrintDialog, QPrinter

        dialog = self._ask(_("&Afdrukken…"))
        if dialog is None:
            return
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setDocName(_("Plan van aanpak"))
        chooser = QPrintDialog(printer, self.screen)
        chooser.setWindowTitle(_("Plan van aanpak afdrukken"))
        if chooser.exec() != QDialog.DialogCode.Accepted:
            return
        try:
            number = self.print_to(printer, dialog.copies(), *dialog.who())
        except Exception as exc:  # noqa: BLE001 - told to the user; the plan itself is saved
            show_problem(self.screen, _("Afdrukken mislukt"),
                         _("Het plan is niet afgedrukt. Het plan zelf is bewaard."), str(exc))
            return
        self.screen.window().statusBar().showMessage(
            _("Versie {version} van het plan is naar de printer gestuurd.").format(
                version=number), 8000)

    def save_plan(self) -> None:
        from intake_desktop.printing.output import OutputError

        dialog = self._ask(_("&Opslaan…"))
        if dialog is None:
            return
        version = self.plan.next_version_number(self.plan.snapshot())
        folder = QStandardPaths.writableLocation(
            QStandardPaths.StandardLocation.DocumentsLocation) or str(Path.home())
        # Plain letters only: the file may be mailed or opened on any system.
        suggested = str(Path(folder) / f"plan-van-aanpak-{self.plan.intake_id}-v{version}.pdf")
        path, _filter = QFileDialog.getSaveFileName(
            self.screen, _("Plan opslaan als PDF"), suggested, _("PDF-bestanden (*.pdf)"))
        if not path:
            return
        if not path.lower().endswith(".pdf"):
            path += ".pdf"
        try:
            number = self.save_to(Path(path), dialog.copies(), *dialog.who())
        except OutputError as error:
            show_problem(self.screen, _("Opslaan mislukt"), output_problem(error), str(error))
            return
        self.screen.window().statusBar().showMessage(
            _("Versie {version} van het plan is opgeslagen in {file}.").format(
                version=number, file=isolate(path)), 8000)

    def show_versions(self) -> None:
        VersionsDialog(self.plan, self.screen).exec()


class VersionsDialog(QDialog):
    """Every printed version, with who printed which copies when; each can be looked at."""

    def __init__(self, plan: PlanSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("versionsDialog")
        self.plan = plan
        self.setWindowTitle(_("Afgedrukte versies"))
        self.tree = QTreeWidget()
        self.tree.setObjectName("versionsTree")
        self.tree.setHeaderLabels([_("Versie"), _("Wanneer"), _("Door"), _("Exemplaren")])
        self.created: dict[int, object] = {}
        for version in plan.versions():
            self.created[version.number] = version.created_at
            item = QTreeWidgetItem([
                _("Versie {version}").format(version=version.number),
                i18n.format_datetime(version.created_at, format="short"), "", "",
            ])
            item.setData(0, 256, version.number)
            for record in version.prints:
                copies = ", ".join(_(COPY_NAMES[Copy(c)]) for c in record.copies)
                kind = _("afgedrukt") if record.destination == "printer" else _("als PDF")
                item.addChild(QTreeWidgetItem([
                    kind, i18n.format_datetime(record.printed_at, format="short"),
                    display_safe(record.printed_by), copies,
                ]))
            self.tree.addTopLevelItem(item)
            item.setExpanded(True)
        self.empty = QLabel(_("Dit plan is nog niet afgedrukt."))
        self.empty.setVisible(self.tree.topLevelItemCount() == 0)
        self.copy_box = QComboBox()
        self.copy_box.setObjectName("versionCopy")
        for copy in Copy:
            self.copy_box.addItem(_(COPY_NAMES[copy]), copy)
        self.copy_box.setCurrentIndex(self.copy_box.findData(Copy.PERSON))
        self.view_button = QPushButton(_("&Bekijken"))
        self.view_button.setObjectName("viewVersion")
        self.view_button.clicked.connect(self.view_selected)
        self.view_button.setEnabled(self.tree.topLevelItemCount() > 0)
        if self.tree.topLevelItemCount():
            self.tree.setCurrentItem(self.tree.topLevelItem(0))
        buttons = QDialogButtonBox()
        buttons.addButton(_("Sluiten"), QDialogButtonBox.ButtonRole.RejectRole)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.empty)
        layout.addWidget(self.tree, 1)
        row = QFormLayout()
        row.addRow(_("Exemplaar"), self.copy_box)
        layout.addLayout(row)
        layout.addWidget(self.view_button)
        layout.addWidget(buttons)
        self.resize(720, 420)

    def selected_version(self) -> int | None:
        item = self.tree.currentItem()
        while item is not None and item.parent() is not None:
            item = item.parent()
        return None if item is None else item.data(0, 256)

    def render_selected(self) -> bytes | None:
        from intake_desktop.printing.plan_document import PrintInfo, render_plan

        number = self.selected_version()
        if number is None:
            return None
        snapshot = self.plan.version_snapshot(number)
        created = self.created[number]
        return render_plan(snapshot, [self.copy_box.currentData()],
                           PrintInfo(version=number, printed_at=created))

    def view_selected(self) -> None:
        data = self.render_selected()
        if data is not None:
            PdfPreview(data, _("Versie {version}").format(version=self.selected_version()),
                       self).exec()
