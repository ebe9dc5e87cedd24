"""One plan being agreed at the table: what the plan screen talks to.

Scores and goals are answers of the intake (one place for each fact); the
plan adds the summary, the sharing, the actions and the plan-wide choices.
"""

from __future__ import annotations

import dataclasses
import datetime as dt

from intake_desktop.intake.session import IntakeSession
from intake_desktop.plan import records
from intake_desktop.plan.model import Action, PlanFields, PlanVersionInfo
from intake_desktop.plan.summary import draft_summary
from intake_desktop.privacy import private_notes
from intake_desktop.questionnaire import Domain, Role
from intake_desktop.store.choices import Organisation, Partner

CONSENT_QUESTION = "toestemming.delen_met"
MEETING_DATE_QUESTION = "toestemming.datum"
SNAPSHOT_FORMAT = 1


class PlanSession:
    def __init__(self, intake: IntakeSession) -> None:
        self.intake = intake
        self.database = intake.database
        self.intake_id = intake.intake_id
        self.questionnaire = intake.questionnaire
        self._fields = records.load_fields(self.database, self.intake_id)
        self._domains = records.load_domains(self.database, self.intake_id)

    @property
    def domains(self) -> tuple[Domain, ...]:
        return self.questionnaire.scored_domains

    # --- plan-wide -----------------------------------------------------------------------

    @property
    def fields(self) -> PlanFields:
        return self._fields

    def update_fields(self, **changes) -> PlanFields:
        updated = dataclasses.replace(self._fields, **changes)
        records.save_fields(self.database, self.intake_id, updated)
        self._fields = updated
        return updated

    # --- per domain ----------------------------------------------------------------------

    def summary(self, domain: Domain) -> tuple[str, bool]:
        """(text, edited): the team's summary, or the draft from the answers."""
        stored = self._domains.get(domain.id, (None, None))[0]
        if stored is not None:
            return stored, True
        return draft_summary(domain, self.intake.answers), False

    def set_summary(self, domain: Domain, text: str | None) -> None:
        records.save_summary(self.database, self.intake_id, domain.id, text)
        self._domains[domain.id] = (text, self._domains.get(domain.id, (None, None))[1])

    def consented_partners(self) -> frozenset[Partner]:
        chosen = self.intake.value(CONSENT_QUESTION) or []
        return frozenset(Partner(v) for v in chosen if v in Partner._value2member_map_)

    def shared_with(self, domain: Domain) -> frozenset[Partner]:
        stored = self._domains.get(domain.id, (None, None))[1]
        return self.consented_partners() if stored is None else stored

    def set_shared_with(self, domain: Domain, partners: frozenset[Partner] | None) -> None:
        records.save_sharing(self.database, self.intake_id, domain.id, partners)
        self._domains[domain.id] = (self._domains.get(domain.id, (None, None))[0], partners)

    def goal(self, domain: Domain) -> str:
        return str(self.intake.value(domain.common(Role.GOAL).id) or "")

    def set_goal(self, domain: Domain, text: str, language: str | None = None) -> None:
        self.intake.answer(domain.common(Role.GOAL).id, text, language=language)

    # --- actions -------------------------------------------------------------------------

    def actions(self, domain: Domain | None = None) -> list[Action]:
        found = records.load_actions(self.database, self.intake_id)
        return [a for a in found if domain is None or a.domain_id == domain.id]

    def add_action(self, domain: Domain, **values) -> Action:
        return records.add_action(self.database, self.intake_id, domain.id, **values)

    def update_action(self, action_id: int, **changes) -> Action:
        return records.update_action(self.database, action_id, **changes)

    def remove_action(self, action_id: int) -> None:
        records.remove_action(self.database, action_id)

    # --- printing ------------------------------------------------------------------------

    def snapshot(self) -> dict:
        """Everything a print shows, frozen as JSON-ready values.

        Texts from the questionnaire are kept as their Dutch msgids, so an
        earlier version can still be printed in any language later.
        """
        scales = self.questionnaire.scales
        summary = self.intake.summary
        fields = self._fields
        actions = self.actions()
        domains = []
        for domain in self.domains:
            scores = self.intake.scores(domain)
            text, _edited = self.summary(domain)
            entry = {
                "id": domain.id,
                "title": domain.title,
                "pictogram": domain.pictogram,
                "team_score": scores.team,
                "team_level": scales.team_levels.get(scores.team) if scores.team else None,
                "person_score": scores.person,
                "person_label": scales.person_labels.get(scores.person) if scores.person else None,
                "goal": self.goal(domain),
                "summary": text,
                "shared_with": sorted(p.value for p in self.shared_with(domain)),
                "actions": [
                    {
                        "description": a.description,
                        "owner": a.owner.value,
                        "owner_name": a.owner_name or "",
                        "due_date": a.due_date.isoformat() if a.due_date else None,
                        "status": a.status.value,
                    }
                    for a in actions if a.domain_id == domain.id and a.description.strip()
                ],
            }
            if (entry["team_score"] or entry["person_score"] or entry["goal"].strip()
                    or entry["summary"].strip() or entry["actions"]):
                domains.append(entry)
        meeting = self.intake.value(MEETING_DATE_QUESTION)
        snapshot = {
            "format": SNAPSHOT_FORMAT,
            "person": {
                "name": summary.person_name,
                "date_of_birth": (summary.date_of_birth.isoformat()
                                  if summary.date_of_birth else None),
                "language": summary.preferred_language,
            },
            "intake_date": (meeting.isoformat() if isinstance(meeting, dt.date)
                            else summary.started_at.date().isoformat()),
            "lead": fields.lead.value if fields.lead else None,
            "lead_reason": fields.lead_reason,
            "leerroute": fields.leerroute.value if fields.leerroute else None,
            "pip": sorted(p.value for p in fields.pip),
            "next_evaluation": (fields.next_evaluation.isoformat()
                                if fields.next_evaluation else None),
            "domains": domains,
        }
        # Every partner's notes; each partner's copy prints only its own
        # (printing.plan_document), the person's copy none. Left out when there
        # are none, so a plan printed before notes existed keeps its content hash
        # and a reprint does not count as a new version.
        notes = self._private_notes()
        if notes:
            snapshot["private_notes"] = notes
        return snapshot

    def _private_notes(self) -> list[dict]:
        notes = []
        for note in private_notes.all_notes(self.database, self.intake_id):
            if not note.text.strip():
                continue
            try:
                title = self.questionnaire.domain(note.domain_id).title if note.domain_id else None
            except KeyError:
                title = None
            notes.append({"domain_id": note.domain_id, "domain_title": title,
                          "partner": note.partner.value, "text": note.text})
        return notes

    def next_version_number(self, snapshot: dict) -> int:
        return records.next_version_number(self.database, self.intake_id, snapshot)

    def record_print(self, snapshot: dict, *, printed_by: str,
                     organisation: Organisation | None, copies: list[str],
                     destination: str) -> int:
        return records.record_print(
            self.database, self.intake_id, snapshot, printed_by=printed_by,
            organisation=organisation, copies=copies, destination=destination,
        )

    def versions(self) -> list[PlanVersionInfo]:
        return records.list_versions(self.database, self.intake_id)

    def version_snapshot(self, number: int) -> dict:
        return records.version_snapshot(self.database, self.intake_id, number)
