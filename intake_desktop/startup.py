"""From a data folder to an open store: find or make the key, then open the database.

Split in two steps so a window can be shown in between: ``unlock`` is quick
and may ask the user for a passphrase; ``open_store`` imports SQLAlchemy,
checks the file and migrates it, and can run in a background thread.
"""

from __future__ import annotations

import os
import secrets
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from intake_desktop.errors import Problem, StartupError
from intake_desktop.i18n import _
from intake_desktop.security import keys
from intake_desktop.store.database import DB_FILENAME


@dataclass(frozen=True)
class PassphraseRequest:
    """What a passphrase prompt must show."""

    new: bool  # True: set a new passphrase (asked twice); False: enter the existing one
    explanation: str
    error: str | None = None  # why the previous attempt was refused


# Returns the passphrase, or None when the user cancels.
AskPassphrase = Callable[[PassphraseRequest], "str | None"]


@dataclass(frozen=True)
class Unlocked:
    data_dir: Path
    key: bytes
    info: keys.KeyInfo
    new: bool  # the database does not exist yet and will be created


def database_path(data_dir: Path) -> Path:
    return data_dir / DB_FILENAME


def keyinfo_path(data_dir: Path) -> Path:
    return data_dir / keys.KEYINFO_FILENAME


def ensure_writable(data_dir: Path) -> None:
    """Make the folder if needed and prove we can write in it, before anything else."""
    try:
        data_dir.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryFile(dir=data_dir):
            pass
        database = database_path(data_dir)
        if database.exists() and not os.access(database, os.W_OK):
            raise PermissionError(database)
    except OSError as exc:
        raise StartupError(Problem.NOT_WRITABLE, data_dir, str(exc)) from exc


def _no_keyring_explanation() -> str:
    return _(
        "Deze computer heeft geen beveiligde plek om de sleutel van de database te "
        "bewaren. Intake Desktop bewaart de sleutel daarom niet. U stelt nu een "
        "wachtwoord in; daarmee wordt de database versleuteld. Zonder dit wachtwoord "
        "kan niemand de gegevens openen, ook u niet. Bewaar het wachtwoord veilig."
    )


def _create(data_dir: Path, ask: AskPassphrase | None,
            scrypt: keys.ScryptParams) -> Unlocked:
    from keyring.errors import KeyringError

    key = keys.new_key()
    secure, _backend = keys.secure_keyring()
    if secure:
        info = keys.new_keyinfo(key, keys.KEYRING)
        try:
            keys.store_in_keyring(info.database_id, key)
        except KeyringError as exc:
            raise StartupError(Problem.KEYRING_FAILED, data_dir, str(exc)) from exc
    else:
        if ask is None:
            raise StartupError(Problem.NO_SECURE_KEYRING, data_dir)
        error = None
        while True:
            passphrase = ask(PassphraseRequest(True, _no_keyring_explanation(), error))
            if passphrase is None:
                raise StartupError(Problem.CANCELLED, data_dir)
            error = keys.passphrase_problem(passphrase)
            if error is None:
                break
        salt = secrets.token_bytes(16)
        key = keys.derive_key(passphrase, salt, scrypt)
        info = keys.new_keyinfo(key, keys.PASSPHRASE, salt=salt, scrypt=scrypt)
    try:
        keys.write_keyinfo(keyinfo_path(data_dir), info)
    except OSError as exc:
        if info.key_store == keys.KEYRING:
            keys.forget_in_keyring(info.database_id)
        raise StartupError(Problem.NOT_WRITABLE, data_dir, str(exc)) from exc
    return Unlocked(data_dir, key, info, new=True)


def unlock(data_dir: Path, ask: AskPassphrase | None = None,
           scrypt: keys.ScryptParams | None = None) -> Unlocked:
    """The key of the database in data_dir; on first run a new key and key information.

    ``scrypt`` sets the cost of a new passphrase key; tests make it cheap.
    """
    from keyring.errors import KeyringError

    ensure_writable(data_dir)
    database, info_file = database_path(data_dir), keyinfo_path(data_dir)
    if not database.exists() and not info_file.exists():
        return _create(data_dir, ask, scrypt or keys.ScryptParams())
    if not info_file.exists():
        raise StartupError(Problem.KEYINFO_MISSING, data_dir)
    if not database.exists():
        raise StartupError(Problem.DATABASE_MISSING, data_dir)
    try:
        info = keys.read_keyinfo(info_file)
    except (OSError, ValueError, TypeError) as exc:
        raise StartupError(Problem.KEYINFO_DAMAGED, data_dir, str(exc)) from exc

    if info.key_store == keys.SLOTS:
        # The key information says the key is wrapped in the slots file, which is gone.
        raise StartupError(Problem.KEYINFO_MISSING, data_dir, "key slots file missing")
    if info.key_store == keys.KEYRING:
        try:
            key = keys.load_from_keyring(info)
        except KeyringError as exc:
            raise StartupError(Problem.KEYRING_FAILED, data_dir, str(exc)) from exc
        if key is None:
            raise StartupError(Problem.KEY_MISSING, data_dir)
        if not keys.key_matches(key, info):
            raise StartupError(Problem.WRONG_KEY, data_dir)
        return Unlocked(data_dir, key, info, new=False)

    if ask is None:
        raise StartupError(Problem.PASSPHRASE_NEEDED, data_dir)
    explanation = _("Voer het wachtwoord van de database in.")
    error = None
    while True:
        passphrase = ask(PassphraseRequest(False, explanation, error))
        if passphrase is None:
            raise StartupError(Problem.CANCELLED, data_dir)
        key = keys.derive_key(passphrase, bytes.fromhex(info.salt), info.scrypt)
        if keys.key_matches(key, info):
            return Unlocked(data_dir, key, info, new=False)
        error = _("Dit wachtwoord is niet juist. Probeer het opnieuw.")


