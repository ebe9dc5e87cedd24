"""The main window: assembles menus, the list of intakes and the status bar."""

from __future__ import annotations

import base64
from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, Signal
from PySide6.QtGui import QAction, QActionGroup, QIcon, QKeySequence
from PySide6.QtWidgets import QLabel, QMainWindow, QStackedWidget, QToolBar

from intake_desktop import __version__, i18n
from intake_desktop.i18n import _, isolate
from intake_desktop.paths import resource
from intake_desktop.settings import Settings

from intake_desktop.ui.intake_list import IntakeList

if TYPE_CHECKING:
    from PySide6.QtGui import QCloseEvent


class MainWindow(QMainWindow):
    language_requested = Signal(str)

    def __init__(self, data_dir, settings: Settings, demo: bool = False) -> None:
        super().__init__()
        self.setObjectName("mainWindow")
        self.demo = demo
        self.data_dir = data_dir
        self.settings = settings
        self.database = None
        # The PNG, not the SVG: loading Qt's SVG plugin would delay the first window.
        self.setWindowIcon(QIcon(str(resource("icons", "intake-desktop.png"))))

        self.intake_list = IntakeList()
        self.intake_list.new_intake_requested.connect(self.new_intake)
        self.intake_list.intake_chosen.connect(self.open_intake)
        self.intake_screen = None
        self.plan_screen = None
        self.self_assessment = None
        self._questionnaire = None
        self.pages = QStackedWidget()
        self.pages.addWidget(self.intake_list)
        self.setCentralWidget(self.pages)

        self._make_actions()
        self._make_menus()
        self.data_dir_label = QLabel()
        self.data_dir_label.setObjectName("dataDirLabel")
        if demo:
            # Impossible to miss: nobody should type a real person into the demo.
            self.data_dir_label.setStyleSheet(
                "background: #ffd84d; color: #1d2733; font-weight: bold; padding: 2px 8px;")
        self.statusBar().addPermanentWidget(self.data_dir_label)

        self._restore_geometry()
        self.retranslate()
        self.set_store_ready(False)

    # --- building ---------------------------------------------------------------------------

    def _make_actions(self) -> None:
        self.new_intake_action = QAction(self)
        self.new_intake_action.setObjectName("newIntakeAction")
        self.new_intake_action.setShortcut(QKeySequence.StandardKey.New)
        self.new_intake_action.triggered.connect(self.new_intake)
        self.quit_action = QAction(self)
        self.quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        self.quit_action.triggered.connect(self.close)
        self.about_action = QAction(self)
        self.about_action.triggered.connect(self.show_about)
        self.demo_action = QAction(self)
        self.demo_action.setObjectName("demoAction")
        self.demo_action.triggered.connect(self.start_demo)

        self.language_group = QActionGroup(self)
        self.language_actions: dict[str, QAction] = {}
        for code, name in i18n.available_languages():
            action = QAction(name, self, checkable=True)
            action.setData(code)
            action.triggered.connect(lambda _checked, c=code: self.language_requested.emit(c))
            self.language_group.addAction(action)
            self.language_actions[code] = action

    def _make_menus(self) -> None:
        bar = self.menuBar()
        self.file_menu = bar.addMenu("")
        self.file_menu.addAction(self.new_intake_action)
        self.file_menu.addSeparator()
        self.file_menu.addAction(self.quit_action)
        self.language_menu = bar.addMenu("")
        for action in self.language_actions.values():
            self.language_menu.addAction(action)
        self.help_menu = bar.addMenu("")
        self.help_menu.addAction(self.demo_action)
        self.help_menu.addAction(self.about_action)

        self.toolbar = QToolBar()
        self.toolbar.setObjectName("mainToolbar")
        self.toolbar.setMovable(False)
        self.toolbar.addAction(self.new_intake_action)
        self.addToolBar(self.toolbar)

    def retranslate(self) -> None:
        # The name is the same in every language.
        self.setWindowTitle(_("Intake Desktop: demo") if self.demo else "Intake Desktop")
        self.file_menu.setTitle(_("&Bestand"))
        self.language_menu.setTitle(_("&Taal"))
        self.help_menu.setTitle(_("&Help"))
        self.new_intake_action.setText(_("&Nieuwe intake…"))
        self.new_intake_action.setToolTip(_("Een intake beginnen met een nieuwe persoon"))
        self.quit_action.setText(_("&Afsluiten"))
        self.about_action.setText(_("&Over Intake Desktop"))
        self.demo_action.setText(_("&Demo openen"))
        self.demo_action.setToolTip(
            _("Een apart venster met verzonnen personen om het programma te leren kennen"))
        self.toolbar.setWindowTitle(_("Werkbalk"))
        self.language_actions[i18n.current_language()].setChecked(True)
        if self.demo:
            self.data_dir_label.setText(
                _("Demo: verzonnen personen. Niets wordt bewaard als u afsluit."))
        else:
            self.data_dir_label.setText(
                _("Gegevensmap: {folder}").format(folder=isolate(self.data_dir)))
            self.data_dir_label.setToolTip(
                _("Hier staan de versleutelde database en de instellingen."))
        self.intake_list.retranslate()
        if self.intake_screen is not None:
            self.intake_screen.retranslate()
        if self.plan_screen is not None:
            self.plan_screen.retranslate()

    # --- the store --------------------------------------------------------------------------

    def set_store_ready(self, ready: bool) -> None:
        self.new_intake_action.setEnabled(ready)
        self.intake_list.empty_button.setEnabled(ready)

    def attach_database(self, database) -> None:
        self.database = database
        self.set_store_ready(True)
        self.refresh()
        self.statusBar().showMessage(_("Database geopend."), 5000)

    def refresh(self) -> None:
        # Imported here: the database layer loads after the first window is shown.
        from intake_desktop.intake import records

        if self.database is not None:
            self.intake_list.show_intakes(records.list_intakes(self.database))

    def new_intake(self) -> None:
        if self.database is None:
            return
        from PySide6.QtWidgets import QDialog

        from intake_desktop.ui.errors import show_problem
        from intake_desktop.ui.new_intake_dialog import NewIntakeDialog

        dialog = NewIntakeDialog(self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        from intake_desktop.intake import records

        try:
            intake_id = records.create_intake(self.database, dialog.person())
        except Exception as exc:  # noqa: BLE001 - shown to the user, nothing half-saved
            show_problem(self, _("Intake niet opgeslagen"),
                         _("De intake kon niet worden opgeslagen. Er is niets veranderd."),
                         str(exc))
            return
        self.refresh()
        self.statusBar().showMessage(_("Intake opgeslagen."), 5000)
        self.open_intake(intake_id)

    # --- an intake --------------------------------------------------------------------------

    def questionnaire(self):
        if self._questionnaire is None:
            from intake_desktop.questionnaire import load_questionnaire

            self._questionnaire = load_questionnaire()
        return self._questionnaire

    def open_intake(self, intake_id: int) -> None:
        from intake_desktop.intake.session import IntakeSession
        from intake_desktop.questionnaire import QuestionnaireError

        from intake_desktop.ui.errors import show_problem
        from intake_desktop.ui.intake_screen import IntakeScreen

        try:
            questionnaire = self.questionnaire()
        except QuestionnaireError as error:
            show_problem(self, _("De vragenlijst kan niet worden geladen"),
                         _("De vragenlijst bevat fouten. Vraag de beheerder om hulp; "
                           "de details staan hieronder."), str(error))
            return
        self.close_intake()
        session = IntakeSession(self.database, questionnaire, intake_id)
        self.intake_screen = IntakeScreen(session)
        self.intake_screen.closed.connect(self.close_intake)
        self.intake_screen.self_assessment_requested.connect(self.start_self_assessment)
        self.intake_screen.plan_requested.connect(self.open_plan)
        self.pages.addWidget(self.intake_screen)
        self.pages.setCurrentWidget(self.intake_screen)
        self.new_intake_action.setEnabled(False)

    def open_plan(self) -> None:
        from intake_desktop.plan.session import PlanSession

        from intake_desktop.ui.plan_print import PlanPrinting
        from intake_desktop.ui.plan_screen import PlanScreen

        if self.intake_screen is None:
            return
        self.close_plan()
        self.plan_screen = PlanScreen(PlanSession(self.intake_screen.session))
        self.plan_screen.closed.connect(self.close_plan)
        PlanPrinting(self.plan_screen, self.settings, self.data_dir)
        self.pages.addWidget(self.plan_screen)
        self.pages.setCurrentWidget(self.plan_screen)

    def close_plan(self) -> None:
        if self.plan_screen is None:
            return
        screen, self.plan_screen = self.plan_screen, None
        screen.flush()
        self.pages.removeWidget(screen)
        screen.deleteLater()
        if self.intake_screen is not None:
            # Goals typed in the plan are answers of the intake.
            self.intake_screen.refresh_answers()
            self.pages.setCurrentWidget(self.intake_screen)

    def close_intake(self) -> None:
        self.close_plan()
        if self.intake_screen is None:
            return
        screen, self.intake_screen = self.intake_screen, None
        self.pages.removeWidget(screen)
        screen.deleteLater()
        self.pages.setCurrentWidget(self.intake_list)
        self.new_intake_action.setEnabled(self.database is not None)
        self.refresh()

    def start_self_assessment(self) -> None:
        from PySide6.QtWidgets import QDialog

        from intake_desktop.ui.self_assessment import SelfAssessment, StaffCode, StaffCodeDialog

        screen = self.intake_screen
        dialog = StaffCodeDialog(new=True, parent=self)
        if screen is None or dialog.exec() != QDialog.DialogCode.Accepted:
            return
        self.self_assessment = SelfAssessment(screen.session, screen.person_language,
                                              StaffCode(dialog.code.text()))
        self.self_assessment.finished.connect(self._self_assessment_finished)
        self.hide()
        # Sized to the screen first: without a window manager (kiosk set-ups)
        # full screen is only a request.
        self.self_assessment.setGeometry(self.screen().geometry())
        self.self_assessment.showFullScreen()

    def _self_assessment_finished(self) -> None:
        self.self_assessment = None
        self.show()
        if self.intake_screen is not None:
            self.intake_screen.refresh_answers()

    def start_demo(self) -> None:
        """The demo in a process of its own, so it shares nothing with this window's data."""
        import subprocess
        import sys

        command = [sys.executable] if getattr(sys, "frozen", False) else [
            sys.executable, "-m", "intake_desktop"]
        subprocess.Popen([*command, "--demo", "--lang", i18n.current_language()])

    def show_about(self) -> None:
        from PySide6.QtWidgets import QMessageBox

        box = QMessageBox(self)
        box.setWindowTitle(_("Over Intake Desktop"))
        box.setText(
            _("Intake Desktop {version}").format(version=isolate(__version__))
            + "\n\n"
            + _(
                "Voor de integrale intake met statushouders: gemeente, VluchtelingenWerk "
                "en wijkteam aan één tafel, met één plan van aanpak."
            )
        )
        box.addButton(_("Sluiten"), QMessageBox.ButtonRole.AcceptRole)
        box.exec()

    # --- geometry ---------------------------------------------------------------------------

    def _restore_geometry(self) -> None:
        saved = self.settings.main_window_geometry
        if saved:
            try:
                if self.restoreGeometry(QByteArray(base64.b64decode(saved))):
                    return
            except ValueError:
                pass
        self.resize(1100, 720)

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt's name
        self.close_plan()
        if self.intake_screen is not None:
            self.intake_screen.close_intake()
        self.settings.main_window_geometry = base64.b64encode(
            bytes(self.saveGeometry())
        ).decode("ascii")
        try:
            self.settings.save(self.data_dir)
        except OSError:
            pass  # losing the window size is no reason to refuse to close
        if self.database is not None:
            self.database.close()
            self.database = None
        super().closeEvent(event)
