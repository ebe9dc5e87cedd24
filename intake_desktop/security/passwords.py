"""Staff passwords: how strong a new one must be, and how long to wait after failures.

No Qt and no storage here: ``key_slots`` uses these rules, the sign-in and
account dialogs show ``problem_message`` for the first problem found.

The rules follow NIST SP 800-63B rather than composition rules: a minimum
length, a list of passwords that attackers try first, no names of the user,
and a growing delay after failed attempts. A long sentence of plain lowercase
words is accepted; "Welkom2024!" is not.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from typing import Protocol

from intake_desktop.i18n import _

MIN_LENGTH = 12
# Below this length a password of only one kind of character (all lowercase,
# all digits, ...) is too easy to search; above it, length makes up for it.
ONE_KIND_BELOW = 16
MIN_NAME_PART = 4

TOO_SHORT = "too_short"
TOO_COMMON = "too_common"
CONTAINS_NAME = "contains_name"
ONE_KIND = "one_kind"
REPETITIVE = "repetitive"
PROBLEMS = (TOO_SHORT, TOO_COMMON, CONTAINS_NAME, ONE_KIND, REPETITIVE)

# Free attempts before the first delay, then 2 s, 4 s, 8 s ... up to 5 minutes.
FREE_FAILURES = 3
FIRST_DELAY = 2.0
MAX_DELAY = 300.0


class Clock(Protocol):
    """The current time as an aware UTC datetime; tests pass a fake one."""

    def __call__(self) -> dt.datetime: ...


def utc_now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def normalize_password(password: str) -> str:
    """The form that is hashed, so the same password typed on another keyboard still fits.

    NFKC as NIST SP 800-63B advises: a precomposed "é" (macOS input may give
    "e" + combining accent) and full-width digits from an Asian input method
    become the same characters.
    """
    return unicodedata.normalize("NFKC", password)


def delay_after(failures: int) -> float:
    """Seconds to wait before the next attempt after ``failures`` failures in a row."""
    if failures <= FREE_FAILURES:
        return 0.0
    doublings = failures - FREE_FAILURES - 1
    # Compare the exponent, not the power: a huge counter must not overflow a float.
    if doublings >= 16:
        return MAX_DELAY
    return min(MAX_DELAY, FIRST_DELAY * 2**doublings)


# --- strength -----------------------------------------------------------------------------

# Attackers try these first (and their variants with digits or symbols
# around them, and simple letter-for-digit swaps). Kept small and local on
# purpose: no download, and the length rule already rules out most lists.
COMMON_PASSWORDS = frozenset("""
password passw0rd wachtwoord wachtwoorden paswoord wachtwoord123 geheim geheimpje
welkom welkom01 welcome letmein iloveyou ikhouvanjou liefde schatje schat
admin administrator beheer beheerder root user gebruiker medewerker login inloggen
qwerty qwertyuiop azerty asdfgh zxcvbn abc123 monkey dragon master shadow
sunshine princess prinses football voetbal baseball soccer superman batman
trustno1 starwars pokemon charlie michael jennifer jordan hunter freedom whatever
ajax feyenoord psv amsterdam rotterdam utrecht denhaag nederland holland
zomer winter lente herfst voorjaar najaar summer spring autumn
januari februari maart april mei juni juli augustus september oktober november december
maandag dinsdag woensdag donderdag vrijdag zaterdag zondag
hallo hello hoihoi doei kaas kaasboer tulp fiets oranje hondje poesje
intake intakedesktop inburgering statushouder statushouders vluchtelingenwerk
vluchteling gemeente wijkteam sociaalwijkteam gemeentehuis laptop computer
changeme veranderen veranderdit test testen test123 testtest demo gast guest
""".split())

# Keyboard rows and runs; a password that is a stretch of one of these (either
# way round) is a pattern, not a secret.
SEQUENCES = (
    "abcdefghijklmnopqrstuvwxyz",
    "01234567890123456789",
    "qwertyuiopasdfghjklzxcvbnm",
    "azertyuiopqsdfghjklmwxcvbn",
    "qwertzuiopasdfghjklyxcvbnm",
    "1qaz2wsx3edc4rfv5tgb6yhn7ujm8ik9ol0p",
    "!@#$%^&*()_+",
)
_MIN_SEQUENCE = 4

_LEET = str.maketrans({"@": "a", "4": "a", "0": "o", "3": "e", "1": "i", "!": "i",
                       "$": "s", "5": "s", "7": "t", "+": "t", "8": "b", "9": "g"})
_EDGE = re.compile(r"^[\W\d_]+|[\W\d_]+$")


def _plain(text: str) -> str:
    """Casefolded and without accents, so "Müller" is found in "mullerjan"."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _is_sequence(text: str) -> bool:
    if len(text) < _MIN_SEQUENCE:
        return False
    return any(text in seq or text in seq[::-1] for seq in SEQUENCES)


