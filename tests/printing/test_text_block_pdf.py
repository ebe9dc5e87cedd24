"""TextBlock in real ReportLab PDFs, read back from the file: order, alignment, fonts, page flow."""

from __future__ import annotations

import re
import shutil
import subprocess
import unicodedata

import pytest
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import cm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import SimpleDocTemplate, Table, TableStyle

from intake_desktop.i18n import isolate
from intake_desktop.printing import fonts
from intake_desktop.printing.bidi_text import TextBlock, clean_text, layout

from .pdf_reading import drawn_lines, drawn_runs

MARGIN = 2 * cm
FRAME_LEFT = MARGIN + 6  # SimpleDocTemplate's frame has 6 pt padding
FRAME_RIGHT = A4[0] - MARGIN - 6
AR = ("يجب على السيدة أن تحضر موعدا مع المرشد الاجتماعي لكي تتحدث عن العمل والسكن والصحة "
      "والتعليم وأن تحمل معها بطاقة الهوية وكشف الحساب البنكي")
TI = "ኣብ መጀመርታ ሰሙን ምስ ማሕበራዊ ሰራሕተኛ ክትራኸቡ ኢኹም። ብዛዕባ ስራሕ፣ ገዛ፣ ጥዕና፣ ትምህርቲ ቋንቋ ክንዛረብ ኢና፤ ሰላም፡ሓው።"
NL = (f"Afgesproken: {isolate('فاطمة يوسف')} meldt zich op {isolate('12-03-1987')} bij het Taalhuis in "
      "Noord-Holland voor een intake (niveau A2).")


def build(path, story):
    SimpleDocTemplate(str(path), pagesize=A4, leftMargin=MARGIN, rightMargin=MARGIN, topMargin=MARGIN,
                      bottomMargin=MARGIN).build(story)
    return path


def logical(visual: str) -> str:
    return unicodedata.normalize("NFKC", visual[::-1])


def lines_by_baseline(runs):
    lines: dict[tuple[int, float], list] = {}
    for run in runs:
        lines.setdefault((run.page, round(-run.y, 1)), []).append(run)
    return [sorted(found, key=lambda r: r.x) for _, found in sorted(lines.items())]


def test_every_drawn_character_has_a_glyph_in_its_embedded_font(tmp_path):
    story = [TextBlock(text, size=10, bold=bold, direction=direction)
             for text, direction in ((AR, "rtl"), (TI, "ltr"), (NL, "ltr"), (f"{NL} {AR}", "rtl"))
             for bold in (False, True)]
    story.append(Table([[TextBlock("Wie", bold=True), TextBlock(AR, direction="rtl", size=8)]],
                       colWidths=[3 * cm, 6 * cm]))
    runs = drawn_runs(build(tmp_path / "mixed.pdf", story))
    assert len(runs) > 50
    missing = [(run.font, run.text) for run in runs if 0 in run.glyphs]
    assert missing == []
    drawn = "".join(run.text for run in runs)
    assert not [ch for ch in drawn if unicodedata.category(ch) in ("Cf", "Cc")]
    for run in runs:
        scripts = {fonts.script_of(ch) for ch in run.text if not ch.isspace()}
        if fonts.ARABIC in scripts:
            assert run.font.startswith("NotoNaskhArabic")
        if fonts.ETHIOPIC in scripts:
            assert run.font.startswith("NotoSansEthiopic")
    assert {"፡", "።", "፣", "፤"} <= set(drawn)


def test_the_glyph_check_notices_a_missing_glyph(tmp_path):
    path = tmp_path / "box.pdf"
    canvas = Canvas(str(path))
    canvas.setFont(fonts.font_name(fonts.LATIN), 12)
    canvas.drawString(100, 700, "ሰላም")  # Ethiopic in the Latin font: empty boxes
    canvas.save()
    assert all(glyph == 0 for run in drawn_runs(path) for glyph in run.glyphs)


def test_wrapped_arabic_paragraph_reads_right_to_left_in_order_and_right_aligned(tmp_path):
    path = build(tmp_path / "ar.pdf", [TextBlock(AR, size=11, direction="rtl")])
    lines = lines_by_baseline(drawn_runs(path))
    assert len(lines) >= 2
    text = [logical("".join(run.text for run in line)) for line in lines]
    assert text[0].startswith("يجب على السيدة")
    assert " ".join(text) == AR
    for line in lines:
        assert line[-1].x + line[-1].width == pytest.approx(FRAME_RIGHT, abs=0.01)


def test_narrow_arabic_paragraph_has_three_or_more_lines_in_order(tmp_path):
    table = Table([[TextBlock(AR, size=10, direction="rtl")]], colWidths=[5 * cm])
    lines = [logical(line) for line in drawn_lines(build(tmp_path / "narrow.pdf", [table]))]
    assert len(lines) >= 3
    assert " ".join(lines) == AR


@pytest.mark.parametrize("direction, align, edge", [
    ("ltr", "start", "left"), ("ltr", "end", "right"), ("rtl", "start", "right"), ("rtl", "end", "left"),
    ("ltr", "center", "center"),
])
def test_alignment(tmp_path, direction, align, edge):
    path = build(tmp_path / "align.pdf", [TextBlock("Kort", direction=direction, align=align)])
    (run,) = drawn_runs(path)
    left, right = run.x, run.x + run.width
    if edge == "left":
        assert left == pytest.approx(FRAME_LEFT, abs=0.01)
    elif edge == "right":
        assert right == pytest.approx(FRAME_RIGHT, abs=0.01)
    else:
        assert (left + right) / 2 == pytest.approx((FRAME_LEFT + FRAME_RIGHT) / 2, abs=0.01)


