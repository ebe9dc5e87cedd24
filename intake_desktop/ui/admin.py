"""The beheerder's dialogs: staff accounts, the access log, settings, and making a backup.

Only a beheerder may open them; each dialog refuses in its constructor too,
so a menu wired by mistake cannot hand them to a medewerker. They show staff
accounts and the access log, never anything from a statushouder's record: the
only trace of a person here is the bare person number in the access log.

Everything that changes access or protection is recorded in the access log.
Work that takes long (scrypt for a key slot, writing a backup) runs in a
thread while a modal "busy" dialog keeps the window alive and untouchable.
"""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Callable
from contextlib import suppress
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QDate, QEventLoop, QLocale, QObject, QStandardPaths, Qt, Signal
from PySide6.QtGui import QColor, QIntValidator
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QProgressDialog,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from intake_desktop import i18n
from intake_desktop.i18n import N_, _, isolate, ngettext
from intake_desktop.plan.labels import ORGANISATION_NAMES
from intake_desktop.security import audit
from intake_desktop.security.audit import Action, Result
from intake_desktop.store.choices import Organisation, Role
from intake_desktop.text_input import display_safe

from intake_desktop.ui.errors import confirm, show_message, show_problem
from intake_desktop.ui.sign_in import ERROR_STYLE

if TYPE_CHECKING:
    from intake_desktop.security.staff import Staff
    from intake_desktop.store.backup import BackupInfo

OK_STYLE = "color: #107c10;"
# Rows the access log shows at once; a narrower filter finds older entries.
LOG_LIMIT = 500
# The access log opens on the last month: what a beheerder checks most.
DEFAULT_LOG_DAYS = 30

ROLE_NAMES = {
    Role.MEDEWERKER: N_("Medewerker"),
    Role.BEHEERDER: N_("Beheerder"),
}

ACTION_NAMES = {
    Action.CREATE: N_("Vastleggen"),
    Action.VIEW: N_("Bekijken"),
    Action.CHANGE: N_("Wijzigen"),
    Action.DELETE: N_("Verwijderen"),
    Action.SEARCH: N_("Zoeken"),
    Action.PRINT: N_("Afdrukken"),
    Action.EXPORT: N_("Exporteren"),
    Action.SIGN_IN: N_("Aanmelden"),
    Action.SIGN_IN_FAILED: N_("Mislukte aanmelding"),
    Action.SIGN_OUT: N_("Afmelden"),
    Action.LOCK: N_("Vergrendelen"),
    Action.UNLOCK: N_("Ontgrendelen"),
    Action.BACKUP: N_("Back-up maken"),
    Action.RESTORE: N_("Back-up terugzetten"),
    Action.CONSENT: N_("Toestemming"),
    Action.SETTINGS: N_("Instellingen"),
    Action.ACCOUNT: N_("Accounts beheren"),
    Action.RECOVERY: N_("Herstelcode gebruikt"),
}

RESULT_NAMES = {
    Result.SUCCESS: N_("Gelukt"),
    Result.DENIED: N_("Geweigerd"),
    Result.FAILED: N_("Mislukt"),
}


# --- shared pieces ---------------------------------------------------------------------------

def _require_beheerder(database, current_staff) -> None:
    """PermissionError unless ``current_staff`` is a beheerder, also according to the database.

    The Staff object was read at sign-in; the row may have changed since (a
    colleague took the role away, or turned the account off).
    """
    if current_staff is None or not getattr(current_staff, "is_beheerder", False):
        raise PermissionError("only a beheerder may do this")
    from intake_desktop.security.staff import find_staff

    row = find_staff(database, current_staff.username) if database is not None else None
    if row is None or not row.active or not row.is_beheerder or row.id != current_staff.id:
        raise PermissionError("only an active beheerder may do this")


def _organisation_name(value) -> str:
    try:
        return _(ORGANISATION_NAMES[Organisation(value)])
    except (ValueError, KeyError):
        return str(value or "–")


def _western_digits(widget: QWidget) -> None:
    # Every language writes 0-9 (see README); an Arabic QLocale would not.
    widget.setLocale(QLocale.c())


class _Finished(QObject):
    """Carries a worker thread's outcome to the GUI thread.

    The signal is connected to a method of this QObject, which lives in the
    GUI thread, so Qt queues the call there instead of running it in the worker.
    """

    done = Signal(object, object)  # result, exception

    def __init__(self) -> None:
        super().__init__()
        self.loop = QEventLoop()
        self.finished = False
        self.result: Any = None
        self.error: BaseException | None = None
        self.done.connect(self._finish)

    def _finish(self, result, error) -> None:
        self.result, self.error, self.finished = result, error, True
        self.loop.quit()


