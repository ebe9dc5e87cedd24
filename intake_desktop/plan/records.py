"""Reading and writing the plan, one committed transaction per change.

Like ``intake.records``, the UI never holds a database session; every change
is committed before the call returns, so a crash loses nothing entered.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json

from sqlalchemy import func, select

from intake_desktop.plan.model import (
    MAX_TEXT_LENGTH,
    Action,
    PlanFields,
    PlanVersionInfo,
    PrintRecord,
)
from intake_desktop.store.choices import (
    ActionStatus,
    Leerroute,
    Organisation,
    Owner,
    Partner,
    PipElement,
)
from intake_desktop.store.models import (
    Intake,
    Plan,
    PlanDomain,
    PlanItem,
    PlanPrint,
    PlanVersion,
    utcnow,
)


def _limited(text: str | None) -> str | None:
    if text is None:
        return None
    if len(text) > MAX_TEXT_LENGTH:
        raise ValueError(f"text longer than {MAX_TEXT_LENGTH} characters")
    return text


def _touch(session, intake_id: int) -> None:
    intake = session.get(Intake, intake_id)
    if intake is None:
        raise LookupError(f"no intake {intake_id}")
    intake.updated_at = utcnow()


# --- plan-wide fields ----------------------------------------------------------------------

def load_fields(database, intake_id: int) -> PlanFields:
    with database.session() as session:
        row = session.get(Plan, intake_id)
        if row is None:
            return PlanFields()
        return PlanFields(
            lead=row.lead,
            lead_reason=row.lead_reason or "",
            leerroute=row.leerroute,
            pip=frozenset(PipElement(v) for v in json.loads(row.pip_json)),
            next_evaluation=row.next_evaluation,
        )


def save_fields(database, intake_id: int, fields: PlanFields) -> None:
    with database.session() as session, session.begin():
        _touch(session, intake_id)
        row = session.get(Plan, intake_id)
        if row is None:
            row = Plan(intake_id=intake_id)
            session.add(row)
        row.lead = Partner(fields.lead) if fields.lead else None
        row.lead_reason = _limited(fields.lead_reason) or None
        row.leerroute = Leerroute(fields.leerroute) if fields.leerroute else None
        row.pip_json = json.dumps(sorted(PipElement(p).value for p in fields.pip))
        row.next_evaluation = fields.next_evaluation
        row.updated_at = utcnow()


# --- per domain ----------------------------------------------------------------------------

def load_domains(database, intake_id: int) -> dict[str, tuple[str | None, frozenset[Partner] | None]]:
    """domain id -> (stored summary or None, stored sharing or None)."""
    with database.session() as session:
        rows = session.scalars(select(PlanDomain).where(PlanDomain.intake_id == intake_id))
        return {
            row.domain_id: (
                row.summary,
                None if row.shared_with_json is None
                else frozenset(Partner(v) for v in json.loads(row.shared_with_json)),
            )
            for row in rows
        }


def _domain_row(session, intake_id: int, domain_id: str) -> PlanDomain:
    row = session.scalar(
        select(PlanDomain).where(PlanDomain.intake_id == intake_id, PlanDomain.domain_id == domain_id)
    )
    if row is None:
        row = PlanDomain(intake_id=intake_id, domain_id=domain_id)
        session.add(row)
    return row


def save_summary(database, intake_id: int, domain_id: str, summary: str | None) -> None:
    """Store the team's summary; None goes back to the draft made from the answers."""
    with database.session() as session, session.begin():
        _touch(session, intake_id)
        _domain_row(session, intake_id, domain_id).summary = _limited(summary)


def save_sharing(database, intake_id: int, domain_id: str,
                 partners: frozenset[Partner] | None) -> None:
    with database.session() as session, session.begin():
        _touch(session, intake_id)
        _domain_row(session, intake_id, domain_id).shared_with_json = (
            None if partners is None else json.dumps(sorted(Partner(p).value for p in partners))
        )


# --- actions -------------------------------------------------------------------------------

def _action(row: PlanItem) -> Action:
    return Action(
        id=row.id, domain_id=row.domain_id, description=row.description, owner=row.owner,
        owner_name=row.owner_name, due_date=row.due_date, status=row.status,
        position=row.position,
    )


def load_actions(database, intake_id: int) -> list[Action]:
    with database.session() as session:
        rows = session.scalars(
            select(PlanItem).where(PlanItem.intake_id == intake_id)
            .order_by(PlanItem.domain_id, PlanItem.position, PlanItem.id)
        )
        return [_action(row) for row in rows]


