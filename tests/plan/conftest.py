import datetime as dt

import pytest

from intake_desktop.intake import records
from intake_desktop.intake.people import NewPerson
from intake_desktop.intake.session import IntakeSession
from intake_desktop.plan.session import PlanSession
from intake_desktop.questionnaire import load_questionnaire


@pytest.fixture(scope="session")
def questionnaire():
    return load_questionnaire()


@pytest.fixture
def plan(database, questionnaire) -> PlanSession:
    intake_id = records.create_intake(
        database, NewPerson("Hanan", "Ali", dt.date(1985, 2, 3), "ar"))
    return PlanSession(IntakeSession(database, questionnaire, intake_id))


def reopened(plan: PlanSession) -> PlanSession:
    return PlanSession(IntakeSession(plan.database, plan.questionnaire, plan.intake_id))
