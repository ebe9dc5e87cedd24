"""Question.normalize, Condition.is_met and visible_questions."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from pathlib import Path

import pytest

from intake_desktop.questionnaire import (
    AnswerType,
    Condition,
    Option,
    Question,
    load_questionnaire,
)

PROJECT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def q():
    return load_questionnaire()


def make(qtype: AnswerType, **kw) -> Question:
    return Question(id="x.vraag", domain_id="x", type=qtype, text="Vraag?", **kw)


ABC = (Option("a", "A"), Option("b", "B"), Option("c", "C"))


# -- normalize ----------------------------------------------------------------------


@pytest.mark.parametrize("qtype", list(AnswerType))
def test_none_means_not_answered_for_every_type(qtype):
    assert make(qtype, options=ABC).normalize(None) is None


def test_single():
    x = make(AnswerType.SINGLE, options=ABC)
    assert x.normalize("b") == "b"
    for bad in ("d", "B", 1, ["a"]):
        with pytest.raises(ValueError):
            x.normalize(bad)


def test_multi_keeps_option_order_and_drops_duplicates():
    x = make(AnswerType.MULTI, options=ABC)
    assert x.normalize(["c", "a", "c"]) == ["a", "c"]
    assert x.normalize(("b",)) == ["b"]
    assert x.normalize(set()) == []
    for bad in ("a", ["a", "z"], 3, [1]):
        with pytest.raises(ValueError):
            x.normalize(bad)


def test_yesno():
    x = make(AnswerType.YESNO)
    assert [x.normalize(v) for v in ("ja", "nee", "weet_niet")] == ["ja", "nee", "weet_niet"]
    assert x.normalize(True) == "ja" and x.normalize(False) == "nee"
    for bad in ("yes", "Ja", 1, "weet niet"):
        with pytest.raises(ValueError):
            x.normalize(bad)


def test_number():
    x = make(AnswerType.NUMBER, minimum=0, maximum=40)
    assert x.normalize(12) == 12 and isinstance(x.normalize(12), int)
    assert x.normalize(2.5) == 2.5
    assert x.normalize(" 7 ") == 7 and isinstance(x.normalize("7"), int)
    assert x.normalize("2,5") == 2.5
    assert x.normalize(0) == 0 and x.normalize(40) == 40
    for bad in (-1, 40.5, "41", "veel", True, float("nan"), float("inf"), [1]):
        with pytest.raises(ValueError):
            x.normalize(bad)
    assert make(AnswerType.NUMBER).normalize(-1000) == -1000  # no bounds


def test_date():
    x = make(AnswerType.DATE)
    assert x.normalize(dt.date(2025, 3, 1)) == dt.date(2025, 3, 1)
    assert x.normalize("2025-03-01") == dt.date(2025, 3, 1)
    assert x.normalize(dt.datetime(2025, 3, 1, 14, 30)) == dt.date(2025, 3, 1)
    assert type(x.normalize(dt.datetime(2025, 3, 1, 14, 30))) is dt.date
    for bad in ("01-03-2025", "2025-02-30", 20250301, "morgen"):
        with pytest.raises(ValueError):
            x.normalize(bad)


def test_text():
    x = make(AnswerType.TEXT)
    assert x.normalize("  Kok in een restaurant \n") == "Kok in een restaurant"
    assert x.normalize("   ") is None
    with pytest.raises(ValueError):
        x.normalize(5)


def test_scale():
    x = make(AnswerType.SCALE)
    assert [x.normalize(v) for v in (1, 5, "3", 4.0)] == [1, 5, 3, 4]
    for bad in (0, 6, 2.5, "drie", True):
        with pytest.raises(ValueError):
            x.normalize(bad)
    wide = make(AnswerType.SCALE, minimum=0, maximum=10)
    assert wide.normalize(0) == 0 and wide.normalize(10) == 10
    with pytest.raises(ValueError):
        wide.normalize(11)


def test_real_questions_normalize(q):
    assert q.question("werk.uren").normalize("32") == 32
    with pytest.raises(ValueError):
        q.question("werk.uren").normalize(80)
    assert q.question("gezin.kinderen").normalize("ja") == "ja"
    assert q.question("werk.soort").normalize(["dienst", "landbouw"]) == ["landbouw", "dienst"]
    assert q.question("taal.eigen_score").normalize(5) == 5
    assert q.question("taal.team_score").normalize(2) == 2
    with pytest.raises(ValueError):
        q.question("taal.team_score").normalize(6)
    answers = q.normalize_answers({"gezin.kinderen": True, "verblijf.geldig_tot": "2030-01-31"})
    assert answers == {"gezin.kinderen": "ja", "verblijf.geldig_tot": dt.date(2030, 1, 31)}
    with pytest.raises(KeyError):
        q.normalize_answers({"bestaat.niet": 1})


# -- conditions ------------------------------------------------------------------------


def test_condition_equals_any_of_at_least_without_target():
    assert Condition("a.x", "equals", "ja").is_met({"a.x": "ja"})
    assert not Condition("a.x", "equals", "ja").is_met({"a.x": "nee"})
    assert not Condition("a.x", "equals", "ja").is_met({})
    assert not Condition("a.x", "equals", "ja").is_met({"a.x": None})
    assert Condition("a.x", "any_of", ["b", "c"]).is_met({"a.x": "c"})
    assert not Condition("a.x", "any_of", ["b", "c"]).is_met({"a.x": "a"})
    assert Condition("a.n", "at_least", 1).is_met({"a.n": 1})
    assert Condition("a.n", "at_least", 1).is_met({"a.n": 3.5})
    assert not Condition("a.n", "at_least", 1).is_met({"a.n": 0})
    assert not Condition("a.n", "at_least", 1).is_met({"a.n": "veel"})
    with pytest.raises(ValueError):
        Condition("a.x", "bigger", 1)


def test_condition_on_multi_means_option_chosen():
    assert Condition("a.m", "equals", "b").is_met({"a.m": ["a", "b"]})
    assert not Condition("a.m", "equals", "b").is_met({"a.m": ["a"]})
    assert Condition("a.m", "any_of", ("c", "b")).is_met({"a.m": ["b"]})
    assert not Condition("a.m", "any_of", ("c", "b")).is_met({"a.m": []})


def test_condition_with_target_normalizes_and_rejects_invalid(q):
    cond = q.question("gezin.kinderen_0_4").condition  # gezin.kinderen == ja
    assert cond.is_met({"gezin.kinderen": "ja"})
    assert cond.is_met({"gezin.kinderen": True})  # normalized to "ja"
    assert not cond.is_met({"gezin.kinderen": "misschien"})
    eenzaam = q.question("netwerk.nieuwe_mensen").condition
    assert (eenzaam.operator, eenzaam.value) == ("at_least", 4)
    assert eenzaam.is_met({"psychisch.eenzaam": 4})
    assert eenzaam.is_met({"psychisch.eenzaam": "5"})
    assert not eenzaam.is_met({"psychisch.eenzaam": 3})


def test_hidden_question_does_not_open_its_follow_ups(q):
    # kinderen_0_4 answered "ja" earlier, then kinderen changed to "nee":
    # the stale answer must not show the vve question.
    vve = q.question("gezin.vve")
    assert vve.is_visible({"gezin.kinderen": "ja", "gezin.kinderen_0_4": "ja"})
    assert not vve.is_visible({"gezin.kinderen": "nee", "gezin.kinderen_0_4": "ja"})


# -- visible questions ------------------------------------------------------------------


def test_vve_question_only_with_young_children(q):
    gezin = q.domain("gezin")

    def ids(answers):
        return [x.id for x in gezin.visible_questions(answers)]

    nobody = ids({})
    assert "gezin.vve" not in nobody and "gezin.opvang_nodig" not in nobody
    assert "gezin.aantal_kinderen" not in nobody
    older = ids({"gezin.kinderen": "ja", "gezin.kinderen_0_4": "nee"})
    assert "gezin.aantal_kinderen" in older and "gezin.vve" not in older
    young = ids({"gezin.kinderen": "ja", "gezin.kinderen_0_4": "ja"})
    assert "gezin.vve" in young and "gezin.opvang_nodig" in young
    assert "gezin.school" not in young
    school = ids({"gezin.kinderen": "ja", "gezin.kinderen_school": "ja"})
    assert "gezin.school" in school and "gezin.vve" not in school
    # the order of the file is kept
    assert young.index("gezin.kinderen_0_4") < young.index("gezin.vve")


def test_visible_questions_audience_and_common_items(q):
    taal = q.domain("taal")
    person = taal.visible_questions({}, "person")
    assert person and all(x.audience == "person" for x in person)
    assert "taal.leerroute" not in [x.id for x in person]
    assert [x.id for x in person][-2:] == ["taal.eigen_score", "taal.doel"]
    team = taal.visible_questions({}, "team")
    assert all(x.for_team for x in team)
    assert [x.id for x in team][-2:] == ["taal.team_score", "taal.notities"]
    plain = taal.visible_questions({}, include_common=False)
    assert not any(x.id.endswith((".team_score", ".doel")) for x in plain)
    shown = {x.id for x in taal.visible_questions({"taal.leerbaarheidstoets": "ja"})}
    assert "taal.leerbaarheidstoets_uitkomst" in shown
    assert "taal.leerbaarheidstoets_uitkomst" not in {x.id for x in taal.visible_questions({})}


def test_cross_domain_condition(q):
    assert q.question("psychisch.slaap_hulp").condition.question_id == "lichamelijk.slapen"
    psych = q.domain("psychisch")
    assert "psychisch.slaap_hulp" in [x.id for x in psych.visible_questions({"lichamelijk.slapen": "slecht"})]
    assert "psychisch.slaap_hulp" not in [
        x.id for x in psych.visible_questions({"lichamelijk.slapen": "goed"})
    ]
    whole = [x.id for x in q.visible_questions({"lichamelijk.slapen": "slecht"}, "person")]
    assert "psychisch.slaap_hulp" in whole and "taal.leerroute" not in whole


def test_lookups_raise_key_error(q):
    with pytest.raises(KeyError):
        q.domain("onbekend")
    with pytest.raises(KeyError):
        q.question("taal.onbekend")
    assert q.question("taal.spreken").option("goed").text == "Goed"
    with pytest.raises(KeyError):
        q.question("taal.spreken").option("perfect")


def test_package_does_not_import_qt():
    code = (
        "import sys\n"
        "from intake_desktop.questionnaire import load_questionnaire\n"
        "from intake_desktop.questionnaire.extract import extract_questionnaire\n"
        "load_questionnaire()\n"
        "print(sorted(m for m in sys.modules if m.startswith(('PySide', 'shiboken', 'PyQt'))))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code],
        cwd=PROJECT,
        env={"PYTHONPATH": str(PROJECT), "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    assert out.stdout.strip() == "[]"
