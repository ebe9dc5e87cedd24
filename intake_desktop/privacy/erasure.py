"""Erasing a person completely (AVG 17, and retention terms that have run out).

Everything that hangs off the person goes in one transaction, together with
the "delete" entry in the access log. The log keeps its earlier entries about
the person: they hold only the bare person number, never a name, and are the
proof of who saw the record while it existed.

The database runs with ``PRAGMA secure_delete = ON`` (store/database.py): SQLite
overwrites deleted cells and freed pages with zeros before they are written, so
the erased text is gone from the file itself, not just unlinked. With the
rollback journal (journal_mode DELETE) there is no WAL to checkpoint, and no
VACUUM is needed for that; tests/privacy/test_erasure.py decrypts every page
to prove it.
"""

from __future__ import annotations

from dataclasses import dataclass

from intake_desktop.security import audit


@dataclass(frozen=True)
class Erased:
    """How many rows went, per table: for the beheerder's confirmation message."""

    person_id: int
    rows: dict[str, int]


def _delete_statements(person_id: int) -> list[tuple[str, str, dict]]:
    """(table, SQL, parameters), children before parents.

    Explicit rather than left to ON DELETE CASCADE, so erasure does not depend
    on the foreign_keys pragma of the connection it runs on.
    """
    intakes = "SELECT id FROM intake WHERE person_id = :person"
    versions = f"SELECT id FROM plan_version WHERE intake_id IN ({intakes})"
    params = {"person": person_id}
    return [
        ("plan_print", f"DELETE FROM plan_print WHERE version_id IN ({versions})", params),
        ("plan_version", f"DELETE FROM plan_version WHERE intake_id IN ({intakes})", params),
        ("plan_item", f"DELETE FROM plan_item WHERE intake_id IN ({intakes})", params),
        ("plan_domain", f"DELETE FROM plan_domain WHERE intake_id IN ({intakes})", params),
        ("plan", f"DELETE FROM plan WHERE intake_id IN ({intakes})", params),
        ("private_note", f"DELETE FROM private_note WHERE intake_id IN ({intakes})", params),
        ("answer", f"DELETE FROM answer WHERE intake_id IN ({intakes})", params),
        ("intake", "DELETE FROM intake WHERE person_id = :person", params),
        ("consent", "DELETE FROM consent WHERE person_id = :person", params),
        ("person", "DELETE FROM person WHERE id = :person", params),
    ]


def erase_person(database, person_id: int, actor: audit.Actor | None, *,
                 reason: str = "erasure") -> Erased:
    """Delete the person and everything about them; log it in the same transaction.

    ``reason`` is a short technical word for the log ("erasure", "retention"),
    never a name. Raises LookupError if there is no such person.
    """
    from sqlalchemy import text

    from intake_desktop.store.models import Person

    counts: dict[str, int] = {}
    with database.session() as session, session.begin():
        if session.get(Person, person_id) is None:
            raise LookupError(f"no person {person_id}")
        for table, sql, params in _delete_statements(person_id):
            counts[table] = session.execute(text(sql), params).rowcount
        audit.record(database, audit.Action.DELETE, staff=actor, person_id=person_id,
                     detail=f"person erased ({reason})", session=session)
    return Erased(person_id, counts)
