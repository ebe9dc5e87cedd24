"""The layout function: line breaking in logical order, per-line bidi, shaping and font runs."""

from __future__ import annotations

import math
import time
import unicodedata

import pytest
from bidi import get_display
from hypothesis import given, settings
from hypothesis import strategies as st

from intake_desktop.i18n import isolate
from intake_desktop.printing import fonts
from intake_desktop.printing.bidi_text import clean_text, layout, visual_lines

AR_WORDS = ("يجب على السيدة أن تحضر موعدا مع المرشد الاجتماعي لكي تتحدث عن العمل والسكن "
            "والصحة والتعليم وأن تحمل معها بطاقة الهوية").split()
AR_TEXT = " ".join(AR_WORDS)
TI_TEXT = "ኣብ መጀመርታ ሰሙን ምስ ማሕበራዊ ሰራሕተኛ ክትራኸቡ ኢኹም። ብዛዕባ ስራሕ፣ ገዛ፣ ጥዕና፣ ትምህርቲ ቋንቋ ክንዛረብ ኢና።"
FORMAT_CHARACTERS = ("\u200e\u200f\u061c\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
                     "\u200b\u200c\u200d\ufeff")


def logical(visual: str) -> str:
    """A right-to-left line read back in logical order, with presentation forms undone."""
    return unicodedata.normalize("NFKC", visual[::-1])


def one_line(text: str, direction: str = "ltr") -> str:
    lines = visual_lines(text, 10_000, 10, direction=direction)
    assert len(lines) == 1
    return lines[0]


# ------------------------------------------------------------ Arabic, wrapped


def test_wrapped_arabic_paragraph_keeps_reading_order():
    lines = layout(AR_TEXT, 120, 10, direction="rtl")
    assert len(lines) >= 3
    assert all(line.width <= 120 + 1e-6 for line in lines)
    read = [logical(line.text) for line in lines]
    # The first logical words are on the first (top) line, and each line,
    # read from right to left, is a stretch of the sentence in order.
    assert read[0].startswith(f"{AR_WORDS[0]} {AR_WORDS[1]} ")
    assert read[-1].endswith(AR_WORDS[-1])
    assert " ".join(read) == AR_TEXT


def test_arabic_letters_are_joined_and_lam_alef_is_a_ligature():
    line = one_line("السلام", "rtl")
    assert all("\ufb50" <= ch <= "\ufeff" for ch in line)  # presentation forms only
    assert "\ufefc" in line  # LAM WITH ALEF FINAL FORM
    assert logical(line) == "السلام"


def test_no_allah_ligature_inside_names():
    assert "\ufdf2" not in one_line("عبدالله", "rtl")
    assert logical(one_line("عبدالله", "rtl")) == "عبدالله"


@pytest.mark.parametrize("sentence, mark", [("هل تحتاج إلى مترجم؟", "؟"), ("الموعد يوم الثلاثاء.", "."),
                                            ("الموعد مع VluchtelingenWerk.", ".")])
def test_sentence_final_punctuation_is_on_the_visual_left(sentence, mark):
    line = one_line(sentence, "rtl")
    assert line[0] == mark
    assert line[-1] != mark


def test_dutch_name_and_date_inside_arabic_stay_intact_and_left_to_right():
    text = (f"يجب على السيدة {isolate('Fatima Yusuf')} أن تحضر يوم {isolate('12-03-1987')} "
            "عند VluchtelingenWerk في المدينة")
    lines = visual_lines(text, 170, 10, direction="rtl")
    assert len(lines) == 3
    first = lines[0]
    name = first.index("Fatima Yusuf")
    assert logical(first[name + len("Fatima Yusuf "):]) == "يجب على السيدة"  # right of the name
    assert logical(first[:name - 1]) == "أن تحضر"  # left of it: what follows it
    assert "12-03-1987" in lines[1]
    assert "VluchtelingenWerk" in lines[2]


def test_arabic_name_inside_dutch_stays_intact():
    line = one_line(f"Afspraak met {isolate('فاطمة يوسف')} op 12-03-1987.")
    assert line.startswith("Afspraak met ")
    assert line.endswith(" op 12-03-1987.")
    arabic = line[len("Afspraak met "):-len(" op 12-03-1987.")]
    assert logical(arabic) == "فاطمة يوسف"  # first name on the right: read right to left


def test_isolate_keeps_a_value_apart_from_the_numbers_after_it():
    isolated = one_line(f"العمر {isolate('Hassan 3')} 45 سنة", "rtl")
    plain = one_line("العمر Hassan 3 45 سنة", "rtl")
    assert "Hassan 3 45" in plain  # what happens without the isolate
    assert "Hassan 3" in isolated and "Hassan 3 45" not in isolated
    assert isolated.index("45") < isolated.index("Hassan 3")