def add_action(database, intake_id: int, domain_id: str, description: str = "",
               owner: Owner = Owner.PERSON, owner_name: str | None = None,
               due_date: dt.date | None = None,
               status: ActionStatus = ActionStatus.PLANNED) -> Action:
    with database.session() as session, session.begin():
        _touch(session, intake_id)
        last = session.scalar(
            select(func.max(PlanItem.position))
            .where(PlanItem.intake_id == intake_id, PlanItem.domain_id == domain_id)
        )
        row = PlanItem(
            intake_id=intake_id, domain_id=domain_id, position=(last or 0) + 1,
            description=_limited(description), owner=Owner(owner),
            owner_name=_limited(owner_name), due_date=due_date, status=ActionStatus(status),
        )
        session.add(row)
        session.flush()
        return _action(row)


ACTION_FIELDS = frozenset({"description", "owner", "owner_name", "due_date", "status"})


def update_action(database, action_id: int, **changes) -> Action:
    unknown = set(changes) - ACTION_FIELDS
    if unknown:
        raise TypeError(f"unknown action fields: {', '.join(sorted(unknown))}")
    with database.session() as session, session.begin():
        row = session.get(PlanItem, action_id)
        if row is None:
            raise LookupError(f"no action {action_id}")
        for name, value in changes.items():
            if name == "owner":
                value = Owner(value)
            elif name == "status":
                value = ActionStatus(value)
            elif name in ("description", "owner_name"):
                value = _limited(value)
            setattr(row, name, value)
        row.updated_at = utcnow()
        _touch(session, row.intake_id)
        session.flush()
        return _action(row)


def remove_action(database, action_id: int) -> None:
    with database.session() as session, session.begin():
        row = session.get(PlanItem, action_id)
        if row is not None:
            _touch(session, row.intake_id)
            session.delete(row)


# --- printed versions ----------------------------------------------------------------------

def content_hash(snapshot: dict) -> str:
    canonical = json.dumps(snapshot, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def record_print(database, intake_id: int, snapshot: dict, *, printed_by: str,
                 organisation: Organisation | None, copies: list[str], destination: str,
                 staff_id: int | None = None) -> int:
    """Keep the printed content and who printed it; returns the version number.

    Printing an unchanged plan again adds a print to the latest version
    instead of making a new version, so version numbers mean real changes.
    """
    if destination not in ("printer", "pdf"):
        raise ValueError(f"unknown destination {destination!r}")
    digest = content_hash(snapshot)
    with database.session() as session, session.begin():
        latest = session.scalar(
            select(PlanVersion).where(PlanVersion.intake_id == intake_id)
            .order_by(PlanVersion.number.desc()).limit(1)
        )
        if latest is None or latest.content_hash != digest:
            latest = PlanVersion(
                intake_id=intake_id, number=(latest.number + 1) if latest else 1,
                content_json=json.dumps(snapshot, ensure_ascii=False, sort_keys=True),
                content_hash=digest,
            )
            session.add(latest)
            session.flush()
        session.add(PlanPrint(
            version_id=latest.id, printed_by=printed_by.strip(),
            organisation=Organisation(organisation) if organisation else None,
            staff_id=staff_id, copies=",".join(copies), destination=destination,
        ))
        return latest.number


def next_version_number(database, intake_id: int, snapshot: dict) -> int:
    """The number a print of this content would carry (for the page footer)."""
    with database.session() as session:
        latest = session.scalar(
            select(PlanVersion).where(PlanVersion.intake_id == intake_id)
            .order_by(PlanVersion.number.desc()).limit(1)
        )
        if latest is None:
            return 1
        return latest.number if latest.content_hash == content_hash(snapshot) else latest.number + 1


def list_versions(database, intake_id: int) -> list[PlanVersionInfo]:
    with database.session() as session:
        rows = session.scalars(
            select(PlanVersion).where(PlanVersion.intake_id == intake_id)
            .order_by(PlanVersion.number.desc())
        ).all()
        return [
            PlanVersionInfo(
                number=row.number, created_at=row.created_at,
                prints=tuple(
                    PrintRecord(
                        printed_at=p.printed_at, printed_by=p.printed_by,
                        organisation=p.organisation.value if p.organisation else None,
                        copies=tuple(c for c in p.copies.split(",") if c),
                        destination=p.destination,
                    )
                    for p in row.prints
                ),
            )
            for row in rows
        ]


def version_snapshot(database, intake_id: int, number: int) -> dict:
    with database.session() as session:
        row = session.scalar(
            select(PlanVersion).where(PlanVersion.intake_id == intake_id,
                                      PlanVersion.number == number)
        )
        if row is None:
            raise LookupError(f"no version {number} of intake {intake_id}")
        return json.loads(row.content_json)
