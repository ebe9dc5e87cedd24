"""The plan van aanpak: plan-wide choices, per-domain text and sharing, printed versions.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-23
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

PARTNERS = ("gemeente", "vluchtelingenwerk", "wijkteam")


def _choice(name: str, *values: str) -> sa.Enum:
    return sa.Enum(*values, name=name, native_enum=False, create_constraint=True, length=32)


def upgrade() -> None:
    op.create_table(
        "plan",
        sa.Column(
            "intake_id", sa.Integer(), sa.ForeignKey("intake.id", ondelete="CASCADE"),
            primary_key=True,
        ),
        sa.Column("lead", _choice("partner", *PARTNERS), nullable=True),
        sa.Column("lead_reason", sa.Text(), nullable=True),
        sa.Column("leerroute", _choice("leerroute", "b1", "onderwijs", "z"), nullable=True),
        sa.Column("pip_json", sa.Text(), nullable=False),
        sa.Column("next_evaluation", sa.Date(), nullable=True),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
    )
    op.create_table(
        "plan_domain",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column(
            "intake_id", sa.Integer(), sa.ForeignKey("intake.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("domain_id", sa.String(60), nullable=False),
        sa.Column("summary", sa.Text(), nullable=True),
        sa.Column("shared_with_json", sa.Text(), nullable=True),
        sa.UniqueConstraint("intake_id", "domain_id"),
    )
    op.create_index("ix_plan_domain_intake_id", "plan_domain", ["intake_id"])
    op.create_table(
        "plan_version",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column(
            "intake_id", sa.Integer(), sa.ForeignKey("intake.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("content_json", sa.Text(), nullable=False),
        sa.Column("content_hash", sa.String(64), nullable=False),
        sa.UniqueConstraint("intake_id", "number"),
    )
    op.create_index("ix_plan_version_intake_id", "plan_version", ["intake_id"])
    op.create_table(
        "plan_print",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column(
            "version_id", sa.Integer(), sa.ForeignKey("plan_version.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("printed_at", sa.DateTime(), nullable=False),
        sa.Column("printed_by", sa.Text(), nullable=False),
        sa.Column("organisation", _choice("organisation", *PARTNERS, "other"), nullable=True),
        sa.Column(
            "staff_id", sa.Integer(), sa.ForeignKey("staff_member.id", ondelete="SET NULL"),
            nullable=True,
        ),
        sa.Column("copies", sa.String(200), nullable=False),
        sa.Column("destination", sa.String(16), nullable=False),
    )
    op.create_index("ix_plan_print_version_id", "plan_print", ["version_id"])


def downgrade() -> None:
    for table in ("plan_print", "plan_version", "plan_domain", "plan"):
        op.drop_table(table)
