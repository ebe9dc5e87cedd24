"""The questionnaire as immutable Python objects (no Qt, no YAML).

All texts are the Dutch source strings from the YAML files. They are the
gettext msgids: translate them at display time, never here.

Answers are plain Python values keyed by question id. ``Question.normalize``
turns what a widget or the database hands over into the canonical value:

==========  ==========================================================
single      option id (``str``)
multi       ``list`` of option ids, in option order, without duplicates
yesno       ``"ja"``, ``"nee"`` or ``"weet_niet"``
number      ``int`` or ``float`` within ``minimum``/``maximum``
date        ``datetime.date``
text        ``str`` without surrounding whitespace (blank counts as not answered)
scale       ``int`` within ``minimum``..``maximum``
==========  ==========================================================

``None`` always means "not answered".
"""

from __future__ import annotations

import datetime as _dt
import enum
import math
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

__all__ = [
    "AUDIENCES",
    "COMMON_QUESTION_NAMES",
    "LAW_TAGS",
    "YESNO_VALUES",
    "AnswerType",
    "Audience",
    "Condition",
    "Domain",
    "Option",
    "Question",
    "Questionnaire",
    "Role",
    "ScaleLevel",
    "Scales",
]

#: Topics the brede intake must cover (Wet inburgering 2021). Every tag must be
#: used by at least one question in the domain files.
LAW_TAGS: tuple[str, ...] = (
    "zelfredzaamheid",
    "taalniveau",
    "opleiding_herkomst",
    "werkervaring_herkomst",
    "lichamelijke_gezondheid",
    "psychische_gezondheid",
    "gezinssituatie",
    "sociaal_netwerk",
    "vve",
    "werkvaardigheden",
    "praktische_vaardigheden",
    "motivatie",
    "interesses",
    "digitale_vaardigheden",
    "leerbaarheidstoets",
    "toestemming",
)

#: Canonical yes/no values, in display order.
YESNO_VALUES: tuple[str, ...] = ("ja", "nee", "weet_niet")


class AnswerType(enum.StrEnum):
    SINGLE = "single"
    MULTI = "multi"
    YESNO = "yesno"
    NUMBER = "number"
    DATE = "date"
    TEXT = "text"
    SCALE = "scale"

    @property
    def has_options(self) -> bool:
        """True for the types whose YAML lists ``options``."""
        return self in (AnswerType.SINGLE, AnswerType.MULTI)


class Audience(enum.StrEnum):
    PERSON = "person"
    TEAM = "team"


AUDIENCES: tuple[str, ...] = tuple(a.value for a in Audience)


class Role(enum.StrEnum):
    """Where a question comes from."""

    QUESTION = "question"  # written in a domain file
    PERSON_SCORE = "person_score"  # common: the person's own 5-face score
    GOAL = "goal"  # common: "what do you want to achieve"
    TEAM_SCORE = "team_score"  # common: the team's ZRM score 1..5
    NOTES = "notes"  # common: the team's free notes


#: Question names (after "<domain>.") that the model adds to every scored
#: domain; domain files may not use them.
COMMON_QUESTION_NAMES: dict[Role, str] = {
    Role.PERSON_SCORE: "eigen_score",
    Role.GOAL: "doel",
    Role.TEAM_SCORE: "team_score",
    Role.NOTES: "notities",
}


@dataclass(frozen=True)
class Option:
    id: str
    text: str
    pictogram: str | None = None


@dataclass(frozen=True)
class ScaleLevel:
    """One point of a labelled scale (the common score questions).

    ``label`` is the short name ("Beperkt zelfredzaam", "Gaat wel"),
    ``description`` the domain-specific explanation of the team score level.
    """

    value: int
    label: str
    description: str | None = None
    pictogram: str | None = None


