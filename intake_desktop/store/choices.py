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


class Leerroute(enum.StrEnum):
    """The inburgering learning route recorded in the PIP (Wet inburgering 2021)."""

    B1 = "b1"
    ONDERWIJS = "onderwijs"
    Z = "z"


class PipElement(enum.StrEnum):
    """Parts of the PIP that can apply besides the learning route."""

    KNM = "knm"
    PVT = "pvt"
    MAP = "map"
    ONTZORGEN = "ontzorgen"


class Partner(enum.StrEnum):
    """The three organisations at the table; each gets its own copy of the plan."""

    GEMEENTE = "gemeente"
    VLUCHTELINGENWERK = "vluchtelingenwerk"
    WIJKTEAM = "wijkteam"
