"""The Qt part of ``--self-check``: Qt loads, draws our scripts with our fonts, and is complete.

Runs on the offscreen platform, so it needs no display and shows no window.
The checks go through the app's own font registration and pictogram loading,
because those are what a bundle without a plugin or a font file breaks.
"""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QPointF, QTranslator, qVersion
from PySide6.QtGui import QColor, QGuiApplication, QImage, QPainter, QTextLayout

from intake_desktop import i18n
from intake_desktop.i18n import N_, _, isolate, ngettext
from intake_desktop.self_check import Check, CheckFailed, CheckResult, catalogue_characters, run_check

from intake_desktop.ui.fonts import UI_FAMILIES, register_fonts, ui_font

# The platform plugin the real window needs on each system.
DESKTOP_PLATFORM = {"win32": "windows", "darwin": "cocoa"}.get(sys.platform, "xcb")
# Qt ships qtbase catalogues for these of our languages (none for ti, en is the source).
QT_TRANSLATED = ("nl", "ar")
SCRIPT_SAMPLES = ("ar", "ti")
# The keep-alive reference of an application made here: Qt must not lose it mid-check.
_application: QGuiApplication | None = None


def _platform_plugin(name: str) -> str | None:
    """The file of a platform plugin on Qt's plugin path, or None."""
    for folder in QCoreApplication.libraryPaths():
        platforms = Path(folder) / "platforms"
        if platforms.is_dir():
            for path in platforms.iterdir():
                # libqxcb.so, qwindows.dll, libqoffscreen.dylib: the stem ends in q<name>.
                if path.stem.lower().endswith(f"q{name}") and path.suffix in (".so", ".dll", ".dylib"):
                    return str(path)
    return None


def application() -> QGuiApplication:
    """The running application, or an offscreen one made for the check."""
    global _application
    existing = QGuiApplication.instance()
    if existing is not None:
        return existing
    # Without the plugin Qt would abort the whole process; say so as a failed check instead.
    if _platform_plugin("offscreen") is None:
        raise CheckFailed(_("Qt: het platform offscreen ontbreekt ({folders})").format(
            folders=isolate(", ".join(QCoreApplication.libraryPaths()))))
    _application = QGuiApplication([sys.argv[0] if sys.argv else "intake-desktop", "-platform", "offscreen"])
    return _application


def _layout(text: str, rtl: bool) -> QTextLayout:
    layout = QTextLayout(text, ui_font(14))
    if rtl:
        from PySide6.QtCore import Qt
        from PySide6.QtGui import QTextOption

        option = QTextOption()
        option.setTextDirection(Qt.LayoutDirection.RightToLeft)
        layout.setTextOption(option)
    layout.beginLayout()
    line = layout.createLine()
    line.setLineWidth(100_000)  # one line, however long
    line.setPosition(QPointF(0, 0))
    layout.endLayout()
    return layout


def _glyph_problems(layout: QTextLayout) -> tuple[int, set[str], int]:
    """(glyphs, font families used, glyphs missing from their font)."""
    glyphs, families, missing = 0, set(), 0
    for run in layout.glyphRuns():
        indexes = run.glyphIndexes()
        glyphs += len(indexes)
        families.add(run.rawFont().familyName())
        missing += sum(1 for index in indexes if index == 0)  # glyph 0 is the empty box
    return glyphs, families, missing


def _sample(language: str) -> str:
    # The language's own name and a short interface text, with digits as the app writes them.
    return f"{i18n.LANGUAGE_NAMES[language]} {i18n.gettext_in(language, 'Nieuwe intake')} 09-03-2026"


def _ink(image: QImage) -> int:
    """How many pixels are not the white background (sampled, to stay quick)."""
    white = QColor("white").rgb()
    return sum(1 for y in range(0, image.height(), 2) for x in range(0, image.width(), 2)
               if image.pixel(x, y) != white)


