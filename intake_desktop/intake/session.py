"""One intake being held: answers in, progress and scores out, committed on every answer.

The UI talks to this object only; it normalises each answer against its
question, stores it at once (so a crash loses nothing entered) and keeps the
answers in memory so conditions and progress are cheap to recompute.
"""

from __future__ import annotations

from dataclasses import dataclass

from intake_desktop.intake import records
from intake_desktop.intake.people import IntakeSummary
from intake_desktop.questionnaire import Domain, Question, Questionnaire
from intake_desktop.questionnaire.model import Role


@dataclass(frozen=True)
class Progress:
    answered: int
    total: int

    @property
    def complete(self) -> bool:
        return self.total > 0 and self.answered >= self.total


@dataclass(frozen=True)
class DomainScores:
    team: int | None
    person: int | None


class IntakeSession:
    def __init__(self, database, questionnaire: Questionnaire, intake_id: int) -> None:
        self.database = database
        self.questionnaire = questionnaire
        self.intake_id = intake_id
        self.summary: IntakeSummary = records.intake_summary(database, intake_id)
        stored = records.answers(database, intake_id)
        # Answers to questions that no longer exist (the questionnaire changed)
        # stay in the database but play no part here.
        self.answers: dict[str, object] = {}
        for question_id, value in stored.items():
            try:
                question = questionnaire.question(question_id)
                self.answers[question_id] = question.normalize(value)
            except (KeyError, ValueError):
                continue

    # --- answering -----------------------------------------------------------------------

    def answer(self, question_id: str, value: object, language: str | None = None) -> object:
        """Normalise, store and commit; returns the stored value (None = cleared)."""
        question = self.questionnaire.question(question_id)
        normalized = question.normalize(value)
        if normalized is None:
            records.clear_answer(self.database, self.intake_id, question_id)
            self.answers.pop(question_id, None)
        else:
            records.save_answer(self.database, self.intake_id, question_id, normalized,
                                language=language)
            self.answers[question_id] = normalized
        return normalized

    def value(self, question_id: str) -> object:
        return self.answers.get(question_id)

    def move_to(self, question_id: str) -> None:
        records.set_position(self.database, self.intake_id, question_id)

    def resume_question(self) -> Question | None:
        """Where the intake was left, if that question is still there and visible."""
        question_id = records.position(self.database, self.intake_id)
        if not question_id:
            return None
        try:
            question = self.questionnaire.question(question_id)
        except KeyError:
            return None
        return question if question.is_visible(self.answers) else None

    # --- what to show ----------------------------------------------------------------------

    def visible(self, domain: Domain, audience: str | None = None) -> list[Question]:
        return domain.visible_questions(self.answers, audience)

    def progress(self, domain: Domain, audience: str | None = None) -> Progress:
        shown = self.visible(domain, audience)
        return Progress(sum(1 for q in shown if q.id in self.answers), len(shown))

    def scores(self, domain: Domain) -> DomainScores:
        if not domain.scored:
            return DomainScores(None, None)
        team = self.answers.get(domain.common(Role.TEAM_SCORE).id)
        person = self.answers.get(domain.common(Role.PERSON_SCORE).id)
        return DomainScores(team, person)

