"""A full fictional plan, for the self-check and the benchmark.

Every scored leefdomein has scores, a summary, a goal in the person's
language and actions for each kind of owner, so one render touches every
part of the document: both scripts, wrapping, the chart, the tables.
"""

from __future__ import annotations

import datetime as dt

from intake_desktop.plan.copies import Copy
from intake_desktop.store.choices import ActionStatus, Owner, Partner

GOALS = {
    "nl": "Ik wil goed Nederlands leren en daarna werk vinden dat bij mij past.",
    "en": "I want to learn Dutch well and then find work that suits me.",
    "ar": "أريد أن أتعلم اللغة الهولندية جيداً، ثم أجد عملاً يناسبني.",
    "ti": "ቋንቋ ሆላንድ ጽቡቕ ክመሃርን ድሕሪኡ ዝሰማማዓኒ ስራሕ ክረክብን እደሊ።",
}

NAMES = {
    "nl": "Sara de Wit",
    "en": "Samir Haidari",
    "ar": "ريم الحسن",
    "ti": "ሰላም ተስፋይ",
}

SUMMARY = (
    "Woont sinds drie maanden in de gemeente, samen met twee kinderen. Volgt nog geen "
    "taalles; wil graag snel beginnen. Heeft in Syrië als kapper gewerkt (Aleppo, 2009-2015)."
)


def sample_snapshot(language: str, today: dt.date | None = None) -> dict:
    from intake_desktop.questionnaire import load_questionnaire

    today = today or dt.date(2026, 11, 23)
    questionnaire = load_questionnaire()
    scales = questionnaire.scales
    owners = list(Owner)
    domains = []
    for index, domain in enumerate(questionnaire.scored_domains):
        team, person = 1 + index % 5, 1 + (index + 2) % 5
        domains.append({
            "id": domain.id,
            "title": domain.title,
            "pictogram": domain.pictogram,
            "team_score": team,
            "team_level": scales.team_levels[team],
            "person_score": person,
            "person_label": scales.person_labels[person],
            "goal": GOALS[language],
            "summary": SUMMARY,
            "shared_with": [p.value for p in Partner if index % 4 or p is Partner.WIJKTEAM],
            "actions": [
                {
                    "description": "Aanmelden bij het taalcafé in de bibliotheek en een "
                                   "taalmaatje zoeken" if n == 0 else GOALS[language],
                    "owner": owners[(index + n) % len(owners)].value,
                    "owner_name": "Taalcafé De Brug" if owners[(index + n) % len(owners)]
                    is Owner.OTHER else "",
                    "due_date": (today + dt.timedelta(days=14 * (index + n + 1))).isoformat(),
                    "status": list(ActionStatus)[(index + n) % 3].value,
                }
                for n in range(2)
            ],
        })
    return {
        "format": 1,
        "person": {"name": NAMES[language], "date_of_birth": "1988-04-12", "language": language},
        "intake_date": today.isoformat(),
        "lead": Partner.WIJKTEAM.value,
        "lead_reason": "Zorg gaat nu voor: slaapproblemen en schulden.",
        "leerroute": "b1",
        "pip": ["knm", "map", "ontzorgen", "pvt"],
        "next_evaluation": (today + dt.timedelta(days=90)).isoformat(),
        "domains": domains,
    }


def sample_plan_pdf(language: str, copies: list[Copy] | None = None) -> bytes:
    from intake_desktop.printing.plan_document import PrintInfo, render_plan

    snapshot = sample_snapshot(language)
    info = PrintInfo(version=1, printed_at=dt.datetime(2026, 11, 23, 10, 0, tzinfo=dt.UTC))
    return render_plan(snapshot, copies or [Copy.PERSON, Copy.GEMEENTE], info)
