"""An in-memory keyring backend for tests: secrets live in a dict, never on disk.

A child process started by a test gets the same secrets through the
environment variable SEED_ENV (JSON), because a separate process cannot share
the parent's memory; keyring loads this class there via PYTHON_KEYRING_BACKEND.
"""

from __future__ import annotations

import json
import os

from keyring.backend import KeyringBackend
from keyring.errors import PasswordDeleteError

SEED_ENV = "INTAKE_DESKTOP_TEST_KEYRING"


class MemoryKeyring(KeyringBackend):
    priority = 1

    def __init__(self) -> None:
        super().__init__()
        seed = json.loads(os.environ.get(SEED_ENV, "[]"))
        self.secrets: dict[tuple[str, str], str] = {(s, u): p for s, u, p in seed}

    def get_password(self, service: str, username: str) -> str | None:
        return self.secrets.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.secrets[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        if self.secrets.pop((service, username), None) is None:
            raise PasswordDeleteError(username)

    def seed(self) -> str:
        """The secrets as the JSON a child process reads from SEED_ENV."""
        return json.dumps([[s, u, p] for (s, u), p in self.secrets.items()])
