"""The database file is SQLCipher 4 and nothing readable is left beside it."""

import datetime as dt
import sqlite3

import pytest

from intake_desktop.intake import records
from intake_desktop.intake.people import NewPerson
from intake_desktop.startup import database_path
from intake_desktop.store.database import connect

MARKER = "Zebulon Quetzalcoatl-Marker"


def make_person(database, name=MARKER):
    return records.create_intake(
        database,
        NewPerson(name, "Tesfamariam", dt.date(1991, 4, 2), "ti"),
    )


def test_cipher_version_is_4(database):
    assert database.cipher_version().startswith("4.")


def test_plain_sqlite_cannot_read_the_file(database, data_dir):
    intake_id = make_person(database)
    records.save_answer(database, intake_id, "gezondheid.notitie", MARKER + " heeft hoofdpijn")
    database.close()
    path = database_path(data_dir)
    plain = sqlite3.connect(path)
    with pytest.raises(sqlite3.DatabaseError, match="file is not a database"):
        plain.execute("SELECT * FROM sqlite_master").fetchall()
    plain.close()
    raw = path.read_bytes()
    assert MARKER.encode() not in raw
    assert b"SQLite format 3" not in raw[:16]


def test_no_journal_or_temp_file_is_left(database, data_dir, tmp_path):
    intake_id = make_person(database)
    for number in range(20):
        records.save_answer(database, intake_id, f"vraag.{number}", f"{MARKER} {number}")
    database.close()
    assert sorted(p.name for p in data_dir.iterdir()) == ["intake.keyinfo.json", "intake.sqlite3"]
    for path in tmp_path.rglob("*"):
        if path.is_file():
            assert MARKER.encode() not in path.read_bytes(), path


def test_journal_during_a_transaction_is_encrypted(database, data_dir, memory_keyring):
    make_person(database)
    key = bytes.fromhex(next(iter(memory_keyring.secrets.values())))
    connection = connect(database_path(data_dir), key)
    connection.execute("BEGIN")
    connection.execute("UPDATE person SET family_name = ?", (MARKER + " nieuw",))
    connection.execute("CREATE TABLE spill AS SELECT * FROM person")  # force pages to disk
    leftovers = [p for p in data_dir.iterdir() if p.name not in ("intake.sqlite3", "intake.keyinfo.json")]
    for path in leftovers:
        assert MARKER.encode() not in path.read_bytes(), path
    connection.execute("ROLLBACK")
    connection.close()


def test_the_key_is_not_written_anywhere(database, data_dir, memory_keyring):
    make_person(database)
    database.close()
    secret = next(iter(memory_keyring.secrets.values()))
    for path in data_dir.iterdir():
        content = path.read_bytes()
        assert secret.encode() not in content
        assert bytes.fromhex(secret) not in content
