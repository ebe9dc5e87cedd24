"""Every bad start gives a clear message and an exit code, and the file stays as it was."""

import hashlib
import os
import shutil
import sqlite3
import subprocess

import pytest
from support.process import child_env, run_app

from intake_desktop import app
from intake_desktop.intake import records
from intake_desktop.intake.people import NewPerson
from intake_desktop.startup import database_path, keyinfo_path, open_store, unlock
from intake_desktop.store.database import connect


def digest(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def filled(data_dir, memory_keyring):
    database = open_store(unlock(data_dir))
    import datetime as dt

    intake = records.create_intake(
        database, NewPerson("Rahel", "Tekle", dt.date(1990, 3, 1), "ti"))
    for number in range(300):  # enough pages that damage can land mid-file
        records.save_answer(database, intake, f"vraag.{number}", "x" * 200)
    database.close()
    return data_dir


def check(data_dir, capsys, lang="en"):
    code = app.main(["--data-dir", str(data_dir), "--check", "--lang", lang])
    captured = capsys.readouterr()
    return code, captured.err


def test_healthy_database_checks_out(filled, capsys):
    code = app.main(["--data-dir", str(filled), "--check", "--lang", "en"])
    assert code == 0
    assert "1 intake" in capsys.readouterr().out


def test_wrong_key(filled, memory_keyring, capsys):
    before = digest(database_path(filled))
    [account] = memory_keyring.secrets
    memory_keyring.secrets[account] = os.urandom(32).hex()
    code, err = check(filled, capsys)
    assert code == 4 and "key does not match" in err
    assert digest(database_path(filled)) == before


def test_key_missing_from_keyring(filled, memory_keyring, capsys):
    memory_keyring.secrets.clear()
    code, err = check(filled, capsys, lang="nl")
    assert code == 4 and "sleutelopslag" in err


@pytest.mark.parametrize("where", [0.5, 0.9])
def test_damaged_database(filled, capsys, where):
    path = database_path(filled)
    data = bytearray(path.read_bytes())
    spot = int(len(data) * where)
    data[spot:spot + 16] = bytes(16)
    path.write_bytes(bytes(data))
    before = digest(path)
    code, err = check(filled, capsys)
    assert code == 5 and "damaged" in err
    assert digest(path) == before


@pytest.mark.parametrize("cut", ["half", "page", "empty"])
def test_truncated_database(filled, capsys, cut):
    path = database_path(filled)
    data = path.read_bytes()
    keep = {"half": len(data) // 2 + 100, "page": (len(data) // 4096 // 2) * 4096, "empty": 0}[cut]
    path.write_bytes(data[:keep])
    before = digest(path)
    code, err = check(filled, capsys)
    assert code == 5 and "damaged or incomplete" in err
    assert path.exists() and digest(path) == before


def test_not_a_database_at_all(filled, capsys):
    path = database_path(filled)
    path.unlink()
    plain = sqlite3.connect(path)
    plain.execute("CREATE TABLE t (x)")
    plain.commit()
    plain.close()
    before = digest(path)
    code, err = check(filled, capsys)
    assert code == 5
    assert digest(path) == before


def test_database_from_a_newer_version(filled, memory_keyring, capsys):
    key = bytes.fromhex(next(iter(memory_keyring.secrets.values())))
    connection = connect(database_path(filled), key)
    connection.execute("UPDATE alembic_version SET version_num = '9999'")
    connection.close()
    before = digest(database_path(filled))
    code, err = check(filled, capsys)
    assert code == 6 and "newer version" in err
    assert digest(database_path(filled)) == before


def test_keyinfo_missing(filled, capsys):
    keyinfo_path(filled).unlink()
    before = digest(database_path(filled))
    code, err = check(filled, capsys)
    assert code == 5 and digest(database_path(filled)) == before
    assert not keyinfo_path(filled).exists()


def test_keyinfo_damaged(filled, capsys):
    keyinfo_path(filled).write_text("{broken")
    code, err = check(filled, capsys, lang="ar")
    assert code == 5
    assert keyinfo_path(filled).read_text() == "{broken"


def test_database_missing_but_keyinfo_present(filled, capsys):
    database_path(filled).unlink()
    code, _err = check(filled, capsys)
    assert code == 5
    assert not database_path(filled).exists()


def test_no_database_yet(data_dir, capsys):
    code, err = check(data_dir, capsys)
    assert code == 7 and not database_path(data_dir).exists()


def test_exit_code_and_message_of_a_real_process(filled, memory_keyring):
    memory_keyring.secrets[next(iter(memory_keyring.secrets))] = os.urandom(32).hex()
    before = digest(database_path(filled))
    result = run_app("--data-dir", str(filled), "--check", "--lang", "nl",
                     env=child_env(memory_keyring))
    assert result.returncode == 4, result.stderr
    assert "De sleutel past niet bij de database" in result.stderr
    assert "hmac" not in result.stderr.lower()
    assert digest(database_path(filled)) == before


def _read_only_prefix() -> tuple[str, ...]:
    # root ignores file modes; a user namespace without a root mapping does not.
    if os.geteuid() != 0:
        return ()
    unshare = shutil.which("unshare")
    assert unshare, "running as root needs util-linux's unshare for a read-only folder"
    return (unshare, "--user")


def test_read_only_folder_with_a_database(filled, memory_keyring):
    before = digest(database_path(filled))
    os.chmod(filled, 0o555)
    try:
        prefix = _read_only_prefix()
        probe = subprocess.run([*prefix, "touch", str(filled / "probe")], capture_output=True)
        assert probe.returncode != 0, "the folder is not read-only for the child"
        result = run_app("--data-dir", str(filled), "--check", "--lang", "en",
                         env=child_env(memory_keyring), prefix=prefix)
    finally:
        os.chmod(filled, 0o755)
    assert result.returncode == 3, result.stderr
    assert "cannot write" in result.stderr
    assert digest(database_path(filled)) == before


def test_folder_that_cannot_be_made(tmp_path, capsys):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    from intake_desktop.errors import Problem, StartupError

    with pytest.raises(StartupError) as caught:
        unlock(blocker / "data")
    assert caught.value.problem is Problem.NOT_WRITABLE
    assert blocker.read_text() == "not a folder"
