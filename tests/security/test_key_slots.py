"""Key slots: the database key wrapped per staff member, bound to a device secret."""

import base64
import datetime as dt
import hashlib
import json
import unicodedata

import keyring
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from keyring.backends import fail, null
from support.memory_keyring import MemoryKeyring
from support.scrypt import FAST_SCRYPT

from intake_desktop.security import key_slots, keys
from intake_desktop.security.key_slots import (
    KEYRING_BINDING,
    NO_BINDING,
    RECOVERY_ALPHABET,
    SLOTS_FILENAME,
    BadUsername,
    DeviceSecretMissing,
    InsecureKeyring,
    KeyMismatch,
    KeySlotError,
    KeySlots,
    LastStaffSlot,
    SlotsDamaged,
    SlotsMissing,
    TooSoon,
    UnknownUser,
    UsernameTaken,
    WeakPassword,
    WrongCredentials,
    WrongRecoveryCode,
)

PASSWORD = "Zonnige dag aan zee 7!"
OTHER_PASSWORD = "Regen op het dak, 42x"
DATABASE_ID = "7c1f0a52-0d7e-4a55-9f0e-3c2b1d9e8a11"


class PlaintextKeyring(MemoryKeyring):
    """Stands in for keyrings.alt's PlaintextKeyring: recognised by its name."""


class FakeClock:
    def __init__(self) -> None:
        self.now = dt.datetime(2025, 3, 1, 9, 0, tzinfo=dt.UTC)

    def __call__(self) -> dt.datetime:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += dt.timedelta(seconds=seconds)


@pytest.fixture
def folder(tmp_path):
    path = tmp_path / "data"
    path.mkdir()
    return path


@pytest.fixture
def clock():
    return FakeClock()


@pytest.fixture
def key():
    return keys.new_key()


def make(folder, key, *, binding=KEYRING_BINDING, username="beheer", password=PASSWORD,
         clock=None):
    return KeySlots.create(folder, DATABASE_ID, key, binding=binding, username=username,
                           password=password, params=FAST_SCRYPT, clock=clock or FakeClock())


def device_account():
    return (keys.KEYRING_SERVICE, f"device {DATABASE_ID}")


def slots_json(folder):
    return json.loads((folder / SLOTS_FILENAME).read_text(encoding="utf-8"))


def without_failures(raw):
    return {k: v for k, v in raw.items() if k != "failures"}


