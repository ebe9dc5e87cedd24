"""Asking for the database passphrase where the system has no secure key store."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from intake_desktop.i18n import _
from intake_desktop.startup import PassphraseRequest


class PassphraseDialog(QDialog):
    def __init__(self, request: PassphraseRequest, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("passphraseDialog")
        self._request = request
        self.setWindowTitle(
            _("Wachtwoord instellen") if request.new else _("Wachtwoord invoeren")
        )
        self.explanation = QLabel(request.explanation)
        self.explanation.setWordWrap(True)
        self.passphrase = QLineEdit()
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        self.passphrase.setAccessibleName(_("Wachtwoord"))
        self.repeat = QLineEdit()
        self.repeat.setEchoMode(QLineEdit.EchoMode.Password)
        self.repeat.setAccessibleName(_("Herhaal het wachtwoord"))
        self.error = QLabel(request.error or "")
        self.error.setObjectName("errorLabel")
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #a4262c;")
        self.error.setVisible(bool(request.error))

        form = QFormLayout()
        form.addRow(_("Wachtwoord"), self.passphrase)
        if request.new:
            form.addRow(_("Herhaal het wachtwoord"), self.repeat)
        else:
            self.repeat.hide()
        buttons = QDialogButtonBox()
        self.ok_button = buttons.addButton(_("Openen") if not request.new else _("Instellen"),
                                           QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(_("Annuleren"), QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self._accept)
        buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(self.explanation)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.setMinimumWidth(460)

    def _accept(self) -> None:
        if self._request.new and self.passphrase.text() != self.repeat.text():
            self.error.setText(_("De twee wachtwoorden zijn niet gelijk."))
            self.error.show()
            return
        self.accept()

    def value(self) -> str:
        return self.passphrase.text()


def ask_passphrase(parent: QWidget | None, request: PassphraseRequest) -> str | None:
    dialog = PassphraseDialog(request, parent)
    return dialog.value() if dialog.exec() == QDialog.DialogCode.Accepted else None
