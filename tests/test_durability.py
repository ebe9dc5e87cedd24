"""An answer is on disk the moment it is entered: SIGKILL loses nothing reported saved."""

import datetime as dt
import signal
import subprocess
import sys

from support.process import TESTS_DIR, child_env

from intake_desktop.intake import records
from intake_desktop.intake.people import NewPerson
from intake_desktop.startup import open_store, unlock


def test_answers_survive_sigkill(data_dir, memory_keyring):
    database = open_store(unlock(data_dir))
    intake_id = records.create_intake(
        database, NewPerson("Yonas", "Haile", dt.date(1995, 9, 9), "ti"))
    database.close()

    child = subprocess.Popen(
        [sys.executable, str(TESTS_DIR / "support" / "save_answers_child.py"),
         str(data_dir), str(intake_id)],
        env=child_env(memory_keyring), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )
    reported = -1
    try:
        for line in child.stdout:
            reported = int(line.split()[1])
            if reported >= 40:
                break  # the child keeps writing; kill it mid-stream
        child.send_signal(signal.SIGKILL)
    finally:
        child.wait(timeout=30)
    assert child.returncode == -signal.SIGKILL, child.stderr.read()
    assert reported >= 40

    reopened = open_store(unlock(data_dir))  # runs the integrity check as well
    try:
        saved = records.answers(reopened, intake_id)
    finally:
        reopened.close()
    for number in range(reported + 1):
        assert saved[f"vraag.{number}"] == f"antwoord {number}"
