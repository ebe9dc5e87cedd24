"""The access log (NEN 7513 / BIO): who, of which organisation, did what to whose record,
with which result, when and from which laptop.

Every entry carries the SHA-256 of the entry before it and its own hash over
all its fields, so ``verify`` can show that an entry was edited, removed from
the middle, or slipped in. Triggers (revision 0005) refuse UPDATE and DELETE
on the table, so the log is append-only for the app itself.

What the chain can and cannot show: anyone who edits the file through
SQLCipher has the database key and could recompute every hash after a
change, and removing the newest entries leaves a chain that is still whole.
The chain catches an edit made without rewriting everything after it, which
is the realistic case (a row changed by hand, a row deleted); backups taken
at different times can be compared to show the rest.

``detail`` is a short technical note (an id, a setting name). It must never
hold names, answers or anything else from the person's record: the log
outlives the record, and a person's erasure leaves their entries behind with
only the bare person number.
"""

from __future__ import annotations

import datetime as dt
import enum
import hashlib
import json
import platform
import threading
from dataclasses import dataclass

# SQLAlchemy and the models are imported where used: the sign-in and lock
# screens need Action and Actor before the database layer has loaded.
from intake_desktop.i18n import N_, _, babel_locale, format_date, gettext_in, isolate, ngettext
from intake_desktop.store.choices import Organisation

MAX_DETAIL_LENGTH = 200
# Bumped if the hashed fields ever change, so old entries still verify.
HASH_VERSION = 1


class Action(enum.StrEnum):
    CREATE = "create"
    VIEW = "view"
    CHANGE = "change"
    DELETE = "delete"
    SEARCH = "search"
    PRINT = "print"
    EXPORT = "export"
    SIGN_IN = "sign_in"
    SIGN_IN_FAILED = "sign_in_failed"
    SIGN_OUT = "sign_out"
    LOCK = "lock"
    UNLOCK = "unlock"
    BACKUP = "backup"
    RESTORE = "restore"
    CONSENT = "consent"
    SETTINGS = "settings"
    # Staff accounts: created, changed, deactivated, password reset.
    ACCOUNT = "account"
    # The beheerder's recovery code was used to restore access.
    RECOVERY = "recovery"


class Result(enum.StrEnum):
    SUCCESS = "success"
    DENIED = "denied"
    FAILED = "failed"


@dataclass(frozen=True)
class Actor:
    """The staff member on whose behalf something happens."""

    staff_id: int | None
    name: str
    organisation: Organisation | str | None

    @classmethod
    def of(cls, staff) -> Actor:
        """The actor for a staff member (security.staff.Staff); id 0 is the demo's colleague,
        who has no row to point at."""
        return cls(staff.id or None, staff.name, staff.organisation)


@dataclass(frozen=True)
class Entry:
    id: int
    occurred_at: dt.datetime
    staff_id: int | None
    # Only for the beheerder's view; None when the account no longer exists.
    staff_name: str | None
    organisation: str | None
    person_id: int | None
    action: str
    result: str
    detail: str | None
    device: str | None


class Problem(enum.StrEnum):
    # The entry's own hash does not match its fields: it was changed.
    EDITED = "edited"
    # The entry does not point at the one before it: entries are missing or were inserted.
    BROKEN_LINK = "broken_link"


@dataclass(frozen=True)
class ChainReport:
    ok: bool
    count: int
    first_bad_id: int | None = None
    reason: Problem | None = None

    def message(self) -> str:
        """One sentence for the beheerder, in the interface language."""
        if self.ok:
            return ngettext("Het toegangslogboek is compleet en niet veranderd ({count} regel).",
                            "Het toegangslogboek is compleet en niet veranderd ({count} regels).",
                            self.count).format(count=isolate(self.count))
        if self.reason is Problem.EDITED:
            return _("Regel {id} van het toegangslogboek is achteraf veranderd.").format(
                id=isolate(self.first_bad_id))
        return _("Vóór regel {id} van het toegangslogboek zijn regels verwijderd of "
                 "toegevoegd.").format(id=isolate(self.first_bad_id))


# --- writing ---------------------------------------------------------------------------------

# "Read the last hash, append, commit" must be one step: two connections that
# both read the same last entry would fork the chain. In-process this lock
# serialises appends (re-entrant, as record() holds it around its own
# transaction); an entry in a caller's transaction is serialised up to that
# transaction's commit by SQLite's write lock, and the unique index on
# previous_hash refuses whatever still gets through, so a fork never commits.
_append_lock = threading.RLock()


