"""The person and intake as the rest of the app sees them: plain values, no database."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from intake_desktop.i18n import LANGUAGES
from intake_desktop.store.choices import IntakeStatus
from intake_desktop.text_input import is_blank

MAX_NAME_LENGTH = 200


@dataclass(frozen=True)
class NewPerson:
    given_names: str
    family_name: str
    date_of_birth: dt.date | None
    preferred_language: str

    def problems(self) -> list[str]:
        """Field names that are not acceptable (the UI words the message)."""
        found = []
        for name in ("given_names", "family_name"):
            value = getattr(self, name).strip()
            # A name made only of invisible characters would be an empty row
            # in the list of intakes that nobody can find or tell apart.
            if not value or len(value) > MAX_NAME_LENGTH or is_blank(value):
                found.append(name)
        if self.date_of_birth and not (
            dt.date(1900, 1, 1) <= self.date_of_birth <= dt.date.today()
        ):
            found.append("date_of_birth")
        if self.preferred_language not in LANGUAGES:
            found.append("preferred_language")
        return found


@dataclass(frozen=True)
class IntakeSummary:
    intake_id: int
    person_id: int
    person_name: str
    date_of_birth: dt.date | None
    preferred_language: str
    status: IntakeStatus
    started_at: dt.datetime
    updated_at: dt.datetime
