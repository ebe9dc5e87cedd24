"""Alembic environment: always given an open connection by the app (the key is ours)."""

from alembic import context

from intake_desktop.store.models import Base

connection = context.config.attributes.get("connection")
if connection is None:
    raise RuntimeError(
        "Migrations run inside Intake Desktop, which supplies the keyed connection; "
        "see README, 'A new schema revision'."
    )
context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    # SQLite changes most tables by copying them; batch mode does that safely.
    render_as_batch=True,
)
with context.begin_transaction():
    context.run_migrations()