def test_isolate_is_honoured_when_the_paragraph_wraps_inside_it():
    value = isolate("Fatima Yusuf van den Berg-Achterberg 3")
    lines = visual_lines(f"تحدثت السيدة {value} 45 مرة مع الموظف في المكتب", 100, 10, direction="rtl")
    assert lines[0].startswith("Fatima ") and logical(lines[0][len("Fatima "):]) == "تحدثت السيدة"
    assert lines[1] == "Yusuf van den Berg-"
    # The isolate ends on the third line: its "3" stays apart from the 45
    # that follows it in the Arabic sentence (to its left).
    assert lines[2].endswith(" 45 Achterberg 3")
    assert logical(lines[2][:-len(" 45 Achterberg 3")]) == "مرة"
    assert logical(lines[3]) == "مع الموظف في المكتب"


def test_brackets_are_mirrored_in_right_to_left_text():
    line = one_line("بطاقة الهوية (الإقامة) ومستوى (A2) جيد", "rtl")
    # Logical "(" comes before the Arabic word, so it stands on the word's
    # right, mirrored to ")" so that it still embraces the word: left to
    # right the drawn line reads "(...)".
    arabic = line[line.rindex("("):line.rindex(")") + 1]
    assert arabic[0] == "(" and arabic[-1] == ")"
    assert logical(arabic[1:-1]) == "الإقامة"
    assert "(A2)" in line
    assert line.count("(") == line.count(")") == 2


def test_brackets_in_left_to_right_text_are_not_mirrored():
    assert one_line("Niveau (A2) en [B1]") == "Niveau (A2) en [B1]"


# ----------------------------------------------------- cleaning and controls


@pytest.mark.parametrize("control", list("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
                                         "\u200e\u200f\u061c\u200b\u2060\ufeff"))
def test_clean_text_removes_bidi_and_zero_width_controls(control):
    assert clean_text(f"Kees{control} 12") == "Kees 12"


def test_clean_text_normalises_white_space_controls_and_composition():
    assert clean_text("a\r\nb\rc\td\x00e\x07f\x9bg\n") == "a\nb\nc defg\n"
    assert clean_text("een\u2028twee\x85drie\u2029") == "een\ntwee\ndrie\n"
    assert clean_text("e\u0301") == "\u00e9"
    assert clean_text("a\ud800b") == "ab"  # a lone surrogate would break the PDF encoder
    assert clean_text("\u0645\u200c\u0644\u200d") == "\u0645\u200c\u0644\u200d"  # ZWNJ/ZWJ stay


def test_hostile_override_cannot_reverse_its_neighbours():
    hostile = "Naam: \u202eKees de Vries\u202c, 12 jaar"
    assert clean_text(hostile) == "Naam: Kees de Vries, 12 jaar"
    assert one_line(clean_text(hostile)) == "Naam: Kees de Vries, 12 jaar"
    # Even text that skipped clean_text: overrides and embeddings are ignored.
    assert one_line(hostile) == "Naam: Kees de Vries, 12 jaar"
    assert "Kees de Vries" in one_line("الاسم \u202eKees de Vries\u202c 12", "rtl")
    assert "Kees de Vries" in one_line("الاسم \u202bKees de Vries\u202c 12", "ltr")
    inside_arabic = one_line(f"الاسم {isolate(clean_text(chr(0x2067) + 'Kees' + chr(0x202e)))} 12", "rtl")
    assert "Kees" in inside_arabic


def test_format_characters_are_never_drawn():
    text = f"مرحبا {isolate('Kees')} \u200fو\u200dب\u200c ok \u2066x\u2069 \u200e1\ufeff"
    for direction in ("ltr", "rtl"):
        for line in layout(text, 60, 10, direction=direction):
            drawn = "".join(run.text for run in line.runs)
            assert not [ch for ch in drawn if unicodedata.category(ch) in ("Cf", "Cc")]


def test_reshaper_bug_with_zwj_before_lam_alef_does_not_break_layout():
    # arabic_reshaper 3.1 raises IndexError on this with ligatures enabled.
    assert logical(one_line("ب\u200dبلا", "rtl")) == "ببلا"


# ------------------------------------------------------------------ Tigrinya


def test_tigrinya_uses_the_ethiopic_font_and_wraps_at_spaces():
    ethiopic = fonts.font_name(fonts.ETHIOPIC)
    lines = layout(TI_TEXT, 110, 10)
    assert len(lines) >= 3
    assert " ".join(line.text for line in lines) == TI_TEXT
    for line in lines:
        assert line.width <= 110 + 1e-6
        for run in line.runs:
            if any(fonts.script_of(ch) == fonts.ETHIOPIC for ch in run.text):
                assert run.font == ethiopic


def test_ethiopic_punctuation_is_drawn_with_a_font_that_has_it():
    line = layout("ሰላም፡ሓው፤ ገዛ፣ ጥዕና። ድዩ፧", 10_000, 10)[0]
    by_char = {ch: run.font for run in line.runs for ch in run.text}
    for mark in "፡።፣፤፧":
        assert by_char[mark] == fonts.font_name(fonts.ETHIOPIC)
        assert fonts.has_glyph(by_char[mark], mark)


