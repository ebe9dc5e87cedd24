"""The database key K, wrapped once per staff member and once for a recovery code.

K (32 random bytes, SQLCipher's raw key) is never stored. The file
``intake.keyslots.json`` beside the database holds one *slot* per staff
member: K encrypted under a key made from that person's password **and** a
device secret D kept in the OS credential store. So:

* the slots file plus a password is useless on another machine (no D);
* D from the credential store without a password is useless;
* a wrong password and a missing D fail in the same way (``WrongCredentials``),
  and neither can be confirmed offline without the other.

One slot wraps K under the **recovery code** alone (no D), for when the
credential-store entry is lost (Windows reinstalled). ``recover_and_reset``
then makes a new D, replaces every staff slot by one new slot for the
beheerder who recovers, and issues a new recovery code; colleagues get new
passwords from that beheerder, because their old slots were bound to the lost D.

Construction of a slot (v1)::

    S     = scrypt(NFKC(secret), salt, n, r, p)                  32 bytes
    W     = HKDF-SHA256(ikm = S || D, salt = "",
                        info = "intake-desktop slot v1" || label) 64 bytes
    wrapped = K xor W[:32]
    check   = HMAC-SHA256(W[32:], label || salt || wrapped)

where label is the normalised sign-in name, or "#recovery" for the recovery
slot ('#' is never part of a sign-in name), and D is 32 zero bytes for the
recovery slot and when the beheerder knowingly chose to run without a secure
credential store (binding "none"). XOR is a one-time pad here: every slot
has its own salt, so W is never reused.

The failure counters for the growing delay live in the same file. They slow
down guessing at the sign-in screen only; someone who copies the file can
ignore them, and is held back by scrypt and D instead.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import hmac
import json
import math
import os
import re
import secrets
import tempfile
import threading
from dataclasses import dataclass
from pathlib import Path

from intake_desktop.i18n import _, isolate, ngettext
from intake_desktop.security import keys
from intake_desktop.security.passwords import (
    Clock,
    delay_after,
    normalize_password,
    password_problems,
    problem_message,
    utc_now,
)

SLOTS_FILENAME = "intake.keyslots.json"
FORMAT = 1
# The device secret is kept in the OS credential store ...
KEYRING_BINDING = "keyring"
# ... or, where there is none and the beheerder chose so knowingly, not at all.
NO_BINDING = "none"
BINDINGS = (KEYRING_BINDING, NO_BINDING)
STAFF = "staff"
RECOVERY = "recovery"

SALT_BYTES = 16
DEVICE_SECRET_BYTES = 32
_NO_DEVICE = bytes(DEVICE_SECRET_BYTES)
_SLOT_INFO = b"intake-desktop slot v1"
_RECOVERY_LABEL = "#recovery"
# Failed sign-ins with names that have no slot share one counter, so the
# typed name (perhaps a password typed in the wrong field) is never written down.
_UNKNOWN_USER = "#unknown"
_MAX_FILE_BYTES = 1 << 20

MAX_USERNAME_LENGTH = 100
# No 0/O, 1/I/l: the code is read from paper and typed back. 32 symbols x 24 = 120 bits.
RECOVERY_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
RECOVERY_LENGTH = 24
RECOVERY_GROUP = 4

# Anything larger than this in a slots file was not written by us and would
# let a damaged file make sign-in take minutes or gigabytes.
_MAX_N = 2**20
_MAX_MEMORY = 1 << 30


# --- exceptions --------------------------------------------------------------------------

class KeySlotError(Exception):
    """Base of everything here that a user may see; ``message()`` is in the interface language."""

    def message(self) -> str:
        return _("Er ging iets mis met de sleutels van de medewerkers. Er is niets veranderd.")


class WrongCredentials(KeySlotError):
    """Wrong password, unknown name, or no device secret: deliberately not told apart."""

    def message(self) -> str:
        return _("De gebruikersnaam of het wachtwoord is niet juist. Probeer het opnieuw.")


class WrongRecoveryCode(WrongCredentials):
    def message(self) -> str:
        return _("Deze herstelcode is niet juist. Controleer de code en probeer het opnieuw.")


class TooSoon(KeySlotError):
    """Earlier failures started a delay that is still running; nothing was tried."""

    def __init__(self, seconds_left: float) -> None:
        super().__init__(f"wait {seconds_left:.1f} s")
        self.seconds_left = seconds_left

    def message(self) -> str:
        n = max(1, math.ceil(self.seconds_left))
        return ngettext(
            "Er zijn te veel mislukte pogingen gedaan. Wacht nog {n} seconde en probeer "
            "het dan opnieuw.",
            "Er zijn te veel mislukte pogingen gedaan. Wacht nog {n} seconden en probeer "
            "het dan opnieuw.",
            n,
        ).format(n=n)


class SlotsMissing(KeySlotError):
    def __init__(self, path: Path) -> None:
        super().__init__(str(path))
        self.path = path

    def message(self) -> str:
        return _(
            "Het bestand met de sleutels van de medewerkers ontbreekt in {folder}. Er is "
            "niets veranderd. Zet dat bestand terug uit een back-up, of vraag de beheerder "
            "om hulp."
        ).format(folder=isolate(self.path.parent))


class SlotsDamaged(KeySlotError):
    """The slots file is not exactly what we write: damaged, edited, or from a newer version."""

    def __init__(self, path: Path | None, detail: str) -> None:
        super().__init__(f"{path}: {detail}")
        self.path = path
        self.detail = detail

    def message(self) -> str:
        folder = isolate(self.path.parent) if self.path else ""
        return _(
            "Het bestand met de sleutels van de medewerkers in {folder} is beschadigd of "
            "onbekend. Er is niets veranderd. Zet dat bestand terug uit een back-up, of "
            "vraag de beheerder om hulp."
        ).format(folder=folder)


class InsecureKeyring(KeySlotError):
    """The active keyring backend would keep the device secret unprotected (or not at all)."""

    def __init__(self, backend: str) -> None:
        super().__init__(backend)
        self.backend = backend

    def message(self) -> str:
        return _(
            "Dit systeem heeft geen beveiligde sleutelopslag. Intake Desktop bewaart de "
            "sleutel van deze computer nooit onbeveiligd."
        )


class KeyringFailed(KeySlotError):
    def message(self) -> str:
        return _(
            "De beveiligde sleutelopslag van het systeem gaf een fout. Er is niets "
            "veranderd. Ontgrendel de sleutelopslag en probeer het opnieuw."
        )


class DeviceSecretMissing(KeySlotError):
    """A new slot needs the device secret, and it is not in the credential store."""

    def message(self) -> str:
        return _(
            "De sleutel van deze computer staat niet in de beveiligde sleutelopslag. "
            "Herstel eerst de toegang met de herstelcode."
        )


class BadUsername(KeySlotError):
    def message(self) -> str:
        return _("Een gebruikersnaam heeft 2 tot 100 letters, cijfers, punten, streepjes "
                 "of liggende streepjes.")


class UsernameTaken(KeySlotError):
    def message(self) -> str:
        return _("Er is al een account met deze gebruikersnaam.")


class UnknownUser(KeySlotError):
    """Only for the beheerder's own actions on accounts; sign-in says WrongCredentials."""

    def message(self) -> str:
        return _("Er is geen account met deze gebruikersnaam.")