def _is_repeated(text: str) -> bool:
    """Few different characters, or a short piece said again and again."""
    return len(set(text)) < min(5, len(text)) or re.fullmatch(r"(.{1,7}?)\1+", text, re.DOTALL) is not None


def _cores(plain: str) -> set[str]:
    """The password, and its core without the digits and symbols people put around words."""
    core = _EDGE.sub("", plain)
    found = {plain, core, plain.translate(_LEET), core.translate(_LEET)}
    # "P@ssw0rd!!" loses its "!!" at the edge only after the swaps.
    found.add(_EDGE.sub("", plain.translate(_LEET)))
    # "welkomwelkom" and "zomerzomer2024" are a common word said twice.
    for candidate in list(found):
        repeat = re.fullmatch(r"(.+?)\1+", candidate, re.DOTALL)
        if repeat:
            found.add(repeat.group(1))
    found.discard("")
    return found


def _is_common(plain: str) -> bool:
    return any(c in COMMON_PASSWORDS or _is_sequence(c) for c in _cores(plain))


def _name_parts(username: str, name: str) -> set[str]:
    parts = set()
    user = _plain(username.strip())
    if len(user) >= 3:
        parts.add(user)
    for text in (user, _plain(name)):
        parts.update(p for p in re.split(r"[\W\d_]+", text) if len(p) >= MIN_NAME_PART)
    return parts


def _kinds(password: str) -> set[str]:
    kinds = set()
    for c in password:
        if c.isdigit():
            kinds.add("digit")
        elif c.islower():
            kinds.add("lower")
        elif c.isupper():
            kinds.add("upper")
        elif c.isalpha():
            # Arabic and Ge'ez letters have no case; they are their own kind.
            kinds.add("letter")
        else:
            kinds.add("other")
    return kinds


def password_problems(password: str, *, username: str = "", name: str = "") -> list[str]:
    """What is wrong with a new password, as problem codes (PROBLEMS); empty when it is fine.

    ``username`` is the sign-in name and ``name`` the person's full name; a
    password containing either (or a part of the name of 4 or more letters)
    is refused. The most important problem comes first.
    """
    password = normalize_password(password)
    plain = _plain(password)
    problems = []
    if len(password) < MIN_LENGTH:
        problems.append(TOO_SHORT)
    if _is_common(plain):
        problems.append(TOO_COMMON)
    if any(part in plain for part in _name_parts(username, name)):
        problems.append(CONTAINS_NAME)
    if len(_kinds(password)) <= 1 and len(password) < ONE_KIND_BELOW:
        problems.append(ONE_KIND)
    if _is_repeated(plain):
        problems.append(REPETITIVE)
    return problems


def problem_message(code: str) -> str:
    """The explanation of one problem code, in the interface language."""
    texts = {
        TOO_SHORT: lambda: _("Het wachtwoord moet minstens 12 tekens hebben."),
        TOO_COMMON: lambda: _(
            "Dit wachtwoord wordt veel gebruikt of is een rijtje toetsen. Kies iets "
            "dat niemand kan raden, bijvoorbeeld een zin van een paar woorden."),
        CONTAINS_NAME: lambda: _(
            "Het wachtwoord mag uw naam of gebruikersnaam niet bevatten."),
        ONE_KIND: lambda: _(
            "Het wachtwoord heeft maar één soort tekens. Gebruik ook hoofdletters, "
            "cijfers of leestekens, of maak het minstens 16 tekens lang."),
        REPETITIVE: lambda: _(
            "Het wachtwoord herhaalt steeds dezelfde tekens. Kies iets met meer afwisseling."),
    }
    if code not in texts:
        raise ValueError(f"unknown password problem: {code!r}")
    return texts[code]()
