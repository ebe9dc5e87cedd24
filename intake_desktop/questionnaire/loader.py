"""Load and validate the questionnaire YAML (schema: see the header of scales.yaml).

The files are parsed with ``yaml.compose`` (SafeLoader) so every problem can be
reported with its file and 1-based line. All problems are collected before
:class:`QuestionnaireError` is raised.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from yaml.constructor import SafeConstructor
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from .model import (
    COMMON_QUESTION_NAMES,
    LAW_TAGS,
    YESNO_VALUES,
    AnswerType,
    Audience,
    Condition,
    Domain,
    Option,
    Question,
    Questionnaire,
    Role,
    ScaleLevel,
    Scales,
)

__all__ = [
    "QuestionnaireError",
    "Problem",
    "default_questionnaire_dir",
    "load_questionnaire",
    "clean_text",
]

SCALES_FILE = "scales.yaml"
DOMAINS_DIR = "domains"

ID_RE = re.compile(r"^[a-z_]+$")
NAME_RE = re.compile(r"^[a-z0-9_]+$")
OPTION_ID_RE = re.compile(r"^[a-z0-9_]+$")
PICTOGRAM_RE = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
FILE_RE = re.compile(r"^(\d{2})_(.+)\.yaml$")

DOMAIN_KEYS = ("domain", "order", "title", "pictogram", "scored", "why", "team_score", "questions")
DOMAIN_REQUIRED = ("domain", "order", "title", "pictogram", "why", "questions")
QUESTION_KEYS = (
    "id", "type", "text", "help", "for", "options", "min", "max", "unit", "low", "high",
    "when", "law",
)  # fmt: skip
QUESTION_REQUIRED = ("id", "type", "text")
OPTION_KEYS = ("id", "text", "pictogram")
WHEN_KEYS = ("question", "equals", "any_of", "at_least")

TEXT_TAGS = ("tag:yaml.org,2002:str", "tag:yaml.org,2002:int", "tag:yaml.org,2002:float")
INT_TAG = "tag:yaml.org,2002:int"
FLOAT_TAG = "tag:yaml.org,2002:float"
BOOL_TAG = "tag:yaml.org,2002:bool"
NULL_TAG = "tag:yaml.org,2002:null"

# Which keys each type accepts beyond id/type/text/help/for/when/law.
TYPE_KEYS: dict[AnswerType, frozenset[str]] = {
    AnswerType.SINGLE: frozenset({"options"}),
    AnswerType.MULTI: frozenset({"options"}),
    AnswerType.YESNO: frozenset(),
    AnswerType.NUMBER: frozenset({"min", "max", "unit"}),
    AnswerType.DATE: frozenset(),
    AnswerType.TEXT: frozenset(),
    AnswerType.SCALE: frozenset({"min", "max", "low", "high"}),
}
TYPE_SPECIFIC = frozenset({"options", "min", "max", "unit", "low", "high"})
KEY_ALLOWED_FOR = {
    "options": "single and multi",
    "min": "number and scale",
    "max": "number and scale",
    "unit": "number",
    "low": "scale",
    "high": "scale",
}


def clean_text(value: str) -> str:
    """The form in which a YAML text becomes a msgid (shared with the extractor)."""
    return value.strip()


# -- errors ---------------------------------------------------------------------


Problem = tuple[Path, int, str]


class QuestionnaireError(Exception):
    """The questionnaire files are invalid.

    ``problems`` is a list of ``(file, line, message)``; ``line`` is 1-based,
    0 when the problem is not tied to one line (e.g. a law tag never used).
    """

    def __init__(self, problems: list[Problem]) -> None:
        self.problems: list[Problem] = list(problems)
        super().__init__(str(self))

    def __str__(self) -> str:
        lines = []
        for file, line, message in self.problems:
            lines.append(f"{file}:{line}: {message}" if line else f"{file}: {message}")
        return "\n".join(lines)


class _Collector:
    def __init__(self) -> None:
        self.problems: list[Problem] = []

    def add(self, file: Path, where: Node | int | None, message: str) -> None:
        if isinstance(where, Node):
            line = where.start_mark.line + 1
        else:
            line = where or 0
        self.problems.append((file, line, message))


def _line(node: Node) -> int:
    return node.start_mark.line + 1


# -- YAML helpers -----------------------------------------------------------------


def _construct(node: ScalarNode) -> object:
    # a fresh constructor each time: it caches every node it has seen
    return SafeConstructor().construct_object(node, deep=True)


def _compose(path: Path, problems: _Collector) -> Node | None:
    try:
        raw = path.read_bytes()
    except OSError as exc:
        problems.add(path, 0, f"cannot read file: {exc.strerror or exc}")
        return None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        problems.add(path, line, "file is not valid UTF-8 text")
        return None
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark is not None else 0
        what = exc.problem or "invalid YAML"
        if exc.context:
            what = f"{exc.context}, {what}"
        ctx = exc.context_mark
        if ctx is not None and mark is not None and ctx.line != mark.line:
            what += f" (started on line {ctx.line + 1})"
        problems.add(path, line, f"YAML syntax error: {what}")
        return None
    except yaml.YAMLError as exc:
        problems.add(path, 0, f"YAML error: {exc}")
        return None
    if node is None:
        problems.add(path, 1, "file is empty")
        return None
    return node


@dataclass
class _Entry:
    key: str
    key_node: Node
    value: Node


def _mapping(node: Node, path: Path, problems: _Collector, what: str) -> dict[str, _Entry] | None:
    """Pairs of a mapping node; reports non-mappings and duplicate keys."""
    if not isinstance(node, MappingNode):
        problems.add(path, node, f"{what} must be a mapping (key: value), not {_kind(node)}")
        return None
    result: dict[str, _Entry] = {}
    for key_node, value_node in node.value:
        if not isinstance(key_node, ScalarNode):
            problems.add(path, key_node, f"{what}: keys must be plain words")
            continue
        key = key_node.value
        if key in result:
            problems.add(
                path,
                key_node,
                f"{what}: key '{key}' appears twice (first on line {_line(result[key].key_node)})",
            )
            continue
        result[key] = _Entry(key, key_node, value_node)
    return result


def _kind(node: Node) -> str:
    if isinstance(node, MappingNode):
        return "a mapping"
    if isinstance(node, SequenceNode):
        return "a list"
    if isinstance(node, ScalarNode) and node.tag == NULL_TAG:
        return "empty"
    return f"'{node.value}'" if isinstance(node, ScalarNode) else "something else"


def _check_keys(
    entries: dict[str, _Entry],
    allowed: tuple[str, ...] | frozenset[str],
    required: tuple[str, ...],
    owner: Node,
    path: Path,
    problems: _Collector,
    what: str,
) -> None:
    for key, entry in entries.items():
        if key not in allowed:
            hint = difflib.get_close_matches(key, list(allowed), n=1)
            suggestion = f" (did you mean '{hint[0]}'?)" if hint else ""
            problems.add(
                path,
                entry.key_node,
                f"{what}: unknown key '{key}'{suggestion}; allowed: {', '.join(allowed)}",
            )
    for key in required:
        if key not in entries:
            problems.add(path, owner, f"{what}: missing required key '{key}'")


def _text(entry: _Entry, path: Path, problems: _Collector, what: str) -> str | None:
    node = entry.value
    if not isinstance(node, ScalarNode) or node.tag not in TEXT_TAGS:
        problems.add(path, node, f"{what}: '{entry.key}' must be text, not {_kind(node)}")
        return None
    text = clean_text(node.value)
    if not text:
        problems.add(path, node, f"{what}: '{entry.key}' must not be empty")
        return None
    return text


def _word(entry: _Entry, pattern: re.Pattern[str], path: Path, problems: _Collector, what: str) -> str | None:
    node = entry.value
    if not isinstance(node, ScalarNode) or node.tag == NULL_TAG:
        problems.add(path, node, f"{what}: '{entry.key}' must be a name, not {_kind(node)}")
        return None
    value = node.value
    if not pattern.match(value):
        problems.add(
            path,
            node,
            f"{what}: '{entry.key}' value '{value}' is not valid (allowed: {pattern.pattern})",
        )
        return None
    return value


def _int(entry: _Entry, path: Path, problems: _Collector, what: str) -> int | None:
    node = entry.value
    if not isinstance(node, ScalarNode) or node.tag != INT_TAG:
        problems.add(path, node, f"{what}: '{entry.key}' must be a whole number, not {_kind(node)}")
        return None
    return int(_construct(node))  # type: ignore[call-overload]


def _number(entry: _Entry, path: Path, problems: _Collector, what: str) -> int | float | None:
    node = entry.value
    if not isinstance(node, ScalarNode) or node.tag not in (INT_TAG, FLOAT_TAG):
        problems.add(path, node, f"{what}: '{entry.key}' must be a number, not {_kind(node)}")
        return None
    value = _construct(node)
    if isinstance(value, float) and value != value:  # NaN
        problems.add(path, node, f"{what}: '{entry.key}' must be a number")
        return None
    return value  # type: ignore[return-value]


def _bool(entry: _Entry, path: Path, problems: _Collector, what: str) -> bool | None:
    node = entry.value
    if not isinstance(node, ScalarNode) or node.tag != BOOL_TAG:
        problems.add(path, node, f"{what}: '{entry.key}' must be true or false, not {_kind(node)}")
        return None
    return bool(_construct(node))


def _sequence(entry: _Entry, path: Path, problems: _Collector, what: str) -> list[Node] | None:
    node = entry.value
    if not isinstance(node, SequenceNode):
        problems.add(path, node, f"{what}: '{entry.key}' must be a list, not {_kind(node)}")
        return None
    return list(node.value)


def _levels(
    entry: _Entry, path: Path, problems: _Collector, what: str
) -> dict[int, tuple[Node, Node]] | None:
    """A mapping with exactly the keys 1..5 -> (key node, value node)."""
    entries = _mapping(entry.value, path, problems, f"{what} '{entry.key}'")
    if entries is None:
        return None
    result: dict[int, tuple[Node, Node]] = {}
    ok = True
    for key, e in entries.items():
        if not re.fullmatch(r"[1-5]", key):
            problems.add(path, e.key_node, f"{what}: '{entry.key}' has key '{key}'; only 1 to 5 are allowed")
            ok = False
            continue
        result[int(key)] = (e.key_node, e.value)
    missing = [str(n) for n in range(1, 6) if n not in result]
    if missing:
        problems.add(
            path,
            entry.value,
            f"{what}: '{entry.key}' must have exactly the levels 1 to 5; missing {', '.join(missing)}",
        )
        ok = False
    return result if ok else None


# -- raw structures (phase 1) ------------------------------------------------------


@dataclass
class _RawQuestion:
    node: Node
    id: str
    type: AnswerType
    text: str
    help: str | None = None
    audience: str = Audience.PERSON.value
    options: tuple[Option, ...] = ()
    minimum: int | float | None = None
    maximum: int | float | None = None
    unit: str | None = None
    low: str | None = None
    high: str | None = None
    when: _Entry | None = None
    law: frozenset[str] = frozenset()
    law_node: Node | None = None
    type_ok: bool = True


@dataclass
class _RawDomain:
    path: Path
    node: Node
    id: str
    order: int
    title: str
    pictogram: str
    why: str
    scored: bool
    team_score: dict[int, str]
    questions: list[_RawQuestion] = field(default_factory=list)


# -- scales.yaml -----------------------------------------------------------------------


def _parse_scales(path: Path, problems: _Collector) -> Scales | None:
    root = _compose(path, problems)
    if root is None:
        return None
    top = _mapping(root, path, problems, SCALES_FILE)
    if top is None:
        return None
    before = len(problems.problems)
    _check_keys(
        top,
        ("team_score", "person_score", "goal", "notes", "answers"),
        ("team_score", "person_score", "goal", "notes", "answers"),
        root,
        path,
        problems,
        SCALES_FILE,
    )

    def section(key: str, allowed: tuple[str, ...], required: tuple[str, ...]) -> dict[str, _Entry] | None:
        if key not in top:
            return None
        entries = _mapping(top[key].value, path, problems, key)
        if entries is not None:
            _check_keys(entries, allowed, required, top[key].value, path, problems, key)
        return entries

    def opt_text(entries: dict[str, _Entry] | None, key: str, what: str) -> str | None:
        if entries is None or key not in entries:
            return None
        return _text(entries[key], path, problems, what)

    team = section("team_score", ("question", "help", "levels"), ("question", "levels"))
    team_levels: dict[int, str] = {}
    if team is not None and "levels" in team:
        levels = _levels(team["levels"], path, problems, "team_score")
        for n, (_k, v) in (levels or {}).items():
            t = _text(_Entry(str(n), _k, v), path, problems, "team_score levels")
            if t is not None:
                team_levels[n] = t

    person = section("person_score", ("question", "help", "levels"), ("question", "levels"))
    person_labels: dict[int, str] = {}
    person_pictos: dict[int, str] = {}
    if person is not None and "levels" in person:
        levels = _levels(person["levels"], path, problems, "person_score")
        for n, (_k, v) in (levels or {}).items():
            what = f"person_score level {n}"
            lvl = _mapping(v, path, problems, what)
            if lvl is None:
                continue
            _check_keys(lvl, ("text", "pictogram"), ("text", "pictogram"), v, path, problems, what)
            if "text" in lvl and (t := _text(lvl["text"], path, problems, what)):
                person_labels[n] = t
            if "pictogram" in lvl and (p := _word(lvl["pictogram"], PICTOGRAM_RE, path, problems, what)):
                person_pictos[n] = p

    goal = section("goal", ("question", "help"), ("question",))
    notes = section("notes", ("label", "help"), ("label",))

    answer_labels: dict[str, str] = {}
    answer_pictos: dict[str, str] = {}
    answers = section("answers", YESNO_VALUES, YESNO_VALUES)
    for value, entry in (answers or {}).items():
        if value not in YESNO_VALUES:
            continue
        what = f"answers {value}"
        a = _mapping(entry.value, path, problems, what)
        if a is None:
            continue
        _check_keys(a, ("text", "pictogram"), ("text", "pictogram"), entry.value, path, problems, what)
        if "text" in a and (t := _text(a["text"], path, problems, what)):
            answer_labels[value] = t
        if "pictogram" in a and (p := _word(a["pictogram"], PICTOGRAM_RE, path, problems, what)):
            answer_pictos[value] = p

    team_q = opt_text(team, "question", "team_score")
    person_q = opt_text(person, "question", "person_score")
    goal_q = opt_text(goal, "question", "goal")
    notes_l = opt_text(notes, "label", "notes")
    scales_ok = len(problems.problems) == before
    if not scales_ok or None in (team_q, person_q, goal_q, notes_l):
        return None
    return Scales(
        team_question=team_q,  # type: ignore[arg-type]
        team_help=opt_text(team, "help", "team_score"),
        team_levels=team_levels,
        person_question=person_q,  # type: ignore[arg-type]
        person_help=opt_text(person, "help", "person_score"),
        person_labels=person_labels,
        person_pictograms=person_pictos,
        goal_question=goal_q,  # type: ignore[arg-type]
        goal_help=opt_text(goal, "help", "goal"),
        notes_label=notes_l,  # type: ignore[arg-type]
        notes_help=opt_text(notes, "help", "notes"),
        answer_labels=answer_labels,
        answer_pictograms=answer_pictos,
        source_file=path,
    )


def _scales_lines(path: Path) -> dict[str, int]:
    """Line numbers of the common items in a (valid) scales.yaml."""
    root = yaml.compose(path.read_text(encoding="utf-8-sig"), Loader=yaml.SafeLoader)
    lines: dict[str, int] = {}
    if isinstance(root, MappingNode):
        for k, _v in root.value:
            lines[k.value] = _line(k)
    return lines


# -- domain files ------------------------------------------------------------------------


def _parse_domain(path: Path, problems: _Collector) -> _RawDomain | None:
    root = _compose(path, problems)
    if root is None:
        return None
    what = "domain file"
    top = _mapping(root, path, problems, what)
    if top is None:
        return None
    _check_keys(top, DOMAIN_KEYS, DOMAIN_REQUIRED, root, path, problems, what)

    domain_id = _word(top["domain"], ID_RE, path, problems, what) if "domain" in top else None
    domain_id_ok = domain_id is not None
    m = FILE_RE.match(path.name)
    if not m:
        problems.add(path, 1, "file name must look like NN_<domain>.yaml, e.g. 01_taal.yaml")
    elif domain_id is not None and m.group(2) != domain_id:
        domain_id_ok = False
        problems.add(
            path,
            top["domain"].value,
            f"domain id '{domain_id}' does not match the file name '{path.name}' "
            f"(expected NN_{domain_id}.yaml)",
        )

    order = _int(top["order"], path, problems, what) if "order" in top else None
    if order is not None and order < 0:
        problems.add(path, top["order"].value, f"{what}: 'order' must be 0 or more")
    if order is not None and m and int(m.group(1)) != order:
        problems.add(
            path,
            top["order"].value,
            f"order {order} does not match the number {m.group(1)} in the file name",
        )
    title = _text(top["title"], path, problems, what) if "title" in top else None
    pictogram = _word(top["pictogram"], PICTOGRAM_RE, path, problems, what) if "pictogram" in top else None
    why = _text(top["why"], path, problems, what) if "why" in top else None
    scored = True
    if "scored" in top:
        value = _bool(top["scored"], path, problems, what)
        scored = True if value is None else value

    team_score: dict[int, str] = {}
    if scored and "team_score" not in top:
        problems.add(path, root, f"{what}: missing required key 'team_score' (the domain is scored)")
    if not scored and "team_score" in top:
        problems.add(
            path,
            top["team_score"].key_node,
            f"{what}: 'team_score' is only allowed when the domain is scored",
        )
    elif "team_score" in top:
        levels = _levels(top["team_score"], path, problems, what)
        for n, (k, v) in (levels or {}).items():
            t = _text(_Entry(str(n), k, v), path, problems, "team_score level")
            if t is not None:
                team_score[n] = t

    raw = _RawDomain(
        path=path,
        node=root,
        id=domain_id or "",
        order=order if order is not None else -1,
        title=title or "",
        pictogram=pictogram or "",
        why=why or "",
        scored=scored,
        team_score=team_score,
    )

    if "questions" in top:
        items = _sequence(top["questions"], path, problems, what)
        if items is not None and not items:
            problems.add(path, top["questions"].value, f"{what}: 'questions' must not be empty")
        for item in items or []:
            # with a wrong domain id, the id prefix check would only repeat that error
            q = _parse_question(item, raw.id if domain_id_ok else "", path, problems)
            if q is not None:
                raw.questions.append(q)
    return raw


def _parse_question(node: Node, domain_id: str, path: Path, problems: _Collector) -> _RawQuestion | None:
    entries = _mapping(node, path, problems, "question")
    if entries is None:
        return None
    qid = None
    if "id" in entries:
        qid = _word(entries["id"], re.compile(r"^[a-z_]+\.[a-z0-9_]+$"), path, problems, "question")
    what = f"question '{qid}'" if qid else "question"
    _check_keys(entries, QUESTION_KEYS, QUESTION_REQUIRED, node, path, problems, what)
    if qid is not None and domain_id and not qid.startswith(domain_id + "."):
        problems.add(path, entries["id"].value, f"{what}: id must start with the domain id '{domain_id}.'")
    if qid is not None and qid.partition(".")[2] in COMMON_QUESTION_NAMES.values():
        problems.add(
            path,
            entries["id"].value,
            f"{what}: the name '{qid.partition('.')[2]}' is reserved for the common items from scales.yaml",
        )

    qtype: AnswerType | None = None
    if "type" in entries:
        node_t = entries["type"].value
        value = node_t.value if isinstance(node_t, ScalarNode) else None
        try:
            qtype = AnswerType(value)
        except ValueError:
            problems.add(
                path,
                node_t,
                f"{what}: unknown type {_kind(node_t)}; use one of {', '.join(t.value for t in AnswerType)}",
            )
    text = _text(entries["text"], path, problems, what) if "text" in entries else None
    help_text = _text(entries["help"], path, problems, what) if "help" in entries else None

    audience = Audience.PERSON.value
    if "for" in entries:
        value = _word(entries["for"], re.compile(r"^[a-z]+$"), path, problems, what)
        if value is not None and value not in (a.value for a in Audience):
            problems.add(path, entries["for"].value, f"{what}: 'for' must be person or team")
        elif value is not None:
            audience = value

    law: set[str] = set()
    law_node = None
    if "law" in entries:
        law_node = entries["law"].value
        for tag_node in _sequence(entries["law"], path, problems, what) or []:
            tag = _word(_Entry("law", tag_node, tag_node), re.compile(r"^.+$"), path, problems, what)
            if tag is None:
                continue
            if tag not in LAW_TAGS:
                hint = difflib.get_close_matches(tag, LAW_TAGS, n=1)
                suggestion = f" (did you mean '{hint[0]}'?)" if hint else ""
                problems.add(path, tag_node, f"{what}: unknown law tag '{tag}'{suggestion}")
            elif tag in law:
                problems.add(path, tag_node, f"{what}: law tag '{tag}' is listed twice")
            else:
                law.add(tag)

    raw = _RawQuestion(
        node=node,
        id=qid or "",
        type=qtype or AnswerType.TEXT,
        text=text or "",
        help=help_text,
        audience=audience,
        law=frozenset(law),
        law_node=law_node,
        when=entries.get("when"),
    )
    if qtype is None:
        raw.type_ok = False
        return raw if qid else None

    # type-specific keys
    allowed = TYPE_KEYS[qtype]
    for key in TYPE_SPECIFIC & entries.keys():
        if key not in allowed:
            problems.add(
                path,
                entries[key].key_node,
                f"{what}: '{key}' is only allowed for {KEY_ALLOWED_FOR[key]} questions, "
                f"not for {qtype.value}",
            )

    if qtype.has_options:
        if "options" not in entries:
            problems.add(path, node, f"{what}: a {qtype.value} question needs 'options'")
        else:
            raw.options = _parse_options(entries["options"], path, problems, what)

    if "min" in entries and "min" in allowed:
        raw.minimum = _number(entries["min"], path, problems, what)
    if "max" in entries and "max" in allowed:
        raw.maximum = _number(entries["max"], path, problems, what)
    if "unit" in entries and "unit" in allowed:
        raw.unit = _text(entries["unit"], path, problems, what)
    if "low" in entries and "low" in allowed:
        raw.low = _text(entries["low"], path, problems, what)
    if "high" in entries and "high" in allowed:
        raw.high = _text(entries["high"], path, problems, what)

    if qtype is AnswerType.SCALE:
        for key, attr in (("min", "minimum"), ("max", "maximum")):
            if isinstance(getattr(raw, attr), float):
                problems.add(path, entries[key].value, f"{what}: scale '{key}' must be a whole number")
                setattr(raw, attr, None)
        for key in ("low", "high"):
            if key not in entries:
                problems.add(path, node, f"{what}: a scale question needs '{key}'")
        lo = 1 if raw.minimum is None else raw.minimum
        hi = 5 if raw.maximum is None else raw.maximum
        if lo >= hi:
            problems.add(path, node, f"{what}: scale min ({lo}) must be below max ({hi})")
        elif hi - lo > 10:
            problems.add(path, node, f"{what}: a scale may have at most 11 points")
    if (
        qtype is AnswerType.NUMBER
        and raw.minimum is not None
        and raw.maximum is not None
        and raw.minimum > raw.maximum
    ):
        problems.add(path, node, f"{what}: min ({raw.minimum}) is above max ({raw.maximum})")
    return raw if qid else None


def _parse_options(entry: _Entry, path: Path, problems: _Collector, what: str) -> tuple[Option, ...]:
    items = _sequence(entry, path, problems, what)
    if items is None:
        return ()
    if len(items) < 2:
        problems.add(path, entry.value, f"{what}: 'options' needs at least 2 options")
    options: list[Option] = []
    seen: dict[str, int] = {}
    for item in items:
        opt = _mapping(item, path, problems, f"{what} option")
        if opt is None:
            continue
        oid = _word(opt["id"], OPTION_ID_RE, path, problems, f"{what} option") if "id" in opt else None
        owhat = f"{what} option '{oid}'" if oid else f"{what} option"
        _check_keys(opt, OPTION_KEYS, ("id", "text"), item, path, problems, owhat)
        text = _text(opt["text"], path, problems, owhat) if "text" in opt else None
        picto = _word(opt["pictogram"], PICTOGRAM_RE, path, problems, owhat) if "pictogram" in opt else None
        if oid is None:
            continue
        if oid in seen:
            problems.add(path, opt["id"].value, f"{what}: option id '{oid}' is used twice (line {seen[oid]})")
            continue
        seen[oid] = _line(item)
        options.append(Option(oid, text or "", picto))
    return tuple(options)


# -- conditions (phase 2) -----------------------------------------------------------------


def _parse_condition(
    raw: _RawQuestion,
    path: Path,
    built: dict[str, Question],
    all_ids: dict[str, tuple[Path, int]],
    untyped: set[str],
    problems: _Collector,
) -> Condition | None:
    entry = raw.when
    assert entry is not None
    what = f"question '{raw.id}' when"
    entries = _mapping(entry.value, path, problems, what)
    if entries is None:
        return None
    _check_keys(entries, WHEN_KEYS, ("question",), entry.value, path, problems, what)
    ops = [k for k in ("equals", "any_of", "at_least") if k in entries]
    if len(ops) != 1:
        problems.add(
            path,
            entry.value,
            f"{what}: needs exactly one of equals, any_of, at_least (found "
            f"{', '.join(ops) if ops else 'none'})",
        )
        return None
    if "question" not in entries:
        return None
    ref_node = entries["question"].value
    ref = ref_node.value if isinstance(ref_node, ScalarNode) else None
    if ref is None or ref not in all_ids:
        problems.add(path, ref_node, f"{what}: unknown question {_kind(ref_node)}")
        return None
    if ref not in built:
        where_file, where_line = all_ids[ref]
        where = f"{where_file.name}:{where_line}" if where_file != path else f"line {where_line}"
        problems.add(
            path,
            ref_node,
            f"{what}: question '{ref}' ({where}) does not come before this question; "
            "a condition may only refer to an earlier question",
        )
        return None
    target = built[ref]
    if ref in untyped:
        return None  # its type is already reported as invalid
    op = ops[0]
    value_node = entries[op].value

    def check_value(node: Node) -> object | None:
        if not isinstance(node, ScalarNode) or node.tag == NULL_TAG:
            problems.add(path, node, f"{what}: value must be a single value, not {_kind(node)}")
            return None
        t = target.type
        if t in (AnswerType.NUMBER, AnswerType.SCALE):
            if node.tag not in (INT_TAG, FLOAT_TAG):
                problems.add(path, node, f"{what}: '{ref}' is a {t.value} question; use a number")
                return None
            value = _construct(node)
            try:
                target.normalize(value)
            except ValueError:
                problems.add(path, node, f"{what}: {value} is outside the range of '{ref}'")
                return None
            return value
        if t in (AnswerType.SINGLE, AnswerType.MULTI):
            if node.value not in target.option_ids:
                problems.add(
                    path,
                    node,
                    f"{what}: '{node.value}' is not an option of '{ref}' "
                    f"(options: {', '.join(target.option_ids)})",
                )
                return None
            return node.value
        if t is AnswerType.YESNO:
            if node.value not in YESNO_VALUES:
                problems.add(
                    path,
                    node,
                    f"{what}: '{node.value}' is not valid for yes/no question '{ref}' "
                    f"(use {', '.join(YESNO_VALUES)})",
                )
                return None
            return node.value
        problems.add(path, node, f"{what}: a condition cannot refer to a {t.value} question")
        return None

    if op == "at_least":
        if target.type not in (AnswerType.NUMBER, AnswerType.SCALE):
            problems.add(
                path,
                entries[op].key_node,
                f"{what}: at_least only works with number and scale questions, "
                f"'{ref}' is {target.type.value}",
            )
            return None
        value = check_value(value_node)
        return None if value is None else Condition(ref, op, value, target)
    if op == "any_of":
        if not isinstance(value_node, SequenceNode) or not value_node.value:
            problems.add(path, value_node, f"{what}: any_of needs a non-empty list")
            return None
        values = [check_value(n) for n in value_node.value]
        if any(v is None for v in values):
            return None
        return Condition(ref, op, tuple(values), target)
    value = check_value(value_node)
    return None if value is None else Condition(ref, op, value, target)


# -- public API -----------------------------------------------------------------------------


def default_questionnaire_dir() -> Path:
    """``resources/questionnaire`` of the source tree, an installed package or a bundle."""
    from intake_desktop.paths import resource

    return resource("questionnaire")


def _domain_files(directory: Path, problems: _Collector) -> list[Path]:
    domains_dir = directory / DOMAINS_DIR
    if not domains_dir.is_dir():
        problems.add(domains_dir, 0, "folder with the domain files is missing")
        return []
    files = sorted(p for p in domains_dir.iterdir() if p.is_file() and p.suffix == ".yaml")
    for p in sorted(domains_dir.iterdir()):
        if p.is_file() and p.suffix == ".yml":
            problems.add(p, 0, "domain files must end in .yaml (this one is ignored)")
    if not files:
        problems.add(domains_dir, 0, "no domain files (NN_<domain>.yaml) found")
    return files


def _iter_common(domain: _RawDomain, scales: Scales, scales_lines: dict[str, int]) -> Iterator[Question]:
    def make(role: Role, **kw: object) -> Question:
        return Question(
            id=f"{domain.id}.{COMMON_QUESTION_NAMES[role]}",
            domain_id=domain.id,
            role=role,
            source_file=scales.source_file,
            source_line=scales_lines.get(role.value, 0),  # role values are the scales.yaml keys
            **kw,  # type: ignore[arg-type]
        )

    person_levels = scales.person_levels
    yield make(
        Role.PERSON_SCORE,
        type=AnswerType.SCALE,
        text=scales.person_question,
        help=scales.person_help,
        audience=Audience.PERSON.value,
        minimum=1,
        maximum=5,
        low=person_levels[0].label,
        high=person_levels[-1].label,
        levels=person_levels,
    )
    yield make(
        Role.GOAL,
        type=AnswerType.TEXT,
        text=scales.goal_question,
        help=scales.goal_help,
        audience=Audience.PERSON.value,
        law=frozenset({"motivatie"}),
    )
    team_levels = tuple(ScaleLevel(n, scales.team_levels[n], domain.team_score.get(n)) for n in range(1, 6))
    yield make(
        Role.TEAM_SCORE,
        type=AnswerType.SCALE,
        text=scales.team_question,
        help=scales.team_help,
        audience=Audience.TEAM.value,
        minimum=1,
        maximum=5,
        low=team_levels[0].label,
        high=team_levels[-1].label,
        levels=team_levels,
        law=frozenset({"zelfredzaamheid"}),
    )
    yield make(
        Role.NOTES,
        type=AnswerType.TEXT,
        text=scales.notes_label,
        help=scales.notes_help,
        audience=Audience.TEAM.value,
    )


def load_questionnaire(directory: Path | str | None = None) -> Questionnaire:
    """Load, validate and build the questionnaire.

    ``directory`` holds ``scales.yaml`` and ``domains/NN_<id>.yaml``; default:
    :func:`default_questionnaire_dir`. Raises :class:`QuestionnaireError`
    listing every problem found.
    """
    directory = Path(directory) if directory is not None else default_questionnaire_dir()
    problems = _Collector()

    scales_path = directory / SCALES_FILE
    scales: Scales | None = None
    if not scales_path.is_file():
        problems.add(scales_path, 0, "file is missing")
    else:
        scales = _parse_scales(scales_path, problems)

    # phase 1: every file on its own
    raws: list[_RawDomain] = []
    unreadable = 0
    for path in _domain_files(directory, problems):
        raw = _parse_domain(path, problems)
        if raw is not None:
            raws.append(raw)
        else:
            unreadable += 1

    # domain ids and orders unique
    seen_ids: dict[str, _RawDomain] = {}
    seen_orders: dict[int, _RawDomain] = {}
    for raw in raws:
        if raw.id:
            if raw.id in seen_ids:
                problems.add(
                    raw.path,
                    raw.node,
                    f"domain id '{raw.id}' is already used in {seen_ids[raw.id].path.name}",
                )
            else:
                seen_ids[raw.id] = raw
        if raw.order >= 0:
            if raw.order in seen_orders:
                problems.add(
                    raw.path,
                    raw.node,
                    f"order {raw.order} is already used in {seen_orders[raw.order].path.name}",
                )
            else:
                seen_orders[raw.order] = raw
    raws.sort(key=lambda r: (r.order, r.path.name))

    # all question ids, for duplicate and forward-reference checks
    all_ids: dict[str, tuple[Path, int]] = {}
    for raw in raws:
        for rq in raw.questions:
            if rq.id in all_ids:
                other_file, other_line = all_ids[rq.id]
                problems.add(
                    raw.path,
                    rq.node,
                    f"question id '{rq.id}' is already used in {other_file.name}:{other_line}",
                )
                rq.id = ""  # skip the duplicate from here on
            else:
                all_ids[rq.id] = (raw.path, _line(rq.node))

    # phase 2: build questions in order, resolving conditions
    built: dict[str, Question] = {}
    untyped = {rq.id for raw in raws for rq in raw.questions if rq.id and not rq.type_ok}
    domain_questions: dict[int, list[Question]] = {}
    yes_no = scales.yes_no_options if scales is not None else ()
    for raw in raws:
        questions: list[Question] = []
        for rq in raw.questions:
            if not rq.id:
                continue
            condition = None
            if rq.when is not None:
                condition = _parse_condition(rq, raw.path, built, all_ids, untyped, problems)
            q = Question(
                id=rq.id,
                domain_id=raw.id,
                type=rq.type,
                text=rq.text,
                help=rq.help,
                audience=rq.audience,
                options=yes_no if rq.type is AnswerType.YESNO else rq.options,
                minimum=rq.minimum,
                maximum=rq.maximum,
                unit=rq.unit,
                low=rq.low,
                high=rq.high,
                condition=condition,
                law=rq.law,
                source_line=_line(rq.node),
                source_file=raw.path,
            )
            built[q.id] = q
            questions.append(q)
        domain_questions[id(raw)] = questions

    # phase 3: every law tag used somewhere (not judged while a file is unreadable)
    used = {tag for q in built.values() for tag in q.law}
    domains_dir = directory / DOMAINS_DIR
    for tag in LAW_TAGS:
        if tag not in used and raws and not unreadable:
            problems.add(domains_dir, 0, f"law tag '{tag}' is not used by any question")

    if problems.problems:
        raise QuestionnaireError(sorted(problems.problems, key=lambda p: (str(p[0]), p[1])))
    assert scales is not None

    scales_lines = _scales_lines(scales_path)
    domains = []
    for raw in raws:
        common = tuple(_iter_common(raw, scales, scales_lines)) if raw.scored else ()
        domains.append(
            Domain(
                id=raw.id,
                order=raw.order,
                title=raw.title,
                pictogram=raw.pictogram,
                why=raw.why,
                scored=raw.scored,
                team_score=dict(sorted(raw.team_score.items())),
                questions=tuple(domain_questions[id(raw)]),
                common_questions=common,
                source_file=raw.path,
            )
        )
    return Questionnaire(domains=tuple(domains), scales=scales, source_dir=directory)
