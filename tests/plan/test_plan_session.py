"""The plan's rules without Qt: fields, summaries, sharing, actions, versions."""

import datetime as dt

import pytest

from intake_desktop.plan.copies import Copy, included_domains
from intake_desktop.plan.model import MAX_TEXT_LENGTH
from intake_desktop.store.choices import ActionStatus, Leerroute, Organisation, Owner, Partner, PipElement

from .conftest import reopened


def test_plan_wide_fields_are_committed(plan):
    plan.update_fields(lead=Partner.WIJKTEAM, lead_reason="Zorg gaat voor",
                       leerroute=Leerroute.Z, pip=frozenset({PipElement.KNM, PipElement.PVT}),
                       next_evaluation=dt.date(2027, 3, 1))
    fields = reopened(plan).fields
    assert fields.lead is Partner.WIJKTEAM and fields.leerroute is Leerroute.Z
    assert fields.pip == {PipElement.KNM, PipElement.PVT}
    assert fields.next_evaluation == dt.date(2027, 3, 1) and fields.lead_reason == "Zorg gaat voor"


def test_summary_is_drafted_from_answers_until_the_team_edits_it(plan, questionnaire):
    wonen = questionnaire.domain("wonen")
    question = wonen.questions[0]
    value = question.option_ids[0] if question.option_ids else "x"
    plan.intake.answer(question.id, value)
    text, edited = plan.summary(wonen)
    assert not edited and question.text in text and question.option(value).text in text
    plan.set_summary(wonen, "Woont met gezin in een te kleine flat.")
    assert reopened(plan).summary(wonen) == ("Woont met gezin in een te kleine flat.", True)
    plan.set_summary(wonen, None)
    assert reopened(plan).summary(wonen)[1] is False


def test_sharing_follows_consent_until_set_per_domain(plan, questionnaire):
    gezondheid = questionnaire.domain("psychisch")
    assert plan.shared_with(gezondheid) == frozenset()
    plan.intake.answer("toestemming.delen_met", ["gemeente", "wijkteam"])
    assert plan.shared_with(gezondheid) == {Partner.GEMEENTE, Partner.WIJKTEAM}
    plan.set_shared_with(gezondheid, frozenset({Partner.WIJKTEAM}))
    again = reopened(plan)
    assert again.shared_with(gezondheid) == {Partner.WIJKTEAM}
    assert again.shared_with(questionnaire.domain("wonen")) == {Partner.GEMEENTE, Partner.WIJKTEAM}


def test_actions_add_update_remove(plan, questionnaire):
    werk = questionnaire.domain("werk")
    first = plan.add_action(werk, description="Cv maken", owner=Owner.VLUCHTELINGENWERK)
    second = plan.add_action(werk, description="Werkfit-traject", owner=Owner.GEMEENTE,
                             due_date=dt.date(2027, 1, 15))
    assert second.position > first.position
    plan.update_action(first.id, status=ActionStatus.DONE, owner=Owner.OTHER,
                       owner_name="Taalcafé De Brug")
    plan.remove_action(second.id)
    (left,) = reopened(plan).actions(werk)
    assert left.status is ActionStatus.DONE and left.owner_name == "Taalcafé De Brug"
    with pytest.raises(TypeError):
        plan.update_action(first.id, intake_id=99)


def test_absurd_text_is_refused_and_the_old_text_kept(plan, questionnaire):
    wonen = questionnaire.domain("wonen")
    plan.set_summary(wonen, "kort")
    with pytest.raises(ValueError):
        plan.set_summary(wonen, "x" * (MAX_TEXT_LENGTH + 1))
    assert reopened(plan).summary(wonen) == ("kort", True)


def test_snapshot_leaves_out_empty_domains_and_copies_follow_sharing(plan, questionnaire):
    plan.intake.answer("toestemming.delen_met", ["gemeente", "vluchtelingenwerk", "wijkteam"])
    psychisch, werk = questionnaire.domain("psychisch"), questionnaire.domain("werk")
    plan.intake.answer(psychisch.common("team_score").id, 2)
    plan.intake.answer(werk.common("goal").id, "أريد أن أعمل ممرضة")
    plan.set_shared_with(psychisch, frozenset({Partner.WIJKTEAM}))
    snapshot = plan.snapshot()
    assert [d["id"] for d in snapshot["domains"]] == ["werk", "psychisch"]
    assert {d["id"] for d in included_domains(snapshot, Copy.GEMEENTE)} == {"werk"}
    assert {d["id"] for d in included_domains(snapshot, Copy.WIJKTEAM)} == {"werk", "psychisch"}
    assert {d["id"] for d in included_domains(snapshot, Copy.PERSON)} == {"werk", "psychisch"}
    assert snapshot["person"] == {"name": "Hanan Ali", "date_of_birth": "1985-02-03",
                                  "language": "ar"}


def test_printing_keeps_versions_readable(plan, questionnaire):
    werk = questionnaire.domain("werk")
    plan.add_action(werk, description="Cv maken", owner=Owner.PERSON)
    first = plan.snapshot()
    assert plan.next_version_number(first) == 1
    assert plan.record_print(first, printed_by="Sanne de Vries", organisation=Organisation.GEMEENTE,
                             copies=["gemeente", "person"], destination="printer") == 1
    # Unchanged: the same version again.
    assert plan.record_print(plan.snapshot(), printed_by="Sanne de Vries", organisation=None,
                             copies=["person"], destination="pdf") == 1
    plan.add_action(werk, description="Taalmaatje zoeken", owner=Owner.VLUCHTELINGENWERK)
    second = plan.snapshot()
    assert plan.next_version_number(second) == 2
    assert plan.record_print(second, printed_by="Ahmed", organisation=Organisation.VLUCHTELINGENWERK,
                             copies=["vluchtelingenwerk"], destination="printer") == 2
    versions = reopened(plan).versions()
    assert [v.number for v in versions] == [2, 1]
    assert [p.destination for p in versions[1].prints] == ["printer", "pdf"]
    assert versions[1].prints[0].copies == ("gemeente", "person")
    assert plan.version_snapshot(1) == first
    assert len(plan.version_snapshot(2)["domains"][0]["actions"]) == 2


def test_team_notes_never_reach_the_draft_summary(plan, questionnaire):
    wonen = questionnaire.domain("wonen")
    plan.intake.answer(wonen.common("notes").id, "Alleen voor medewerkers: schuld bij verhuurder")
    assert "schuld" not in plan.summary(wonen)[0]
