"""The score chart of the printed plan: team and person score per leefdomein.

Drawn straight on the canvas, because ReportLab's chart labels know nothing
of right-to-left text; the labels go through our own text layout. For a
right-to-left reader the whole chart is mirrored: labels on the right, bars
growing to the left.
"""

from __future__ import annotations

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import Flowable

from intake_desktop.printing.bidi_text import TextBlock

TEAM_COLOUR = colors.HexColor("#1f5f8b")
PERSON_COLOUR = colors.HexColor("#e0892b")
GRID = colors.HexColor("#c9d2dc")
TEXT = colors.HexColor("#1d2733")
MAXIMUM = 5


class ScoreChart(Flowable):
    ROW = 7.5 * mm
    BAR = 2.6 * mm
    LEGEND = 8 * mm
    AXIS = 5 * mm

    def __init__(self, rows: list[tuple[str, int | None, int | None]],
                 legend: tuple[str, str], direction: str = "ltr") -> None:
        super().__init__()
        self.rows = rows
        self.legend = legend
        self.rtl = direction == "rtl"

    def wrap(self, availWidth, availHeight):  # noqa: N803 - ReportLab's names
        self.width = availWidth
        self.height = self.LEGEND + self.AXIS + self.ROW * len(self.rows)
        return self.width, self.height

    def _x(self, left: float, right: float, fraction: float) -> float:
        """A point on the bar axis; the axis runs from the label side outwards."""
        return right - fraction * (right - left) if self.rtl else left + fraction * (right - left)

    def _label(self, text: str, x: float, y_middle: float, width: float, size: float,
               align: str = "start") -> None:
        block = TextBlock(text, size=size, color=TEXT, direction="rtl" if self.rtl else "ltr",
                          align=align)
        _w, height = block.wrap(width, self.ROW * 2)
        block.drawOn(self.canv, x, y_middle - height / 2)

    def draw(self) -> None:
        canvas = self.canv
        label_width = min(55 * mm, self.width * 0.38)
        if self.rtl:
            bars_left, bars_right = 4 * mm, self.width - label_width - 3 * mm
            label_x = self.width - label_width
        else:
            bars_left, bars_right = label_width + 3 * mm, self.width - 4 * mm
            label_x = 0
        top = self.height - self.LEGEND
        bottom = self.AXIS

        # Grid lines and the numbers 1..5 under them.
        canvas.setLineWidth(0.4)
        for value in range(MAXIMUM + 1):
            x = self._x(bars_left, bars_right, value / MAXIMUM)
            canvas.setStrokeColor(GRID)
            canvas.line(x, bottom, x, top)
            if value:
                canvas.setFillColor(TEXT)
                canvas.setFont("NotoSans", 7)
                canvas.drawCentredString(x, bottom - 3.2 * mm, str(value))

        for index, (label, team, person) in enumerate(self.rows):
            row_top = top - index * self.ROW
            middle = row_top - self.ROW / 2
            self._label(label, label_x, middle, label_width, 8)
            for offset, value, colour in ((-self.BAR / 2 - 0.3, team, TEAM_COLOUR),
                                          (self.BAR / 2 + 0.3, person, PERSON_COLOUR)):
                if not value:
                    continue
                y = middle - offset - self.BAR / 2
                start = self._x(bars_left, bars_right, 0)
                end = self._x(bars_left, bars_right, value / MAXIMUM)
                canvas.setFillColor(colour)
                canvas.rect(min(start, end), y, abs(end - start), self.BAR, stroke=0, fill=1)

        # Legend above the chart, on the reader's starting side.
        canvas.setFont("NotoSans", 8)
        y = self.height - self.LEGEND / 2
        x = 0 if not self.rtl else self.width
        for text, colour in zip(self.legend, (TEAM_COLOUR, PERSON_COLOUR), strict=True):
            swatch = 3.2 * mm
            block = TextBlock(text, size=8, color=TEXT, direction="rtl" if self.rtl else "ltr")
            width, height = block.wrap(60 * mm, self.LEGEND)
            used = block.content_width
            canvas.setFillColor(colour)
            if self.rtl:
                canvas.rect(x - swatch, y - swatch / 2, swatch, swatch, stroke=0, fill=1)
                block.drawOn(canvas, x - swatch - 1.5 * mm - width, y - height / 2)
                x -= swatch + 1.5 * mm + used + 6 * mm
            else:
                canvas.rect(x, y - swatch / 2, swatch, swatch, stroke=0, fill=1)
                block.drawOn(canvas, x + swatch + 1.5 * mm, y - height / 2)
                x += swatch + 1.5 * mm + used + 6 * mm

