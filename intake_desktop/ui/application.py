"""Start-up of the GUI: application, fonts, language, the first window, then the store."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from intake_desktop.errors import StartupError
from intake_desktop.i18n import _
from intake_desktop.paths import APP_NAME
from intake_desktop.settings import Settings

from intake_desktop.ui.errors import install_crash_handler, show_problem
from intake_desktop.ui.fonts import LATIN_FONT_FILES, register_fonts, ui_font
from intake_desktop.ui.language import LanguageController
from intake_desktop.ui.main_window import MainWindow

# Set by bench/startup.py: report the first shown window on stdout and quit.
STARTUP_PROBE_ENV = "INTAKE_DESKTOP_STARTUP_PROBE"


def create_application(argv: list[str] | None = None, all_fonts: bool = True) -> QApplication:
    app = QApplication.instance() or QApplication(argv or [sys.argv[0]])
    app.setApplicationName(APP_NAME)
    app.setOrganizationName(APP_NAME)
    app.setDesktopFileName("intake-desktop")
    if all_fonts:
        register_fonts()
    else:
        register_fonts(LATIN_FONT_FILES)
    app.setFont(ui_font())
    return app


class GuiSession:
    """The running app: window, language switching and the opening of the store."""

    def __init__(self, app: QApplication, data_dir: Path, language: str,
                 demo: bool = False) -> None:
        self.app = app
        self.data_dir = data_dir
        self.demo = demo
        self.settings = Settings.load(data_dir)
        self.languages = LanguageController(app)
        self.languages.apply(language)
        self.window = MainWindow(data_dir, self.settings, demo=demo)
        self.window.language_requested.connect(self.switch_language)
        self.exit_code = 0

    def open_store(self) -> None:
        """Find the key and open the database; the window is already up by now."""
        # Imported late on purpose: keys, SQLAlchemy and friends are not needed to
        # show the first window, and start-up time is what a user feels.
        from intake_desktop.ui.store_opener import StoreOpener

        register_fonts()  # the rest of the scripts, before any dialog can need them
        if self.demo:
            from intake_desktop.ui.store_opener import DemoOpener

            self.opener = DemoOpener(self.data_dir, self.window)
        else:
            self.opener = StoreOpener(self.data_dir, self.window)
        self.opener.opened.connect(self.window.attach_database)
        self.opener.failed.connect(self._open_failed)
        self.opener.start()

    def switch_language(self, language: str) -> None:
        self.languages.apply(language)
        self.settings.language = language
        try:
            self.settings.save(self.data_dir)
        except OSError:
            pass  # the switch still holds for this session
        self.window.retranslate()

    def _open_failed(self, error: Exception) -> None:
        if isinstance(error, StartupError):
            show_problem(self.window, _("De database kan niet worden geopend"), error.message(),
                         error.detail)
            self.exit_code = error.exit_code
        else:
            show_problem(self.window, _("De database kan niet worden geopend"),
                         _("Er ging iets mis bij het openen van de database. Er is niets "
                           "veranderd. Geef de details door aan de beheerder."), repr(error))
            self.exit_code = 1
        # Closing the only window ends exec(); run_gui then returns exit_code.
        self.window.close()


def run_gui(data_dir: Path, language: str, demo: bool = False) -> int:
    """Run the app; with demo=True on a throwaway database of fictional people.

    The demo lives in a temporary folder that is removed on exit, so it can
    never mix with real data, whatever data folder was given.
    """
    if demo:
        import shutil
        import tempfile

        demo_dir = Path(tempfile.mkdtemp(prefix="intake-desktop-demo-"))
        try:
            return _run(demo_dir, language, demo=True)
        finally:
            shutil.rmtree(demo_dir, ignore_errors=True)
    return _run(data_dir, language)


def _run(data_dir: Path, language: str, demo: bool = False) -> int:
    app = create_application(all_fonts=language not in ("nl", "en"))
    install_crash_handler()
    session = GuiSession(app, data_dir, language, demo=demo)
    session.window.show()
    if os.environ.get(STARTUP_PROBE_ENV):
        def report() -> None:
            print("shown", flush=True)
            app.exit(0)

        QTimer.singleShot(0, report)
    else:
        # Let the window paint before the heavy imports of opening the store.
        QTimer.singleShot(50, session.open_store)
    code = app.exec()
    return code or session.exit_code
