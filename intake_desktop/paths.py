"""Where data and bundled resources live.

The data folder holds the encrypted database, its key information and the
settings. It defaults to the platform's per-user data folder; ``--data-dir`` or
``INTAKE_DESKTOP_DATA_DIR`` override it for portable use and for tests.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping
from pathlib import Path

APP_NAME = "Intake Desktop"
DATA_DIR_ENV = "INTAKE_DESKTOP_DATA_DIR"


def default_data_dir() -> Path:
    import platformdirs

    return platformdirs.user_data_path(APP_NAME, appauthor=False, roaming=False)


def resolve_data_dir(cli_value: str | None, environ: Mapping[str, str] = os.environ) -> Path:
    """The data folder in order of precedence: command line, environment, platform default."""
    chosen = cli_value or environ.get(DATA_DIR_ENV) or None
    path = Path(chosen).expanduser() if chosen else default_data_dir()
    return path.absolute()


def resource_dir() -> Path:
    """The folder with fonts, pictograms and the questionnaire.

    A source checkout (also an editable install) has it at the top of the
    repository, an installed package inside the package, a PyInstaller bundle
    beside the executable's support files.
    """
    package = Path(__file__).resolve().parent
    candidates = [package.parent / "resources", package / "resources"]
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        candidates.insert(0, Path(bundle) / "resources")
    for candidate in candidates:
        if (candidate / "fonts").is_dir():
            return candidate
    raise FileNotFoundError("resources folder not found next to " + str(package))


def resource(*parts: str) -> Path:
    return resource_dir().joinpath(*parts)
