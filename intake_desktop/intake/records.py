"""Creating intakes and saving answers, one committed transaction each.

The UI calls these functions and never holds a database session itself.
"""

from __future__ import annotations

import datetime as dt
import json

from sqlalchemy import select
from sqlalchemy.orm import contains_eager, joinedload

from intake_desktop.intake.people import IntakeSummary, NewPerson
from intake_desktop.store.models import Answer, Intake, Person, utcnow
from intake_desktop.text_input import search_key


def create_intake(database, person: NewPerson) -> int:
    problems = person.problems()
    if problems:
        raise ValueError(f"invalid person fields: {', '.join(problems)}")
    with database.session() as session, session.begin():
        given_names = person.given_names.strip()
        family_name = person.family_name.strip()
        record = Person(
            given_names=given_names,
            family_name=family_name,
            date_of_birth=person.date_of_birth,
            preferred_language=person.preferred_language,
            search_key=person_search_key(given_names, family_name),
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
        return [_summary(i) for i in intakes]


def person_search_key(given_names: str, family_name: str) -> str:
    return search_key(f"{given_names} {family_name}")


def search_people(database, text: str) -> list[IntakeSummary]:
    """The intakes of everyone whose name contains every word of ``text``, newest first.

    Compared on search keys (see ``text_input.search_key``), so NFC and NFD
    spellings, case and invisible characters make no difference, and words
    may come in any order ("Hassan Ali" finds "Ali Hassan"). Text without
    any searchable character finds every intake, like the plain list.
    """
    words = search_key(text).split(" ")
    _fill_missing_search_keys(database)
    query = select(Intake).join(Intake.person).options(contains_eager(Intake.person))
    for word in filter(None, words):
        # autoescape: a typed "%" or "_" is that character, not a wildcard.
        query = query.where(Person.search_key.contains(word, autoescape=True))
    with database.session() as session:
        intakes = session.scalars(query.order_by(Intake.updated_at.desc())).all()
        return [_summary(i) for i in intakes]


def _fill_missing_search_keys(database) -> None:
    # People stored before search keys existed get theirs on the first search.
    with database.session() as session, session.begin():
        for record in session.scalars(select(Person).where(Person.search_key.is_(None))):
            record.search_key = person_search_key(record.given_names, record.family_name)


def _summary(intake: Intake) -> IntakeSummary:
    return IntakeSummary(
        intake_id=intake.id,
        person_id=intake.person_id,
        person_name=f"{intake.person.given_names} {intake.person.family_name}",
        date_of_birth=intake.person.date_of_birth,
        preferred_language=intake.person.preferred_language,
        status=intake.status,
        started_at=intake.started_at,
        updated_at=intake.updated_at,
    )


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


def clear_answer(database, intake_id: int, question_id: str) -> None:
    """Remove an answer (the person takes it back), committed before returning."""
    with database.session() as session, session.begin():
        answer = session.scalar(
            select(Answer).where(Answer.intake_id == intake_id, Answer.question_id == question_id)
        )
        if answer is not None:
            session.delete(answer)
        intake = session.get(Intake, intake_id)
        if intake is not None:
            intake.updated_at = utcnow()
            intake.current_question_id = question_id


def set_position(database, intake_id: int, question_id: str) -> None:
    """Remember where the team is, so resuming the intake opens there."""
    with database.session() as session, session.begin():
        intake = session.get(Intake, intake_id)
        if intake is None:
            raise LookupError(f"no intake {intake_id}")
        intake.current_question_id = question_id


def intake_summary(database, intake_id: int) -> IntakeSummary:
    with database.session() as session:
        intake = session.get(Intake, intake_id, options=[joinedload(Intake.person)])
        if intake is None:
            raise LookupError(f"no intake {intake_id}")
        return _summary(intake)


def position(database, intake_id: int) -> str | None:
    with database.session() as session:
        intake = session.get(Intake, intake_id)
        return intake.current_question_id if intake else None


def answers(database, intake_id: int) -> dict[str, object]:
    with database.session() as session:
        rows = session.scalars(select(Answer).where(Answer.intake_id == intake_id))
        return {row.question_id: json.loads(row.value_json) for row in rows}


def _encode(value):
    if isinstance(value, dt.date):
        return value.isoformat()
    raise TypeError(f"cannot store {type(value).__name__}")
