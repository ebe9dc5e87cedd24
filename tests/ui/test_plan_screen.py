"""The plan screen driven as the team would: every change saved, prints recorded."""

import datetime as dt
import io

import pypdf
import pytest
from conftest import save_artifact
from PySide6.QtCore import QDate, QPoint, Qt
from PySide6.QtPrintSupport import QPrinter

from intake_desktop.intake.session import IntakeSession
from intake_desktop.plan.copies import Copy
from intake_desktop.plan.session import PlanSession
from intake_desktop.settings import Settings
from intake_desktop.store.choices import (
    ActionStatus,
    Leerroute,
    Organisation,
    Owner,
    Partner,
    PipElement,
)

from intake_desktop.ui.plan_print import PlanPrinting, VersionsDialog
from intake_desktop.ui.plan_screen import PlanScreen


@pytest.fixture
def screen(qtbot, app, make_session):
    session = make_session("ar", ("Rim", "Haddad"))
    session.answer("toestemming.delen_met", ["gemeente", "vluchtelingenwerk", "wijkteam"])
    session.answer("werk.team_score", 3)
    session.answer("werk.eigen_score", 4)
    widget = PlanScreen(PlanSession(session))
    qtbot.addWidget(widget)
    widget.resize(1100, 760)
    widget.show()
    return widget


def click_box(qtbot, box):
    """Check boxes take clicks on their indicator, at the leading edge."""
    rect = box.rect()
    x = rect.width() - 8 if box.isRightToLeft() else 8
    qtbot.mouseClick(box, Qt.MouseButton.LeftButton, pos=QPoint(x, rect.center().y()))


def reread(screen) -> PlanSession:
    intake = screen.plan.intake
    return PlanSession(IntakeSession(intake.database, intake.questionnaire, intake.intake_id))


def test_plan_wide_choices_are_saved_as_made(qtbot, screen):
    page = screen.page
    page.lead.setCurrentIndex(page.lead.findData(Partner.WIJKTEAM))
    page.leerroute.setCurrentIndex(page.leerroute.findData(Leerroute.B1))
    click_box(qtbot, page.pip_boxes[PipElement.KNM])
    page.evaluation.setDate(QDate(2027, 2, 15))
    page.lead_reason.setFocus()
    qtbot.keyClicks(page.lead_reason, "Zorg gaat voor")
    screen.flush()
    fields = reread(screen).fields
    assert fields.lead is Partner.WIJKTEAM and fields.leerroute is Leerroute.B1
    assert fields.pip == {PipElement.KNM}
    assert fields.next_evaluation == dt.date(2027, 2, 15)
    assert fields.lead_reason == "Zorg gaat voor"
    assert screen.page.chart.rows == [("Werk & werkervaring", 3, 4)]


def test_domain_page_goal_summary_sharing_and_actions(qtbot, screen):
    screen.show_domain("werk")
    page = screen.page
    qtbot.keyClicks(page.goal, "Ik wil als kapper werken")
    page.summary.setPlainText("Werkte als kapper.")
    click_box(qtbot, page.share_boxes[Partner.GEMEENTE])
    qtbot.mouseClick(page.add_button, Qt.MouseButton.LeftButton)
    row = page.rows[0]
    qtbot.keyClicks(row.description, "Cv maken")
    row.owner.setCurrentIndex(row.owner.findData(Owner.VLUCHTELINGENWERK))
    row.due.setDate(QDate(2027, 1, 10))
    row.status.setCurrentIndex(row.status.findData(ActionStatus.IN_PROGRESS))
    screen.flush()

    plan = reread(screen)
    domain = plan.questionnaire.domain("werk")
    assert plan.goal(domain) == "Ik wil als kapper werken"
    assert plan.summary(domain) == ("Werkte als kapper.", True)
    assert plan.shared_with(domain) == {Partner.VLUCHTELINGENWERK, Partner.WIJKTEAM}
    (action,) = plan.actions(domain)
    assert (action.description, action.owner, action.due_date, action.status) == (
        "Cv maken", Owner.VLUCHTELINGENWERK, dt.date(2027, 1, 10), ActionStatus.IN_PROGRESS)
    assert "1" in screen.navigator.item(1 + plan.domains.index(domain)).text()

    qtbot.mouseClick(page.redraft, Qt.MouseButton.LeftButton)
    assert reread(screen).summary(domain)[1] is False
    qtbot.mouseClick(row.remove, Qt.MouseButton.LeftButton)
    assert reread(screen).actions(domain) == []


def test_leaving_the_page_saves_text_still_waiting_for_its_timer(qtbot, screen):
    screen.show_domain("wonen")
    qtbot.keyClicks(screen.page.goal, "Een groter huis")
    screen.show_domain("werk")  # switching pages flushes
    plan = reread(screen)
    assert plan.goal(plan.questionnaire.domain("wonen")) == "Een groter huis"


