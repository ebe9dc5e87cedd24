"""Switching the interface language while the app runs.

Order matters (Qt's own catalogue, default locale, layout direction, then our
widgets re-translate themselves), and no widget loses what was typed in it.
"""

from __future__ import annotations

from PySide6.QtCore import QLibraryInfo, QLocale, QObject, QTranslator, Signal
from PySide6.QtWidgets import QApplication

from intake_desktop import i18n


class LanguageController(QObject):
    changed = Signal(str)

    def __init__(self, app: QApplication) -> None:
        super().__init__(app)
        self._app = app
        self._qt_translator: QTranslator | None = None
        self._rtl = False  # Qt starts left-to-right

    def apply(self, language: str) -> None:
        i18n.set_language(language)
        if self._qt_translator is not None:
            self._app.removeTranslator(self._qt_translator)
            self._qt_translator = None
        # Qt ships qtbase catalogues for nl and ar (context menus of text fields);
        # none for Tigrinya, where our own texts cover the buttons we show.
        translator = QTranslator(self._app)
        if translator.load(f"qtbase_{language}", QLibraryInfo.path(QLibraryInfo.TranslationsPath)):
            self._app.installTranslator(translator)
            self._qt_translator = translator
        QLocale.setDefault(QLocale(i18n.babel_locale(language)))
        rtl = i18n.is_rtl(language)
        if rtl != self._rtl:
            # Touching the Qt enum namespace costs ~13 ms the first time; a
            # left-to-right start never needs it before its first window.
            from PySide6.QtCore import Qt

            self._app.setLayoutDirection(
                Qt.LayoutDirection.RightToLeft if rtl else Qt.LayoutDirection.LeftToRight
            )
            self._rtl = rtl
        self.changed.emit(language)
