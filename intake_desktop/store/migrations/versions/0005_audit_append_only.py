"""The access log becomes append-only: triggers refuse UPDATE and DELETE, and no two
entries may follow the same predecessor.

The hash chain shows tampering after the fact; the triggers make the app's own
code (and any careless SQL) unable to change the log in the first place. A
later revision that rebuilds audit_event (batch mode copies the table) must
drop these triggers first and create them again afterwards.

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-30
"""

from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

TRIGGERS = {
    "audit_event_no_update": "UPDATE",
    "audit_event_no_delete": "DELETE",
}


def upgrade() -> None:
    # One successor per entry: two writers that both read the same last entry
    # cannot both commit, so the chain can never fork.
    op.create_index("ux_audit_event_previous_hash", "audit_event", ["previous_hash"], unique=True)
    for name, event in TRIGGERS.items():
        op.execute(
            f"CREATE TRIGGER {name} BEFORE {event} ON audit_event "
            "BEGIN SELECT RAISE(ABORT, 'audit_event is append-only'); END"
        )


def downgrade() -> None:
    for name in TRIGGERS:
        op.execute(f"DROP TRIGGER IF EXISTS {name}")
    op.drop_index("ux_audit_event_previous_hash", table_name="audit_event")
