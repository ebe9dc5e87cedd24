"""Who is at the keyboard: first-run setup, sign-in, the lock screen, switching user.

The database key only exists once a staff member has signed in: their password
and this laptop's device secret unwrap it (security/key_slots.py). The slow
parts (scrypt, opening the database) run in a thread so the window stays alive.
"""

from __future__ import annotations

import threading

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QDialog

from intake_desktop import startup
from intake_desktop.errors import Problem, StartupError
from intake_desktop.i18n import _
from intake_desktop.security import keys


class Signing(QObject):
    """Drives the window's sign-in page and lock screen for one GuiSession."""

    _opened = Signal(object, object, str)  # Database, Unlocked, username
    _refused = Signal(object)  # KeySlotError or StartupError

    def __init__(self, gui) -> None:
        super().__init__(gui.window)
        self.gui = gui
        self.window = gui.window
        self.data_dir = gui.data_dir
        self.key: bytes | None = None
        self.database = None
        self.failed_attempts: list[str] = []
        self._opened.connect(self._database_open)
        self._refused.connect(self._sign_in_refused)
        self.window.sign_in_form.submitted.connect(self._sign_in)
        self.window.sign_in_form.recovery_requested.connect(self._recover)
        self.window.unlock_requested.connect(self._unlock)
        self.window.closing.connect(self._release)
        self.window.signing = self
        self.instance_lock = None

    def _release(self) -> None:
        if self.instance_lock is not None:
            self.instance_lock.release()

    # --- start -------------------------------------------------------------------------------

    def start(self) -> None:
        from intake_desktop.single_instance import InstanceLock, network_location

        try:
            share = network_location(self.data_dir)
            if share:
                # SQLite's locking is unreliable on shares, and the data would leave the laptop.
                raise StartupError(Problem.NETWORK_SHARE, self.data_dir, share)
            startup.ensure_writable(self.data_dir)
            # Kept for the life of the process: the OS releases it when we exit or die.
            self.instance_lock = InstanceLock(self.data_dir)
            if not self.instance_lock.acquire():
                raise StartupError(Problem.ALREADY_RUNNING, self.data_dir)
            state = startup.store_state(self.data_dir)
        except StartupError as error:
            self.gui.open_failed(error)
            return
        if state == startup.NEW:
            self._first_run()
        elif state == startup.LEGACY:
            self._convert_legacy()
        else:
            self.window.show_sign_in()

    def _ask_first_staff(self, legacy: bool):
        from intake_desktop.ui.sign_in import NewStaffDialog

        secure, _backend = keys.secure_keyring()
        dialog = NewStaffDialog(first=True, insecure_keyring=not secure, parent=self.window)
        if legacy:
            dialog.setWindowTitle(_("Persoonlijke accounts instellen"))
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None, None
        from intake_desktop.security.key_slots import KEYRING_BINDING, NO_BINDING

        return dialog.values(), KEYRING_BINDING if secure else NO_BINDING

    def _first_run(self) -> None:
        values, binding = self._ask_first_staff(legacy=False)
        if values is None:
            self.gui.open_failed(StartupError(Problem.CANCELLED, self.data_dir))
            return
        try:
            unlocked, code = startup.create_with_first_staff(
                self.data_dir, username=values["username"], password=values["password"],
                binding=binding)
        except Exception as error:  # noqa: BLE001 - shown, nothing half-made is kept
            self.gui.open_failed(error)
            return
        self._open_in_thread(unlocked, values["username"], first=(values, code))

    def _convert_legacy(self) -> None:
        """A database from before personal accounts: open it with its old key first
        (so a damaged file is reported before anything changes), then set up the
        first beheerder, whose slot takes over the key."""
        from intake_desktop.ui.passphrase_dialog import ask_passphrase

        try:
            unlocked = startup.unlock(self.data_dir,
                                      lambda request: ask_passphrase(self.window, request))
        except StartupError as error:
            self.gui.open_failed(error)
            return
        self._legacy = unlocked
        self._open_in_thread(unlocked, "")

    # --- signing in --------------------------------------------------------------------------

    def _sign_in(self, username: str, password: str) -> None:
        self.window.sign_in_form.set_busy(True)

        def work() -> None:
            try:
                unlocked = startup.sign_in(self.data_dir, username, password)
            except Exception as error:  # noqa: BLE001 - delivered to the GUI thread
                self._refused.emit(error)
                return
            self._open(unlocked, username)

        threading.Thread(target=work, daemon=True, name="sign-in").start()

    def _open_in_thread(self, unlocked, username: str, first=None) -> None:
        self._first = first
        threading.Thread(target=self._open, args=(unlocked, username), daemon=True,
                         name="open-store").start()

    def _open(self, unlocked, username: str) -> None:
        try:
            database = startup.open_store(unlocked)
        except Exception as error:  # noqa: BLE001
            self._refused.emit(error)
            return
        self._opened.emit(database, unlocked, username)

    def _sign_in_refused(self, error: Exception) -> None:
        from intake_desktop.security.key_slots import KeySlotError

        form = self.window.sign_in_form
        form.set_busy(False)
        if isinstance(error, KeySlotError):
            self.failed_attempts.append(form.username.text().strip())
            form.show_error(error.message())
            return
        self.gui.open_failed(error)

    def _database_open(self, database, unlocked, username: str) -> None:
        from intake_desktop.security import audit, staff

        first = getattr(self, "_first", None)
        self._first = None
        if getattr(self, "_legacy", None) is not None:
            self._legacy = None
            values, binding = self._ask_first_staff(legacy=True)
            if values is None:
                database.close()
                self.gui.open_failed(StartupError(Problem.CANCELLED, self.data_dir))
                return
            try:
                code = startup.convert_legacy(unlocked, username=values["username"],
                                              password=values["password"], binding=binding)
            except Exception as error:  # noqa: BLE001
                database.close()
                self.gui.open_failed(error)
                return
            first, username = (values, code), values["username"]
        if first is not None:
            values, code = first
            member = staff.add_staff(database, username=values["username"], name=values["name"],
                                     organisation=values["organisation"], role=values["role"])
            audit.record(database, audit.Action.ACCOUNT, staff=audit.Actor.of(member),
                         detail="first beheerder")
        member = staff.find_staff(database, username)
        if member is None or not member.active:
            database.close()
            self.window.sign_in_form.set_busy(False)
            self.window.sign_in_form.show_error(
                _("Dit account is niet (meer) actief. Vraag de beheerder om hulp."))
            return
        self.key, self.database = unlocked.key, database
        known = self._known_names()
        for name in self.failed_attempts:
            audit.record(database, audit.Action.SIGN_IN_FAILED, result=audit.Result.DENIED,
                         staff=None, detail=_safe_name(name, known))
        self.failed_attempts.clear()
        audit.record(database, audit.Action.SIGN_IN, staff=audit.Actor.of(member))
        self.window.staff_check = self.check_staff
        self.window.attach_database(database)
        self.window.signed_in(member)
        self.gui.signed_in()
        if first is not None:
            from intake_desktop.ui.sign_in import RecoveryCodeDialog

            RecoveryCodeDialog(first[1], self.window).exec()
        if member.is_beheerder:
            self.settle_pending_restore(self._ask_keep_restore)

    def _ask_keep_restore(self) -> bool:
        from intake_desktop.ui.errors import confirm

        return confirm(self.window, "restore-pending", _("Back-up terugzetten"), _(
            "Er is eerder een back-up teruggezet, maar daarna is niet bevestigd dat de "
            "gegevens kloppen. Kijk of de gegevens kloppen. Kies Nee om de database van voor "
            "het terugzetten terug te krijgen."), yes=_("Ja"), no=_("Nee"))

    def settle_pending_restore(self, keep) -> None:
        """A restore the app did not hear back about (it was closed or crashed in between):
        the beheerder keeps the restored data or gets the previous database back."""
        from intake_desktop.security import audit
        from intake_desktop.store import backup

        if not backup.pending_restore(self.data_dir):
            return
        if keep():
            backup.confirm_restore(self.data_dir)
            audit.record(self.database, audit.Action.RESTORE, staff=self.window.actor(),
                         detail="restore confirmed later")
            return
        self.database.close()
        backup.undo_restore(self.data_dir)
        info = keys.read_keyinfo(startup.keyinfo_path(self.data_dir))
        self.database = startup.open_store(startup.Unlocked(self.data_dir, self.key, info,
                                                            new=False))
        audit.record(self.database, audit.Action.RESTORE, staff=self.window.actor(),
                     detail="restore undone")
        self.window.attach_database(self.database)

    # --- the lock screen ---------------------------------------------------------------------

    def _unlock(self, username: str, password: str) -> None:
        """Anyone with an account may sign in here: the same key, another person."""
        from intake_desktop.security import audit, staff
        from intake_desktop.security.key_slots import KeySlotError

        form = self.window.lock_form
        form.set_busy(True)
        try:
            unlocked = startup.sign_in(self.data_dir, username, password)
        except KeySlotError as error:
            form.set_busy(False)
            audit.record(self.database, audit.Action.SIGN_IN_FAILED, result=audit.Result.DENIED,
                         staff=None, detail=_safe_name(username, self._known_names()))
            form.show_error(error.message())
            return
        except StartupError as error:
            form.set_busy(False)
            form.show_error(error.message())
            return
        member = staff.find_staff(self.database, username)
        if unlocked.key != self.key or member is None or not member.active:
            form.set_busy(False)
            form.show_error(_("Dit account is niet (meer) actief. Vraag de beheerder om hulp."))
            return
        audit.record(self.database, audit.Action.UNLOCK, staff=audit.Actor.of(member))
        self.window.unlocked(member)
        self.gui.signed_in()

    def check_staff(self, username: str, password: str):
        """(staff, None) when these are a colleague's valid credentials, else (None, message)."""
        from intake_desktop.security import audit, staff
        from intake_desktop.security.key_slots import KeySlotError

        try:
            unlocked = startup.sign_in(self.data_dir, username, password)
        except (KeySlotError, StartupError) as error:
            audit.record(self.database, audit.Action.SIGN_IN_FAILED, result=audit.Result.DENIED,
                         staff=None, detail=_safe_name(username, self._known_names()))
            return None, error.message()
        member = staff.find_staff(self.database, username)
        if unlocked.key != self.key or member is None or not member.active:
            return None, _("Dit account is niet (meer) actief. Vraag de beheerder om hulp.")
        audit.record(self.database, audit.Action.SIGN_IN, staff=audit.Actor.of(member))
        return member, None

    def _known_names(self) -> frozenset[str]:
        from intake_desktop.security.key_slots import KeySlots

        try:
            return frozenset(KeySlots.load(self.data_dir).usernames())
        except Exception:  # noqa: BLE001 - a damaged file: log no name at all
            return frozenset()

    def _recover(self) -> None:
        from intake_desktop.ui.recovery import run_recovery

        run_recovery(self)


def _safe_name(name: str, known) -> str:
    """A typed sign-in name for the log, only when it is an account's name: anything else
    may be a password typed in the wrong field, which must never reach a file."""
    from intake_desktop.security.key_slots import normalize_username

    name = normalize_username(name)
    return name if name in known else "?"
