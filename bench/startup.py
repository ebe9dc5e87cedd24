"""Cold start: process start to first shown window, Intake Desktop against a bare PySide6 window.

    python bench/startup.py [--runs 9]

Both are started the same way, offscreen, in the same run, and report on stdout
when their window has been shown; the parent times from Popen to that line.
The ratio is what counts (goal: at most 1.5), since this machine is noisy.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time

BARE = """
import sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication(sys.argv)
window = QMainWindow()
window.resize(1100, 720)
window.show()
def report():
    print("shown", flush=True)
    app.exit(0)
QTimer.singleShot(0, report)
app.exec()
"""


def time_once(command: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    process = subprocess.Popen(command, env=env, stdout=subprocess.PIPE, text=True)
    line = process.stdout.readline()
    elapsed = time.perf_counter() - start
    process.wait(timeout=60)
    if line.strip() != "shown":
        raise RuntimeError(f"{command} did not report a shown window (got {line!r})")
    return elapsed


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=9)
    args = parser.parse_args()
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", INTAKE_DESKTOP_STARTUP_PROBE="1")
    bare_times, app_times = [], []
    with tempfile.TemporaryDirectory() as data_dir:
        app = [sys.executable, "-m", "intake_desktop", "--data-dir", data_dir, "--lang", "nl"]
        bare = [sys.executable, "-c", BARE]
        time_once(bare, env)  # warm the file cache for both, then alternate
        time_once(app, env)
        for _ in range(args.runs):
            bare_times.append(time_once(bare, env))
            app_times.append(time_once(app, env))
    bare_median, app_median = statistics.median(bare_times), statistics.median(app_times)
    print(f"bare PySide6 window: median {bare_median * 1000:.0f} ms over {args.runs} runs")
    print(f"Intake Desktop:      median {app_median * 1000:.0f} ms over {args.runs} runs")
    print(f"ratio: {app_median / bare_median:.2f} (goal: at most 1.5)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
