"""Encrypted backups of the database, protected by a passphrase, and restoring them.

A backup is never a copy of the live file: that file is keyed with the data
folder's key (in the credential store of this laptop, useless elsewhere) and a
copy taken while the app writes could be torn. ``sqlcipher_export`` reads the
live database in one read transaction and writes a new SQLCipher 4 file keyed
with scrypt(passphrase, random salt). SQLite's backup API cannot do this: it
copies pages as they are, so both files would need the same key.

The backup is one file ("container"), so the salt cannot get separated from
the data it unlocks::

    intake-desktop backup v1\\n
    {"format": 1, "kdf": {...}, "check": ..., "payload_sha256": ..., ...}\\n
    <the SQLCipher file, byte for byte>

The header holds no secret: scrypt parameters and salt, an HMAC check value
of the derived key (so a wrong passphrase is told apart from a damaged file)
and SHA-256 sums of header and payload (so accidental damage is told apart
from a wrong passphrase; deliberate changes are caught by SQLCipher's
per-page HMAC). The payload is ciphertext; nothing unencrypted is written to
disk at any point, temporary files included (temp_store is MEMORY).

SQLCipher can only open a file that starts with the database, so verifying
copies the payload (still encrypted) to a private temporary file first.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import enum
import hashlib
import hmac
import json
import os
import re
import secrets
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path

from intake_desktop import __version__
from intake_desktop.i18n import _, isolate
from intake_desktop.security import keys
from intake_desktop.security.keys import ScryptParams
from intake_desktop.store.database import (
    DB_FILENAME,
    HEAD_REVISION,
    connect,
    known_revisions,
)

__all__ = [
    "BACKUP_SUFFIX",
    "BEFORE_RESTORE_SUFFIX",
    "BackupError",
    "BackupInfo",
    "Reason",
    "confirm_restore",
    "make_backup",
    "pending_restore",
    "restore_backup",
    "undo_restore",
    "verify_backup",
]

# What the file dialog proposes; any name works.
BACKUP_SUFFIX = ".intakebackup"
BEFORE_RESTORE_SUFFIX = ".before-restore"
FORMAT = 1
_MAGIC_PREFIX = b"intake-desktop backup v"
_MAGIC = _MAGIC_PREFIX + str(FORMAT).encode() + b"\n"
_MAX_HEADER = 64 * 1024
_CHECK_LABEL = b"intake-desktop backup check v1"
_PAGE_SIZE = 4096
_SALT_BYTES = 16
# Tables a backup of this app cannot be without.
_REQUIRED_TABLES = frozenset({"alembic_version", "person", "intake", "answer"})
# SQLite's files beside a database; they belong to it and move with it.
_SIDECARS = ("-journal", "-wal", "-shm")
_CHUNK = 1024 * 1024
# The same cost as a data-folder passphrase: 128 MiB, about half a second.
DEFAULT_SCRYPT = ScryptParams()


class Reason(enum.Enum):
    WRONG_PASSPHRASE = "wrong_passphrase"
    DAMAGED = "damaged"
    FOREIGN = "foreign"  # not a backup of this app: another format or another schema
    NEWER_VERSION = "newer_version"
    NOT_READABLE = "not_readable"
    NOT_WRITABLE = "not_writable"
    WEAK_PASSPHRASE = "weak_passphrase"
    TARGET_IS_DATA = "target_is_data"  # the chosen file is one of the data folder's own
    RESTORE_PENDING = "restore_pending"  # an earlier restore is not yet confirmed or undone


class BackupError(Exception):
    """A backup could not be made, checked or restored; ``message()`` says so to the user.

    Whenever this is raised the live data are as they were.
    """

    def __init__(self, reason: Reason, path: Path | None = None, detail: str = "") -> None:
        super().__init__(f"{reason.value}: {path or ''} {detail}".strip())
        self.reason = reason
        self.path = path
        self.detail = detail

    def message(self) -> str:
        """The explanation for the user, in the current interface language."""
        where = isolate(self.path) if self.path else ""
        r = Reason
        if self.reason is r.WEAK_PASSPHRASE:
            # The passphrase itself is not kept in the exception; a stand-in
            # with the same fault gives keys' own wording, in today's language.
            stand_in = "" if self.detail == "too-short" else "a" * keys.MIN_PASSPHRASE_LENGTH
            return keys.passphrase_problem(stand_in) or ""
        texts = {
            r.WRONG_PASSPHRASE: _(
                "Het wachtwoord past niet bij deze back-up. Er is niets veranderd. "
                "Controleer het wachtwoord en probeer het opnieuw."
            ),
            r.DAMAGED: _(
                "De back-up {file} is beschadigd of onvolledig en kan niet worden "
                "teruggezet. Er is niets veranderd. Kies een andere back-up."
            ),
            r.FOREIGN: _(
                "Het bestand {file} is geen back-up van Intake Desktop. Er is niets "
                "veranderd. Kies een back-up die met Intake Desktop is gemaakt."
            ),
            r.NEWER_VERSION: _(
                "De back-up {file} is gemaakt met een nieuwere versie van Intake Desktop. "
                "Er is niets veranderd. Installeer de nieuwste versie van het programma "
                "en zet de back-up daarna terug."
            ),
            r.NOT_READABLE: _(
                "Het bestand {file} kan niet worden gelezen. Er is niets veranderd. "
                "Controleer of het bestand er nog is en of u het mag openen."
            ),
            r.NOT_WRITABLE: _(
                "Intake Desktop kan niet schrijven in {file}. Er is niets veranderd en er "
                "is geen half bestand achtergebleven. Kies een plek met genoeg vrije "
                "ruimte waar u mag schrijven."
            ),
            r.TARGET_IS_DATA: _(
                "Een back-up kan niet worden opgeslagen als {file}: dat bestand hoort bij "
                "de gegevens zelf. Er is niets veranderd. Kies een andere plek, het liefst "
                "buiten deze laptop."
            ),
            r.RESTORE_PENDING: _(
                "Er is al een back-up teruggezet die nog niet is bevestigd. Er is niets "
                "veranderd. Bevestig die terugzetting of maak haar ongedaan, en probeer "
                "het daarna opnieuw."
            ),
        }
        return texts[self.reason].format(file=where)


@dataclass(frozen=True)
class BackupInfo:
    """What a backup holds, for the dialog that confirms making or restoring it."""

    path: Path
    created_at: dt.datetime
    app_version: str
    schema_revision: str
    people: int
    intakes: int
    size: int  # bytes of the whole backup file


@dataclass(frozen=True)
class _Header:
    created_at: str
    app_version: str
    salt: bytes
    params: ScryptParams
    check: str
    payload_size: int
    payload_sha256: str

    def fields(self) -> dict:
        return {
            "format": FORMAT,
            "created_at": self.created_at,
            "app_version": self.app_version,
            "kdf": {"name": "scrypt", "salt": self.salt.hex(), **dataclasses.asdict(self.params)},
            "cipher": "sqlcipher4",
            "check": self.check,
            "payload_size": self.payload_size,
            "payload_sha256": self.payload_sha256,
        }

    def to_line(self) -> bytes:
        fields = self.fields()
        fields["header_sha256"] = _digest(fields)
        return json.dumps(fields, sort_keys=True, separators=(",", ":")).encode("ascii") + b"\n"


def _digest(fields: dict) -> str:
    canonical = json.dumps(fields, sort_keys=True, separators=(",", ":")).encode("utf-8")
    return hashlib.sha256(canonical).hexdigest()


def _check_value(key: bytes) -> str:
    return hmac.new(key, _CHECK_LABEL, hashlib.sha256).hexdigest()


# --- making a backup -------------------------------------------------------------------


def make_backup(source, target: Path, passphrase: str,
                params: ScryptParams = DEFAULT_SCRYPT) -> BackupInfo:
    """Write an encrypted backup of the live database to ``target``, atomically.

    ``source`` is the open ``Database`` or a ``(database path, key)`` pair. The
    backup is checked (it opens with the passphrase and every page verifies)
    before it replaces ``target``; on any failure ``target`` is as it was and
    no temporary file is left. Blocks for as long as scrypt and the copy take:
    run it off the UI thread.
    """
    problem_kind = _passphrase_fault(passphrase)
    if problem_kind:
        raise BackupError(Reason.WEAK_PASSPHRASE, detail=problem_kind)
    target = Path(target).absolute()
    live_path = Path(source.path if not isinstance(source, tuple) else source[0]).absolute()
    if _is_data_file(target, live_path):
        raise BackupError(Reason.TARGET_IS_DATA, target)
    salt = secrets.token_bytes(_SALT_BYTES)
    backup_key = keys.derive_key(passphrase, salt, params)
    folder = target.parent
    temporaries: list[Path] = []
    try:
        database_file = _temporary(folder, target.name, ".db.part", temporaries)
        with _source_connection(source) as connection:
            _export(connection, database_file, backup_key)
        revision, people, intakes = _check_database(database_file, backup_key, target)
        header = _Header(
            created_at=dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
            app_version=__version__,
            salt=salt,
            params=params,
            check=_check_value(backup_key),
            payload_size=database_file.stat().st_size,
            payload_sha256=_file_sha256(database_file),
        )
        container = _temporary(folder, target.name, ".part", temporaries)
        with container.open("wb") as out, database_file.open("rb") as payload:
            out.write(_MAGIC)
            out.write(header.to_line())
            shutil.copyfileobj(payload, out, _CHUNK)
            out.flush()
            os.fsync(out.fileno())
        os.replace(container, target)
        temporaries.remove(container)
        _fsync_folder(folder)
        size = target.stat().st_size
    except OSError as exc:
        raise BackupError(Reason.NOT_WRITABLE, folder, str(exc)) from exc
    except _sqlite_error() as exc:
        # A full disk or a read-only stick shows up as an SQLite error while
        # writing the export; anything else is not about the target.
        if not _is_write_problem(exc):
            raise
        raise BackupError(Reason.NOT_WRITABLE, folder, str(exc)) from exc
    finally:
        for path in temporaries:
            _remove_with_sidecars(path)
    return BackupInfo(target, dt.datetime.fromisoformat(header.created_at), header.app_version,
                      revision, people, intakes, size)


def _passphrase_fault(passphrase: str) -> str | None:
    if keys.passphrase_problem(passphrase) is None:
        return None
    return "too-short" if len(passphrase) < keys.MIN_PASSPHRASE_LENGTH else "too-simple"


def _is_data_file(target: Path, live_path: Path) -> bool:
    """Whether ``target`` is the database, a file SQLite keeps beside it, or another app file."""
    from intake_desktop.settings import SETTINGS_FILENAME

    try:
        if target.exists() and live_path.exists() and os.path.samefile(target, live_path):
            return True
    except OSError:
        pass
    if os.path.normcase(target.resolve().parent) != os.path.normcase(live_path.resolve().parent):
        return False
    # The app's own files are all "intake.*" (database, journals, key
    # information, key slots, lock) plus the settings; a list of names would
    # miss the next file someone adds.
    name = os.path.normcase(target.name)
    if name.endswith(BACKUP_SUFFIX):
        return False
    return name.startswith("intake.") or name == os.path.normcase(SETTINGS_FILENAME)


@contextmanager
def _source_connection(source) -> Iterator:
    """A DB-API connection to the live database: from the app's pool, or a new one."""
    if isinstance(source, tuple):
        path, key = source
        connection = connect(Path(path), key)
        try:
            yield connection
        finally:
            connection.close()
        return
    pooled = source.engine.raw_connection()
    try:
        yield pooled.driver_connection
    except BaseException:
        # It may still have the backup attached; never hand it back to the pool.
        pooled.invalidate()
        raise
    finally:
        pooled.close()


