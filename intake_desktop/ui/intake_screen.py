"""The intake at the table: the leefdomeinen on one side, their questions on the other.

The person's language and the interface language are separate: staff read the
interface, the person reads each question in their own language with Dutch
beside it, and any single question can be switched to another language.
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from intake_desktop import i18n
from intake_desktop.i18n import _, isolate
from intake_desktop.intake.session import IntakeSession
from intake_desktop.questionnaire import Domain

from intake_desktop.ui.question_widget import QuestionWidget
from intake_desktop.ui.text import heading_label, pictogram, set_directed


class IntakeScreen(QWidget):
    closed = Signal()
    self_assessment_requested = Signal()
    plan_requested = Signal()
    # "consent", "private", "export", "log", "erase": handled by the main window.
    person_action = Signal(str)

    def __init__(self, session: IntakeSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("intakeScreen")
        self.session = session
        self.person_language = session.summary.preferred_language
        self.domains = session.questionnaire.domains
        self.current: Domain | None = None
        self.question_widgets: dict[str, QuestionWidget] = {}

        self.name_label = heading_label("personName")
        self.language_label = QLabel()
        self.language_box = QComboBox()
        self.language_box.setObjectName("personLanguage")
        for code, name in i18n.available_languages():
            self.language_box.addItem(name, code)
        self.language_box.setCurrentIndex(self.language_box.findData(self.person_language))
        self.language_box.currentIndexChanged.connect(self._person_language_changed)
        self.language_label.setBuddy(self.language_box)
        self.dutch_beside = QCheckBox()
        self.dutch_beside.setObjectName("dutchBeside")
        self.dutch_beside.setChecked(True)
        self.dutch_beside.toggled.connect(self._person_language_changed)
        self.overview_button = QPushButton()
        self.overview_button.setObjectName("overviewButton")
        self.overview_button.setCheckable(True)
        self.overview_button.toggled.connect(self._show_overview)
        self.self_assessment_button = QPushButton()
        self.self_assessment_button.setObjectName("selfAssessmentButton")
        self.self_assessment_button.clicked.connect(self._start_self_assessment)
        self.plan_button = QPushButton()
        self.plan_button.setObjectName("planButton")
        self.plan_button.clicked.connect(self._open_plan)
        from PySide6.QtWidgets import QMenu, QToolButton

        self.person_button = QToolButton()
        self.person_button.setObjectName("personButton")
        self.person_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.person_menu = QMenu(self.person_button)
        self.person_actions = {}
        for kind in ("consent", "private", "export", "log", "erase"):
            action = self.person_menu.addAction("")
            action.setObjectName(f"person:{kind}")
            action.triggered.connect(lambda _c=False, k=kind: self._person_action(k))
            self.person_actions[kind] = action
        self.person_button.setMenu(self.person_menu)
        self.back_button = QPushButton()
        self.back_button.setObjectName("backToListButton")
        self.back_button.clicked.connect(self.close_intake)

        header = QHBoxLayout()
        header.addWidget(self.name_label, 1)
        header.addWidget(self.language_label)
        header.addWidget(self.language_box)
        header.addWidget(self.dutch_beside)
        header.addWidget(self.overview_button)
        header.addWidget(self.self_assessment_button)
        header.addWidget(self.plan_button)
        header.addWidget(self.person_button)
        header.addWidget(self.back_button)

        self.navigator = QListWidget()
        self.navigator.setObjectName("domainNavigator")
        self.navigator.setIconSize(QSize(40, 40))
        self.navigator.setMinimumWidth(280)
        self.navigator.setWordWrap(True)
        for domain in self.domains:
            item = QListWidgetItem(pictogram(domain.pictogram), "")
            item.setData(Qt.ItemDataRole.UserRole, domain.id)
            self.navigator.addItem(item)
        self.navigator.currentRowChanged.connect(self._domain_chosen)

        self.scroll = QScrollArea()
        self.scroll.setWidgetResizable(True)
        self.scroll.setObjectName("questionPane")
        self.overview = DomainOverview(self)
        self.overview.domain_chosen.connect(self.show_domain)
        self.pages = QStackedWidget()
        self.pages.addWidget(self.scroll)
        self.pages.addWidget(self.overview)

        splitter = QSplitter()
        splitter.addWidget(self.navigator)
        splitter.addWidget(self.pages)
        splitter.setStretchFactor(1, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(header)
        layout.addWidget(splitter, 1)

        QShortcut(QKeySequence("Ctrl+PgDown"), self, activated=lambda: self._step_domain(1))
        QShortcut(QKeySequence("Ctrl+PgUp"), self, activated=lambda: self._step_domain(-1))
        QShortcut(QKeySequence("Ctrl+O"), self, activated=self.overview_button.toggle)

        self.retranslate()
        self.resume()

    # --- texts -------------------------------------------------------------------------------

    def retranslate(self) -> None:
        self.name_label.setText(isolate(self.session.summary.person_name))
        self.language_label.setText(_("&Taal van de persoon"))
        self.language_box.setAccessibleName(_("Taal van de persoon"))
        self.dutch_beside.setText(_("Nederlands ernaast"))
        self.overview_button.setText(_("&Overzicht"))
        self.overview_button.setToolTip(_("Alle leefdomeinen met hun scores (Ctrl+O)"))
        self.self_assessment_button.setText(_("&Zelfbeoordeling"))
        self.self_assessment_button.setToolTip(
            _("Het scherm overdragen aan de persoon: één vraag per keer, groot en met pictogrammen"))
        self.plan_button.setText(_("&Plan van aanpak"))
        self.plan_button.setToolTip(_("De afspraken per leefdomein: wie doet wat, en afdrukken"))
        self.person_button.setText(_("Pe&rsoon"))
        self.person_button.setToolTip(_("De rechten van de persoon: toestemmingen, privé-notities, "
                                        "export, logboek, verwijderen"))
        texts = {
            "consent": _("Toestemmingen…"),
            "private": _("Privé-notities…"),
            "export": _("Alle gegevens exporteren…"),
            "log": _("Wie heeft de gegevens gebruikt…"),
            "erase": _("Persoon verwijderen…"),
        }
        for kind, action in self.person_actions.items():
            action.setText(texts[kind])
        self.back_button.setText(_("Terug naar de &lijst"))
        self.navigator.setAccessibleName(_("Leefdomeinen"))
        self.scroll.setAccessibleName(_("Vragen"))
        self._update_navigator()
        if self.pages.currentWidget() is self.overview:
            self.overview.refresh()

    def _update_navigator(self) -> None:
        for row, domain in enumerate(self.domains):
            progress = self.session.progress(domain)
            text = _("{domain}\n{answered} van {total} beantwoord").format(
                domain=_(domain.title), answered=progress.answered, total=progress.total)
            item = self.navigator.item(row)
            item.setText(text)
            item.setToolTip(_(domain.why))

    # --- navigation --------------------------------------------------------------------------

    def resume(self) -> None:
        """Open where the intake was left, or at the first domain."""
        question = self.session.resume_question()
        domain_id = question.domain_id if question else self.domains[0].id
        self.show_domain(domain_id)
        if question and question.id in self.question_widgets:
            widget = self.question_widgets[question.id]
            self.scroll.ensureWidgetVisible(widget)
            widget.editor.setFocus()

    def show_domain(self, domain_id: str) -> None:
        row = next(i for i, d in enumerate(self.domains) if d.id == domain_id)
        self.overview_button.setChecked(False)
        if self.navigator.currentRow() == row:
            self._domain_chosen(row)
        else:
            self.navigator.setCurrentRow(row)

    def _step_domain(self, step: int) -> None:
        row = max(0, min(len(self.domains) - 1, self.navigator.currentRow() + step))
        self.navigator.setCurrentRow(row)

    def _domain_chosen(self, row: int) -> None:
        if row < 0:
            return
        self._flush()
        self.current = self.domains[row]
        self._build_page(self.current)
        self.pages.setCurrentWidget(self.scroll)

    def _build_page(self, domain: Domain) -> None:
        page = QWidget()
        layout = QVBoxLayout(page)
        why = QLabel()
        why.setWordWrap(True)
        why.setObjectName("domainWhy")
        set_directed(why, i18n.gettext_in(self.person_language, domain.why), self.person_language)
        layout.addWidget(why)
        self.question_widgets = {}
        for question in domain.all_questions:
            widget = QuestionWidget(question, self.session, self.person_language,
                                    show_dutch=self.dutch_beside.isChecked())
            widget.answered.connect(self._answered)
            self.question_widgets[question.id] = widget
            layout.addWidget(widget)
        layout.addStretch(1)
        self.scroll.setWidget(page)
        self._apply_visibility()

    def _apply_visibility(self) -> None:
        for widget in self.question_widgets.values():
            widget.setVisible(widget.question.is_visible(self.session.answers))

    def _answered(self, _question_id: str) -> None:
        # The overview is rebuilt when it is shown, not on every answer.
        self._apply_visibility()
        self._update_navigator()

    def _person_language_changed(self) -> None:
        self.person_language = self.language_box.currentData()
        for widget in self.question_widgets.values():
            widget.show_dutch = self.dutch_beside.isChecked()
            widget.set_language(self.person_language)
        if self.current is not None:
            why = self.scroll.widget().findChild(QLabel, "domainWhy")
            set_directed(why, i18n.gettext_in(self.person_language, self.current.why),
                         self.person_language)

    def _show_overview(self, on: bool) -> None:
        if on:
            self._flush()
            self.overview.refresh()
            self.pages.setCurrentWidget(self.overview)
        else:
            self.pages.setCurrentWidget(self.scroll)

    def _flush(self) -> None:
        for widget in self.question_widgets.values():
            widget.flush()

    def flush(self) -> None:
        """Save typed text still waiting for its timer (before locking, for example)."""
        self._flush()

    def _start_self_assessment(self) -> None:
        self._flush()
        self.self_assessment_requested.emit()

    def _person_action(self, kind: str) -> None:
        self._flush()
        self.person_action.emit(kind)

    def _open_plan(self) -> None:
        self._flush()
        self.plan_requested.emit()

    def refresh_answers(self) -> None:
        """After the self-assessment: show what the person entered."""
        if self.current is not None:
            self._build_page(self.current)
        self._update_navigator()

    def close_intake(self) -> None:
        self._flush()
        self.closed.emit()


class DomainOverview(QScrollArea):
    """All leefdomeinen at a glance: the team's score, the person's own, and progress."""

    domain_chosen = Signal(str)

    def __init__(self, screen: IntakeScreen) -> None:
        super().__init__()
        self.setObjectName("domainOverview")
        self.screen = screen
        self.setWidgetResizable(True)

    def refresh(self) -> None:
        session = self.screen.session
        scales = session.questionnaire.scales
        page = QWidget()
        grid = QGridLayout(page)
        for index, domain in enumerate(self.screen.domains):
            card = QFrame()
            card.setFrameShape(QFrame.Shape.StyledPanel)
            card.setObjectName(f"overview:{domain.id}")
            layout = QVBoxLayout(card)
            # "&" in "Taal & inburgering" is not a keyboard accelerator here.
            title = QPushButton(pictogram(domain.pictogram), _(domain.title).replace("&", "&&"))
            title.setIconSize(QSize(32, 32))
            title.setFlat(True)
            title.clicked.connect(lambda _c=False, d=domain.id: self.domain_chosen.emit(d))
            layout.addWidget(title)
            progress = session.progress(domain)
            bar = QProgressBar()
            bar.setRange(0, max(progress.total, 1))
            bar.setValue(progress.answered)
            bar.setFormat(_("{answered} van {total}").format(
                answered=progress.answered, total=progress.total))
            layout.addWidget(bar)
            if domain.scored:
                scores = session.scores(domain)
                team = (_("Team: {score} – {label}").format(
                    score=scores.team, label=_(scales.team_levels[scores.team]))
                    if scores.team else _("Team: nog geen score"))
                person = (_("Persoon: {score} – {label}").format(
                    score=scores.person, label=_(scales.person_labels[scores.person]))
                    if scores.person else _("Persoon: nog geen score"))
                team_label = QLabel(team)
                person_row = QHBoxLayout()
                face = QLabel()
                if scores.person:
                    face.setPixmap(pictogram(scales.person_pictograms[scores.person]).pixmap(28, 28))
                person_row.addWidget(face)
                person_row.addWidget(QLabel(person), 1)
                layout.addWidget(team_label)
                layout.addLayout(person_row)
                card.setAccessibleName(f"{_(domain.title)}: {team}, {person}")
            grid.addWidget(card, index // 3, index % 3)
        self.setWidget(page)
