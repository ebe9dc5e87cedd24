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
        self.lock_controller = None
        if not demo:
            # Ctrl+L goes through the same path as the idle lock, so it is logged too.
            self.window.lock_requested.connect(self.lock)

    def open_store(self) -> None:
        """Sign in (or set up the first beheerder) and open the database.

        The window is already up by now. Keys, SQLAlchemy and friends are
        imported here on purpose: start-up time is what a user feels.
        """
        register_fonts()  # the rest of the scripts, before any dialog can need them
        if self.demo:
            from intake_desktop.ui.store_opener import DemoOpener

            self.opener = DemoOpener(self.data_dir, self.window)
            self.opener.opened.connect(self._demo_opened)
            self.opener.failed.connect(self.open_failed)
            self.opener.start()
            return
        from intake_desktop.ui.signing import Signing

        self.signing = Signing(self)
        self.signing.start()

    def signed_in(self) -> None:
        """A staff member is at the keyboard: from now on the window locks itself."""
        if self.lock_controller is None:
            from intake_desktop.ui.lock_controller import LockController

            self.lock_controller = LockController(self.app, self._idle_minutes())
            self.lock_controller.lock_requested.connect(self.lock)
            self.window.idle_minutes_changed.connect(self.lock_controller.idle.set_idle_minutes)
            native = getattr(self.lock_controller, "_native", None)
            if native is not None:
                native.register(int(self.window.winId()))
        self.lock_controller.set_enabled(True)

    def _idle_minutes(self) -> int:
        from intake_desktop.security.session_lock import DEFAULT_IDLE_MINUTES

        try:
            from intake_desktop.security.app_settings import idle_minutes

            return idle_minutes(self.window.database)
        except Exception:  # noqa: BLE001 - a missing setting must never stop the lock
            return DEFAULT_IDLE_MINUTES

    def lock(self, reason: str = "demand") -> None:
        if self.window.lock_paused and reason == "idle":
            return  # the person is working through the self-assessment
        if self.window.self_assessment is not None:
            # Sleep or the OS lock while the person answers: what they gave is saved,
            # and their screen must not stay up on an unattended laptop.
            self.window.self_assessment.stop()
        if self.window.lock(reason):
            self.window.log("lock", detail=reason)
            if self.lock_controller is not None:
                self.lock_controller.set_enabled(False)

    def _demo_opened(self, database) -> None:
        from intake_desktop.security.staff import Staff
        from intake_desktop.store.choices import Organisation, Role

        self.window.attach_database(database)
        # The demo has no accounts: everything happens as a made-up colleague.
        self.window.signed_in(Staff(0, "demo", _("Demo-medewerker"), Organisation.GEMEENTE,
                                    Role.BEHEERDER, True))

    def switch_language(self, language: str) -> None:
        self.languages.apply(language)
        self.settings.language = language
        try:
            self.settings.save(self.data_dir)
        except OSError:
            pass  # the switch still holds for this session
        self.window.retranslate()

    def open_failed(self, error: Exception) -> None:
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
