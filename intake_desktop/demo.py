"""A throwaway demo database with four fictional statushouders (``intake-desktop --demo``).

A new user can try every screen at once without touching real data: the demo
lives in a folder of its own, under a random key that exists only in memory,
and is made again from scratch on every start. Nothing here uses the keyring,
the key-information file or the real data folder.

The four people are invented. Each one is a single ``DemoPerson`` below, so
the content can be read and corrected in one place; ``seed_demo`` only plays
it through the same calls the screens use (``IntakeSession.answer`` and
``PlanSession``), so every value passes the real answer rules.

Texts written by the person (goals) are in their own language, the team's
texts in Dutch. They are data, like what a user typed, so they are not
translated through gettext.

Importing this module pulls in SQLAlchemy; import it where the store is opened.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import secrets
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from intake_desktop.intake import records as intake_records
from intake_desktop.intake.people import NewPerson
from intake_desktop.intake.session import IntakeSession
from intake_desktop.plan.copies import Copy
from intake_desktop.plan.session import PlanSession
from intake_desktop.questionnaire import AnswerType, Question, Questionnaire, Role, load_questionnaire
from intake_desktop.store.choices import (
    ActionStatus,
    Leerroute,
    Organisation,
    Owner,
    Partner,
    PipElement,
)
from intake_desktop.store.database import Database, open_database

__all__ = ["DEMO_FILENAME", "PEOPLE", "open_demo_database", "seed_demo"]

DEMO_FILENAME = "demo.sqlite"
DEMO_PRINTED_BY = "Demo-medewerker"


# --- the shape of the demo content --------------------------------------------------------


@dataclass(frozen=True)
class InDays:
    """A date this many days from the day the demo is opened (negative: in the past).

    Dates are relative so the demo never looks stale: deadlines stay ahead,
    the meeting stays recent.
    """

    days: int

    def on(self, today: dt.date) -> dt.date:
        return today + dt.timedelta(days=self.days)


@dataclass(frozen=True)
class Scored:
    """The common part of one scored leefdomein: scores, goal, notes, summary."""

    person: int | None = None  # the person's own score (faces 1-5)
    team: int | None = None  # the team's ZRM score 1-5
    goal: str | None = None  # in the person's own words and language
    notes: str | None = None  # the team's notes, Dutch
    summary: str | None = None  # the team's edited summary; None leaves the draft from the answers


@dataclass(frozen=True)
class Act:
    """One action of the plan van aanpak."""

    domain: str
    text: str
    owner: Owner
    due: int | None = None  # days from today
    status: ActionStatus = ActionStatus.PLANNED
    owner_name: str | None = None
    key: str | None = None  # lets ``AfterPrint`` refer to it


@dataclass(frozen=True)
class Printed:
    copies: tuple[str, ...]
    destination: str
    organisation: Organisation = Organisation.GEMEENTE
    printed_by: str = DEMO_PRINTED_BY


@dataclass(frozen=True)
class AfterPrint:
    """What changed since the print, so the plan has a newer, unprinted state."""

    statuses: Mapping[str, ActionStatus] = field(default_factory=dict)  # action key -> status
    new_actions: tuple[Act, ...] = ()


@dataclass(frozen=True)
class DemoPlan:
    lead: Partner
    lead_reason: str
    leerroute: Leerroute
    pip: frozenset[PipElement]
    next_evaluation: InDays
    actions: tuple[Act, ...]
    shared_with: Mapping[str, frozenset[Partner]] = field(default_factory=dict)
    printed: Printed | None = None
    after_print: AfterPrint | None = None


@dataclass(frozen=True)
class DemoPerson:
    given_names: str
    family_name: str
    age: int
    birthday: tuple[int, int]  # (month, day)
    language: str
    #: Answers to the questions of the domain files, by question id. Only
    #: questions whose ``when:`` is met may appear; seeding checks this.
    answers: Mapping[str, object]
    #: Scores, goal, notes and summary per scored domain.
    domains: Mapping[str, Scored] = field(default_factory=dict)
    plan: DemoPlan | None = None

    def date_of_birth(self, today: dt.date) -> dt.date:
        month, day = self.birthday
        year = today.year - self.age
        if (month, day) > (today.month, today.day):
            year -= 1  # birthday still to come this year
        return dt.date(year, month, day)


ALL_PARTNERS = tuple(p.value for p in Partner)
ALL_COPIES = tuple(c.value for c in Copy)


# --- 1. Lina: complete intake, wijkteam lead, printed and changed since ---------------------

LINA = DemoPerson(
    given_names="Lina",
    family_name="Sabbagh",
    age=38,
    birthday=(3, 12),
    language="ar",
    answers={
        "toestemming.uitleg": "ja",
        "toestemming.apart_gesprek": "ja",
        "toestemming.apart_met": ["wijkteam"],
        "toestemming.tvs_inzien": "ja",
        "toestemming.blauwe_map_inzien": "ja",
        "toestemming.delen_met": ALL_PARTNERS,
        "toestemming.tolk": "ja",
        "toestemming.taal": "ar",
        "toestemming.datum": InDays(-14),
        "toestemming.vastgelegd": "ja",
        "taal.spreken": "een_beetje",
        "taal.lezen": "een_beetje",
        "taal.schrijven": "nog_niet",
        "taal.talen": ["arabisch", "turks"],
        "taal.eigen_schrift": "goed",
        "taal.latijns_schrift": "een_beetje",
        "taal.cursus": "nee",
        "taal.leerbaarheidstoets": "ja",
        "taal.leerbaarheidstoets_datum": InDays(-30),
        "taal.leerbaarheidstoets_uitkomst": "gemiddeld",
        "taal.leerroute": "b1",
        "taal.onderdelen": ["geen"],
        "taal.zorgen": 4,
        "opleiding.hoogste": "middelbaar",
        "opleiding.jaren": 12,
        "opleiding.richting": "Middelbare school afgemaakt in Syrië. Daarna een cursus naaien van een jaar.",
        "opleiding.diploma": "ja",
        "opleiding.diploma_hier": "kopie",
        "opleiding.waardering_wens": "ja",
        "opleiding.waardering_stand": "nee",
        "opleiding.wil_leren": "ja",
        "opleiding.wat_leren": "Kleding maken en veranderen. Later misschien een opleiding in de mode.",
        "opleiding.jonger_dan_28": "nee",
        "werk.gewerkt": "ja",
        "werk.soort": ["kleding", "huishouden"],
        "werk.beschrijving": "Acht jaar thuis kleding genaaid en veranderd voor vrouwen uit de buurt.",
        "werk.jaren": 8,
        "werk.kunnen": ["handen", "zorgen", "organiseren"],
        "werk.gereedschap": ["naaimachine", "keuken"],
        "werk.rijbewijs": "nee",
        "werk.wens": "Iets met naaien of kleding, bijvoorbeeld in een atelier of een kledingwinkel.",
        "werk.uren": 12,
        "werk.moeilijk": ["taal", "kinderen", "zorgen"],
        "werk.werknemersvaardigheden": 3,
        "werk.afstand": "eerst_zorg",
        "dagbesteding.gewone_dag": (
            "'s Ochtends breng ik de kinderen naar school. Daarna doe ik het huishouden en de "
            "boodschappen. 's Middags en 's avonds ben ik thuis met de kinderen."
        ),
        "dagbesteding.nu": ["niets"],
        "dagbesteding.leuk": ["koken", "handwerk", "kinderen"],
        "dagbesteding.vrijwilligerswerk": "weet_niet",
        "dagbesteding.meer_meedoen": 4,
        "dagbesteding.gemeenschap": "ja",
        "dagbesteding.moeilijk": ["taal", "kinderen", "weet_niet_waar"],
        "dagbesteding.ritme": "deels",
        "financien.inkomen": ["uitkering"],
        "financien.bankrekening": "ja",
        "financien.ontzorgen": ["huur", "energie", "zorgverzekering"],
        "financien.ontzorgen_tot": InDays(120),
        "financien.toeslagen": ["huurtoeslag", "zorgtoeslag", "kindgebonden_budget", "kinderbijslag"],
        "financien.schulden": "ja",
        "financien.schulden_aan": ["familie", "reis", "telefoon"],
        "financien.schulden_bedrag": 4200,
        "financien.geldzorgen": 5,
        "financien.hulp": "ja",
        "wonen.soort": "huurhuis",
        "wonen.personen": 4,
        "wonen.tevreden": 2,
        "wonen.problemen": ["vocht", "koud"],
        "wonen.reparatie": "nee",
        "wonen.buren": "weinig",
        "wonen.regels": "een_beetje",
        "wonen.uitleg": "ja",
        "wonen.veilig": "ja",
        "lichamelijk.gezondheid": "matig",
        "lichamelijk.huisarts": "ja",
        "lichamelijk.zorgverzekering": "ja",
        "lichamelijk.tandarts": "nee",
        "lichamelijk.medicijnen": "ja",
        "lichamelijk.medicijnen_genoeg": "ja",
        "lichamelijk.pijn": 4,
        "lichamelijk.slapen": "slecht",
        "lichamelijk.beperking": "nee",
        "lichamelijk.invloed": "deels",
        "psychisch.stemming": "niet_goed",
        "psychisch.piekeren": 5,
        "psychisch.plezier": "nee",
        "psychisch.energie": "soms",
        "psychisch.slaap_hulp": "ja",
        "psychisch.eenzaam": 4,
        "psychisch.praten_verleden": "misschien",
        "psychisch.praten_met": ["huisarts", "wijkteam"],
        "psychisch.hulp_nu": "nee",
        "psychisch.signalen": ["somber", "concentratie", "slaap"],
        "psychisch.wijkteam_vervolg": "ja",
        "gezin.partner": "elders",
        "gezin.kinderen": "ja",
        "gezin.aantal_kinderen": 3,
        "gezin.kinderen_hier": 3,
        "gezin.kinderen_0_4": "ja",
        "gezin.vve": "wil_wel",
        "gezin.opvang_nodig": "ja",
        "gezin.kinderen_school": "ja",
        "gezin.school": "ja",
        "gezin.school_zorgen": "ja",
        "gezin.veilig": "ja",
        "gezin.nareizigers": "aangevraagd",
        "gezin.nareizigers_zorgen": 5,
        "gezin.mantelzorg": "nee",
        "netwerk.contacten": ["landgenoten"],
        "netwerk.hoe_vaak": "elke_week",
        "netwerk.hulp_vragen": "ja",
        "netwerk.hulp_wie": "Een vriendin uit Syrië die ook in de wijk woont.",
        "netwerk.familie_buitenland": "vaak",
        "netwerk.maatje": "ja",
        "netwerk.nieuwe_mensen": "ja",
        "dagelijks.zelfzorg": "zelf",
        "dagelijks.huishouden": "zelf",
        "dagelijks.post": "veel_hulp",
        "dagelijks.afspraken": "beetje_hulp",
        "dagelijks.vervoer": ["lopen", "bus_trein"],
        "dagelijks.fietsen": "nee",
        "dagelijks.fietsles": "ja",
        "dagelijks.ov": "beetje_hulp",
        "dagelijks.apparaten": ["smartphone"],
        "dagelijks.digitaal": ["bellen", "berichten", "zoeken"],
        "dagelijks.digid": "nee",
        "dagelijks.bankieren": "met_hulp",
        "dagelijks.digitaal_hulp": "ja",
        "verblijf.vergunning": "asiel_bepaald",
        "verblijf.geldig_tot": InDays(4 * 365 + 200),
        "verblijf.papieren": ["verblijfspas", "bsn", "paspoort", "geboorteakte", "huwelijksakte"],
        "verblijf.blauwe_map": "ja",
        "verblijf.tvs_verslag": "ja",
        "verblijf.gezinshereniging": "ingediend",
        "verblijf.hulp": "ja",
        "middelen.roken": "nee",
        "middelen.alcohol": "nee",
        "middelen.andere": "nee",
        "middelen.gokken": "nee",
        "middelen.minderen": "nee",
        "middelen.invloed": 1,
        "justitie.politie": "nee",
        "justitie.cjib": "nee",
        "justitie.advocaat": "nee",
        "justitie.zorgen": "nee",
        "justitie.zaak": "nee",
    },
    domains={
        "taal": Scored(
            person=2, team=2,
            goal="أريد أن أتعلم اللغة الهولندية لكي أتحدث مع معلمة أطفالي.",
            notes="Volgt nog geen les. Leerbaarheidstoets gedaan: leert gemiddeld. Advies: B1-route, "
                  "met les in de ochtend als de kinderen op school en in de opvang zijn.",
        ),
        "opleiding": Scored(
            person=4, team=3,
            goal="أريد أن أعرف إن كانت شهادتي السورية مقبولة هنا.",
            notes="Heeft alleen een kopie van het diploma van de middelbare school. "
                  "Diplomawaardering is nog niet aangevraagd.",
        ),
        "werk": Scored(
            person=3, team=2,
            goal="في المستقبل أريد أن أعمل في الخياطة، ربما في محل صغير.",
            notes="Ervaring als naaister aan huis. Werk is nu nog niet de eerste stap: eerst rust, "
                  "taal en opvang voor de jongste.",
        ),
        "dagbesteding": Scored(
            person=2, team=2,
            goal="أريد أن أخرج من البيت أكثر وأن أتعرف على نساء أخريات في الحي.",
            notes="Komt weinig buiten het huis. Wil graag naar een groep voor vrouwen in de buurt.",
        ),
        "financien": Scored(
            person=1, team=2,
            goal="أريد أن أسدد ديوني خطوة بخطوة وأن أفهم الرسائل التي تصلني.",
            notes="Schulden bij familie, voor de reis en bij een telefoonabonnement, samen ongeveer "
                  "4200 euro. Het ontzorgen loopt nog ongeveer vier maanden.",
            summary="Mevrouw Sabbagh heeft een bijstandsuitkering. Zij heeft schulden bij familie, voor "
                    "de reis en bij een telefoonabonnement, samen ongeveer 4200 euro. Zij wil hulp om "
                    "overzicht te krijgen en de schulden stap voor stap te regelen.",
        ),
        "wonen": Scored(
            person=2, team=3,
            goal="أريد بيتاً دافئاً بلا رطوبة، من أجل صحة أطفالي.",
            notes="Vocht en schimmel in de slaapkamer van de kinderen. Mevrouw weet niet hoe zij dit "
                  "meldt bij de verhuurder.",
        ),
        "lichamelijk": Scored(
            person=3, team=3,
            goal="أريد أن أعرف سبب الصداع وأن أنام بشكل أفضل.",
            notes="Vaak hoofdpijn en rugpijn. Staat ingeschreven bij een huisarts. Nog geen tandarts.",
        ),
        "psychisch": Scored(
            person=2, team=2,
            goal="أريد أن أشعر بالراحة من جديد، وأن أتوقف عن التفكير طوال الليل.",
            notes="Slaapt slecht en piekert veel, vooral over haar man. Wil eerst apart praten met het "
                  "wijkteam. Alleen delen met het wijkteam, op haar verzoek.",
            summary="Mevrouw Sabbagh slaapt slecht en maakt zich veel zorgen, vooral over haar man die "
                    "nog niet in Nederland is. Zij krijgt nog geen hulp. Zij praat eerst apart met het "
                    "wijkteam over hulp die bij haar past.",
        ),
        "gezin": Scored(
            person=3, team=3,
            goal="أريد أن يذهب ابني الصغير إلى الحضانة، وأن يلحق بنا زوجي قريباً.",
            notes="Drie kinderen in Nederland; de jongste is jonger dan 4 jaar. Haar man woont in "
                  "Turkije. De aanvraag voor gezinshereniging is ingediend.",
            summary="Mevrouw Sabbagh woont met haar drie kinderen in Nederland. Haar man wacht in Turkije "
                    "op gezinshereniging. De twee oudste kinderen gaan naar school; de jongste kan naar "
                    "de peuteropvang met vve, zodat mevrouw naar taalles kan.",
        ),
        "netwerk": Scored(
            person=2, team=3,
            goal="أريد صديقة هولندية أتكلم معها لأتدرب على اللغة.",
            notes="Heeft vooral contact met een vriendin uit Syrië. Wil graag een taalmaatje, "
                  "het liefst een vrouw.",
        ),
        "dagelijks": Scored(
            person=3, team=3,
            goal="أريد أن أتعلم ركوب الدراجة وأن أستعمل DigiD بنفسي.",
            notes="Heeft veel hulp nodig bij post en brieven. Heeft nog geen DigiD. Wil leren fietsen.",
        ),
        "verblijf": Scored(
            person=4, team=3,
            goal="أريد أن أعرف ما الذي يحدث في طلب لمّ الشمل لزوجي.",
            notes="Verblijfspas is in orde. VluchtelingenWerk volgt de aanvraag voor gezinshereniging.",
        ),
        "middelen": Scored(person=5, team=5, notes="Geen gebruik."),
        "justitie": Scored(person=5, team=5, notes="Geen zaken en geen boetes."),
    },
    plan=DemoPlan(
        lead=Partner.WIJKTEAM,
        # Every copy shows the lead reason, so it names no detail of psychisch.
        lead_reason="Eerst zorg: gezondheid en schulden gaan nu voor. Het wijkteam houdt de regie en "
                    "stemt af met de gemeente en VluchtelingenWerk.",
        leerroute=Leerroute.B1,
        pip=frozenset({PipElement.KNM, PipElement.PVT, PipElement.MAP, PipElement.ONTZORGEN}),
        next_evaluation=InDays(91),
        # She agreed to share with all three partners, but wants her mental health
        # to stay with the wijkteam: the partner copies differ.
        shared_with={"psychisch": frozenset({Partner.WIJKTEAM})},
        actions=(
            Act("taal", "Aanmelden bij de taalschool voor de B1-route, met les in de ochtend.",
                Owner.GEMEENTE, due=45),
            Act("taal", "Elke week Nederlands oefenen in het taalcafé.",
                Owner.OTHER, owner_name="Taalcafé De Brug", due=14),
            Act("financien", "Aanmelden bij de schuldhulpverlening en samen een overzicht maken van "
                "alle schulden.", Owner.WIJKTEAM, due=14, status=ActionStatus.IN_PROGRESS),
            Act("financien", "Budgetcoaching starten voordat het ontzorgen stopt.",
                Owner.GEMEENTE, due=100),
            Act("wonen", "Het vocht in de slaapkamer van de kinderen melden bij de verhuurder.",
                Owner.VLUCHTELINGENWERK, due=7),
            Act("lichamelijk", "Afspraak over de hoofdpijn, de rugpijn en het slechte slapen.",
                Owner.OTHER, owner_name="Huisarts", due=21),
            Act("psychisch", "Apart gesprek met het wijkteam, met een vrouwelijke tolk.",
                Owner.WIJKTEAM, due=-2, key="apart_gesprek"),
            Act("gezin", "De jongste zoon aanmelden bij de peuteropvang met vve.",
                Owner.VLUCHTELINGENWERK, due=21, status=ActionStatus.IN_PROGRESS),
            Act("gezin", "Een gesprek plannen met de leerkracht van de oudste dochter.",
                Owner.PERSON, due=30),
            Act("netwerk", "Een taalmaatje zoeken, het liefst een vrouw.",
                Owner.VLUCHTELINGENWERK, due=30),
            Act("dagelijks", "DigiD aanvragen en samen oefenen met inloggen.",
                Owner.VLUCHTELINGENWERK, due=10, key="digid"),
            Act("verblijf", "Navragen hoe de aanvraag voor gezinshereniging ervoor staat en dit "
                "uitleggen aan mevrouw.", Owner.VLUCHTELINGENWERK, due=14),
        ),
        printed=Printed(copies=ALL_COPIES, destination="pdf"),
        after_print=AfterPrint(
            statuses={"digid": ActionStatus.DONE, "apart_gesprek": ActionStatus.DONE},
            new_actions=(
                Act("dagbesteding", "Samen een vrouwengroep in het buurthuis bezoeken.",
                    Owner.WIJKTEAM, due=28),
            ),
        ),
    ),
)


# --- 2. Yonas: complete intake, onderwijsroute, gemeente lead, printed and up to date -------

YONAS = DemoPerson(
    given_names="Yonas",
    family_name="Tesfamariam",
    age=24,
    birthday=(6, 23),
    language="ti",
    answers={
        "toestemming.uitleg": "ja",
        "toestemming.apart_gesprek": "nee",
        "toestemming.tvs_inzien": "ja",
        "toestemming.blauwe_map_inzien": "ja",
        "toestemming.delen_met": ALL_PARTNERS,
        "toestemming.tolk": "ja",
        "toestemming.taal": "ti",
        "toestemming.datum": InDays(-35),
        "toestemming.vastgelegd": "ja",
        "taal.spreken": "redelijk",
        "taal.lezen": "redelijk",
        "taal.schrijven": "een_beetje",
        "taal.talen": ["tigrinya", "engels"],
        "taal.eigen_schrift": "goed",
        "taal.latijns_schrift": "goed",
        "taal.cursus": "ja",
        "taal.leerbaarheidstoets": "ja",
        "taal.leerbaarheidstoets_datum": InDays(-50),
        "taal.leerbaarheidstoets_uitkomst": "goed",
        "taal.leerroute": "onderwijs",
        "taal.onderdelen": ["knm"],
        "taal.zorgen": 2,
        "opleiding.hoogste": "middelbaar",
        "opleiding.jaren": 11,
        "opleiding.richting": "Middelbare school tot en met klas 11. In de nationale dienst een korte "
                              "cursus elektriciteit.",
        "opleiding.diploma": "ja",
        "opleiding.diploma_hier": "kopie",
        "opleiding.waardering_wens": "ja",
        "opleiding.waardering_stand": "nee",
        "opleiding.wil_leren": "ja",
        "opleiding.wat_leren": "Elektrotechniek op het mbo. Ik wil elektricien worden.",
        "opleiding.jonger_dan_28": "ja",
        "opleiding.onderwijsroute": "ja",
        "werk.gewerkt": "ja",
        "werk.soort": ["bouw", "dienst"],
        "werk.beschrijving": "Drie jaar nationale dienst. Daar heb ik geholpen met elektriciteit "
                             "aanleggen in gebouwen.",
        "werk.jaren": 3,
        "werk.kunnen": ["handen", "repareren", "talen"],
        "werk.gereedschap": ["gereedschap", "machines"],
        "werk.rijbewijs": "nee",
        "werk.wens": "Elektricien, eerst als leerling bij een installatiebedrijf.",
        "werk.uren": 16,
        "werk.moeilijk": ["taal", "diploma"],
        "werk.werknemersvaardigheden": 4,
        "werk.afstand": "met_steun",
        "dagbesteding.gewone_dag": "'s Ochtends heb ik taalles bij een vrijwilliger. 's Middags oefen "
                                   "ik Nederlands met een app en twee keer per week voetbal ik.",
        "dagbesteding.nu": ["sport", "cursus"],
        "dagbesteding.leuk": ["sport", "muziek", "techniek"],
        "dagbesteding.vrijwilligerswerk": "ja",
        "dagbesteding.meer_meedoen": 5,
        "dagbesteding.gemeenschap": "ja",
        "dagbesteding.moeilijk": ["geld"],
        "dagbesteding.ritme": "ja",
        "financien.inkomen": ["uitkering"],
        "financien.bankrekening": "ja",
        "financien.ontzorgen": ["huur", "energie", "zorgverzekering"],
        "financien.ontzorgen_tot": InDays(75),
        "financien.toeslagen": ["zorgtoeslag"],
        "financien.schulden": "nee",
        "financien.geldzorgen": 2,
        "financien.hulp": "nee",
        "wonen.soort": "gedeeld",
        "wonen.personen": 3,
        "wonen.tevreden": 3,
        "wonen.problemen": ["geen"],
        "wonen.reparatie": "ja",
        "wonen.buren": "gewoon",
        "wonen.regels": "goed",
        "wonen.veilig": "ja",
        "lichamelijk.gezondheid": "goed",
        "lichamelijk.huisarts": "ja",
        "lichamelijk.zorgverzekering": "ja",
        "lichamelijk.tandarts": "ja",
        "lichamelijk.medicijnen": "nee",
        "lichamelijk.pijn": 1,
        "lichamelijk.slapen": "wisselend",
        "lichamelijk.beperking": "nee",
        "lichamelijk.invloed": "nee",
        "psychisch.stemming": "gaat_wel",
        "psychisch.piekeren": 3,
        "psychisch.plezier": "ja",
        "psychisch.energie": "meestal",
        "psychisch.slaap_hulp": "nee",
        "psychisch.eenzaam": 3,
        "psychisch.praten_verleden": "nu_niet",
        "psychisch.hulp_nu": "nee",
        "psychisch.signalen": ["geen"],
        "psychisch.wijkteam_vervolg": "nee",
        "gezin.partner": "nee",
        "gezin.kinderen": "nee",
        "gezin.veilig": "ja",
        "gezin.nareizigers": "nee",
        "gezin.mantelzorg": "nee",
        "netwerk.contacten": ["landgenoten", "klas_werk", "maatje"],
        "netwerk.hoe_vaak": "elke_dag",
        "netwerk.hulp_vragen": "ja",
        "netwerk.hulp_wie": "Mijn taalmaatje en een vriend uit Eritrea.",
        "netwerk.familie_buitenland": "soms",
        "netwerk.maatje": "nee",
        "dagelijks.zelfzorg": "zelf",
        "dagelijks.huishouden": "zelf",
        "dagelijks.post": "beetje_hulp",
        "dagelijks.afspraken": "zelf",
        "dagelijks.vervoer": ["fiets", "bus_trein"],
        "dagelijks.fietsen": "ja",
        "dagelijks.ov": "zelf",
        "dagelijks.apparaten": ["smartphone"],
        "dagelijks.digitaal": ["bellen", "berichten", "zoeken", "email"],
        "dagelijks.digid": "zelf",
        "dagelijks.bankieren": "zelf",
        "dagelijks.digitaal_hulp": "ja",
        "verblijf.vergunning": "asiel_bepaald",
        "verblijf.geldig_tot": InDays(4 * 365 + 30),
        "verblijf.papieren": ["verblijfspas", "bsn"],
        "verblijf.blauwe_map": "ja",
        "verblijf.tvs_verslag": "ja",
        "verblijf.hulp": "nee",
        "middelen.roken": "soms",
        "middelen.alcohol": "nee",
        "middelen.andere": "nee",
        "middelen.gokken": "nee",
        "middelen.minderen": "ja",
        "middelen.hulp_bij": ["roken"],
        "middelen.invloed": 1,
        "justitie.politie": "nee",
        "justitie.cjib": "ja",
        "justitie.cjib_betaald": "deels",
        "justitie.advocaat": "nee",
        "justitie.zorgen": "nee",
        "justitie.zaak": "nee",
    },
    domains={
        "taal": Scored(
            person=4, team=3,
            goal="ሆላንድኛ ብቕልጡፍ ክመሃር እደሊ እየ።",
            notes="Leert snel. Krijgt les van een vrijwilliger en oefent zelf met een app. "
                  "Leerbaarheidstoets: leert goed. Advies: onderwijsroute.",
        ),
        "opleiding": Scored(
            person=3, team=3,
            goal="ኣብ ሆላንድ ተማሂረ ኤሌክትሪሻን ክኸውን እደሊ እየ።",
            notes="Het diploma is in Eritrea gebleven; hij heeft er foto's van. Wil via de "
                  "onderwijsroute naar het mbo, richting elektrotechniek.",
        ),
        "werk": Scored(
            person=3, team=3,
            goal="ክመሃርን ክሰርሕን እደሊ እየ።",
            notes="Praktische ervaring met elektriciteit. Doel: een opleiding waarin hij leert en "
                  "werkt tegelijk (BBL).",
        ),
        "dagbesteding": Scored(
            person=4, team=4,
            goal="ኣብ ክለብ ኩዕሶ እግሪ ክጻወት እደሊ እየ።",
            notes="Voetbalt twee keer per week. Wil vrijwilligerswerk doen, het liefst iets technisch.",
        ),
        "financien": Scored(
            person=4, team=3,
            goal="ክራይ ገዛ ባዕለይ ክኸፍል እደሊ እየ።",
            notes="Geen schulden. Het ontzorgen loopt nog ongeveer tweeënhalve maand.",
        ),
        "wonen": Scored(
            person=3, team=4,
            goal="ናይ ባዕለይ ንእሽቶ ገዛ ክረክብ እደሊ እየ።",
            notes="Woont met twee andere jonge mannen in een huis. Geen problemen.",
        ),
        "lichamelijk": Scored(person=5, team=5, notes="Geen klachten."),
        "psychisch": Scored(
            person=3, team=4,
            goal="ብጽቡቕ ክድቅስን ቅሳነት ክረክብን እደሊ እየ።",
            notes="Maakt zich soms zorgen om zijn familie en slaapt dan slecht. Wil daar nu niet over "
                  "praten. Weet dat hij bij de huisarts en het wijkteam terecht kan.",
        ),
        "gezin": Scored(
            person=3, team=4,
            notes="Geen partner en geen kinderen. Zijn moeder en zussen wonen in Ethiopië.",
        ),
        "netwerk": Scored(
            person=4, team=4,
            goal="ሆላንዳውያን ኣዕሩኽ ክረክብ እደሊ እየ።",
            notes="Heeft een taalmaatje en vrienden uit Eritrea en van de taalles.",
        ),
        "dagelijks": Scored(
            person=4, team=4,
            goal="ደብዳቤታተይ ባዕለይ ከንብብ እደሊ እየ።",
            notes="Regelt veel zelf, ook DigiD. Wil leren werken met een laptop voor school.",
        ),
        "verblijf": Scored(person=5, team=4, notes="Papieren zijn in orde."),
        "middelen": Scored(
            person=4, team=4,
            notes="Rookt soms en wil stoppen. De huisarts kan daarbij helpen.",
        ),
        "justitie": Scored(
            person=3, team=3,
            notes="Eén boete van het CJIB voor reizen zonder geldig kaartje. Er is een betalingsregeling.",
        ),
    },
    plan=DemoPlan(
        lead=Partner.GEMEENTE,
        lead_reason="Meneer kan de stap zetten naar een opleiding en werk. De gemeente houdt de regie via de "
                    "onderwijsroute en de uitkering.",
        leerroute=Leerroute.ONDERWIJS,
        # The onderwijsroute has no MAP.
        pip=frozenset({PipElement.KNM, PipElement.PVT, PipElement.ONTZORGEN}),
        next_evaluation=InDays(84),
        actions=(
            Act("taal", "Aanmelden voor de onderwijsroute bij het ROC.",
                Owner.GEMEENTE, due=30, status=ActionStatus.IN_PROGRESS),
            Act("opleiding", "Diplomawaardering aanvragen bij IDW met de foto's van het diploma.",
                Owner.VLUCHTELINGENWERK, due=21),
            Act("opleiding", "Naar de open dag van de opleiding elektrotechniek gaan.",
                Owner.PERSON, due=45),
            Act("werk", "Kennismaken met een installatiebedrijf voor een leerwerkplek (BBL).",
                Owner.GEMEENTE, due=120),
            Act("dagbesteding", "Gesprek over vrijwilligerswerk, bijvoorbeeld bij het Repair Café in "
                "de wijk.", Owner.OTHER, owner_name="Vrijwilligerscentrale", due=21),
            Act("financien", "Uitleg over het einde van het ontzorgen: zelf huur, energie en "
                "zorgverzekering betalen.", Owner.GEMEENTE, due=60),
            Act("netwerk", "Een taalmaatje zoeken.",
                Owner.VLUCHTELINGENWERK, due=-20, status=ActionStatus.DONE),
            Act("dagelijks", "Cursus over werken met een laptop, in de bibliotheek.",
                Owner.OTHER, owner_name="Bibliotheek", due=30),
            Act("middelen", "Een afspraak maken bij de huisarts over stoppen met roken.",
                Owner.PERSON, due=30),
            Act("justitie", "De boete van het CJIB verder betalen volgens de regeling.",
                Owner.PERSON, due=60, status=ActionStatus.IN_PROGRESS),
        ),
        printed=Printed(copies=ALL_COPIES, destination="printer"),
    ),
)


# --- 3. Selam: intake half done, no plan yet (to show resuming) -----------------------------

SELAM = DemoPerson(
    given_names="Selam",
    family_name="Kidane",
    age=20,
    birthday=(11, 5),
    language="ti",
    answers={
        "toestemming.uitleg": "ja",
        "toestemming.apart_gesprek": "ja",
        "toestemming.apart_met": ["vluchtelingenwerk"],
        "toestemming.tvs_inzien": "ja",
        "toestemming.blauwe_map_inzien": "nee",
        "toestemming.delen_met": ["gemeente", "vluchtelingenwerk"],
        "toestemming.tolk": "ja",
        "toestemming.taal": "ti",
        "toestemming.datum": InDays(0),
        "toestemming.vastgelegd": "ja",
        "taal.spreken": "nog_niet",
        "taal.lezen": "een_beetje",
        "taal.schrijven": "een_beetje",
        "taal.talen": ["tigrinya"],
        "taal.eigen_schrift": "goed",
        "taal.latijns_schrift": "een_beetje",
        "taal.cursus": "nee",
        "taal.leerbaarheidstoets": "nee",
        "taal.leerroute": "onbekend",
        "taal.onderdelen": ["geen"],
        "taal.zorgen": 4,
        "opleiding.hoogste": "middelbaar",
        "opleiding.jaren": 9,
        "opleiding.richting": "Tot en met klas 9 naar school in Eritrea.",
        "opleiding.diploma": "nee",
        "opleiding.wil_leren": "ja",
        "opleiding.wat_leren": "Verpleegkundige worden.",
        "opleiding.jonger_dan_28": "ja",
        "opleiding.onderwijsroute": "ja",
        "werk.gewerkt": "ja",
        "werk.soort": ["eten", "huishouden"],
        "werk.beschrijving": "Twee jaar in de keuken van een restaurant in Soedan gewerkt.",
        "werk.jaren": 2,
        "werk.kunnen": ["mensen", "zorgen"],
        "werk.gereedschap": ["keuken"],
        "werk.rijbewijs": "nee",
        "werk.wens": "In de zorg werken, in een ziekenhuis.",
        "werk.uren": 20,
        "werk.moeilijk": ["taal"],
        "werk.werknemersvaardigheden": 3,
        "werk.afstand": "eerst_taal",
        # The team stopped here; the intake opens again at this domain.
        "dagbesteding.gewone_dag": "Ik ben veel thuis. Op zondag ga ik naar de kerk.",
        "dagbesteding.nu": ["niets"],
    },
    domains={
        "taal": Scored(
            person=2, team=2,
            goal="ሆላንድኛ ክመሃርን ክዛረብን እደሊ እየ።",
            notes="Spreekt nog geen Nederlands. De leerbaarheidstoets moet nog gepland worden.",
        ),
        "opleiding": Scored(
            person=3, team=2,
            goal="ትምህርተይ ክቕጽል እደሊ እየ።",
            notes="Heeft negen jaar school gehad, zonder diploma. Wil verpleegkundige worden; "
                  "de onderwijsroute kan passen.",
        ),
        "werk": Scored(
            person=3, team=2,
            goal="ነርስ ክኸውን እደሊ እየ።",
            notes="Werkervaring in een keuken. Eerst taal, daarna kijken naar de zorg.",
        ),
    },
)


# --- 4. Habibullah: half the domains, Z-route, VluchtelingenWerk lead, a few actions --------

HABIBULLAH = DemoPerson(
    given_names="Habibullah",
    family_name="Rahimi",
    age=59,
    birthday=(7, 15),
    language="en",
    answers={
        "toestemming.uitleg": "ja",
        "toestemming.apart_gesprek": "nee",
        "toestemming.tvs_inzien": "ja",
        "toestemming.blauwe_map_inzien": "ja",
        # He chose not to share with the wijkteam (yet): its copy stays empty.
        "toestemming.delen_met": ["gemeente", "vluchtelingenwerk"],
        "toestemming.tolk": "ja",
        "toestemming.taal": "en",
        "toestemming.datum": InDays(-7),
        "toestemming.vastgelegd": "ja",
        "taal.spreken": "nog_niet",
        "taal.lezen": "nog_niet",
        "taal.schrijven": "nog_niet",
        "taal.talen": ["engels", "farsi_dari", "anders"],
        "taal.talen_anders": "Pasjtoe",
        "taal.eigen_schrift": "goed",
        "taal.latijns_schrift": "goed",
        "taal.cursus": "nee",
        "taal.leerbaarheidstoets": "ja",
        "taal.leerbaarheidstoets_datum": InDays(-20),
        "taal.leerbaarheidstoets_uitkomst": "beperkt",
        "taal.leerroute": "z",
        "taal.onderdelen": ["geen"],
        "taal.zorgen": 3,
        "opleiding.hoogste": "middelbaar",
        "opleiding.jaren": 12,
        "opleiding.richting": "Middelbare school in Kabul. Engels geleerd op school en in de winkel.",
        "opleiding.diploma": "ja",
        "opleiding.diploma_hier": "nee",
        "opleiding.waardering_wens": "nee",
        "opleiding.waardering_stand": "nee",
        "opleiding.wil_leren": "nee",
        "opleiding.jonger_dan_28": "nee",
        "werk.gewerkt": "ja",
        "werk.soort": ["handel", "eigen_zaak"],
        "werk.beschrijving": "Dertig jaar in de winkel van de familie in Kabul: eerst bij mijn vader, "
                             "later als eigenaar. We verkochten telefoons en elektronica.",
        "werk.jaren": 30,
        "werk.kunnen": ["mensen", "rekenen", "verkopen", "talen"],
        "werk.gereedschap": ["kassa"],
        "werk.rijbewijs": "buitenlands",
        "werk.wens": "Een paar uur per week helpen in een winkel.",
        "werk.uren": 8,
        "werk.moeilijk": ["taal", "gezondheid"],
        "werk.werknemersvaardigheden": 4,
        "werk.afstand": "eerst_taal",
        "dagbesteding.gewone_dag": "Elke ochtend wandel ik een stukje. Verder ben ik veel thuis met "
                                   "mijn vrouw.",
        "dagbesteding.nu": ["niets"],
        "dagbesteding.leuk": ["tuin", "lezen", "natuur"],
        "dagbesteding.vrijwilligerswerk": "ja",
        "dagbesteding.meer_meedoen": 4,
        "dagbesteding.gemeenschap": "ja",
        "dagbesteding.moeilijk": ["taal", "gezondheid", "weet_niet_waar"],
        "dagbesteding.ritme": "ja",
        "financien.inkomen": ["uitkering"],
        "financien.bankrekening": "ja",
        "financien.ontzorgen": ["huur", "energie", "water", "zorgverzekering"],
        "financien.ontzorgen_tot": InDays(160),
        "financien.toeslagen": ["weet_niet"],
        "financien.schulden": "nee",
        "financien.geldzorgen": 3,
        "financien.hulp": "ja",
        "wonen.soort": "huurhuis",
        "wonen.personen": 2,
        "wonen.tevreden": 4,
        "wonen.problemen": ["geen"],
        "wonen.reparatie": "nee",
        "wonen.buren": "goed",
        "wonen.regels": "een_beetje",
        "wonen.uitleg": "ja",
        "wonen.veilig": "ja",
        "lichamelijk.gezondheid": "matig",
        "lichamelijk.huisarts": "nee",
        "lichamelijk.zorgverzekering": "ja",
        "lichamelijk.tandarts": "nee",
        "lichamelijk.medicijnen": "ja",
        "lichamelijk.medicijnen_genoeg": "nee",
        "lichamelijk.pijn": 3,
        "lichamelijk.slapen": "wisselend",
        "lichamelijk.beperking": "ja",
        "lichamelijk.beperking_nodig": "Lopen gaat langzaam door pijn in mijn knie. Ik heb een "
                                       "leslokaal nodig zonder veel trappen.",
        "lichamelijk.invloed": "ja",
    },
    domains={
        "taal": Scored(
            person=2, team=2,
            goal="I want to speak some Dutch with my neighbours and at the doctor.",
            notes="Leest Engels. Leert nieuwe dingen langzaam door moeite met concentreren en "
                  "vermoeidheid. Leerbaarheidstoets: leert langzaam. Advies: Z-route.",
        ),
        "opleiding": Scored(
            person=3, team=3,
            notes="Het diploma is in Afghanistan gebleven. Wil nu geen opleiding volgen.",
        ),
        "werk": Scored(
            person=3, team=2,
            goal="Later I would like to help in a shop, a few hours a week.",
            notes="Veel ervaring in verkoop. Eerst gezondheid en taal, daarna kijken naar een paar "
                  "uur per week vrijwilligerswerk in een winkel.",
        ),
        "dagbesteding": Scored(
            person=3, team=3,
            goal="I would like to work in a garden together with other people.",
            notes="Wandelt elke dag. Heeft interesse in een buurttuin.",
        ),
        "financien": Scored(
            person=3, team=3,
            goal="I want to understand my letters about money.",
            notes="Geen schulden. Het ontzorgen loopt nog ruim vijf maanden. Weet niet welke "
                  "toeslagen hij krijgt; VluchtelingenWerk zoekt dit met hem uit.",
        ),
        "wonen": Scored(person=4, team=4, notes="Woont met zijn vrouw in een huurhuis. Tevreden."),
        "lichamelijk": Scored(
            person=2, team=1,
            goal="I want a doctor here and enough medicine for my diabetes.",
            notes="Heeft diabetes en de medicijnen zijn bijna op. Nog geen huisarts. Dit gaat voor: "
                  "VluchtelingenWerk regelt deze week een huisarts.",
        ),
    },
    plan=DemoPlan(
        lead=Partner.VLUCHTELINGENWERK,
        lead_reason="Meneer heeft nu vooral praktische hulp nodig: een huisarts, medicijnen en uitleg "
                    "over post en geld. VluchtelingenWerk begeleidt hem al en houdt de regie.",
        leerroute=Leerroute.Z,
        pip=frozenset({PipElement.PVT, PipElement.MAP, PipElement.ONTZORGEN}),
        next_evaluation=InDays(42),
        actions=(
            Act("lichamelijk", "Inschrijven bij een huisarts in de buurt en de medicijnen voor diabetes "
                "regelen.", Owner.VLUCHTELINGENWERK, due=3, status=ActionStatus.IN_PROGRESS),
            Act("lichamelijk", "Controle van de diabetes en de knie.",
                Owner.OTHER, owner_name="Huisarts", due=30),
            Act("taal", "Aanmelden bij de taalschool voor de Z-route, met les in een kleine groep.",
                Owner.GEMEENTE, due=30),
            Act("dagbesteding", "Kennismaken bij de buurttuin.",
                Owner.OTHER, owner_name="Buurthuis De Linde", due=21),
            Act("financien", "Elke twee weken samen de post doorlopen.",
                Owner.VLUCHTELINGENWERK, due=14, status=ActionStatus.IN_PROGRESS),
        ),
    ),
)

#: The demo people; ``seed_demo`` returns their intake ids in this order.
PEOPLE: tuple[DemoPerson, ...] = (LINA, YONAS, SELAM, HABIBULLAH)


# --- seeding --------------------------------------------------------------------------------


def open_demo_database(folder: Path, questionnaire: Questionnaire | None = None) -> Database:
    """A fresh demo database in ``folder / DEMO_FILENAME``, seeded and open.

    Any earlier demo file there is removed first (close its Database before).
    The key is random and held only by the returned Database, so the file is
    unreadable once the app closes; that is fine, it is made again next time.
    """
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / DEMO_FILENAME
    # A journal left by a crashed demo would belong to the old key.
    for leftover in (path, path.with_name(path.name + "-journal")):
        leftover.unlink(missing_ok=True)
    database = open_database(path, secrets.token_bytes(32), create=True)
    try:
        with _fast_writes(database):
            seed_demo(database, load_questionnaire() if questionnaire is None else questionnaire)
    except BaseException:
        database.close()
        path.unlink(missing_ok=True)
        raise
    return database


@contextlib.contextmanager
def _fast_writes(database: Database) -> Iterator[None]:
    """Skip the per-commit disk flushes while seeding a throwaway file.

    The store commits every answer on its own, durably (synchronous=FULL);
    for the few hundred answers of the demo that costs seconds on a slow disk,
    and a crash while seeding only means the demo is made again. Afterwards
    the pool is emptied, so the app works on normally configured connections.
    """
    from sqlalchemy import event

    def relax(dbapi_connection, _record) -> None:
        dbapi_connection.execute("PRAGMA synchronous = OFF")
        dbapi_connection.execute("PRAGMA journal_mode = MEMORY")

    event.listen(database.engine, "connect", relax)
    database.engine.dispose()
    try:
        yield
    finally:
        event.remove(database.engine, "connect", relax)
        database.engine.dispose()


def seed_demo(database: Database, questionnaire: Questionnaire) -> list[int]:
    """Create the demo people; returns their intake ids in the order of ``PEOPLE``."""
    today = dt.date.today()
    # The intake list shows the most recently changed intake first, so the
    # richest example is seeded last and a new user meets it at the top.
    seeded = [_seed_person(database, questionnaire, person, today) for person in reversed(PEOPLE)]
    return seeded[::-1]


def _seed_person(database: Database, questionnaire: Questionnaire, person: DemoPerson,
                 today: dt.date) -> int:
    intake_id = intake_records.create_intake(database, NewPerson(
        given_names=person.given_names,
        family_name=person.family_name,
        date_of_birth=person.date_of_birth(today),
        preferred_language=person.language,
    ))
    intake = IntakeSession(database, questionnaire, intake_id)
    _answer(intake, person, today)
    if person.plan is not None:
        _make_plan(PlanSession(intake), person.plan, person.domains, today)
    return intake_id


def _all_answers(questionnaire: Questionnaire, person: DemoPerson) -> dict[str, object]:
    values = dict(person.answers)
    for domain_id, entry in person.domains.items():
        domain = questionnaire.domain(domain_id)
        for role, value in ((Role.PERSON_SCORE, entry.person), (Role.GOAL, entry.goal),
                            (Role.TEAM_SCORE, entry.team), (Role.NOTES, entry.notes)):
            if value is not None:
                values[domain.common(role).id] = value
    return values


def _answer(intake: IntakeSession, person: DemoPerson, today: dt.date) -> None:
    questionnaire = intake.questionnaire
    values = _all_answers(questionnaire, person)
    unknown = sorted(set(values) - {q.id for q in questionnaire.questions})
    if unknown:
        raise ValueError(f"demo {person.given_names}: unknown questions {', '.join(unknown)}")
    # Questionnaire order, as at the table: a question's condition only refers
    # to earlier questions, so it is settled before the question is reached,
    # and the last answer is where the intake resumes.
    for question in questionnaire.questions:
        if question.id not in values:
            continue
        if not question.is_visible(intake.answers):
            raise ValueError(f"demo {person.given_names}: {question.id} is hidden by its condition")
        value = values[question.id]
        if isinstance(value, InDays):
            value = value.on(today)
        intake.answer(question.id, value, language=_answer_language(question, person))


def _answer_language(question: Question, person: DemoPerson) -> str:
    # The language the answer was given in: the person answers in the language
    # they read along in and states their goal in their own words; the team
    # works in Dutch and writes the free texts down in Dutch.
    if question.role is Role.GOAL:
        return person.language
    if question.for_team or question.type is AnswerType.TEXT:
        return "nl"
    return person.language


def _add_actions(plan: PlanSession, actions: tuple[Act, ...], today: dt.date) -> dict[str, int]:
    keys = {}
    for act in actions:
        added = plan.add_action(
            plan.questionnaire.domain(act.domain),
            description=act.text,
            owner=act.owner,
            owner_name=act.owner_name,
            due_date=None if act.due is None else today + dt.timedelta(days=act.due),
            status=act.status,
        )
        if act.key:
            keys[act.key] = added.id
    return keys


def _make_plan(plan: PlanSession, content: DemoPlan, domains: Mapping[str, Scored],
               today: dt.date) -> None:
    questionnaire = plan.questionnaire
    plan.update_fields(
        lead=content.lead,
        lead_reason=content.lead_reason,
        leerroute=content.leerroute,
        pip=content.pip,
        next_evaluation=content.next_evaluation.on(today),
    )
    for domain_id, entry in domains.items():
        if entry.summary is not None:
            plan.set_summary(questionnaire.domain(domain_id), entry.summary)
    for domain_id, partners in content.shared_with.items():
        plan.set_shared_with(questionnaire.domain(domain_id), partners)
    keys = _add_actions(plan, content.actions, today)
    if content.printed is not None:
        printed = content.printed
        plan.record_print(plan.snapshot(), printed_by=printed.printed_by,
                          organisation=printed.organisation, copies=list(printed.copies),
                          destination=printed.destination)
    if content.after_print is not None:
        for key, status in content.after_print.statuses.items():
            plan.update_action(keys[key], status=status)
        _add_actions(plan, content.after_print.new_actions, today)
