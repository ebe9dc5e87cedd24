"""The few settings of the app, declared in one place.

Stored as JSON in the data folder, so a portable data folder carries its own
settings and tests never touch the real ones. Nothing personal is stored here.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

SETTINGS_FILENAME = "settings.json"


class Settings:
    # A plain class rather than a dataclass: this module is on the start-up
    # path, and the dataclasses import alone costs more than all of it.
    FIELDS = ("language", "main_window_geometry", "printed_by", "printed_by_organisation")

    def __init__(self, language: str | None = None, main_window_geometry: str | None = None,
                 printed_by: str | None = None, printed_by_organisation: str | None = None):
        # Interface language for the staff; None means "follow the system".
        self.language = language
        # Qt's saveGeometry() of the main window, base64-encoded.
        self.main_window_geometry = main_window_geometry
        # The staff member who last printed a plan (their own name, never the
        # person's), offered again at the next print.
        self.printed_by = printed_by
        self.printed_by_organisation = printed_by_organisation

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Settings) and self.as_dict() == other.as_dict()

    def as_dict(self) -> dict[str, str | None]:
        return {name: getattr(self, name) for name in self.FIELDS}

    @classmethod
    def load(cls, data_dir: Path) -> Settings:
        try:
            raw = json.loads((data_dir / SETTINGS_FILENAME).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            # Missing or unreadable settings are not worth refusing to start over.
            return cls()
        if not isinstance(raw, dict):
            return cls()
        values = {k: v for k, v in raw.items() if k in cls.FIELDS and (v is None or isinstance(v, str))}
        return cls(**values)

    def save(self, data_dir: Path) -> None:
        """Write atomically: a crash mid-write leaves the old file, never half a file."""
        import tempfile

        data_dir.mkdir(parents=True, exist_ok=True)
        text = json.dumps(self.as_dict(), indent=2, ensure_ascii=False)
        fd, tmp = tempfile.mkstemp(prefix=".settings-", dir=data_dir)
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                handle.write(text)
                handle.flush()
                os.fsync(handle.fileno())
            os.replace(tmp, data_dir / SETTINGS_FILENAME)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