def run_in_background(parent: QWidget | None, text: str, work: Callable[[], Any]) -> Any:
    """Run ``work`` in a thread behind a modal "busy" dialog; its result, or its exception raised.

    The event loop keeps running meanwhile, so the window repaints and the
    idle lock keeps ticking, but the modal dialog keeps the user's hands off
    the data while they change.
    """
    finished = _Finished()
    busy = QProgressDialog(text, "", 0, 0, parent)
    busy.setObjectName("busyDialog")
    busy.setWindowTitle(_("Bezig…"))
    busy.setCancelButton(None)
    busy.setWindowModality(Qt.WindowModality.ApplicationModal)
    busy.setMinimumDuration(0)

    def run() -> None:
        try:
            result = work()
        except Exception as error:  # noqa: BLE001 - raised again in the GUI thread
            finished.done.emit(None, error)
            return
        finished.done.emit(result, None)

    QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        busy.show()
        threading.Thread(target=run, daemon=True, name="admin-work").start()
        # quit() before exec() would be lost, so only wait when the result is not in yet.
        if not finished.finished:
            finished.loop.exec()
    finally:
        QApplication.restoreOverrideCursor()
        busy.close()
        busy.deleteLater()
    if finished.error is not None:
        raise finished.error
    return finished.result


def _show_error(parent: QWidget | None, title: str, error: Exception) -> None:
    """A KeySlotError or BackupError explains itself; anything else gets a plain sentence."""
    message = getattr(error, "message", None)
    if callable(message):
        show_problem(parent, title, message())
    else:
        show_problem(parent, title,
                     _("Er ging iets mis. Er is niets veranderd. Geef de details door aan "
                       "de ontwikkelaars."), repr(error))


# --- staff accounts --------------------------------------------------------------------------

