"""The Babel extractor yields every translatable text with line and comment."""

from __future__ import annotations

import io
from pathlib import Path

from babel.messages.extract import extract_from_dir
from babel.messages.frontend import parse_mapping_cfg

from intake_desktop.questionnaire import load_questionnaire
from intake_desktop.questionnaire.extract import extract_questionnaire

PROJECT = Path(__file__).resolve().parents[2]

DOMAIN = """\
domain: demo
order: 3
title: Demo & zo
pictogram: domain-demo
why: >-
  Eerste regel
  tweede regel.
team_score:
  1: Acuut.
  2: Niet.
  3: Beperkt.
  4: Voldoende.
  5: Volledig.
questions:
  - id: demo.spreken
    type: single
    text: Hoe goed spreekt u Nederlands?
    help: Kies één antwoord.
    options:
      - {id: nog_niet, text: Nog niet, pictogram: level-0}
      - {id: goed, text: Goed}
  - id: demo.uren
    type: number
    text: Hoeveel uur?
    unit: uur per week
  - id: demo.gevoel
    type: scale
    text: Hoe voelt u zich?
    low: Slecht
    high: Goed
    for: team
"""


def run(text: str) -> list:
    return list(extract_questionnaire(io.BytesIO(text.encode("utf-8")), {}, [], {}))


def test_domain_file_messages_with_lines_and_comments():
    assert run(DOMAIN) == [
        (3, None, "Demo & zo", ["questionnaire: demo title"]),
        (5, None, "Eerste regel tweede regel.", ["questionnaire: demo why"]),
        (9, None, "Acuut.", ["questionnaire: demo team_score 1"]),
        (10, None, "Niet.", ["questionnaire: demo team_score 2"]),
        (11, None, "Beperkt.", ["questionnaire: demo team_score 3"]),
        (12, None, "Voldoende.", ["questionnaire: demo team_score 4"]),
        (13, None, "Volledig.", ["questionnaire: demo team_score 5"]),
        (17, None, "Hoe goed spreekt u Nederlands?", ["questionnaire: demo.spreken text"]),
        (18, None, "Kies één antwoord.", ["questionnaire: demo.spreken help"]),
        (20, None, "Nog niet", ["questionnaire: demo.spreken option nog_niet"]),
        (21, None, "Goed", ["questionnaire: demo.spreken option goed"]),
        (24, None, "Hoeveel uur?", ["questionnaire: demo.uren text"]),
        (25, None, "uur per week", ["questionnaire: demo.uren unit"]),
        (28, None, "Hoe voelt u zich?", ["questionnaire: demo.gevoel text"]),
        (29, None, "Slecht", ["questionnaire: demo.gevoel low"]),
        (30, None, "Goed", ["questionnaire: demo.gevoel high"]),
    ]


def test_scales_messages():
    text = (
        "team_score:\n"
        "  question: Hoe zelfredzaam?\n"
        "  levels:\n"
        "    1: Acute problematiek\n"
        "answers:\n"
        "  ja: {text: Ja, pictogram: answer-ja}\n"
    )
    assert run(text) == [
        (2, None, "Hoe zelfredzaam?", ["questionnaire: scales team_score.question"]),
        (4, None, "Acute problematiek", ["questionnaire: scales team_score.levels.1"]),
        (6, None, "Ja", ["questionnaire: scales answers.ja.text"]),
    ]


def test_real_files_match_the_model_texts():
    """Every string the model shows is a msgid, and nothing else is extracted."""
    q = load_questionnaire()
    model_texts = set()
    for d in q.domains:
        model_texts |= {d.title, d.why, *d.team_score.values()}
        for x in d.all_questions:
            model_texts |= {t for t in (x.text, x.help, x.unit, x.low, x.high) if t}
            model_texts |= {o.text for o in x.options}
            model_texts |= {lvl.label for lvl in x.levels}
    s = q.scales
    model_texts |= {t for t in (s.team_help, s.person_help, s.goal_help, s.notes_help) if t}

    extracted = set()
    for path in sorted(q.source_dir.rglob("*.yaml")):
        with path.open("rb") as f:
            for lineno, funcname, message, comments in extract_questionnaire(f, {}, [], {}):
                assert funcname is None and lineno >= 1
                assert comments[0].startswith("questionnaire: ")
                extracted.add(message)
    assert extracted == model_texts
    assert len(extracted) > 400


def test_babel_cfg_extracts_the_questionnaire():
    with (PROJECT / "babel.cfg").open(encoding="utf-8") as f:
        method_map, options_map = parse_mapping_cfg(f)
    yaml_only = [(p, m) for p, m in method_map if p.endswith(".yaml")]
    assert yaml_only, method_map
    found = list(extract_from_dir(str(PROJECT / "resources"), [("questionnaire/**.yaml", yaml_only[0][1])]))
    by_text = {}
    for filename, lineno, message, comments, _context in found:
        by_text.setdefault(message, []).append((Path(filename).name, lineno, comments))
    assert ("01_taal.yaml", by_text["Hoe goed spreekt u Nederlands?"][0][1],
            ["questionnaire: taal.spreken text"]) == by_text["Hoe goed spreekt u Nederlands?"][0]  # fmt: skip
    assert any(c == ["questionnaire: scales answers.weet_niet.text"] for _, _, c in by_text["Weet ik niet"])
    assert "Kennismaking & toestemming" in by_text
