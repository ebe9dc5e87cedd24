"""The printed copies of a plan and what each may contain.

The person decides which partner may see which leefdomein (consent at the
start of the intake, refined per domain in the plan); a partner's copy leaves
out what was not shared with that partner. The person's own copy holds all.
"""

from __future__ import annotations

import enum

from intake_desktop.i18n import N_
from intake_desktop.store.choices import Partner


class Copy(enum.StrEnum):
    GEMEENTE = "gemeente"
    VLUCHTELINGENWERK = "vluchtelingenwerk"
    WIJKTEAM = "wijkteam"
    PERSON = "person"

    @property
    def partner(self) -> Partner | None:
        return None if self is Copy.PERSON else Partner(self.value)


# Dutch msgids; translate where shown.
COPY_NAMES = {
    Copy.GEMEENTE: N_("Exemplaar voor de gemeente"),
    Copy.VLUCHTELINGENWERK: N_("Exemplaar voor VluchtelingenWerk"),
    Copy.WIJKTEAM: N_("Exemplaar voor het sociaal wijkteam"),
    Copy.PERSON: N_("Uw eigen exemplaar"),
}


def included_domains(snapshot: dict, copy: Copy) -> list[dict]:
    """The domain entries of a snapshot that this copy may show."""
    partner = copy.partner
    if partner is None:
        return list(snapshot["domains"])
    return [d for d in snapshot["domains"] if partner.value in d["shared_with"]]


def included_private_notes(snapshot: dict, copy: Copy) -> list[dict]:
    """The private notes this copy may show: only its own partner's.

    The person's own copy holds none: what they told one partner alone stays
    with that partner, also on paper that may lie around at home.
    """
    partner = copy.partner
    if partner is None:
        return []
    return [n for n in snapshot.get("private_notes", ())
            if n["partner"] == partner.value and n["text"].strip()]