class _NewSecretDialog(QDialog):
    """A new password typed twice and checked while typing; ``fault`` says what is wrong."""

    def __init__(self, *, name: str, title: str, explanation: str, label: str,
                 rules: str | None, ok_text: str, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.setObjectName(f"{name}Dialog")
        self.setWindowTitle(title)
        intro = QLabel(explanation)
        intro.setWordWrap(True)
        self.secret = QLineEdit()
        self.repeat = QLineEdit()
        for field, suffix, accessible in ((self.secret, "", label),
                                          (self.repeat, "Repeat", _("Herhaal het wachtwoord"))):
            field.setObjectName(f"{name}{suffix}")
            field.setEchoMode(QLineEdit.EchoMode.Password)
            field.setMaxLength(1024)
            field.setAccessibleName(accessible)
            field.textChanged.connect(self._check)
        form = QFormLayout()
        form.addRow(label, self.secret)
        form.addRow(_("Herhaal het wachtwoord"), self.repeat)
        self.error = QLabel()
        self.error.setObjectName(f"{name}Error")
        self.error.setWordWrap(True)
        self.error.setStyleSheet(ERROR_STYLE)
        buttons = QDialogButtonBox()
        self.ok = buttons.addButton(ok_text, QDialogButtonBox.ButtonRole.AcceptRole)
        self.ok.setObjectName(f"{name}Ok")
        buttons.addButton(_("Annuleren"), QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self._accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        if rules:
            rules_label = QLabel(rules)
            rules_label.setWordWrap(True)
            layout.addWidget(rules_label)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.setMinimumWidth(470)

    def fault(self, secret: str) -> str | None:
        raise NotImplementedError

    def problem(self) -> str | None:
        """Why the typed secret cannot be used yet; "" while nothing is wrong but it is not
        complete (the repeat still empty), None when it is fine."""
        secret = self.secret.text()
        if not secret:
            return ""
        fault = self.fault(secret)
        if fault:
            return fault
        if not self.repeat.text():
            return ""
        if secret != self.repeat.text():
            return _("De twee wachtwoorden zijn niet gelijk.")
        return None

    def _check(self) -> None:
        problem = self.problem()
        self.error.setText(problem or "")
        self.ok.setEnabled(problem is None)

    def _accept(self) -> None:
        if self.problem() is None:
            self.accept()

    def value(self) -> str:
        return self.secret.text()


class StaffPasswordDialog(_NewSecretDialog):
    """A new password for a colleague (reset, or turning an account on again)."""

    def __init__(self, member: Staff, title: str, explanation: str,
                 parent: QWidget | None = None) -> None:
        self.member = member
        super().__init__(
            name="staffPassword", title=title, explanation=explanation,
            label=_("Nieuw wachtwoord"),
            rules=_("Minstens 12 tekens. Een zin van een paar woorden is sterk en goed te "
                    "onthouden. Geef het wachtwoord persoonlijk door."),
            ok_text=_("Wachtwoord instellen"), parent=parent)
        # The names the tests and callers know these fields by.
        self.password = self.secret
        self.password.setObjectName("newPassword")
        self.repeat.setObjectName("newPasswordRepeat")
        self._check()

    def fault(self, secret: str) -> str | None:
        from intake_desktop.security.passwords import password_problems, problem_message

        found = password_problems(secret, username=self.member.username, name=self.member.name)
        return problem_message(found[0]) if found else None


class StaffDialog(QDialog):
    """The staff accounts: add a colleague, reset a password, turn an account off or on,
    and make a new recovery code."""

    def __init__(self, signing, current_staff: Staff, parent: QWidget | None = None) -> None:
        _require_beheerder(signing.database, current_staff)
        super().__init__(parent)
        self.signing = signing
        self.database = signing.database
        self.current_staff = current_staff
        self.setObjectName("staffDialog")
        self.setWindowTitle(_("Accounts van medewerkers"))
        intro = QLabel(_(
            "Iedereen werkt met een eigen account. Een uitgezet account kan zich niet meer "
            "aanmelden; wat die medewerker eerder deed, blijft in het toegangslogboek staan."))
        intro.setWordWrap(True)
        self.table = QTableWidget(0, 5)
        self.table.setObjectName("staffTable")
        self.table.setAccessibleName(_("Accounts van medewerkers"))
        self.table.setHorizontalHeaderLabels(
            [_("Naam"), _("Gebruikersnaam"), _("Organisatie"), _("Rol"), _("Actief")])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.itemSelectionChanged.connect(self._update_buttons)

        self.add_button = QPushButton(_("Nieuwe medewerker…"))
        self.add_button.setObjectName("addStaffButton")
        self.add_button.clicked.connect(self.add_staff_member)
        self.reset_button = QPushButton(_("Wachtwoord opnieuw instellen…"))
        self.reset_button.setObjectName("resetPasswordButton")
        self.reset_button.clicked.connect(self.reset_password)
        self.active_button = QPushButton(_("Account uitzetten"))
        self.active_button.setObjectName("toggleActiveButton")
        self.active_button.clicked.connect(self.toggle_active)
        self.recovery_button = QPushButton(_("Nieuwe herstelcode…"))
        self.recovery_button.setObjectName("recoveryCodeButton")
        self.recovery_button.clicked.connect(self.new_recovery_code)
        # What the last action did, where the beheerder is looking anyway.
        self.status = QLabel()
        self.status.setObjectName("staffStatus")
        self.status.setWordWrap(True)
        self.status.setStyleSheet(OK_STYLE)
        close = QPushButton(_("Sluiten"))
        close.clicked.connect(self.accept)

        side = QVBoxLayout()
        for button in (self.add_button, self.reset_button, self.active_button):
            side.addWidget(button)
        side.addStretch(1)
        side.addWidget(self.recovery_button)
        middle = QHBoxLayout()
        middle.addWidget(self.table, 1)
        middle.addLayout(side)
        bottom = QHBoxLayout()
        bottom.addWidget(self.status, 1)
        bottom.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(middle, 1)
        layout.addLayout(bottom)
        self.resize(820, 420)
        self.refresh()

    # --- the table ---

    def refresh(self, select_id: int | None = None) -> None:
        from intake_desktop.security.staff import list_staff

        self.members = list_staff(self.database)
        self.table.setRowCount(len(self.members))
        for row, member in enumerate(self.members):
            cells = (
                display_safe(member.name),
                member.username,
                _organisation_name(member.organisation),
                _(ROLE_NAMES[member.role]),
                _("Actief") if member.active else _("Uitgezet"),
            )
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, member.id)
                if not member.active:
                    item.setForeground(QColor("#6b6b6b"))
                self.table.setItem(row, column, item)
            if member.id == select_id:
                self.table.selectRow(row)
        self.table.resizeColumnsToContents()
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        if select_id is None or self.selected() is None:
            self.table.clearSelection()
        self._update_buttons()

    def selected(self) -> Staff | None:
        rows = {index.row() for index in self.table.selectionModel().selectedRows()}
        if len(rows) != 1:
            return None
        return self.members[rows.pop()]

    def select(self, username: str) -> None:
        for row, member in enumerate(self.members):
            if member.username == username:
                self.table.selectRow(row)

    def _update_buttons(self) -> None:
        member = self.selected()
        self.reset_button.setEnabled(member is not None and member.active)
        self.active_button.setEnabled(member is not None)
        self.active_button.setText(_("Account aanzetten") if member is not None and
                                   not member.active else _("Account uitzetten"))

    # --- actions ---

    def _slots(self):
        from intake_desktop.security.key_slots import KeySlots

        return KeySlots.load(self.signing.data_dir)

    def _record(self, detail: str, session=None) -> None:
        audit.record(self.database, Action.ACCOUNT, staff=audit.Actor.of(self.current_staff),
                     detail=detail, session=session)

    def _changed(self, select_id: int | None, message: str) -> None:
        self.refresh(select_id)
        self.status.setText(message)

    def add_staff_member(self) -> None:
        from intake_desktop.ui.sign_in import NewStaffDialog

        dialog = NewStaffDialog(first=False, parent=self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        try:
            member = self.create_account(dialog.values())
        except Exception as error:  # noqa: BLE001 - shown; nothing half-made is kept
            _show_error(self, _("Account niet gemaakt"), error)
            return
        self._changed(member.id, _("Het account van {name} is gemaakt.").format(
            name=isolate(display_safe(member.name))))

    def create_account(self, values: dict) -> Staff:
        """A key slot and a staff row for a new colleague: both, or neither."""
        from intake_desktop.security import staff
        from intake_desktop.security.key_slots import UsernameTaken

        # An account that was turned off keeps its row (and its name) but has
        # no slot: refuse before the slow scrypt work, not after it.
        if staff.find_staff(self.database, values["username"]) is not None:
            raise UsernameTaken(values["username"])
        slots = self._slots()
        run_in_background(self, _("Het account wordt gemaakt…"), lambda: slots.add(
            self.signing.key, values["username"], values["password"]))
        try:
            with self.database.session() as session, session.begin():
                member = staff.add_staff(self.database, username=values["username"],
                                         name=values["name"],
                                         organisation=values["organisation"],
                                         role=values["role"], session=session)
                self._record(f"add {member.username} {member.role.value}", session)
        except BaseException:
            # Without its row a slot would be a door nobody can see in the list.
            with suppress(Exception):  # the first error is the one to report
                slots.remove(values["username"])
            raise
        return member

    def reset_password(self) -> None:
        member = self.selected()
        if member is None or not member.active:
            return
        dialog = StaffPasswordDialog(
            member, _("Wachtwoord opnieuw instellen"),
            _("Een nieuw wachtwoord voor {name}. Het oude wachtwoord werkt daarna niet "
              "meer.").format(name=isolate(display_safe(member.name))), self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        try:
            self.set_password(member, dialog.value())
        except Exception as error:  # noqa: BLE001
            _show_error(self, _("Wachtwoord niet veranderd"), error)
            return
        self._changed(member.id, _("Het nieuwe wachtwoord van {name} is ingesteld.").format(
            name=isolate(display_safe(member.name))))

    def set_password(self, member: Staff, password: str) -> None:
        slots = self._slots()
        run_in_background(self, _("Het wachtwoord wordt ingesteld…"), lambda: (
            slots.change_password(self.signing.key, member.username, password)))
        self._record(f"reset {member.username}")

    def toggle_active(self) -> None:
        member = self.selected()
        if member is None:
            return
        if member.active:
            self._turn_off(member)
        else:
            self._turn_on(member)

    def deactivation_problem(self, member: Staff) -> str | None:
        from intake_desktop.security.staff import list_staff

        beheerders = [m for m in list_staff(self.database) if m.active and m.is_beheerder]
        if member.is_beheerder and [m.id for m in beheerders] == [member.id]:
            return _("Dit is het laatste actieve account van een beheerder. Zonder beheerder "
                     "kan niemand nog accounts, back-ups of bewaartermijnen beheren. Maak "
                     "eerst een andere beheerder.")
        if member.id == self.current_staff.id:
            return _("U kunt uw eigen account niet uitzetten. Vraag een andere beheerder "
                     "om dat te doen.")
        return None

    def _turn_off(self, member: Staff) -> None:
        problem = self.deactivation_problem(member)
        if problem:
            show_problem(self, _("Account niet uitgezet"), problem)
            return
        if not confirm(self, "confirmDeactivate", _("Account uitzetten"),
                        _("Het account van {name} uitzetten? Deze medewerker kan zich daarna "
                          "niet meer aanmelden. Om het account later weer aan te zetten, "
                          "stelt u een nieuw wachtwoord in.").format(
                              name=isolate(display_safe(member.name))),
                        _("Account uitzetten")):
            return
        try:
            self.deactivate(member)
        except Exception as error:  # noqa: BLE001
            _show_error(self, _("Account niet uitgezet"), error)
            return
        self._changed(member.id, _("Het account van {name} is uitgezet.").format(
            name=isolate(display_safe(member.name))))

    def deactivate(self, member: Staff) -> None:
        """Turn the account off and take its key slot away.

        The row goes first: an inactive row already stops every sign-in
        (Signing checks it), and it can be turned back if the slot cannot be
        removed, whereas a removed slot cannot come back without the password.
        """
        from intake_desktop.security import staff
        from intake_desktop.security.key_slots import UnknownUser

        problem = self.deactivation_problem(member)
        if problem:
            raise PermissionError(problem)
        staff.set_active(self.database, member.id, False)
        try:
            self._slots().remove(member.username)
        except UnknownUser:
            pass  # no slot to take away: the goal is reached
        except BaseException:
            with suppress(Exception):
                staff.set_active(self.database, member.id, True)
            raise
        self._record(f"deactivate {member.username}")

    def _turn_on(self, member: Staff) -> None:
        dialog = StaffPasswordDialog(
            member, _("Account aanzetten"),
            _("Het account van {name} gaat weer aan met een nieuw wachtwoord. Geef het "
              "wachtwoord persoonlijk door.").format(name=isolate(display_safe(member.name))),
            self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        try:
            self.activate(member, dialog.value())
        except Exception as error:  # noqa: BLE001
            _show_error(self, _("Account niet aangezet"), error)
            return
        self._changed(member.id, _("Het account van {name} is weer aangezet.").format(
            name=isolate(display_safe(member.name))))

    def activate(self, member: Staff, password: str) -> None:
        """A new key slot with ``password``, then the row active again: both, or neither."""
        from intake_desktop.security import staff

        slots = self._slots()
        had_slot = member.username in slots.usernames()

        def make_slot() -> None:
            # A slot left behind by an interrupted deactivation is replaced, not refused:
            # its old password must not work again.
            if had_slot:
                slots.change_password(self.signing.key, member.username, password)
            else:
                slots.add(self.signing.key, member.username, password)

        run_in_background(self, _("Het account wordt aangezet…"), make_slot)
        try:
            staff.set_active(self.database, member.id, True)
            self._record(f"activate {member.username}")
        except BaseException:
            with suppress(Exception):
                staff.set_active(self.database, member.id, False)
            with suppress(Exception):
                slots.remove(member.username)
            raise

    def new_recovery_code(self) -> None:
        from intake_desktop.ui.sign_in import RecoveryCodeDialog

        if not confirm(self, "confirmRecoveryCode", _("Nieuwe herstelcode"),
                        _("Er komt een nieuwe herstelcode. De oude herstelcode werkt daarna "
                          "niet meer. Houd pen en papier klaar: de nieuwe code wordt maar één "
                          "keer getoond."),
                        _("Nieuwe herstelcode maken")):
            return
        try:
            code = self.make_recovery_code()
        except Exception as error:  # noqa: BLE001
            _show_error(self, _("Geen nieuwe herstelcode"), error)
            return
        self.status.setText(_("Er is een nieuwe herstelcode gemaakt; de oude werkt niet meer."))
        RecoveryCodeDialog(code, self).exec()

    def make_recovery_code(self) -> str:
        slots = self._slots()
        code = run_in_background(self, _("De herstelcode wordt gemaakt…"),
                                 lambda: slots.new_recovery_code(self.signing.key))
        self._record("new recovery code")
        return code


# --- the access log --------------------------------------------------------------------------

class AccessLogDialog(QDialog):
    """The access log, filtered, and the check that it was not changed afterwards."""

    def __init__(self, database, current_staff: Staff, parent: QWidget | None = None) -> None:
        from intake_desktop.security.staff import list_staff

        _require_beheerder(database, current_staff)
        super().__init__(parent)
        self.database = database
        self.current_staff = current_staff
        self.entries: list[audit.Entry] = []
        self.setObjectName("accessLogDialog")
        self.setWindowTitle(_("Toegangslogboek"))

        self.staff_filter = QComboBox()
        self.staff_filter.setObjectName("logStaffFilter")
        self.staff_filter.setAccessibleName(_("Medewerker"))
        self.staff_filter.addItem(_("Iedereen"), None)
        for member in list_staff(database):
            self.staff_filter.addItem(display_safe(member.name), member.id)
        self.action_filter = QComboBox()
        self.action_filter.setObjectName("logActionFilter")
        self.action_filter.setAccessibleName(_("Handeling"))
        self.action_filter.addItem(_("Alles"), None)
        for action in Action:
            self.action_filter.addItem(_(ACTION_NAMES[action]), action)
        self.person_filter = QLineEdit()
        self.person_filter.setObjectName("logPersonFilter")
        self.person_filter.setAccessibleName(_("Persoonsnummer"))
        self.person_filter.setPlaceholderText(_("Alle personen"))
        validator = QIntValidator(1, 2_147_483_647, self.person_filter)
        validator.setLocale(QLocale.c())
        self.person_filter.setValidator(validator)
        self.person_filter.setLayoutDirection(Qt.LayoutDirection.LeftToRight)
        self.person_filter.returnPressed.connect(self.apply_filter)
        today = QDate.currentDate()
        self.date_from = self._date_edit("logDateFrom", _("Vanaf datum"),
                                         today.addDays(-DEFAULT_LOG_DAYS))
        self.date_to = self._date_edit("logDateTo", _("Tot en met datum"), today)
        self.apply_button = QPushButton(_("Tonen"))
        self.apply_button.setObjectName("logApplyButton")
        self.apply_button.setDefault(True)
        self.apply_button.clicked.connect(self.apply_filter)

        filters = QGridLayout()
        filters.addWidget(QLabel(_("Medewerker")), 0, 0)
        filters.addWidget(self.staff_filter, 0, 1)
        filters.addWidget(QLabel(_("Handeling")), 0, 2)
        filters.addWidget(self.action_filter, 0, 3)
        filters.addWidget(QLabel(_("Persoonsnummer")), 0, 4)
        filters.addWidget(self.person_filter, 0, 5)
        filters.addWidget(QLabel(_("Vanaf")), 1, 0)
        filters.addWidget(self.date_from, 1, 1)
        filters.addWidget(QLabel(_("Tot en met")), 1, 2)
        filters.addWidget(self.date_to, 1, 3)
        filters.addWidget(self.apply_button, 1, 5)

        self.table = QTableWidget(0, 8)
        self.table.setObjectName("logTable")
        self.table.setAccessibleName(_("Toegangslogboek"))
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setHorizontalHeaderLabels([
            _("Regel"), _("Moment"), _("Medewerker"), _("Organisatie"), _("Handeling"),
            _("Persoonsnummer"), _("Resultaat"), _("Laptop")])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.count = QLabel()
        self.count.setObjectName("logCount")
        self.count.setWordWrap(True)

        self.verify_button = QPushButton(_("Keten controleren"))
        self.verify_button.setObjectName("verifyChainButton")
        self.verify_button.setToolTip(_("Controleren of regels van het logboek achteraf zijn "
                                        "veranderd, verwijderd of tussengevoegd"))
        self.verify_button.clicked.connect(self.verify_chain)
        self.chain_result = QLabel()
        self.chain_result.setObjectName("chainResult")
        self.chain_result.setWordWrap(True)
        close = QPushButton(_("Sluiten"))
        close.clicked.connect(self.accept)
        bottom = QHBoxLayout()
        bottom.addWidget(self.verify_button)
        bottom.addWidget(self.chain_result, 1)
        bottom.addWidget(close)

        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.count)
        layout.addLayout(bottom)
        self.resize(1000, 560)
        self.apply_filter()

    def _date_edit(self, name: str, accessible: str, date: QDate) -> QDateEdit:
        edit = QDateEdit()
        edit.setObjectName(name)
        edit.setAccessibleName(accessible)
        _western_digits(edit)
        edit.setDisplayFormat("dd-MM-yyyy")
        # Digits and hyphens have no direction; right-to-left would turn the date around.
        edit.setLayoutDirection(Qt.LayoutDirection.LeftToRight)
        edit.setCalendarPopup(True)
        edit.setDate(date)
        return edit

    def filters(self) -> dict:
        """The filter as keyword arguments for ``audit.query``."""

        def local_midnight(day: QDate) -> dt.datetime:
            # The beheerder means days on this laptop's calendar; the log stores UTC.
            return dt.datetime(day.year(), day.month(), day.day()).astimezone()

        person = self.person_filter.text().strip()
        return {
            "staff_id": self.staff_filter.currentData(),
            "action": self.action_filter.currentData(),
            "person_id": int(person) if person else None,
            "since": local_midnight(self.date_from.date()),
            "until": local_midnight(self.date_to.date().addDays(1)),
        }

    def apply_filter(self) -> None:
        filters = self.filters()
        # Looking into the log is itself on record; with a person number it is
        # a look at that person's record, so their own report shows it too.
        audit.record(self.database, Action.SEARCH, staff=audit.Actor.of(self.current_staff),
                     person_id=filters["person_id"], detail="access log")
        self.entries = audit.query(self.database, limit=LOG_LIMIT, **filters)
        self._fill()

    def _fill(self) -> None:
        self.table.setRowCount(len(self.entries))
        for row, entry in enumerate(self.entries):
            try:
                action = _(ACTION_NAMES[Action(entry.action)])
            except ValueError:
                action = entry.action
            try:
                result = _(RESULT_NAMES[Result(entry.result)])
            except ValueError:
                result = entry.result
            cells = (
                str(entry.id),
                i18n.format_datetime(entry.occurred_at, format="short"),
                display_safe(entry.staff_name) if entry.staff_name else "–",
                _organisation_name(entry.organisation) if entry.organisation else "–",
                action,
                str(entry.person_id) if entry.person_id is not None else "",
                result,
                display_safe(entry.device or ""),
            )
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, entry.id)
                if column == 4 and entry.detail:
                    # The technical note (an id, a setting) for whoever investigates.
                    item.setToolTip(display_safe(entry.detail))
                if entry.result != Result.SUCCESS:
                    item.setForeground(QColor("#a4262c"))
                self.table.setItem(row, column, item)
        self.table.resizeColumnsToContents()
        if len(self.entries) >= LOG_LIMIT:
            self.count.setText(ngettext(
                "Alleen de nieuwste {n} regel wordt getoond. Maak het filter nauwer om oudere "
                "regels te zien.",
                "Alleen de nieuwste {n} regels worden getoond. Maak het filter nauwer om "
                "oudere regels te zien.", LOG_LIMIT).format(n=LOG_LIMIT))
        else:
            self.count.setText(ngettext("{n} regel gevonden.", "{n} regels gevonden.",
                                        len(self.entries)).format(n=len(self.entries)))

    def verify_chain(self) -> audit.ChainReport:
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            report = audit.verify(self.database)
        finally:
            QApplication.restoreOverrideCursor()
        self.chain_result.setText(report.message())
        self.chain_result.setStyleSheet(OK_STYLE if report.ok else ERROR_STYLE)
        if not report.ok:
            # Point at the damaged entry when the current filter shows it.
            for row, entry in enumerate(self.entries):
                if entry.id == report.first_bad_id:
                    self.table.selectRow(row)
                    self.table.scrollToItem(self.table.item(row, 0))
        return report


# --- settings --------------------------------------------------------------------------------

class SettingsDialog(QDialog):
    """Idle lock and retention term: for everyone on this laptop, set by the beheerder."""

    # The new idle time in minutes, emitted after saving, so the window applies it at once.
    idle_minutes_changed = Signal(int)

    def __init__(self, database, current_staff: Staff, parent: QWidget | None = None) -> None:
        from intake_desktop.privacy import retention
        from intake_desktop.security import app_settings
        from intake_desktop.security.session_lock import MAX_IDLE_MINUTES, MIN_IDLE_MINUTES

        _require_beheerder(database, current_staff)
        super().__init__(parent)
        self.database = database
        self.current_staff = current_staff
        self.setObjectName("settingsDialog")
        self.setWindowTitle(_("Instellingen"))
        self.saved_idle = app_settings.idle_minutes(database)
        self.saved_retention = retention.retention_months(database)

        self.idle = QSpinBox()
        self.idle.setObjectName("idleMinutes")
        self.idle.setAccessibleName(_("Vergrendelen na (minuten)"))
        _western_digits(self.idle)
        self.idle.setRange(MIN_IDLE_MINUTES, MAX_IDLE_MINUTES)
        self.idle.setValue(self.saved_idle)
        idle_text = QLabel(_("Na zoveel minuten zonder toetsenbord of muis vergrendelt Intake "
                             "Desktop zichzelf. Kort is veiliger op een gedeelde laptop."))
        idle_text.setWordWrap(True)
        # The bounds come from the retention module, which refuses anything else.
        self.retention = QSpinBox()
        self.retention.setObjectName("retentionMonths")
        self.retention.setAccessibleName(_("Bewaartermijn (maanden)"))
        _western_digits(self.retention)
        self.retention.setRange(retention.MIN_MONTHS, retention.MAX_MONTHS)
        self.retention.setValue(self.saved_retention)
        retention_text = QLabel(_(
            "Zo lang na de laatste activiteit blijven de gegevens van een persoon bewaard. "
            "Daarna worden ze gemeld om te verwijderen; er wordt niets verwijderd zonder "
            "dat u het bevestigt."))
        retention_text.setWordWrap(True)

        form = QFormLayout()
        form.addRow(_("Vergrendelen na (minuten)"), self.idle)
        form.addRow("", idle_text)
        form.addRow(_("Bewaartermijn (maanden)"), self.retention)
        form.addRow("", retention_text)
        buttons = QDialogButtonBox()
        self.save_button = buttons.addButton(_("Opslaan"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.save_button.setObjectName("saveSettingsButton")
        buttons.addButton(_("Annuleren"), QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self._save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)
        self.setMinimumWidth(480)

    def save(self) -> None:
        """Store what changed, each change with its own entry in the access log."""
        from intake_desktop.privacy import retention
        from intake_desktop.security import app_settings

        actor = audit.Actor.of(self.current_staff)
        idle, months = self.idle.value(), self.retention.value()
        if idle != self.saved_idle:
            with self.database.session() as session, session.begin():
                app_settings.set_value(self.database, app_settings.IDLE_MINUTES, idle,
                                       session=session)
                audit.record(self.database, Action.SETTINGS, staff=actor,
                             detail=f"{app_settings.IDLE_MINUTES}={idle}", session=session)
            self.saved_idle = idle
            self.idle_minutes_changed.emit(idle)
        if months != self.saved_retention:
            # Logs its own SETTINGS entry in the same transaction.
            retention.set_retention_months(self.database, months, actor=actor)
            self.saved_retention = months

    def _save(self) -> None:
        try:
            self.save()
        except Exception as error:  # noqa: BLE001 - shown; each change commits whole or not
            show_problem(self, _("Instellingen niet opgeslagen"),
                         _("De instellingen konden niet worden opgeslagen."), repr(error))
            return
        self.accept()


# --- backups ---------------------------------------------------------------------------------

class BackupPassphraseDialog(_NewSecretDialog):
    """The passphrase that protects a backup, asked twice and checked while typing."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(
            name="backupPassphrase", title=_("Wachtwoord voor de back-up"),
            explanation=_(
                "De back-up wordt versleuteld met een wachtwoord dat u nu kiest. Zonder dit "
                "wachtwoord kan niemand de back-up terugzetten, ook u niet. Bewaar het "
                "wachtwoord niet bij de back-up: wie beide vindt, kan alle gegevens lezen."),
            label=_("Wachtwoord voor de back-up"), rules=None, ok_text=_("Back-up maken"),
            parent=parent)
        self.passphrase = self.secret
        self._check()

    def fault(self, secret: str) -> str | None:
        from intake_desktop.security import keys

        return keys.passphrase_problem(secret)


def backup_to(signing, current_staff: Staff, target: Path, passphrase: str, *,
              params=None) -> BackupInfo:
    """Write an encrypted backup of the open database to ``target`` and log it.

    Blocks for as long as scrypt and the copy take: call it off the GUI thread.
    A failure is logged as well (someone tried to take the data out) and then
    raised; BackupError.message() explains it. ``params`` makes scrypt cheap in tests.
    """
    from intake_desktop.store import backup

    _require_beheerder(signing.database, current_staff)
    actor = audit.Actor.of(current_staff)
    try:
        info = backup.make_backup(signing.database, Path(target), passphrase,
                                  params if params is not None else backup.DEFAULT_SCRYPT)
    except backup.BackupError as error:
        # The reason is a fixed code; the path stays out of the log (it may be long or odd).
        audit.record(signing.database, Action.BACKUP, result=Result.FAILED, staff=actor,
                     detail=error.reason.value)
        raise
    audit.record(signing.database, Action.BACKUP, staff=actor,
                 detail=f"people={info.people} intakes={info.intakes}")
    return info


def _default_backup_path() -> str:
    folder = (QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
              or str(Path.home()))
    from intake_desktop.store.backup import BACKUP_SUFFIX

    return str(Path(folder) / f"intake-desktop-{dt.date.today().isoformat()}{BACKUP_SUFFIX}")


def make_backup_interactively(parent: QWidget | None, signing, current_staff: Staff
                              ) -> BackupInfo | None:
    """Ask where and with which passphrase, make the backup in a thread, and report.

    Returns what was written, or None when the beheerder cancelled or it failed
    (the failure has been shown by then).
    """
    from intake_desktop.store.backup import BACKUP_SUFFIX

    _require_beheerder(signing.database, current_staff)
    chosen, _filter = QFileDialog.getSaveFileName(
        parent, _("Back-up opslaan"), _default_backup_path(),
        _("Back-up van Intake Desktop (*{suffix})").format(suffix=BACKUP_SUFFIX))
    if not chosen:
        return None
    target = Path(chosen)
    if not target.name.endswith(BACKUP_SUFFIX):
        # Not every platform's dialog adds the suffix; restore looks for it.
        target = target.with_name(target.name + BACKUP_SUFFIX)
    dialog = BackupPassphraseDialog(parent)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    passphrase = dialog.value()
    try:
        info = run_in_background(parent, _("De back-up wordt gemaakt…"),
                                 lambda: backup_to(signing, current_staff, target, passphrase))
    except Exception as error:  # noqa: BLE001 - shown; the live data are untouched
        _show_error(parent, _("Back-up niet gemaakt"), error)
        return None
    people = ngettext("{n} persoon", "{n} personen", info.people).format(
        n=i18n.format_number(info.people))
    intakes = ngettext("{n} intake", "{n} intakes", info.intakes).format(
        n=i18n.format_number(info.intakes))
    megabytes = i18n.format_number(round(info.size / 1_000_000, 1))
    show_message(parent, "backupDone", _("Back-up gemaakt"), _(
        "De back-up is gemaakt en gecontroleerd: {people} en {intakes}, {size} MB, in "
        "{file}. Bewaar de back-up op een veilige plek, apart van het wachtwoord.").format(
            people=isolate(people), intakes=isolate(intakes), size=isolate(megabytes),
            file=isolate(info.path)))
    return info