def test_save_as_pdf_writes_only_the_chosen_file_and_records_the_version(
        qtbot, screen, tmp_path, data_dir):
    printing = PlanPrinting(screen, Settings(), data_dir)
    target = tmp_path / "out" / "plan.pdf"
    target.parent.mkdir()
    number = printing.save_to(target, [Copy.PERSON, Copy.GEMEENTE], "Sanne de Vries",
                              Organisation.GEMEENTE)
    assert number == 1
    assert [p.name for p in target.parent.iterdir()] == ["plan.pdf"]
    reader = pypdf.PdfReader(target)
    assert len(reader.pages) >= 2
    assert "Rim Haddad" not in str(reader.metadata)
    (version,) = screen.plan.versions()
    assert version.prints[0].printed_by == "Sanne de Vries"
    assert version.prints[0].copies == ("person", "gemeente")


def test_unwritable_target_records_nothing(qtbot, screen, tmp_path, data_dir):
    from intake_desktop.printing.output import OutputError

    printing = PlanPrinting(screen, Settings(), data_dir)
    with pytest.raises(OutputError):
        printing.save_to(tmp_path / "missing" / "plan.pdf", [Copy.PERSON], "Sanne", None)
    assert screen.plan.versions() == []


def test_printing_sends_every_page_to_the_printer(qtbot, screen, tmp_path, data_dir):
    # Qt's PDF printer stands in for a paper printer: the same QPrinter path.
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "printed.pdf"))
    printing = PlanPrinting(screen, Settings(), data_dir)
    number = printing.print_to(printer, [Copy.WIJKTEAM], "Ahmed", Organisation.WIJKTEAM)
    rendered = printing._render([Copy.WIJKTEAM])[2]
    assert len(pypdf.PdfReader(tmp_path / "printed.pdf").pages) == \
        len(pypdf.PdfReader(io.BytesIO(rendered)).pages)
    assert number == 1 and screen.plan.versions()[0].prints[0].destination == "printer"


def test_earlier_versions_stay_readable(qtbot, screen, tmp_path, data_dir):
    printing = PlanPrinting(screen, Settings(), data_dir)
    printing.save_to(tmp_path / "v1.pdf", [Copy.PERSON], "Sanne", Organisation.GEMEENTE)
    screen.show_domain("werk")
    qtbot.mouseClick(screen.page.add_button, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(screen.page.rows[0].description, "Nieuwe afspraak na evaluatie")
    screen.flush()
    printing.save_to(tmp_path / "v2.pdf", [Copy.PERSON], "Sanne", Organisation.GEMEENTE)
    dialog = VersionsDialog(screen.plan, screen)
    qtbot.addWidget(dialog)
    assert dialog.tree.topLevelItemCount() == 2
    dialog.tree.setCurrentItem(dialog.tree.topLevelItem(1))  # version 1, the older one
    assert dialog.selected_version() == 1
    old = dialog.render_selected()
    text = "".join(page.extract_text() for page in pypdf.PdfReader(io.BytesIO(old)).pages)
    assert "Nieuwe afspraak" not in text
    dialog.tree.setCurrentItem(dialog.tree.topLevelItem(0))
    new = dialog.render_selected()
    text = "".join(page.extract_text() for page in pypdf.PdfReader(io.BytesIO(new)).pages)
    assert "Nieuwe afspraak" in text


def test_plan_screen_in_arabic_is_mirrored(qtbot, screen, app):
    from intake_desktop import i18n

    from intake_desktop.ui.language import LanguageController

    LanguageController(app).apply("ar")
    screen.retranslate()
    screen.show_domain("werk")
    assert screen.isRightToLeft()
    assert screen.print_button.text() == i18n.gettext_in("ar", "&Afdrukken…")
    save_artifact(screen, "plan-screen-ar.png")
    LanguageController(app).apply("nl")


def test_printing_and_saving_leave_no_temporary_files(qtbot, screen, tmp_path, data_dir,
                                                       monkeypatch):
    import tempfile

    spare = tmp_path / "tmp"
    spare.mkdir()
    monkeypatch.setenv("TMPDIR", str(spare))
    monkeypatch.setattr(tempfile, "tempdir", str(spare))
    target = tmp_path / "out"
    target.mkdir()
    printing = PlanPrinting(screen, Settings(), data_dir)
    printing.save_to(target / "plan.pdf", [Copy.PERSON], "Sanne", Organisation.GEMEENTE)
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(target / "printer.pdf"))
    printing.print_to(printer, [Copy.GEMEENTE], "Sanne", Organisation.GEMEENTE)
    assert list(spare.iterdir()) == []
    assert sorted(p.name for p in target.iterdir()) == ["plan.pdf", "printer.pdf"]
