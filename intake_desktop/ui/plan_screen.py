"""The plan van aanpak at the table: the whole plan, then each leefdomein.

Every change is saved as it is made (typed text shortly after typing stops),
so printing, leaving or a crash never loses an agreement.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, QLocale, QSize, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFormLayout,
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSplitter,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from intake_desktop import i18n
from intake_desktop.i18n import _, isolate
from intake_desktop.plan.labels import (
    LEERROUTE_NAMES,
    OWNER_NAMES,
    PARTNER_NAMES,
    PIP_NAMES,
    STATUS_NAMES,
)
from intake_desktop.plan.model import MAX_TEXT_LENGTH, Action
from intake_desktop.plan.session import PlanSession
from intake_desktop.questionnaire import Domain
from intake_desktop.store.choices import ActionStatus, Leerroute, Owner, Partner, PipElement
from intake_desktop.text_input import display_safe

from intake_desktop.ui.autosave import TextAutosave
from intake_desktop.ui.errors import show_problem
from intake_desktop.ui.score_chart import ScoreChart
from intake_desktop.ui.text import heading_label, pictogram, set_directed

NO_DATE = QDate(2000, 1, 1)


def _date_edit(name: str) -> QDateEdit:
    """A date field that can also say "no date" (its minimum)."""
    edit = QDateEdit()
    edit.setObjectName(name)
    # Western digits, left to right, as everywhere else on screen and in print.
    edit.setLocale(QLocale.c())
    edit.setLayoutDirection(Qt.LayoutDirection.LeftToRight)
    edit.setDisplayFormat("dd-MM-yyyy")
    edit.setCalendarPopup(True)
    edit.setMinimumDate(NO_DATE)
    edit.setMaximumDate(QDate(2100, 12, 31))
    edit.setSpecialValueText(_("geen datum"))
    return edit


def _set_date(edit: QDateEdit, value: dt.date | None) -> None:
    edit.setDate(QDate(value.year, value.month, value.day) if value else NO_DATE)


def _date_of(edit: QDateEdit) -> dt.date | None:
    date = edit.date()
    return None if date == NO_DATE else dt.date(date.year(), date.month(), date.day())


class _Saving:
    """Runs a save and, when it fails, tells the user that their input is still there."""

    def _try(self, save, *args, **kwargs):
        try:
            return save(*args, **kwargs)
        except ValueError:
            show_problem(self, _("Niet opgeslagen"),
                         _("Deze tekst is te lang of ongeldig en is niet opgeslagen. "
                           "Wat eerder was opgeslagen, blijft bewaard."))
        except Exception as exc:  # noqa: BLE001 - disk full, locked file: tell, keep input
            show_problem(self, _("Niet opgeslagen"),
                         _("De wijziging is niet opgeslagen. Wat u typte staat er nog; "
                           "probeer het opnieuw."), str(exc))
        return None


class PlanScreen(QWidget, _Saving):
    closed = Signal()
    print_requested = Signal()
    save_requested = Signal()
    versions_requested = Signal()

    def __init__(self, plan: PlanSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("planScreen")
        self.plan = plan
        self.page: PlanPage | DomainPlanPage | None = None

        self.name_label = heading_label("personName")
        self.print_button = QPushButton()
        self.print_button.setObjectName("printButton")
        self.print_button.clicked.connect(self._request(self.print_requested))
        self.save_button = QPushButton()
        self.save_button.setObjectName("savePdfButton")
        self.save_button.clicked.connect(self._request(self.save_requested))
        self.versions_button = QPushButton()
        self.versions_button.setObjectName("versionsButton")
        self.versions_button.clicked.connect(self._request(self.versions_requested))
        self.back_button = QPushButton()
        self.back_button.setObjectName("backToIntakeButton")
        self.back_button.clicked.connect(self.close_plan)
        header = QHBoxLayout()
        header.addWidget(self.name_label, 1)
        for button in (self.print_button, self.save_button, self.versions_button,
                       self.back_button):
            header.addWidget(button)

        self.navigator = QListWidget()
        self.navigator.setObjectName("planNavigator")
        self.navigator.setIconSize(QSize(36, 36))
        self.navigator.setMinimumWidth(260)
        self.navigator.setWordWrap(True)
        self.navigator.addItem(QListWidgetItem(pictogram("domain-toestemming"), ""))
        for domain in plan.domains:
            self.navigator.addItem(QListWidgetItem(pictogram(domain.pictogram), ""))
        self.navigator.currentRowChanged.connect(self._chosen)
        self.scroll = QScrollArea()
        self.scroll.setObjectName("planPane")
        self.scroll.setWidgetResizable(True)
        splitter = QSplitter()
        splitter.addWidget(self.navigator)
        splitter.addWidget(self.scroll)
        splitter.setStretchFactor(1, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(header)
        layout.addWidget(splitter, 1)
        self.retranslate()
        self.navigator.setCurrentRow(0)

    def _request(self, signal):
        def emit() -> None:
            self.flush()
            signal.emit()
        return emit

    def retranslate(self) -> None:
        self.name_label.setText(_("Plan van aanpak: {name}").format(
            name=isolate(display_safe(self.plan.intake.summary.person_name))))
        self.print_button.setText(_("&Afdrukken…"))
        self.save_button.setText(_("Opslaan als &PDF…"))
        self.versions_button.setText(_("&Versies…"))
        self.versions_button.setToolTip(_("Eerder afgedrukte versies van dit plan bekijken"))
        self.back_button.setText(_("Terug naar de &intake"))
        self.navigator.setAccessibleName(_("Onderdelen van het plan"))
        self.update_navigator()
        if self.page is not None:
            self.page.retranslate()

    def update_navigator(self) -> None:
        self.navigator.item(0).setText(_("Het hele plan\nregie, leerroute, evaluatie"))
        actions = self.plan.actions()
        for row, domain in enumerate(self.plan.domains, start=1):
            count = sum(1 for a in actions if a.domain_id == domain.id)
            self.navigator.item(row).setText(
                _(domain.title) + "\n" + i18n.ngettext("{count} afspraak", "{count} afspraken",
                                                      count).format(count=count))

    def _chosen(self, row: int) -> None:
        if row < 0:
            return
        self.flush()
        if row == 0:
            self.page = PlanPage(self.plan)
        else:
            self.page = DomainPlanPage(self.plan, self.plan.domains[row - 1])
            self.page.actions_changed.connect(self.update_navigator)
        self.scroll.setWidget(self.page)

    def show_domain(self, domain_id: str) -> None:
        row = 1 + next(i for i, d in enumerate(self.plan.domains) if d.id == domain_id)
        self.navigator.setCurrentRow(row)

    def flush(self) -> None:
        if self.page is not None:
            self.page.flush()

    def close_plan(self) -> None:
        self.flush()
        self.closed.emit()


class PlanPage(QWidget, _Saving):
    """What the plan says as a whole: who leads, the leerroute and PIP, the next evaluation."""

    def __init__(self, plan: PlanSession) -> None:
        super().__init__()
        self.setObjectName("planPage")
        self.plan = plan
        fields = plan.fields
        self.lead = QComboBox()
        self.lead.setObjectName("leadPartner")
        self.lead.addItem("", None)
        for partner in Partner:
            self.lead.addItem("", partner)
        self.lead.setCurrentIndex(self.lead.findData(fields.lead) if fields.lead else 0)
        self.lead.currentIndexChanged.connect(self._save_fields)
        self.lead_reason = QPlainTextEdit(fields.lead_reason)
        self.lead_reason.setObjectName("leadReason")
        self.lead_reason.setTabChangesFocus(True)
        self.lead_reason.setMaximumHeight(90)
        self._reason_saver = TextAutosave(self.lead_reason, lambda _t: self._save_fields())
        self.leerroute = QComboBox()
        self.leerroute.setObjectName("leerroute")
        self.leerroute.addItem("", None)
        for route in Leerroute:
            self.leerroute.addItem("", route)
        self.leerroute.setCurrentIndex(
            self.leerroute.findData(fields.leerroute) if fields.leerroute else 0)
        self.leerroute.currentIndexChanged.connect(self._save_fields)
        self.pip_boxes: dict[PipElement, QCheckBox] = {}
        pip_layout = QVBoxLayout()
        for element in PipElement:
            box = QCheckBox()
            box.setObjectName(f"pip:{element.value}")
            box.setChecked(element in fields.pip)
            box.toggled.connect(self._save_fields)
            self.pip_boxes[element] = box
            pip_layout.addWidget(box)
        self.evaluation = _date_edit("nextEvaluation")
        self.evaluation.setMaximumWidth(200)
        _set_date(self.evaluation, fields.next_evaluation)
        self.evaluation.dateChanged.connect(self._save_fields)

        self.form = QFormLayout()
        self.lead_label, self.reason_label = QLabel(), QLabel()
        self.route_label, self.pip_label, self.evaluation_label = QLabel(), QLabel(), QLabel()
        self.lead_label.setBuddy(self.lead)
        self.reason_label.setBuddy(self.lead_reason)
        self.route_label.setBuddy(self.leerroute)
        self.evaluation_label.setBuddy(self.evaluation)
        self.form.addRow(self.lead_label, self.lead)
        self.form.addRow(self.reason_label, self.lead_reason)
        self.form.addRow(self.route_label, self.leerroute)
        self.form.addRow(self.pip_label, pip_layout)
        self.form.addRow(self.evaluation_label, self.evaluation)

        self.chart_title = QLabel()
        self.chart_title.setObjectName("chartTitle")
        self.chart = ScoreChart()
        self.chart_hint = QLabel()
        self.chart_hint.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addSpacing(12)
        layout.addWidget(self.chart_title)
        layout.addWidget(self.chart)
        layout.addWidget(self.chart_hint)
        layout.addStretch(1)
        self.retranslate()

    def retranslate(self) -> None:
        self.lead_label.setText(_("&Regie bij"))
        self.lead.setItemText(0, _("nog niet gekozen"))
        for index, partner in enumerate(Partner, start=1):
            self.lead.setItemText(index, _(PARTNER_NAMES[partner]))
        self.lead.setAccessibleName(_("Regie bij"))
        self.reason_label.setText(_("&Waarom deze partner"))
        self.lead_reason.setAccessibleName(_("Waarom deze partner"))
        self.lead_reason.setPlaceholderText(
            _("Bijvoorbeeld: zorg gaat nu voor, of: de persoon kan op weg naar werk"))
        self.route_label.setText(_("&Leerroute"))
        self.leerroute.setAccessibleName(_("Leerroute"))
        self.leerroute.setItemText(0, _("nog niet bekend"))
        for index, route in enumerate(Leerroute, start=1):
            self.leerroute.setItemText(index, _(LEERROUTE_NAMES[route]))
        self.pip_label.setText(_("In het PIP"))
        for element, box in self.pip_boxes.items():
            box.setText(_(PIP_NAMES[element]))
        if PipElement.MAP in self.pip_boxes:
            self.pip_boxes[PipElement.MAP].setToolTip(_("Niet in de onderwijsroute"))
        self.evaluation_label.setText(_("Volgende &evaluatie"))
        self.evaluation.setSpecialValueText(_("geen datum"))
        self.evaluation.setAccessibleName(_("Volgende evaluatie"))
        self.chart_title.setText("<b>" + _("Scores per leefdomein") + "</b>")
        self.chart_hint.setText(_("Blauw: de score van het team. Oranje: de eigen score van de "
                                  "persoon. 1 betekent grote zorgen, 5 betekent dat het goed gaat."))
        rows = []
        for domain in self.plan.domains:
            scores = self.plan.intake.scores(domain)
            if scores.team or scores.person:
                rows.append((_(domain.title), scores.team, scores.person))
        self.chart.set_rows(rows)

    def _save_fields(self) -> None:
        self._try(
            self.plan.update_fields,
            lead=self.lead.currentData(),
            lead_reason=self.lead_reason.toPlainText()[:MAX_TEXT_LENGTH],
            leerroute=self.leerroute.currentData(),
            pip=frozenset(e for e, box in self.pip_boxes.items() if box.isChecked()),
            next_evaluation=_date_of(self.evaluation),
        )

    def flush(self) -> None:
        self._reason_saver.flush()


class DomainPlanPage(QWidget, _Saving):
    """One leefdomein of the plan: scores, the situation, the goal, sharing and actions."""

    actions_changed = Signal()

    def __init__(self, plan: PlanSession, domain: Domain) -> None:
        super().__init__()
        self.setObjectName(f"planDomain:{domain.id}")
        self.plan = plan
        self.domain = domain
        self.title = QLabel()
        self.title.setObjectName("domainTitle")
        self.icon = QLabel()
        self.icon.setPixmap(pictogram(domain.pictogram).pixmap(40, 40))
        self.scores = QLabel()
        self.scores.setObjectName("domainScores")
        self.scores.setWordWrap(True)

        self.goal_label = QLabel()
        self.goal = QLineEdit(plan.goal(domain))
        self.goal.setObjectName("goal")
        self.goal.setMaxLength(MAX_TEXT_LENGTH)
        self._goal_saver = TextAutosave(self.goal, self._save_goal)
        self.goal_label.setBuddy(self.goal)

        self.summary_label = QLabel()
        summary, edited = plan.summary(domain)
        self.summary = QPlainTextEdit(summary)
        self.summary.setObjectName("summary")
        self.summary.setTabChangesFocus(True)
        self.summary.setMinimumHeight(110)
        self._summary_saver = TextAutosave(self.summary, self._save_summary)
        self.summary_label.setBuddy(self.summary)
        self.summary_state = QLabel()
        self.summary_state.setObjectName("summaryState")
        self.redraft = QPushButton()
        self.redraft.setObjectName("redraftSummary")
        self.redraft.clicked.connect(self._redraft)
        self._summary_edited = edited

        self.sharing = QGroupBox()
        self.sharing.setObjectName("sharing")
        sharing_layout = QHBoxLayout(self.sharing)
        shared = plan.shared_with(domain)
        self.share_boxes: dict[Partner, QCheckBox] = {}
        for partner in Partner:
            box = QCheckBox()
            box.setObjectName(f"share:{partner.value}")
            box.setChecked(partner in shared)
            box.toggled.connect(self._save_sharing)
            self.share_boxes[partner] = box
            sharing_layout.addWidget(box)
        self.sharing_hint = QLabel()
        self.sharing_hint.setWordWrap(True)

        self.actions_box = QGroupBox()
        self.actions_box.setObjectName("actions")
        self.actions_layout = QVBoxLayout(self.actions_box)
        self.rows: list[ActionRow] = []
        for action in plan.actions(domain):
            self._add_row(action)
        self.add_button = QPushButton()
        self.add_button.setObjectName("addAction")
        self.add_button.clicked.connect(self.add_action)
        self.actions_layout.addWidget(self.add_button, 0, Qt.AlignmentFlag.AlignLeading)

        title_row = QHBoxLayout()
        title_row.addWidget(self.icon)
        title_row.addWidget(self.title, 1)
        summary_row = QHBoxLayout()
        summary_row.addWidget(self.summary_state, 1)
        summary_row.addWidget(self.redraft)
        layout = QVBoxLayout(self)
        layout.addLayout(title_row)
        layout.addWidget(self.scores)
        layout.addWidget(self.goal_label)
        layout.addWidget(self.goal)
        layout.addWidget(self.summary_label)
        layout.addWidget(self.summary)
        layout.addLayout(summary_row)
        layout.addWidget(self.sharing)
        layout.addWidget(self.sharing_hint)
        layout.addWidget(self.actions_box)
        layout.addStretch(1)
        self.retranslate()

    def retranslate(self) -> None:
        domain, scales = self.domain, self.plan.questionnaire.scales
        set_directed(self.title, _(domain.title), i18n.current_language(), bold=True)
        scores = self.plan.intake.scores(domain)
        team = (_("Score van het team: {score} – {label}").format(
            score=scores.team, label=_(scales.team_levels[scores.team]))
            if scores.team else _("Score van het team: nog geen score"))
        person = (_("Eigen score: {score} – {label}").format(
            score=scores.person, label=_(scales.person_labels[scores.person]))
            if scores.person else _("Eigen score: nog geen score"))
        self.scores.setText(team + "\n" + person)
        self.goal_label.setText(_("&Doel, in de woorden van de persoon"))
        self.goal.setAccessibleName(_("Doel, in de woorden van de persoon"))
        self.summary_label.setText(_("&Situatie"))
        self.summary.setAccessibleName(_("Situatie"))
        self.summary_state.setText(
            _("Door het team aangepast.") if self._summary_edited
            else _("Concept, gemaakt uit de antwoorden. Pas het aan tot een korte samenvatting."))
        self.redraft.setText(_("Opnieuw maken uit de antwoorden"))
        self.redraft.setEnabled(self._summary_edited)
        self.sharing.setTitle(_("Mag gedeeld worden met"))
        for partner, box in self.share_boxes.items():
            box.setText(_(PARTNER_NAMES[partner]))
        self.sharing_hint.setText(_("Een partner die hier niet is aangevinkt, krijgt dit "
                                    "leefdomein niet in zijn exemplaar van het plan."))
        self.actions_box.setTitle(_("Afspraken: wie doet wat"))
        self.add_button.setText(_("Afspraak &toevoegen"))
        for row in self.rows:
            row.retranslate()

    # --- saving ------------------------------------------------------------------------------

    def _save_goal(self, text: str) -> None:
        self._try(self.plan.set_goal, self.domain, text)

    def _save_summary(self, text: str) -> None:
        self._try(self.plan.set_summary, self.domain, text)
        stored, edited = self.plan.summary(self.domain)
        if edited and stored == text:
            self._summary_edited = True
            self.redraft.setEnabled(True)
            self.summary_state.setText(_("Door het team aangepast."))

    def _redraft(self) -> None:
        self._summary_saver.cancel()
        self._try(self.plan.set_summary, self.domain, None)
        self._summary_edited = False
        text, _edited = self.plan.summary(self.domain)
        self.summary.blockSignals(True)
        self.summary.setPlainText(text)
        self.summary.blockSignals(False)
        self.retranslate()

    def _save_sharing(self) -> None:
        chosen = frozenset(p for p, box in self.share_boxes.items() if box.isChecked())
        self._try(self.plan.set_shared_with, self.domain, chosen)

    def add_action(self) -> None:
        action = self._try(self.plan.add_action, self.domain)
        if action is None:
            return
        row = self._add_row(action)
        row.description.setFocus()
        self.actions_changed.emit()

    def _add_row(self, action: Action) -> ActionRow:
        row = ActionRow(self.plan, action)
        row.removed.connect(self._remove_row)
        self.actions_layout.insertWidget(len(self.rows), row)
        self.rows.append(row)
        return row

    def _remove_row(self, row: ActionRow) -> None:
        self.rows.remove(row)
        row.deleteLater()
        self.actions_changed.emit()

    def flush(self) -> None:
        self._goal_saver.flush()
        self._summary_saver.flush()
        for row in self.rows:
            row.flush()


class ActionRow(QFrame, _Saving):
    """One agreement: what, who, by when, how far."""

    removed = Signal(object)

    def __init__(self, plan: PlanSession, action: Action) -> None:
        super().__init__()
        self.setObjectName(f"action:{action.id}")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.plan = plan
        self.action_id = action.id
        self.description = QLineEdit(action.description)
        self.description.setObjectName("actionDescription")
        self.description.setMaxLength(2000)
        self._description_saver = TextAutosave(
            self.description, lambda text: self._update(description=text))
        self.owner = QComboBox()
        self.owner.setObjectName("actionOwner")
        for owner in Owner:
            self.owner.addItem("", owner)
        self.owner.setCurrentIndex(self.owner.findData(action.owner))
        self.owner.currentIndexChanged.connect(lambda: self._update(owner=self.owner.currentData()))
        self.owner_name = QLineEdit(action.owner_name or "")
        self.owner_name.setObjectName("actionOwnerName")
        self.owner_name.setMaxLength(200)
        self._owner_name_saver = TextAutosave(
            self.owner_name, lambda text: self._update(owner_name=text.strip() or None))
        self.due = _date_edit("actionDue")
        _set_date(self.due, action.due_date)
        self.due.dateChanged.connect(lambda: self._update(due_date=_date_of(self.due)))
        self.status = QComboBox()
        self.status.setObjectName("actionStatus")
        for status in ActionStatus:
            self.status.addItem("", status)
        self.status.setCurrentIndex(self.status.findData(action.status))
        self.status.currentIndexChanged.connect(
            lambda: self._update(status=self.status.currentData()))
        self.remove = QToolButton()
        self.remove.setObjectName("removeAction")
        self.remove.setText("✕")
        self.remove.clicked.connect(self._remove)

        grid = QGridLayout(self)
        grid.addWidget(self.description, 0, 0, 1, 4)
        grid.addWidget(self.remove, 0, 4)
        grid.addWidget(self.owner, 1, 0)
        grid.addWidget(self.owner_name, 1, 1)
        grid.addWidget(self.due, 1, 2)
        grid.addWidget(self.status, 1, 3)
        grid.setColumnStretch(1, 1)
        self.retranslate()

    def retranslate(self) -> None:
        self.description.setPlaceholderText(_("Wat wordt er gedaan?"))
        self.description.setAccessibleName(_("Wat wordt er gedaan?"))
        for index, owner in enumerate(Owner):
            self.owner.setItemText(index, _(OWNER_NAMES[owner]))
        self.owner.setAccessibleName(_("Wie doet het"))
        self.owner_name.setPlaceholderText(_("Naam van de partij of contactpersoon"))
        self.owner_name.setAccessibleName(_("Naam van de partij of contactpersoon"))
        self.due.setAccessibleName(_("Wanneer klaar"))
        self.due.setSpecialValueText(_("geen datum"))
        for index, status in enumerate(ActionStatus):
            self.status.setItemText(index, _(STATUS_NAMES[status]))
        self.status.setAccessibleName(_("Status"))
        self.remove.setToolTip(_("Afspraak verwijderen"))
        self.remove.setAccessibleName(_("Afspraak verwijderen"))

    def _update(self, **changes) -> None:
        self._try(self.plan.update_action, self.action_id, **changes)

    def _remove(self) -> None:
        self._description_saver.cancel()
        self._owner_name_saver.cancel()
        self._try(self.plan.remove_action, self.action_id)
        self.removed.emit(self)

    def flush(self) -> None:
        self._description_saver.flush()
        self._owner_name_saver.flush()