class LastStaffSlot(KeySlotError):
    def message(self) -> str:
        return _("Het laatste account kan niet worden verwijderd; dan kan niemand de "
                 "gegevens nog openen.")


class WeakPassword(KeySlotError):
    def __init__(self, problems: list[str]) -> None:
        super().__init__(", ".join(problems))
        self.problems = problems

    def message(self) -> str:
        return problem_message(self.problems[0])


class KeyMismatch(KeySlotError):
    """The key handed in is not this database's key: a slot for it would lock people out."""


# --- the construction --------------------------------------------------------------------

def hkdf_sha256(ikm: bytes, *, info: bytes, length: int, salt: bytes = b"") -> bytes:
    """HKDF (RFC 5869) with SHA-256."""
    if not 0 < length <= 255 * hashlib.sha256().digest_size:
        raise ValueError("HKDF output length out of range")
    prk = hmac.new(salt or bytes(hashlib.sha256().digest_size), ikm, hashlib.sha256).digest()
    output, block, counter = b"", b"", 1
    while len(output) < length:
        block = hmac.new(prk, block + info + bytes([counter]), hashlib.sha256).digest()
        output += block
        counter += 1
    return output[:length]


def _wrapping_keys(secret: str, label: str, device: bytes, salt: bytes,
                   params: keys.ScryptParams) -> tuple[bytes, bytes]:
    stretched = keys.derive_key(normalize_password(secret), salt, params)
    material = hkdf_sha256(stretched + device, info=_SLOT_INFO + label.encode("utf-8"),
                           length=2 * keys.KEY_BYTES)
    return material[:keys.KEY_BYTES], material[keys.KEY_BYTES:]


