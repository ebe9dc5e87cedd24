"""Shared fixtures: offscreen Qt, an in-memory keyring, throwaway encrypted databases."""

from __future__ import annotations

import os
from pathlib import Path

# Before anything imports Qt.
os.environ["QT_QPA_PLATFORM"] = "offscreen"

import keyring
import pytest
from support.memory_keyring import SEED_ENV, MemoryKeyring

# Cheap enough for tests, same code path as the real parameters.
from support.scrypt import FAST_SCRYPT  # noqa: E402, F401 - re-exported for older tests

from intake_desktop import i18n


@pytest.fixture(autouse=True)
def memory_keyring():
    previous = keyring.get_keyring()
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    yield backend
    keyring.set_keyring(previous)


@pytest.fixture(autouse=True)
def clean_environment(monkeypatch):
    for name in ("INTAKE_DESKTOP_DATA_DIR", "INTAKE_DESKTOP_LANG", "LANGUAGE", "LC_ALL",
                 "LC_MESSAGES", SEED_ENV, "INTAKE_DESKTOP_STARTUP_PROBE"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("LANG", "C.UTF-8")
    yield
    i18n.set_language(i18n.SOURCE_LANGUAGE)


@pytest.fixture
def data_dir(tmp_path) -> Path:
    return tmp_path / "data"


@pytest.fixture
def database(data_dir):
    from intake_desktop.startup import open_store, unlock

    db = open_store(unlock(data_dir))
    yield db
    db.close()
