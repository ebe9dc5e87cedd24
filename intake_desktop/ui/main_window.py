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
    # Ctrl+L or the File menu: the session locks the window and logs it.
    lock_requested = Signal(str)
    # The lock screen's sign-in: (username, password); the session checks it.
    unlock_requested = Signal(str, str)
    # Emitted when the window closes for good (the database is closed by then).
    closing = Signal()
    # The beheerder changed the idle time (minutes).
    idle_minutes_changed = Signal(int)

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
        self.intake_list.search_requested.connect(self.search)
        self.intake_screen = None
        self.plan_screen = None
        self.self_assessment = None
        self._questionnaire = None
        self.pages = QStackedWidget()
        self.pages.addWidget(self.intake_list)
        # The shell puts the sign-in page or the lock screen in front of the work,
        # which stays as it was underneath. Both forms are made when first needed:
        # neither is in the first window, and building them costs start-up time.
        self._sign_in_form = self._lock_form = None
        self.shell = QStackedWidget()
        self.shell.addWidget(self.pages)
        self.setCentralWidget(self.shell)
        self.staff = None
        # Set by the signing: check(username, password) -> (staff, error).
        self.staff_check = None
        # The person is at the keyboard in the self-assessment: no idle lock then.
        self.lock_paused = False

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
        self.lock_action = QAction(self)
        self.lock_action.setObjectName("lockAction")
        self.lock_action.setShortcut(QKeySequence("Ctrl+L"))
        # The session decides (and logs); the demo, with no accounts, has no lock.
        self.lock_action.triggered.connect(lambda: self.lock_requested.emit("demand"))
        self.lock_action.setVisible(not self.demo)
        self.addAction(self.lock_action)
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
        self.file_menu.addAction(self.lock_action)
        self.file_menu.addAction(self.quit_action)
        # Beheer: only for a signed-in beheerder (see signed_in).
        self.admin_menu = bar.addMenu("")
        self.admin_actions = {}
        for kind in ("staff", "log", "settings", "retention", "backup", "restore"):
            action = self.admin_menu.addAction("")
            action.setObjectName(f"admin:{kind}")
            action.triggered.connect(lambda _c=False, k=kind: self.admin(k))
            self.admin_actions[kind] = action
        self.admin_menu.menuAction().setVisible(False)
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
        self.admin_menu.setTitle(_("Be&heer"))
        admin_texts = {
            "staff": _("&Medewerkers…"),
            "log": _("&Logboek…"),
            "settings": _("&Instellingen…"),
            "retention": _("Bewaar&termijn verlopen…"),
            "backup": _("&Back-up maken…"),
            "restore": _("Back-up &terugzetten…"),
        }
        for kind, action in self.admin_actions.items():
            action.setText(admin_texts[kind])
        self.new_intake_action.setText(_("&Nieuwe intake…"))
        self.new_intake_action.setToolTip(_("Een intake beginnen met een nieuwe persoon"))
        self.quit_action.setText(_("&Afsluiten"))
        self.lock_action.setText(_("&Vergrendelen"))
        self.lock_action.setToolTip(_("Het scherm vergrendelen als u even weggaat (Ctrl+L)"))
        for form in (self._sign_in_form, self._lock_form):
            if form is not None:
                form.retranslate()
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

    # --- signing in and locking ---------------------------------------------------------------

    @property
    def sign_in_form(self):
        if self._sign_in_form is None:
            from intake_desktop.ui.sign_in import SignInForm

            self._sign_in_form = SignInForm(locked=False)
            self.shell.addWidget(self._sign_in_form)
        return self._sign_in_form

    @property
    def lock_form(self):
        if self._lock_form is None:
            from intake_desktop.ui.sign_in import SignInForm

            self._lock_form = SignInForm(locked=True)
            self._lock_form.submitted.connect(self.unlock_requested)
            self._lock_form.recovery.hide()
            self.shell.addWidget(self._lock_form)
        return self._lock_form

    def show_sign_in(self) -> None:
        self.staff = None
        self.sign_in_form.reset()
        self.shell.setCurrentWidget(self.sign_in_form)
        self._set_work_enabled(False)

    def signed_in(self, staff) -> None:
        self.staff = staff
        # The demo has no accounts or keys to manage.
        self.admin_menu.menuAction().setVisible(
            staff.is_beheerder and getattr(self, "signing", None) is not None)
        self.shell.setCurrentWidget(self.pages)
        self._set_work_enabled(True)
        self.statusBar().showMessage(
            _("Aangemeld als {name}.").format(name=isolate(staff.name)), 5000)

    def is_locked(self) -> bool:
        return self._lock_form is not None and self.shell.currentWidget() is self._lock_form

    def lock(self, reason: str = "demand") -> bool:
        """Cover the work with the lock screen; returns False when there is nothing to lock."""
        if self.staff is None or self.is_locked():
            return False
        # Everything typed is saved before the screen goes: nothing waits on a timer.
        if self.plan_screen is not None:
            self.plan_screen.flush()
        if self.intake_screen is not None:
            self.intake_screen.flush()
        from PySide6.QtWidgets import QApplication

        QApplication.clipboard().clear()
        # Every open dialog goes, nested ones included: they may show names or log entries.
        for _attempt in range(20):
            modal = QApplication.activeModalWidget()
            if modal is None or modal is self:
                break
            if hasattr(modal, "reject"):
                modal.reject()
            else:
                modal.close()
        self.lock_form.username.clear()
        self.lock_form.reset()
        self.shell.setCurrentWidget(self.lock_form)
        self._set_work_enabled(False)
        return True

    def unlocked(self, staff) -> None:
        """Back to the work as it was; staff may be a colleague (switch user)."""
        switched = self.staff is not None and staff.id != self.staff.id
        self.signed_in(staff)
        if switched:
            self.statusBar().showMessage(
                _("Nu aangemeld als {name}.").format(name=isolate(staff.name)), 8000)

    def _set_work_enabled(self, enabled: bool) -> None:
        # The language menu stays: a colleague may need another language to sign in.
        self.file_menu.menuAction().setEnabled(enabled)
        self.admin_menu.menuAction().setEnabled(enabled)
        self.toolbar.setEnabled(enabled)
        self.lock_action.setEnabled(enabled and not self.demo)

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

        if self.database is None:
            return
        text = self.intake_list.search_text()
        self.intake_list.show_intakes(
            records.search_people(self.database, text) if text else
            records.list_intakes(self.database))

    def search(self, text: str) -> None:
        if text:
            # What was searched for stays out of the log: it may be a name.
            self.log("search")
        self.refresh()

    def actor(self):
        if self.staff is None:
            return None
        from intake_desktop.security.audit import Actor

        return Actor.of(self.staff)

    def log(self, action: str, person_id: int | None = None, detail: str | None = None) -> None:
        """One entry in the access log for what this staff member just did."""
        if self.database is None:
            return
        from intake_desktop.security import audit

        audit.record(self.database, action, staff=self.actor(), person_id=person_id,
                     detail=detail)

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
        self.log("create", person_id=records.intake_summary(self.database, intake_id).person_id)
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
        self.log("view", person_id=session.summary.person_id)
        self._answers_when_opened = dict(session.answers)
        self.intake_screen = IntakeScreen(session)
        self.intake_screen.closed.connect(self.close_intake)
        self.intake_screen.self_assessment_requested.connect(self.start_self_assessment)
        self.intake_screen.plan_requested.connect(self.open_plan)
        self.intake_screen.person_action.connect(self.person_action)
        is_beheerder = self.staff is not None and self.staff.is_beheerder
        self.intake_screen.person_actions["erase"].setVisible(is_beheerder)
        self.pages.addWidget(self.intake_screen)
        self.pages.setCurrentWidget(self.intake_screen)
        self.new_intake_action.setEnabled(False)

    def admin(self, kind: str) -> None:
        """The beheerder's work: accounts, the log, settings, retention, backups."""
        signing = getattr(self, "signing", None)
        if signing is None or self.staff is None or not self.staff.is_beheerder:
            return
        from intake_desktop.ui import admin, person_rights, restore

        if kind == "staff":
            admin.StaffDialog(signing, self.staff, self).exec()
        elif kind == "log":
            admin.AccessLogDialog(self.database, self.staff, self).exec()
        elif kind == "settings":
            dialog = admin.SettingsDialog(self.database, self.staff, self)
            dialog.idle_minutes_changed.connect(self.idle_minutes_changed)
            dialog.exec()
        elif kind == "retention":
            person_rights.RetentionDialog(self).exec()
        elif kind == "backup":
            admin.make_backup_interactively(self, signing, self.staff)
        elif kind == "restore":
            restore.restore_interactively(self, signing)

    def person_action(self, kind: str) -> None:
        """The person's rights, for the intake that is open."""
        from intake_desktop.ui import person_rights

        screen = self.intake_screen
        if screen is None or self.database is None:
            return
        summary = screen.session.summary
        if kind == "consent":
            person_rights.ConsentDialog(self, summary.person_id,
                                        summary.preferred_language).exec()
        elif kind == "private":
            person_rights.PrivateNotesDialog(self, summary.intake_id).exec()
        elif kind == "export":
            person_rights.export_person_interactively(self, summary.person_id)
        elif kind == "log":
            person_rights.PersonLogDialog(self, summary.person_id,
                                          summary.preferred_language).exec()
        elif kind == "erase" and self.staff is not None and self.staff.is_beheerder:
            from PySide6.QtWidgets import QDialog

            from intake_desktop.privacy.erasure import erase_person

            dialog = person_rights.EraseDialog(summary.person_name, self)
            if dialog.exec() != QDialog.DialogCode.Accepted:
                return
            self.close_intake()
            erase_person(self.database, summary.person_id, self.actor())
            self.refresh()
            self.statusBar().showMessage(_("De persoon en alle gegevens zijn verwijderd."), 8000)

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
        if screen.session.answers != getattr(self, "_answers_when_opened", None):
            self.log("change", person_id=screen.session.summary.person_id)
        self.pages.removeWidget(screen)
        screen.deleteLater()
        self.pages.setCurrentWidget(self.intake_list)
        self.new_intake_action.setEnabled(self.database is not None)
        self.refresh()

    def start_self_assessment(self) -> None:
        from PySide6.QtWidgets import QDialog

        from intake_desktop.ui.self_assessment import (
            SelfAssessment,
            StaffCode,
            StaffCodeDialog,
            code_guard,
            sign_in_guard,
        )

        screen = self.intake_screen
        if screen is None:
            return
        if self.staff_check is not None:
            guard = sign_in_guard(self.staff_check)
        else:
            # No accounts (the demo): a code set now, asked when leaving.
            dialog = StaffCodeDialog(new=True, parent=self)
            if dialog.exec() != QDialog.DialogCode.Accepted:
                return
            guard = code_guard(StaffCode(dialog.code.text()))
        self.lock_paused = True
        self.self_assessment = SelfAssessment(screen.session, screen.person_language, guard)
        self.self_assessment.finished.connect(self._self_assessment_finished)
        self.hide()
        # Sized to the screen first: without a window manager (kiosk set-ups)
        # full screen is only a request.
        self.self_assessment.setGeometry(self.screen().geometry())
        self.self_assessment.showFullScreen()

    def _self_assessment_finished(self) -> None:
        self.self_assessment = None
        self.lock_paused = False
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
            if self.staff is not None and self.staff.id:
                self.log("sign_out")
            self.database.close()
            self.database = None
        self.closing.emit()
        super().closeEvent(event)
