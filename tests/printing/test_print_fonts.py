"""The print faces: registration, the Arabic face for print, a face for every character."""

from __future__ import annotations

import pytest
from arabic_reshaper.letters import LETTERS_ARABIC
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFontFile

from intake_desktop.paths import resource
from intake_desktop.printing import fonts
from intake_desktop.printing.bidi_text import visual_lines


def cmap(file: str) -> set[int]:
    """The characters the font has a real glyph for (glyph 0 is the empty box)."""
    return {code for code, glyph in TTFontFile(str(resource("fonts", file))).charToGlyph.items() if glyph}


def test_registration_is_idempotent_and_names_are_known_to_reportlab():
    fonts.register_fonts()
    fonts.register_fonts()
    for script in fonts.SCRIPTS:
        for bold in (False, True):
            name = fonts.font_name(script, bold)
            assert pdfmetrics.getFont(name).fontName == name
    assert fonts.font_name(fonts.LATIN) == "NotoSans"
    assert fonts.font_name(fonts.ETHIOPIC, bold=True) == "NotoSansEthiopic-Bold"


def test_naskh_is_the_arabic_face_because_it_covers_what_the_shaper_emits():
    needed = {ord(ch) for ch in fonts.arabic_shaper_output()}
    assert {0xFEF5, 0xFEF7, 0xFEF9, 0xFEFB} <= needed  # lam-alef ligatures, isolated forms
    assert needed <= cmap("NotoNaskhArabic-Regular.ttf")
    assert needed <= cmap("NotoNaskhArabic-Bold.ttf")
    assert fonts.source_file(fonts.font_name(fonts.ARABIC)).name == "NotoNaskhArabic-Regular.ttf"
    assert fonts.source_file(fonts.font_name(fonts.ARABIC, bold=True)).name == "NotoNaskhArabic-Bold.ttf"


def test_the_coverage_check_looks_at_everything_the_shaper_really_emits():
    emitted = set()
    for letter in LETTERS_ARABIC:
        for text in (letter, "ب" + letter, letter + "ب", "ب" + letter + "ب", "ل" + letter, "بل" + letter):
            for line in visual_lines(text, 1000, 10, direction="rtl"):
                emitted.update(line)
    assert emitted - fonts.arabic_shaper_output() == set()


@pytest.mark.parametrize("bold", [False, True])
def test_every_character_any_face_has_gets_a_face_that_has_it(bold):
    every = set()
    for script in fonts.SCRIPTS:
        every |= cmap(fonts.source_file(fonts.font_name(script, bold)).name)
    for code in every:
        char = chr(code)
        if 0xD800 <= code <= 0xDFFF:
            continue
        assert fonts.has_glyph(fonts.font_for_char(char, bold), char), hex(code)


def test_script_faces_come_first_and_fallback_fills_gaps():
    assert fonts.font_for_char("a") == "NotoSans"
    assert fonts.font_for_char("a", bold=True) == "NotoSans-Bold"
    assert fonts.font_for_char("ب") == fonts.font_name(fonts.ARABIC)
    assert fonts.font_for_char("ሰ", bold=True) == "NotoSansEthiopic-Bold"
    assert fonts.font_for_char("1") == "NotoSans"  # digits in Arabic text too: Western digits
    # VERTICAL ELLIPSIS: not in Noto Sans, so another face that has it.
    assert not fonts.has_glyph("NotoSans", "\u22ee")
    assert fonts.font_for_char("\u22ee") != "NotoSans"
    assert fonts.has_glyph(fonts.font_for_char("\u22ee"), "\u22ee")


@pytest.mark.parametrize("mark", list("፡።፣፤፥፦፧"))
def test_ethiopic_punctuation_is_in_the_ethiopic_faces(mark):
    for bold in (False, True):
        assert fonts.has_glyph(fonts.font_name(fonts.ETHIOPIC, bold), mark)
        assert fonts.font_for_char(mark, bold) == fonts.font_name(fonts.ETHIOPIC, bold)
