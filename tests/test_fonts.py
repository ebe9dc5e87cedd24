"""The bundled fonts cover every character the app shows, in every language."""

import unicodedata

import pytest
from babel.messages.pofile import read_po
from reportlab.pdfbase.ttfonts import TTFontFile

from intake_desktop import i18n
from intake_desktop.i18n import catalogues
from intake_desktop.paths import resource

FONTS = {
    "latin": "NotoSans-Regular.ttf",
    "arabic": "NotoSansArabic-Regular.ttf",
    "ethiopic": "NotoSansEthiopic-Regular.ttf",
}


@pytest.fixture(scope="module")
def charmaps():
    return {name: set(TTFontFile(str(resource("fonts", f))).charToGlyph) for name, f in FONTS.items()}


def shown_characters(language):
    with catalogues.po_path(language).open("rb") as handle:
        catalog = read_po(handle, locale=language)
    text = []
    for message in catalog:
        if not message.id:
            continue
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        text.extend(strings)
    text.extend(i18n.LANGUAGE_NAMES.values())
    # Format characters (isolates, marks) and white space take no glyph.
    return {ch for ch in "".join(text)
            if not ch.isspace() and unicodedata.category(ch) not in ("Cf", "Cc")}


@pytest.mark.parametrize("language", i18n.LANGUAGES)
def test_every_character_is_covered(charmaps, language):
    covered = set().union(*charmaps.values())
    missing = sorted(ch for ch in shown_characters(language) if ord(ch) not in covered)
    assert missing == [], [f"U+{ord(c):04X} {unicodedata.name(c, '?')}" for c in missing]


def test_ethiopic_punctuation_is_in_the_ethiopic_font(charmaps):
    for ch in "፡።፣፤፥፦፧":
        assert ord(ch) in charmaps["ethiopic"], unicodedata.name(ch)


def test_the_scripts_really_are_used(charmaps):
    # Guard against a vacuous pass: the catalogues do contain these scripts.
    assert any(0x0600 <= ord(c) <= 0x06FF for c in shown_characters("ar"))
    assert any(0x1200 <= ord(c) <= 0x137F for c in shown_characters("ti"))
    assert "።" in shown_characters("ti")


def test_licence_ships_with_the_fonts():
    text = resource("fonts", "OFL.txt").read_text()
    assert "SIL OPEN FONT LICENSE Version 1.1" in text
    for name in FONTS.values():
        assert resource("fonts", name).stat().st_size > 100_000
