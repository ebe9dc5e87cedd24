"""Showing a piece of text in its own language and direction.

Every label with questionnaire or person text gets its direction from the
language of that text, not from the interface or from its first letter, so
an Arabic question keeps its order in a Dutch screen and the other way round.
"""

from __future__ import annotations

import html

from PySide6.QtCore import Qt
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QLabel

from intake_desktop import i18n
from intake_desktop.paths import resource


def directed_html(text: str, language: str, bold: bool = False) -> str:
    direction = "rtl" if i18n.is_rtl(language) else "ltr"
    body = html.escape(text).replace("\n", "<br>")
    if bold:
        body = f"<b>{body}</b>"
    return f'<div dir="{direction}" lang="{language}">{body}</div>'


def set_directed(label: QLabel, text: str, language: str, bold: bool = False) -> None:
    label.setTextFormat(Qt.TextFormat.RichText)
    label.setText(directed_html(text, language, bold))
    label.setAccessibleName(text)


def pictogram(name: str | None) -> QIcon:
    """The bundled pictogram, or an empty icon when the questionnaire names one we lack."""
    if not name:
        return QIcon()
    path = resource("pictograms", f"{name}.svg")
    return QIcon(str(path)) if path.exists() else QIcon()


def heading_label(name: str, scale: float = 1.3) -> QLabel:
    """The bold, larger line at the top of a screen (the person's name, for example)."""
    label = QLabel()
    label.setObjectName(name)
    font = label.font()
    font.setPointSizeF(font.pointSizeF() * scale)
    font.setBold(True)
    label.setFont(font)
    return label
