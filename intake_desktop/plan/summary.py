"""The first draft of a domain's situation summary, written from the answers.

The team edits it into a few sentences at the table; until they do, the plan
shows this draft, so a plan is never empty where the intake has answers. The
team's notes stay out: they are for staff only and would otherwise reach
every printed copy.
"""

from __future__ import annotations

from collections.abc import Mapping

from intake_desktop import i18n
from intake_desktop.intake.answer_text import answer_text
from intake_desktop.questionnaire import AnswerType, Domain


def draft_summary(domain: Domain, answers: Mapping[str, object], language: str = "nl") -> str:
    translate = i18n.translations(language).gettext
    lines = []
    for question in domain.visible_questions(answers, include_common=False):
        value = answers.get(question.id)
        if value is None or question.type is AnswerType.TEXT and not str(value).strip():
            continue
        text = answer_text(question, value, language)
        if text:
            lines.append(f"{translate(question.text)} {text}")
    return "\n".join(lines)
