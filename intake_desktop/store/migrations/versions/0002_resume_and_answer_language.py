"""Remember where an intake stopped, and in which language each answer was given.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-23
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("intake") as batch:
        batch.add_column(sa.Column("current_question_id", sa.String(120), nullable=True))
    with op.batch_alter_table("answer") as batch:
        batch.add_column(sa.Column("language", sa.String(8), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("answer") as batch:
        batch.drop_column("language")
    with op.batch_alter_table("intake") as batch:
        batch.drop_column("current_question_id")
