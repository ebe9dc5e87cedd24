"""The real questionnaire in resources/questionnaire: structure and content rules."""

from __future__ import annotations

import re

import pytest

from intake_desktop.questionnaire import (
    LAW_TAGS,
    AnswerType,
    Questionnaire,
    Role,
    load_questionnaire,
)
from intake_desktop.questionnaire.loader import default_questionnaire_dir

SCORED_IDS = [
    "taal", "opleiding", "werk", "dagbesteding", "financien", "wonen", "lichamelijk",
    "psychisch", "gezin", "netwerk", "dagelijks", "verblijf", "middelen", "justitie",
]  # fmt: skip


@pytest.fixture(scope="module")
def q() -> Questionnaire:
    return load_questionnaire()


def test_default_dir_is_the_project_resources():
    d = default_questionnaire_dir()
    assert d.parts[-2:] == ("resources", "questionnaire")
    assert (d / "scales.yaml").is_file()


def test_domains_in_order_with_the_agreed_ids(q):
    assert [d.id for d in q.domains] == ["toestemming", *SCORED_IDS]
    assert [d.order for d in q.domains] == list(range(15))
    assert [d.id for d in q.scored_domains] == SCORED_IDS
    first = q.domains[0]
    assert first.title == "Kennismaking & toestemming"
    assert first.scored is False and first.team_score == {} and first.common_questions == ()


def test_domain_files_are_named_after_order_and_id(q):
    for d in q.domains:
        assert d.source_file.name == f"{d.order:02d}_{d.id}.yaml"
        assert d.pictogram == f"domain-{d.id}"


@pytest.mark.parametrize("domain_id", SCORED_IDS)
def test_scored_domain_is_complete(q, domain_id):
    d = q.domain(domain_id)
    assert d.scored
    assert len(d.questions) >= 5
    assert len(d.why) > 40
    assert sorted(d.team_score) == [1, 2, 3, 4, 5]
    assert len(set(d.team_score.values())) == 5, "each level needs its own description"
    roles = [c.role for c in d.common_questions]
    assert roles == [Role.PERSON_SCORE, Role.GOAL, Role.TEAM_SCORE, Role.NOTES]
    team = d.common(Role.TEAM_SCORE)
    assert team.id == f"{domain_id}.team_score" and team.for_team
    assert [lvl.description for lvl in team.levels] == [d.team_score[n] for n in range(1, 6)]
    assert [lvl.label for lvl in team.levels] == [q.scales.team_levels[n] for n in range(1, 6)]
    person = d.common(Role.PERSON_SCORE)
    assert person.audience == "person"
    assert [lvl.pictogram for lvl in person.levels] == [f"score-{n}" for n in range(1, 6)]
    assert d.common(Role.GOAL).type is AnswerType.TEXT and not d.common(Role.GOAL).for_team
    assert d.common(Role.NOTES).for_team
    # the self-assessment view has something to ask in every domain
    assert any(not x.for_team for x in d.questions)


def test_toestemming_covers_consent_and_language(q):
    ids = {x.name for x in q.domain("toestemming").questions}
    assert {"apart_gesprek", "tvs_inzien", "blauwe_map_inzien", "delen_met", "tolk", "taal"} <= ids
    share = q.question("toestemming.delen_met")
    assert share.type is AnswerType.MULTI
    assert share.option_ids == ("gemeente", "vluchtelingenwerk", "wijkteam")
    assert set(q.question("toestemming.taal").option_ids) >= {"nl", "en", "ar", "ti"}


def test_all_answer_types_are_used(q):
    used = {x.type for d in q.domains for x in d.questions}
    assert used == set(AnswerType)


def test_every_law_tag_is_used(q):
    coverage = q.law_coverage()
    assert set(coverage) == set(LAW_TAGS)
    assert {tag: ids for tag, ids in coverage.items() if not ids} == {}


def test_ids_are_unique_and_prefixed(q):
    ids = [x.id for x in q.questions]
    assert len(ids) == len(set(ids))
    for d in q.domains:
        for x in d.all_questions:
            assert x.id.startswith(d.id + ".") and x.domain_id == d.id
            assert re.fullmatch(r"[a-z_]+\.[a-z0-9_]+", x.id)
            assert len(x.option_ids) == len(set(x.option_ids))


def test_conditions_reference_earlier_questions(q):
    order = {x.id: i for i, x in enumerate(q.questions)}
    conditional = [x for x in q.questions if x.condition is not None]
    assert len(conditional) >= 10
    for x in conditional:
        ref = x.condition.question_id
        assert order[ref] < order[x.id], x.id
        assert x.condition.target is q.question(ref)
    operators = {x.condition.operator for x in conditional}
    assert operators == {"equals", "any_of", "at_least"}


def test_the_required_conditional_questions(q):
    assert q.question("gezin.vve").condition.question_id == "gezin.kinderen_0_4"
    assert q.question("gezin.school").condition.question_id == "gezin.kinderen_school"
    assert q.question("financien.schulden_aan").condition.question_id == "financien.schulden"
    assert q.question("taal.leerbaarheidstoets_uitkomst").condition.question_id == "taal.leerbaarheidstoets"


def test_team_only_questions_exist_and_are_marked(q):
    team = {x.id for d in q.domains for x in d.questions if x.for_team}
    assert {"taal.leerbaarheidstoets", "taal.leerroute", "financien.schulden_aan",
            "psychisch.signalen"} <= team  # fmt: skip
    assert all(x.audience in ("person", "team") for x in q.questions)


def test_yesno_questions_get_the_shared_answers(q):
    x = q.question("gezin.kinderen")
    assert x.option_ids == ("ja", "nee", "weet_niet")
    assert [o.pictogram for o in x.options] == ["answer-ja", "answer-nee", "answer-weet-niet"]
    assert q.scales.answer_labels["weet_niet"] == "Weet ik niet"


def test_scales(q):
    s = q.scales
    assert s.team_levels == {
        1: "Acute problematiek",
        2: "Niet zelfredzaam",
        3: "Beperkt zelfredzaam",
        4: "Voldoende zelfredzaam",
        5: "Volledig zelfredzaam",
    }
    assert sorted(s.person_labels) == [1, 2, 3, 4, 5]
    assert s.person_pictograms == {n: f"score-{n}" for n in range(1, 6)}
    assert s.goal_question.endswith("?") and s.notes_label


def test_texts_are_plain_and_not_threatening(q):
    texts = [d.why for d in q.domains] + [x.text for x in q.questions]
    texts += [x.help for x in q.questions if x.help]
    joined = " ".join(texts).lower()
    for word in ("sanctie", "maatregel", "korting op"):
        assert word not in joined
    # fines only appear in the justice domain, never as a threat about inburgering
    for d in q.domains:
        if d.id != "justitie":
            assert "boete" not in " ".join(x.text + (x.help or "") for x in d.questions).lower()
    for x in q.questions:
        if not x.for_team:
            assert len(x.text) <= 140, x.id


def test_pictogram_names(q):
    names = q.pictogram_names()
    assert {f"domain-{d.id}" for d in q.domains} <= names
    assert {"answer-ja", "answer-nee", "answer-weet-niet"} <= names
    assert {f"score-{n}" for n in range(1, 6)} <= names
    assert all(re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", n) for n in names)
