"""Running the app, or a script of ours, as a separate process."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from support.memory_keyring import SEED_ENV, MemoryKeyring

TESTS_DIR = Path(__file__).resolve().parent.parent
PROJECT_DIR = TESTS_DIR.parent


def child_env(keyring_backend: MemoryKeyring | None = None, **extra: str) -> dict[str, str]:
    """Our code first on the path, offscreen Qt, and the test keyring seeded from the parent."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("INTAKE_DESKTOP_")}
    env["PYTHONPATH"] = os.pathsep.join([str(PROJECT_DIR), str(TESTS_DIR)])
    env["QT_QPA_PLATFORM"] = "offscreen"
    env["PYTHON_KEYRING_BACKEND"] = "support.memory_keyring.MemoryKeyring"
    env["LANG"] = "C.UTF-8"
    env.pop("LANGUAGE", None)
    if keyring_backend is not None:
        env[SEED_ENV] = keyring_backend.seed()
    env.update(extra)
    return env


def run_app(*args: str, env: dict[str, str], prefix: tuple[str, ...] = (),
            timeout: float = 60) -> subprocess.CompletedProcess:
    return subprocess.run(
        [*prefix, sys.executable, "-m", "intake_desktop", *args],
        env=env, capture_output=True, text=True, timeout=timeout, cwd=PROJECT_DIR,
    )
