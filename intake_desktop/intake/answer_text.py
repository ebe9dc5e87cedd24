"""An answer as a line of text in a given language, for summaries and print."""

from __future__ import annotations

import datetime as dt

from intake_desktop import i18n
from intake_desktop.questionnaire import AnswerType, Question


def answer_text(question: Question, value: object, language: str) -> str:
    """The stored (normalised) value written out; "" for no answer."""
    if value is None or value == "" or value == []:
        return ""
    kind = question.type
    translate = i18n.translations(language).gettext
    if kind in (AnswerType.SINGLE, AnswerType.YESNO):
        return translate(question.option(str(value)).text)
    if kind is AnswerType.MULTI:
        from babel.lists import format_list

        texts = [translate(question.option(v).text) for v in value]
        return format_list(texts, locale=i18n.babel_locale(language))
    if kind is AnswerType.DATE:
        date = value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value))
        return i18n.format_date(date, language, format="medium")
    if kind is AnswerType.NUMBER:
        number = i18n.format_number(value, language)
        return f"{number} {translate(question.unit)}" if question.unit else number
    if kind is AnswerType.SCALE:
        for level in question.levels:
            if level.value == value:
                return f"{value} · {translate(level.label)}"
        return str(value)
    return str(value)