# --- personal accounts: the key wrapped per staff member ----------------------------------------

NEW, LEGACY, SIGN_IN = "new", "legacy", "sign-in"


def store_state(data_dir: Path) -> str:
    """What the start needs: a first beheerder (NEW), a conversion of a database
    from before personal accounts (LEGACY), or a staff sign-in (SIGN_IN)."""
    from intake_desktop.security.key_slots import KeySlots

    # The caller has made sure the folder exists and is writable (ensure_writable).
    database, info_file = database_path(data_dir), keyinfo_path(data_dir)
    if KeySlots.exists(data_dir):
        if not info_file.exists():
            raise StartupError(Problem.KEYINFO_MISSING, data_dir)
        if not database.exists():
            raise StartupError(Problem.DATABASE_MISSING, data_dir)
        return SIGN_IN
    if not database.exists() and not info_file.exists():
        return NEW
    return LEGACY


def create_with_first_staff(data_dir: Path, *, username: str, password: str, binding: str,
                            params: keys.ScryptParams | None = None) -> tuple[Unlocked, str]:
    """A new key wrapped for the first beheerder; returns it and the recovery code."""
    from intake_desktop.security.key_slots import KeySlots

    ensure_writable(data_dir)
    key = keys.new_key()
    info = keys.new_keyinfo(key, keys.SLOTS)
    slots, code = KeySlots.create(data_dir, info.database_id, key, binding=binding,
                                  username=username, password=password, params=params)
    try:
        keys.write_keyinfo(keyinfo_path(data_dir), info)
    except OSError as exc:
        slots.forget()
        raise StartupError(Problem.NOT_WRITABLE, data_dir, str(exc)) from exc
    return Unlocked(data_dir, key, info, new=True), code


def sign_in(data_dir: Path, username: str, password: str, clock=None) -> Unlocked:
    """The key from the staff member's slot. KeySlotError (wrong password, too soon)
    goes to the caller, which shows its message; file problems become StartupError."""
    from intake_desktop.security.key_slots import KeySlots, SlotsDamaged, SlotsMissing

    try:
        slots = KeySlots.load(data_dir)
        info = keys.read_keyinfo(keyinfo_path(data_dir))
    except SlotsMissing as exc:
        raise StartupError(Problem.KEYINFO_MISSING, data_dir, str(exc)) from exc
    except (SlotsDamaged, OSError, ValueError, TypeError) as exc:
        raise StartupError(Problem.KEYINFO_DAMAGED, data_dir, str(exc)) from exc
    key = slots.unlock(username, password, **({"clock": clock} if clock else {}))
    if not keys.key_matches(key, info):
        raise StartupError(Problem.WRONG_KEY, data_dir)
    return Unlocked(data_dir, key, info, new=False)


def convert_legacy(unlocked: Unlocked, *, username: str, password: str, binding: str,
                   params: keys.ScryptParams | None = None) -> str:
    """Move a database from before personal accounts onto key slots.

    The key stays the same, so the database needs no re-encryption; the old
    keyring entry is removed, so from now on only a staff password opens it.
    """
    import dataclasses

    from intake_desktop.security.key_slots import KeySlots

    slots, code = KeySlots.create(unlocked.data_dir, unlocked.info.database_id, unlocked.key,
                                  binding=binding, username=username, password=password,
                                  params=params)
    info = dataclasses.replace(unlocked.info, key_store=keys.SLOTS, salt=None, scrypt=None)
    try:
        keys.write_keyinfo(keyinfo_path(unlocked.data_dir), info)
    except OSError as exc:
        slots.forget()
        raise StartupError(Problem.NOT_WRITABLE, unlocked.data_dir, str(exc)) from exc
    if unlocked.info.key_store == keys.KEYRING:
        keys.forget_in_keyring(unlocked.info.database_id)
    return code


def open_store(unlocked: Unlocked):
    """Open, check and migrate the database; on first run create it.

    A first run that fails half-way removes only what it made itself, so the
    next start is a clean first run again.
    """
    from intake_desktop.store.database import open_database

    path = database_path(unlocked.data_dir)
    if not unlocked.new:
        return open_database(path, unlocked.key)
    try:
        return open_database(path, unlocked.key, create=True)
    except BaseException:
        path.unlink(missing_ok=True)
        keyinfo_path(unlocked.data_dir).unlink(missing_ok=True)
        if unlocked.info.key_store == keys.KEYRING:
            keys.forget_in_keyring(unlocked.info.database_id)
        if unlocked.info.key_store == keys.SLOTS:
            from intake_desktop.security.key_slots import KeySlots

            if KeySlots.exists(unlocked.data_dir):
                KeySlots.load(unlocked.data_dir).forget()
        raise
