"""Bundled fonts, so Arabic and Ethiopic look the same on every laptop."""

from __future__ import annotations

from PySide6.QtGui import QFont, QFontDatabase

from intake_desktop.paths import resource

# Latin first: Noto Naskh/Sans Arabic have no Latin glyphs worth showing,
# and Qt falls back along this list per character.
LATIN_FONT_FILES = ("NotoSans-Regular.ttf", "NotoSans-Bold.ttf")
SCRIPT_FONT_FILES = (
    "NotoSansArabic-Regular.ttf",
    "NotoSansArabic-Bold.ttf",
    "NotoSansEthiopic-Regular.ttf",
    "NotoSansEthiopic-Bold.ttf",
)
UI_FONT_FILES = LATIN_FONT_FILES + SCRIPT_FONT_FILES
UI_FAMILIES = ["Noto Sans", "Noto Sans Arabic", "Noto Sans Ethiopic"]
_registered: set[str] = set()


def register_fonts(files=UI_FONT_FILES) -> list[str]:
    """Register bundled fonts (once each); returns the files Qt refused (normally none).

    A Dutch or English start registers the Arabic and Ethiopic fonts just after
    its first window, which shows no such text; the others need them at once.
    """
    refused = []
    for name in files:
        if name in _registered:
            continue
        if QFontDatabase.addApplicationFont(str(resource("fonts", name))) < 0:
            refused.append(name)
        else:
            _registered.add(name)
    return refused


def ui_font(point_size: float | None = None) -> QFont:
    font = QFont()
    font.setFamilies(UI_FAMILIES)
    if point_size:
        font.setPointSizeF(point_size)
    return font
