"""The fixed choices stored in the database, as plain enums.

Kept apart from the SQLAlchemy models so the UI can use them before the
database layer has been imported (that import is the slow part of start-up).
"""

import enum


class Organisation(enum.StrEnum):
    GEMEENTE = "gemeente"
    VLUCHTELINGENWERK = "vluchtelingenwerk"
    WIJKTEAM = "wijkteam"
    OTHER = "other"


class Role(enum.StrEnum):
    MEDEWERKER = "medewerker"
    BEHEERDER = "beheerder"


class IntakeStatus(enum.StrEnum):
    OPEN = "open"
    COMPLETED = "completed"


class Owner(enum.StrEnum):
    """Who carries out an action of the plan."""

    GEMEENTE = "gemeente"
    VLUCHTELINGENWERK = "vluchtelingenwerk"
    WIJKTEAM = "wijkteam"
    PERSON = "person"
    OTHER = "other"


class ActionStatus(enum.StrEnum):
    PLANNED = "planned"
    IN_PROGRESS = "in_progress"
    DONE = "done"
    CANCELLED = "cancelled"
