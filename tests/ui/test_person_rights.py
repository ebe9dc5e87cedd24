"""The person's rights through the intake screen: consent, private notes, export, erasure."""

import json

import pypdf
import pytest
from test_main_window import FIRST_STAFF, open_and_wait
from test_signing import COLLEAGUE, new_gui, sign_in

from intake_desktop.intake import records
from intake_desktop.intake.people import NewPerson
from intake_desktop.privacy import consent, private_notes
from intake_desktop.security import audit, staff
from intake_desktop.security.key_slots import KeySlots
from intake_desktop.store.choices import Organisation, Partner

from intake_desktop.ui import person_rights


@pytest.fixture
def window(qtbot, data_dir):
    gui = new_gui(qtbot, data_dir)
    open_and_wait(qtbot, gui)
    window = gui.window
    intake_id = records.create_intake(window.database, NewPerson("Mariam", "Tesfay", None, "ti"))
    window.open_intake(intake_id)
    yield window
    window.close()


def test_consent_is_registered_and_withdrawn(qtbot, window):
    person_id = window.intake_screen.session.summary.person_id
    dialog = person_rights.ConsentDialog(window, person_id, "ti")
    qtbot.addWidget(dialog)
    dialog.partners[Partner.WIJKTEAM].setChecked(True)
    dialog.add()
    (record,) = consent.for_person(window.database, person_id)
    assert record.shared_with == {Partner.WIJKTEAM} and record.language == "ti"
    assert record.explained_by == FIRST_STAFF["name"]
    dialog.table.selectRow(0)
    dialog.withdraw()
    assert consent.for_person(window.database, person_id)[0].withdrawn_at is not None


def test_private_notes_belong_to_the_staff_members_organisation(qtbot, window):
    intake_id = window.intake_screen.session.intake_id
    dialog = person_rights.PrivateNotesDialog(window, intake_id)
    qtbot.addWidget(dialog)
    assert dialog.partner is Partner.GEMEENTE  # the first beheerder's organisation
    dialog.text.setPlainText("Wil apart praten over schulden")
    dialog.add()
    assert [n.text for n in private_notes.notes_for(window.database, intake_id, Partner.GEMEENTE)] \
        == ["Wil apart praten over schulden"]
    assert private_notes.notes_for(window.database, intake_id, Partner.WIJKTEAM) == []


def test_export_writes_json_and_a_readable_pdf_and_logs_it(qtbot, window, tmp_path):
    person_id = window.intake_screen.session.summary.person_id
    json_path, pdf_path = person_rights.export_person_to(window, person_id, tmp_path)
    data = json.loads(json_path.read_text(encoding="utf-8"))
    assert data["person"]["given_names"] == "Mariam"
    assert len(pypdf.PdfReader(pdf_path).pages) >= 1
    assert audit.query(window.database, person_id=person_id)[0].action == "export"


def test_erasure_removes_the_person_and_leaves_a_log_entry(qtbot, window):
    from test_main_window import when_modal

    person_id = window.intake_screen.session.summary.person_id

    def confirm(dialog):
        dialog.confirm.setText(dialog.word)
        dialog.ok.click()

    when_modal(confirm)
    window.person_action("erase")
    assert window.intake_screen is None
    assert records.list_intakes(window.database) == []
    assert audit.query(window.database, person_id=person_id)[0].action == "delete"


def test_erasure_is_only_offered_to_a_beheerder(qtbot, data_dir):
    gui = new_gui(qtbot, data_dir)
    open_and_wait(qtbot, gui)
    KeySlots.load(data_dir).add(gui.signing.key, COLLEAGUE["username"], COLLEAGUE["password"])
    staff.add_staff(gui.window.database, username=COLLEAGUE["username"], name=COLLEAGUE["name"],
                    organisation=Organisation.WIJKTEAM)
    gui.window.close()
    gui = new_gui(qtbot, data_dir)
    gui.open_store()
    sign_in(qtbot, gui, COLLEAGUE["username"], COLLEAGUE["password"])
    qtbot.waitUntil(lambda: gui.window.staff is not None, timeout=20000)
    intake_id = records.create_intake(gui.window.database, NewPerson("Mariam", "T", None, "ti"))
    gui.window.open_intake(intake_id)
    assert not gui.window.intake_screen.person_actions["erase"].isVisible()
    gui.window.person_action("erase")  # refused without asking
    assert len(records.list_intakes(gui.window.database)) == 1
    gui.window.close()
