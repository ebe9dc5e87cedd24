"""Every table of the encrypted database, as typed SQLAlchemy 2 models.

The schema itself is created and changed only by the Alembic revisions in
``migrations/versions``; a test keeps these models and the head revision equal.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import (
    Date,
    DateTime,
    Enum,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    TypeDecorator,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

from intake_desktop.store.choices import (
    ActionStatus,
    IntakeStatus,
    Leerroute,
    Organisation,
    Owner,
    Partner,
    Role,
)


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


class UTCDateTime(TypeDecorator):
    """Aware UTC datetimes in, aware UTC datetimes out (SQLite keeps no time zone)."""

    impl = DateTime
    cache_ok = True

    def process_bind_param(self, value, dialect):
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given; use an aware UTC datetime")
        return value.astimezone(dt.UTC).replace(tzinfo=None)

    def process_result_value(self, value, dialect):
        return None if value is None else value.replace(tzinfo=dt.UTC)


def _enum(cls, name: str) -> Enum:
    # Store the readable value, checked by a constraint, rather than the member name.
    return Enum(
        cls,
        name=name,
        values_callable=lambda members: [m.value for m in members],
        native_enum=False,
        create_constraint=True,
        length=32,
    )


class Base(DeclarativeBase):
    pass


class StaffMember(Base):
    __tablename__ = "staff_member"

    id: Mapped[int] = mapped_column(primary_key=True)
    # What the staff member types to sign in; their key slot carries the same name.
    username: Mapped[str | None] = mapped_column(String(100), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    organisation: Mapped[Organisation] = mapped_column(_enum(Organisation, "organisation"))
    role: Mapped[Role] = mapped_column(_enum(Role, "role"), default=Role.MEDEWERKER)
    active: Mapped[bool] = mapped_column(default=True)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)


class Person(Base):
    """The statushouder whose intake it is."""

    __tablename__ = "person"

    id: Mapped[int] = mapped_column(primary_key=True)
    given_names: Mapped[str] = mapped_column(Text)
    family_name: Mapped[str] = mapped_column(Text)
    date_of_birth: Mapped[dt.date | None] = mapped_column(Date)
    # The language the person reads along in: one of i18n.LANGUAGES.
    preferred_language: Mapped[str] = mapped_column(String(8), default="nl")
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    # Names folded for search (NFKC, case-folded), so "Zoë" typed in NFD finds "Zoë".
    search_key: Mapped[str | None] = mapped_column(Text, index=True)

    intakes: Mapped[list[Intake]] = relationship(
        back_populates="person", cascade="all, delete-orphan", passive_deletes=True
    )


class Intake(Base):
    __tablename__ = "intake"

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id", ondelete="CASCADE"), index=True)
    status: Mapped[IntakeStatus] = mapped_column(
        _enum(IntakeStatus, "intake_status"), default=IntakeStatus.OPEN
    )
    started_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    created_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("staff_member.id", ondelete="SET NULL")
    )
    # Where the team was when the intake was last left, so resuming opens there.
    current_question_id: Mapped[str | None] = mapped_column(String(120))

    person: Mapped[Person] = relationship(back_populates="intakes")
    answers: Mapped[list[Answer]] = relationship(
        back_populates="intake", cascade="all, delete-orphan", passive_deletes=True
    )
    plan_items: Mapped[list[PlanItem]] = relationship(
        back_populates="intake", cascade="all, delete-orphan", passive_deletes=True
    )
    plan: Mapped[Plan | None] = relationship(
        back_populates="intake", cascade="all, delete-orphan", passive_deletes=True
    )
    plan_domains: Mapped[list[PlanDomain]] = relationship(
        cascade="all, delete-orphan", passive_deletes=True
    )
    plan_versions: Mapped[list[PlanVersion]] = relationship(
        cascade="all, delete-orphan", passive_deletes=True
    )


class Answer(Base):
    """One answer to one question of one intake; the value is JSON."""

    __tablename__ = "answer"
    __table_args__ = (UniqueConstraint("intake_id", "question_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    intake_id: Mapped[int] = mapped_column(ForeignKey("intake.id", ondelete="CASCADE"), index=True)
    question_id: Mapped[str] = mapped_column(String(120))
    value_json: Mapped[str] = mapped_column(Text)
    # The language the question was shown in when it was answered.
    language: Mapped[str | None] = mapped_column(String(8))
    answered_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    answered_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("staff_member.id", ondelete="SET NULL")
    )

    intake: Mapped[Intake] = relationship(back_populates="answers")


class PlanItem(Base):
    """An action of the plan van aanpak within one leefdomein."""

    __tablename__ = "plan_item"

    id: Mapped[int] = mapped_column(primary_key=True)
    intake_id: Mapped[int] = mapped_column(ForeignKey("intake.id", ondelete="CASCADE"), index=True)
    domain_id: Mapped[str] = mapped_column(String(60))
    position: Mapped[int] = mapped_column(Integer, default=0)
    description: Mapped[str] = mapped_column(Text)
    owner: Mapped[Owner] = mapped_column(_enum(Owner, "owner"))
    # Name of the party when owner is OTHER, or of the contact person.
    owner_name: Mapped[str | None] = mapped_column(Text)
    due_date: Mapped[dt.date | None] = mapped_column(Date)
    status: Mapped[ActionStatus] = mapped_column(
        _enum(ActionStatus, "action_status"), default=ActionStatus.PLANNED
    )
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)

    intake: Mapped[Intake] = relationship(back_populates="plan_items")


class Plan(Base):
    """What the plan van aanpak says for the whole intake (one row per intake)."""

    __tablename__ = "plan"

    intake_id: Mapped[int] = mapped_column(
        ForeignKey("intake.id", ondelete="CASCADE"), primary_key=True
    )
    # The partner that takes the lead (regie) after the intake, and why.
    lead: Mapped[Partner | None] = mapped_column(_enum(Partner, "partner"))
    lead_reason: Mapped[str | None] = mapped_column(Text)
    leerroute: Mapped[Leerroute | None] = mapped_column(_enum(Leerroute, "leerroute"))
    # JSON list of PipElement values.
    pip_json: Mapped[str] = mapped_column(Text, default="[]")
    next_evaluation: Mapped[dt.date | None] = mapped_column(Date)
    updated_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)

    intake: Mapped[Intake] = relationship(back_populates="plan")


class PlanDomain(Base):
    """The plan's text for one leefdomein and with whom it may be shared."""

    __tablename__ = "plan_domain"
    __table_args__ = (UniqueConstraint("intake_id", "domain_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    intake_id: Mapped[int] = mapped_column(ForeignKey("intake.id", ondelete="CASCADE"), index=True)
    domain_id: Mapped[str] = mapped_column(String(60))
    # None until the team edits it: until then the summary is made from the answers.
    summary: Mapped[str | None] = mapped_column(Text)
    # JSON list of Partner values; None follows the consent given at the start.
    shared_with_json: Mapped[str | None] = mapped_column(Text)


class PlanVersion(Base):
    """A plan as it was printed: a frozen copy, so earlier versions stay readable."""

    __tablename__ = "plan_version"
    __table_args__ = (UniqueConstraint("intake_id", "number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    intake_id: Mapped[int] = mapped_column(ForeignKey("intake.id", ondelete="CASCADE"), index=True)
    number: Mapped[int] = mapped_column(Integer)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    content_json: Mapped[str] = mapped_column(Text)
    content_hash: Mapped[str] = mapped_column(String(64))

    prints: Mapped[list[PlanPrint]] = relationship(
        back_populates="version", cascade="all, delete-orphan", passive_deletes=True,
        order_by="PlanPrint.printed_at",
    )


class PlanPrint(Base):
    """One print or PDF of a plan version: when, by whom, which copies."""

    __tablename__ = "plan_print"

    id: Mapped[int] = mapped_column(primary_key=True)
    version_id: Mapped[int] = mapped_column(
        ForeignKey("plan_version.id", ondelete="CASCADE"), index=True
    )
    printed_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    printed_by: Mapped[str] = mapped_column(Text)
    organisation: Mapped[Organisation | None] = mapped_column(_enum(Organisation, "organisation"))
    staff_id: Mapped[int | None] = mapped_column(ForeignKey("staff_member.id", ondelete="SET NULL"))
    # Comma-separated copy names (partners and "person").
    copies: Mapped[str] = mapped_column(String(200))
    # "printer" or "pdf".
    destination: Mapped[str] = mapped_column(String(16))

    version: Mapped[PlanVersion] = relationship(back_populates="prints")


class Consent(Base):
    """One consent the person gave: what, shared with whom, explained by whom and in
    which language, when; and when it was withdrawn."""

    __tablename__ = "consent"

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id", ondelete="CASCADE"), index=True)
    topic: Mapped[str] = mapped_column(String(60))
    # JSON list of Partner values.
    shared_with_json: Mapped[str] = mapped_column(Text, default="[]")
    explained_by: Mapped[str] = mapped_column(Text)
    language: Mapped[str] = mapped_column(String(8))
    given_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    withdrawn_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)


class PrivateNote(Base):
    """What the person told one partner alone: shown and printed only for that partner."""

    __tablename__ = "private_note"

    id: Mapped[int] = mapped_column(primary_key=True)
    intake_id: Mapped[int] = mapped_column(ForeignKey("intake.id", ondelete="CASCADE"), index=True)
    # None: about the intake as a whole.
    domain_id: Mapped[str | None] = mapped_column(String(60))
    partner: Mapped[Partner] = mapped_column(_enum(Partner, "partner"))
    text: Mapped[str] = mapped_column(Text)
    created_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("staff_member.id", ondelete="SET NULL"))
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)


class AppSetting(Base):
    """Settings the beheerder sets for everyone (idle time, retention), kept encrypted."""

    __tablename__ = "app_setting"

    key: Mapped[str] = mapped_column(String(60), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class AuditEvent(Base):
    """One entry of the access log: who did what to whose record, when, from where.

    Rows are only ever appended; each carries the hash of the one before it.
    Triggers (revision 0005) refuse UPDATE and DELETE; see security/audit.py.
    """

    __tablename__ = "audit_event"
    # One successor per entry, so the chain cannot fork.
    __table_args__ = (Index("ux_audit_event_previous_hash", "previous_hash", unique=True),)

    id: Mapped[int] = mapped_column(primary_key=True)
    occurred_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)
    staff_id: Mapped[int | None] = mapped_column(ForeignKey("staff_member.id"))
    organisation: Mapped[str | None] = mapped_column(String(32))
    # No foreign key: the log must outlive the deletion of a person's record.
    person_id: Mapped[int | None] = mapped_column(Integer, index=True)
    action: Mapped[str] = mapped_column(String(32))
    result: Mapped[str] = mapped_column(String(16))
    detail: Mapped[str | None] = mapped_column(Text)
    device: Mapped[str | None] = mapped_column(String(200))
    previous_hash: Mapped[str | None] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64))
