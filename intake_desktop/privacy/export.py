"""Everything about one person, for their right of access and to data portability (AVG 15, 20).

``export_person`` gathers it as JSON-ready data (the machine-readable copy);
``export_pdf`` sets the same data as a readable A4 document in the person's
language with Dutch beside it. Neither writes the access log: the caller
records Action.EXPORT once the file has been written where the person wants it.

Staff names are left out of the print records and the access log, as in
``audit.person_report``: the organisation is what the person can act on. Who
explained a consent stays in, because that is part of the consent itself.
"""

from __future__ import annotations

import datetime as dt
import io
import json

from intake_desktop import i18n
from intake_desktop.i18n import N_, gettext_in, isolate
from intake_desktop.security import audit

EXPORT_FORMAT = 1


def _iso(value: dt.date | dt.datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


def _title(questionnaire, domain_id: str | None) -> str | None:
    if not domain_id:
        return None
    try:
        return questionnaire.domain(domain_id).title
    except KeyError:
        return None


def _answer(questionnaire, row, order: dict[str, int]) -> dict:
    from intake_desktop.intake.answer_text import answer_text
    from intake_desktop.questionnaire import AnswerType

    value = json.loads(row.value_json)
    entry = {
        "question_id": row.question_id,
        "domain_id": row.question_id.partition(".")[0],
        "domain_title": None,
        "question": None,
        "value": value,
        "language": row.language,
        "answered_at": _iso(row.answered_at),
    }
    try:
        question = questionnaire.question(row.question_id)
    except KeyError:
        # The questionnaire changed since: the stored value is all there is.
        return entry
    entry["domain_title"] = _title(questionnaire, question.domain_id)
    entry["question"] = question.text
    if question.type is not AnswerType.TEXT:
        try:
            normalized = question.normalize(value)
            entry["text"] = {language: answer_text(question, normalized, language)
                             for language in i18n.LANGUAGES}
        except (KeyError, ValueError, TypeError):
            pass
    entry["_order"] = order.get(row.question_id, len(order))
    return entry


def export_person(database, questionnaire, person_id: int) -> dict:
    """Everything stored about one person, read in one transaction, as JSON-ready data."""
    from sqlalchemy import select

    from intake_desktop.plan.copies import Copy
    from intake_desktop.store.models import (
        Answer,
        AuditEvent,
        Consent,
        Intake,
        Person,
        Plan,
        PlanDomain,
        PlanItem,
        PlanVersion,
        PrivateNote,
    )

    order = {q.id: index for index, q in enumerate(questionnaire.questions)}
    with database.session() as session, session.begin():
        person = session.get(Person, person_id)
        if person is None:
            raise LookupError(f"no person {person_id}")
        intakes = []
        for intake in session.scalars(
                select(Intake).where(Intake.person_id == person_id).order_by(Intake.started_at)):
            answers = [_answer(questionnaire, row, order) for row in session.scalars(
                select(Answer).where(Answer.intake_id == intake.id))]
            answers.sort(key=lambda a: (a.pop("_order", len(order)), a["question_id"]))
            plan = session.get(Plan, intake.id)
            intakes.append({
                "id": intake.id,
                "status": intake.status.value,
                "started_at": _iso(intake.started_at),
                "updated_at": _iso(intake.updated_at),
                "answers": answers,
                "plan": None if plan is None else {
                    "lead": plan.lead.value if plan.lead else None,
                    "lead_reason": plan.lead_reason,
                    "leerroute": plan.leerroute.value if plan.leerroute else None,
                    "pip": json.loads(plan.pip_json),
                    "next_evaluation": _iso(plan.next_evaluation),
                    "updated_at": _iso(plan.updated_at),
                },
                "plan_domains": [
                    {
                        "domain_id": row.domain_id,
                        "domain_title": _title(questionnaire, row.domain_id),
                        "summary": row.summary,
                        "shared_with": (None if row.shared_with_json is None
                                        else json.loads(row.shared_with_json)),
                    }
                    for row in session.scalars(select(PlanDomain).where(
                        PlanDomain.intake_id == intake.id).order_by(PlanDomain.domain_id))
                ],
                "actions": [
                    {
                        "domain_id": row.domain_id,
                        "domain_title": _title(questionnaire, row.domain_id),
                        "description": row.description,
                        "owner": row.owner.value,
                        "owner_name": row.owner_name,
                        "due_date": _iso(row.due_date),
                        "status": row.status.value,
                        "created_at": _iso(row.created_at),
                        "updated_at": _iso(row.updated_at),
                    }
                    for row in session.scalars(select(PlanItem).where(
                        PlanItem.intake_id == intake.id)
                        .order_by(PlanItem.domain_id, PlanItem.position, PlanItem.id))
                ],
                "versions": [
                    {
                        "number": version.number,
                        "created_at": _iso(version.created_at),
                        "content": json.loads(version.content_json),
                        "prints": [
                            {
                                "printed_at": _iso(p.printed_at),
                                "organisation": p.organisation.value if p.organisation else None,
                                "copies": [c for c in p.copies.split(",") if c in
                                           Copy._value2member_map_],
                                "destination": p.destination,
                            }
                            for p in version.prints
                        ],
                    }
                    for version in session.scalars(select(PlanVersion).where(
                        PlanVersion.intake_id == intake.id).order_by(PlanVersion.number))
                ],
                "private_notes": [
                    {
                        "domain_id": row.domain_id,
                        "domain_title": _title(questionnaire, row.domain_id),
                        "partner": row.partner.value,
                        "text": row.text,
                        "created_at": _iso(row.created_at),
                        "updated_at": _iso(row.updated_at),
                    }
                    for row in session.scalars(select(PrivateNote).where(
                        PrivateNote.intake_id == intake.id)
                        .order_by(PrivateNote.created_at, PrivateNote.id))
                ],
            })
        consents = [
            {
                "id": row.id,
                "topic": row.topic,
                "shared_with": json.loads(row.shared_with_json),
                "explained_by": row.explained_by,
                "language": row.language,
                "given_at": _iso(row.given_at),
                "withdrawn_at": _iso(row.withdrawn_at),
            }
            for row in session.scalars(select(Consent).where(Consent.person_id == person_id)
                                       .order_by(Consent.given_at, Consent.id))
        ]
        access_log = [
            {
                "occurred_at": _iso(row.occurred_at),
                "organisation": row.organisation,
                "action": row.action,
                "result": row.result,
            }
            for row in session.scalars(select(AuditEvent).where(AuditEvent.person_id == person_id)
                                       .order_by(AuditEvent.id))
        ]
        return {
            "format": EXPORT_FORMAT,
            "exported_at": _iso(dt.datetime.now(dt.UTC)),
            "person": {
                "id": person.id,
                "given_names": person.given_names,
                "family_name": person.family_name,
                "date_of_birth": _iso(person.date_of_birth),
                "preferred_language": person.preferred_language,
                "created_at": _iso(person.created_at),
            },
            "intakes": intakes,
            "consents": consents,
            "access_log": access_log,
        }


def export_json(data: dict) -> bytes:
    """The machine-readable file: UTF-8 JSON, readable in any text editor."""
    return json.dumps(data, ensure_ascii=False, indent=2, sort_keys=False).encode("utf-8")


# --- the readable PDF ------------------------------------------------------------------------

def _t(language: str, message: str, /, **values) -> str:
    """A message in ``language``; a value given as a function of the language is called."""
    text = gettext_in(language, message)
    if not values:
        return text
    return text.format(**{k: isolate(v(language) if callable(v) else v)
                          for k, v in values.items()})


def _date(iso: str | None, language: str) -> str:
    if not iso:
        return "—"
    if "T" in iso:
        return audit.when(dt.datetime.fromisoformat(iso), language)
    return i18n.format_date(dt.date.fromisoformat(iso), language, format="long")


class _Writer:
    """Builds the story: each text in the reader's language, Dutch below it in grey."""

    def __init__(self, language: str) -> None:
        from reportlab.lib import colors

        self.language = language
        self.languages = (language,) if language == "nl" else (language, "nl")
        self.ink = colors.HexColor("#1d2733")
        self.muted = colors.HexColor("#5b6673")
        self.accent = colors.HexColor("#1f5f8b")
        self.story: list = []

    def _direction(self, language: str) -> str:
        return "rtl" if i18n.is_rtl(language) else "ltr"

    def _blocks(self, texts: dict[str, str], size: float, bold: bool, color) -> list:
        from intake_desktop.printing.bidi_text import TextBlock

        return [TextBlock(texts[language], size=size if language == self.language else size - 1,
                          bold=bold, direction=self._direction(language),
                          color=color if language == self.language else self.muted)
                for language in self.languages]

    def space(self, millimetres: float) -> None:
        from reportlab.lib.units import mm
        from reportlab.platypus import Spacer

        self.story.append(Spacer(0, millimetres * mm))

    def texts(self, message: str, /, **values) -> dict[str, str]:
        return {language: _t(language, message, **values) for language in self.languages}

    def title(self, message: str, **values) -> None:
        self.story += self._blocks(self.texts(message, **values), 18, True, self.accent)
        self.space(3)

    def heading(self, message: str, **values) -> None:
        from reportlab.lib.units import mm
        from reportlab.platypus import CondPageBreak

        self.story.append(CondPageBreak(30 * mm))
        self.space(4)
        self.story += self._blocks(self.texts(message, **values), 14, True, self.accent)
        self.space(2)

    def subheading(self, message: str, **values) -> None:
        self.space(2)
        self.story += self._blocks(self.texts(message, **values), 11, True, self.ink)
        self.space(1)

    def line(self, message: str, size: float = 9.5, bold: bool = False, **values) -> None:
        self.story += self._blocks(self.texts(message, **values), size, bold, self.ink)

    def localized(self, texts: dict[str, str], size: float = 9.5, bold: bool = False) -> None:
        self.story += self._blocks(texts, size, bold, self.ink)

    def typed(self, text: str | None, bold: bool = False) -> None:
        """Text someone typed: shown once, as typed, in its own direction."""
        from intake_desktop.printing.bidi_text import TextBlock, clean_text
        from intake_desktop.printing.plan_document import typed_direction

        cleaned = clean_text(text or "")
        self.story.append(TextBlock(cleaned or "—", size=10, bold=bold, color=self.ink,
                                    direction=typed_direction(cleaned)))

    def pairs(self, label: str, value: dict[str, str]) -> None:
        """"Label: value" in each language."""
        self.localized({language: f"{_t(language, label)}: {value[language]}"
                        for language in self.languages})

    def per_language(self, make) -> dict[str, str]:
        return {language: make(language) for language in self.languages}


def _answers(writer: _Writer, answers: list[dict]) -> None:
    domain = object()
    for answer in answers:
        if answer["domain_title"] != domain:
            domain = answer["domain_title"]
            if domain:
                writer.subheading(domain)
            else:
                writer.subheading(N_("Andere antwoorden"))
        writer.space(1)
        if answer["question"]:
            writer.line(answer["question"], size=9, bold=True)
        else:
            writer.line(N_("Vraag {id} (staat niet meer in de vragenlijst)"), size=9, bold=True,
                        id=answer["question_id"])
        if "text" in answer:
            writer.localized({language: answer["text"][language]
                              for language in writer.languages}, size=10)
        elif isinstance(answer["value"], str):
            writer.typed(answer["value"])
        else:
            writer.typed(json.dumps(answer["value"], ensure_ascii=False))


def _plan(writer: _Writer, intake: dict) -> None:
    from intake_desktop.plan.labels import (
        LEERROUTE_NAMES,
        OWNER_NAMES,
        PARTNER_NAMES,
        PIP_NAMES,
        STATUS_NAMES,
    )
    from intake_desktop.store.choices import ActionStatus, Leerroute, Owner, Partner, PipElement

    plan, summaries = intake["plan"], [d for d in intake["plan_domains"] if d["summary"]]
    if not (plan or summaries or intake["actions"]):
        return
    writer.subheading(N_("Plan van aanpak"))
    if plan:
        if plan["lead"]:
            writer.pairs(N_("Regie"), writer.per_language(
                lambda lang: _t(lang, PARTNER_NAMES[Partner(plan["lead"])])))
            if plan["lead_reason"]:
                writer.typed(plan["lead_reason"])
        if plan["leerroute"]:
            writer.pairs(N_("Leerroute"), writer.per_language(
                lambda lang: _t(lang, LEERROUTE_NAMES[Leerroute(plan["leerroute"])])))
        for element in plan["pip"]:
            writer.pairs(N_("In het PIP"), writer.per_language(
                lambda lang, e=element: _t(lang, PIP_NAMES[PipElement(e)])))
        if plan["next_evaluation"]:
            writer.pairs(N_("Volgende evaluatie"), writer.per_language(
                lambda lang: _date(plan["next_evaluation"], lang)))
    for entry in summaries:
        writer.space(1.5)
        writer.line(entry["domain_title"] or entry["domain_id"], size=9, bold=True)
        writer.typed(entry["summary"])
    if intake["actions"]:
        writer.space(1.5)
        writer.line(N_("Wie doet wat"), size=9, bold=True)
        for action in intake["actions"]:
            writer.space(1)
            writer.typed(action["description"], bold=True)
            owner = Owner(action["owner"])
            writer.localized(writer.per_language(lambda lang, a=action, o=owner: " · ".join(filter(None, [
                _t(lang, OWNER_NAMES[o]), a["owner_name"] or "",
                _date(a["due_date"], lang) if a["due_date"] else "",
                _t(lang, STATUS_NAMES[ActionStatus(a["status"])]),
            ]))), size=9)


def _versions(writer: _Writer, versions: list[dict]) -> None:
    from intake_desktop.plan.copies import COPY_NAMES, Copy

    if not versions:
        return
    writer.subheading(N_("Afgedrukte versies van het plan"))
    for version in versions:
        writer.line(N_("Versie {number}, gemaakt op {date}"), bold=True,
                    number=version["number"],
                    date=lambda lang, v=version: _date(v["created_at"], lang))
        for printed in version["prints"]:
            writer.localized(writer.per_language(lambda lang, p=printed: _t(
                lang, N_("{date}: afgedrukt ({copies})"), date=_date(p["printed_at"], lang),
                copies=", ".join(_t(lang, COPY_NAMES[Copy(c)]) for c in p["copies"]))), size=9)


def _private_notes(writer: _Writer, notes: list[dict]) -> None:
    from intake_desktop.plan.labels import PARTNER_NAMES
    from intake_desktop.store.choices import Partner

    if not notes:
        return
    writer.subheading(N_("Wat u aan één organisatie alleen hebt verteld"))
    for note in notes:
        writer.space(1)
        writer.localized(writer.per_language(lambda lang, n=note: " · ".join(filter(None, [
            _t(lang, PARTNER_NAMES[Partner(n["partner"])]),
            _t(lang, n["domain_title"]) if n["domain_title"] else "",
        ]))), size=9, bold=True)
        writer.typed(note["text"])


def _consents(writer: _Writer, consents: list[dict]) -> None:
    from intake_desktop.plan.labels import PARTNER_NAMES
    from intake_desktop.printing.bidi_text import clean_text
    from intake_desktop.privacy.consent import TOPIC_NAMES, Topic
    from intake_desktop.store.choices import Partner

    writer.heading(N_("Uw toestemmingen"))
    if not consents:
        writer.line(N_("U hebt (nog) geen toestemming vastgelegd."))
        return
    for consent in consents:
        writer.space(1.5)
        topic = consent["topic"]
        name = TOPIC_NAMES.get(Topic(topic)) if topic in Topic._value2member_map_ else None
        if name:
            writer.line(name, bold=True)
        else:
            writer.typed(topic, bold=True)
        writer.line(N_("Gedeeld met: {partners}"), size=9, partners=lambda lang, c=consent: ", ".join(
            _t(lang, PARTNER_NAMES[Partner(p)]) for p in c["shared_with"]) or "—")
        # Language names are autonyms, the same in every language.
        writer.line(N_("Uitgelegd door {name}, in deze taal: {spoken}"), size=9,
                    # Typed by staff: cleaned so it cannot reorder the sentence around it.
                    name=clean_text(consent["explained_by"]),
                    spoken=i18n.LANGUAGE_NAMES.get(consent["language"], consent["language"]))
        writer.line(N_("Gegeven op {date}"), size=9,
                    date=lambda lang, c=consent: _date(c["given_at"], lang))
        if consent["withdrawn_at"]:
            writer.line(N_("Ingetrokken op {date}"), size=9,
                        date=lambda lang, c=consent: _date(c["withdrawn_at"], lang))
        else:
            writer.line(N_("Deze toestemming geldt nog."), size=9)


def export_pdf(data: dict, language: str) -> bytes:
    """The export as a readable A4 PDF in ``language``, with Dutch below each text."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import mm
    from reportlab.platypus import PageBreak, SimpleDocTemplate

    from intake_desktop.printing.bidi_text import TextBlock
    from intake_desktop.printing.fonts import register_fonts

    if language not in i18n.LANGUAGES:
        raise ValueError(f"unsupported language: {language!r}")
    register_fonts()
    writer = _Writer(language)
    person = data["person"]
    name = f"{person['given_names']} {person['family_name']}"

    writer.title(N_("Uw gegevens"))
    writer.line(N_("Alles wat Intake Desktop op {date} over u bewaarde."),
                date=lambda lang: _date(data["exported_at"][:10], lang))

    writer.heading(N_("Over u"))
    writer.typed(name, bold=True)
    if person["date_of_birth"]:
        writer.pairs(N_("Geboortedatum"), writer.per_language(
            lambda lang: _date(person["date_of_birth"], lang)))
    writer.pairs(N_("Taal"), writer.per_language(
        lambda lang: i18n.LANGUAGE_NAMES.get(person["preferred_language"], "—")))
    writer.pairs(N_("Vastgelegd op"), writer.per_language(
        lambda lang: _date(person["created_at"], lang)))

    for intake in data["intakes"]:
        writer.story.append(PageBreak())
        writer.heading(N_("Intake van {date}"),
                       date=lambda lang, i=intake: _date(i["started_at"][:10], lang))
        _answers(writer, intake["answers"])
        _plan(writer, intake)
        _versions(writer, intake["versions"])
        _private_notes(writer, intake["private_notes"])

    _consents(writer, data["consents"])

    writer.heading(N_("Wie uw gegevens heeft gebruikt"))
    if data["access_log"]:
        for entry in data["access_log"]:
            writer.localized(writer.per_language(lambda lang, e=entry: audit.describe(
                dt.datetime.fromisoformat(e["occurred_at"]), e["organisation"], e["action"],
                e["result"], lang)), size=9)
    else:
        writer.line(N_("Er staat niets over u in het toegangslogboek."), size=9)

    def decorate(canvas, document) -> None:
        canvas.saveState()
        y = 12 * mm
        for lang in writer.languages:
            block = TextBlock(_t(lang, N_("Uw gegevens · pagina {page}"), page=document.page),
                              size=7.5, color=writer.muted,
                              direction="rtl" if i18n.is_rtl(lang) else "ltr")
            _w, height = block.wrap(A4[0] - 36 * mm, 20 * mm)
            block.drawOn(canvas, 18 * mm, y - height)
            y -= 4 * mm
        canvas.restoreState()

    buffer = io.BytesIO()
    # Like the printed plan, the metadata says what the document is, never whom it is about.
    document = SimpleDocTemplate(
        buffer, pagesize=A4, leftMargin=18 * mm, rightMargin=18 * mm, topMargin=18 * mm,
        bottomMargin=24 * mm, title="Gegevens", author="", subject="", keywords="",
        creator="Intake Desktop",
    )
    document.build(writer.story, onFirstPage=decorate, onLaterPages=decorate)
    return buffer.getvalue()

