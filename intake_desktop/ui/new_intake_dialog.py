"""Starting an intake: who is the person, and which language do they read along in."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, QLocale, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from intake_desktop import i18n
from intake_desktop.i18n import _
from intake_desktop.intake.people import MAX_NAME_LENGTH, NewPerson


class NewIntakeDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("newIntakeDialog")
        self.setWindowTitle(_("Nieuwe intake"))

        self.given_names = QLineEdit()
        self.given_names.setObjectName("givenNames")
        self.given_names.setMaxLength(MAX_NAME_LENGTH)
        self.given_names.setAccessibleName(_("Voornamen"))
        self.family_name = QLineEdit()
        self.family_name.setObjectName("familyName")
        self.family_name.setMaxLength(MAX_NAME_LENGTH)
        self.family_name.setAccessibleName(_("Achternaam"))

        self.date_of_birth = QDateEdit()
        self.date_of_birth.setObjectName("dateOfBirth")
        # Western digits in every language, as on screen elsewhere and in print.
        self.date_of_birth.setLocale(QLocale.c())
        self.date_of_birth.setDisplayFormat("dd-MM-yyyy")
        # Digits and hyphens have no direction of their own; in a right-to-left
        # layout 01-01-1987 would show as 1987-01-01.
        self.date_of_birth.setLayoutDirection(Qt.LayoutDirection.LeftToRight)
        self.date_of_birth.setCalendarPopup(True)
        self.date_of_birth.setMinimumDate(QDate(1900, 1, 1))
        self.date_of_birth.setMaximumDate(QDate.currentDate())
        self.date_of_birth.setDate(QDate(1990, 1, 1))
        self.date_of_birth.setAccessibleName(_("Geboortedatum"))
        self.unknown_birth = QCheckBox(_("Onbekend"))
        self.unknown_birth.setObjectName("dateOfBirthUnknown")
        self.unknown_birth.toggled.connect(lambda on: self.date_of_birth.setEnabled(not on))

        self.language = QComboBox()
        self.language.setObjectName("preferredLanguage")
        self.language.setAccessibleName(_("Taal van de persoon"))
        for code, name in i18n.available_languages():
            self.language.addItem(name, code)

        birth_row = QHBoxLayout()
        birth_row.addWidget(self.date_of_birth, 1)
        birth_row.addWidget(self.unknown_birth)

        form = QFormLayout()
        form.addRow(_("Voornamen"), self.given_names)
        form.addRow(_("Achternaam"), self.family_name)
        form.addRow(_("Geboortedatum"), birth_row)
        form.addRow(_("Taal van de persoon"), self.language)

        hint = QLabel(_("De persoon leest mee in deze taal; Nederlands staat ernaast."))
        hint.setWordWrap(True)

        buttons = QDialogButtonBox()
        self.ok_button = buttons.addButton(_("Intake starten"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.ok_button.setObjectName("startIntakeButton")
        buttons.addButton(_("Annuleren"), QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(hint)
        layout.addWidget(buttons)
        self.setMinimumWidth(480)

        for field in (self.given_names, self.family_name):
            field.textChanged.connect(self._update_ok)
        self._update_ok()

    def _update_ok(self) -> None:
        self.ok_button.setEnabled(not self.person().problems())

    def person(self) -> NewPerson:
        birth = None
        if not self.unknown_birth.isChecked():
            q = self.date_of_birth.date()
            birth = dt.date(q.year(), q.month(), q.day())
        return NewPerson(
            given_names=self.given_names.text(),
            family_name=self.family_name.text(),
            date_of_birth=birth,
            preferred_language=self.language.currentData(),
        )