class Condition:
    """``when:`` of a question: it is shown only if an earlier answer matches.

    ``operator`` is ``"equals"``, ``"any_of"`` or ``"at_least"``; ``value`` is
    a single value for ``equals``/``at_least`` and a tuple for ``any_of``.
    For a multi question ``equals`` means "this option is chosen" and
    ``any_of`` "at least one of these options is chosen".
    """

    __slots__ = ("question_id", "operator", "value", "target")

    OPERATORS = ("equals", "any_of", "at_least")

    def __init__(
        self,
        question_id: str,
        operator: str,
        value: object,
        target: Question | None = None,
    ) -> None:
        if operator not in self.OPERATORS:
            raise ValueError(f"unknown condition operator {operator!r}")
        if operator == "any_of":
            value = tuple(value)  # type: ignore[arg-type]
        self.question_id = question_id
        self.operator = operator
        self.value = value
        self.target = target

    def __repr__(self) -> str:
        return f"Condition({self.question_id!r}, {self.operator!r}, {self.value!r})"

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Condition):
            return NotImplemented
        return (self.question_id, self.operator, self.value) == (
            other.question_id,
            other.operator,
            other.value,
        )

    def __hash__(self) -> int:
        return hash((self.question_id, self.operator, self.value))

    def is_met(self, answers: Mapping[str, object]) -> bool:
        """True if the referenced answer matches.

        An unanswered (or invalid) referenced question gives False, and so does
        a referenced question that is itself hidden by its own condition, so a
        stale answer behind a hidden question never opens follow-up questions.
        """
        target = self.target
        if target is not None and target.condition is not None:
            if not target.condition.is_met(answers):
                return False
        value = answers.get(self.question_id)
        if value is None:
            return False
        if target is not None:
            try:
                value = target.normalize(value)
            except ValueError:
                return False
            if value is None:
                return False
        chosen = value if isinstance(value, (list, tuple, set, frozenset)) else None
        if self.operator == "equals":
            return self.value in chosen if chosen is not None else value == self.value
        if self.operator == "any_of":
            if chosen is not None:
                return any(v in chosen for v in self.value)  # type: ignore[union-attr]
            return value in self.value  # type: ignore[operator]
        # at_least
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            return False
        return value >= self.value  # type: ignore[operator]


_DECIMAL = re.compile(r"^[+-]?(\d+([.,]\d*)?|[.,]\d+)$")