def _check_value(mac_key: bytes, label: str, salt: bytes, wrapped: bytes) -> bytes:
    return hmac.new(mac_key, label.encode("utf-8") + salt + wrapped, hashlib.sha256).digest()


def wrap_key(key: bytes, secret: str, *, label: str, device: bytes, salt: bytes,
             params: keys.ScryptParams) -> tuple[bytes, bytes]:
    """(wrapped, check) for K under a password or recovery code, a slot label and D."""
    if len(key) != keys.KEY_BYTES:
        raise ValueError("the database key has 32 bytes")
    pad, mac_key = _wrapping_keys(secret, label, device, salt, params)
    wrapped = bytes(a ^ b for a, b in zip(key, pad, strict=True))
    return wrapped, _check_value(mac_key, label, salt, wrapped)


def unwrap_key(wrapped: bytes, check: bytes, secret: str, *, label: str, device: bytes,
               salt: bytes, params: keys.ScryptParams) -> bytes | None:
    """K, or None when the secret, the label or D is not the one the slot was made with."""
    pad, mac_key = _wrapping_keys(secret, label, device, salt, params)
    if not hmac.compare_digest(_check_value(mac_key, label, salt, wrapped), check):
        return None
    return bytes(a ^ b for a, b in zip(wrapped, pad, strict=True))


# --- names and recovery codes ------------------------------------------------------------

def normalize_username(username: str) -> str:
    """Sign-in names compare without case or surrounding spaces (also in ``staff``).

    Kept here rather than in ``staff``, which imports SQLAlchemy: the sign-in
    screen must not wait for that.
    """
    return username.strip().casefold()


def username_problem(username: str) -> str | None:
    """"length" or "characters" when the name cannot be a sign-in name, else None."""
    name = normalize_username(username)
    if not 2 <= len(name) <= MAX_USERNAME_LENGTH:
        return "length"
    if not all(c.isalnum() or c in "._-" for c in name):
        return "characters"
    return None


def _checked_username(username: str) -> str:
    if username_problem(username):
        raise BadUsername(username)
    return normalize_username(username)


def new_recovery_code() -> str:
    """A fresh code in its canonical form (24 symbols, no dashes); show it with format_recovery_code."""
    return "".join(secrets.choice(RECOVERY_ALPHABET) for _i in range(RECOVERY_LENGTH))


def format_recovery_code(code: str) -> str:
    """The code in groups of four ("ABCD-EFGH-..."), for reading and writing down."""
    return "-".join(code[i:i + RECOVERY_GROUP] for i in range(0, len(code), RECOVERY_GROUP))


def normalize_recovery_code(text: str) -> str | None:
    """The canonical code from what was typed (any case, dashes and spaces), or None."""
    code = re.sub(r"[\s\-\u2010-\u2015]+", "", text).upper()
    if len(code) != RECOVERY_LENGTH or any(c not in RECOVERY_ALPHABET for c in code):
        return None
    return code


# --- the device secret in the OS credential store ----------------------------------------

def _device_account(database_id: str) -> str:
    return f"device {database_id}"


def _require_secure_keyring() -> None:
    secure, backend = keys.secure_keyring()
    if not secure:
        raise InsecureKeyring(backend)


def _load_device_secret(database_id: str) -> bytes | None:
    import keyring
    from keyring.errors import KeyringError

    _require_secure_keyring()
    try:
        stored = keyring.get_password(keys.KEYRING_SERVICE, _device_account(database_id))
    except KeyringError as exc:
        raise KeyringFailed(str(exc)) from exc
    if stored is None:
        return None
    try:
        secret = bytes.fromhex(stored)
    except ValueError:
        return None
    return secret if len(secret) == DEVICE_SECRET_BYTES else None


def _store_device_secret(database_id: str, secret: bytes) -> None:
    import keyring
    from keyring.errors import KeyringError

    _require_secure_keyring()
    try:
        keyring.set_password(keys.KEYRING_SERVICE, _device_account(database_id), secret.hex())
    except KeyringError as exc:
        raise KeyringFailed(str(exc)) from exc


def _forget_device_secret(database_id: str) -> None:
    import keyring
    from keyring.errors import KeyringError

    try:
        keyring.delete_password(keys.KEYRING_SERVICE, _device_account(database_id))
    except KeyringError:
        pass  # already gone, or the store is unavailable: nothing left to protect


# --- the file ----------------------------------------------------------------------------

