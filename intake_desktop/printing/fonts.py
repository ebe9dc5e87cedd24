"""The bundled Noto fonts for ReportLab, and which of them draws each character.

ReportLab draws a string in exactly one font and has no fallback: a
character missing from that font silently disappears from the print
(ReportLab substitutes the font's empty NULL glyph). We therefore choose the
font per character: the face made for its script first, then any other
bundled face that has the glyph.

Each face is registered under its family name as in the file name:
``NotoSans``, ``NotoSans-Bold``, ``NotoSansEthiopic``, ``NotoNaskhArabic``
(or ``NotoSansArabic`` if Naskh lacks a form), with ``-Bold`` for bold.
``font_name(ARABIC)`` tells which Arabic face is in use.
"""

from __future__ import annotations

import threading
from pathlib import Path

from intake_desktop.paths import resource

LATIN = "latin"
ARABIC = "arabic"
ETHIOPIC = "ethiopic"
SCRIPTS = (LATIN, ARABIC, ETHIOPIC)

# The only ligatures the Arabic shaper may emit (bidi_text configures it with
# these): lam-alef is obligatory in Arabic script, every Arabic font has it.
# Word ligatures such as ALLAH are left out on purpose: they would also fire
# inside names like Abdallah.
ARABIC_LIGATURES = (
    "ARABIC LIGATURE LAM WITH ALEF",
    "ARABIC LIGATURE LAM WITH ALEF WITH HAMZA ABOVE",
    "ARABIC LIGATURE LAM WITH ALEF WITH HAMZA BELOW",
    "ARABIC LIGATURE LAM WITH ALEF WITH MADDA ABOVE",
)

_FILES = {
    LATIN: ("NotoSans-Regular.ttf", "NotoSans-Bold.ttf"),
    ETHIOPIC: ("NotoSansEthiopic-Regular.ttf", "NotoSansEthiopic-Bold.ttf"),
}
# Naskh is the book style Arabic readers expect in a printed document; the
# sans face is the fallback if a Naskh file ever lacks a form the shaper emits.
_ARABIC_CANDIDATES = (
    ("NotoNaskhArabic-Regular.ttf", "NotoNaskhArabic-Bold.ttf"),
    ("NotoSansArabic-Regular.ttf", "NotoSansArabic-Bold.ttf"),
)
_lock = threading.Lock()
_registered = False
_cmaps: dict[str, frozenset[int]] = {}
_widths: dict[str, tuple[dict[int, float], float]] = {}
_sources: dict[str, Path] = {}
_NAMES: dict[tuple[str, bool], str] = {}


def register_fonts() -> None:
    """Register the six print faces with ReportLab; later calls do nothing."""
    global _registered
    if _registered:
        return
    with _lock:
        if _registered:
            return
        from reportlab.pdfbase import pdfmetrics
        from reportlab.pdfbase.ttfonts import TTFont

        def load(file: str) -> TTFont:
            return TTFont(file.removesuffix(".ttf").removesuffix("-Regular"), str(resource("fonts", file)))

        faces = {script: tuple(load(file) for file in files) for script, files in _FILES.items()}
        faces[ARABIC] = _pick_arabic(load)
        fonts: dict[str, TTFont] = {}
        for script, pair in faces.items():
            for bold, font in zip((False, True), pair, strict=True):
                fonts[font.fontName] = font
                _NAMES[script, bold] = font.fontName
        for name, font in fonts.items():
            pdfmetrics.registerFont(font)
            face = font.face
            _cmaps[name] = frozenset(code for code, glyph in face.charToGlyph.items() if glyph)
            _widths[name] = (face.charWidths, face.defaultWidth)
            _sources[name] = Path(face.filename)
        _registered = True


def font_name(script: str, bold: bool = False) -> str:
    """The registered ReportLab name of the face for ``script`` (LATIN, ARABIC or ETHIOPIC)."""
    register_fonts()
    return _NAMES[script, bold]


def source_file(name: str) -> Path:
    """The TTF file behind a registered face (which Arabic file was chosen, for instance)."""
    register_fonts()
    return _sources[name]


def has_glyph(name: str, char: str) -> bool:
    """Whether the registered face ``name`` has a glyph for ``char``."""
    register_fonts()
    return ord(char) in _cmaps[name]


def font_for_char(char: str, bold: bool = False) -> str:
    """The face that draws ``char``: its script's face, else any face that has the glyph.

    If no bundled face has it, the script's face is returned and the
    character is left out of the print.
    """
    register_fonts()
    code = ord(char)
    first = _NAMES[script_of(char), bold]
    if code in _cmaps[first]:
        return first
    for script in SCRIPTS:
        if code in _cmaps[_NAMES[script, bold]]:
            return _NAMES[script, bold]
    return first


def advance(name: str, char: str) -> float:
    """Advance width of ``char`` in face ``name`` in thousandths of the font size.

    The same numbers ReportLab's own ``stringWidth`` uses, so measured and
    drawn widths agree.
    """
    widths, default = _widths[name]
    return widths.get(ord(char), default)


def script_of(char: str) -> str:
    code = ord(char)
    if (0x0600 <= code <= 0x08FF or 0xFB50 <= code <= 0xFDFF or 0xFE70 <= code <= 0xFEFE
            or 0x10E60 <= code <= 0x10EFF or 0x1EE00 <= code <= 0x1EEFF):
        return ARABIC
    if (0x1200 <= code <= 0x139F or 0x2D80 <= code <= 0x2DDF or 0xAB00 <= code <= 0xAB2F
            or 0x1E7E0 <= code <= 0x1E7FF):
        return ETHIOPIC
    return LATIN


def arabic_shaper_output() -> frozenset[str]:
    """Every character the Arabic shaper can produce for Arabic letters.

    All contextual forms of arabic_reshaper's letter table (Arabic
    Presentation Forms-A and -B), the enabled lam-alef ligatures, and the
    unshaped Arabic marks, punctuation and digits it passes through.
    """
    from arabic_reshaper.letters import LETTERS_ARABIC
    from arabic_reshaper.ligatures import LIGATURES

    chars = {form for forms in LETTERS_ARABIC.values() for form in forms if form}
    chars.update(form for name, (_, forms) in LIGATURES if name in ARABIC_LIGATURES for form in forms if form)
    chars.update("\u060c\u061b\u061f\u0640\u066a\u066b\u066c\u066d\u0670")
    chars.update(chr(code) for code in range(0x064B, 0x0653))  # harakat: fatha .. sukun
    chars.update(chr(code) for code in range(0x0660, 0x066A))  # Arabic-Indic digits
    return frozenset(chars)


def _pick_arabic(load):
    """The first Arabic candidate whose regular and bold faces cover the shaper's output."""
    needed = {ord(ch) for ch in arabic_shaper_output()}
    best = None
    for files in _ARABIC_CANDIDATES:
        pair = tuple(load(file) for file in files)
        missing = sum(len(needed - set(font.face.charToGlyph)) for font in pair)
        if missing == 0:
            return pair
        if best is None or missing < best[0]:
            best = (missing, pair)
    return best[1]