@dataclass(frozen=True, eq=False)
class Question:
    id: str
    domain_id: str
    type: AnswerType
    text: str
    help: str | None = None
    audience: str = Audience.PERSON.value
    #: For single/multi the options of the YAML; for yesno the shared
    #: ja/nee/weet_niet options from scales.yaml; empty otherwise.
    options: tuple[Option, ...] = ()
    minimum: int | float | None = None
    maximum: int | float | None = None
    unit: str | None = None
    low: str | None = None
    high: str | None = None
    condition: Condition | None = None
    law: frozenset[str] = frozenset()
    source_line: int = 0
    source_file: Path | None = None
    role: Role = Role.QUESTION
    #: Labelled points for the common score questions; empty otherwise.
    levels: tuple[ScaleLevel, ...] = ()

    @property
    def name(self) -> str:
        """The part after "<domain>."."""
        return self.id.partition(".")[2]

    @property
    def for_team(self) -> bool:
        return self.audience == Audience.TEAM.value

    @property
    def option_ids(self) -> tuple[str, ...]:
        return tuple(o.id for o in self.options)

    def option(self, option_id: str) -> Option:
        for opt in self.options:
            if opt.id == option_id:
                return opt
        raise KeyError(option_id)

    @property
    def scale_range(self) -> range:
        """1..5 unless min/max say otherwise (scale questions only)."""
        lo = 1 if self.minimum is None else int(self.minimum)
        hi = 5 if self.maximum is None else int(self.maximum)
        return range(lo, hi + 1)

    def is_visible(self, answers: Mapping[str, object]) -> bool:
        return self.condition is None or self.condition.is_met(answers)

    # -- answers ----------------------------------------------------------------

    def normalize(self, value: object) -> object:
        """The canonical form of ``value``, or ValueError saying why not.

        ``None`` is returned unchanged: it means "not answered".
        """
        if value is None:
            return None
        t = self.type
        if t is AnswerType.SINGLE:
            return self._normalize_option(value)
        if t is AnswerType.MULTI:
            return self._normalize_multi(value)
        if t is AnswerType.YESNO:
            return self._normalize_yesno(value)
        if t is AnswerType.NUMBER:
            return self._normalize_number(value)
        if t is AnswerType.DATE:
            return self._normalize_date(value)
        if t is AnswerType.TEXT:
            if not isinstance(value, str):
                raise ValueError(f"{self.id}: expected text, got {type(value).__name__}")
            stripped = value.strip()
            return stripped or None
        if t is AnswerType.SCALE:
            return self._normalize_scale(value)
        raise ValueError(f"{self.id}: unknown answer type {t!r}")  # pragma: no cover

    def _normalize_option(self, value: object) -> str:
        if not isinstance(value, str):
            raise ValueError(f"{self.id}: expected an option id, got {type(value).__name__}")
        if value not in self.option_ids:
            raise ValueError(
                f"{self.id}: {value!r} is not an option (expected one of {', '.join(self.option_ids)})"
            )
        return value

    def _normalize_multi(self, value: object) -> list[str]:
        if isinstance(value, (str, bytes)) or not isinstance(value, Iterable):
            raise ValueError(f"{self.id}: expected a list of option ids, got {type(value).__name__}")
        chosen = {self._normalize_option(v) for v in value}
        return [oid for oid in self.option_ids if oid in chosen]

    def _normalize_yesno(self, value: object) -> str:
        if isinstance(value, bool):
            return "ja" if value else "nee"
        if isinstance(value, str) and value in YESNO_VALUES:
            return value
        raise ValueError(f"{self.id}: expected one of {', '.join(YESNO_VALUES)}, got {value!r}")

    def _check_bounds(self, number: int | float) -> None:
        if self.minimum is not None and number < self.minimum:
            raise ValueError(f"{self.id}: {number} is below the minimum {self.minimum}")
        if self.maximum is not None and number > self.maximum:
            raise ValueError(f"{self.id}: {number} is above the maximum {self.maximum}")

    def _normalize_number(self, value: object) -> int | float:
        if isinstance(value, bool):
            raise ValueError(f"{self.id}: expected a number, got a boolean")
        if isinstance(value, str):
            text = value.strip().replace(" ", "")
            if not _DECIMAL.match(text):
                raise ValueError(f"{self.id}: {value!r} is not a number")
            text = text.replace(",", ".")
            number: int | float = float(text) if "." in text else int(text)
        elif isinstance(value, (int, float)):
            number = value
        else:
            raise ValueError(f"{self.id}: expected a number, got {type(value).__name__}")
        if isinstance(number, float):
            if not math.isfinite(number):
                raise ValueError(f"{self.id}: {number} is not a finite number")
        self._check_bounds(number)
        return number

    def _normalize_date(self, value: object) -> _dt.date:
        if isinstance(value, _dt.datetime):
            return value.date()
        if isinstance(value, _dt.date):
            return value
        if isinstance(value, str):
            try:
                return _dt.date.fromisoformat(value.strip())
            except ValueError:
                raise ValueError(f"{self.id}: {value!r} is not a date in the form YYYY-MM-DD") from None
        raise ValueError(f"{self.id}: expected a date, got {type(value).__name__}")

    def _normalize_scale(self, value: object) -> int:
        if isinstance(value, bool):
            raise ValueError(f"{self.id}: expected a whole number, got a boolean")
        if isinstance(value, str):
            text = value.strip()
            if not re.fullmatch(r"[+-]?\d+", text):
                raise ValueError(f"{self.id}: {value!r} is not a whole number")
            number = int(text)
        elif isinstance(value, int):
            number = value
        elif isinstance(value, float) and value.is_integer():
            number = int(value)
        else:
            raise ValueError(f"{self.id}: expected a whole number, got {value!r}")
        bounds = self.scale_range
        if number not in bounds:
            raise ValueError(f"{self.id}: {number} is outside the scale {bounds.start}..{bounds.stop - 1}")
        return number


def _filter(
    questions: Iterable[Question], answers: Mapping[str, object], audience: str | None
) -> list[Question]:
    return [q for q in questions if (audience is None or q.audience == audience) and q.is_visible(answers)]