def check_drawing() -> str:
    app = application()
    refused = register_fonts()
    if refused:
        raise CheckFailed(_("Qt: lettertypen geweigerd ({fonts})").format(fonts=", ".join(refused)))
    for language in SCRIPT_SAMPLES:
        rtl = i18n.is_rtl(language)
        # Every character of the catalogue in one line: each must get a real glyph from our fonts.
        everything = _layout("".join(sorted(catalogue_characters(language))), rtl)
        glyphs, families, missing = _glyph_problems(everything)
        if not glyphs:
            raise CheckFailed(_("Qt ({language}): er wordt niets getekend").format(language=language))
        if missing:
            raise CheckFailed(ngettext(
                "Qt ({language}): {count} teken wordt als leeg vakje getekend",
                "Qt ({language}): {count} tekens worden als leeg vakje getekend",
                missing,
            ).format(language=language, count=missing))
        strangers = families - set(UI_FAMILIES)
        if strangers:
            raise CheckFailed(_("Qt ({language}): getekend met andere lettertypen ({families})").format(
                language=language, families=isolate(", ".join(sorted(strangers)))))
        sample = _layout(_sample(language), rtl)
        width = int(sample.boundingRect().width()) + 20
        image = QImage(max(width, 40), 40, QImage.Format.Format_RGB32)
        image.fill(QColor("white"))
        painter = QPainter(image)
        painter.setPen(QColor("black"))
        sample.draw(painter, QPointF(10, 8))
        painter.end()
        if _ink(image) < 20:
            raise CheckFailed(_("Qt ({language}): de voorbeeldregel blijft leeg").format(language=language))
    from intake_desktop.ui.text import pictogram

    icon = pictogram("domain-taal").pixmap(48, 48).toImage()
    if icon.isNull() or not any(icon.pixelColor(x, y).alpha() for y in range(48) for x in range(48)):
        raise CheckFailed(_("Qt: de pictogrammen (SVG) kunnen niet worden getekend"))
    return _("Qt {version} ({platform}): Arabisch, Tigrinya en pictogrammen getekend met de eigen "
             "lettertypen").format(version=qVersion(), platform=app.platformName())


def _tiny_pdf() -> bytes:
    import io

    from reportlab.pdfgen.canvas import Canvas

    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=(200, 100))
    canvas.rect(10, 10, 180, 80, fill=1)
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def check_preview() -> str:
    """The way a plan reaches the screen and the printer: PDFium paints the page into a QImage."""
    application()
    try:
        import PySide6.QtPrintSupport  # noqa: F401 - the print dialog's module, loaded here to prove it is there

        from intake_desktop.ui.pdf_pages import page_images

        images = list(page_images(_tiny_pdf(), 36))
    except ImportError as error:
        raise CheckFailed(_("Afdrukvoorbeeld: onderdeel ontbreekt ({error})").format(
            error=isolate(error))) from error
    if len(images) != 1 or images[0].isNull() or _ink(images[0]) < 20:
        raise CheckFailed(_("Afdrukvoorbeeld: de PDF-pagina blijft leeg"))
    return _("Afdrukvoorbeeld: PDF-pagina getekend met PDFium")


def check_parts() -> str:
    problems = []
    if _platform_plugin(DESKTOP_PLATFORM) is None:
        problems.append(_("het platform {platform} ontbreekt").format(platform=DESKTOP_PLATFORM))
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    absent = [language for language in QT_TRANSLATED if not QTranslator().load(f"qtbase_{language}", folder)]
    if absent:
        problems.append(_("Qt-vertalingen ontbreken voor {languages}").format(languages=", ".join(absent)))
    if problems:
        raise CheckFailed(_("Qt-onderdelen: {problems}").format(problems="; ".join(problems)))
    return _("Qt-onderdelen: platform {platform} en Qt-vertalingen voor nl en ar aanwezig").format(
        platform=DESKTOP_PLATFORM)


QT_CHECKS = (
    Check(N_("Qt-tekenen"), check_drawing),
    Check(N_("Afdrukvoorbeeld"), check_preview),
    Check(N_("Qt-onderdelen"), check_parts),
)


def run_qt_checks() -> list[CheckResult]:
    return [run_check(check) for check in QT_CHECKS]
