"""The access log: appended with a hash chain, append-only, tampering found by verify."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from sqlalchemy import exc, text

from intake_desktop import i18n
from intake_desktop.security import audit
from intake_desktop.security.audit import Action, Actor, Problem, Result
from intake_desktop.store.choices import Organisation
from intake_desktop.store.models import AuditEvent, StaffMember


def add_staff(database, name: str, organisation: Organisation) -> Actor:
    with database.session() as session, session.begin():
        member = StaffMember(name=name, organisation=organisation)
        session.add(member)
        session.flush()
        return Actor(member.id, name, organisation)


@pytest.fixture
def sanne(database) -> Actor:
    return add_staff(database, "Sanne de Vries", Organisation.GEMEENTE)


@pytest.fixture
def petra(database) -> Actor:
    return add_staff(database, "Petra Jansen", Organisation.WIJKTEAM)


def fill(database, sanne, petra, count=6) -> None:
    audit.record(database, Action.SIGN_IN, staff=sanne)
    for n in range(count - 2):
        audit.record(database, Action.VIEW if n % 2 else Action.CHANGE, staff=sanne if n % 2 else petra,
                     person_id=5 + n % 2, detail=f"intake {n}")
    audit.record(database, Action.SIGN_IN_FAILED, result=Result.DENIED, staff=None,
                 detail="unknown user name")


def raw(database, sql: str, **params) -> None:
    """Change the log behind the app's back, as someone with the key and a SQL shell could."""
    with database.engine.begin() as connection:
        connection.execute(text("DROP TRIGGER IF EXISTS audit_event_no_update"))
        connection.execute(text("DROP TRIGGER IF EXISTS audit_event_no_delete"))
        connection.execute(text(sql), params)


def test_entries_are_chained_and_verify(database, sanne, petra):
    assert audit.verify(database) == audit.ChainReport(True, 0)
    fill(database, sanne, petra)
    report = audit.verify(database)
    assert report.ok and report.count == 6 and report.first_bad_id is None
    with database.session() as session:
        rows = session.query(AuditEvent).order_by(AuditEvent.id).all()
    assert rows[0].previous_hash is None
    for before, after in zip(rows, rows[1:], strict=False):
        assert after.previous_hash == before.hash
    first = rows[0]
    assert first.staff_id == sanne.staff_id and first.organisation == "gemeente"
    assert first.action == "sign_in" and first.result == "success"
    assert first.occurred_at.tzinfo is dt.UTC
    assert abs(first.occurred_at - dt.datetime.now(dt.UTC)) < dt.timedelta(minutes=1)
    assert first.device and len(first.hash) == 64
    assert rows[-1].staff_id is None and rows[-1].result == "denied"
    assert "6" in report.message()


def test_the_log_refuses_update_and_delete(database, sanne, petra):
    fill(database, sanne, petra)
    for sql in ("UPDATE audit_event SET detail = 'x' WHERE id = 2",
                "DELETE FROM audit_event WHERE id = 2",
                "DELETE FROM audit_event"):
        with pytest.raises(exc.DatabaseError, match="append-only"), \
                database.engine.begin() as connection:
            connection.execute(text(sql))
    assert audit.verify(database).ok


def test_an_edited_entry_is_reported_with_its_id(database, sanne, petra):
    fill(database, sanne, petra)
    raw(database, "UPDATE audit_event SET person_id = 99 WHERE id = 3")
    report = audit.verify(database)
    assert (report.ok, report.first_bad_id, report.reason) == (False, 3, Problem.EDITED)
    assert "3" in report.message()


@pytest.mark.parametrize("sql", [
    "UPDATE audit_event SET occurred_at = '2020-01-01 00:00:00.000000' WHERE id = 4",
    "UPDATE audit_event SET occurred_at = 'gisteren' WHERE id = 4",
    "UPDATE audit_event SET result = 'denied' WHERE id = 4",
    "UPDATE audit_event SET hash = 'ab' || substr(hash, 3) WHERE id = 4",
])
def test_any_edited_field_is_found(database, sanne, petra, sql):
    fill(database, sanne, petra)
    raw(database, sql)
    report = audit.verify(database)
    assert not report.ok and report.first_bad_id == 4