def test_dutch_line_with_arabic_name_in_pdf(tmp_path):
    (first, *_) = drawn_lines(build(tmp_path / "nl.pdf", [TextBlock(NL, size=10)]))
    assert first.startswith("Afgesproken: ")
    name = first[len("Afgesproken: "):first.index(" meldt")]
    assert logical(name) == "فاطمة يوسف"
    assert "12-03-1987" in first


def test_long_text_flows_over_pages_without_losing_a_line(tmp_path):
    numbered = "\n".join(f"Regel {number:03d} van de lange tekst" for number in range(1, 201))
    arabic = " ".join(f"{word}" for word in AR.split() * 12)
    path = build(tmp_path / "long.pdf", [TextBlock(numbered, size=10), TextBlock(arabic, size=12,
                                                                                  direction="rtl")])
    runs = drawn_runs(path)
    assert max(run.page for run in runs) >= 3
    lines = drawn_lines(path)
    numbers = [m.group(1) for line in lines for m in [re.match(r"Regel (\d{3})", line)] if m]
    assert numbers == [f"{number:03d}" for number in range(1, 201)]
    arabic_lines = [logical(line) for line in lines if not line.startswith("Regel")]
    assert " ".join(arabic_lines) == arabic


def test_split_parts_together_are_the_whole_block():
    text = f"تحدثت السيدة {isolate('Fatima Yusuf van den Berg 3')} 45 مرة مع الموظف. " * 6 + "\n" + TI
    block = TextBlock(text, size=10, direction="rtl", space_before=4, space_after=6)
    width = 150
    _, height = block.wrap(width, 10_000)
    whole = [line.text for line in block._lines]
    assert len(whole) >= 8
    pieces, rest, available = [], block, 3.5 * block.leading
    while True:
        parts = rest.split(width, available)
        if parts == [rest]:
            rest.wrap(width, available)
            pieces.append(rest)
            break
        head, rest = parts
        _, head_height = head.wrap(width, available)
        assert head_height <= available
        pieces.append(head)
    assert [line.text for piece in pieces for line in piece._lines] == whole
    assert pieces[0].getSpaceBefore() == 4 and pieces[0].getSpaceAfter() == 0
    assert pieces[-1].getSpaceBefore() == 0 and pieces[-1].getSpaceAfter() == 6
    assert block.split(width, block.leading / 2) == []
    assert block.split(width, height) == [block]


def test_in_table_cells_with_fixed_and_automatic_widths(tmp_path):
    rows = [[TextBlock("Wie", bold=True), TextBlock("Wat", bold=True), TextBlock("من", bold=True,
                                                                                direction="rtl")],
            [TextBlock("VluchtelingenWerk"), TextBlock(NL, size=9), TextBlock(AR, size=9, direction="rtl")]]
    fixed = Table(rows, colWidths=[3 * cm, 6 * cm, 6 * cm])
    fixed.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP")]))
    automatic = Table([[TextBlock("Klantmanager"), TextBlock("ትምህርቲ ቋንቋ")]])
    path = build(tmp_path / "table.pdf", [fixed, automatic])
    runs = drawn_runs(path)
    assert [run for run in runs if 0 in run.glyphs] == []
    text = "".join(run.text for run in runs)
    for expected in ("VluchtelingenWerk", "Klantmanager", "ትምህርቲ", "12-03-1987"):
        assert expected in text
    # The Arabic cell is right-aligned inside its cell (6 pt padding).
    table_left = (A4[0] - 15 * cm) / 2
    cell_right = table_left + 15 * cm - 6
    arabic = [run for run in runs if run.font.startswith("NotoNaskhArabic")]
    rights = {round(max(r.x + r.width for r in runs if r.y == run.y), 2) for run in arabic}
    assert len(rights) == 1 and rights.pop() == pytest.approx(cell_right, abs=0.01)


def test_empty_and_blank_blocks(tmp_path):
    for text in ("", "   ", "\n\n"):
        block = TextBlock(text)
        assert block.wrap(200, 100) == (200, 0)
        assert block.content_width == 0
    path = build(tmp_path / "empty.pdf", [TextBlock(""), TextBlock("  "), TextBlock("Na de lege blokken")])
    assert drawn_lines(path) == ["Na de lege blokken"]


def test_user_text_is_cleaned_before_printing(tmp_path):
    typed = "Kees\u202e 12 \u2067jaar\r\nwoont\tin Zwolle\x07"
    path = build(tmp_path / "typed.pdf", [TextBlock(clean_text(typed))])
    assert drawn_lines(path) == ["Kees 12 jaar", "woont in Zwolle"]


def test_content_width_is_the_widest_line():
    block = TextBlock("kort\nveel langere regel")
    block.wrap(400, 100)
    assert block.content_width == pytest.approx(max(line.width for line in layout("veel langere regel", 400,
                                                                                   10)))
    assert block.content_width < 400


@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="poppler-utils not installed")
def test_pages_render_with_poppler(tmp_path):
    path = build(tmp_path / "render.pdf", [TextBlock(AR, direction="rtl"), TextBlock(TI), TextBlock(NL)])
    subprocess.run(["pdftoppm", "-r", "40", "-png", str(path), str(tmp_path / "page")], check=True,
                   capture_output=True, timeout=60)
    assert (tmp_path / "page-1.png").stat().st_size > 1000
