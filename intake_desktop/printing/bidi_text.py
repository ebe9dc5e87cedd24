"""Lines of print for Dutch, English, Arabic and Tigrinya, and a flowable that draws them.

ReportLab draws a string left to right in a single font. Arabic needs three
things it does not do: joined letter forms, right-to-left order with Latin
names, dates and numbers kept left to right inside it, and line wrapping that
keeps the lines of a right-to-left paragraph in reading order. Reordering a
whole paragraph and then wrapping it puts the wrapped lines in the wrong order,
so each paragraph (a hard line of the text) goes through these steps:

1. Arabic words are shaped into presentation forms with arabic_reshaper.
   Joining never crosses a space, so this is done word by word and cached.
2. The bidi embedding levels are resolved for the whole paragraph at once with
   python-bidi (Unicode Bidirectional Algorithm, isolates included), so a
   value wrapped in FSI ... PDI keeps its own direction even when the
   paragraph is wrapped in the middle of it.
3. Lines are broken in logical order, measuring the shaped text.
4. Each line is reordered on its own (rules L1 and L2), brackets at
   right-to-left levels are mirrored (L4), format characters are dropped, and
   the result is cut into runs of one font each.

Explicit embeddings and overrides (U+202A..U+202E) are ignored everywhere:
nothing we print needs them and they are the classic way to make text read
backwards. Isolates and the directional marks are honoured. Text typed by a
user goes through ``clean_text`` first, which also removes isolates and marks
so the user's text cannot unbalance the isolates our own sentences put
around it.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple

from reportlab.lib.colors import black
from reportlab.platypus.flowables import Flowable

from intake_desktop.printing import fonts

__all__ = ["Line", "Run", "TextBlock", "clean_text", "layout", "visual_lines"]

# ---------------------------------------------------------------- cleaning

_LINE_BREAKS = "\r\x0b\x0c\x85\u2028\u2029"
_BIDI_CONTROLS = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c"
_ZERO_WIDTH = "\u200b\u2060\ufeff"


def _control_table(keep: str, newline: str, space: str, drop: str) -> dict[int, str | None]:
    table: dict[int, str | None] = {code: None for code in [*range(0x20), 0x7F, *range(0x80, 0xA0)]}
    table.update({ord(ch): None for ch in drop})
    table.update({ord(ch): "\n" for ch in newline})
    table.update({ord(ch): " " for ch in space})
    for ch in keep:
        table.pop(ord(ch), None)
    return table


_CLEAN_TABLE = _control_table(keep="\n", newline=_LINE_BREAKS, space="\t",
                              drop=_BIDI_CONTROLS + _ZERO_WIDTH)
_SURROGATES = re.compile("[\ud800-\udfff]")


def clean_text(text: str) -> str:
    """Make user-entered text safe and predictable to print.

    NFC-normalised; explicit bidi controls, isolates and directional marks
    removed (so typed text can never reorder the text around it); zero-width
    space, word joiner and byte-order mark removed (ZWJ and ZWNJ stay, they
    steer Arabic joining); control characters removed, except that tab
    becomes a space and every kind of line break (CR LF, CR, VT, FF, NEL,
    U+2028, U+2029) becomes "\\n".
    """
    text = text.replace("\r\n", "\n").translate(_CLEAN_TABLE)
    text = _SURROGATES.sub("", text)
    return unicodedata.normalize("NFC", text)


# ------------------------------------------------------------------ layout


class Run(NamedTuple):
    """Characters drawn in one font, in visual (left-to-right drawing) order."""

    font: str
    text: str
    width: float


@dataclass(frozen=True)
class Line:
    """One printed line: its font runs from left to right and their total width in points."""

    runs: tuple[Run, ...]
    width: float

    @property
    def text(self) -> str:
        return "".join(run.text for run in self.runs)


def layout(text: str, width: float, size: float, bold: bool = False, direction: str = "ltr") -> list[Line]:
    """Break ``text`` into lines at most ``width`` points wide, top to bottom.

    ``direction`` is the paragraph direction: "rtl" for Arabic text, "ltr"
    for the rest. Lines break at spaces, after a hyphen between letters and
    after the Ethiopic wordspace; "\\n" is a hard break. A word longer than a
    line is broken between characters. Blank lines at the start and end are
    dropped, so empty or blank text has no lines.
    """
    return list(_lay_out_text(text, float(width), float(size), bool(bold), _is_rtl(direction))[1])


def visual_lines(text: str, width: float, size: float, bold: bool = False,
                 direction: str = "ltr") -> list[str]:
    """The lines of ``layout`` as plain strings in visual order (left to right, as drawn)."""
    return [line.text for line in layout(text, width, size, bold, direction)]


def _is_rtl(direction: str) -> bool:
    if direction not in ("ltr", "rtl"):
        raise ValueError(f"direction must be 'ltr' or 'rtl', not {direction!r}")
    return direction == "rtl"


# Breaking spaces; no-break space, figure space and narrow no-break space are
# deliberately absent. ZWSP is an invisible break opportunity.
_SPACES = " \u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2008\u2009\u200a\u205f\u3000\u200b"
_BREAK_BEFORE = re.compile(
    f"(?<=[{_SPACES}])(?=[^{_SPACES}])"
    # After a hyphen between letters ("Noord-|Holland"), never in dates or
    # numbers ("12-03-1987", "-5").
    r"|(?<=[^\W\d_][-\u2010])(?=[^\W\d_])"
    # After the Ethiopic wordspace, for text written without spaces.
    f"|(?<=\u1361)(?=[^{_SPACES}])"
)
# Layout input that was not cleaned: line breaks become "\n", tabs spaces,
# embeddings/overrides and other control characters disappear.
_LAYOUT_TABLE = _control_table(keep="\n", newline=_LINE_BREAKS + "\x1c\x1d\x1e", space="\t\x1f",
                               drop="\u202a\u202b\u202c\u202d\u202e")
_SPACE_RUN = re.compile(f"([{_SPACES}]+)")
_ARABIC = re.compile("[\u0600-\u06ff\u0750-\u077f\u0870-\u08ff]")
# A superset of what can put anything at an odd level in a left-to-right
# paragraph (R, AL and AN characters, RLM, RLI); text without any of these
# keeps its logical order and python-bidi is not asked at all.
_MAY_BE_RTL = re.compile("[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefe\u200f\u2067"
                         "\U00010800-\U00010fff\U0001e800-\U0001efff]")
_EPSILON = 1e-6


@dataclass(frozen=True, eq=False)
class _Para:
    """A paragraph after shaping: text in logical order with its resolved bidi levels."""

    text: str
    levels: bytes | None  # None: every character at level 0
    base: int

    def sub(self, start: int, end: int) -> _Para:
        return _Para(self.text[start:end], None if self.levels is None else self.levels[start:end], self.base)


_Span = tuple[int, int, int]  # paragraph index, start, end of a line's content


@lru_cache(maxsize=1024)
def _lay_out_text(text: str, width: float, size: float, bold: bool, rtl: bool
                  ) -> tuple[tuple[_Span, ...], tuple[Line, ...]]:
    return _lay_out(_prepare(text, rtl), width, size, bold)


def _lay_out(paras: tuple[_Para, ...], width: float, size: float, bold: bool
             ) -> tuple[tuple[_Span, ...], tuple[Line, ...]]:
    limit = max(width, 0.0) * 1000.0 / size if size > 0 else 0.0
    scale = size / 1000.0
    spans: list[_Span] = []
    lines: list[Line] = []
    for index, para in enumerate(paras):
        for start, end in _break(para.text, limit, bold):
            spans.append((index, start, end))
            lines.append(_render(para, start, end, bold, scale))
    return tuple(spans), tuple(lines)


@lru_cache(maxsize=1024)
def _prepare(text: str, rtl: bool) -> tuple[_Para, ...]:
    paragraphs = text.replace("\r\n", "\n").translate(_LAYOUT_TABLE).split("\n")
    while paragraphs and _blank(paragraphs[-1]):
        paragraphs.pop()
    first = 0
    while first < len(paragraphs) and _blank(paragraphs[first]):
        first += 1
    base = 1 if rtl else 0
    result = []
    for paragraph in paragraphs[first:]:
        if _ARABIC.search(paragraph):
            paragraph = "".join(_shape_word(part) if _ARABIC.search(part) else part
                                for part in _SPACE_RUN.split(paragraph))
        result.append(_Para(paragraph, _levels(paragraph, base), base))
    return tuple(result)


def _blank(paragraph: str) -> bool:
    return all(ch.isspace() or not _drawn(ch) for ch in paragraph)


# --------------------------------------------------------------- shaping


def _reshaper(ligatures: bool):
    from arabic_reshaper import ArabicReshaper
    from arabic_reshaper.ligatures import LIGATURES

    configuration = {
        "language": "Arabic",
        # Harakat carry meaning (a shadda in a name); they are kept and drawn
        # on their letter, see _reorder.
        "delete_harakat": False,
        "shift_harakat_position": False,
        "delete_tatweel": False,
        "support_zwj": True,
        "use_unshaped_instead_of_isolated": False,
        "support_ligatures": ligatures,
    }
    configuration.update({name: name in fonts.ARABIC_LIGATURES for name, _ in LIGATURES})
    return ArabicReshaper(configuration=configuration)


@lru_cache(maxsize=1)
def _reshapers():
    return _reshaper(ligatures=True), _reshaper(ligatures=False)


@lru_cache(maxsize=16384)
def _shape_word(word: str) -> str:
    with_ligatures, without = _reshapers()
    # arabic_reshaper 3.x misplaces ligatures after a ZWJ (IndexError or a
    # wrong letter), so words with a ZWJ are shaped without them.
    shaper = without if "\u200d" in word else with_ligatures
    try:
        return shaper.reshape(word)
    except (IndexError, KeyError, ValueError):
        return without.reshape(word)


# -------------------------------------------------------------- bidi levels

_DEBUG_LEVELS = re.compile(r"Level\(\s*(\d+),?\s*\)")


def _levels(text: str, base: int) -> bytes | None:
    """Resolved embedding level of every character of one paragraph (rules P..I2).

    python-bidi has no public call for the levels; its ``get_display(...,
    debug=True)`` returns them in a dump of unicode-bidi's ``BidiInfo``, one
    per UTF-8 byte. Its own reordering is not usable here: it works on the
    whole paragraph (not per line) and does not mirror brackets.
    """
    if not text or (base == 0 and not _MAY_BE_RTL.search(text)):
        return None
    from bidi import get_display

    dump = get_display(text, base_dir="R" if base else "L", debug=True)
    start = dump.find("\n    levels: [")
    end = dump.find("\n    paragraphs: [", start)
    per_byte = _DEBUG_LEVELS.findall(dump, start, end) if start >= 0 and end >= 0 else []
    encoded = text.encode("utf-8")
    if len(per_byte) != len(encoded):
        raise RuntimeError("python-bidi's debug output changed; cannot read the bidi levels")
    if len(encoded) == len(text):
        return bytes(map(int, per_byte))
    levels = bytearray(len(text))
    position = 0
    for index, ch in enumerate(text):
        levels[index] = int(per_byte[position])
        code = ord(ch)
        position += 1 if code < 0x80 else 2 if code < 0x800 else 3 if code < 0x10000 else 4
    return bytes(levels)


# ------------------------------------------------------------ line breaking


def _break(text: str, limit: float, bold: bool) -> list[tuple[int, int]]:
    """Greedy line breaks of one paragraph; each line is (start, end) without its trailing spaces."""
    if not text:
        return [(0, 0)]
    stops = _stops(text)
    lines: list[tuple[int, int]] = []
    have = False
    line_start = line_end = 0
    line_width = pending = 0.0
    for start, stop in zip(stops, stops[1:], strict=False):
        chunk = text[start:stop]
        content = chunk.rstrip(_SPACES)
        end = start + len(content)
        content_width = _width(content, bold)
        if have and line_width + pending + content_width <= limit + _EPSILON:
            line_end = end
            line_width += pending + content_width
        else:
            if have:
                lines.append((line_start, line_end))
            line_start, line_end, line_width = start, end, content_width
            if content_width > limit + _EPSILON:
                pieces = _force_break(text, start, end, limit, bold)
                lines.extend(piece[:2] for piece in pieces[:-1])
                line_start, line_end, line_width = pieces[-1]
            have = True
        pending = _width(chunk[len(content):], bold)
    lines.append((line_start, line_end))
    return lines


def _stops(text: str) -> list[int]:
    """Where lines may start: the paragraph start and every break opportunity."""
    stops = [0, *(match.start() for match in _BREAK_BEFORE.finditer(text)), len(text)]
    if text[0] in _SPACES and len(stops) > 2:
        del stops[1]  # the indentation of a paragraph stays with its first word
    return stops


def _force_break(text: str, start: int, end: int, limit: float, bold: bool) -> list[tuple[int, int, float]]:
    """Cut a word wider than a line between characters, never inside a cluster (letter + marks)."""
    pieces = []
    piece_start, piece_width = start, 0.0
    for index in range(start, end):
        ch = text[index]
        advance = _char(ch, bold)[1]
        if piece_width + advance > limit + _EPSILON and index > piece_start and not _continues(ch):
            pieces.append((piece_start, index, piece_width))
            piece_start, piece_width = index, 0.0
        piece_width += advance
    pieces.append((piece_start, end, piece_width))
    return pieces


@lru_cache(maxsize=32768)
def _width(text: str, bold: bool) -> float:
    """Width in thousandths of the font size, as drawn (format characters take none)."""
    return sum(_char(ch, bold)[1] for ch in text)


# ------------------------------------------------------------ line rendering


def _render(para: _Para, start: int, end: int, bold: bool, scale: float) -> Line:
    text = para.text
    if para.levels is None:
        visual = text[start:end]
    else:
        levels = list(para.levels[start:end])
        # L1: trailing white space and isolate controls go to the paragraph
        # level, so they never end up between two right-to-left words.
        index = len(levels) - 1
        while index >= 0 and _resets_at_line_end(text[start + index]):
            levels[index] = para.base
            index -= 1
        visual = "".join(
            _MIRROR.get(text[start + i], text[start + i]) if levels[i] & 1 else text[start + i]
            for i in _reorder(levels)
        )
    runs: list[Run] = []
    font = None
    chars: list[str] = []
    width = 0.0
    for ch in visual:
        name, advance = _char(ch, bold)
        if name is None:
            continue
        if name != font and chars:
            runs.append(Run(font, "".join(chars), width * scale))
            chars, width = [], 0.0
        font = name
        chars.append(ch)
        width += advance
    if chars:
        runs.append(Run(font, "".join(chars), width * scale))
    return Line(tuple(runs), sum(run.width for run in runs))


def _reorder(levels: list[int]) -> list[int]:
    """Rule L2: the visual order of a line's characters, as indexes into the line.

    Combining marks are reversed with their letter, as the rule says. In a
    right-to-left run a mark thus comes just before its letter and is drawn,
    with zero advance, at the letter's left edge: that is where the Noto
    Arabic mark outlines sit (they extend to the right of their origin), so
    without OpenType mark positioning a haraka still lands on its own letter.
    In a left-to-right run the mark follows its letter, as Latin fonts expect.
    """
    order = list(range(len(levels)))
    if not levels:
        return order
    highest, lowest_odd = max(levels), min(levels) | 1
    for level in range(highest, lowest_odd - 1, -1):
        i = 0
        while i < len(order):
            if levels[order[i]] >= level:
                j = i + 1
                while j < len(order) and levels[order[j]] >= level:
                    j += 1
                order[i:j] = order[i:j][::-1]
                i = j
            else:
                i += 1
    return order


@lru_cache(maxsize=4096)
def _char(ch: str, bold: bool) -> tuple[str | None, float]:
    """The font that draws ``ch`` and its advance; no font for characters never drawn."""
    if not _drawn(ch):
        return None, 0.0
    name = fonts.font_for_char(ch, bold)
    return name, fonts.advance(name, ch)


# Visible format characters: the Arabic number signs and end-of-ayah mark.
_VISIBLE_FORMAT = frozenset("\u0600\u0601\u0602\u0603\u0604\u0605\u06dd\u070f\u0890\u0891\u08e2")


@lru_cache(maxsize=4096)
def _drawn(ch: str) -> bool:
    category = unicodedata.category(ch)
    if category == "Cf":
        return ch in _VISIBLE_FORMAT
    if category in ("Cc", "Cs", "Zl", "Zp"):
        return False
    # Variation selectors and the grapheme joiner have no glyph of their own.
    return not ("\ufe00" <= ch <= "\ufe0f" or "\U000e0100" <= ch <= "\U000e01ef" or ch == "\u034f")


@lru_cache(maxsize=4096)
def _continues(ch: str) -> bool:
    """Whether ``ch`` belongs to the character before it (combining mark, ZWJ, ZWNJ)."""
    return unicodedata.category(ch) in ("Mn", "Me", "Mc") or ch in "\u200c\u200d"


@lru_cache(maxsize=4096)
def _resets_at_line_end(ch: str) -> bool:
    return unicodedata.bidirectional(ch) in ("WS", "FSI", "LRI", "RLI", "PDI", "BN", "S", "B")


# Bidi_Mirroring_Glyph pairs (BidiMirroring.txt) for the characters that can
# reasonably occur in our texts; each pair works both ways.
_MIRROR_PAIRS = (
    "()<>[]{}«»‹›⁅⁆⁽⁾₍₎≤≥≦≧≪≫∈∋⊂⊃⊆⊇⌈⌉⌊⌋〈〉❨❩❪❫❬❭❮❯❰❱❲❳❴❵⟦⟧⟨⟩⟪⟫⦃⦄⦅⦆"
    "〈〉《》「」『』【】〔〕〖〗〘〙〚〛﹙﹚﹛﹜﹝﹞﹤﹥（）＜＞［］｛｝｟｠｢｣"
)
_MIRROR = {a: b for a, b in zip(_MIRROR_PAIRS[::2], _MIRROR_PAIRS[1::2], strict=True)}
_MIRROR.update({b: a for a, b in _MIRROR.items()})


# ---------------------------------------------------------------- flowable


class TextBlock(Flowable):
    """A paragraph (or several, separated by "\\n") of mixed-script text for a platypus story.

    Works in a document's story and inside a ``Table`` cell; splits between
    lines, so a long text flows on to the next page. ``align`` "start" is the
    left edge for ltr and the right edge for rtl, "end" the other edge.
    ``wrap`` takes the whole available width; afterwards ``content_width``
    is the width of the widest line, for callers that place things after it.
    """

    def __init__(self, text: str, *, size: float = 10, leading: float | None = None, bold: bool = False,
                 color=black, direction: str = "ltr", align: str = "start",
                 space_before: float = 0, space_after: float = 0) -> None:
        super().__init__()
        if align not in ("start", "end", "center"):
            raise ValueError(f"align must be 'start', 'end' or 'center', not {align!r}")
        self.text = text
        self.size = size
        self.rtl = _is_rtl(direction)
        # Naskh has tall ascenders and deep descenders; at Latin line spacing
        # the lines of an Arabic paragraph touch.
        self.leading = leading if leading is not None else size * (1.6 if _ARABIC.search(text) else 1.3)
        self.bold = bold
        self.color = color
        self.align = align
        self.spaceBefore = space_before
        self.spaceAfter = space_after
        self._paras: tuple[_Para, ...] | None = None  # set on the parts made by split()
        self._lines: tuple[Line, ...] = ()
        self.content_width = 0.0
        self._last: tuple[float, tuple[tuple[_Span, ...], tuple[Line, ...]]] | None = None

    def __repr__(self) -> str:
        return f"TextBlock({self.text[:40]!r}, size={self.size}, direction={'rtl' if self.rtl else 'ltr'})"

    def _laid_out(self, width: float) -> tuple[tuple[_Span, ...], tuple[Line, ...]]:
        if self._last is None or self._last[0] != width:
            if self._paras is None:
                result = _lay_out_text(self.text, float(width), float(self.size), self.bold, self.rtl)
            else:
                result = _lay_out(self._paras, float(width), float(self.size), self.bold)
            self._last = (width, result)
        return self._last[1]

    def _prepared(self) -> tuple[_Para, ...]:
        return self._paras if self._paras is not None else _prepare(self.text, self.rtl)

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        self._lines = self._laid_out(availWidth)[1]
        self.width = availWidth
        self.height = len(self._lines) * self.leading
        self.content_width = max((line.width for line in self._lines), default=0.0)
        return self.width, self.height

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        spans, lines = self._laid_out(availWidth)
        fit = int((availHeight + _EPSILON) // self.leading) if self.leading > 0 else len(lines)
        if fit >= len(lines):
            return [self]
        if fit <= 0:
            return []
        paras = self._prepared()
        last, _, last_end = spans[fit - 1]
        resume, resume_start, _ = spans[fit]
        head = self._part((*paras[:last], paras[last].sub(0, last_end)), self.spaceBefore, 0)
        # Laid out afresh, a word broken across lines could move up next to
        # the words before it; the head keeps exactly the lines it was cut from.
        head._last = (availWidth, (spans[:fit], lines[:fit]))
        tail = (paras[resume].sub(resume_start, len(paras[resume].text)), *paras[resume + 1:])
        return [head, self._part(tail, 0, self.spaceAfter)]

    def _part(self, paras: tuple[_Para, ...], space_before: float, space_after: float) -> TextBlock:
        part = TextBlock(self.text, size=self.size, leading=self.leading, bold=self.bold, color=self.color,
                         direction="rtl" if self.rtl else "ltr", align=self.align,
                         space_before=space_before, space_after=space_after)
        part._paras = paras
        return part

    def minWidth(self) -> float:
        """The widest word, which is what an automatic table column width needs."""
        widest = 0.0
        for para in self._prepared():
            if not para.text:
                continue
            stops = _stops(para.text)
            for start, stop in zip(stops, stops[1:], strict=False):
                widest = max(widest, _width(para.text[start:stop].rstrip(_SPACES), self.bold))
        return widest * self.size / 1000.0

    def draw(self) -> None:
        canvas = self.canv
        canvas.setFillColor(self.color)
        text = canvas.beginText()
        # The first baseline is the same distance below the top whatever the
        # leading, so the first lines of neighbouring table cells (Dutch and
        # Arabic, with different leading) stand level; a larger leading
        # gives Naskh's deep descenders their room below.
        baseline = 0.95 * self.size
        if self.align == "center":
            where = 0.5
        else:
            where = 1.0 if (self.align == "end") != self.rtl else 0.0
        font = None
        for number, line in enumerate(self._lines):
            # One origin per line: each run advances the pen by the same
            # font widths we measured with, so the runs follow on exactly.
            y = self.height - number * self.leading - baseline
            text.setTextOrigin((self.width - line.width) * where, y)
            for run in line.runs:
                if run.font != font:
                    text.setFont(run.font, self.size)
                    font = run.font
                text.textOut(run.text)
        canvas.drawText(text)
