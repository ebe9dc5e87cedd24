"""Names of the plan's fixed choices, as Dutch msgids: one place for screen and print."""

from __future__ import annotations

from intake_desktop.i18n import N_
from intake_desktop.store.choices import (
    ActionStatus,
    Leerroute,
    Organisation,
    Owner,
    Partner,
    PipElement,
)

PARTNER_NAMES = {
    Partner.GEMEENTE: N_("Gemeente"),
    Partner.VLUCHTELINGENWERK: N_("VluchtelingenWerk"),
    Partner.WIJKTEAM: N_("Sociaal wijkteam"),
}

ORGANISATION_NAMES = {
    Organisation.GEMEENTE: N_("Gemeente"),
    Organisation.VLUCHTELINGENWERK: N_("VluchtelingenWerk"),
    Organisation.WIJKTEAM: N_("Sociaal wijkteam"),
    Organisation.OTHER: N_("Andere organisatie"),
}

OWNER_NAMES = {
    Owner.GEMEENTE: N_("Gemeente"),
    Owner.VLUCHTELINGENWERK: N_("VluchtelingenWerk"),
    Owner.WIJKTEAM: N_("Sociaal wijkteam"),
    Owner.PERSON: N_("De persoon zelf"),
    Owner.OTHER: N_("Een andere partij"),
}

STATUS_NAMES = {
    ActionStatus.PLANNED: N_("Gepland"),
    ActionStatus.IN_PROGRESS: N_("Bezig"),
    ActionStatus.DONE: N_("Afgerond"),
    ActionStatus.CANCELLED: N_("Vervallen"),
}

LEERROUTE_NAMES = {
    Leerroute.B1: N_("B1-route"),
    Leerroute.ONDERWIJS: N_("Onderwijsroute"),
    Leerroute.Z: N_("Z-route"),
}

PIP_NAMES = {
    PipElement.KNM: N_("Kennis van de Nederlandse Maatschappij (KNM)"),
    PipElement.PVT: N_("Participatieverklaringstraject (PVT)"),
    PipElement.MAP: N_("Module Arbeidsmarkt en Participatie (MAP)"),
    PipElement.ONTZORGEN: N_("Ontzorgen: vaste lasten betaald door de gemeente"),
}
