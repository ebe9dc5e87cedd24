"""The database key: random, 256 bits, kept in the OS credential store.

The key is used as a raw SQLCipher key, so opening costs no key derivation.
Where no secure credential store exists (keyring's fail, null or plaintext
backends), the key is never stored at all: it is derived from a passphrase the
user sets, with scrypt, a memory-hard function.

Beside the database lives a small key-information file. It says where the key
comes from and holds an HMAC check value, so that "wrong key" can be told apart
from "damaged file" (SQLCipher reports both as "file is not a database").
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import hmac
import json
import os
import secrets
import tempfile
from dataclasses import dataclass
from pathlib import Path

from intake_desktop.i18n import _, ngettext

KEYRING_SERVICE = "Intake Desktop"
KEYINFO_FILENAME = "intake.keyinfo.json"
KEY_BYTES = 32
KEYRING = "keyring"
PASSPHRASE = "passphrase"
# The key is wrapped per staff member in the key slots file (key_slots.py).
SLOTS = "slots"
MIN_PASSPHRASE_LENGTH = 12
_CHECK_LABEL = b"intake-desktop key check v1"


@dataclass(frozen=True)
class ScryptParams:
    # 2**17 * 8 * 128 bytes = 128 MiB of memory, about half a second here.
    n: int = 2**17
    r: int = 8
    p: int = 1


@dataclass(frozen=True)
class KeyInfo:
    database_id: str
    key_store: str
    check: str
    created_at: str
    salt: str | None = None
    scrypt: ScryptParams | None = None

    def to_json(self) -> str:
        return json.dumps({"format": 1, **dataclasses.asdict(self)}, indent=2)

    @classmethod
    def from_json(cls, text: str) -> KeyInfo:
        """Parse, refusing anything that is not exactly what we write."""
        raw = json.loads(text)
        if not isinstance(raw, dict) or raw.get("format") != 1:
            raise ValueError("unknown key information format")
        store = raw.get("key_store")
        scrypt = raw.get("scrypt")
        info = cls(
            database_id=_text(raw, "database_id"),
            key_store=store if store in (KEYRING, PASSPHRASE, SLOTS) else _fail("key_store"),
            check=_text(raw, "check"),
            created_at=_text(raw, "created_at"),
            salt=raw.get("salt"),
            scrypt=ScryptParams(**scrypt) if isinstance(scrypt, dict) else None,
        )
        if info.key_store == PASSPHRASE and (not isinstance(info.salt, str) or not info.scrypt):
            raise ValueError("passphrase key information without salt or parameters")
        bytes.fromhex(info.check)
        return info


def _text(raw: dict, name: str) -> str:
    value = raw.get(name)
    return value if isinstance(value, str) and value else _fail(name)


def _fail(name: str):
    raise ValueError(f"bad or missing field {name!r}")


def new_key() -> bytes:
    return secrets.token_bytes(KEY_BYTES)


def check_value(key: bytes) -> str:
    return hmac.new(key, _CHECK_LABEL, hashlib.sha256).hexdigest()


def key_matches(key: bytes, info: KeyInfo) -> bool:
    return hmac.compare_digest(check_value(key), info.check)


def derive_key(passphrase: str, salt: bytes, params: ScryptParams) -> bytes:
    return hashlib.scrypt(
        passphrase.encode("utf-8"),
        salt=salt,
        n=params.n,
        r=params.r,
        p=params.p,
        maxmem=256 * params.n * params.r + 1024 * 1024,
        dklen=KEY_BYTES,
    )


def passphrase_problem(passphrase: str) -> str | None:
    """Why a new passphrase is not good enough, or None when it is."""
    if len(passphrase) < MIN_PASSPHRASE_LENGTH:
        return ngettext(
            "Kies een wachtwoord van minstens {n} teken.",
            "Kies een wachtwoord van minstens {n} tekens.",
            MIN_PASSPHRASE_LENGTH,
        ).format(n=MIN_PASSPHRASE_LENGTH)
    if len(set(passphrase)) < 5:
        return _("Dit wachtwoord is te eenvoudig. Gebruik meer verschillende tekens.")
    return None


def read_keyinfo(path: Path) -> KeyInfo:
    return KeyInfo.from_json(path.read_text(encoding="utf-8"))


def write_keyinfo(path: Path, info: KeyInfo) -> None:
    """Write atomically and never replace an existing file."""
    if path.exists():
        raise FileExistsError(path)
    fd, tmp = tempfile.mkstemp(prefix=".keyinfo-", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(info.to_json())
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def new_keyinfo(key: bytes, key_store: str, salt: bytes | None = None,
                scrypt: ScryptParams | None = None) -> KeyInfo:
    import uuid

    return KeyInfo(
        database_id=str(uuid.uuid4()),
        key_store=key_store,
        check=check_value(key),
        created_at=dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        salt=salt.hex() if salt else None,
        scrypt=scrypt,
    )


# --- the OS credential store -------------------------------------------------------------

def _is_insecure(backend) -> bool:
    from keyring.backends import chainer, fail

    if isinstance(backend, chainer.ChainerBackend):
        # The chainer falls through to its next backend when one fails, so a
        # single plaintext member could silently receive the key.
        members = list(backend.backends)
        return not members or any(_is_insecure(member) for member in members)
    if isinstance(backend, fail.Keyring):
        return True
    module, name = type(backend).__module__, type(backend).__name__.lower()
    return (
        module.startswith(("keyrings.alt", "keyring.backends.null"))
        or "plaintext" in name
        or "uncrypted" in name
    )


def secure_keyring() -> tuple[bool, str]:
    """Whether the active keyring backend keeps secrets safe, and its name."""
    import keyring

    backend = keyring.get_keyring()
    return (not _is_insecure(backend), f"{type(backend).__module__}.{type(backend).__name__}")


def _account(info_or_id: KeyInfo | str) -> str:
    database_id = info_or_id.database_id if isinstance(info_or_id, KeyInfo) else info_or_id
    return f"database {database_id}"


def store_in_keyring(database_id: str, key: bytes) -> None:
    import keyring

    keyring.set_password(KEYRING_SERVICE, _account(database_id), key.hex())


def load_from_keyring(info: KeyInfo) -> bytes | None:
    import keyring

    secret = keyring.get_password(KEYRING_SERVICE, _account(info))
    if secret is None:
        return None
    try:
        key = bytes.fromhex(secret)
    except ValueError:
        return None
    return key if len(key) == KEY_BYTES else None


def forget_in_keyring(database_id: str) -> None:
    import keyring
    from keyring.errors import PasswordDeleteError

    try:
        keyring.delete_password(KEYRING_SERVICE, _account(database_id))
    except PasswordDeleteError:
        pass
