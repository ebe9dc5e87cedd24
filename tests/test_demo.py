"""The demo database: made fresh in its own folder, with valid answers and a plan to show."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re

import pytest

from intake_desktop import demo, paths
from intake_desktop.demo import DEMO_FILENAME, DEMO_PRINTED_BY, PEOPLE, open_demo_database
from intake_desktop.intake import records
from intake_desktop.intake.people import NewPerson
from intake_desktop.intake.session import IntakeSession
from intake_desktop.plan.copies import Copy, included_domains
from intake_desktop.plan.session import PlanSession
from intake_desktop.questionnaire import Role, load_questionnaire
from intake_desktop.store.choices import Leerroute, Owner, Partner

ARABIC = re.compile("[\u0600-\u06ff]")
ETHIOPIC = re.compile("[\u1200-\u137f]")


@pytest.fixture(scope="module")
def questionnaire():
    return load_questionnaire()


@pytest.fixture(scope="module")
def seeded(tmp_path_factory, questionnaire):
    """One demo for the read-only checks (seeding is the slow part)."""
    database = open_demo_database(tmp_path_factory.mktemp("demo"), questionnaire)
    yield database
    database.close()


@pytest.fixture(scope="module")
def intake_ids(seeded):
    # The list is newest first; PEOPLE order is the order of seed_demo's result.
    by_name = {s.person_name: s.intake_id for s in records.list_intakes(seeded)}
    return [by_name[f"{p.given_names} {p.family_name}"] for p in PEOPLE]


def plan_of(database, questionnaire, intake_id) -> PlanSession:
    return PlanSession(IntakeSession(database, questionnaire, intake_id))


def answered_share(session: IntakeSession) -> float:
    visible = session.questionnaire.visible_questions(session.answers)
    return sum(1 for q in visible if q.id in session.answers) / len(visible)


def test_demo_holds_the_four_people(seeded):
    intakes = records.list_intakes(seeded)
    assert sorted((s.person_name, s.preferred_language) for s in intakes) == sorted(
        (f"{p.given_names} {p.family_name}", p.language) for p in PEOPLE
    )
    # The richest example is what a new user sees first.
    assert intakes[0].person_name == "Lina Sabbagh"
    today = dt.date.today()
    for summary, person in zip(sorted(intakes, key=lambda s: s.person_name),
                               sorted(PEOPLE, key=lambda p: p.given_names), strict=True):
        age = (today - summary.date_of_birth).days // 365
        assert abs(age - person.age) <= 1


def test_every_stored_answer_normalises_and_was_visible(seeded, questionnaire, intake_ids):
    for intake_id in intake_ids:
        stored = records.answers(seeded, intake_id)
        normalised = questionnaire.normalize_answers(stored)
        assert all(v is not None for v in normalised.values())
        hidden = [qid for qid in normalised if not questionnaire.question(qid).is_visible(normalised)]
        assert hidden == []


def test_complete_and_half_finished_intakes(seeded, questionnaire, intake_ids):
    lina, yonas, selam, habibullah = (IntakeSession(seeded, questionnaire, i) for i in intake_ids)
    assert answered_share(lina) > 0.95 and answered_share(yonas) > 0.95
    assert answered_share(selam) < 0.5 and answered_share(habibullah) < 0.8

    started = {q.domain_id for q in questionnaire.questions if q.id in selam.answers}
    assert "toestemming" in started and 3 <= len(started - {"toestemming"}) <= 4
    resume = selam.resume_question()
    assert resume is not None and resume.domain_id == "dagbesteding"
    selam_plan = PlanSession(selam)
    assert selam_plan.actions() == [] and selam_plan.versions() == []
    assert selam_plan.fields.lead is None

    # Scores, person and team, for every scored domain of the complete intakes.
    for session in (lina, yonas):
        for domain in questionnaire.scored_domains:
            scores = session.scores(domain)
            assert scores.team in range(1, 6) and scores.person in range(1, 6)


def test_goals_are_in_the_persons_own_script(seeded, questionnaire, intake_ids):
    lina, yonas = (IntakeSession(seeded, questionnaire, i) for i in intake_ids[:2])

    def goals(session):
        return [session.value(d.common(Role.GOAL).id) for d in questionnaire.scored_domains
                if session.value(d.common(Role.GOAL).id)]

    assert len(goals(lina)) >= 10 and all(ARABIC.search(g) for g in goals(lina))
    assert len(goals(yonas)) >= 6 and all(ETHIOPIC.search(g) for g in goals(yonas))
    # The team writes its notes in Dutch.
    notes = [lina.value(d.common(Role.NOTES).id) for d in questionnaire.scored_domains]
    assert all(n and not ARABIC.search(n) for n in notes)


def test_first_plan_has_every_domain_and_the_gemeente_copy_leaves_out_psychisch(
        seeded, questionnaire, intake_ids):
    plan = plan_of(seeded, questionnaire, intake_ids[0])
    snapshot = plan.snapshot()
    assert [d["id"] for d in snapshot["domains"]] == [d.id for d in questionnaire.scored_domains]
    actions = [a for d in snapshot["domains"] for a in d["actions"]]
    assert 10 <= len(actions) <= 14
    assert {a["owner"] for a in actions} == {o.value for o in Owner}
    assert all(a["owner_name"] for a in actions if a["owner"] == Owner.OTHER.value)
    assert {a["status"] for a in actions} >= {"planned", "in_progress", "done"}
    assert snapshot["lead"] == Partner.WIJKTEAM.value and snapshot["leerroute"] == Leerroute.B1.value
    assert set(snapshot["pip"]) == {"knm", "pvt", "map", "ontzorgen"}
    assert 80 <= (dt.date.fromisoformat(snapshot["next_evaluation"]) - dt.date.today()).days <= 100
    assert sum(1 for d in questionnaire.scored_domains if plan.summary(d)[1]) >= 2

    def ids(copy):
        return {d["id"] for d in included_domains(snapshot, copy)}

    assert "psychisch" not in ids(Copy.GEMEENTE) and "psychisch" not in ids(Copy.VLUCHTELINGENWERK)
    assert "psychisch" in ids(Copy.WIJKTEAM) and "psychisch" in ids(Copy.PERSON)
    assert ids(Copy.GEMEENTE) == ids(Copy.PERSON) - {"psychisch"}


def test_first_plan_was_printed_and_has_changed_since(seeded, questionnaire, intake_ids):
    plan = plan_of(seeded, questionnaire, intake_ids[0])
    (version,) = plan.versions()
    (printed,) = version.prints
    assert printed.printed_by == DEMO_PRINTED_BY and printed.organisation == "gemeente"
    assert printed.destination == "pdf"
    current = plan.snapshot()
    assert plan.version_snapshot(version.number) != current
    assert plan.next_version_number(current) == version.number + 1


def test_other_plans_cover_the_other_routes(seeded, questionnaire, intake_ids):
    yonas = plan_of(seeded, questionnaire, intake_ids[1])
    assert yonas.fields.lead is Partner.GEMEENTE and yonas.fields.leerroute is Leerroute.ONDERWIJS
    assert 6 <= len(yonas.actions()) <= 10
    # Printed and unchanged since: the print is up to date.
    (version,) = yonas.versions()
    assert yonas.next_version_number(yonas.snapshot()) == version.number

    habibullah = plan_of(seeded, questionnaire, intake_ids[3])
    assert habibullah.fields.leerroute is Leerroute.Z and 1 <= len(habibullah.actions()) <= 6
    assert habibullah.versions() == []


def test_opening_again_starts_fresh(tmp_path, questionnaire):
    first = open_demo_database(tmp_path, questionnaire)
    records.create_intake(first, NewPerson("Extra", "Persoon", None, "nl"))
    assert len(records.list_intakes(first)) == len(PEOPLE) + 1
    first.close()

    again = open_demo_database(tmp_path, questionnaire)
    try:
        names = {s.person_name for s in records.list_intakes(again)}
        assert names == {f"{p.given_names} {p.family_name}" for p in PEOPLE}
    finally:
        again.close()


def test_demo_writes_only_in_its_folder(tmp_path, questionnaire, memory_keyring, monkeypatch):
    real = tmp_path / "real-data"
    monkeypatch.setenv(paths.DATA_DIR_ENV, str(real))

    def no_real_data_folder():
        raise AssertionError("the demo asked for the real data folder")

    monkeypatch.setattr(paths, "default_data_dir", no_real_data_folder)
    folder = tmp_path / "demo"
    database = open_demo_database(folder, questionnaire)
    try:
        assert [p.name for p in folder.iterdir()] == [DEMO_FILENAME]
        # Seeding skips disk flushes; what the user then enters is written as usual.
        with database.engine.connect() as connection:
            assert connection.exec_driver_sql("PRAGMA synchronous").scalar() == 2
            assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "delete"
    finally:
        database.close()
    assert [p.name for p in tmp_path.iterdir()] == ["demo"]
    assert [p.name for p in folder.iterdir()] == [DEMO_FILENAME]
    assert memory_keyring.secrets == {}
    # Encrypted: no plain SQLite header, and no name in clear text.
    content = (folder / DEMO_FILENAME).read_bytes()
    assert not content.startswith(b"SQLite format 3") and b"Sabbagh" not in content


def test_demo_data_refuses_an_answer_its_condition_hides(tmp_path, questionnaire, monkeypatch):
    # Guards the data against a later questionnaire change: a follow-up
    # question whose condition is no longer met must not be filled in silently.
    lina = PEOPLE[0]
    broken = dataclasses.replace(lina, answers={**lina.answers, "gezin.kinderen": "nee"}, plan=None)
    monkeypatch.setattr(demo, "PEOPLE", (broken,))
    with pytest.raises(ValueError, match="gezin.aantal_kinderen"):
        open_demo_database(tmp_path, questionnaire)
    assert not (tmp_path / DEMO_FILENAME).exists()
