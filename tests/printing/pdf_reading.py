"""Read back what a ReportLab PDF draws: every text run with its place, font, text and glyphs.

Independent of the code under test: it interprets the page content stream
(q/Q/cm, Tf, Tm/Td, Tj), decodes strings through each font's ToUnicode map,
and looks codes up in the cmap of the embedded TrueType subset. A glyph id
of 0 means the font has no glyph: either its empty box, or (how ReportLab
handles a character missing from a TrueType font) code 0, which ReportLab
maps to U+0000 and draws as nothing.
"""

from __future__ import annotations

import re
import struct
from dataclasses import dataclass
from pathlib import Path

from pypdf import PdfReader
from pypdf.generic import ContentStream


@dataclass(frozen=True)
class DrawnRun:
    page: int
    x: float
    y: float  # baseline
    width: float
    font: str  # BaseFont without the subset tag, e.g. "NotoNaskhArabic-Regular"
    text: str
    glyphs: tuple[int, ...]


def drawn_runs(path: Path) -> list[DrawnRun]:
    reader = PdfReader(str(path))
    runs: list[DrawnRun] = []
    for number, page in enumerate(reader.pages, 1):
        font_dicts = page["/Resources"].get("/Font", {})
        fonts: dict[str, _Font] = {}
        ctm = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)
        stack = []
        tm = line = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)
        font = None
        size = 0.0
        for operands, operator in ContentStream(page.get_contents(), reader).operations:
            if operator == b"q":
                stack.append(ctm)
            elif operator == b"Q":
                ctm = stack.pop()
            elif operator == b"cm":
                ctm = _multiply(tuple(map(float, operands)), ctm)
            elif operator == b"BT":
                tm = line = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)
            elif operator == b"Tm":
                tm = line = tuple(map(float, operands))
            elif operator in (b"Td", b"TD"):
                tm = line = _multiply((1.0, 0.0, 0.0, 1.0, float(operands[0]), float(operands[1])), line)
            elif operator == b"Tf":
                name = str(operands[0])
                if name not in fonts:
                    fonts[name] = _Font(font_dicts[name].get_object())
                font, size = fonts[name], float(operands[1])
            elif operator == b"Tj":
                raw = getattr(operands[0], "original_bytes", None)
                data = bytes(raw if raw is not None else operands[0])
                if not data:
                    continue
                width = sum(font.width(code) for code in data) * size / 1000.0
                m = _multiply(tm, ctm)
                runs.append(DrawnRun(number, m[4], m[5], width * ctm[0], font.name,
                                     "".join(font.unicode(code) for code in data),
                                     tuple(font.glyph(code) for code in data)))
                tm = _multiply((1.0, 0.0, 0.0, 1.0, width, 0.0), tm)
            elif operator in (b"TJ", b"'", b'"'):
                raise AssertionError(f"unexpected text operator {operator!r}: extend the reader")
    return runs


def drawn_lines(path: Path) -> list[str]:
    """The text of each printed line (runs on one baseline, left to right), top to bottom, page by page."""
    lines: dict[tuple[int, float], list[DrawnRun]] = {}
    for run in drawn_runs(path):
        lines.setdefault((run.page, round(-run.y, 1)), []).append(run)
    return ["".join(run.text for run in sorted(runs, key=lambda r: r.x)) for _, runs in sorted(lines.items())]


def _multiply(m, n):
    a, b, c, d, e, f = m
    p, q, r, s, t, u = n
    return (a * p + b * r, a * q + b * s, c * p + d * r, c * q + d * s, e * p + f * r + t, e * q + f * s + u)


class _Font:
    def __init__(self, font) -> None:
        self.name = str(font["/BaseFont"]).lstrip("/").split("+")[-1]
        self.embedded = font["/Subtype"] == "/TrueType" and "/FontDescriptor" in font
        first = int(font.get("/FirstChar", 0))
        self._widths = {first + i: float(w) for i, w in enumerate(font.get("/Widths", []))}
        self._unicode: dict[int, str] = {}
        if "/ToUnicode" in font:
            cmap = font["/ToUnicode"].get_object().get_data().decode("latin-1")
            pairs = re.findall(r"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>", cmap.split("beginbfchar", 1)[-1])
            for code, text in pairs:
                self._unicode[int(code, 16)] = bytes.fromhex(text).decode("utf-16-be")
        self._glyphs: dict[int, int] = {}
        if self.embedded:
            self._glyphs = _subset_cmap(font["/FontDescriptor"]["/FontFile2"].get_object().get_data())

    def width(self, code: int) -> float:
        return self._widths.get(code, 0.0)

    def unicode(self, code: int) -> str:
        return self._unicode.get(code, "\ufffd")

    def glyph(self, code: int) -> int:
        if not self.embedded:
            return -1
        return 0 if self.unicode(code) == "\x00" else self._glyphs.get(code, 0)


def _subset_cmap(data: bytes) -> dict[int, int]:
    """Code -> glyph id from the format 6 cmap ReportLab writes into a TrueType subset."""
    (count,) = struct.unpack(">H", data[4:6])
    for index in range(count):
        tag, _, offset, _ = struct.unpack(">4sIII", data[12 + 16 * index: 28 + 16 * index])
        if tag == b"cmap":
            break
    else:
        raise AssertionError("embedded font has no cmap")
    (tables,) = struct.unpack(">H", data[offset + 2: offset + 4])
    for index in range(tables):
        _, _, sub = struct.unpack(">HHI", data[offset + 4 + 8 * index: offset + 12 + 8 * index])
        start = offset + sub
        fmt, _, _, first, entries = struct.unpack(">HHHHH", data[start: start + 10])
        if fmt == 6:
            glyphs = struct.unpack(f">{entries}H", data[start + 10: start + 10 + 2 * entries])
            return {first + i: glyph for i, glyph in enumerate(glyphs)}
    raise AssertionError("embedded font has no format 6 cmap")