def digest(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


# --- creating and signing in -------------------------------------------------------------

def test_create_then_unlock_gives_the_key(folder, key, memory_keyring):
    slots, code = make(folder, key)
    assert slots.usernames() == ["beheer"]
    assert slots.unlock("beheer", PASSWORD) == key
    assert KeySlots.load(folder).unlock(" Beheer ", PASSWORD) == key  # name without case
    device = bytes.fromhex(memory_keyring.secrets[device_account()])
    assert len(device) == 32 and device != key
    assert len(code) == 29 and code.count("-") == 5


def test_the_file_has_the_documented_shape(folder, key):
    make(folder, key)
    raw = slots_json(folder)
    assert raw["format"] == 1 and raw["database_id"] == DATABASE_ID
    assert raw["binding"] == "keyring" and raw["failures"] == {}
    assert raw["params"] == {"n": FAST_SCRYPT.n, "r": FAST_SCRYPT.r, "p": FAST_SCRYPT.p}
    assert raw["key_check"] == keys.check_value(key)
    staff, recovery = raw["slots"]
    assert staff["kind"] == "staff" and staff["username"] == "beheer"
    assert recovery["kind"] == "recovery" and recovery["username"] is None
    assert set(staff) == {"username", "kind", "salt", "params", "wrapped", "check", "created_at"}
    assert staff["salt"] != recovery["salt"]
    assert not list(folder.glob(".keyslots-*"))  # no temporary file left behind


def test_create_refuses_an_existing_file(folder, key):
    make(folder, key)
    with pytest.raises(FileExistsError):
        make(folder, keys.new_key())


def test_weak_first_password_and_bad_names_are_refused_before_anything_is_written(
        folder, key, memory_keyring):
    with pytest.raises(WeakPassword) as caught:
        make(folder, key, password="welkom2024")
    assert "12 tekens" in caught.value.message()
    with pytest.raises(WeakPassword):
        make(folder, key, username="zeestrand", password="Zeestrand-bij-Petten")
    with pytest.raises(BadUsername):
        make(folder, key, username="jan#1")
    assert not (folder / SLOTS_FILENAME).exists() and memory_keyring.secrets == {}


def test_wrong_password_changes_nothing_but_the_failure_counter(folder, key, clock):
    slots, _code = make(folder, key)
    before = slots_json(folder)
    with pytest.raises(WrongCredentials):
        slots.unlock("beheer", OTHER_PASSWORD, clock=clock)
    after = slots_json(folder)
    assert without_failures(after) == without_failures(before)
    assert after["failures"] == {"beheer": {"count": 1, "last": clock.now.isoformat()}}
    assert slots.unlock("beheer", PASSWORD, clock=clock) == key
    assert slots_json(folder) == before  # success resets the counter


def test_unknown_names_fail_like_wrong_passwords_and_are_not_written_down(folder, key, clock):
    slots, _code = make(folder, key)
    with pytest.raises(WrongCredentials) as caught:
        slots.unlock("Mijn geheime zin 123", PASSWORD, clock=clock)
    assert type(caught.value) is WrongCredentials
    text = (folder / SLOTS_FILENAME).read_text(encoding="utf-8")
    assert "geheime" not in text
    assert slots_json(folder)["failures"] == {"#unknown": {"count": 1,
                                                           "last": clock.now.isoformat()}}


def test_ten_wrong_passwords_make_the_delay_grow_and_leave_the_database_alone(folder, key, clock):
    from intake_desktop.store.database import DB_FILENAME, open_database

    open_database(folder / DB_FILENAME, key, create=True).close()
    database_hash = digest(folder / DB_FILENAME)
    slots, _code = make(folder, key)
    before = slots_json(folder)

    waits = []
    for attempt in range(10):
        while True:
            try:
                slots.unlock("beheer", f"{OTHER_PASSWORD} {attempt}", clock=clock)
            except TooSoon as too_soon:
                waits.append(too_soon.seconds_left)
                clock.advance(too_soon.seconds_left)
                continue
            except WrongCredentials:
                break
            pytest.fail("a wrong password unlocked")
    assert waits == [2, 4, 8, 16, 32, 64]  # before attempts 5..10

    # While the delay after the tenth failure runs, not even the right password is tried.
    with pytest.raises(TooSoon) as caught:
        slots.unlock("beheer", PASSWORD, clock=clock)
    assert caught.value.seconds_left == 128
    assert "128 seconden" in caught.value.message()
    clock.advance(127)
    with pytest.raises(TooSoon) as caught:
        KeySlots.load(folder).unlock("beheer", PASSWORD, clock=clock)  # the count is on disk
    assert caught.value.seconds_left == 1
    assert "1 seconde " in caught.value.message()

    after = slots_json(folder)
    assert after["failures"]["beheer"]["count"] == 10
    assert without_failures(after) == without_failures(before)
    assert digest(folder / DB_FILENAME) == database_hash

    clock.advance(1)
    assert slots.unlock("beheer", PASSWORD, clock=clock) == key
    assert slots_json(folder)["failures"] == {}
    open_database(folder / DB_FILENAME, key).close()  # the key really opens the database


def test_the_delay_is_per_name(folder, key, clock):
    slots, _code = make(folder, key)
    slots.add(key, "collega", OTHER_PASSWORD)
    for _attempt in range(4):
        with pytest.raises(WrongCredentials):
            slots.unlock("beheer", "Niet het goede wachtwoord", clock=clock)
    with pytest.raises(TooSoon):
        slots.unlock("beheer", PASSWORD, clock=clock)
    assert slots.unlock("collega", OTHER_PASSWORD, clock=clock) == key


def test_a_clock_set_back_does_not_lock_out_for_years(folder, key, clock):
    slots, _code = make(folder, key)
    for _attempt in range(5):
        clock.advance(10)
        with pytest.raises(WrongCredentials):
            slots.unlock("beheer", "Niet het goede wachtwoord", clock=clock)
    clock.advance(-365 * 24 * 3600)
    with pytest.raises(TooSoon) as caught:
        slots.unlock("beheer", PASSWORD, clock=clock)
    assert caught.value.seconds_left == 4  # the full delay, counted from now
    clock.advance(4)
    assert slots.unlock("beheer", PASSWORD, clock=clock) == key


def test_a_failed_write_of_the_counter_still_counts_in_memory(folder, key, clock, monkeypatch):
    slots, _code = make(folder, key)
    before = (folder / SLOTS_FILENAME).read_bytes()

    def refuse(*args):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(key_slots.os, "replace", refuse)
    for _attempt in range(4):
        with pytest.raises(WrongCredentials):
            slots.unlock("beheer", "Niet het goede wachtwoord", clock=clock)
    with pytest.raises(TooSoon):
        slots.unlock("beheer", PASSWORD, clock=clock)
    assert (folder / SLOTS_FILENAME).read_bytes() == before
    assert not list(folder.glob(".keyslots-*"))


# --- the device secret -------------------------------------------------------------------

def test_file_and_password_are_useless_without_the_device_secret(folder, key, memory_keyring):
    slots, _code = make(folder, key)
    del memory_keyring.secrets[device_account()]
    assert not slots.device_secret_present()
    with pytest.raises(WrongCredentials) as caught:
        slots.unlock("beheer", PASSWORD)
    assert type(caught.value) is WrongCredentials  # the same as a wrong password
    assert slots_json(folder)["failures"]["beheer"]["count"] == 1


def test_file_and_password_are_useless_on_another_machine(folder, key, tmp_path):
    make(folder, key)
    copy = tmp_path / "elders"
    copy.mkdir()
    (copy / SLOTS_FILENAME).write_bytes((folder / SLOTS_FILENAME).read_bytes())
    keyring.set_keyring(MemoryKeyring())  # another laptop: its own credential store
    with pytest.raises(WrongCredentials):
        KeySlots.load(copy).unlock("beheer", PASSWORD)
    keyring.get_keyring().set_password(*device_account(), "ab" * 32)  # a guessed secret
    with pytest.raises(WrongCredentials):
        KeySlots.load(copy).unlock("beheer", PASSWORD)


def test_the_device_secret_without_a_password_is_useless(folder, key, memory_keyring):
    make(folder, key)
    device = bytes.fromhex(memory_keyring.secrets[device_account()])
    stored = "".join(memory_keyring.secrets.values())
    assert key.hex() not in stored and key.hex() not in stored.lower()
    slot = KeySlots.load(folder)._staff_slot("beheer")
    for guess in ("", "beheer", OTHER_PASSWORD, device.hex()):
        assert key_slots.unwrap_key(slot.wrapped, slot.check, guess, label="beheer",
                                    device=device, salt=slot.salt, params=slot.params) is None
    # Without the password, the wrapped bytes and the device secret tell nothing about K.
    assert bytes(a ^ b for a, b in zip(slot.wrapped, device, strict=True)) != key


@pytest.mark.parametrize("backend", [fail.Keyring(), null.Keyring(), PlaintextKeyring()],
                         ids=["fail", "null", "plaintext"])
def test_insecure_keyring_backends_are_refused_for_keyring_binding(folder, key, backend):
    keyring.set_keyring(backend)
    with pytest.raises(InsecureKeyring) as caught:
        make(folder, key)
    assert "beveiligde sleutelopslag" in caught.value.message()
    assert not (folder / SLOTS_FILENAME).exists()
    if isinstance(backend, PlaintextKeyring):
        assert backend.secrets == {}


def test_unlock_refuses_a_backend_that_became_insecure(folder, key):
    slots, _code = make(folder, key)
    keyring.set_keyring(PlaintextKeyring())
    with pytest.raises(InsecureKeyring):
        slots.unlock("beheer", PASSWORD)
    assert slots_json(folder)["failures"] == {}  # no password was tried


def test_binding_none_works_without_any_keyring(folder, key):
    keyring.set_keyring(fail.Keyring())
    slots, code = make(folder, key, binding=NO_BINDING)
    assert slots_json(folder)["binding"] == "none"
    assert slots.device_secret_present()
    assert KeySlots.load(folder).unlock("beheer", PASSWORD) == key
    slots.add(key, "collega", OTHER_PASSWORD)
    assert slots.unlock("collega", OTHER_PASSWORD) == key
    with pytest.raises(WrongCredentials):
        slots.unlock("collega", PASSWORD)
    assert slots.recover(code) == key


def test_a_slot_made_for_one_binding_does_not_open_with_the_other(folder, key, memory_keyring):
    make(folder, key)
    raw = slots_json(folder)
    raw["binding"] = "none"
    (folder / SLOTS_FILENAME).write_text(json.dumps(raw), encoding="utf-8")
    with pytest.raises(WrongCredentials):
        KeySlots.load(folder).unlock("beheer", PASSWORD)


# --- recovery ----------------------------------------------------------------------------

def test_the_recovery_code_looks_right():
    code = key_slots.new_recovery_code()
    assert len(code) == 24 and set(code) <= set(RECOVERY_ALPHABET)
    assert not set("0O1lI") & set(RECOVERY_ALPHABET)
    shown = key_slots.format_recovery_code(code)
    assert [len(g) for g in shown.split("-")] == [4] * 6
    for typed in (shown, shown.lower(), code, " ".join(shown.split("-")), f" {shown}\n"):
        assert key_slots.normalize_recovery_code(typed) == code
    assert key_slots.normalize_recovery_code(code[:-1]) is None
    assert key_slots.normalize_recovery_code(code[:-1] + "0") is None


def test_recovery_code_restores_the_key_without_the_device_secret(folder, key, memory_keyring):
    slots, code = make(folder, key)
    memory_keyring.secrets.clear()  # Windows reinstalled
    slots = KeySlots.load(folder)
    assert not slots.device_secret_present()
    assert slots.recover(code.lower().replace("-", "")) == key
    with pytest.raises(WrongRecoveryCode) as caught:
        slots.recover(key_slots.format_recovery_code(key_slots.new_recovery_code()))
    assert "herstelcode" in caught.value.message()
    with pytest.raises(WrongRecoveryCode):
        slots.recover("not a code")


def test_recover_and_reset_leaves_a_working_new_beheerder_slot(folder, key, memory_keyring):
    slots, code = make(folder, key)
    slots.add(key, "collega", OTHER_PASSWORD)
    memory_keyring.secrets.clear()

    slots = KeySlots.load(folder)
    new_password = "Nieuw begin na herinstallatie"
    found, new_code = slots.recover_and_reset(code, "Beheer2", new_password)
    assert found == key and new_code != code
    assert slots.usernames() == ["beheer2"]
    assert device_account() in memory_keyring.secrets  # a new device secret

    again = KeySlots.load(folder)
    assert again.unlock("beheer2", new_password) == key
    with pytest.raises(WrongCredentials):
        again.unlock("collega", OTHER_PASSWORD)  # colleagues get new passwords from the beheerder
    with pytest.raises(WrongRecoveryCode):
        again.recover(code)  # the used code is spent
    assert again.recover(new_code) == key
    again.add(key, "collega", "Een nieuw wachtwoord voor jou")
    assert again.unlock("collega", "Een nieuw wachtwoord voor jou") == key


def test_recover_and_reset_changes_nothing_with_a_wrong_code_or_weak_password(
        folder, key, memory_keyring):
    slots, code = make(folder, key)
    before = (folder / SLOTS_FILENAME).read_bytes()
    secrets_before = dict(memory_keyring.secrets)
    with pytest.raises(WeakPassword):
        slots.recover_and_reset(code, "beheer", "kort")
    with pytest.raises(WrongRecoveryCode):
        slots.recover_and_reset(key_slots.new_recovery_code(), "beheer", "Nieuw begin na herstel")
    assert without_failures(json.loads(before)) == without_failures(slots_json(folder))
    assert memory_keyring.secrets == secrets_before


def test_recover_and_reset_can_switch_to_no_binding_knowingly(folder, key):
    slots, code = make(folder, key)
    keyring.set_keyring(fail.Keyring())
    with pytest.raises(InsecureKeyring):
        slots.recover_and_reset(code, "beheer", "Nieuw begin zonder opslag")
    found, _new_code = slots.recover_and_reset(code, "beheer", "Nieuw begin zonder opslag",
                                               binding=NO_BINDING)
    assert found == key
    assert KeySlots.load(folder).unlock("beheer", "Nieuw begin zonder opslag") == key


def test_new_recovery_code_replaces_the_old_one(folder, key):
    slots, code = make(folder, key)
    new_code = slots.new_recovery_code(key)
    with pytest.raises(WrongRecoveryCode):
        slots.recover(code)
    assert KeySlots.load(folder).recover(new_code) == key
    assert sum(s["kind"] == "recovery" for s in slots_json(folder)["slots"]) == 1


def test_wrong_recovery_codes_are_delayed_too(folder, key, clock):
    slots, code = make(folder, key)
    for _attempt in range(4):
        with pytest.raises(WrongRecoveryCode):
            slots.recover(key_slots.new_recovery_code(), clock=clock)
    with pytest.raises(TooSoon):
        slots.recover(code, clock=clock)
    clock.advance(2)
    assert slots.recover(code, clock=clock) == key


# --- managing slots ----------------------------------------------------------------------

def test_two_staff_slots_unlock_the_same_key(folder, key):
    slots, _code = make(folder, key)
    slots.add(key, "Fatima.A", OTHER_PASSWORD)
    again = KeySlots.load(folder)
    assert again.usernames() == ["beheer", "fatima.a"]
    assert again.unlock("beheer", PASSWORD) == again.unlock("fatima.a", OTHER_PASSWORD) == key
    with pytest.raises(WrongCredentials):
        again.unlock("fatima.a", PASSWORD)  # one person's password does not open another slot


def test_add_refuses_an_existing_name_a_weak_password_and_a_wrong_key(folder, key):
    slots, _code = make(folder, key)
    with pytest.raises(UsernameTaken):
        slots.add(key, " BEHEER", OTHER_PASSWORD)
    with pytest.raises(WeakPassword) as caught:
        slots.add(key, "collega", "collega-2024-x")
    assert caught.value.problems == ["contains_name"]
    with pytest.raises(KeyMismatch):
        slots.add(keys.new_key(), "collega", OTHER_PASSWORD)
    assert slots.usernames() == ["beheer"]


def test_add_needs_the_device_secret(folder, key, memory_keyring):
    slots, _code = make(folder, key)
    memory_keyring.secrets.clear()
    with pytest.raises(DeviceSecretMissing):
        slots.add(key, "collega", OTHER_PASSWORD)


def test_change_password(folder, key, clock):
    slots, _code = make(folder, key)
    for _attempt in range(4):
        with pytest.raises(WrongCredentials):
            slots.unlock("beheer", "Niet het goede wachtwoord", clock=clock)
    with pytest.raises(TooSoon):
        slots.unlock("beheer", PASSWORD, clock=clock)
    slots.change_password(key, "beheer", OTHER_PASSWORD, clock=clock)
    again = KeySlots.load(folder)
    assert again.unlock("beheer", OTHER_PASSWORD, clock=clock) == key  # no delay left
    with pytest.raises(WrongCredentials):
        again.unlock("beheer", PASSWORD, clock=clock)
    with pytest.raises(UnknownUser):
        again.change_password(key, "niemand", OTHER_PASSWORD)
    with pytest.raises(KeyMismatch):
        again.change_password(keys.new_key(), "beheer", PASSWORD)


def test_remove_refuses_the_last_staff_slot(folder, key):
    slots, code = make(folder, key)
    with pytest.raises(LastStaffSlot):
        slots.remove("beheer")
    slots.add(key, "collega", OTHER_PASSWORD)
    slots.remove("BEHEER")
    again = KeySlots.load(folder)
    assert again.usernames() == ["collega"]
    with pytest.raises(WrongCredentials):
        again.unlock("beheer", PASSWORD)
    with pytest.raises(UnknownUser):
        again.remove("beheer")
    assert again.recover(code) == key  # the recovery slot stays


def test_a_failed_write_changes_nothing(folder, key, monkeypatch):
    slots, _code = make(folder, key)
    before = (folder / SLOTS_FILENAME).read_bytes()

    def refuse(*args):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(key_slots.os, "replace", refuse)
    with pytest.raises(OSError):
        slots.add(key, "collega", OTHER_PASSWORD)
    assert slots.usernames() == ["beheer"]
    assert (folder / SLOTS_FILENAME).read_bytes() == before
    assert not list(folder.glob(".keyslots-*"))


def test_a_failed_first_write_takes_the_device_secret_back(folder, key, memory_keyring,
                                                           monkeypatch):
    monkeypatch.setattr(key_slots.os, "replace", lambda *a: (_ for _ in ()).throw(OSError()))
    with pytest.raises(OSError):
        make(folder, key)
    assert memory_keyring.secrets == {} and not (folder / SLOTS_FILENAME).exists()


def test_forget_removes_file_and_device_secret(folder, key, memory_keyring):
    slots, _code = make(folder, key)
    slots.forget()
    assert memory_keyring.secrets == {} and not KeySlots.exists(folder)


# --- the file on disk --------------------------------------------------------------------

def test_the_key_never_appears_in_the_slots_file(folder, key, memory_keyring):
    slots, code = make(folder, key)
    slots.add(key, "collega", OTHER_PASSWORD)
    slots.change_password(key, "collega", "Weer een ander wachtwoord")
    slots.new_recovery_code(key)
    data = (folder / SLOTS_FILENAME).read_bytes()
    device = bytes.fromhex(memory_keyring.secrets[device_account()])
    for secret in (key, device):
        for form in (secret, secret.hex().encode(), secret.hex().upper().encode(),
                     base64.b64encode(secret), base64.b64encode(secret).rstrip(b"="),
                     base64.urlsafe_b64encode(secret).rstrip(b"="), base64.b32encode(secret)):
            assert form not in data
    for text in (PASSWORD, OTHER_PASSWORD, code, code.replace("-", "")):
        assert text.encode() not in data


def test_missing_file(folder):
    with pytest.raises(SlotsMissing) as caught:
        KeySlots.load(folder)
    assert "ontbreekt" in caught.value.message()


def _edit(raw, change):
    change(raw)
    return json.dumps(raw)


DAMAGE = {
    "empty": lambda text: "",
    "cut off": lambda text: text[: len(text) // 2],
    "not utf-8": lambda text: "\udcff",
    "a list": lambda text: "[]",
    "newer format": lambda text: _edit(json.loads(text), lambda r: r.update(format=2)),
    "no format": lambda text: _edit(json.loads(text), lambda r: r.pop("format")),
    "unknown field": lambda text: _edit(json.loads(text), lambda r: r.update(extra=1)),
    "missing field": lambda text: _edit(json.loads(text), lambda r: r.pop("key_check")),
    "unknown binding": lambda text: _edit(json.loads(text), lambda r: r.update(binding="tpm")),
    "unknown slot field": lambda text: _edit(
        json.loads(text), lambda r: r["slots"][0].update(note="x")),
    "short salt": lambda text: _edit(
        json.loads(text), lambda r: r["slots"][0].update(salt="00" * 8)),
    "bad hex": lambda text: _edit(
        json.loads(text), lambda r: r["slots"][0].update(wrapped="zz" * 32)),
    "huge scrypt": lambda text: _edit(
        json.loads(text), lambda r: r["slots"][0]["params"].update(n=2**30)),
    "n not a power of two": lambda text: _edit(
        json.loads(text), lambda r: r["params"].update(n=1000)),
    "boolean as number": lambda text: _edit(
        json.loads(text), lambda r: r["params"].update(p=True)),
    "two recovery slots": lambda text: _edit(
        json.loads(text), lambda r: r["slots"].append(r["slots"][1])),
    "no recovery slot": lambda text: _edit(json.loads(text), lambda r: r["slots"].pop(1)),
    "no staff slot": lambda text: _edit(json.loads(text), lambda r: r["slots"].pop(0)),
    "same name twice": lambda text: _edit(
        json.loads(text), lambda r: r["slots"].append(r["slots"][0])),
    "name not normalised": lambda text: _edit(
        json.loads(text), lambda r: r["slots"][0].update(username="Beheer")),
    "time without zone": lambda text: _edit(
        json.loads(text), lambda r: r.update(created_at="2025-03-01T09:00:00")),
    "failures for nobody": lambda text: _edit(
        json.loads(text),
        lambda r: r["failures"].update(nobody={"count": 1, "last": r["created_at"]})),
    "negative failures": lambda text: _edit(
        json.loads(text),
        lambda r: r["failures"].update(beheer={"count": -1, "last": r["created_at"]})),
    "duplicate key": lambda text: text.replace('"format": 1,', '"format": 1, "format": 1,'),
    "NaN": lambda text: text.replace('"format": 1,', '"format": NaN,'),
}


@pytest.mark.parametrize("damage", DAMAGE.values(), ids=DAMAGE.keys())
def test_a_damaged_file_is_refused_and_left_as_it_is(folder, key, damage):
    make(folder, key)
    path = folder / SLOTS_FILENAME
    damaged = damage(path.read_text(encoding="utf-8")).encode("utf-8", "surrogateescape")
    path.write_bytes(damaged)
    with pytest.raises(SlotsDamaged) as caught:
        KeySlots.load(folder)
    assert "beschadigd" in caught.value.message()
    assert path.read_bytes() == damaged


def test_an_oversized_file_is_refused(folder, key):
    make(folder, key)
    (folder / SLOTS_FILENAME).write_bytes(b" " * (2 << 20))
    with pytest.raises(SlotsDamaged):
        KeySlots.load(folder)


def test_a_flipped_byte_in_a_slot_fails_the_check(folder, key):
    make(folder, key)
    raw = slots_json(folder)
    wrapped = bytearray.fromhex(raw["slots"][0]["wrapped"])
    wrapped[0] ^= 1
    raw["slots"][0]["wrapped"] = wrapped.hex()
    (folder / SLOTS_FILENAME).write_text(json.dumps(raw), encoding="utf-8")
    with pytest.raises(WrongCredentials):
        KeySlots.load(folder).unlock("beheer", PASSWORD)


def test_a_slot_from_another_database_is_detected(folder, key, tmp_path):
    """A slot of another database (with a password someone knows) pasted into our file."""
    other_dir = tmp_path / "other"
    other_dir.mkdir()
    KeySlots.create(other_dir, DATABASE_ID, keys.new_key(), binding=NO_BINDING,
                    username="beheer", password=OTHER_PASSWORD, params=FAST_SCRYPT)
    make(folder, key, binding=NO_BINDING)
    ours, theirs = slots_json(folder), slots_json(other_dir)
    ours["slots"][0] = theirs["slots"][0]
    (folder / SLOTS_FILENAME).write_text(json.dumps(ours), encoding="utf-8")
    with pytest.raises(SlotsDamaged):
        KeySlots.load(folder).unlock("beheer", OTHER_PASSWORD)


# --- the construction --------------------------------------------------------------------

def test_hkdf_matches_rfc_5869():
    ikm = bytes([0x0B]) * 22
    assert key_slots.hkdf_sha256(ikm, salt=bytes(range(13)), info=bytes(range(0xF0, 0xFA)),
                                 length=42).hex() == (
        "3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf34007208d5b887185865")
    assert key_slots.hkdf_sha256(ikm, info=b"", length=42).hex() == (
        "8da4e775a563c18f715f802a063c5a31b8a11f5c5ee1879ec3454e5f3c738d2d9d201395faa4b61a96c8")
    long_ikm, salt, info = bytes(range(80)), bytes(range(0x60, 0xB0)), bytes(range(0xB0, 0x100))
    assert key_slots.hkdf_sha256(long_ikm, salt=salt, info=info, length=82).hex() == (
        "b11e398dc80327a1c8e7f78c596a49344f012eda2d4efad8a050cc4c19afa97c"
        "59045a99cac7827271cb41c65e590e09da3275600c2f09b8367793a9aca3db71"
        "cc30c58179ec3e87c14c01d5c1f3434f1d87")


@given(key=st.binary(min_size=32, max_size=32),
       password=st.text(max_size=300),
       other=st.text(max_size=50),
       device=st.binary(min_size=32, max_size=32),
       label=st.sampled_from(["beheer", "fatima.a", "#recovery", "ÿ.ü"]))
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_wrap_unwrap_round_trips_for_any_password(key, password, other, device, label):
    salt = bytes(16)
    wrapped, check = key_slots.wrap_key(key, password, label=label, device=device, salt=salt,
                                        params=FAST_SCRYPT)
    assert key_slots.unwrap_key(wrapped, check, password, label=label, device=device,
                                salt=salt, params=FAST_SCRYPT) == key
    # NFC and NFD forms of one password are one password.
    assert key_slots.unwrap_key(wrapped, check, unicodedata.normalize("NFD", password),
                                label=label, device=device, salt=salt,
                                params=FAST_SCRYPT) == key
    if key_slots.normalize_password(other) != key_slots.normalize_password(password):
        assert key_slots.unwrap_key(wrapped, check, other, label=label, device=device,
                                    salt=salt, params=FAST_SCRYPT) is None
    assert key_slots.unwrap_key(wrapped, check, password, label=label + "x", device=device,
                                salt=salt, params=FAST_SCRYPT) is None
    assert key_slots.unwrap_key(wrapped, check, password, label=label,
                                device=bytes(a ^ 1 for a in device), salt=salt,
                                params=FAST_SCRYPT) is None


def test_a_long_unicode_password_works_end_to_end(folder, key):
    password = "مرحبا بالعالم — ሰላም ዓለም — 🙂 " * 40
    slots, _code = make(folder, key, password=password)
    assert KeySlots.load(folder).unlock("beheer", unicodedata.normalize("NFD", password)) == key


def test_usernames_are_normalised_like_staff_accounts():
    from intake_desktop.security.staff import normalize_username

    for name in ("Beheer", "  FATIMA.a ", "Straße", "ÉLODIE"):
        assert key_slots.normalize_username(name) == normalize_username(name)


def test_every_error_has_a_message():
    errors = [KeySlotError(), WrongCredentials(), WrongRecoveryCode(), TooSoon(3.2),
              SlotsMissing(key_slots.slots_path(key_slots.Path("/x"))),
              SlotsDamaged(None, "x"), InsecureKeyring("x"), key_slots.KeyringFailed("x"),
              DeviceSecretMissing(), BadUsername(), UsernameTaken(), UnknownUser(),
              LastStaffSlot(), WeakPassword(["too_short"]), KeyMismatch()]
    for error in errors:
        assert isinstance(error.message(), str) and error.message().strip()
    assert "4 seconden" in TooSoon(3.2).message()
