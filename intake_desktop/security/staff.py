"""Staff accounts in the database: personal, never shared, each with a role.

The password itself lives nowhere: it unwraps the database key from the
staff member's key slot (``key_slots``). The database knows the person behind
a sign-in name, their organisation and their role.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select

# One rule for sign-in names, shared with the key slots that carry them.
from intake_desktop.security.key_slots import (  # noqa: F401 - re-exported
    MAX_USERNAME_LENGTH,
    normalize_username,
    username_problem,
)
from intake_desktop.store.choices import Organisation, Role
from intake_desktop.store.models import StaffMember


@dataclass(frozen=True)
class Staff:
    id: int
    username: str
    name: str
    organisation: Organisation
    role: Role
    active: bool

    @property
    def is_beheerder(self) -> bool:
        return self.role is Role.BEHEERDER


def _staff(row: StaffMember) -> Staff:
    return Staff(row.id, row.username or "", row.name, row.organisation, row.role, row.active)


def add_staff(database, *, username: str, name: str, organisation: Organisation,
              role: Role = Role.MEDEWERKER, session=None) -> Staff:
    if username_problem(username):
        raise ValueError(f"unacceptable username: {username!r}")
    if not name.strip() or len(name) > 200:
        raise ValueError("a name of 1 to 200 characters is needed")

    def add(s) -> Staff:
        row = StaffMember(username=normalize_username(username), name=name.strip(),
                          organisation=Organisation(organisation), role=Role(role))
        s.add(row)
        s.flush()
        return _staff(row)

    if session is not None:
        return add(session)
    with database.session() as s, s.begin():
        return add(s)


def find_staff(database, username: str) -> Staff | None:
    with database.session() as s:
        row = s.scalar(select(StaffMember).where(
            StaffMember.username == normalize_username(username)))
        return _staff(row) if row else None


def list_staff(database) -> list[Staff]:
    with database.session() as s:
        rows = s.scalars(select(StaffMember).where(StaffMember.username.is_not(None))
                         .order_by(func.lower(StaffMember.name)))
        return [_staff(r) for r in rows]


def set_active(database, staff_id: int, active: bool) -> None:
    with database.session() as s, s.begin():
        row = s.get(StaffMember, staff_id)
        if row is None:
            raise LookupError(f"no staff member {staff_id}")
        row.active = active


def has_staff(database) -> bool:
    with database.session() as s:
        return s.scalar(select(func.count()).select_from(StaffMember)
                        .where(StaffMember.username.is_not(None))) > 0


def make_beheerder(database, staff_id: int) -> None:
    """After a recovery: the person who recovered manages the accounts again."""
    with database.session() as s, s.begin():
        row = s.get(StaffMember, staff_id)
        if row is None:
            raise LookupError(f"no staff member {staff_id}")
        row.role = Role.BEHEERDER
        row.active = True