@dataclass(frozen=True)
class Slot:
    kind: str  # STAFF or RECOVERY
    username: str | None  # normalised sign-in name; None for the recovery slot
    salt: bytes
    params: keys.ScryptParams
    wrapped: bytes
    check: bytes
    created_at: dt.datetime

    @property
    def label(self) -> str:
        return self.username if self.kind == STAFF else _RECOVERY_LABEL


@dataclass(frozen=True)
class Failures:
    count: int
    last: dt.datetime


def slots_path(data_dir: Path) -> Path:
    return Path(data_dir) / SLOTS_FILENAME


def _timestamp(value: dt.datetime) -> str:
    return _aware(value).astimezone(dt.UTC).isoformat()


def _aware(value: dt.datetime) -> dt.datetime:
    if value.tzinfo is None:
        raise ValueError("the clock must give an aware datetime")
    return value


def _params_problem(params: keys.ScryptParams) -> str | None:
    n, r, p = params.n, params.r, params.p
    if not all(type(v) is int for v in (n, r, p)):
        return "scrypt parameters must be whole numbers"
    if n < 2 or n > _MAX_N or n & (n - 1):
        return "scrypt n must be a power of two up to 2**20"
    if not (1 <= r <= 32 and 1 <= p <= 16) or 128 * n * r > _MAX_MEMORY:
        return "scrypt r or p out of range"
    return None