def test_text_without_spaces_breaks_after_the_ethiopic_wordspace():
    lines = visual_lines("ሰላም፡" * 30, 100, 10)
    assert len(lines) > 1
    assert all(line.endswith("፡") for line in lines)
    assert "".join(lines) == "ሰላም፡" * 30


# ------------------------------------------------------------- line breaking


def test_breaks_at_spaces_and_after_hyphens_but_not_in_dates():
    text = "Noord-Holland 12-03-1987 Noord-Holland"
    narrow = visual_lines(text, 65, 10)
    assert "12-03-1987" in narrow
    assert "Noord-" in narrow and "Holland" in narrow


def test_hard_breaks_and_blank_lines():
    assert visual_lines("een\n\ntwee\r\ndrie", 1000, 10) == ["een", "", "twee", "drie"]
    assert visual_lines("\n  \neen\n\n", 1000, 10) == ["een"]


def test_empty_and_blank_text_have_no_lines():
    assert layout("", 100, 10) == []
    assert layout("     ", 100, 10) == []
    assert layout(" \n \t\n", 100, 10) == []
    assert layout(isolate(""), 100, 10, direction="rtl") == []


def test_indentation_of_a_paragraph_is_kept_and_trailing_spaces_are_dropped():
    assert visual_lines("  een twee   ", 1000, 10) == ["  een twee"]


def test_a_word_longer_than_the_line_is_broken_between_characters():
    lines = layout("Arbeidsongeschiktheidsverzekering", 40, 10)
    assert len(lines) > 2
    assert "".join(line.text for line in lines) == "Arbeidsongeschiktheidsverzekering"
    assert all(line.width <= 40 + 1e-6 for line in lines)


def test_a_hundred_thousand_character_word_is_laid_out_in_linear_time():
    size, width = 10, 200
    per_line = math.floor(width * 1000 / size / fonts.advance(fonts.font_name(fonts.LATIN), "x") + 1e-9)
    started = time.perf_counter()
    lines = layout("x" * 100_000, width, size)
    elapsed = time.perf_counter() - started
    assert len(lines) == math.ceil(100_000 / per_line)
    assert sum(len(line.text) for line in lines) == 100_000
    assert elapsed < 5, "a long word must not take quadratic time"


def test_a_hundred_thousand_character_arabic_word():
    started = time.perf_counter()
    lines = layout("بت" * 50_000, 300, 10, direction="rtl")
    assert time.perf_counter() - started < 5
    assert sum(len(line.text) for line in lines) == 100_000
    assert logical(lines[0].text).startswith("بتبت")
    assert all(line.width <= 300 + 1e-6 for line in lines)


def test_runs_add_up_to_the_line_width_and_fonts_have_the_glyphs():
    text = f"Plan — {AR_TEXT} — {TI_TEXT} (A2) 12-03-1987 «citaat» < 5 € é"
    for direction in ("ltr", "rtl"):
        for bold in (False, True):
            for line in layout(text, 150, 9, bold=bold, direction=direction):
                assert line.width == pytest.approx(sum(run.width for run in line.runs))
                for run in line.runs:
                    assert run.text
                    missing = [ch for ch in run.text if not fonts.has_glyph(run.font, ch)]
                    assert not missing, (run.font, missing)


# ------------------------------------------------------- against python-bidi

_ALPHABET = st.sampled_from(list("ab Zש אב 0 12 -+.,:/%!? ") + ["\u2068", "\u2066", "\u2067", "\u2069",
                                                                   "\u200e", "\u200f", " ", "12-03"])


@settings(max_examples=300, deadline=None)
@given(parts=st.lists(_ALPHABET, min_size=1, max_size=25), rtl=st.booleans())
def test_line_order_matches_python_bidi_on_single_lines(parts, rtl):
    """python-bidi reorders a whole single-line paragraph itself; ours must agree (brackets aside)."""
    text = "".join(parts).rstrip(" ")
    if not text.strip(" " + FORMAT_CHARACTERS):
        return
    expected = get_display(text, base_dir="R" if rtl else "L")
    expected = "".join(ch for ch in expected if ch not in FORMAT_CHARACTERS).strip(" ")
    got = visual_lines(text, 1e9, 10, direction="rtl" if rtl else "ltr")
    assert [line.strip(" ") for line in got] == [expected]


def test_unreadable_python_bidi_output_fails_loudly(monkeypatch):
    import bidi

    monkeypatch.setattr(bidi, "get_display", lambda text, **kwargs: "something else")
    with pytest.raises(RuntimeError, match="python-bidi"):
        layout("نص لم يطبع من قبل ولا مرة", 100, 10, direction="rtl")
