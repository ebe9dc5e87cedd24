"""The private part: what the person told one partner alone (their legal right).

A note belongs to one partner. It is shown only to staff of that partner's
organisation and printed only in that partner's copy of the plan; the other
partners' copies and the person's own copy leave it out. Only staff of that
organisation may write, change or remove it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from intake_desktop.security import audit
from intake_desktop.store.choices import Organisation, Partner

MAX_NOTE_LENGTH = 20_000


@dataclass(frozen=True)
class Note:
    id: int
    intake_id: int
    domain_id: str | None
    partner: Partner
    text: str
    created_at: dt.datetime
    updated_at: dt.datetime


def partner_of(organisation: Organisation | str | None) -> Partner | None:
    """The partner whose private notes staff of this organisation may see, if any."""
    if organisation is None:
        return None
    return Partner._value2member_map_.get(str(organisation))


def _note(row) -> Note:
    return Note(id=row.id, intake_id=row.intake_id, domain_id=row.domain_id,
                partner=row.partner, text=row.text, created_at=row.created_at,
                updated_at=row.updated_at)


def _checked_text(text: str) -> str:
    if not text.strip():
        raise ValueError("a private note needs text")
    if len(text) > MAX_NOTE_LENGTH:
        raise ValueError(f"text longer than {MAX_NOTE_LENGTH} characters")
    return text


def _check(database, actor: audit.Actor | None, partner: Partner, action: audit.Action,
           person_id: int | None, detail: str) -> None:
    """Refuse (and log the refusal) unless the actor works for this partner.

    The person told this partner alone; someone of another organisation
    writing or changing the note would have to know what it says.
    """
    if actor is not None and partner_of(actor.organisation) is partner:
        return
    audit.record(database, action, result=audit.Result.DENIED, staff=actor,
                 person_id=person_id, detail=detail)
    raise PermissionError("only staff of that partner may handle its private notes")


def _where(database, note_id: int) -> tuple[Partner, int | None]:
    """(partner, person id) of a note, read before any change is made."""
    from intake_desktop.store.models import PrivateNote

    with database.session() as session:
        row = session.get(PrivateNote, note_id)
        if row is None:
            raise LookupError(f"no private note {note_id}")
        return row.partner, _person_of(session, row.intake_id)


def add(database, intake_id: int, partner: Partner | str, text: str, *,
        actor: audit.Actor | None, domain_id: str | None = None) -> Note:
    from intake_desktop.store.models import Intake, PrivateNote

    partner = Partner(partner)
    text = _checked_text(text)
    with database.session() as session:
        person_id = _person_of(session, intake_id)
    if person_id is None:
        raise LookupError(f"no intake {intake_id}")
    _check(database, actor, partner, audit.Action.CREATE, person_id, "private note")
    with database.session() as session, session.begin():
        if session.get(Intake, intake_id) is None:
            raise LookupError(f"no intake {intake_id}")
        row = PrivateNote(intake_id=intake_id, domain_id=domain_id, partner=partner, text=text,
                          created_by_id=actor.staff_id)
        session.add(row)
        session.flush()
        audit.record(database, audit.Action.CREATE, staff=actor, person_id=person_id,
                     detail=f"private note {row.id}", session=session)
        return _note(row)


def update(database, note_id: int, text: str, *, actor: audit.Actor | None) -> Note:
    from intake_desktop.store.models import PrivateNote, utcnow

    text = _checked_text(text)
    partner, person_id = _where(database, note_id)
    _check(database, actor, partner, audit.Action.CHANGE, person_id, f"private note {note_id}")
    with database.session() as session, session.begin():
        row = session.get(PrivateNote, note_id)
        if row is None:
            raise LookupError(f"no private note {note_id}")
        row.text = text
        row.updated_at = utcnow()
        session.flush()
        audit.record(database, audit.Action.CHANGE, staff=actor, person_id=person_id,
                     detail=f"private note {note_id}", session=session)
        return _note(row)


def remove(database, note_id: int, *, actor: audit.Actor | None) -> None:
    from intake_desktop.store.models import PrivateNote

    partner, person_id = _where(database, note_id)
    _check(database, actor, partner, audit.Action.DELETE, person_id, f"private note {note_id}")
    with database.session() as session, session.begin():
        row = session.get(PrivateNote, note_id)
        if row is not None:
            session.delete(row)
            audit.record(database, audit.Action.DELETE, staff=actor, person_id=person_id,
                         detail=f"private note {note_id}", session=session)


def notes_for(database, intake_id: int, partner: Partner | str) -> list[Note]:
    """The private notes of one partner for one intake, oldest first."""
    from sqlalchemy import select

    from intake_desktop.store.models import PrivateNote

    with database.session() as session:
        rows = session.scalars(
            select(PrivateNote)
            .where(PrivateNote.intake_id == intake_id, PrivateNote.partner == Partner(partner))
            .order_by(PrivateNote.created_at, PrivateNote.id)
        )
        return [_note(row) for row in rows]


def all_notes(database, intake_id: int) -> list[Note]:
    """Every partner's notes: for the printed snapshot and the person's own export only."""
    from sqlalchemy import select

    from intake_desktop.store.models import PrivateNote

    with database.session() as session:
        rows = session.scalars(
            select(PrivateNote).where(PrivateNote.intake_id == intake_id)
            .order_by(PrivateNote.partner, PrivateNote.created_at, PrivateNote.id)
        )
        return [_note(row) for row in rows]


def _person_of(session, intake_id: int) -> int | None:
    from intake_desktop.store.models import Intake

    intake = session.get(Intake, intake_id)
    return intake.person_id if intake else None
