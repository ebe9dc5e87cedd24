import datetime as dt

import pytest

from intake_desktop.intake import records
from intake_desktop.intake.people import NewPerson
from intake_desktop.intake.session import IntakeSession
from intake_desktop.plan.session import PlanSession
from intake_desktop.questionnaire import load_questionnaire
from intake_desktop.security.audit import Actor
from intake_desktop.store.choices import Organisation, Role
from intake_desktop.store.models import StaffMember


@pytest.fixture(scope="session")
def questionnaire():
    return load_questionnaire()


def add_staff(database, name: str, organisation: Organisation,
              role: Role = Role.MEDEWERKER) -> Actor:
    with database.session() as session, session.begin():
        member = StaffMember(name=name, organisation=organisation, role=role)
        session.add(member)
        session.flush()
        return Actor(member.id, name, organisation)


@pytest.fixture
def staff(database) -> dict[str, Actor]:
    return {
        "gemeente": add_staff(database, "Sanne de Vries", Organisation.GEMEENTE),
        "vluchtelingenwerk": add_staff(database, "Youssef Amrani", Organisation.VLUCHTELINGENWERK),
        "wijkteam": add_staff(database, "Petra Jansen", Organisation.WIJKTEAM),
        "beheerder": add_staff(database, "Bram Beheer", Organisation.GEMEENTE, Role.BEHEERDER),
    }


def new_plan(database, questionnaire, given="Hanan", family="Ali", language="ar") -> PlanSession:
    intake_id = records.create_intake(
        database, NewPerson(given, family, dt.date(1985, 2, 3), language))
    return PlanSession(IntakeSession(database, questionnaire, intake_id))


@pytest.fixture
def plan(database, questionnaire) -> PlanSession:
    return new_plan(database, questionnaire)
