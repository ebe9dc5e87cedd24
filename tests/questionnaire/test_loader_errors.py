"""Broken questionnaire files give QuestionnaireError with the right file and line."""

from __future__ import annotations

from pathlib import Path

import pytest

from intake_desktop.questionnaire import QuestionnaireError, load_questionnaire

SCALES = """\
team_score:
  question: Hoe zelfredzaam?
  levels:
    1: Acuut
    2: Niet
    3: Beperkt
    4: Voldoende
    5: Volledig
person_score:
  question: Hoe gaat het?
  levels:
    1: {text: Heel slecht, pictogram: score-1}
    2: {text: Slecht, pictogram: score-2}
    3: {text: Gaat wel, pictogram: score-3}
    4: {text: Goed, pictogram: score-4}
    5: {text: Heel goed, pictogram: score-5}
goal:
  question: Wat wilt u bereiken?
notes:
  label: Aantekeningen
answers:
  ja: {text: Ja, pictogram: answer-ja}
  nee: {text: Nee, pictogram: answer-nee}
  weet_niet: {text: Weet ik niet, pictogram: answer-weet-niet}
"""

INTRO = """\
domain: intro
order: 0
title: Intro
pictogram: domain-intro
scored: false
why: Kennismaken.
questions:
  - id: intro.datum
    type: date
    text: Datum
"""

ALPHA = """\
domain: alpha
order: 1
title: Alpha
pictogram: domain-alpha
why: Waarom we dit vragen.
team_score:
  1: Een.
  2: Twee.
  3: Drie.
  4: Vier.
  5: Vijf.
questions:
  - id: alpha.kinderen
    type: yesno
    text: Heeft u kinderen?
    law: [zelfredzaamheid, taalniveau, opleiding_herkomst, werkervaring_herkomst, lichamelijke_gezondheid, psychische_gezondheid, gezinssituatie, sociaal_netwerk]
  - id: alpha.keuze
    type: single
    text: Kies er een.
    options:
      - {id: a, text: A}
      - {id: b, text: B}
    law: [vve, werkvaardigheden, praktische_vaardigheden, motivatie, interesses, digitale_vaardigheden, leerbaarheidstoets, toestemming]
  - id: alpha.aantal
    type: number
    text: Hoeveel?
    min: 0
    max: 10
    when: {question: alpha.kinderen, equals: ja}
  - id: alpha.cijfer
    type: scale
    text: Welk cijfer?
    low: Laag
    high: Hoog
"""  # noqa: E501

FILES = {"scales.yaml": SCALES, "domains/00_intro.yaml": INTRO, "domains/01_alpha.yaml": ALPHA}


