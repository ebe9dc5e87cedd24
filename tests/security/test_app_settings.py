"""Settings for everyone on the laptop, kept in the encrypted database."""

from __future__ import annotations

import pytest

from intake_desktop.security import app_settings
from intake_desktop.security.session_lock import DEFAULT_IDLE_MINUTES


def test_an_unset_setting_gives_the_default(database):
    assert app_settings.get(database, "idle_minutes") is None
    assert app_settings.get_int(database, "idle_minutes", 7) == 7
    assert app_settings.idle_minutes(database) == DEFAULT_IDLE_MINUTES


def test_a_value_is_stored_and_read_back(database):
    app_settings.set_value(database, "idle_minutes", 12)
    assert app_settings.get(database, "idle_minutes") == "12"
    assert app_settings.idle_minutes(database) == 12
    app_settings.set_value(database, "idle_minutes", 3)
    assert app_settings.idle_minutes(database) == 3


@pytest.mark.parametrize("stored", ["", "vijf", "2.5", "0", "61", "-4", "99999999999999"])
def test_a_strange_value_never_switches_the_lock_off(database, stored):
    app_settings.set_value(database, "idle_minutes", stored)
    assert app_settings.idle_minutes(database) == DEFAULT_IDLE_MINUTES


def test_bounds_are_optional(database):
    app_settings.set_value(database, "something", " 400 ")
    assert app_settings.get_int(database, "something", 1) == 400
    assert app_settings.get_int(database, "something", 1, maximum=300) == 1
    assert app_settings.get_int(database, "something", 1, minimum=500) == 1


def test_a_value_joins_the_callers_transaction(database):
    with pytest.raises(RuntimeError), database.session() as session, session.begin():
        app_settings.set_value(database, "idle_minutes", 9, session=session)
        raise RuntimeError("the audit entry failed")
    assert app_settings.get(database, "idle_minutes") is None


@pytest.mark.parametrize("key", ["", "x" * 61])
def test_keys_fit_the_column(database, key):
    with pytest.raises(ValueError):
        app_settings.set_value(database, key, 1)


def test_flags_are_refused(database):
    with pytest.raises(TypeError):
        app_settings.set_value(database, "flag", True)
