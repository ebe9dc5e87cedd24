"""Erasing a person: rows gone, the log kept, and nothing of them left in the file's pages."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from intake_desktop.plan.copies import Copy
from intake_desktop.privacy import consent, private_notes
from intake_desktop.privacy.erasure import erase_person
from intake_desktop.security import audit
from intake_desktop.startup import database_path, unlock
from intake_desktop.store.choices import Organisation, Owner, Partner
from intake_desktop.store.database import connect
from intake_desktop.store.models import (
    Answer,
    AuditEvent,
    Consent,
    Intake,
    Person,
    Plan,
    PlanDomain,
    PlanItem,
    PlanPrint,
    PlanVersion,
    PrivateNote,
)

from .conftest import new_plan
from .sqlcipher_pages import found

# Distinctive strings, one per place a person's data can live.
GIVEN = "Zorblaxiana"
FAMILY = "Quuxhoven-Mirell"
ARABIC_NAME = "زمرّدة البرتقالية"
ANSWER = "Hoofdpijn sinds de Kwispelvlucht van 2019"
SUMMARY_PRINTED = "Situatie-alleen-in-versie-1: Trombofaan"
SUMMARY_NOW = "Situatie-nu: Glimwurmstraat"
ACTION = "Aanmelden bij Vlinderkliniek Oost"
NOTE = "Schuld bij oom Karimzadeh-Velt"
GOAL = "أريد أن أصبح خبّازة في فلاردينغن"
EXPLAINED = "Uitlegger Xandrovic"
LEAD_REASON = "Regie want Pruttelbeek-schulden"
MARKERS = [GIVEN, FAMILY, ARABIC_NAME, ANSWER, SUMMARY_PRINTED, SUMMARY_NOW, ACTION, NOTE,
           GOAL, EXPLAINED, LEAD_REASON]


def build_person(database, questionnaire, staff, given=GIVEN, family=FAMILY, suffix=""):
    plan = new_plan(database, questionnaire, given + suffix, family + suffix, "ar")
    werk = questionnaire.domain("werk")
    plan.intake.answer("lichamelijk.notities", ANSWER + suffix)
    plan.intake.answer("lichamelijk.notities", ANSWER + suffix + " (bijgewerkt)")
    plan.set_goal(werk, GOAL + suffix, language="ar")
    plan.set_summary(werk, SUMMARY_PRINTED + suffix)
    plan.add_action(werk, description=ACTION + suffix, owner=Owner.PERSON)
    plan.update_fields(lead=Partner.WIJKTEAM, lead_reason=LEAD_REASON + suffix)
    private_notes.add(database, plan.intake_id, Partner.WIJKTEAM, NOTE + suffix,
                      actor=staff["wijkteam"], domain_id="werk")
    person_id = plan.intake.summary.person_id
    consent.give(database, person_id, consent.Topic.SHARING, [Partner.GEMEENTE],
                 EXPLAINED + suffix, "ar", actor=staff["gemeente"])
    plan.record_print(plan.snapshot(), printed_by="Sanne de Vries",
                      organisation=Organisation.GEMEENTE, copies=[Copy.PERSON, Copy.WIJKTEAM],
                      destination="pdf")
    # From now on the first summary lives only in the printed version.
    plan.set_summary(werk, SUMMARY_NOW + suffix)
    plan.record_print(plan.snapshot(), printed_by="Sanne de Vries",
                      organisation=Organisation.GEMEENTE, copies=[Copy.GEMEENTE],
                      destination="printer")
    # The Arabic spelling of the name, stored as an answer as the team might.
    plan.intake.answer("netwerk.hulp_wie", ARABIC_NAME + suffix)
    audit.record(database, audit.Action.VIEW, staff=staff["gemeente"], person_id=person_id)
    return person_id, plan.intake_id


def counts(database, person_id, intake_id) -> dict[str, int]:
    def count(model, *where):
        return session.scalar(select(func.count()).select_from(model).where(*where))

    with database.session() as session:
        versions = select(PlanVersion.id).where(PlanVersion.intake_id == intake_id)
        return {
            "person": count(Person, Person.id == person_id),
            "intake": count(Intake, Intake.person_id == person_id),
            "answer": count(Answer, Answer.intake_id == intake_id),
            "plan": count(Plan, Plan.intake_id == intake_id),
            "plan_domain": count(PlanDomain, PlanDomain.intake_id == intake_id),
            "plan_item": count(PlanItem, PlanItem.intake_id == intake_id),
            "plan_version": count(PlanVersion, PlanVersion.intake_id == intake_id),
            "plan_print": count(PlanPrint, PlanPrint.version_id.in_(versions)),
            "private_note": count(PrivateNote, PrivateNote.intake_id == intake_id),
            "consent": count(Consent, Consent.person_id == person_id),
        }


@pytest.fixture
def key(data_dir, database):
    # The same key the open store uses (unlock finds it in the test keyring).
    return unlock(data_dir).key


def test_questions_used_here_exist(questionnaire):
    for question_id in ("lichamelijk.notities", "netwerk.hulp_wie"):
        assert questionnaire.question(question_id).type.value == "text"


def test_erasure_removes_every_row_and_keeps_the_log(database, questionnaire, staff):
    person_id, intake_id = build_person(database, questionnaire, staff)
    other_id, other_intake = build_person(database, questionnaire, staff, suffix=" B")
    before = counts(database, person_id, intake_id)
    assert all(before.values()), before
    logged = len(audit.query(database, person_id=person_id, limit=None))

    erased = erase_person(database, person_id, staff["beheerder"])

    assert counts(database, person_id, intake_id) == dict.fromkeys(before, 0)
    assert erased.person_id == person_id and erased.rows == before
    # Someone else's record is untouched.
    assert counts(database, other_id, other_intake) == before
    entries = audit.query(database, person_id=person_id, limit=None)
    assert len(entries) == logged + 1
    assert (entries[0].action, entries[0].staff_id) == ("delete", staff["beheerder"].staff_id)
    assert audit.verify(database).ok
    with pytest.raises(LookupError):
        erase_person(database, person_id, staff["beheerder"])


def test_nothing_of_the_person_is_left_in_any_page(database, questionnaire, staff, data_dir, key):
    path = database_path(data_dir)
    person_id, _intake = build_person(database, questionnaire, staff)
    # The check can fail: before erasure every string is in the decrypted pages,
    # including the first summary, which only the printed version still holds.
    assert found(path, key, MARKERS) == set(MARKERS)

    erase_person(database, person_id, staff["beheerder"])

    # Also the folded forms a search index may hold.
    assert found(path, key, MARKERS + [m.casefold() for m in MARKERS]) == set()
    assert not path.with_name(path.name + "-journal").exists()
    with database.session() as session:
        details = [e.detail or "" for e in session.scalars(select(AuditEvent))]
    assert not any(marker in detail for detail in details for marker in MARKERS)


def test_without_secure_delete_the_strings_would_remain(database, questionnaire, staff,
                                                        data_dir, key):
    """The control: the page scan does find deleted-but-not-overwritten content, so its
    silence after erase_person is owed to secure_delete, not to a blind scan."""
    path = database_path(data_dir)
    person_id, _intake = build_person(database, questionnaire, staff)
    database.close()
    connection = connect(path, key)
    try:
        connection.execute("PRAGMA secure_delete = OFF")
        connection.execute("BEGIN")
        connection.execute("DELETE FROM person WHERE id = ?", (person_id,))  # cascades
        connection.execute("COMMIT")
        assert connection.execute("SELECT count(*) FROM answer").fetchone() == (0,)
    finally:
        connection.close()
    assert {GIVEN, FAMILY, NOTE, SUMMARY_PRINTED} <= found(path, key, MARKERS)
