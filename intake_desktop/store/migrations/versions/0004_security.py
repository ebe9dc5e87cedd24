"""Staff sign-in names, consent register, private notes, settings, folded names for search.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-23
"""

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

PARTNERS = ("gemeente", "vluchtelingenwerk", "wijkteam")


def upgrade() -> None:
    with op.batch_alter_table("staff_member") as batch:
        batch.add_column(sa.Column("username", sa.String(100), nullable=True))
        batch.create_unique_constraint("uq_staff_member_username", ["username"])
    with op.batch_alter_table("person") as batch:
        batch.add_column(sa.Column("search_key", sa.Text(), nullable=True))
        batch.create_index("ix_person_search_key", ["search_key"])
    op.create_table(
        "consent",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("person_id", sa.Integer(), sa.ForeignKey("person.id", ondelete="CASCADE"),
                  nullable=False),
        sa.Column("topic", sa.String(60), nullable=False),
        sa.Column("shared_with_json", sa.Text(), nullable=False),
        sa.Column("explained_by", sa.Text(), nullable=False),
        sa.Column("language", sa.String(8), nullable=False),
        sa.Column("given_at", sa.DateTime(), nullable=False),
        sa.Column("withdrawn_at", sa.DateTime(), nullable=True),
    )
    op.create_index("ix_consent_person_id", "consent", ["person_id"])
    op.create_table(
        "private_note",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("intake_id", sa.Integer(), sa.ForeignKey("intake.id", ondelete="CASCADE"),
                  nullable=False),
        sa.Column("domain_id", sa.String(60), nullable=True),
        sa.Column("partner", sa.Enum(*PARTNERS, name="partner", native_enum=False,
                                     create_constraint=True, length=32), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("created_by_id", sa.Integer(),
                  sa.ForeignKey("staff_member.id", ondelete="SET NULL"), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
    )
    op.create_index("ix_private_note_intake_id", "private_note", ["intake_id"])
    op.create_table(
        "app_setting",
        sa.Column("key", sa.String(60), primary_key=True),
        sa.Column("value", sa.Text(), nullable=False),
    )


def downgrade() -> None:
    for table in ("app_setting", "private_note", "consent"):
        op.drop_table(table)
    with op.batch_alter_table("person") as batch:
        batch.drop_index("ix_person_search_key")
        batch.drop_column("search_key")
    with op.batch_alter_table("staff_member") as batch:
        batch.drop_constraint("uq_staff_member_username", type_="unique")
        batch.drop_column("username")
