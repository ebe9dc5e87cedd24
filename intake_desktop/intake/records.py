"""Creating intakes and saving answers, one committed transaction each.

The UI calls these functions and never holds a database session itself.
"""

from __future__ import annotations

import datetime as dt
import json

from sqlalchemy import select
from sqlalchemy.orm import joinedload

from intake_desktop.intake.people import IntakeSummary, NewPerson
from intake_desktop.store.models import Answer, Intake, Person, utcnow


def create_intake(database, person: NewPerson) -> int:
    problems = person.problems()
    if problems:
        raise ValueError(f"invalid person fields: {', '.join(problems)}")
    with database.session() as session, session.begin():
        record = Person(
            given_names=person.given_names.strip(),
            family_name=person.family_name.strip(),
            date_of_birth=person.date_of_birth,
            preferred_language=person.preferred_language,
        )
        intake = Intake(person=record)
        session.add(intake)
        session.flush()
        return intake.id


def list_intakes(database) -> list[IntakeSummary]:
    with database.session() as session:
        intakes = session.scalars(
            select(Intake).options(joinedload(Intake.person)).order_by(Intake.updated_at.desc())
        ).all()
        return [
            IntakeSummary(
                intake_id=i.id,
                person_id=i.person_id,
                person_name=f"{i.person.given_names} {i.person.family_name}",
                date_of_birth=i.person.date_of_birth,
                preferred_language=i.person.preferred_language,
                status=i.status,
                started_at=i.started_at,
                updated_at=i.updated_at,
            )
            for i in intakes
        ]


def save_answer(database, intake_id: int, question_id: str, value, language: str | None = None,
                staff_id: int | None = None) -> None:
    """Store (or replace) one answer and commit it before returning."""
    encoded = json.dumps(value, ensure_ascii=False, default=_encode)
    now = utcnow()
    with database.session() as session, session.begin():
        intake = session.get(Intake, intake_id)
        if intake is None:
            raise LookupError(f"no intake {intake_id}")
        answer = session.scalar(
            select(Answer).where(Answer.intake_id == intake_id, Answer.question_id == question_id)
        )
        if answer is None:
            answer = Answer(intake_id=intake_id, question_id=question_id)
            session.add(answer)
        answer.value_json = encoded
        answer.language = language
        answer.answered_at = now
        answer.answered_by_id = staff_id
        intake.updated_at = now
        intake.current_question_id = question_id


def answers(database, intake_id: int) -> dict[str, object]:
    with database.session() as session:
        rows = session.scalars(select(Answer).where(Answer.intake_id == intake_id))
        return {row.question_id: json.loads(row.value_json) for row in rows}


def _encode(value):
    if isinstance(value, dt.date):
        return value.isoformat()
    raise TypeError(f"cannot store {type(value).__name__}")
