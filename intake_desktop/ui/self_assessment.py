"""The self-assessment: the screen handed to the person, one question at a time.

Large type, pictograms, the person's own language (with Dutch beside it) and
only the questions meant for the person: no staff notes, no team scores.
Leaving needs the code a staff member chose when handing the screen over, so
the person cannot wander into other people's records.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QCloseEvent, QIcon, QKeySequence, QShortcut, QTransform
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from intake_desktop import i18n
from intake_desktop.i18n import N_, _
from intake_desktop.intake.session import IntakeSession
from intake_desktop.questionnaire import AnswerType, Question
from intake_desktop.questionnaire.model import Audience

from intake_desktop.ui.question_widget import QuestionWidget
from intake_desktop.ui.text import pictogram, set_directed

MIN_CODE_LENGTH = 4

# Shown in the person's language, so translated at display time.
NEXT = N_("Volgende")
BACK = N_("Terug")
DONT_KNOW = N_("Weet ik niet")
SKIP = N_("Overslaan")
PROGRESS = N_("Vraag {number} van {total}")
DONE = N_("Klaar! Dank u wel. Geef het scherm terug aan de medewerker.")


class StaffCode:
    """A short code, kept only as a salted hash in memory for this one hand-over."""

    def __init__(self, code: str) -> None:
        self._salt = secrets.token_bytes(16)
        self._hash = self._digest(code)

    def _digest(self, code: str) -> bytes:
        return hashlib.scrypt(code.encode(), salt=self._salt, n=2**14, r=8, p=1)

    def matches(self, code: str) -> bool:
        return hmac.compare_digest(self._digest(code), self._hash)


class StaffCodeDialog(QDialog):
    """Set (twice) or enter the staff code of a self-assessment."""

    def __init__(self, new: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("staffCodeDialog")
        self.new = new
        self.setWindowTitle(_("Code voor de medewerker"))
        explanation = QLabel(
            _("Kies een code van minstens {n} cijfers. Met deze code stopt een medewerker "
              "straks de zelfbeoordeling.").format(n=MIN_CODE_LENGTH)
            if new else _("Medewerker: typ de code om de zelfbeoordeling te stoppen."))
        explanation.setWordWrap(True)
        self.code = QLineEdit()
        self.code.setEchoMode(QLineEdit.EchoMode.Password)
        self.code.setAccessibleName(_("Code"))
        self.repeat = QLineEdit()
        self.repeat.setEchoMode(QLineEdit.EchoMode.Password)
        self.repeat.setAccessibleName(_("Herhaal de code"))
        self.repeat.setVisible(new)
        self.error = QLabel()
        self.error.setStyleSheet("color: #a4262c;")
        self.error.hide()
        buttons = QDialogButtonBox()
        self.ok_button = buttons.addButton(_("Starten") if new else _("Stoppen"),
                                           QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(_("Annuleren"), QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self._accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(explanation)
        layout.addWidget(self.code)
        layout.addWidget(self.repeat)
        layout.addWidget(self.error)
        layout.addWidget(buttons)

    def _accept(self) -> None:
        code = self.code.text()
        if self.new and (len(code) < MIN_CODE_LENGTH or not code.isdigit()):
            self.error.setText(_("Gebruik minstens {n} cijfers.").format(n=MIN_CODE_LENGTH))
        elif self.new and code != self.repeat.text():
            self.error.setText(_("De twee codes zijn niet gelijk."))
        else:
            self.accept()
            return
        self.error.show()


def code_guard(code: StaffCode):
    """A guard that asks for the hand-over code (the demo, which has no accounts)."""

    def ask(parent: QWidget) -> bool:
        dialog = StaffCodeDialog(new=False, parent=parent)
        while dialog.exec() == QDialog.DialogCode.Accepted:
            if code.matches(dialog.code.text()):
                return True
            dialog.error.setText(_("Deze code is niet juist."))
            dialog.error.show()
            dialog.code.clear()
        return False

    return ask


def sign_in_guard(check):
    """A guard that needs a staff sign-in; ``check(username, password)`` as in Signing."""

    def ask(parent: QWidget) -> bool:
        from intake_desktop.ui.sign_in import StaffCheckDialog

        dialog = StaffCheckDialog(check, _("Zelfbeoordeling stoppen"), parent)
        return dialog.exec() == QDialog.DialogCode.Accepted

    return ask


class SelfAssessment(QWidget):
    finished = Signal()

    def __init__(self, session: IntakeSession, language: str, guard,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("selfAssessment")
        self.setWindowTitle("Intake Desktop")
        self.session = session
        self.language = language
        # Asked before the person can leave: a staff sign-in (or the demo's code).
        self._guard = guard
        self._may_close = False
        self.current: Question | None = None
        self.question_widget: QuestionWidget | None = None
        font = self.font()
        font.setPointSizeF(max(font.pointSizeF(), 10) * 1.6)
        self.setFont(font)

        self.domain_icon = QLabel()
        self.domain_title = QLabel()
        self.domain_title.setWordWrap(True)
        self.progress_label = QLabel()
        self.progress_bar = QProgressBar()
        self.progress_bar.setTextVisible(False)
        self.language_buttons = []
        languages = QHBoxLayout()
        for code_, name in i18n.available_languages():
            button = QPushButton(name)
            button.setObjectName(f"language:{code_}")
            button.setAccessibleName(name)
            button.clicked.connect(lambda _c=False, c=code_: self._switch_language(c))
            languages.addWidget(button)
            self.language_buttons.append(button)
        self.stop_button = QPushButton()
        self.stop_button.setObjectName("stopSelfAssessment")
        self.stop_button.clicked.connect(self.request_stop)

        top = QHBoxLayout()
        top.addWidget(self.domain_icon)
        top.addWidget(self.domain_title, 1)
        top.addLayout(languages)
        top.addWidget(self.stop_button)

        self.body = QVBoxLayout()
        self.body.addStretch(1)  # the question sits at the top, the rest is air
        self.done_label = QLabel()
        self.done_label.setWordWrap(True)
        self.done_label.hide()

        self.back_button = self._nav_button("backButton", self.go_back)
        self.dont_know_button = self._nav_button("dontKnowButton", self.dont_know)
        self.skip_button = self._nav_button("skipButton", self.go_next)
        self.next_button = self._nav_button("nextButton", self.go_next)
        navigation = QHBoxLayout()
        navigation.addWidget(self.back_button)
        navigation.addStretch(1)
        navigation.addWidget(self.dont_know_button)
        navigation.addWidget(self.skip_button)
        navigation.addStretch(1)
        navigation.addWidget(self.next_button)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(40, 24, 40, 24)
        layout.addLayout(top)
        layout.addWidget(self.progress_label)
        layout.addWidget(self.progress_bar)
        layout.addLayout(self.body, 1)
        layout.addWidget(self.done_label, 1)
        layout.addLayout(navigation)

        QShortcut(QKeySequence("Alt+Right"), self, activated=self.go_next)
        QShortcut(QKeySequence("Alt+Left"), self, activated=self.go_back)

        sequence = self.sequence()
        if sequence:
            self.show_question(sequence[0])

    def _nav_button(self, name: str, slot) -> QToolButton:
        button = QToolButton()
        button.setObjectName(name)
        button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextUnderIcon)
        button.setIconSize(QSize(56, 56))
        button.setMinimumWidth(170)
        button.clicked.connect(slot)
        return button

    # --- the sequence of questions -----------------------------------------------------------

    def sequence(self) -> list[Question]:
        """The person's questions that are visible now (answers change what follows)."""
        return [q for domain in self.session.questionnaire.domains
                for q in domain.visible_questions(self.session.answers, Audience.PERSON.value)]

    def show_question(self, question: Question) -> None:
        if self.question_widget is not None:
            self.question_widget.flush()
            self.question_widget.setParent(None)
            self.question_widget.deleteLater()
        self.current = question
        self.done_label.hide()
        for button in (self.next_button, self.skip_button, self.dont_know_button):
            button.setEnabled(True)
        widget = QuestionWidget(question, self.session, self.language, show_dutch=True, large=True)
        self.body.insertWidget(0, widget)
        self.question_widget = widget
        self.session.move_to(question.id)
        self._retranslate()
        widget.editor.setFocus()

    def _retranslate(self) -> None:
        """All texts of this screen in the person's language, mirrored for Arabic."""
        language = self.language
        rtl = i18n.is_rtl(language)
        self.setLayoutDirection(Qt.LayoutDirection.RightToLeft if rtl else Qt.LayoutDirection.LeftToRight)
        t = lambda message: i18n.gettext_in(language, message)  # noqa: E731
        self.back_button.setText(t(BACK))
        self.next_button.setText(t(NEXT))
        self.skip_button.setText(t(SKIP))
        self.dont_know_button.setText(t(DONT_KNOW))
        # The arrows point the way the person reads.
        self.back_button.setIcon(pictogram("nav-next" if rtl else "nav-back"))
        self.next_button.setIcon(pictogram("nav-back" if rtl else "nav-next"))
        skip = pictogram("nav-skip")
        if rtl:
            skip = QIcon(skip.pixmap(QSize(56, 56)).transformed(QTransform().scale(-1, 1)))
        self.skip_button.setIcon(skip)
        self.dont_know_button.setIcon(pictogram("nav-dont-know"))
        for button in (self.back_button, self.next_button, self.skip_button, self.dont_know_button):
            button.setAccessibleName(button.text())
        self.stop_button.setText(_("Stoppen (medewerker)"))
        set_directed(self.done_label, t(DONE), language, bold=True)
        if self.current is None:
            return
        domain = self.session.questionnaire.domain(self.current.domain_id)
        self.domain_icon.setPixmap(pictogram(domain.pictogram).pixmap(64, 64))
        title = t(domain.title)
        if language != i18n.SOURCE_LANGUAGE:
            title = f"{title} · {i18n.isolate(domain.title)}"
        set_directed(self.domain_title, title, language, bold=True)
        sequence = self.sequence()
        number = next((i for i, q in enumerate(sequence) if q.id == self.current.id), 0) + 1
        self.progress_label.setText(t(PROGRESS).format(number=number, total=len(sequence)))
        self.progress_bar.setRange(0, len(sequence))
        self.progress_bar.setValue(number)
        self.back_button.setEnabled(number > 1)

    def _switch_language(self, language: str) -> None:
        """This question (and the buttons) in another language; nothing entered is lost."""
        self.language = language
        if self.question_widget is not None:
            self.question_widget.set_language(language)
        self._retranslate()

    # --- moving ------------------------------------------------------------------------------

    def _step(self, step: int) -> None:
        if self.question_widget is not None:
            self.question_widget.flush()
        sequence = self.sequence()
        ids = [q.id for q in sequence]
        index = ids.index(self.current.id) if self.current and self.current.id in ids else -1
        target = index + step
        if target >= len(sequence):
            self._show_done()
        elif target >= 0:
            self.show_question(sequence[target])

    def go_next(self) -> None:
        self._step(1)

    def go_back(self) -> None:
        if self.done_label.isVisible():
            sequence = self.sequence()
            if sequence:
                self.show_question(sequence[-1])
            return
        self._step(-1)

    def dont_know(self) -> None:
        # Yes/no questions have "weet ik niet" as an answer; elsewhere it leaves the question open.
        if self.current is not None and self.current.type == AnswerType.YESNO:
            self.question_widget.set_value("weet_niet")
        self.go_next()

    def _show_done(self) -> None:
        if self.question_widget is not None:
            self.question_widget.hide()
        self.done_label.show()
        for button in (self.next_button, self.skip_button, self.dont_know_button):
            button.setEnabled(False)

    # --- leaving -----------------------------------------------------------------------------

    def _code_given(self) -> bool:
        return self._guard(self)

    def request_stop(self) -> None:
        if self._code_given():
            self.stop()

    def stop(self) -> None:
        """End the self-assessment (a staff member has signed in)."""
        self._may_close = True
        self.close()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt's name
        if not self._may_close and not self._code_given():
            event.ignore()
            return
        self._may_close = True
        if self.question_widget is not None:
            self.question_widget.flush()
        super().closeEvent(event)
        self.finished.emit()

    def keyPressEvent(self, event) -> None:  # noqa: N802 - Qt's name
        # Escape must not drop the person out of the full-screen mode.
        if event.key() == Qt.Key.Key_Escape:
            event.accept()
            return
        super().keyPressEvent(event)
