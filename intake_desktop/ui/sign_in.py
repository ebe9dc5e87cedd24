"""Signing in, setting up the first beheerder, and the lock screen.

None of these show personal data: the laptop may be unattended when they are
on screen. The lock screen keeps the screens behind it as they were, so a
colleague can sign in and go on without losing what was typed.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QFrame,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from intake_desktop.i18n import _
from intake_desktop.plan.labels import ORGANISATION_NAMES
from intake_desktop.store.choices import Organisation

ERROR_STYLE = "color: #a4262c;"


def _password_field(name: str) -> QLineEdit:
    field = QLineEdit()
    field.setObjectName(name)
    field.setEchoMode(QLineEdit.EchoMode.Password)
    field.setMaxLength(1024)
    return field


class SignInForm(QWidget):
    """Sign-in name and password, centred on an otherwise empty page."""

    submitted = Signal(str, str)
    recovery_requested = Signal()

    def __init__(self, locked: bool = False, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.locked = locked
        self.setObjectName("lockScreen" if locked else "signInPage")
        self.title = QLabel()
        self.title.setObjectName("signInTitle")
        font = self.title.font()
        font.setPointSizeF(font.pointSizeF() * 1.6)
        font.setBold(True)
        self.title.setFont(font)
        self.explanation = QLabel()
        self.explanation.setWordWrap(True)
        self.username = QLineEdit()
        self.username.setObjectName("username")
        self.username.setMaxLength(100)
        self.password = _password_field("password")
        self.username_label, self.password_label = QLabel(), QLabel()
        self.username_label.setBuddy(self.username)
        self.password_label.setBuddy(self.password)
        self.error = QLabel()
        self.error.setObjectName("signInError")
        self.error.setWordWrap(True)
        self.error.setStyleSheet(ERROR_STYLE)
        self.button = QPushButton()
        self.button.setObjectName("signInButton")
        self.button.setDefault(True)
        self.button.clicked.connect(self._submit)
        self.password.returnPressed.connect(self._submit)
        self.username.returnPressed.connect(self.password.setFocus)
        self.recovery = QPushButton()
        self.recovery.setObjectName("recoveryButton")
        self.recovery.setFlat(True)
        self.recovery.clicked.connect(self.recovery_requested)

        box = QFrame()
        box.setFrameShape(QFrame.Shape.StyledPanel)
        # A fixed width lets the wrapped explanation take the height it needs.
        box.setFixedWidth(460)
        form = QFormLayout()
        form.addRow(self.username_label, self.username)
        form.addRow(self.password_label, self.password)
        inner = QVBoxLayout(box)
        inner.addWidget(self.title)
        inner.addWidget(self.explanation)
        inner.addLayout(form)
        inner.addWidget(self.error)
        inner.addWidget(self.button)
        inner.addWidget(self.recovery, 0, Qt.AlignmentFlag.AlignLeading)
        outer = QVBoxLayout(self)
        outer.addStretch(1)
        outer.addWidget(box, 0, Qt.AlignmentFlag.AlignHCenter)
        outer.addStretch(2)
        self.retranslate()

    def retranslate(self) -> None:
        if self.locked:
            self.title.setText(_("Vergrendeld"))
            self.explanation.setText(_(
                "Intake Desktop is vergrendeld. Meld u aan om verder te gaan; ook een "
                "collega kan zich hier aanmelden. Wat open stond, blijft bewaard."))
        else:
            self.title.setText(_("Aanmelden"))
            self.explanation.setText(_(
                "Meld u aan met uw eigen naam en wachtwoord. Deel uw wachtwoord met "
                "niemand: alles wat u doet, wordt op uw naam vastgelegd."))
        self.username_label.setText(_("&Gebruikersnaam"))
        self.password_label.setText(_("&Wachtwoord"))
        self.username.setAccessibleName(_("Gebruikersnaam"))
        self.password.setAccessibleName(_("Wachtwoord"))
        self.button.setText(_("Aanmelden"))
        self.recovery.setText(_("Toegang herstellen met de herstelcode…"))

    def _submit(self) -> None:
        if not self.username.text().strip() or not self.password.text():
            self.show_error(_("Vul uw gebruikersnaam en wachtwoord in."))
            return
        self.submitted.emit(self.username.text(), self.password.text())

    def show_error(self, text: str) -> None:
        self.error.setText(text)
        self.password.clear()
        self.password.setFocus()

    def set_busy(self, busy: bool) -> None:
        for widget in (self.username, self.password, self.button, self.recovery):
            widget.setEnabled(not busy)

    def reset(self) -> None:
        self.error.clear()
        self.password.clear()
        self.set_busy(False)
        (self.password if self.username.text() else self.username).setFocus()


class NewStaffDialog(QDialog):
    """A personal account: for the first beheerder at setup, and later for colleagues."""

    def __init__(self, *, first: bool, insecure_keyring: bool = False,
                 parent: QWidget | None = None) -> None:
        from intake_desktop.security.passwords import password_problems, problem_message

        super().__init__(parent)
        self._password_problems = password_problems
        self._problem_message = problem_message
        self.setObjectName("newStaffDialog")
        self.setWindowTitle(_("Intake Desktop instellen") if first else _("Nieuwe medewerker"))
        intro = QLabel(
            _("Welkom. Eerst maakt u het account van de eerste beheerder. De beheerder maakt "
              "daarna de accounts van de collega's: iedereen werkt met een eigen account.")
            if first else
            _("Elke medewerker heeft een eigen account. Geef het wachtwoord persoonlijk door; "
              "de medewerker kiest bij de eerste keer zelf een nieuw wachtwoord."))
        intro.setWordWrap(True)
        self.name = QLineEdit()
        self.name.setObjectName("staffName")
        self.name.setMaxLength(200)
        self.organisation = QComboBox()
        self.organisation.setObjectName("staffOrganisation")
        for organisation in Organisation:
            self.organisation.addItem(_(ORGANISATION_NAMES[organisation]), organisation)
        self.beheerder = QCheckBox(_("Beheerder: mag accounts, back-ups en bewaartermijnen beheren"))
        self.beheerder.setObjectName("staffBeheerder")
        self.beheerder.setChecked(first)
        self.beheerder.setEnabled(not first)
        self.username = QLineEdit()
        self.username.setObjectName("staffUsername")
        self.username.setMaxLength(100)
        self.password = _password_field("staffPassword")
        self.repeat = _password_field("staffPasswordRepeat")
        form = QFormLayout()
        form.addRow(_("Naam"), self.name)
        form.addRow(_("Organisatie"), self.organisation)
        form.addRow("", self.beheerder)
        form.addRow(_("Gebruikersnaam"), self.username)
        form.addRow(_("Wachtwoord"), self.password)
        form.addRow(_("Herhaal het wachtwoord"), self.repeat)
        self.rules = QLabel(_("Minstens 12 tekens. Een zin van een paar woorden is sterk en "
                              "goed te onthouden."))
        self.rules.setWordWrap(True)
        self.fallback = QCheckBox()
        self.fallback.setObjectName("knowinglyNoKeyring")
        self.fallback.setVisible(insecure_keyring)
        self.fallback_text = QLabel(_(
            "Deze computer heeft geen beveiligde sleutelopslag. Zonder die opslag is de "
            "database alleen beschermd door de wachtwoorden: wie het databasebestand en een "
            "wachtwoord heeft, kan de gegevens ook op een andere computer openen."))
        self.fallback_text.setWordWrap(True)
        self.fallback_text.setVisible(insecure_keyring)
        self.fallback.setText(_("Ik begrijp dit en wil toch doorgaan"))
        self.error = QLabel()
        self.error.setObjectName("newStaffError")
        self.error.setWordWrap(True)
        self.error.setStyleSheet(ERROR_STYLE)
        buttons = QDialogButtonBox()
        self.ok = buttons.addButton(_("Account maken"), QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(_("Annuleren"), QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self._accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.rules)
        layout.addWidget(self.fallback_text)
        layout.addWidget(self.fallback)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.setMinimumWidth(520)

    def problem(self) -> str | None:
        from intake_desktop.security.key_slots import username_problem

        if not self.name.text().strip():
            return _("Vul de naam in.")
        if username_problem(self.username.text()):
            return _("Een gebruikersnaam heeft 2 tot 100 letters, cijfers, punten, streepjes "
                     "of liggende streepjes.")
        problems = self._password_problems(self.password.text(), username=self.username.text(),
                                           name=self.name.text())
        if problems:
            return self._problem_message(problems[0])
        if self.password.text() != self.repeat.text():
            return _("De twee wachtwoorden zijn niet gelijk.")
        if self.fallback.isVisible() and not self.fallback.isChecked():
            return _("Lees de uitleg over de sleutelopslag en vink aan dat u die begrijpt.")
        return None

    def _accept(self) -> None:
        problem = self.problem()
        if problem:
            self.error.setText(problem)
            return
        self.accept()

    def values(self) -> dict:
        from intake_desktop.store.choices import Role

        return {
            "name": self.name.text().strip(),
            "organisation": self.organisation.currentData(),
            "role": Role.BEHEERDER if self.beheerder.isChecked() else Role.MEDEWERKER,
            "username": self.username.text(),
            "password": self.password.text(),
        }


class RecoveryCodeDialog(QDialog):
    """The recovery code, shown once; it cannot be shown again."""

    def __init__(self, code: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("recoveryCodeDialog")
        self.setWindowTitle(_("Herstelcode"))
        text = QLabel(_(
            "Met deze herstelcode krijgt de beheerder weer toegang als de sleutel op deze "
            "computer verloren gaat (bijvoorbeeld na een herinstallatie). Schrijf hem op en "
            "bewaar hem in een kluis, niet bij de laptop. Hij wordt maar één keer getoond."))
        text.setWordWrap(True)
        self.code = QLabel(code)
        self.code.setObjectName("recoveryCode")
        self.code.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.code.setLayoutDirection(Qt.LayoutDirection.LeftToRight)
        font = self.code.font()
        font.setFamilies(["DejaVu Sans Mono", "Consolas", "monospace"])
        font.setPointSizeF(font.pointSizeF() * 1.5)
        font.setBold(True)
        self.code.setFont(font)
        self.confirm = QCheckBox(_("Ik heb de herstelcode opgeschreven en veilig opgeborgen"))
        self.confirm.setObjectName("recoveryConfirm")
        buttons = QDialogButtonBox()
        self.ok = buttons.addButton(_("Klaar"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.ok.setEnabled(False)
        self.confirm.toggled.connect(self.ok.setEnabled)
        buttons.accepted.connect(self.accept)
        layout = QVBoxLayout(self)
        layout.addWidget(text)
        layout.addWidget(self.code, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addWidget(self.confirm)
        layout.addWidget(buttons)

    def reject(self) -> None:
        # Closing without confirming would lose the only showing of the code.
        if self.confirm.isChecked():
            super().reject()


class StaffCheckDialog(QDialog):
    """A staff member proves who they are (leaving the self-assessment, for example)."""

    def __init__(self, check, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("staffCheckDialog")
        self.setWindowTitle(title)
        self._check = check
        self.form = SignInForm(locked=False)
        self.form.title.setText(title)
        self.form.explanation.setText(_("Een medewerker meldt zich aan om verder te gaan."))
        self.form.recovery.hide()
        self.form.submitted.connect(self._submitted)
        cancel = QPushButton(_("Annuleren"))
        cancel.clicked.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.form)
        layout.addWidget(cancel, 0, Qt.AlignmentFlag.AlignTrailing)
        self.staff = None

    def _submitted(self, username: str, password: str) -> None:
        staff, error = self._check(username, password)
        if error:
            self.form.show_error(error)
            return
        self.staff = staff
        self.accept()
