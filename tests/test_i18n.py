"""The catalogues are complete and sound, and inserted values keep their own direction."""

import re
import string

import pytest
from babel.messages.pofile import read_po

from intake_desktop import i18n
from intake_desktop.i18n import catalogues

TRANSLATED = ("en", "ar", "ti")
ARABIC = re.compile(r"[\u0600-\u06FF]")
ETHIOPIC = re.compile(r"[\u1200-\u137F]")
# A keyboard accelerator is "&" right before a character; "Taal & inburgering" has none.
ACCELERATOR = re.compile(r"&(?=[^&\s])")


def catalogue(language):
    with catalogues.po_path(language).open("rb") as handle:
        return read_po(handle, locale=language)


def forms(message):
    return list(message.string) if isinstance(message.string, tuple) else [message.string]


def ids(message):
    return list(message.id) if isinstance(message.id, tuple) else [message.id]


def fields(text):
    return sorted(name for _, name, _, _ in string.Formatter().parse(text) if name is not None)


@pytest.mark.parametrize("language", i18n.LANGUAGES)
def test_catalogue_is_complete_and_not_fuzzy(language):
    total, missing, fuzzy = catalogues.gaps()[language]
    assert total > 0
    assert (missing, fuzzy) == (0, 0)


@pytest.mark.parametrize("language", TRANSLATED)
def test_placeholders_and_accelerators_match(language):
    problems = []
    for message in catalogue(language):
        if not message.id:
            continue
        expected = fields(ids(message)[-1])
        for form in forms(message):
            if fields(form) != expected:
                problems.append((message.id, form))
            if len(ACCELERATOR.findall(ids(message)[0])) != len(ACCELERATOR.findall(form)):
                problems.append((message.id, form))
    assert problems == []


# Abbreviations that stay as they are in every language (KNM, PVT, MAP, ...).
ABBREVIATION = re.compile(r"^[A-Z0-9][A-Z0-9 /&.+-]*$")


@pytest.mark.parametrize("language, script", [("ar", ARABIC), ("ti", ETHIOPIC)])
def test_translations_are_in_the_right_script(language, script):
    wrong = [m.id for m in catalogue(language) if m.id
             and not (ABBREVIATION.match(ids(m)[0]) and forms(m) == ids(m))
             and not all(script.search(form) for form in forms(m))]
    assert wrong == []


def test_abbreviation_rule_is_narrow():
    assert ABBREVIATION.match("KNM") and ABBREVIATION.match("B1")
    assert not ABBREVIATION.match("Nee") and not ABBREVIATION.match("Intake Desktop")


def test_plural_forms():
    assert catalogue("ar").num_plurals == 6
    ti = catalogue("ti")
    assert ti.num_plurals == 2 and ti.plural_expr == "(n > 1)"
    i18n.set_language("ti")
    one = i18n.ngettext("Kies een wachtwoord van minstens {n} teken.",
                        "Kies een wachtwoord van minstens {n} tekens.", 1)
    zero = i18n.ngettext("Kies een wachtwoord van minstens {n} teken.",
                         "Kies een wachtwoord van minstens {n} tekens.", 0)
    many = i18n.ngettext("Kies een wachtwoord van minstens {n} teken.",
                         "Kies een wachtwoord van minstens {n} tekens.", 12)
    assert zero == one  # CLDR: 0 takes the singular in Tigrinya
    assert ETHIOPIC.search(many)


def test_template_is_up_to_date(tmp_path, monkeypatch):
    """Every string in the code is in the template (run 'catalogues update' if this fails)."""
    monkeypatch.setattr(catalogues, "TEMPLATE", tmp_path / "fresh.pot")
    catalogues.extract()
    with (tmp_path / "fresh.pot").open("rb") as handle:
        fresh = {m.id for m in read_po(handle) if m.id}
    with (i18n.LOCALE_DIR.parent / f"{i18n.DOMAIN}.pot").open("rb") as handle:
        committed = {m.id for m in read_po(handle) if m.id}
    assert fresh == committed


def test_isolate_keeps_an_inserted_value_apart():
    text = i18n.isolate("Amsterdam 12-03-1990")
    assert text.startswith("\u2068") and text.endswith("\u2069")
    assert i18n.strip_isolation(text) == "Amsterdam 12-03-1990"


@pytest.mark.parametrize("language", i18n.LANGUAGES)
def test_dates_and_numbers_use_western_digits(language):
    import datetime as dt

    date = i18n.format_date(dt.date(2026, 3, 9), language)
    number = i18n.format_number(1234.5, language)
    assert "2026" in date and "9" in date
    assert not re.search(r"[\u0660-\u0669\u06F0-\u06F9]", date + number)


def test_direction():
    assert i18n.is_rtl("ar") and not i18n.is_rtl("ti") and not i18n.is_rtl("nl")
