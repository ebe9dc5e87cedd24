"""The consent register: what the person agreed to, shared with whom, explained by whom
and in which language, when; and when they withdrew it.

A consent is never edited: a change is a withdrawal plus a new consent, so the
register shows what held at any moment.
"""

from __future__ import annotations

import datetime as dt
import enum
import json
from dataclasses import dataclass

from intake_desktop.i18n import LANGUAGES, N_
from intake_desktop.security import audit
from intake_desktop.store.choices import Partner

MAX_TOPIC_LENGTH = 60
MAX_EXPLAINED_BY_LENGTH = 200


class Topic(enum.StrEnum):
    """The consents the intake asks for; other topics may be stored as plain text."""

    # Sharing what is said at the table between the partners.
    SHARING = "sharing"
    # Recording health information (special-category data).
    HEALTH = "health"
    # Passing information to a party outside the table, for a referral.
    REFERRAL = "referral"


# Dutch msgids; translate where shown.
TOPIC_NAMES = {
    Topic.SHARING: N_("Gegevens delen tussen de organisaties aan tafel"),
    Topic.HEALTH: N_("Gegevens over gezondheid vastleggen"),
    Topic.REFERRAL: N_("Gegevens doorgeven voor een verwijzing"),
}


@dataclass(frozen=True)
class ConsentRecord:
    id: int
    person_id: int
    topic: str
    shared_with: frozenset[Partner]
    explained_by: str
    language: str
    given_at: dt.datetime
    withdrawn_at: dt.datetime | None

    @property
    def active(self) -> bool:
        return self.withdrawn_at is None


def _record(row) -> ConsentRecord:
    return ConsentRecord(
        id=row.id, person_id=row.person_id, topic=row.topic,
        shared_with=frozenset(Partner(v) for v in json.loads(row.shared_with_json)),
        explained_by=row.explained_by, language=row.language, given_at=row.given_at,
        withdrawn_at=row.withdrawn_at,
    )


def give(database, person_id: int, topic: Topic | str, shared_with, explained_by: str,
         language: str, *, actor: audit.Actor | None) -> ConsentRecord:
    """Record a consent the person gives now; committed with its log entry."""
    from intake_desktop.store.models import Consent, Person

    topic = str(topic).strip()
    explained_by = explained_by.strip()
    if not topic or len(topic) > MAX_TOPIC_LENGTH:
        raise ValueError("consent topic must be 1 to 60 characters")
    if not explained_by or len(explained_by) > MAX_EXPLAINED_BY_LENGTH:
        raise ValueError("say who explained the consent (at most 200 characters)")
    if language not in LANGUAGES:
        raise ValueError(f"unsupported language: {language!r}")
    partners = sorted(Partner(p).value for p in shared_with)
    with database.session() as session, session.begin():
        if session.get(Person, person_id) is None:
            raise LookupError(f"no person {person_id}")
        row = Consent(person_id=person_id, topic=topic, shared_with_json=json.dumps(partners),
                      explained_by=explained_by, language=language)
        session.add(row)
        session.flush()
        audit.record(database, audit.Action.CONSENT, staff=actor, person_id=person_id,
                     detail=f"consent {row.id} given", session=session)
        return _record(row)


def withdraw(database, consent_id: int, *, actor: audit.Actor | None,
             when: dt.datetime | None = None) -> bool:
    """Mark a consent withdrawn; False (and nothing logged) if it already was."""
    from intake_desktop.store.models import Consent, utcnow

    with database.session() as session, session.begin():
        row = session.get(Consent, consent_id)
        if row is None:
            raise LookupError(f"no consent {consent_id}")
        if row.withdrawn_at is not None:
            return False
        row.withdrawn_at = when or utcnow()
        audit.record(database, audit.Action.CONSENT, staff=actor, person_id=row.person_id,
                     detail=f"consent {row.id} withdrawn", session=session)
        return True


def for_person(database, person_id: int) -> list[ConsentRecord]:
    """Every consent of the person, withdrawn ones included, oldest first."""
    from sqlalchemy import select

    from intake_desktop.store.models import Consent

    with database.session() as session:
        rows = session.scalars(
            select(Consent).where(Consent.person_id == person_id)
            .order_by(Consent.given_at, Consent.id)
        )
        return [_record(row) for row in rows]


def active(database, person_id: int, topic: Topic | str | None = None) -> list[ConsentRecord]:
    """The consents that hold now, optionally for one topic."""
    return [c for c in for_person(database, person_id)
            if c.active and (topic is None or c.topic == str(topic))]