def _export(connection, target: Path, key: bytes) -> None:
    """Copy every table, index and trigger into a new SQLCipher file keyed with ``key``.

    sqlcipher_export runs inside one statement, so it reads one consistent
    state of the live database even while the app keeps saving answers.
    """
    # ATTACH takes the key as a bound parameter: hex of our own bytes, as for PRAGMA key.
    connection.execute("ATTACH DATABASE ? AS backup KEY ?", (str(target), f"x'{key.hex()}'"))
    try:
        connection.execute("SELECT sqlcipher_export('backup')")
        # sqlcipher_export leaves user_version behind; copy it for completeness.
        version = int(connection.execute("PRAGMA main.user_version").fetchone()[0])
        connection.execute(f"PRAGMA backup.user_version = {version}")
    finally:
        connection.execute("DETACH DATABASE backup")


def _check_database(path: Path, key: bytes, shown_as: Path) -> tuple[str, int, int]:
    """(schema revision, people, intakes) of a keyed file, or BackupError: every page verified."""
    from sqlcipher3 import dbapi2

    size = path.stat().st_size
    if size == 0 or size % _PAGE_SIZE:
        raise BackupError(Reason.DAMAGED, shown_as, f"database length {size}")
    try:
        connection = connect(path, key)
    except dbapi2.DatabaseError as exc:
        raise BackupError(Reason.DAMAGED, shown_as, str(exc)) from exc
    try:
        # cipher_integrity_check verifies every page's HMAC without
        # interpreting it and lists the failures; quick_check then checks the
        # b-trees SQLite sees.
        failures = connection.execute("PRAGMA cipher_integrity_check").fetchall()
        if failures:
            raise BackupError(Reason.DAMAGED, shown_as, repr(failures[:3]))
        result = connection.execute("PRAGMA quick_check").fetchall()
        if result != [("ok",)]:
            raise BackupError(Reason.DAMAGED, shown_as, repr(result[:3]))
        tables = {row[0] for row in connection.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table'")}
        if not _REQUIRED_TABLES <= tables:
            raise BackupError(Reason.FOREIGN, shown_as, f"tables {sorted(tables)[:10]}")
        row = connection.execute("SELECT version_num FROM alembic_version").fetchone()
        revision = row[0] if row else None
        if revision not in known_revisions():
            if isinstance(revision, str) and revision.isdigit() and HEAD_REVISION.isdigit() \
                    and int(revision) > int(HEAD_REVISION):
                raise BackupError(Reason.NEWER_VERSION, shown_as, revision)
            raise BackupError(Reason.FOREIGN, shown_as, f"revision {revision!r}")
        people = connection.execute("SELECT count(*) FROM person").fetchone()[0]
        intakes = connection.execute("SELECT count(*) FROM intake").fetchone()[0]
        return revision, people, intakes
    except dbapi2.DatabaseError as exc:
        raise BackupError(Reason.DAMAGED, shown_as, str(exc)) from exc
    finally:
        connection.close()


# --- reading a backup ------------------------------------------------------------------


def _read_header(handle, path: Path) -> _Header:
    """Parse the two header lines; the handle is left at the first byte of the payload."""
    magic = handle.readline(len(_MAGIC_PREFIX) + 8)
    if not magic.startswith(_MAGIC_PREFIX) or not magic.endswith(b"\n"):
        raise BackupError(Reason.FOREIGN, path, "no backup signature")
    version = magic[len(_MAGIC_PREFIX):-1]
    if not version.isdigit():
        raise BackupError(Reason.FOREIGN, path, "bad backup signature")
    if int(version) > FORMAT:
        raise BackupError(Reason.NEWER_VERSION, path, f"format {int(version)}")
    if int(version) != FORMAT:
        raise BackupError(Reason.FOREIGN, path, f"format {int(version)}")
    line = handle.readline(_MAX_HEADER)
    if not line.endswith(b"\n"):
        raise BackupError(Reason.DAMAGED, path, "header cut off or too long")
    try:
        raw = json.loads(line)
        if not isinstance(raw, dict):
            raise ValueError("header is not an object")
        stated = raw.pop("header_sha256")
        if not isinstance(stated, str) or not hmac.compare_digest(stated, _digest(raw)):
            raise BackupError(Reason.DAMAGED, path, "header checksum")
        if raw.get("format") != FORMAT:
            raise BackupError(Reason.DAMAGED, path, "header format")
        kdf = raw["kdf"]
        if kdf.get("name") != "scrypt":
            raise BackupError(Reason.FOREIGN, path, f"kdf {kdf.get('name')!r}")
        params = ScryptParams(n=kdf["n"], r=kdf["r"], p=kdf["p"])
        header = _Header(
            created_at=str(raw["created_at"]),
            app_version=str(raw["app_version"]),
            salt=bytes.fromhex(kdf["salt"]),
            params=params,
            check=str(raw["check"]),
            payload_size=int(raw["payload_size"]),
            payload_sha256=str(raw["payload_sha256"]),
        )
        dt.datetime.fromisoformat(header.created_at)
    except BackupError:
        raise
    except (ValueError, KeyError, TypeError, AttributeError) as exc:
        raise BackupError(Reason.DAMAGED, path, f"header: {exc}") from exc
    if not _reasonable(params):
        # Parameters chosen to exhaust memory or time are not ones we write.
        raise BackupError(Reason.FOREIGN, path, f"scrypt parameters {params}")
    return header


def _reasonable(params: ScryptParams) -> bool:
    values = (params.n, params.r, params.p)
    if not all(isinstance(v, int) and not isinstance(v, bool) for v in values):
        return False
    n, r, p = values
    return (2**10 <= n <= 2**20 and n & (n - 1) == 0 and 1 <= r <= 32 and 1 <= p <= 16
            and 128 * n * r <= 1024**3)


@contextmanager
def _opened(path: Path, passphrase: str, workdir: Path | None) -> Iterator[tuple[Path, bytes, _Header]]:
    """Check the container, derive the key and yield (payload copy, key, header).

    The payload is copied, still encrypted, to a private temporary file (in
    ``workdir``, or a new private folder) and removed afterwards.
    """
    temporaries: list[Path] = []
    private_folder = None
    try:
        if workdir is None:
            private_folder = Path(tempfile.mkdtemp(prefix="intake-backup-check-"))
            workdir = private_folder
        key, header = _copy_payload(Path(path), passphrase, workdir, temporaries)
        yield temporaries[0], key, header
    finally:
        for temporary in temporaries:
            _remove_with_sidecars(temporary)
        if private_folder is not None:
            shutil.rmtree(private_folder, ignore_errors=True)


def _copy_payload(path: Path, passphrase: str, workdir: Path,
                  temporaries: list[Path]) -> tuple[bytes, _Header]:
    try:
        handle = path.open("rb")
    except OSError as exc:
        raise BackupError(Reason.NOT_READABLE, path, str(exc)) from exc
    with handle:
        try:
            header = _read_header(handle, path)
            remaining = os.fstat(handle.fileno()).st_size - handle.tell()
        except OSError as exc:
            raise BackupError(Reason.NOT_READABLE, path, str(exc)) from exc
        if remaining != header.payload_size or remaining == 0 or remaining % _PAGE_SIZE:
            raise BackupError(Reason.DAMAGED, path,
                              f"payload {remaining} bytes, expected {header.payload_size}")
        key = keys.derive_key(passphrase, header.salt, header.params)
        if not hmac.compare_digest(_check_value(key), header.check):
            raise BackupError(Reason.WRONG_PASSPHRASE, path)
        try:
            copy = _temporary(workdir, "restore", ".src", temporaries)
            out = copy.open("wb")
        except OSError as exc:
            raise BackupError(Reason.NOT_WRITABLE, workdir, str(exc)) from exc
        digest = hashlib.sha256()
        with out:
            while True:
                try:
                    chunk = handle.read(_CHUNK)
                except OSError as exc:
                    raise BackupError(Reason.NOT_READABLE, path, str(exc)) from exc
                if not chunk:
                    break
                digest.update(chunk)
                try:
                    out.write(chunk)
                except OSError as exc:
                    raise BackupError(Reason.NOT_WRITABLE, workdir, str(exc)) from exc
    if not hmac.compare_digest(digest.hexdigest(), header.payload_sha256):
        raise BackupError(Reason.DAMAGED, path, "payload checksum")
    return key, header


def verify_backup(path: Path, passphrase: str) -> BackupInfo:
    """Check a backup completely without changing anything; BackupError says what is wrong.

    Checks, in order: that it is our container of a format we know, the
    header's checksum, the passphrase (check value), the payload's length and
    checksum, every page's HMAC (cipher_integrity_check), the b-trees
    (quick_check), our tables and a schema revision this version knows.
    """
    path = Path(path)
    with _opened(path, passphrase, None) as (copy, key, header):
        revision, people, intakes = _check_database(copy, key, path)
    return BackupInfo(path, dt.datetime.fromisoformat(header.created_at), header.app_version,
                      revision, people, intakes, path.stat().st_size)


# --- restoring -------------------------------------------------------------------------


def _before_restore(data_dir: Path) -> Path:
    return data_dir / (DB_FILENAME + BEFORE_RESTORE_SUFFIX)


def pending_restore(data_dir: Path) -> bool:
    """Whether a restore kept the previous database and waits for confirm or undo."""
    return _before_restore(Path(data_dir)).exists()


def restore_backup(path: Path, passphrase: str, data_dir: Path, new_key: bytes) -> BackupInfo:
    """Replace the database in ``data_dir`` by the backup, keyed with the folder's key ``new_key``.

    The caller must have closed its ``Database`` (connections still open
    would keep writing to the previous file) and opens the store again
    afterwards; a backup of an older revision is migrated then, as usual.

    The backup is verified completely first; a wrong passphrase, a damaged,
    foreign or newer backup raises BackupError and changes nothing. The
    restored database is built beside the live one, checked, and swapped in
    with one rename. The previous database stays as
    ``intake.sqlite3.before-restore`` until ``confirm_restore`` (removes it) or
    ``undo_restore`` (puts it back).
    """
    data_dir = Path(data_dir)
    if len(new_key) != keys.KEY_BYTES:
        raise ValueError("the database key must be 32 bytes")
    info_file = data_dir / keys.KEYINFO_FILENAME
    if info_file.exists() and not keys.key_matches(new_key, keys.read_keyinfo(info_file)):
        # A database keyed with anything else could never be opened again.
        raise ValueError("the key does not belong to this data folder")
    if pending_restore(data_dir):
        raise BackupError(Reason.RESTORE_PENDING, data_dir)
    # What a restore interrupted by a crash left behind (ciphertext only).
    for leftover in [*data_dir.glob(".restore.*.src"), *data_dir.glob(".restore.*.new")]:
        _remove_with_sidecars(leftover)
    live = data_dir / DB_FILENAME
    path = Path(path)
    temporaries: list[Path] = []
    try:
        with _opened(path, passphrase, data_dir) as (copy, key, header):
            revision, people, intakes = _check_database(copy, key, path)
            fresh = _temporary(data_dir, "restore", ".new", temporaries)
            from sqlcipher3 import dbapi2

            try:
                connection = connect(copy, key)
                try:
                    _export(connection, fresh, new_key)
                finally:
                    connection.close()
            except dbapi2.Error as exc:
                if not _is_write_problem(exc):
                    raise
                raise BackupError(Reason.NOT_WRITABLE, data_dir, str(exc)) from exc
        # The new file must open with the folder's key and be as sound as the backup.
        if _check_database(fresh, new_key, path)[0] != revision:
            raise BackupError(Reason.DAMAGED, path, "revision changed while restoring")
        with fresh.open("rb+") as handle:
            os.fsync(handle.fileno())
        _swap_in(fresh, live)
        temporaries.remove(fresh)
    except OSError as exc:
        raise BackupError(Reason.NOT_WRITABLE, data_dir, str(exc)) from exc
    finally:
        for temporary in temporaries:
            _remove_with_sidecars(temporary)
    return BackupInfo(path, dt.datetime.fromisoformat(header.created_at), header.app_version,
                      revision, people, intakes, path.stat().st_size)


def _swap_in(fresh: Path, live: Path) -> None:
    """Keep the live database as .before-restore, then rename ``fresh`` over it.

    At every moment ``live`` names a complete database: first the previous
    one gets a second name, then one rename puts the new one in its place.
    """
    before = live.with_name(live.name + BEFORE_RESTORE_SUFFIX)
    moved: list[str] = []
    if live.exists():
        try:
            os.link(live, before)
        except OSError:
            # No hard links here (some USB sticks): a copy of the ciphertext does as well.
            _copy_durably(live, before)
    try:
        # A journal left by a crash belongs to the previous file; beside the
        # new one SQLite would roll it "back" into data it never saw.
        for suffix in _SIDECARS:
            sidecar = Path(str(live) + suffix)
            if sidecar.exists():
                os.replace(sidecar, Path(str(before) + suffix))
                moved.append(suffix)
        os.replace(fresh, live)
    except BaseException:
        # Nothing was swapped: put the journals back and forget the second
        # name, so no restore seems to be waiting for confirmation.
        for suffix in moved:
            with suppress(OSError):
                os.replace(Path(str(before) + suffix), Path(str(live) + suffix))
        if live.exists():
            with suppress(OSError):
                before.unlink()
        raise
    _fsync_folder(live.parent)


def confirm_restore(data_dir: Path) -> None:
    """The restored data are right: remove the previous database kept by restore_backup."""
    before = _before_restore(Path(data_dir))
    _remove_with_sidecars(before)
    _fsync_folder(Path(data_dir))


def undo_restore(data_dir: Path) -> None:
    """Put the database from before the restore back. The caller has closed its Database."""
    data_dir = Path(data_dir)
    before, live = _before_restore(data_dir), data_dir / DB_FILENAME
    if not before.exists():
        raise FileNotFoundError(before)
    for suffix in _SIDECARS:
        Path(str(live) + suffix).unlink(missing_ok=True)
    for suffix in _SIDECARS:
        sidecar = Path(str(before) + suffix)
        if sidecar.exists():
            os.replace(sidecar, Path(str(live) + suffix))
    os.replace(before, live)
    _fsync_folder(data_dir)


# --- files -----------------------------------------------------------------------------


def _sqlite_error():
    from sqlcipher3 import dbapi2

    return dbapi2.Error


def _is_write_problem(exc: Exception) -> bool:
    text = str(exc).lower()
    return any(words in text for words in ("disk is full", "readonly", "read-only", "unable to open",
                                           "disk i/o error", "no such file"))


def _temporary(folder: Path, name: str, suffix: str, registry: list[Path]) -> Path:
    """A new private (0600) empty file in ``folder``, registered for removal."""
    fd, temporary = tempfile.mkstemp(prefix=f".{_safe(name)}.", suffix=suffix, dir=folder)
    os.close(fd)
    registry.append(Path(temporary))
    return Path(temporary)


def _safe(name: str) -> str:
    return re.sub(r"[^\w.-]", "_", name)[:60]


def _remove_with_sidecars(path: Path) -> None:
    for suffix in ("", *_SIDECARS):
        with suppress(OSError):
            Path(str(path) + suffix).unlink(missing_ok=True)


def _file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def _copy_durably(source: Path, target: Path) -> None:
    temporary = target.with_name(target.name + ".part")
    try:
        with source.open("rb") as src, temporary.open("wb") as out:
            shutil.copyfileobj(src, out, _CHUNK)
            out.flush()
            os.fsync(out.fileno())
        os.replace(temporary, target)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise


def _fsync_folder(folder: Path) -> None:
    # Makes the rename itself durable on POSIX; Windows cannot open a folder
    # this way and commits renames with the file system's own journal.
    if os.name != "posix":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
