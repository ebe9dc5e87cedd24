"""The database key: random, in the credential store, or derived from a passphrase."""

import keyring
import pytest
from keyring.backends import fail, null
from support.memory_keyring import MemoryKeyring
from support.scrypt import FAST_SCRYPT

from intake_desktop.errors import Problem, StartupError
from intake_desktop.security import keys
from intake_desktop.startup import keyinfo_path, open_store, unlock


class PlaintextKeyring(MemoryKeyring):
    """Stands in for keyrings.alt's PlaintextKeyring: recognised by its name."""


def test_first_run_makes_a_random_256_bit_key_in_the_keyring(data_dir, memory_keyring):
    unlocked = unlock(data_dir)
    assert unlocked.new and len(unlocked.key) == 32
    [(service, account)] = memory_keyring.secrets
    assert service == keys.KEYRING_SERVICE and unlocked.info.database_id in account
    assert bytes.fromhex(memory_keyring.secrets[(service, account)]) == unlocked.key
    open_store(unlocked).close()
    again = unlock(data_dir)
    assert not again.new and again.key == unlocked.key


def test_two_databases_get_different_keys(tmp_path):
    first, second = unlock(tmp_path / "a"), unlock(tmp_path / "b")
    assert first.key != second.key
    assert first.info.database_id != second.info.database_id


@pytest.mark.parametrize("backend", [fail.Keyring(), null.Keyring(), PlaintextKeyring()],
                         ids=["fail", "null", "plaintext"])
def test_insecure_backends_are_recognised(backend):
    keyring.set_keyring(backend)
    assert keys.secure_keyring()[0] is False


@pytest.mark.parametrize("members, insecure", [
    ([], True), ([MemoryKeyring()], False), ([MemoryKeyring(), PlaintextKeyring()], True),
])
def test_chainer_is_as_safe_as_its_weakest_member(monkeypatch, members, insecure):
    from keyring.backends.chainer import ChainerBackend

    monkeypatch.setattr(ChainerBackend, "backends", property(lambda self: members))
    assert keys._is_insecure(ChainerBackend.__new__(ChainerBackend)) is insecure


def test_our_memory_backend_counts_as_secure():
    assert keys.secure_keyring()[0] is True


def test_without_secure_keyring_a_passphrase_is_asked_and_nothing_is_stored(data_dir):
    keyring.set_keyring(fail.Keyring())
    asked = []

    def ask(request):
        asked.append(request)
        return "kort" if len(asked) == 1 else "een lange geheime zin 42"

    unlocked = unlock(data_dir, ask, scrypt=FAST_SCRYPT)
    assert asked[0].new and "wachtwoord" in asked[0].explanation
    assert asked[1].error  # the short one was refused with a reason
    info = keys.read_keyinfo(keyinfo_path(data_dir))
    assert info.key_store == keys.PASSPHRASE and info.scrypt == FAST_SCRYPT
    open_store(unlocked).close()
    for path in data_dir.iterdir():
        assert unlocked.key.hex().encode() not in path.read_bytes()

    attempts = iter(["verkeerd wachtwoord!", "een lange geheime zin 42"])
    errors = []

    def ask_again(request):
        errors.append(request.error)
        return next(attempts)

    again = unlock(data_dir, ask_again)
    assert again.key == unlocked.key
    assert errors[0] is None and errors[1]


def test_without_secure_keyring_and_no_window_refuses(data_dir):
    keyring.set_keyring(fail.Keyring())
    with pytest.raises(StartupError) as caught:
        unlock(data_dir)
    assert caught.value.problem is Problem.NO_SECURE_KEYRING
    assert not data_dir.joinpath("intake.sqlite3").exists()


def test_cancelled_passphrase_leaves_nothing(data_dir):
    keyring.set_keyring(fail.Keyring())
    with pytest.raises(StartupError) as caught:
        unlock(data_dir, lambda request: None)
    assert caught.value.problem is Problem.CANCELLED
    assert list(data_dir.iterdir()) == []


def test_default_kdf_is_memory_hard():
    params = keys.ScryptParams()
    assert params.n * params.r * 128 >= 64 * 1024 * 1024


def test_keyinfo_file_is_never_overwritten(data_dir):
    unlock(data_dir)
    before = keyinfo_path(data_dir).read_bytes()
    with pytest.raises(FileExistsError):
        keys.write_keyinfo(keyinfo_path(data_dir), keys.new_keyinfo(keys.new_key(), keys.KEYRING))
    assert keyinfo_path(data_dir).read_bytes() == before


@pytest.mark.parametrize("text", ["", "{}", '{"format": 1}', "not json", '{"format": 2}'])
def test_damaged_keyinfo_is_rejected(text):
    with pytest.raises((ValueError, TypeError)):
        keys.KeyInfo.from_json(text)


def test_passphrase_rules():
    assert keys.passphrase_problem("kort")
    assert keys.passphrase_problem("aaaaaaaaaaaaaaaa")
    assert keys.passphrase_problem("fietsen-langs-de-gracht") is None
