"""Everything about one person: JSON that round-trips, and a readable PDF in their language."""

from __future__ import annotations

import datetime as dt
import io
import json
import re

import pypdf

from intake_desktop import i18n
from intake_desktop.plan.copies import Copy
from intake_desktop.privacy import consent, private_notes
from intake_desktop.privacy.export import export_json, export_pdf, export_person
from intake_desktop.security import audit
from intake_desktop.store.choices import Organisation, Owner, Partner

from .conftest import new_plan

SUMMARY = "Werkte zeven jaar als kapper in Aleppo."
GOAL = "أريد أن أعمل حلاقة في هولندا"
NOTE = "Vertelde alleen het wijkteam over de schuld"


def build(database, questionnaire, staff):
    plan = new_plan(database, questionnaire)
    werk = questionnaire.domain("werk")
    plan.intake.answer("werk.beschrijving", "Kapper, zeven jaar")
    scale = next(q for q in werk.all_questions if q.type.value == "scale")
    plan.intake.answer(scale.id, 3)
    single = next(q for q in questionnaire.questions if q.type.value == "single")
    plan.intake.answer(single.id, single.options[0].id)
    plan.set_goal(werk, GOAL, language="ar")
    plan.set_summary(werk, SUMMARY)
    plan.add_action(werk, description="Cv maken", owner=Owner.VLUCHTELINGENWERK,
                    due_date=dt.date(2027, 1, 15))
    plan.update_fields(lead=Partner.WIJKTEAM, lead_reason="Zorg gaat voor")
    private_notes.add(database, plan.intake_id, Partner.WIJKTEAM, NOTE, actor=staff["wijkteam"])
    person_id = plan.intake.summary.person_id
    consent.give(database, person_id, consent.Topic.SHARING, [Partner.GEMEENTE, Partner.WIJKTEAM],
                 "Sanne de Vries", "ar", actor=staff["gemeente"])
    plan.record_print(plan.snapshot(), printed_by="Sanne de Vries",
                      organisation=Organisation.GEMEENTE, copies=[Copy.PERSON, Copy.WIJKTEAM],
                      destination="pdf")
    audit.record(database, audit.Action.VIEW, staff=staff["gemeente"], person_id=person_id)
    audit.record(database, audit.Action.PRINT, staff=staff["gemeente"], person_id=person_id)
    return plan, person_id, single, scale


def test_export_has_everything_and_round_trips(database, questionnaire, staff):
    plan, person_id, single, scale = build(database, questionnaire, staff)
    other = new_plan(database, questionnaire, "Other", "Person", "nl")
    other.intake.answer("werk.beschrijving", "Niet van Hanan")

    data = export_person(database, questionnaire, person_id)

    assert json.loads(json.dumps(data)) == data
    assert json.loads(export_json(data).decode("utf-8")) == data
    assert data["person"]["given_names"] == "Hanan" and data["person"]["date_of_birth"] == "1985-02-03"
    [intake] = data["intakes"]
    answers = {a["question_id"]: a for a in intake["answers"]}
    assert "Niet van Hanan" not in json.dumps(data, ensure_ascii=False)
    described = answers["werk.beschrijving"]
    assert described["value"] == "Kapper, zeven jaar" and "text" not in described
    assert described["question"] == questionnaire.question("werk.beschrijving").text
    assert described["domain_title"] == questionnaire.domain("werk").title
    chosen = answers[single.id]
    assert chosen["text"]["nl"] == single.options[0].text
    assert chosen["text"]["ar"] == i18n.gettext_in("ar", single.options[0].text)
    assert answers[scale.id]["value"] == 3
    # Questionnaire order, not the order of answering.
    order = [q.id for q in questionnaire.questions]
    ids = [a["question_id"] for a in intake["answers"]]
    assert ids == sorted(ids, key=order.index)
    assert intake["plan"]["lead"] == "wijkteam" and intake["plan"]["lead_reason"] == "Zorg gaat voor"
    assert [d["summary"] for d in intake["plan_domains"]] == [SUMMARY]
    assert [(a["description"], a["due_date"]) for a in intake["actions"]] == [("Cv maken", "2027-01-15")]
    [version] = intake["versions"]
    assert version["number"] == 1 and version["content"]["person"]["name"] == "Hanan Ali"
    assert version["prints"][0]["copies"] == ["person", "wijkteam"]
    assert "printed_by" not in version["prints"][0]
    assert [n["text"] for n in intake["private_notes"]] == [NOTE]
    assert data["consents"][0]["shared_with"] == ["gemeente", "wijkteam"]
    actions = [e["action"] for e in data["access_log"]]
    assert actions == ["create", "consent", "view", "print"]
    # Staff names stay out of the access log part.
    assert "Sanne" not in json.dumps(data["access_log"])


ARABIC = re.compile("[\u0600-\u06ff\ufe70-\ufeff]")


def pdf_text(data: bytes) -> tuple[int, str]:
    reader = pypdf.PdfReader(io.BytesIO(data))
    text = " ".join(" ".join(p.extract_text().split()) for p in reader.pages)
    return len(reader.pages), i18n.strip_isolation(text)


def test_export_pdf_is_readable_in_the_persons_language(database, questionnaire, staff):
    plan, person_id, single, _scale = build(database, questionnaire, staff)
    data = export_person(database, questionnaire, person_id)

    pages, text = pdf_text(export_pdf(data, "nl"))
    assert pages >= 2
    for expected in ("Uw gegevens", "Hanan Ali", "Kapper, zeven jaar", SUMMARY, "Cv maken", NOTE,
                     "Uw toestemmingen", "Sanne de Vries", "De gemeente heeft uw gegevens bekeken",
                     questionnaire.question("werk.beschrijving").text, single.options[0].text,
                     "Plan van aanpak", "Versie 1"):
        assert expected in text, expected

    pages, text = pdf_text(export_pdf(data, "ar"))
    assert pages >= 2
    # Dutch beside the person's language; Arabic letters come back as presentation forms.
    assert "Uw gegevens" in text and "Kapper, zeven jaar" in text
    assert ARABIC.search(text)
    assert pypdf.PdfReader(io.BytesIO(export_pdf(data, "ti"))).metadata.title == "Gegevens"


def test_export_of_a_person_with_nothing_yet(database, questionnaire):
    plan = new_plan(database, questionnaire, "Leeg", "Dossier", "ti")
    data = export_person(database, questionnaire, plan.intake.summary.person_id)
    assert data["intakes"][0]["answers"] == [] and data["consents"] == []
    pages, _text = pdf_text(export_pdf(data, "ti"))
    assert pages >= 1
