"""The first schema: staff, person, intake, answers, plan items, access log.

Revision ID: 0001
Revises:
Create Date: 2026-11-23
"""

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def _choice(name: str, *values: str) -> sa.Enum:
    return sa.Enum(*values, name=name, native_enum=False, create_constraint=True, length=32)


ORGANISATIONS = ("gemeente", "vluchtelingenwerk", "wijkteam", "other")


def upgrade() -> None:
    op.create_table(
        "staff_member",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("organisation", _choice("organisation", *ORGANISATIONS), nullable=False),
        sa.Column("role", _choice("role", "medewerker", "beheerder"), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
    )
    op.create_table(
        "person",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("given_names", sa.Text(), nullable=False),
        sa.Column("family_name", sa.Text(), nullable=False),
        sa.Column("date_of_birth", sa.Date(), nullable=True),
        sa.Column("preferred_language", sa.String(8), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
    )
    op.create_table(
        "intake",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column(
            "person_id", sa.Integer(), sa.ForeignKey("person.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("status", _choice("intake_status", "open", "completed"), nullable=False),
        sa.Column("started_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column(
            "created_by_id", sa.Integer(),
            sa.ForeignKey("staff_member.id", ondelete="SET NULL"), nullable=True,
        ),
    )
    op.create_index("ix_intake_person_id", "intake", ["person_id"])
    op.create_table(
        "answer",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column(
            "intake_id", sa.Integer(), sa.ForeignKey("intake.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("question_id", sa.String(120), nullable=False),
        sa.Column("value_json", sa.Text(), nullable=False),
        sa.Column("answered_at", sa.DateTime(), nullable=False),
        sa.Column(
            "answered_by_id", sa.Integer(),
            sa.ForeignKey("staff_member.id", ondelete="SET NULL"), nullable=True,
        ),
        sa.UniqueConstraint("intake_id", "question_id"),
    )
    op.create_index("ix_answer_intake_id", "answer", ["intake_id"])
    op.create_table(
        "plan_item",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column(
            "intake_id", sa.Integer(), sa.ForeignKey("intake.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("domain_id", sa.String(60), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("owner", _choice("owner", *ORGANISATIONS[:3], "person", "other"), nullable=False),
        sa.Column("owner_name", sa.Text(), nullable=True),
        sa.Column("due_date", sa.Date(), nullable=True),
        sa.Column(
            "status", _choice("action_status", "planned", "in_progress", "done", "cancelled"),
            nullable=False,
        ),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
    )
    op.create_index("ix_plan_item_intake_id", "plan_item", ["intake_id"])
    op.create_table(
        "audit_event",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("occurred_at", sa.DateTime(), nullable=False),
        sa.Column("staff_id", sa.Integer(), sa.ForeignKey("staff_member.id"), nullable=True),
        sa.Column("organisation", sa.String(32), nullable=True),
        sa.Column("person_id", sa.Integer(), nullable=True),
        sa.Column("action", sa.String(32), nullable=False),
        sa.Column("result", sa.String(16), nullable=False),
        sa.Column("detail", sa.Text(), nullable=True),
        sa.Column("device", sa.String(200), nullable=True),
        sa.Column("previous_hash", sa.String(64), nullable=True),
        sa.Column("hash", sa.String(64), nullable=False),
    )
    op.create_index("ix_audit_event_occurred_at", "audit_event", ["occurred_at"])
    op.create_index("ix_audit_event_person_id", "audit_event", ["person_id"])


def downgrade() -> None:
    for table in ("audit_event", "plan_item", "answer", "intake", "person", "staff_member"):
        op.drop_table(table)
