"""The domain scores as bars: quicker to take in at the table than a list of numbers."""

from __future__ import annotations

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from intake_desktop.i18n import _

TEAM = QColor("#1f5f8b")
PERSON = QColor("#e0892b")
GRID = QColor("#c9d2dc")
MAXIMUM = 5


class ScoreChart(QWidget):
    ROW = 30
    LEGEND = 28
    AXIS = 20

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("scoreChart")
        self.rows: list[tuple[str, int | None, int | None]] = []
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

    def set_rows(self, rows: list[tuple[str, int | None, int | None]]) -> None:
        self.rows = rows
        parts = [
            _("{domain}: team {team}, eigen score {person}").format(
                domain=label, team=team or "–", person=person or "–")
            for label, team, person in rows
        ]
        self.setAccessibleName(_("Scores per leefdomein"))
        self.setAccessibleDescription("\n".join(parts))
        self.setFixedHeight(self.sizeHint().height())
        self.update()

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        return QSize(600, self.LEGEND + self.AXIS + self.ROW * max(len(self.rows), 1))

    def paintEvent(self, event) -> None:  # noqa: N802 - Qt's name
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        rtl = self.isRightToLeft()
        width = self.width()
        label_width = min(260, int(width * 0.38))
        if rtl:
            left, right = 12, width - label_width - 12
        else:
            left, right = label_width + 12, width - 12
        top, bottom = self.LEGEND, self.height() - self.AXIS

        def x_at(value: float) -> float:
            fraction = value / MAXIMUM
            return right - fraction * (right - left) if rtl else left + fraction * (right - left)

        painter.setPen(QPen(GRID, 1))
        for value in range(MAXIMUM + 1):
            x = x_at(value)
            painter.drawLine(int(x), top, int(x), bottom)
            if value:
                painter.setPen(self.palette().text().color())
                painter.drawText(QRectF(x - 10, bottom + 2, 20, self.AXIS - 2),
                                 Qt.AlignmentFlag.AlignCenter, str(value))
                painter.setPen(QPen(GRID, 1))

        bar = 9
        text_colour = self.palette().text().color()
        for index, (label, team, person) in enumerate(self.rows):
            row_top = top + index * self.ROW
            label_rect = QRectF(width - label_width if rtl else 0, row_top, label_width, self.ROW)
            painter.setPen(text_colour)
            align = Qt.AlignmentFlag.AlignVCenter | (
                Qt.AlignmentFlag.AlignRight if rtl else Qt.AlignmentFlag.AlignLeft)
            painter.drawText(label_rect, align | Qt.TextFlag.TextWordWrap, label)
            middle = row_top + self.ROW / 2
            for y, value, colour in ((middle - bar - 1, team, TEAM), (middle + 1, person, PERSON)):
                if value:
                    start, end = x_at(0), x_at(value)
                    painter.fillRect(QRectF(min(start, end), y, abs(end - start), bar), colour)

        x = width - 8 if rtl else 8
        for text, colour in ((_("Score van het team"), TEAM), (_("Eigen score"), PERSON)):
            advance = painter.fontMetrics().horizontalAdvance(text)
            swatch = QRectF(x - 14 if rtl else x, 8, 14, 14)
            painter.fillRect(swatch, colour)
            painter.setPen(text_colour)
            text_x = x - 20 - advance if rtl else x + 20
            painter.drawText(QRectF(text_x, 4, advance + 4, 22), Qt.AlignmentFlag.AlignVCenter,
                             text)
            x = x - (20 + advance + 24) if rtl else x + 20 + advance + 24
        painter.end()
