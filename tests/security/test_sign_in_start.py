"""Starting with personal accounts: the key from a staff slot, the file never touched."""

import hashlib

import pytest
from support.scrypt import FAST_SCRYPT

from intake_desktop import startup
from intake_desktop.security.key_slots import NO_BINDING, KeySlotError, TooSoon


def digest(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def folder(data_dir):
    unlocked, code = startup.create_with_first_staff(
        data_dir, username="sanne", password="zonnige ochtend bij de haven", binding=NO_BINDING,
        params=FAST_SCRYPT)
    startup.open_store(unlocked).close()
    return data_dir


def test_the_right_password_opens_the_database(folder):
    assert startup.store_state(folder) == startup.SIGN_IN
    unlocked = startup.sign_in(folder, "Sanne ", "zonnige ochtend bij de haven")
    startup.open_store(unlocked).close()


def test_ten_wrong_passwords_leave_the_database_unchanged(folder):
    before = digest(startup.database_path(folder))
    refused = 0
    for attempt in range(10):
        with pytest.raises(KeySlotError) as caught:
            startup.sign_in(folder, "sanne", f"verkeerd wachtwoord nummer {attempt}")
        refused += 1
        if isinstance(caught.value, TooSoon):
            break  # the growing delay has started: further attempts are refused unseen
    assert refused >= 4
    assert digest(startup.database_path(folder)) == before


def test_a_damaged_slots_file_is_reported_and_kept(folder):
    from intake_desktop.errors import Problem, StartupError
    from intake_desktop.security.key_slots import slots_path

    path = slots_path(folder)
    data = bytearray(path.read_bytes())
    data[len(data) // 2] ^= 0x55
    path.write_bytes(bytes(data))
    before = path.read_bytes()
    with pytest.raises(StartupError) as caught:
        startup.sign_in(folder, "sanne", "zonnige ochtend bij de haven")
    assert caught.value.problem in (Problem.KEYINFO_DAMAGED, Problem.WRONG_KEY)
    assert path.read_bytes() == before


def test_a_missing_slots_file_is_reported_not_a_crash(folder):
    from intake_desktop.errors import Problem, StartupError
    from intake_desktop.security.key_slots import slots_path

    slots_path(folder).unlink()
    before = digest(startup.database_path(folder))
    with pytest.raises(StartupError) as caught:
        startup.unlock(folder)
    assert caught.value.problem is Problem.KEYINFO_MISSING
    assert digest(startup.database_path(folder)) == before