def write(tmp_path: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return tmp_path


def replaced(name: str, old: str, new: str) -> dict[str, str]:
    files = dict(FILES)
    assert files[name].count(old) == 1, f"{old!r} must occur once in {name}"
    files[name] = files[name].replace(old, new)
    return files


def problems(tmp_path: Path, files: dict[str, str]) -> list[tuple[str, int, str]]:
    root = write(tmp_path, files)
    with pytest.raises(QuestionnaireError) as info:
        load_questionnaire(root)
    return [(p.relative_to(root).as_posix(), line, msg) for p, line, msg in info.value.problems]


def only(found, file, line, *fragments):
    assert len(found) == 1, found
    assert found[0][:2] == (file, line), found
    for fragment in fragments:
        assert fragment in found[0][2], found


def line_of(text: str, fragment: str) -> int:
    """1-based line of a fragment (used to double-check the hard-coded numbers)."""
    return text[: text.index(fragment)].count("\n") + 1


A = "domains/01_alpha.yaml"


def test_the_minimal_questionnaire_is_valid(tmp_path):
    q = load_questionnaire(write(tmp_path, FILES))
    assert [d.id for d in q.domains] == ["intro", "alpha"]
    assert q.question("alpha.aantal").source_line == 24
    assert q.question("alpha.aantal").condition.question_id == "alpha.kinderen"
    assert q.question("alpha.team_score").levels[2].description == "Drie."


def test_yaml_syntax_error(tmp_path):
    files = replaced(A, "    when: {question: alpha.kinderen, equals: ja}\n",
                     "    when: {question: alpha.kinderen, equals: ja\n")  # fmt: skip
    found = problems(tmp_path, files)
    assert len(found) == 1 and found[0][0] == A
    assert found[0][2].startswith("YAML syntax error")
    assert "started on line 29" in found[0][2]
    assert found[0][1] == 30  # where the parser noticed: the next "- id:" line


def test_tab_indentation_is_a_syntax_error_on_its_line(tmp_path):
    found = problems(tmp_path, replaced(A, "    low: Laag", "\tlow: Laag"))
    assert line_of(ALPHA, "low: Laag") == 33
    only(found, A, 33, "YAML syntax error")


def test_unknown_key_and_missing_required_key(tmp_path):
    found = problems(tmp_path, replaced(A, "    text: Heeft u kinderen?", "    txet: Heeft u kinderen?"))
    assert found == [
        (A, 13, "question 'alpha.kinderen': missing required key 'text'"),
        (A, 15, found[1][2]),
    ]
    assert "unknown key 'txet' (did you mean 'text'?)" in found[1][2]


def test_unknown_key_at_domain_level(tmp_path):
    found = problems(tmp_path, replaced(A, "title: Alpha", "titel: Alpha"))
    assert sorted(found)[0][:2] == (A, 1)  # missing 'title' (reported at the mapping)
    assert (A, 3) in [f[:2] for f in found]
    assert any("unknown key 'titel'" in f[2] for f in found)


def test_wrong_type_of_value(tmp_path):
    only(problems(tmp_path, replaced(A, "order: 1", "order: een")), A, 2, "'order' must be a whole number")
    only(problems(tmp_path, replaced(A, "    min: 0", "    min: nul")), A, 27, "'min' must be a number")
    only(
        problems(tmp_path, replaced(A, "    text: Hoeveel?", "    text: [Hoeveel]")),
        A,
        26,
        "must be text, not a list",
    )
    only(problems(tmp_path, replaced(A, "    text: Hoeveel?", "    text:")), A, 26, "must be text, not empty")


def test_duplicate_question_id(tmp_path):
    found = problems(tmp_path, replaced(A, "  - id: alpha.cijfer", "  - id: alpha.keuze"))
    only(found, A, 30, "'alpha.keuze' is already used in 01_alpha.yaml:17")


def test_duplicate_question_id_across_files(tmp_path):
    files = replaced(
        "domains/00_intro.yaml",
        "  - id: intro.datum",
        "  - id: intro.datum\n    when: {question: intro.datum, equals: ja}",
    )
    found = problems(tmp_path, files)
    only(found, "domains/00_intro.yaml", 9, "does not come before")


def test_duplicate_key(tmp_path):
    found = problems(tmp_path, replaced(A, "    high: Hoog\n", "    high: Hoog\n    low: Nog lager\n"))
    only(found, A, 35, "key 'low' appears twice (first on line 33)")


def test_duplicate_option_id(tmp_path):
    found = problems(tmp_path, replaced(A, "{id: b, text: B}", "{id: a, text: B}"))
    only(found, A, 22, "option id 'a' is used twice (line 21)")


def test_unknown_type(tmp_path):
    found = problems(tmp_path, replaced(A, "type: scale", "type: schaal"))
    only(found, A, 31, "unknown type 'schaal'", "single, multi, yesno")


def test_options_on_a_non_choice_type(tmp_path):
    found = problems(
        tmp_path,
        replaced(A, "    max: 10\n", "    max: 10\n    options: [{id: a, text: A}, {id: b, text: B}]\n"),
    )
    only(found, A, 29, "'options' is only allowed for single and multi questions, not for number")
    found = problems(tmp_path, replaced(A, "    high: Hoog\n", "    high: Hoog\n    unit: jaar\n"))
    only(found, A, 35, "'unit' is only allowed for number questions")


def test_choice_question_needs_two_options(tmp_path):
    found = problems(tmp_path, replaced(A, "      - {id: b, text: B}\n", ""))
    only(found, A, 21, "at least 2 options")
    found = problems(
        tmp_path, replaced(A, "    options:\n      - {id: a, text: A}\n      - {id: b, text: B}\n", "")
    )
    only(found, A, 17, "a single question needs 'options'")


def test_when_refers_to_unknown_question(tmp_path):
    found = problems(tmp_path, replaced(A, "question: alpha.kinderen,", "question: alpha.kind,"))
    only(found, A, 29, "unknown question 'alpha.kind'")


def test_when_refers_to_later_question(tmp_path):
    found = problems(
        tmp_path,
        replaced(A, "{question: alpha.kinderen, equals: ja}", "{question: alpha.cijfer, at_least: 3}"),
    )
    only(found, A, 29, "question 'alpha.cijfer' (line 30) does not come before this question")


def test_when_refers_to_a_question_in_a_later_domain(tmp_path):
    files = replaced(
        "domains/00_intro.yaml",
        "    text: Datum\n",
        "    text: Datum\n    when: {question: alpha.kinderen, equals: ja}\n",
    )
    found = problems(tmp_path, files)
    only(found, "domains/00_intro.yaml", 11, "'alpha.kinderen' (01_alpha.yaml:13) does not come before")


@pytest.mark.parametrize(
    ("when", "fragment"),
    [
        ("{question: alpha.kinderen, equals: yes}", "'yes' is not valid for yes/no question"),
        ("{question: alpha.kinderen, at_least: 1}", "at_least only works with number and scale"),
        ("{question: alpha.kinderen}", "needs exactly one of equals, any_of, at_least"),
        ("{question: alpha.kinderen, equals: ja, any_of: [nee]}", "needs exactly one of"),
        ("{question: alpha.keuze, equals: c}", "'c' is not an option of 'alpha.keuze'"),
        ("{question: alpha.keuze, any_of: [a, z]}", "'z' is not an option of 'alpha.keuze'"),
        ("{question: alpha.keuze, any_of: []}", "any_of needs a non-empty list"),
        ("{question: intro.datum, equals: ja}", "cannot refer to a date question"),
        ("{question: alpha.kinderen, equal: ja}", "unknown key 'equal' (did you mean 'equals'?)"),
    ],
)
def test_invalid_when(tmp_path, when, fragment):
    found = problems(tmp_path, replaced(A, "{question: alpha.kinderen, equals: ja}", when))
    assert found and all(f[:2] == (A, 29) for f in found), found
    assert any(fragment in f[2] for f in found), found


def test_team_score_must_have_exactly_five_levels(tmp_path):
    only(problems(tmp_path, replaced(A, "  5: Vijf.\n", "")), A, 7, "exactly the levels 1 to 5; missing 5")
    only(problems(tmp_path, replaced(A, "  5: Vijf.\n", "  5: Vijf.\n  6: Zes.\n")), A, 12, "has key '6'")
    only(problems(tmp_path, replaced(A, "  3: Drie.\n", "  3:\n")), A, 9, "'3' must be text, not empty")


def test_scored_domain_needs_team_score_and_unscored_may_not_have_one(tmp_path):
    no_score = replaced(A, "team_score:\n  1: Een.\n  2: Twee.\n  3: Drie.\n  4: Vier.\n  5: Vijf.\n", "")
    only(problems(tmp_path, no_score), A, 1, "missing required key 'team_score'")
    files = replaced(
        "domains/00_intro.yaml",
        "why: Kennismaken.\n",
        "why: Kennismaken.\nteam_score: {1: a, 2: b, 3: c, 4: d, 5: e}\n",
    )
    only(problems(tmp_path, files), "domains/00_intro.yaml", 7, "only allowed when the domain is scored")


def test_file_name_must_match_domain_id_and_order(tmp_path):
    only(problems(tmp_path, replaced(A, "domain: alpha", "domain: alfa")), A, 1,
         "domain id 'alfa' does not match the file name '01_alpha.yaml'")  # fmt: skip
    only(problems(tmp_path, replaced(A, "order: 1", "order: 2")), A, 2,
         "order 2 does not match the number 01")  # fmt: skip


def test_question_id_must_carry_the_domain_prefix(tmp_path):
    found = problems(tmp_path, replaced(A, "  - id: alpha.cijfer", "  - id: beta.cijfer"))
    only(found, A, 30, "must start with the domain id 'alpha.'")
    found = problems(tmp_path, replaced(A, "  - id: alpha.cijfer", "  - id: alpha.team_score"))
    only(found, A, 30, "reserved")


def test_unknown_law_tag_and_tag_never_used(tmp_path):
    found = problems(tmp_path, replaced(A, "[zelfredzaamheid, taalniveau,", "[zelfredzaamheid, taalnivo,"))
    assert found == [
        ("domains", 0, "law tag 'taalniveau' is not used by any question"),
        (A, 16, "question 'alpha.kinderen': unknown law tag 'taalnivo' (did you mean 'taalniveau'?)"),
    ]


def test_all_problems_are_collected_before_raising(tmp_path):
    files = replaced(A, "type: scale", "type: schaal")
    files["domains/00_intro.yaml"] = files["domains/00_intro.yaml"].replace("order: 0", "order: nul")
    files["scales.yaml"] = files["scales.yaml"].replace("    3: Beperkt\n", "")
    root = write(tmp_path, files)
    with pytest.raises(QuestionnaireError) as info:
        load_questionnaire(root)
    where = [(p.relative_to(root).as_posix(), line) for p, line, _ in info.value.problems]
    # sorted by file, then line
    assert where == [("domains/00_intro.yaml", 2), (A, 31), ("scales.yaml", 4)]
    text = str(info.value).splitlines()
    assert text[1].startswith(f"{root / A}:31: question 'alpha.cijfer': unknown type")
    assert len(text) == 3


def test_scales_errors(tmp_path):
    files = dict(
        FILES,
        **{
            "scales.yaml": SCALES.replace(
                "  weet_niet: {text: Weet ik niet, pictogram: answer-weet-niet}\n", ""
            )
        },
    )
    root = write(tmp_path, files)
    with pytest.raises(QuestionnaireError) as info:
        load_questionnaire(root)
    assert [(p.name, line) for p, line, _ in info.value.problems] == [("scales.yaml", 22)]
    assert "missing required key 'weet_niet'" in info.value.problems[0][2]
    found = problems(
        tmp_path,
        dict(FILES, **{"scales.yaml": SCALES.replace("  label: Aantekeningen", "  lable: Aantekeningen")}),
    )
    assert ("scales.yaml", 20) in [f[:2] for f in found]


def test_missing_files(tmp_path):
    root = write(tmp_path, {"domains/01_alpha.yaml": ALPHA})
    with pytest.raises(QuestionnaireError) as info:
        load_questionnaire(root)
    assert [(p.name, line) for p, line, _ in info.value.problems] == [("scales.yaml", 0)]
    assert str(info.value) == f"{root / 'scales.yaml'}: file is missing"
    empty = tmp_path / "leeg"
    empty.mkdir()
    with pytest.raises(QuestionnaireError):
        load_questionnaire(empty)


def test_empty_and_non_mapping_files(tmp_path):
    only(problems(tmp_path, dict(FILES, **{A: ""})), A, 1, "file is empty")
    found = problems(tmp_path, dict(FILES, **{A: "- een\n- twee\n"}))
    assert (A, 1) == found[0][:2] and "must be a mapping" in found[0][2]
