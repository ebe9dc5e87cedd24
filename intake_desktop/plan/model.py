"""The plan as plain values, as the screens and the printer see it."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from intake_desktop.store.choices import ActionStatus, Leerroute, Owner, Partner, PipElement

MAX_TEXT_LENGTH = 20_000


@dataclass(frozen=True)
class Action:
    """Who does what, by when, within one leefdomein."""

    id: int
    domain_id: str
    description: str
    owner: Owner
    owner_name: str | None = None
    due_date: dt.date | None = None
    status: ActionStatus = ActionStatus.PLANNED
    position: int = 0


@dataclass(frozen=True)
class PlanFields:
    """What the plan says for the whole intake."""

    lead: Partner | None = None
    lead_reason: str = ""
    leerroute: Leerroute | None = None
    pip: frozenset[PipElement] = field(default_factory=frozenset)
    next_evaluation: dt.date | None = None


@dataclass(frozen=True)
class PlanVersionInfo:
    number: int
    created_at: dt.datetime
    prints: tuple[PrintRecord, ...]


@dataclass(frozen=True)
class PrintRecord:
    printed_at: dt.datetime
    printed_by: str
    organisation: str | None
    copies: tuple[str, ...]
    destination: str
