"""The private part: a note for one partner, only in that partner's printed copy."""

from __future__ import annotations

import datetime as dt
import io

import pypdf
import pytest

from intake_desktop.i18n import strip_isolation
from intake_desktop.plan.copies import Copy, included_private_notes
from intake_desktop.printing.plan_document import PrintInfo, render_plan
from intake_desktop.privacy import private_notes
from intake_desktop.security import audit
from intake_desktop.store.choices import Organisation, Partner

WIJKTEAM_NOTE = "Vertelde alleen het wijkteam over schulden bij Karimzadeh"
WIJKTEAM_NOTE_2 = "Slaapt slecht sinds de overtocht"
GEMEENTE_NOTE = "Wil het gemeentelijke traject nog niet aan VWN vertellen"
INFO = PrintInfo(version=1, printed_at=dt.datetime(2026, 11, 23, 10, 0, tzinfo=dt.UTC))


def text_of(data: bytes) -> str:
    pages = pypdf.PdfReader(io.BytesIO(data)).pages
    return strip_isolation(" ".join(" ".join(p.extract_text().split()) for p in pages))


def test_notes_are_kept_per_partner_and_logged(database, plan, staff):
    petra, sanne = staff["wijkteam"], staff["gemeente"]
    first = private_notes.add(database, plan.intake_id, Partner.WIJKTEAM, WIJKTEAM_NOTE,
                              actor=petra, domain_id="financien")
    private_notes.add(database, plan.intake_id, Partner.GEMEENTE, GEMEENTE_NOTE, actor=sanne)
    assert [n.text for n in private_notes.notes_for(database, plan.intake_id, "wijkteam")] == [
        WIJKTEAM_NOTE]
    assert [n.text for n in private_notes.notes_for(database, plan.intake_id, Partner.GEMEENTE)] == [
        GEMEENTE_NOTE]
    assert private_notes.notes_for(database, plan.intake_id, Partner.VLUCHTELINGENWERK) == []

    changed = private_notes.update(database, first.id, WIJKTEAM_NOTE + ".", actor=petra)
    assert changed.text == WIJKTEAM_NOTE + "." and changed.updated_at >= first.updated_at
    private_notes.remove(database, first.id, actor=petra)
    assert private_notes.notes_for(database, plan.intake_id, Partner.WIJKTEAM) == []

    person_id = plan.intake.summary.person_id
    entries = list(reversed(audit.query(database, person_id=person_id)))
    assert [(e.action, e.result, e.staff_id) for e in entries] == [
        ("create", "success", petra.staff_id), ("create", "success", sanne.staff_id),
        ("change", "success", petra.staff_id), ("delete", "success", petra.staff_id),
    ]
    # The log says which note, never what it says.
    assert all("Karimzadeh" not in (e.detail or "") for e in entries)


def test_only_that_partners_staff_may_handle_a_note(database, plan, staff):
    note = private_notes.add(database, plan.intake_id, Partner.WIJKTEAM, WIJKTEAM_NOTE,
                             actor=staff["wijkteam"])
    for attempt in (
        lambda: private_notes.add(database, plan.intake_id, Partner.WIJKTEAM, "x",
                                  actor=staff["gemeente"]),
        lambda: private_notes.update(database, note.id, "x", actor=staff["vluchtelingenwerk"]),
        lambda: private_notes.remove(database, note.id, actor=staff["gemeente"]),
        lambda: private_notes.remove(database, note.id, actor=None),
    ):
        with pytest.raises(PermissionError):
            attempt()
    assert [n.text for n in private_notes.all_notes(database, plan.intake_id)] == [WIJKTEAM_NOTE]
    denied = audit.query(database, person_id=plan.intake.summary.person_id)
    assert [e.result for e in denied][:4] == ["denied"] * 4
    assert private_notes.partner_of(Organisation.OTHER) is None
    assert private_notes.partner_of("wijkteam") is Partner.WIJKTEAM
    with pytest.raises(ValueError):
        private_notes.add(database, plan.intake_id, Partner.WIJKTEAM, "  ", actor=staff["wijkteam"])


def test_snapshot_has_every_note_and_each_copy_only_its_own(database, plan, staff):
    assert "private_notes" not in plan.snapshot()
    private_notes.add(database, plan.intake_id, Partner.WIJKTEAM, WIJKTEAM_NOTE,
                      actor=staff["wijkteam"], domain_id="financien")
    private_notes.add(database, plan.intake_id, Partner.WIJKTEAM, WIJKTEAM_NOTE_2,
                      actor=staff["wijkteam"])
    private_notes.add(database, plan.intake_id, Partner.GEMEENTE, GEMEENTE_NOTE,
                      actor=staff["gemeente"])
    snapshot = plan.snapshot()
    assert snapshot["private_notes"] == [
        {"domain_id": None, "domain_title": None, "partner": "gemeente", "text": GEMEENTE_NOTE},
        {"domain_id": "financien", "domain_title": plan.questionnaire.domain("financien").title,
         "partner": "wijkteam", "text": WIJKTEAM_NOTE},
        {"domain_id": None, "domain_title": None, "partner": "wijkteam", "text": WIJKTEAM_NOTE_2},
    ]
    assert included_private_notes(snapshot, Copy.PERSON) == []
    assert included_private_notes(snapshot, Copy.VLUCHTELINGENWERK) == []
    assert [n["text"] for n in included_private_notes(snapshot, Copy.WIJKTEAM)] == [
        WIJKTEAM_NOTE, WIJKTEAM_NOTE_2]

    copies = {copy: text_of(render_plan(snapshot, [copy], INFO)) for copy in Copy}
    wijkteam = copies[Copy.WIJKTEAM]
    assert "Alleen voor Sociaal wijkteam" in wijkteam
    assert WIJKTEAM_NOTE in wijkteam and WIJKTEAM_NOTE_2 in wijkteam
    assert "Financiën" in wijkteam.split("Alleen voor Sociaal wijkteam")[1]
    assert GEMEENTE_NOTE not in wijkteam
    gemeente = copies[Copy.GEMEENTE]
    assert "Alleen voor Gemeente" in gemeente and GEMEENTE_NOTE in gemeente
    assert WIJKTEAM_NOTE not in gemeente and "Alleen voor Sociaal wijkteam" not in gemeente
    for copy in (Copy.PERSON, Copy.VLUCHTELINGENWERK):
        assert "Alleen voor" not in copies[copy]
        for note in (WIJKTEAM_NOTE, WIJKTEAM_NOTE_2, GEMEENTE_NOTE):
            assert note not in copies[copy]
    # All copies in one print: each note still only in its own copy.
    together = render_plan(snapshot, [Copy.PERSON, Copy.GEMEENTE, Copy.WIJKTEAM], INFO)
    pages = [strip_isolation(" ".join(p.extract_text().split()))
             for p in pypdf.PdfReader(io.BytesIO(together)).pages]
    with_gemeente_note = [p for p in pages if GEMEENTE_NOTE in p]
    assert with_gemeente_note and all("Exemplaar voor de gemeente" in p for p in with_gemeente_note)
    with_wijkteam_note = [p for p in pages if WIJKTEAM_NOTE in p]
    assert with_wijkteam_note and all("Exemplaar voor het sociaal wijkteam" in p
                                      for p in with_wijkteam_note)
