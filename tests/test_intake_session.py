"""The rules of an intake without Qt: normalise, commit, progress, scores, resume."""

import datetime as dt

import pytest

from intake_desktop.intake import records
from intake_desktop.intake.people import NewPerson
from intake_desktop.intake.session import IntakeSession
from intake_desktop.questionnaire import load_questionnaire


@pytest.fixture(scope="module")
def questionnaire():
    return load_questionnaire()


@pytest.fixture
def session(database, questionnaire):
    intake_id = records.create_intake(database, NewPerson("Hanan", "Ali", dt.date(1985, 2, 3), "ar"))
    return IntakeSession(database, questionnaire, intake_id)


def test_answers_are_normalised_and_committed(session, database, questionnaire):
    assert session.answer("gezin.kinderen", "ja", language="ar") == "ja"
    assert session.answer("gezin.aantal_kinderen", "3") == 3
    again = IntakeSession(database, questionnaire, session.intake_id)
    assert again.answers["gezin.kinderen"] == "ja" and again.answers["gezin.aantal_kinderen"] == 3


def test_invalid_answer_is_refused_and_nothing_stored(session, database):
    with pytest.raises(ValueError):
        session.answer("gezin.aantal_kinderen", "veel")
    assert "gezin.aantal_kinderen" not in records.answers(database, session.intake_id)


def test_clearing_an_answer_removes_it(session, database):
    session.answer("gezin.kinderen", "ja")
    session.answer("gezin.kinderen", None)
    assert "gezin.kinderen" not in session.answers
    assert "gezin.kinderen" not in records.answers(database, session.intake_id)


def test_progress_counts_only_visible_questions(session, questionnaire):
    gezin = questionnaire.domain("gezin")
    before = session.progress(gezin)
    session.answer("gezin.kinderen", "ja")
    after = session.progress(gezin)
    assert after.answered == before.answered + 1
    assert after.total > before.total  # follow-up questions became relevant


def test_scores(session, questionnaire):
    wonen = questionnaire.domain("wonen")
    assert session.scores(wonen).team is None
    session.answer("wonen.team_score", 3)
    session.answer("wonen.eigen_score", 4)
    assert (session.scores(wonen).team, session.scores(wonen).person) == (3, 4)


def test_resume_question(session, database, questionnaire):
    assert session.resume_question() is None
    session.answer("werk.gewerkt", "ja")
    again = IntakeSession(database, questionnaire, session.intake_id)
    assert again.resume_question().id == "werk.gewerkt"
