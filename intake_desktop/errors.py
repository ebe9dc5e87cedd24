"""Problems at start-up, each with a plain message in the interface language.

Every kind says what happened, that nothing was changed where that is true,
and what the user can do. The UI shows the message in a dialog; without a
window it goes to stderr with a non-zero exit code.
"""

from __future__ import annotations

import enum
from pathlib import Path

from intake_desktop.i18n import _, isolate


class Problem(enum.Enum):
    NOT_WRITABLE = "not-writable"
    DISK_FULL = "disk-full"
    WRONG_KEY = "wrong-key"
    KEY_MISSING = "key-missing"
    KEYRING_FAILED = "keyring-failed"
    NO_SECURE_KEYRING = "no-secure-keyring"
    PASSPHRASE_NEEDED = "passphrase-needed"
    KEYINFO_MISSING = "keyinfo-missing"
    KEYINFO_DAMAGED = "keyinfo-damaged"
    DATABASE_MISSING = "database-missing"
    DAMAGED = "damaged"
    NEWER_VERSION = "newer-version"
    NO_DATABASE = "no-database"
    CANCELLED = "cancelled"
    ALREADY_RUNNING = "already-running"
    NETWORK_SHARE = "network-share"


# Exit codes for runs without a window, one per family of problem.
EXIT_CODES = {
    Problem.NOT_WRITABLE: 3,
    Problem.DISK_FULL: 3,
    Problem.WRONG_KEY: 4,
    Problem.KEY_MISSING: 4,
    Problem.KEYRING_FAILED: 4,
    Problem.NO_SECURE_KEYRING: 4,
    Problem.PASSPHRASE_NEEDED: 4,
    Problem.KEYINFO_MISSING: 5,
    Problem.KEYINFO_DAMAGED: 5,
    Problem.DATABASE_MISSING: 5,
    Problem.DAMAGED: 5,
    Problem.NEWER_VERSION: 6,
    Problem.NO_DATABASE: 7,
    Problem.CANCELLED: 8,
    Problem.ALREADY_RUNNING: 9,
    Problem.NETWORK_SHARE: 10,
}


class StartupError(Exception):
    def __init__(self, problem: Problem, path: Path | None = None, detail: str = "") -> None:
        super().__init__(f"{problem.value}: {path or ''} {detail}".strip())
        self.problem = problem
        self.path = path
        self.detail = detail

    @property
    def exit_code(self) -> int:
        return EXIT_CODES[self.problem]

    def message(self) -> str:
        """The explanation for the user, in the current interface language."""
        where = isolate(self.path) if self.path else ""
        p = Problem
        texts = {
            p.NOT_WRITABLE: _(
                "Intake Desktop kan niet schrijven in de map {folder}. "
                "Er is niets veranderd. Kies een map waarin u mag schrijven, "
                "of vraag de beheerder om hulp."
            ),
            p.DISK_FULL: _(
                "De schijf is vol. Er is niets veranderd en wat al was opgeslagen is er nog. "
                "Maak ruimte vrij op de schijf en probeer het opnieuw."
            ),
            p.WRONG_KEY: _(
                "De sleutel past niet bij de database in {folder}. "
                "De database is niet geopend en niet veranderd. Gebruik het "
                "computeraccount waarmee de database is gemaakt, of vraag de beheerder om hulp."
            ),
            p.KEY_MISSING: _(
                "De sleutel van de database in {folder} staat niet in de beveiligde "
                "sleutelopslag van dit computeraccount. De database is niet geopend en "
                "niet veranderd. Gebruik het account waarmee de database is gemaakt, "
                "of vraag de beheerder om hulp."
            ),
            p.KEYRING_FAILED: _(
                "De beveiligde sleutelopslag van het systeem gaf een fout. De database is "
                "niet geopend en niet veranderd. Ontgrendel de sleutelopslag en probeer "
                "het opnieuw."
            ),
            p.NO_SECURE_KEYRING: _(
                "Dit systeem heeft geen beveiligde sleutelopslag. Intake Desktop bewaart "
                "de sleutel van de database nooit onbeveiligd. Start het programma met "
                "venster en stel een wachtwoord in."
            ),
            p.PASSPHRASE_NEEDED: _(
                "De database in {folder} is beveiligd met een wachtwoord. Start het "
                "programma met venster om het wachtwoord in te voeren."
            ),
            p.KEYINFO_MISSING: _(
                "De database staat in {folder}, maar het bestand met de sleutelgegevens "
                "ontbreekt. Er is niets veranderd. Zet dat bestand terug uit een back-up, "
                "of vraag de beheerder om hulp."
            ),
            p.KEYINFO_DAMAGED: _(
                "Het bestand met de sleutelgegevens in {folder} is beschadigd. Er is niets "
                "veranderd. Zet dat bestand terug uit een back-up, of vraag de beheerder om hulp."
            ),
            p.DATABASE_MISSING: _(
                "In {folder} staan de sleutelgegevens van een database, maar de database zelf "
                "ontbreekt. Er is niets veranderd. Zet de database terug uit een back-up. "
                "Wilt u opnieuw beginnen, verplaats dan eerst het sleutelbestand."
            ),
            p.DAMAGED: _(
                "De database in {folder} is beschadigd of onvolledig. Het bestand is niet "
                "veranderd of verwijderd. Zet een back-up terug, of vraag de beheerder om hulp."
            ),
            p.NEWER_VERSION: _(
                "De database in {folder} is gemaakt met een nieuwere versie van Intake Desktop. "
                "Het bestand is niet veranderd. Installeer de nieuwste versie van het programma."
            ),
            p.NO_DATABASE: _("In {folder} staat nog geen database."),
            p.CANCELLED: _("De database is niet geopend."),
            p.ALREADY_RUNNING: _(
                "Intake Desktop is al geopend met de gegevens in {folder}. Er is niets "
                "veranderd. Ga verder in het venster dat al open is, of sluit dat eerst."
            ),
            p.NETWORK_SHARE: _(
                "De map {folder} staat op een netwerkschijf. Daar kan de database beschadigd "
                "raken en komen de gegevens buiten deze laptop. Er is niets veranderd. "
                "Kies een map op deze computer, of vraag de beheerder om hulp."
            ),
        }
        return texts[self.problem].format(folder=where)
