"""Retention terms: how long a record is kept after the last activity on it.

The beheerder sets the term in months (kept encrypted in app_setting). Records
past their term are listed for the beheerder, never deleted silently: the
beheerder confirms, and ``erase_due`` erases through ``erasure.erase_person``,
after checking again that each is still past its term.
"""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass

from intake_desktop.privacy.erasure import erase_person
from intake_desktop.security import audit

SETTING_KEY = "retention_months"
DEFAULT_MONTHS = 24
MIN_MONTHS = 1
MAX_MONTHS = 240


@dataclass(frozen=True)
class PersonDue:
    person_id: int
    # For the beheerder's confirmation list only.
    name: str
    last_activity: dt.datetime
    # The first day on which the record was past its term.
    due_since: dt.date


def retention_months(database) -> int:
    from intake_desktop.security.app_settings import get_int

    return get_int(database, SETTING_KEY, DEFAULT_MONTHS, minimum=MIN_MONTHS, maximum=MAX_MONTHS)


def set_retention_months(database, months: int, *, actor: audit.Actor | None) -> None:
    from intake_desktop.security.app_settings import set_value

    if isinstance(months, bool) or not isinstance(months, int) or not (
            MIN_MONTHS <= months <= MAX_MONTHS):
        raise ValueError(f"retention must be {MIN_MONTHS} to {MAX_MONTHS} months")
    with database.session() as session, session.begin():
        set_value(database, SETTING_KEY, months, session=session)
        audit.record(database, audit.Action.SETTINGS, staff=actor,
                     detail=f"{SETTING_KEY}={months}", session=session)


def add_months(day: dt.date, months: int) -> dt.date:
    """Calendar months later (or earlier, for negative months); 31 January + 1 is 28/29 February."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    month += 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def last_activity(database) -> dict[int, tuple[str, dt.datetime]]:
    """person id -> (name, latest moment anything in their record was made or changed)."""
    from sqlalchemy import func, select

    from intake_desktop.store.models import (
        Answer,
        Consent,
        Intake,
        Person,
        PlanPrint,
        PlanVersion,
        PrivateNote,
    )

    moments = [
        select(Intake.person_id, func.max(Intake.updated_at)).group_by(Intake.person_id),
        select(Intake.person_id, func.max(Intake.started_at)).group_by(Intake.person_id),
        select(Intake.person_id, func.max(Answer.answered_at))
        .join(Answer, Answer.intake_id == Intake.id).group_by(Intake.person_id),
        select(Intake.person_id, func.max(PlanVersion.created_at))
        .join(PlanVersion, PlanVersion.intake_id == Intake.id).group_by(Intake.person_id),
        select(Intake.person_id, func.max(PlanPrint.printed_at))
        .join(PlanVersion, PlanVersion.intake_id == Intake.id)
        .join(PlanPrint, PlanPrint.version_id == PlanVersion.id).group_by(Intake.person_id),
        select(Intake.person_id, func.max(PrivateNote.updated_at))
        .join(PrivateNote, PrivateNote.intake_id == Intake.id).group_by(Intake.person_id),
        select(Consent.person_id, func.max(Consent.given_at)).group_by(Consent.person_id),
        select(Consent.person_id, func.max(Consent.withdrawn_at)).group_by(Consent.person_id),
    ]
    with database.session() as session:
        found = {
            person.id: (f"{person.given_names} {person.family_name}", person.created_at)
            for person in session.scalars(select(Person))
        }
        for statement in moments:
            # func.max loses the column type; bring the value back to an aware UTC datetime.
            for person_id, value in session.execute(statement):
                moment = _utc(value)
                if moment is not None and person_id in found and moment > found[person_id][1]:
                    found[person_id] = (found[person_id][0], moment)
    return found


def _utc(value) -> dt.datetime | None:
    if value is None:
        return None
    if isinstance(value, str):
        value = dt.datetime.fromisoformat(value)
    return value.replace(tzinfo=dt.UTC) if value.tzinfo is None else value.astimezone(dt.UTC)


def overdue(database, today: dt.date, months: int | None = None) -> list[PersonDue]:
    """Persons whose last activity lies more than the term before ``today``, longest due first."""
    months = retention_months(database) if months is None else months
    due = []
    for person_id, (name, moment) in last_activity(database).items():
        # The laptop's own calendar day, as the beheerder counts.
        due_since = add_months(moment.astimezone().date(), months)
        if due_since <= today:
            due.append(PersonDue(person_id, name, moment, due_since))
    return sorted(due, key=lambda d: (d.due_since, d.person_id))


def erase_due(database, person_ids, today: dt.date, *, actor: audit.Actor | None) -> list[int]:
    """Erase the confirmed persons that are still past their term; returns those erased.

    A record touched since the list was shown is no longer due and is kept.
    """
    still_due = {d.person_id for d in overdue(database, today)}
    erased = []
    for person_id in person_ids:
        if person_id in still_due:
            erase_person(database, person_id, actor, reason="retention")
            erased.append(person_id)
    return erased