def _device() -> str | None:
    return platform.node()[:200] or None


def _timestamp(value: dt.datetime) -> str:
    return value.astimezone(dt.UTC).isoformat(timespec="microseconds")


def compute_hash(*, id: int, occurred_at: dt.datetime, staff_id: int | None,
                 organisation: str | None, person_id: int | None, action: str, result: str,
                 detail: str | None, device: str | None, previous_hash: str | None) -> str:
    canonical = json.dumps(
        {
            "v": HASH_VERSION,
            "id": id,
            "occurred_at": _timestamp(occurred_at),
            "staff_id": staff_id,
            "organisation": organisation,
            "person_id": person_id,
            "action": action,
            "result": result,
            "detail": detail,
            "device": device,
            "previous_hash": previous_hash,
        },
        ensure_ascii=False, sort_keys=True, separators=(",", ":"),
    )
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def record(database, action: Action | str, *, result: Result | str = Result.SUCCESS,
           staff: Actor | None, person_id: int | None = None, detail: str | None = None,
           session=None) -> None:
    """Append one entry.

    With ``session`` the entry joins the caller's transaction, so the action
    and its entry commit (or roll back) together; otherwise it commits on its own.
    """
    action, result = Action(action), Result(result)
    if detail is not None:
        detail = detail.strip()
        if len(detail) > MAX_DETAIL_LENGTH or "\n" in detail:
            raise ValueError("audit detail must be one short line")
    if session is not None:
        _append(session, action, result, staff, person_id, detail)
        return
    with _append_lock, database.session() as own, own.begin():
        _append(own, action, result, staff, person_id, detail)


def _append(session, action: Action, result: Result, staff: Actor | None,
            person_id: int | None, detail: str | None) -> None:
    from sqlalchemy import select

    from intake_desktop.store.models import AuditEvent

    organisation = None
    if staff is not None and staff.organisation is not None:
        organisation = str(Organisation(staff.organisation))
    values = {
        "occurred_at": dt.datetime.now(dt.UTC),
        "staff_id": staff.staff_id if staff else None,
        "organisation": organisation,
        "person_id": person_id,
        "action": action.value,
        "result": result.value,
        "detail": detail or None,
        "device": _device(),
    }
    with _append_lock:
        last = session.execute(
            select(AuditEvent.id, AuditEvent.hash).order_by(AuditEvent.id.desc()).limit(1)
        ).first()
        entry_id = last.id + 1 if last else 1
        previous = last.hash if last else None
        digest = compute_hash(id=entry_id, previous_hash=previous, **values)
        session.add(AuditEvent(id=entry_id, previous_hash=previous, hash=digest, **values))
        # Writing now takes SQLite's write lock before the lock here is let go.
        session.flush()


# --- checking --------------------------------------------------------------------------------

def verify(database) -> ChainReport:
    """Recompute every entry's hash and link, oldest first; report the first bad entry."""
    from sqlalchemy import text

    # Raw rows rather than the ORM: a value edited into a shape the ORM cannot
    # read must be reported, not crash the check.
    query = text(
        "SELECT id, occurred_at, staff_id, organisation, person_id, action, result, detail,"
        " device, previous_hash, hash FROM audit_event ORDER BY id"
    )
    count = 0
    previous = None
    with database.engine.connect() as connection:
        for row in connection.execute(query):
            count += 1
            if row.previous_hash != previous:
                return ChainReport(False, count, row.id, Problem.BROKEN_LINK)
            try:
                occurred = dt.datetime.fromisoformat(str(row.occurred_at)).replace(tzinfo=dt.UTC)
                expected = compute_hash(
                    id=row.id, occurred_at=occurred, staff_id=row.staff_id,
                    organisation=row.organisation, person_id=row.person_id, action=row.action,
                    result=row.result, detail=row.detail, device=row.device,
                    previous_hash=row.previous_hash,
                )
            except (TypeError, ValueError):
                expected = None
            if expected != row.hash:
                return ChainReport(False, count, row.id, Problem.EDITED)
            previous = row.hash
    return ChainReport(True, count)


# --- reading ---------------------------------------------------------------------------------

