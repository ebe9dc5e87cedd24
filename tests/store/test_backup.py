"""Encrypted backups with real files: made, verified, tampered with, restored, undone."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import secrets
import sqlite3
import sys
import threading

import pytest
from support.scrypt import FAST_SCRYPT

from intake_desktop import i18n
from intake_desktop.intake import records
from intake_desktop.intake.people import NewPerson
from intake_desktop.security import keys
from intake_desktop.startup import open_store, unlock
from intake_desktop.store import backup
from intake_desktop.store.backup import BackupError, Reason
from intake_desktop.store.database import DB_FILENAME, connect

PASSPHRASE = "paars konijn op de fiets 7"
NAME = "Xylofoonbouwer"  # a string that appears nowhere else


def _sha(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _people(database) -> list[str]:
    return sorted(summary.person_name for summary in records.list_intakes(database))


@pytest.fixture
def filled(database):
    records.create_intake(database, NewPerson("Hanan", NAME, dt.date(1985, 2, 3), "ar"))
    records.create_intake(database, NewPerson("Yonas", "Tesfay", None, "ti"))
    return database


@pytest.fixture
def made(filled, tmp_path):
    target = tmp_path / "usb" / "intake.intakebackup"
    target.parent.mkdir()
    info = backup.make_backup(filled, target, PASSPHRASE, FAST_SCRYPT)
    return target, info


def _leftovers(folder) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.startswith("."))


# --- making -------------------------------------------------------------------------------


def test_backup_is_a_new_encrypted_file_not_a_copy(made, filled):
    target, info = made
    assert (info.people, info.intakes) == (2, 2)
    assert info.path == target and info.size == target.stat().st_size
    data = target.read_bytes()
    assert data.startswith(b"intake-desktop backup v1\n")
    # No name in clear text anywhere, in UTF-8 or UTF-16.
    assert NAME.encode() not in data and NAME.encode("utf-16-le") not in data
    live = filled.path.read_bytes()
    # Another key and another salt: not one page of the live file turns up in the backup.
    pages = {live[i:i + 4096] for i in range(0, len(live), 4096)}
    assert not any(page in data for page in pages)
    assert _leftovers(target.parent) == []


def test_backup_holds_the_same_schema_and_rows(made, filled, tmp_path):
    target, _info = made
    # Open the payload the way verify does, to compare with the live database.
    with backup._opened(target, PASSPHRASE, None) as (copy, key, _header):
        restored = connect(copy, key)
        try:
            schema = sorted(restored.execute("SELECT type, name, sql FROM sqlite_master"))
            rows = restored.execute("SELECT given_names, family_name, search_key FROM person "
                                    "ORDER BY id").fetchall()
        finally:
            restored.close()
    with filled.engine.connect() as connection:
        assert schema == sorted(connection.exec_driver_sql(
            "SELECT type, name, sql FROM sqlite_master").all())
        assert rows == [tuple(r) for r in connection.exec_driver_sql(
            "SELECT given_names, family_name, search_key FROM person ORDER BY id").all()]


def test_backup_also_from_a_path_and_key(data_dir, tmp_path):
    unlocked = unlock(data_dir)
    open_store(unlocked).close()
    target = tmp_path / "b.intakebackup"
    info = backup.make_backup((data_dir / DB_FILENAME, unlocked.key), target, PASSPHRASE, FAST_SCRYPT)
    assert backup.verify_backup(target, PASSPHRASE).schema_revision == info.schema_revision


def test_backup_while_the_app_keeps_saving(filled, tmp_path):
    intake_id = records.list_intakes(filled)[0].intake_id
    stop = threading.Event()

    def keep_saving():
        number = 0
        while not stop.is_set():
            number += 1
            records.save_answer(filled, intake_id, "gezin.toelichting", f"antwoord {number}")

    writer = threading.Thread(target=keep_saving)
    writer.start()
    try:
        for round_ in range(3):
            target = tmp_path / f"b{round_}.intakebackup"
            backup.make_backup(filled, target, PASSPHRASE, FAST_SCRYPT)
            assert backup.verify_backup(target, PASSPHRASE).intakes == 2
    finally:
        stop.set()
        writer.join()


def test_a_weak_passphrase_is_refused(filled, tmp_path):
    target = tmp_path / "b.intakebackup"
    for weak in ("kort", "aaaaaaaaaaaaaaaa"):
        with pytest.raises(BackupError) as caught:
            backup.make_backup(filled, target, weak, FAST_SCRYPT)
        assert caught.value.reason is Reason.WEAK_PASSPHRASE
        assert caught.value.message() == keys.passphrase_problem(weak)
        assert weak not in str(caught.value)
    assert not target.exists() and list(tmp_path.iterdir()) == [filled.path.parent]


@pytest.mark.parametrize("name", [DB_FILENAME, DB_FILENAME + "-journal", keys.KEYINFO_FILENAME,
                                  "intake.keyslots.json",
                                  "settings.json", "intake.lock"])
def test_the_data_folders_own_files_are_never_overwritten(filled, name):
    target = filled.path.parent / name
    before = target.read_bytes() if target.exists() else None
    with pytest.raises(BackupError) as caught:
        backup.make_backup(filled, target, PASSPHRASE, FAST_SCRYPT)
    assert caught.value.reason is Reason.TARGET_IS_DATA
    assert (target.read_bytes() if target.exists() else None) == before
    assert records.list_intakes(filled)


def test_an_existing_backup_is_replaced_whole(made, filled):
    target, _info = made
    records.create_intake(filled, NewPerson("Derde", "Persoon", None, "nl"))
    info = backup.make_backup(filled, target, PASSPHRASE, FAST_SCRYPT)
    assert info.people == 3 and backup.verify_backup(target, PASSPHRASE).people == 3


@pytest.mark.skipif(sys.platform == "win32" or os.geteuid() == 0,
                    reason="needs POSIX permissions that apply to this user")
def test_an_unwritable_target_leaves_nothing(filled, tmp_path):
    folder = tmp_path / "readonly"
    folder.mkdir()
    folder.chmod(0o555)
    try:
        with pytest.raises(BackupError) as caught:
            backup.make_backup(filled, folder / "b.intakebackup", PASSPHRASE, FAST_SCRYPT)
        assert caught.value.reason is Reason.NOT_WRITABLE
        assert list(folder.iterdir()) == []
    finally:
        folder.chmod(0o755)


def test_a_target_folder_that_is_gone_leaves_nothing(filled, tmp_path):
    with pytest.raises(BackupError) as caught:
        backup.make_backup(filled, tmp_path / "unplugged" / "b.intakebackup", PASSPHRASE, FAST_SCRYPT)
    assert caught.value.reason is Reason.NOT_WRITABLE
    assert not (tmp_path / "unplugged").exists()


# --- verifying ----------------------------------------------------------------------------


def test_verify_reports_what_the_backup_holds(made):
    target, made_info = made
    info = backup.verify_backup(target, PASSPHRASE)
    assert info == made_info


def test_ten_wrong_passphrases_change_nothing(made):
    target, _info = made
    before = _sha(target)
    for attempt in range(10):
        with pytest.raises(BackupError) as caught:
            backup.verify_backup(target, f"{PASSPHRASE} {attempt}")
        assert caught.value.reason is Reason.WRONG_PASSPHRASE
    assert _sha(target) == before
    assert _leftovers(target.parent) == []


def _payload_offset(data: bytes) -> int:
    return data.index(b"\n", data.index(b"\n") + 1) + 1


@pytest.mark.parametrize("where", ["magic", "header", "first page", "middle", "last byte"])
def test_one_changed_byte_is_detected_and_the_file_kept(made, where):
    target, _info = made
    data = bytearray(target.read_bytes())
    start = _payload_offset(data)
    index = {"magic": 3, "header": start - 20, "first page": start + 100,
             "middle": start + (len(data) - start) // 2, "last byte": len(data) - 1}[where]
    data[index] ^= 0x01
    target.write_bytes(data)
    before = _sha(target)
    with pytest.raises(BackupError) as caught:
        backup.verify_backup(target, PASSPHRASE)
    expected = Reason.FOREIGN if where == "magic" else Reason.DAMAGED
    assert caught.value.reason is expected, caught.value
    assert _sha(target) == before


def _rewrite_header(target, change) -> None:
    """Change the header and make its checksums agree again, as a deliberate forger would."""
    data = target.read_bytes()
    start = _payload_offset(data)
    magic, line = data[:data.index(b"\n") + 1], data[data.index(b"\n") + 1:start]
    header = json.loads(line)
    del header["header_sha256"]
    payload = change(header, bytearray(data[start:]))
    header["payload_size"] = len(payload)
    header["payload_sha256"] = hashlib.sha256(payload).hexdigest()
    header["header_sha256"] = backup._digest(header)
    target.write_bytes(magic + json.dumps(header).encode() + b"\n" + payload)


def test_a_changed_page_with_matching_checksums_is_caught_by_sqlcipher(made):
    target, _info = made

    def flip(header, payload):
        payload[4096 + 200] ^= 0x80
        return payload

    _rewrite_header(target, flip)
    with pytest.raises(BackupError) as caught:
        backup.verify_backup(target, PASSPHRASE)
    assert caught.value.reason is Reason.DAMAGED and "HMAC" in caught.value.detail


def test_a_cut_off_backup_is_damaged(made):
    target, _info = made
    data = target.read_bytes()
    for keep in (len(data) - 4096, len(data) - 1, _payload_offset(data), 40, 10):
        target.write_bytes(data[:keep])
        with pytest.raises(BackupError) as caught:
            backup.verify_backup(target, PASSPHRASE)
        assert caught.value.reason in (Reason.DAMAGED, Reason.FOREIGN), keep
        assert caught.value.reason is Reason.DAMAGED or keep == 10


def test_hostile_scrypt_parameters_are_refused_before_deriving(made):
    target, _info = made

    def greedy(header, payload):
        header["kdf"]["n"] = 2**30
        return payload

    _rewrite_header(target, greedy)
    with pytest.raises(BackupError) as caught:
        backup.verify_backup(target, PASSPHRASE)
    assert caught.value.reason is Reason.FOREIGN


def test_files_that_are_no_backup_are_foreign(filled, tmp_path):
    plain = tmp_path / "plain.sqlite3"
    sqlite3.connect(plain).execute("CREATE TABLE t (x)").connection.close()
    random_file = tmp_path / "random.bin"
    random_file.write_bytes(secrets.token_bytes(10_000))
    empty = tmp_path / "empty"
    empty.write_bytes(b"")
    for path in (plain, random_file, empty, filled.path):
        with pytest.raises(BackupError) as caught:
            backup.verify_backup(path, PASSPHRASE)
        assert caught.value.reason is Reason.FOREIGN, path


def test_a_missing_file_is_not_readable(tmp_path):
    with pytest.raises(BackupError) as caught:
        backup.verify_backup(tmp_path / "gone.intakebackup", PASSPHRASE)
    assert caught.value.reason is Reason.NOT_READABLE


def _container(tmp_path, build) -> object:
    """A backup file around a SQLCipher database made by ``build(connection)``."""
    salt = secrets.token_bytes(16)
    key = keys.derive_key(PASSPHRASE, salt, FAST_SCRYPT)
    database = tmp_path / "crafted.db"
    connection = connect(database, key)
    build(connection)
    connection.close()
    payload = database.read_bytes()
    header = backup._Header(
        created_at="2026-01-01T00:00:00+00:00", app_version="9.9", salt=salt, params=FAST_SCRYPT,
        check=backup._check_value(key), payload_size=len(payload),
        payload_sha256=hashlib.sha256(payload).hexdigest(),
    )
    target = tmp_path / "crafted.intakebackup"
    target.write_bytes(backup._MAGIC + header.to_line() + payload)
    return target


def test_a_backup_of_another_schema_is_foreign(tmp_path):
    target = _container(tmp_path, lambda c: c.execute("CREATE TABLE something_else (x)"))
    with pytest.raises(BackupError) as caught:
        backup.verify_backup(target, PASSPHRASE)
    assert caught.value.reason is Reason.FOREIGN


def _schema_at(revision):
    def build(connection):
        for table in ("person", "intake", "answer"):
            connection.execute(f"CREATE TABLE {table} (id INTEGER PRIMARY KEY)")
        connection.execute("CREATE TABLE alembic_version (version_num VARCHAR(32) NOT NULL)")
        connection.execute("INSERT INTO alembic_version VALUES (?)", (revision,))
    return build


def test_a_backup_from_a_newer_version_is_refused(tmp_path):
    target = _container(tmp_path, _schema_at("9999"))
    with pytest.raises(BackupError) as caught:
        backup.verify_backup(target, PASSPHRASE)
    assert caught.value.reason is Reason.NEWER_VERSION


def test_an_unknown_revision_name_is_foreign(tmp_path):
    target = _container(tmp_path, _schema_at("abcdef"))
    with pytest.raises(BackupError) as caught:
        backup.verify_backup(target, PASSPHRASE)
    assert caught.value.reason is Reason.FOREIGN


def test_a_newer_backup_format_is_refused(made):
    target, _info = made
    data = target.read_bytes()
    target.write_bytes(data.replace(b"intake-desktop backup v1\n", b"intake-desktop backup v2\n", 1))
    with pytest.raises(BackupError) as caught:
        backup.verify_backup(target, PASSPHRASE)
    assert caught.value.reason is Reason.NEWER_VERSION


@pytest.mark.parametrize("language", i18n.LANGUAGES)
def test_every_reason_has_a_message_in_every_language(language, tmp_path):
    i18n.set_language(language)
    without_file = {Reason.WEAK_PASSPHRASE, Reason.WRONG_PASSPHRASE, Reason.RESTORE_PENDING}
    for reason in Reason:
        text = BackupError(reason, tmp_path / "b.intakebackup", detail="too-short").message()
        assert text and "{" not in text
        if reason not in without_file:
            assert i18n.isolate(tmp_path / "b.intakebackup") in text


# --- restoring ----------------------------------------------------------------------------


@pytest.fixture
def after_changes(made, filled, data_dir):
    """The backup, then changes to the live database, which is then closed."""
    target, _info = made
    records.create_intake(filled, NewPerson("Na", "De Back-up", None, "nl"))
    changed = _people(filled)
    filled.close()
    return target, changed


def test_restore_brings_back_the_backup_and_keeps_the_previous_file(after_changes, data_dir):
    target, changed = after_changes
    live = data_dir / DB_FILENAME
    previous = _sha(live)
    unlocked = unlock(data_dir)
    info = backup.restore_backup(target, PASSPHRASE, data_dir, unlocked.key)
    assert (info.people, info.intakes) == (2, 2)
    assert backup.pending_restore(data_dir)
    kept = data_dir / (DB_FILENAME + ".before-restore")
    assert _sha(kept) == previous
    database = open_store(unlock(data_dir))  # the folder's own key opens it
    try:
        assert _people(database) == ["Hanan " + NAME, "Yonas Tesfay"]
        assert records.search_people(database, NAME.lower())
    finally:
        database.close()
    assert _leftovers(data_dir) == []
    backup.confirm_restore(data_dir)
    assert not kept.exists() and not backup.pending_restore(data_dir)


def test_undo_puts_the_previous_database_back(after_changes, data_dir):
    target, changed = after_changes
    previous = _sha(data_dir / DB_FILENAME)
    backup.restore_backup(target, PASSPHRASE, data_dir, unlock(data_dir).key)
    backup.undo_restore(data_dir)
    assert _sha(data_dir / DB_FILENAME) == previous and not backup.pending_restore(data_dir)
    database = open_store(unlock(data_dir))
    try:
        assert _people(database) == changed
    finally:
        database.close()


def test_a_second_restore_waits_for_the_first_to_be_confirmed(after_changes, data_dir):
    target, _changed = after_changes
    key = unlock(data_dir).key
    backup.restore_backup(target, PASSPHRASE, data_dir, key)
    now = _sha(data_dir / DB_FILENAME)
    with pytest.raises(BackupError) as caught:
        backup.restore_backup(target, PASSPHRASE, data_dir, key)
    assert caught.value.reason is Reason.RESTORE_PENDING
    assert _sha(data_dir / DB_FILENAME) == now


def test_a_journal_left_by_a_crash_stays_with_the_previous_file(after_changes, data_dir):
    target, _changed = after_changes
    journal = data_dir / (DB_FILENAME + "-journal")
    journal.write_bytes(b"left by a crash")
    backup.restore_backup(target, PASSPHRASE, data_dir, unlock(data_dir).key)
    assert not journal.exists()
    assert (data_dir / (DB_FILENAME + ".before-restore-journal")).read_bytes() == b"left by a crash"


@pytest.mark.parametrize("damage", ["byte", "passphrase", "foreign", "key"])
def test_a_refused_restore_leaves_the_live_data_untouched(after_changes, data_dir, tmp_path, damage):
    target, changed = after_changes
    live = data_dir / DB_FILENAME
    before = sorted((p.name, _sha(p)) for p in data_dir.iterdir())
    key = unlock(data_dir).key
    passphrase = PASSPHRASE
    if damage == "byte":
        data = bytearray(target.read_bytes())
        data[-5000] ^= 0xFF
        target.write_bytes(data)
    elif damage == "passphrase":
        passphrase = "een ander wachtwoord"
    elif damage == "foreign":
        target = live  # the live database itself is no backup
    else:
        key = keys.new_key()
    with pytest.raises((BackupError, ValueError)) as caught:
        backup.restore_backup(target, passphrase, data_dir, key)
    if damage == "key":
        assert caught.type is ValueError
    else:
        assert caught.value.reason is {"byte": Reason.DAMAGED, "passphrase": Reason.WRONG_PASSPHRASE,
                                       "foreign": Reason.FOREIGN}[damage]
    assert sorted((p.name, _sha(p)) for p in data_dir.iterdir()) == before
    assert not backup.pending_restore(data_dir)


def test_restore_into_a_folder_whose_database_is_missing(made, filled, data_dir):
    target, _info = made
    filled.close()
    (data_dir / DB_FILENAME).unlink()
    key = keys.load_from_keyring(keys.read_keyinfo(data_dir / keys.KEYINFO_FILENAME))
    backup.restore_backup(target, PASSPHRASE, data_dir, key)
    assert not backup.pending_restore(data_dir)  # nothing to keep
    database = open_store(unlock(data_dir))
    try:
        assert len(_people(database)) == 2
    finally:
        database.close()


def test_a_failure_at_the_last_step_leaves_nothing(filled, made, monkeypatch):
    target, _info = made
    before = _sha(target)

    def disk_full(*args):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(backup.os, "replace", disk_full)
    with pytest.raises(BackupError) as caught:
        backup.make_backup(filled, target, PASSPHRASE, FAST_SCRYPT)
    assert caught.value.reason is Reason.NOT_WRITABLE
    assert _sha(target) == before and _leftovers(target.parent) == []


def test_a_restore_that_fails_at_the_swap_changes_nothing(after_changes, data_dir, monkeypatch):
    target, changed = after_changes
    journal = data_dir / (DB_FILENAME + "-journal")
    journal.write_bytes(b"left by a crash")
    before = sorted((p.name, _sha(p)) for p in data_dir.iterdir())
    key = unlock(data_dir).key
    real_replace = os.replace

    def fail_on_database(source, destination):
        if str(destination).endswith(DB_FILENAME):
            raise OSError(28, "No space left on device")
        real_replace(source, destination)

    monkeypatch.setattr(backup.os, "replace", fail_on_database)
    with pytest.raises(BackupError) as caught:
        backup.restore_backup(target, PASSPHRASE, data_dir, key)
    assert caught.value.reason is Reason.NOT_WRITABLE
    assert sorted((p.name, _sha(p)) for p in data_dir.iterdir()) == before
    assert not backup.pending_restore(data_dir)