def test_a_deleted_entry_leaves_a_gap(database, sanne, petra):
    fill(database, sanne, petra)
    raw(database, "DELETE FROM audit_event WHERE id = 3")
    report = audit.verify(database)
    assert (report.ok, report.first_bad_id, report.reason) == (False, 4, Problem.BROKEN_LINK)
    assert "4" in report.message()


def test_deleting_the_first_entry_is_found(database, sanne, petra):
    fill(database, sanne, petra)
    raw(database, "DELETE FROM audit_event WHERE id = 1")
    report = audit.verify(database)
    assert (report.first_bad_id, report.reason) == (2, Problem.BROKEN_LINK)


def test_an_inserted_entry_breaks_the_chain(database, sanne, petra):
    fill(database, sanne, petra)
    # A forged entry placed before all others, with a correct hash of its own:
    # the real first entry no longer follows the one before it.
    when = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
    values = dict(occurred_at=when, staff_id=None, organisation="gemeente", person_id=5,
                  action="view", result="success", detail=None, device="elders",
                  previous_hash=None)
    digest = audit.compute_hash(id=0, **values)
    raw(database, "INSERT INTO audit_event (id, occurred_at, staff_id, organisation, person_id,"
        " action, result, detail, device, previous_hash, hash) VALUES (0, '2026-01-01 00:00:00.000000',"
        " NULL, 'gemeente', 5, 'view', 'success', NULL, 'elders', NULL, :hash)", hash=digest)
    report = audit.verify(database)
    assert (report.ok, report.first_bad_id, report.reason) == (False, 1, Problem.BROKEN_LINK)


def test_an_entry_slipped_between_two_others_is_found(database, sanne, petra):
    fill(database, sanne, petra)
    with database.session() as session:
        third = session.get(AuditEvent, 3)
    # Room in the numbering, and the unique index out of the way, as the
    # attacker would need; the forged entry itself is hashed correctly.
    raw(database, "DROP INDEX ux_audit_event_previous_hash")
    raw(database, "UPDATE audit_event SET id = id + 100 WHERE id > 3")
    values = dict(occurred_at=third.occurred_at, staff_id=None, organisation="wijkteam",
                  person_id=5, action="view", result="success", detail=None, device=None,
                  previous_hash=third.hash)
    raw(database, "INSERT INTO audit_event (id, occurred_at, organisation, person_id, action,"
        " result, previous_hash, hash) SELECT 4, occurred_at, 'wijkteam', 5, 'view', 'success',"
        " hash, :hash FROM audit_event WHERE id = 3", hash=audit.compute_hash(id=4, **values))
    report = audit.verify(database)
    assert (report.ok, report.first_bad_id, report.reason) == (False, 104, Problem.BROKEN_LINK)


def test_the_chain_cannot_fork(database, sanne, petra):
    fill(database, sanne, petra, count=3)
    with pytest.raises(exc.IntegrityError), database.engine.begin() as connection:
        connection.execute(text(
            "INSERT INTO audit_event (id, occurred_at, action, result, previous_hash, hash)"
            " SELECT 10, occurred_at, 'view', 'success', previous_hash, 'x' FROM audit_event"
            " WHERE id = 2"))


def test_an_entry_commits_with_the_callers_transaction(database, sanne):
    with database.session() as session:
        with pytest.raises(RuntimeError), session.begin():
            audit.record(database, Action.CHANGE, staff=sanne, person_id=1, session=session)
            raise RuntimeError("the change failed")
    assert audit.query(database) == []
    with database.session() as session, session.begin():
        audit.record(database, Action.CHANGE, staff=sanne, person_id=1, session=session)
        audit.record(database, Action.VIEW, staff=sanne, person_id=1, session=session)
    assert [e.action for e in audit.query(database)] == ["view", "change"]
    assert audit.verify(database).ok