@dataclass(frozen=True, eq=False)
class Domain:
    id: str
    order: int
    title: str
    pictogram: str
    why: str
    scored: bool
    #: Domain-specific description per ZRM level 1..5 (empty when not scored).
    team_score: dict[int, str]
    #: The questions of the domain file, in file order.
    questions: tuple[Question, ...]
    #: The items from scales.yaml the model adds to every scored domain, in the
    #: order person score, goal, team score, notes (empty when not scored).
    common_questions: tuple[Question, ...] = ()
    source_file: Path | None = None

    @property
    def all_questions(self) -> tuple[Question, ...]:
        """Domain questions followed by the common questions."""
        return self.questions + self.common_questions

    def common(self, role: Role | str) -> Question:
        """The common question with this role (KeyError if not scored)."""
        role = Role(role)
        for q in self.common_questions:
            if q.role is role:
                return q
        raise KeyError(f"{self.id}: no common question {role.value}")

    def visible_questions(
        self,
        answers: Mapping[str, object],
        audience: str | None = None,
        *,
        include_common: bool = True,
    ) -> list[Question]:
        """Questions to show now, given the answers so far.

        ``audience="person"`` gives the statushouder's self-assessment view,
        ``"team"`` only the staff questions, ``None`` everything. The common
        questions come last unless ``include_common=False``.
        """
        pool = self.all_questions if include_common else self.questions
        return _filter(pool, answers, audience)


@dataclass(frozen=True, eq=False)
class Scales:
    """The shared texts from scales.yaml."""

    team_question: str
    team_help: str | None
    #: Generic ZRM level names, 1..5.
    team_levels: dict[int, str]
    person_question: str
    person_help: str | None
    #: Labels of the five faces, 1..5.
    person_labels: dict[int, str]
    person_pictograms: dict[int, str]
    goal_question: str
    goal_help: str | None
    notes_label: str
    notes_help: str | None
    #: "ja"/"nee"/"weet_niet" -> text and pictogram.
    answer_labels: dict[str, str]
    answer_pictograms: dict[str, str]
    source_file: Path | None = None

    @property
    def yes_no_options(self) -> tuple[Option, ...]:
        return tuple(Option(v, self.answer_labels[v], self.answer_pictograms.get(v)) for v in YESNO_VALUES)

    @property
    def person_levels(self) -> tuple[ScaleLevel, ...]:
        return tuple(
            ScaleLevel(v, self.person_labels[v], None, self.person_pictograms.get(v)) for v in range(1, 6)
        )


@dataclass(frozen=True, eq=False)
class Questionnaire:
    domains: tuple[Domain, ...]
    scales: Scales
    source_dir: Path | None = None
    _domains_by_id: dict[str, Domain] = field(init=False, repr=False)
    _questions_by_id: dict[str, Question] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_domains_by_id", {d.id: d for d in self.domains})
        object.__setattr__(
            self,
            "_questions_by_id",
            {q.id: q for d in self.domains for q in d.all_questions},
        )

    def domain(self, domain_id: str) -> Domain:
        return self._domains_by_id[domain_id]

    def question(self, question_id: str) -> Question:
        return self._questions_by_id[question_id]

    @property
    def questions(self) -> tuple[Question, ...]:
        """Every question, common ones included, in questionnaire order."""
        return tuple(self._questions_by_id.values())

    @property
    def scored_domains(self) -> tuple[Domain, ...]:
        return tuple(d for d in self.domains if d.scored)

    def visible_questions(self, answers: Mapping[str, object], audience: str | None = None) -> list[Question]:
        return [q for d in self.domains for q in d.visible_questions(answers, audience)]

    def normalize_answers(self, answers: Mapping[str, object]) -> dict[str, object]:
        """Normalize every answer; KeyError for an unknown id, ValueError for a bad value."""
        return {qid: self.question(qid).normalize(v) for qid, v in answers.items()}

    def pictogram_names(self) -> frozenset[str]:
        """Every pictogram name the questionnaire refers to (domains, options, scores)."""
        names = {d.pictogram for d in self.domains}
        for question in self.questions:
            names |= {o.pictogram for o in question.options if o.pictogram}
            names |= {lvl.pictogram for lvl in question.levels if lvl.pictogram}
        return frozenset(names)

    def law_coverage(self) -> dict[str, tuple[str, ...]]:
        """Law tag -> ids of the domain-file questions carrying it."""
        return {
            tag: tuple(q.id for d in self.domains for q in d.questions if tag in q.law) for tag in LAW_TAGS
        }
