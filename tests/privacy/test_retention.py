"""Retention: the beheerder's term, records past it flagged, erased only when confirmed."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import update

from intake_desktop.privacy import retention
from intake_desktop.security import audit
from intake_desktop.store.models import Answer, Intake, Person

from .conftest import new_plan


def age(database, plan, moment: dt.datetime) -> None:
    """Pretend every trace of this record was made at ``moment``."""
    person_id = plan.intake.summary.person_id
    with database.session() as session, session.begin():
        session.execute(update(Person).where(Person.id == person_id).values(created_at=moment))
        session.execute(update(Intake).where(Intake.id == plan.intake_id)
                        .values(started_at=moment, updated_at=moment))
        session.execute(update(Answer).where(Answer.intake_id == plan.intake_id)
                        .values(answered_at=moment))


@pytest.fixture
def old_and_new(database, questionnaire):
    old = new_plan(database, questionnaire, "Oud", "Dossier", "ti")
    old.intake.answer("werk.beschrijving", "Lang geleden")
    age(database, old, dt.datetime(2024, 1, 10, 12, 0, tzinfo=dt.UTC))
    recent = new_plan(database, questionnaire, "Nieuw", "Dossier", "nl")
    age(database, recent, dt.datetime(2025, 6, 1, 12, 0, tzinfo=dt.UTC))
    return old, recent


def test_term_defaults_to_24_months_and_the_beheerder_sets_it(database, staff):
    assert retention.retention_months(database) == 24
    retention.set_retention_months(database, 36, actor=staff["beheerder"])
    assert retention.retention_months(database) == 36
    retention.set_retention_months(database, 12, actor=staff["beheerder"])
    assert retention.retention_months(database) == 12
    for bad in (0, 241, "12", 1.5, True):
        with pytest.raises(ValueError):
            retention.set_retention_months(database, bad, actor=staff["beheerder"])
    entries = audit.query(database, action=audit.Action.SETTINGS)
    assert [e.detail for e in entries] == ["retention_months=12", "retention_months=36"]


def test_overdue_with_a_fake_today(database, old_and_new):
    old, recent = old_and_new
    old_id = old.intake.summary.person_id
    assert retention.overdue(database, dt.date(2026, 1, 9)) == []
    [due] = retention.overdue(database, dt.date(2026, 1, 10))
    assert (due.person_id, due.name, due.due_since) == (old_id, "Oud Dossier", dt.date(2026, 1, 10))
    assert due.last_activity == dt.datetime(2024, 1, 10, 12, 0, tzinfo=dt.UTC)
    later = retention.overdue(database, dt.date(2027, 6, 1))
    assert [d.person_id for d in later] == [old_id, recent.intake.summary.person_id]
    assert [d.person_id for d in retention.overdue(database, dt.date(2026, 1, 10), months=30)] == []


def test_any_later_activity_counts(database, old_and_new, staff):
    old, _recent = old_and_new
    # A plan printed later keeps the record alive, though the answers are old.
    old.record_print(old.snapshot(), printed_by="Sanne", organisation=None, copies=["person"],
                     destination="pdf")
    assert retention.overdue(database, dt.date(2026, 1, 10)) == []


def test_erasure_only_after_confirmation_and_only_if_still_due(database, old_and_new, staff):
    old, recent = old_and_new
    old_id, recent_id = old.intake.summary.person_id, recent.intake.summary.person_id
    today = dt.date(2026, 2, 1)
    assert [d.person_id for d in retention.overdue(database, today)] == [old_id]
    # The recent record was not due: confirming it by mistake erases nothing.
    assert retention.erase_due(database, [old_id, recent_id], today,
                               actor=staff["beheerder"]) == [old_id]
    assert retention.overdue(database, today) == []
    assert [p.person_id for p in retention.overdue(database, dt.date(2028, 1, 1))] == [recent_id]
    [entry] = audit.query(database, person_id=old_id, action=audit.Action.DELETE)
    assert entry.detail == "person erased (retention)"
    assert entry.staff_id == staff["beheerder"].staff_id


def test_a_record_touched_after_listing_is_kept(database, old_and_new, staff):
    old, _recent = old_and_new
    old_id = old.intake.summary.person_id
    today = dt.date(2026, 2, 1)
    assert [d.person_id for d in retention.overdue(database, today)] == [old_id]
    old.intake.answer("werk.beschrijving", "Toch weer langs geweest")
    # The "today" is fake but the new answer is real: it is not past its term.
    assert retention.erase_due(database, [old_id], today, actor=staff["beheerder"]) == []


def test_add_months():
    assert retention.add_months(dt.date(2024, 1, 31), 1) == dt.date(2024, 2, 29)
    assert retention.add_months(dt.date(2024, 1, 10), 24) == dt.date(2026, 1, 10)
    assert retention.add_months(dt.date(2024, 12, 15), 1) == dt.date(2025, 1, 15)
    assert retention.add_months(dt.date(2024, 3, 31), -1) == dt.date(2024, 2, 29)