def test_detail_must_be_one_short_line(database, sanne):
    with pytest.raises(ValueError):
        audit.record(database, Action.VIEW, staff=sanne, detail="x" * 201)
    with pytest.raises(ValueError):
        audit.record(database, Action.VIEW, staff=sanne, detail="a\nb")
    with pytest.raises(ValueError):
        audit.record(database, "not-an-action", staff=sanne)
    assert audit.query(database) == []


def test_query_filters_for_the_beheerder(database, sanne, petra):
    fill(database, sanne, petra, count=8)
    everything = audit.query(database)
    assert [e.id for e in everything] == list(range(8, 0, -1))
    assert everything[-1].staff_name == "Sanne de Vries"
    assert everything[0].staff_name is None
    assert {e.id for e in audit.query(database, staff_id=petra.staff_id)} == {2, 4, 6}
    assert {e.id for e in audit.query(database, person_id=6)} == {3, 5, 7}
    assert {e.id for e in audit.query(database, action=Action.VIEW)} == {3, 5, 7}
    assert [e.id for e in audit.query(database, limit=2)] == [8, 7]
    middle = everything[4].occurred_at
    assert {e.id for e in audit.query(database, since=middle)} == {4, 5, 6, 7, 8}
    assert {e.id for e in audit.query(database, until=middle)} == {1, 2, 3}
    future = dt.datetime.now(dt.UTC) + dt.timedelta(days=1)
    assert audit.query(database, since=future) == []


ARABIC = re.compile("[\u0600-\u06ff]")
ETHIOPIC = re.compile("[\u1200-\u137f]")


@pytest.mark.parametrize("language", ["ar", "ti"])
def test_person_report_is_in_the_persons_language(database, sanne, petra, language):
    audit.record(database, Action.SIGN_IN, staff=sanne)
    audit.record(database, Action.VIEW, staff=sanne, person_id=5)
    audit.record(database, Action.VIEW, staff=sanne, person_id=6)
    audit.record(database, Action.PRINT, staff=petra, person_id=5)
    audit.record(database, Action.VIEW, result=Result.DENIED, staff=petra, person_id=5)
    # The interface is in English; the report follows the person's language.
    i18n.set_language("en")
    report = audit.person_report(database, 5, language)
    assert len(report) == 3
    script = ARABIC if language == "ar" else ETHIOPIC
    municipality = i18n.gettext_in(language, "De gemeente")
    assert script.search(municipality)
    assert municipality in report[0]
    first = audit.query(database, person_id=5)[-1]
    day = i18n.format_date(first.occurred_at.astimezone().date(), language, format="long")
    # The month is written out in the person's script.
    assert day in report[0] and script.search(day)
    date = audit.when(first.occurred_at, language)
    assert report[0] == i18n.gettext_in(
        language, "{date}: {organisation} heeft uw gegevens bekeken.").format(
        date=i18n.isolate(date), organisation=i18n.isolate(municipality))
    joined = "\n".join(report)
    for leak in ("Sanne", "Petra", "The municipality", "Gemeente", "viewed"):
        assert leak not in joined
    assert i18n.gettext_in(
        language, "{date}: {organisation} wilde uw gegevens gebruiken, maar kreeg geen toegang."
    ).split("{organisation}")[1] in report[2]


def test_person_report_in_dutch_reads_as_sentences(database, sanne):
    audit.record(database, Action.VIEW, staff=sanne, person_id=5)
    audit.record(database, Action.EXPORT, staff=None, person_id=5)
    report = [i18n.strip_isolation(line) for line in audit.person_report(database, 5, "nl")]
    assert report[0].endswith(": De gemeente heeft uw gegevens bekeken.")
    assert report[1].endswith(": Een medewerker heeft een kopie van al uw gegevens gemaakt.")


def test_appends_from_several_threads_keep_one_chain(database, sanne):
    import threading

    errors = []

    def work(number):
        try:
            for n in range(15):
                audit.record(database, Action.VIEW, staff=sanne, person_id=number, detail=str(n))
        except Exception as exc:  # noqa: BLE001 - collected for the assertion below
            errors.append(exc)

    threads = [threading.Thread(target=work, args=(n,)) for n in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert audit.verify(database) == audit.ChainReport(True, 60)
