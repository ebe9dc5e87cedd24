"""The consent register: given, listed, withdrawn, each change in the access log."""

from __future__ import annotations

import datetime as dt

import pytest

from intake_desktop.privacy import consent
from intake_desktop.security import audit
from intake_desktop.store.choices import Partner


@pytest.fixture
def person_id(plan):
    return plan.intake.summary.person_id


def test_give_list_and_withdraw(database, staff, person_id):
    sanne = staff["gemeente"]
    sharing = consent.give(database, person_id, consent.Topic.SHARING,
                           [Partner.WIJKTEAM, Partner.GEMEENTE], "Sanne de Vries", "ar", actor=sanne)
    health = consent.give(database, person_id, consent.Topic.HEALTH, [Partner.WIJKTEAM],
                          "Petra Jansen", "ar", actor=staff["wijkteam"])
    assert sharing.shared_with == {Partner.GEMEENTE, Partner.WIJKTEAM}
    assert (sharing.topic, sharing.explained_by, sharing.language) == ("sharing", "Sanne de Vries", "ar")
    assert sharing.active and sharing.given_at.tzinfo is dt.UTC
    assert [c.id for c in consent.for_person(database, person_id)] == [sharing.id, health.id]

    assert consent.withdraw(database, health.id, actor=sanne) is True
    assert consent.withdraw(database, health.id, actor=sanne) is False
    listed = consent.for_person(database, person_id)
    assert [c.active for c in listed] == [True, False]
    assert listed[1].withdrawn_at is not None and listed[1].withdrawn_at >= listed[1].given_at
    assert [c.id for c in consent.active(database, person_id)] == [sharing.id]
    assert consent.active(database, person_id, consent.Topic.HEALTH) == []

    entries = audit.query(database, action=audit.Action.CONSENT)
    # Given twice, withdrawn once; the second withdrawal changed nothing and is not logged.
    assert [(e.person_id, e.detail) for e in reversed(entries)] == [
        (person_id, f"consent {sharing.id} given"),
        (person_id, f"consent {health.id} given"),
        (person_id, f"consent {health.id} withdrawn"),
    ]
    assert [e.staff_id for e in reversed(entries)] == [sanne.staff_id, staff["wijkteam"].staff_id,
                                                       sanne.staff_id]
    assert audit.verify(database).ok


def test_consent_needs_its_facts(database, staff, person_id):
    sanne = staff["gemeente"]
    with pytest.raises(ValueError):
        consent.give(database, person_id, "", [], "Sanne", "nl", actor=sanne)
    with pytest.raises(ValueError):
        consent.give(database, person_id, "sharing", [], "  ", "nl", actor=sanne)
    with pytest.raises(ValueError):
        consent.give(database, person_id, "sharing", [], "Sanne", "fr", actor=sanne)
    with pytest.raises(ValueError):
        consent.give(database, person_id, "sharing", ["politie"], "Sanne", "nl", actor=sanne)
    with pytest.raises(LookupError):
        consent.give(database, 999, "sharing", [], "Sanne", "nl", actor=sanne)
    with pytest.raises(LookupError):
        consent.withdraw(database, 999, actor=sanne)
    assert consent.for_person(database, person_id) == []
    assert audit.query(database) == []


def test_a_free_topic_is_kept(database, staff, person_id):
    record = consent.give(database, person_id, "foto voor de schoolpas", [], "Sanne", "nl",
                          actor=staff["gemeente"])
    assert consent.for_person(database, person_id)[0].topic == "foto voor de schoolpas"
    assert record.shared_with == frozenset()