def query(database, *, staff_id: int | None = None, person_id: int | None = None,
          action: Action | str | None = None, since: dt.datetime | None = None,
          until: dt.datetime | None = None, limit: int | None = 500) -> list[Entry]:
    """Entries for the beheerder's view, newest first; ``until`` is exclusive."""
    from sqlalchemy import select

    from intake_desktop.store.models import AuditEvent, StaffMember

    statement = (
        select(AuditEvent, StaffMember.name)
        .outerjoin(StaffMember, StaffMember.id == AuditEvent.staff_id)
        .order_by(AuditEvent.id.desc())
    )
    if staff_id is not None:
        statement = statement.where(AuditEvent.staff_id == staff_id)
    if person_id is not None:
        statement = statement.where(AuditEvent.person_id == person_id)
    if action is not None:
        statement = statement.where(AuditEvent.action == Action(action).value)
    if since is not None:
        statement = statement.where(AuditEvent.occurred_at >= since)
    if until is not None:
        statement = statement.where(AuditEvent.occurred_at < until)
    if limit is not None:
        statement = statement.limit(limit)
    with database.session() as session:
        return [_entry(event, name) for event, name in session.execute(statement)]


def _entry(event, staff_name: str | None) -> Entry:
    return Entry(
        id=event.id, occurred_at=event.occurred_at, staff_id=event.staff_id,
        staff_name=staff_name, organisation=event.organisation, person_id=event.person_id,
        action=event.action, result=event.result, detail=event.detail, device=event.device,
    )


# --- for the person --------------------------------------------------------------------------

# Organisation names as the subject of a sentence; Dutch msgids.
_WHO = {
    Organisation.GEMEENTE: N_("De gemeente"),
    Organisation.VLUCHTELINGENWERK: N_("VluchtelingenWerk"),
    Organisation.WIJKTEAM: N_("Het sociaal wijkteam"),
    Organisation.OTHER: N_("Een andere organisatie"),
}
_SOMEONE = N_("Een medewerker")

_DONE = {
    Action.CREATE: N_("{date}: {organisation} heeft uw gegevens vastgelegd."),
    Action.VIEW: N_("{date}: {organisation} heeft uw gegevens bekeken."),
    Action.CHANGE: N_("{date}: {organisation} heeft uw gegevens veranderd."),
    Action.DELETE: N_("{date}: {organisation} heeft uw gegevens verwijderd."),
    Action.SEARCH: N_("{date}: {organisation} heeft uw gegevens opgezocht."),
    Action.PRINT: N_("{date}: {organisation} heeft uw gegevens afgedrukt of als PDF bewaard."),
    Action.EXPORT: N_("{date}: {organisation} heeft een kopie van al uw gegevens gemaakt."),
    Action.CONSENT: N_("{date}: {organisation} heeft uw toestemming vastgelegd of veranderd."),
}
_OTHER = N_("{date}: {organisation} heeft iets met uw gegevens gedaan.")
_DENIED = N_("{date}: {organisation} wilde uw gegevens gebruiken, maar kreeg geen toegang.")
_FAILED = N_("{date}: {organisation} wilde iets met uw gegevens doen, maar dat is niet gelukt.")


def when(moment: dt.datetime, language: str) -> str:
    """A moment as a person reads it: the laptop's local day with the month written out, and
    the time in hours and minutes, in the order of the language."""
    from babel.dates import format_time, get_datetime_format

    local = moment.astimezone()
    locale = babel_locale(language)
    return (get_datetime_format("long", locale=locale)
            .replace("{1}", format_date(local.date(), language, format="long"))
            .replace("{0}", format_time(local, "short", locale=locale)))


def describe(occurred_at: dt.datetime, organisation: str | None, action: str, result: str,
             language: str) -> str:
    """One entry as a sentence the person understands, in their language.

    Staff names are left out on purpose: the organisation is what the person
    can act on, and staff members have a privacy of their own.
    """
    try:
        who = _WHO[Organisation(organisation)] if organisation else _SOMEONE
    except ValueError:
        who = _SOMEONE
    if result == Result.DENIED:
        message = _DENIED
    elif result == Result.FAILED:
        message = _FAILED
    else:
        try:
            message = _DONE.get(Action(action), _OTHER)
        except ValueError:
            message = _OTHER
    return gettext_in(language, message).format(
        date=isolate(when(occurred_at, language)),
        organisation=isolate(gettext_in(language, who)),
    )


def person_report(database, person_id: int, language: str) -> list[str]:
    """The entries about one person, oldest first, as sentences in ``language``."""
    entries = query(database, person_id=person_id, limit=None)
    return [describe(e.occurred_at, e.organisation, e.action, e.result, language)
            for e in reversed(entries)]
