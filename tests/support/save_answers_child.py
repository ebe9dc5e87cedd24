"""Child process for the durability test: opens the store as the app does and saves
answers one by one, reporting each one only after it has been committed."""

import sys
import time
from pathlib import Path

from intake_desktop.intake import records
from intake_desktop.startup import open_store, unlock

data_dir, intake_id = Path(sys.argv[1]), int(sys.argv[2])
database = open_store(unlock(data_dir))
number = 0
while True:
    records.save_answer(database, intake_id, f"vraag.{number}", f"antwoord {number}")
    print(f"saved {number}", flush=True)
    number += 1
    if number > 10_000:
        time.sleep(60)  # never reached in the test: it is killed long before