def _write_atomically(path: Path, text: str) -> None:
    """Never a half-written slots file: a crash leaves the old one or the new one."""
    fd, tmp = tempfile.mkstemp(prefix=".keyslots-", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    if os.name == "posix":
        # The rename itself must reach the disk too, or a power cut may undo it.
        try:
            dir_fd = os.open(path.parent, os.O_RDONLY)
        except OSError:
            return
        try:
            os.fsync(dir_fd)
        except OSError:
            pass
        finally:
            os.close(dir_fd)


class _Parser:
    """Reads exactly what ``KeySlots._to_json`` writes, and nothing else."""

    def __init__(self, path: Path | None) -> None:
        self.path = path

    def fail(self, detail: str):
        raise SlotsDamaged(self.path, detail)

    def fields(self, raw, names: set[str], where: str) -> dict:
        if not isinstance(raw, dict):
            self.fail(f"{where} is not an object")
        if set(raw) != names:
            self.fail(f"{where} has fields {sorted(raw)}, expected {sorted(names)}")
        return raw

    def text(self, raw: dict, name: str) -> str:
        value = raw[name]
        if not isinstance(value, str) or not value:
            self.fail(f"{name} is not a text")
        return value

    def integer(self, value, name: str) -> int:
        if type(value) is not int:
            self.fail(f"{name} is not a whole number")
        return value

    def hexbytes(self, raw: dict, name: str, length: int) -> bytes:
        value = self.text(raw, name)
        if not re.fullmatch(r"[0-9a-f]+", value) or len(value) != 2 * length:
            self.fail(f"{name} is not {length} bytes in lowercase hex")
        return bytes.fromhex(value)

    def time(self, value, name: str) -> dt.datetime:
        if not isinstance(value, str):
            self.fail(f"{name} is not a time")
        try:
            parsed = dt.datetime.fromisoformat(value)
        except ValueError:
            self.fail(f"{name} is not an ISO time")
        if parsed.tzinfo is None:
            self.fail(f"{name} has no time zone")
        return parsed

    def params(self, raw, where: str) -> keys.ScryptParams:
        raw = self.fields(raw, {"n", "r", "p"}, where)
        params = keys.ScryptParams(**{k: self.integer(raw[k], f"{where}.{k}") for k in "nrp"})
        problem = _params_problem(params)
        if problem:
            self.fail(f"{where}: {problem}")
        return params

    def slot(self, raw, where: str) -> Slot:
        raw = self.fields(raw, {"username", "kind", "salt", "params", "wrapped", "check",
                                "created_at"}, where)
        kind = raw["kind"]
        if kind == STAFF:
            username = self.text(raw, "username")
            try:
                if _checked_username(username) != username:
                    self.fail(f"{where}: username is not in normal form")
            except BadUsername:
                self.fail(f"{where}: unacceptable username")
        elif kind == RECOVERY:
            if raw["username"] is not None:
                self.fail(f"{where}: a recovery slot has no username")
            username = None
        else:
            self.fail(f"{where}: unknown kind")
        return Slot(
            kind=kind,
            username=username,
            salt=self.hexbytes(raw, "salt", SALT_BYTES),
            params=self.params(raw["params"], f"{where}.params"),
            wrapped=self.hexbytes(raw, "wrapped", keys.KEY_BYTES),
            check=self.hexbytes(raw, "check", hashlib.sha256().digest_size),
            created_at=self.time(raw["created_at"], f"{where}.created_at"),
        )


def _no_duplicate_keys(pairs):
    result = {}
    for name, value in pairs:
        if name in result:
            raise ValueError(f"duplicate field {name!r}")
        result[name] = value
    return result


def _no_constants(name: str):
    raise ValueError(f"{name} is not valid JSON")


# --- the slots ---------------------------------------------------------------------------

class KeySlots:
    """The slots file of one database, loaded; every change is written at once.

    Create with ``KeySlots.create`` on first run, otherwise ``KeySlots.load``.
    Methods that make a slot take K as proof that the caller is signed in
    (K is checked against ``key_check``, the same value as in the key
    information file). Methods are safe to call from a background thread
    (scrypt takes about half a second), one at a time per instance.
    """

    def __init__(self, path: Path, *, database_id: str, binding: str, created_at: dt.datetime,
                 params: keys.ScryptParams, key_check: str, slots: tuple[Slot, ...],
                 failures: dict[str, Failures]) -> None:
        self.path = path
        self.database_id = database_id
        self.binding = binding
        self.created_at = created_at
        # Cost of new slots; existing slots keep the parameters they were made with.
        self.params = params
        self.key_check = key_check
        self._slots = slots
        self._failures = failures
        self._lock = threading.RLock()

    # --- reading and writing the file ---

    @classmethod
    def exists(cls, data_dir: Path) -> bool:
        return slots_path(data_dir).exists()

    @classmethod
    def load(cls, data_dir: Path) -> KeySlots:
        """Read and check the file; SlotsMissing or SlotsDamaged when it is not usable.

        OSError (no permission, I/O error) is passed on unchanged.
        """
        path = slots_path(data_dir)
        try:
            data = path.read_bytes()
        except FileNotFoundError:
            raise SlotsMissing(path) from None
        if len(data) > _MAX_FILE_BYTES:
            raise SlotsDamaged(path, "file too large")
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise SlotsDamaged(path, "not UTF-8") from exc
        return cls._from_json(path, text)

    @classmethod
    def _from_json(cls, path: Path, text: str) -> KeySlots:
        parse = _Parser(path)
        try:
            raw = json.loads(text, object_pairs_hook=_no_duplicate_keys,
                             parse_constant=_no_constants)
        except (ValueError, RecursionError) as exc:
            raise SlotsDamaged(path, f"not valid JSON: {exc}") from exc
        if isinstance(raw, dict) and raw.get("format") != FORMAT:
            parse.fail(f"unknown format {raw.get('format')!r}")
        raw = parse.fields(raw, {"format", "database_id", "binding", "created_at", "params",
                                 "key_check", "slots", "failures"}, "file")
        binding = raw["binding"]
        if binding not in BINDINGS:
            parse.fail("unknown binding")
        if not isinstance(raw["slots"], list):
            parse.fail("slots is not a list")
        slots = tuple(parse.slot(s, f"slots[{i}]") for i, s in enumerate(raw["slots"]))
        staff = [s.username for s in slots if s.kind == STAFF]
        if not staff:
            parse.fail("no staff slot")
        if len(set(staff)) != len(staff):
            parse.fail("two slots for one username")
        if sum(s.kind == RECOVERY for s in slots) != 1:
            parse.fail("not exactly one recovery slot")
        if not isinstance(raw["failures"], dict):
            parse.fail("failures is not an object")
        failures = {}
        for name, entry in raw["failures"].items():
            if name not in (*staff, _UNKNOWN_USER, _RECOVERY_LABEL):
                parse.fail("failures for a name without a slot")
            entry = parse.fields(entry, {"count", "last"}, f"failures[{name!r}]")
            count = parse.integer(entry["count"], "count")
            if count < 1:
                parse.fail("failure count below 1")
            failures[name] = Failures(count, parse.time(entry["last"], "last"))
        key_check = parse.text(raw, "key_check")
        if not re.fullmatch(r"[0-9a-f]{64}", key_check):
            parse.fail("key_check is not a SHA-256 HMAC in hex")
        return cls(
            path,
            database_id=parse.text(raw, "database_id"),
            binding=binding,
            created_at=parse.time(raw["created_at"], "created_at"),
            params=parse.params(raw["params"], "params"),
            key_check=key_check,
            slots=slots,
            failures=failures,
        )

    def _to_json(self, slots: tuple[Slot, ...], failures: dict[str, Failures],
                 binding: str) -> str:
        return json.dumps({
            "format": FORMAT,
            "database_id": self.database_id,
            "binding": binding,
            "created_at": _timestamp(self.created_at),
            "params": dataclasses.asdict(self.params),
            "key_check": self.key_check,
            "slots": [{
                "username": s.username,
                "kind": s.kind,
                "salt": s.salt.hex(),
                "params": dataclasses.asdict(s.params),
                "wrapped": s.wrapped.hex(),
                "check": s.check.hex(),
                "created_at": _timestamp(s.created_at),
            } for s in slots],
            "failures": {name: {"count": f.count, "last": _timestamp(f.last)}
                         for name, f in sorted(failures.items())},
        }, indent=2, ensure_ascii=False) + "\n"

    def _commit(self, *, slots: tuple[Slot, ...] | None = None,
                failures: dict[str, Failures] | None = None, binding: str | None = None) -> None:
        """Write the new state, and only then take it over, so a failed write changes nothing."""
        slots = self._slots if slots is None else slots
        failures = self._failures if failures is None else failures
        binding = binding or self.binding
        _write_atomically(self.path, self._to_json(slots, failures, binding))
        self._slots, self._failures, self.binding = slots, failures, binding

    # --- first run ---

    @classmethod
    def create(cls, data_dir: Path, database_id: str, key: bytes, *, binding: str,
               username: str, password: str, params: keys.ScryptParams | None = None,
               clock: Clock = utc_now) -> tuple[KeySlots, str]:
        """The slots file for a new database, with the first beheerder's slot.

        Returns the slots and the recovery code (formatted, with dashes) to show
        once. With binding KEYRING_BINDING a new device secret goes into the
        credential store (InsecureKeyring on keyring's fail, null or plaintext
        backends); NO_BINDING only when the beheerder chose it knowingly, after
        the caller explained what it means. Refuses an existing file.
        """
        if binding not in BINDINGS:
            raise ValueError(f"unknown binding {binding!r}")
        if len(key) != keys.KEY_BYTES:
            raise ValueError("the database key has 32 bytes")
        params = params or keys.ScryptParams()
        problem = _params_problem(params)
        if problem:
            raise ValueError(problem)
        name = _checked_username(username)
        _require_strong(password, name)
        path = slots_path(data_dir)
        if path.exists():
            raise FileExistsError(path)
        if binding == KEYRING_BINDING:
            _require_secure_keyring()
            device = secrets.token_bytes(DEVICE_SECRET_BYTES)
        else:
            device = _NO_DEVICE
        now = _aware(clock())
        slots = cls(path, database_id=database_id, binding=binding, created_at=now,
                    params=params, key_check=keys.check_value(key), slots=(), failures={})
        code = new_recovery_code()
        new = (slots._make_slot(key, STAFF, name, password, device, now),
               slots._make_slot(key, RECOVERY, None, code, _NO_DEVICE, now))
        if binding == KEYRING_BINDING:
            _store_device_secret(database_id, device)
        try:
            slots._commit(slots=new)
        except BaseException:
            if binding == KEYRING_BINDING:
                _forget_device_secret(database_id)
            raise
        return slots, format_recovery_code(code)

    def forget(self) -> None:
        """Remove the slots file and the device secret: for undoing a first run that failed."""
        with self._lock:
            self.path.unlink(missing_ok=True)
            if self.binding == KEYRING_BINDING:
                _forget_device_secret(self.database_id)

    # --- questions ---

    def usernames(self) -> list[str]:
        """The normalised sign-in names that have a slot, sorted."""
        return sorted(s.username for s in self._slots if s.kind == STAFF)

    def device_secret_present(self) -> bool:
        """Whether this machine's credential store has the device secret.

        Not a secret itself (the machine's user can look in the store); the
        sign-in screen may use it to point to the recovery code after a
        reinstall. May raise InsecureKeyring or KeyringFailed.
        """
        return self.binding == NO_BINDING or _load_device_secret(self.database_id) is not None

    # --- signing in and recovery ---

    def unlock(self, username: str, password: str, *, clock: Clock = utc_now) -> bytes:
        """K for a staff member's name and password.

        TooSoon while a delay from earlier failures runs (nothing is tried
        then); WrongCredentials for a wrong password, an unknown name or a
        missing device secret alike, each counted towards the delay.
        InsecureKeyring or KeyringFailed when the credential store cannot be
        read; these count as nothing, since no password was tried.
        """
        with self._lock:
            name = normalize_username(username)
            slot = self._staff_slot(name)
            bucket = name if slot is not None else _UNKNOWN_USER
            now = _aware(clock())
            self._refuse_too_soon(bucket, now)
            device = self._device_secret()
            if device is None:
                # Same work as a real attempt, so timing does not tell that D is missing.
                device = secrets.token_bytes(DEVICE_SECRET_BYTES)
            if slot is None:
                keys.derive_key(normalize_password(password), secrets.token_bytes(SALT_BYTES),
                                self.params)
                self._record_failure(bucket, now)
                raise WrongCredentials()
            key = self._open_slot(slot, password, device)
            if key is None:
                self._record_failure(bucket, now)
                raise WrongCredentials()
            self._record_success(bucket)
            return key

    def recover(self, code: str, *, clock: Clock = utc_now) -> bytes:
        """K from the recovery code, without the device secret. Changes no slot.

        WrongRecoveryCode (a WrongCredentials) for a wrong or malformed code;
        wrong codes count towards the same growing delay as passwords.
        """
        with self._lock:
            now = _aware(clock())
            self._refuse_too_soon(_RECOVERY_LABEL, now)
            canonical = normalize_recovery_code(code)
            if canonical is None:
                raise WrongRecoveryCode()  # cannot be right, so not a guess worth counting
            key = self._open_slot(self._recovery_slot(), canonical, _NO_DEVICE)
            if key is None:
                self._record_failure(_RECOVERY_LABEL, now)
                raise WrongRecoveryCode()
            self._record_success(_RECOVERY_LABEL)
            return key

    def recover_and_reset(self, code: str, username: str, new_password: str, *,
                          binding: str | None = None,
                          clock: Clock = utc_now) -> tuple[bytes, str]:
        """After losing the device secret: K, and a fresh start for the slots.

        With the recovery code this makes a new device secret (binding
        KEYRING_BINDING), removes every staff slot (they were bound to the
        lost secret and the colleagues' passwords are not known here), adds a
        slot for ``username`` (the beheerder who recovers) with
        ``new_password``, and replaces the used recovery code by a new one.
        Returns (K, new recovery code to show once). ``binding`` may switch
        to NO_BINDING when this machine has no secure store any more, only
        after the beheerder chose so knowingly.

        The username and password are checked before anything changes. The
        new device secret is stored before the file is written: if writing
        fails, the old file and its recovery code still work.
        """
        with self._lock:
            name = _checked_username(username)
            _require_strong(new_password, name)
            binding = binding or self.binding
            if binding not in BINDINGS:
                raise ValueError(f"unknown binding {binding!r}")
            if binding == KEYRING_BINDING:
                _require_secure_keyring()
            key = self.recover(code, clock=clock)
            now = _aware(clock())
            device = (secrets.token_bytes(DEVICE_SECRET_BYTES) if binding == KEYRING_BINDING
                      else _NO_DEVICE)
            new_code = new_recovery_code()
            slots = (self._make_slot(key, STAFF, name, new_password, device, now),
                     self._make_slot(key, RECOVERY, None, new_code, _NO_DEVICE, now))
            if binding == KEYRING_BINDING:
                _store_device_secret(self.database_id, device)
            self._commit(slots=slots, failures={}, binding=binding)
            if binding == NO_BINDING:
                _forget_device_secret(self.database_id)
            return key, format_recovery_code(new_code)

    # --- managing slots while signed in (K in hand) ---

    def add(self, key: bytes, username: str, password: str, *, clock: Clock = utc_now) -> None:
        """A slot for a new staff member. UsernameTaken for an existing name."""
        with self._lock:
            self._require_key(key)
            name = _checked_username(username)
            if self._staff_slot(name) is not None:
                raise UsernameTaken(name)
            _require_strong(password, name)
            slot = self._make_slot(key, STAFF, name, password, self._device_secret_required(),
                                   _aware(clock()))
            failures = {k: v for k, v in self._failures.items() if k != name}
            self._commit(slots=(*self._slots, slot), failures=failures)

    def change_password(self, key: bytes, username: str, new_password: str, *,
                        clock: Clock = utc_now) -> None:
        """A new slot for an existing name; also lifts a running delay for that name.

        The caller decides who may do this: the staff member after proving
        the old password (``unlock``), or a beheerder for a colleague.
        """
        with self._lock:
            self._require_key(key)
            name = normalize_username(username)
            if self._staff_slot(name) is None:
                raise UnknownUser(name)
            _require_strong(new_password, name)
            new = self._make_slot(key, STAFF, name, new_password,
                                  self._device_secret_required(), _aware(clock()))
            slots = tuple(new if s.kind == STAFF and s.username == name else s
                          for s in self._slots)
            failures = {k: v for k, v in self._failures.items() if k != name}
            self._commit(slots=slots, failures=failures)

    def remove(self, username: str) -> None:
        """Remove a staff member's slot. LastStaffSlot when it is the only one left.

        Needs no K: removing only takes access away. The caller makes sure a
        beheerder remains (roles live in the database, not here).
        """
        with self._lock:
            name = normalize_username(username)
            if self._staff_slot(name) is None:
                raise UnknownUser(name)
            if len(self.usernames()) == 1:
                raise LastStaffSlot(name)
            slots = tuple(s for s in self._slots if not (s.kind == STAFF and s.username == name))
            failures = {k: v for k, v in self._failures.items() if k != name}
            self._commit(slots=slots, failures=failures)

    def new_recovery_code(self, key: bytes, *, clock: Clock = utc_now) -> str:
        """Replace the recovery slot; the old code stops working. Returns the new code to show once."""
        with self._lock:
            self._require_key(key)
            code = new_recovery_code()
            slot = self._make_slot(key, RECOVERY, None, code, _NO_DEVICE, _aware(clock()))
            slots = tuple(s for s in self._slots if s.kind != RECOVERY) + (slot,)
            failures = {k: v for k, v in self._failures.items() if k != _RECOVERY_LABEL}
            self._commit(slots=slots, failures=failures)
            return format_recovery_code(code)

    # --- inside ---

    def _staff_slot(self, name: str) -> Slot | None:
        return next((s for s in self._slots if s.kind == STAFF and s.username == name), None)

    def _recovery_slot(self) -> Slot:
        return next(s for s in self._slots if s.kind == RECOVERY)

    def _make_slot(self, key: bytes, kind: str, username: str | None, secret: str,
                   device: bytes, now: dt.datetime) -> Slot:
        salt = secrets.token_bytes(SALT_BYTES)
        label = username if kind == STAFF else _RECOVERY_LABEL
        wrapped, check = wrap_key(key, secret, label=label, device=device, salt=salt,
                                  params=self.params)
        return Slot(kind, username, salt, self.params, wrapped, check, now)

    def _open_slot(self, slot: Slot, secret: str, device: bytes) -> bytes | None:
        key = unwrap_key(slot.wrapped, slot.check, secret, label=slot.label, device=device,
                         salt=slot.salt, params=slot.params)
        if key is not None and not hmac.compare_digest(keys.check_value(key), self.key_check):
            # The slot is authentic for this secret but holds another key: the
            # file was put together from pieces of different databases.
            raise SlotsDamaged(self.path, "a slot holds a key of another database")
        return key

    def _device_secret(self) -> bytes | None:
        if self.binding == NO_BINDING:
            return _NO_DEVICE
        return _load_device_secret(self.database_id)

    def _device_secret_required(self) -> bytes:
        device = self._device_secret()
        if device is None:
            raise DeviceSecretMissing()
        return device

    def _require_key(self, key: bytes) -> None:
        if len(key) != keys.KEY_BYTES or not hmac.compare_digest(keys.check_value(key),
                                                                 self.key_check):
            raise KeyMismatch()

    def _refuse_too_soon(self, bucket: str, now: dt.datetime) -> None:
        record = self._failures.get(bucket)
        if record is None:
            return
        elapsed = (now - record.last).total_seconds()
        if elapsed < 0:
            # The clock was set back: count the wait from now, or it could last for years.
            self._save_failures({**self._failures, bucket: Failures(record.count, now)})
            elapsed = 0.0
        left = delay_after(record.count) - elapsed
        if left > 0:
            raise TooSoon(left)

    def _record_failure(self, bucket: str, now: dt.datetime) -> None:
        record = self._failures.get(bucket)
        count = (record.count if record else 0) + 1
        self._save_failures({**self._failures, bucket: Failures(count, now)})

    def _record_success(self, bucket: str) -> None:
        if bucket in self._failures:
            self._save_failures({k: v for k, v in self._failures.items() if k != bucket})

    def _save_failures(self, failures: dict[str, Failures]) -> None:
        # The counter holds in memory even when the disk refuses the write: a
        # full disk must not stop a sign-in with the right password, nor lift
        # the delay for the wrong ones while the app runs.
        self._failures = failures
        try:
            self._commit(failures=failures)
        except OSError:
            pass


def _require_strong(password: str, name: str) -> None:
    problems = password_problems(password, username=name)
    if problems:
        raise WeakPassword(problems)
