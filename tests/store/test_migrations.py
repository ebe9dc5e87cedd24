"""Alembic from the first revision; an older database is upgraded in place, data kept."""

import datetime as dt

from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.config import Config
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory

from intake_desktop.intake import records
from intake_desktop.security import keys
from intake_desktop.startup import database_path, keyinfo_path, open_store, unlock
from intake_desktop.store.database import HEAD_REVISION, MIGRATIONS_DIR, Database, known_revisions
from intake_desktop.store.models import Base


def alembic_config(connection) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    config.attributes["connection"] = connection
    return config


def test_head_revision_constant_matches_the_scripts():
    script = ScriptDirectory.from_config(alembic_config(None))
    assert script.get_heads() == [HEAD_REVISION]
    assert {rev.revision for rev in script.walk_revisions()} == known_revisions()
    assert script.get_base() == "0001"


def test_models_match_the_head_revision(database):
    with database.engine.connect() as connection:
        diff = compare_metadata(MigrationContext.configure(connection), Base.metadata)
    assert diff == []


def test_database_at_first_revision_is_upgraded_with_its_data(data_dir, memory_keyring):
    # A database as the first release made it: revision 0001, with a person and answers.
    key = keys.new_key()
    info = keys.new_keyinfo(key, keys.KEYRING)
    data_dir.mkdir()
    keys.write_keyinfo(keyinfo_path(data_dir), info)
    keys.store_in_keyring(info.database_id, key)
    old = Database(database_path(data_dir), key)
    with old.engine.begin() as connection:
        command.upgrade(alembic_config(connection), "0001")
        connection.exec_driver_sql(
            "INSERT INTO person (id, given_names, family_name, date_of_birth, preferred_language,"
            " created_at) VALUES (1, 'Amanuel', 'Ghebremedhin', '1988-07-14', 'ti',"
            " '2026-01-05 09:00:00')"
        )
        connection.exec_driver_sql(
            "INSERT INTO intake (id, person_id, status, started_at, updated_at)"
            " VALUES (7, 1, 'open', '2026-01-05 09:00:00', '2026-01-05 09:30:00')"
        )
        connection.exec_driver_sql(
            "INSERT INTO answer (intake_id, question_id, value_json, answered_at)"
            " VALUES (7, 'taal.spreken', '\"beetje\"', '2026-01-05 09:10:00')"
        )
    with old.engine.connect() as connection:
        assert MigrationContext.configure(connection).get_current_revision() == "0001"
    old.close()

    upgraded = open_store(unlock(data_dir))
    try:
        with upgraded.engine.connect() as connection:
            assert MigrationContext.configure(connection).get_current_revision() == HEAD_REVISION
        [summary] = records.list_intakes(upgraded)
        assert summary.person_name == "Amanuel Ghebremedhin"
        assert summary.date_of_birth == dt.date(1988, 7, 14)
        assert summary.updated_at == dt.datetime(2026, 1, 5, 9, 30, tzinfo=dt.UTC)
        assert records.answers(upgraded, 7) == {"taal.spreken": "beetje"}
        # The new columns of 0002 work on the upgraded file.
        records.save_answer(upgraded, 7, "taal.lezen", "goed", language="ti")
        assert records.answers(upgraded, 7)["taal.lezen"] == "goed"
    finally:
        upgraded.close()
