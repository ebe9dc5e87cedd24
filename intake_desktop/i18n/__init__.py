"""Translation, text direction and locale-aware formatting, without Qt.

Source strings are Dutch. Import ``_`` and friends from here; nothing is put
into ``builtins``. Values placed inside a translated sentence go through
``isolate`` so a Dutch name or a date keeps its own order inside Arabic text.

Digits: every language, Arabic included, writes Western digits (0-9), on screen
and in print. Dates, numbers and identity documents in the Netherlands use
them, and Babel's "ar" locale does the same; Qt's QLocale("ar") would write
Arabic-Indic digits, so numbers are never formatted through QLocale.
"""

from __future__ import annotations

import gettext
import io
import os
from collections.abc import Iterable
from pathlib import Path

DOMAIN = "intake_desktop"
SOURCE_LANGUAGE = "nl"
# Autonyms: each language is named in its own script, never translated.
LANGUAGE_NAMES = {
    "nl": "Nederlands",
    "en": "English",
    "ar": "العربية",
    "ti": "ትግርኛ",
}
LANGUAGES = tuple(LANGUAGE_NAMES)
RIGHT_TO_LEFT = frozenset({"ar"})
# Babel/CLDR locales used for formatting. Tigrinya as written in Eritrea,
# where most Tigrinya-speaking statushouders come from.
BABEL_LOCALES = {"nl": "nl_NL", "en": "en_GB", "ar": "ar", "ti": "ti_ER"}

LOCALE_DIR = Path(__file__).resolve().parent / "locales"

FSI = "\u2068"  # FIRST STRONG ISOLATE
PDI = "\u2069"  # POP DIRECTIONAL ISOLATE

_translations: dict[str, gettext.NullTranslations] = {}
_current = SOURCE_LANGUAGE


def normalize_language(code: str | None) -> str | None:
    """Map "ar_SY.UTF-8", "ti-ER", "EN" ... to one of LANGUAGES, or None."""
    if not code:
        return None
    base = code.replace("-", "_").split(".")[0].split("_")[0].lower()
    return base if base in LANGUAGE_NAMES else None


def system_language(environ=os.environ) -> str | None:
    for variable in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        for part in environ.get(variable, "").split(":"):
            found = normalize_language(part)
            if found:
                return found
    return None


def _compile_po(po_path: Path) -> bytes:
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    with po_path.open("rb") as handle:
        catalog = read_po(handle, locale=po_path.parent.parent.name)
    buffer = io.BytesIO()
    write_mo(buffer, catalog, use_fuzzy=False)
    return buffer.getvalue()


def _load(language: str) -> gettext.NullTranslations:
    """The compiled catalogue if it is current, otherwise compile the .po.

    Installed packages carry .mo files made at build time; a source checkout
    compiles on first use and keeps the result beside the .po when it may,
    so nobody has to remember a manual compile step.
    """
    folder = LOCALE_DIR / language / "LC_MESSAGES"
    po_path, mo_path = folder / f"{DOMAIN}.po", folder / f"{DOMAIN}.mo"
    try:
        mo_fresh = mo_path.stat().st_mtime >= po_path.stat().st_mtime
    except FileNotFoundError:
        mo_fresh = mo_path.exists()
    if mo_fresh:
        with mo_path.open("rb") as handle:
            return gettext.GNUTranslations(handle)
    if not po_path.exists():
        return gettext.NullTranslations()
    data = _compile_po(po_path)
    try:
        mo_path.write_bytes(data)
    except OSError:
        pass  # read-only install: the in-memory catalogue is enough
    return gettext.GNUTranslations(io.BytesIO(data))


def translations(language: str) -> gettext.NullTranslations:
    """The catalogue of one language, for texts shown in a language other than the UI's."""
    if language not in LANGUAGE_NAMES:
        raise ValueError(f"unsupported language: {language!r}")
    if language not in _translations:
        _translations[language] = _load(language)
    return _translations[language]


def set_language(language: str) -> None:
    global _current
    translations(language)
    _current = language


def current_language() -> str:
    return _current


def is_rtl(language: str | None = None) -> bool:
    return (language or _current) in RIGHT_TO_LEFT


def _(message: str) -> str:
    return translations(_current).gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    return translations(_current).ngettext(singular, plural, n)


def pgettext(context: str, message: str) -> str:
    return translations(_current).pgettext(context, message)


def npgettext(context: str, singular: str, plural: str, n: int) -> str:
    return translations(_current).npgettext(context, singular, plural, n)


def gettext_in(language: str, message: str) -> str:
    """A message in a given language, whatever the interface language is."""
    return translations(language).gettext(message)


def N_(message: str) -> str:
    """Mark a string for extraction; it is translated where it is shown."""
    return message


def Nn_(singular: str, plural: str) -> tuple[str, str]:  # noqa: N802 - gettext's naming
    """Mark a plural pair for extraction; ngettext picks the form where it is shown."""
    return singular, plural


def isolate(value: object) -> str:
    """Wrap an inserted value so its direction cannot leak into the sentence around it."""
    return f"{FSI}{value}{PDI}"


def strip_isolation(text: str) -> str:
    return text.replace(FSI, "").replace(PDI, "")


def babel_locale(language: str | None = None) -> str:
    return BABEL_LOCALES[language or _current]


def format_date(value, language: str | None = None, format: str = "long") -> str:
    from babel.dates import format_date as babel_format_date

    return babel_format_date(value, format=format, locale=babel_locale(language))


def format_datetime(value, language: str | None = None, format: str = "medium") -> str:
    from babel.dates import format_datetime as babel_format_datetime

    if value.tzinfo is not None:
        value = value.astimezone()  # stored in UTC, shown in the laptop's own time
    return babel_format_datetime(value, format=format, locale=babel_locale(language))


def format_number(value, language: str | None = None) -> str:
    from babel.numbers import format_decimal

    return format_decimal(value, locale=babel_locale(language))


def available_languages() -> Iterable[tuple[str, str]]:
    return LANGUAGE_NAMES.items()
