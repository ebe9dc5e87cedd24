"""Rendering a full plan against a plain ReportLab document of the same length.

    python bench/pdf.py [--runs 15]

The plan is the sample plan: every scored leefdomein with scores, summary,
goal and actions, Dutch with Arabic, one partner copy. The baseline is a
SimpleDocTemplate of Dutch Paragraphs padded to the same number of pages, so
the ratio is the price of our bilingual layout (bidi, shaping, font runs,
tables, chart). Both are timed in the same process, interleaved, with our
text-layout caches emptied before every plan run (the first print after a
start is the slow one). Goal: ratio at most 2 and under one second.
"""

from __future__ import annotations

import argparse
import datetime as dt
import functools
import io
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from reportlab.lib.pagesizes import A4  # noqa: E402
from reportlab.lib.styles import getSampleStyleSheet  # noqa: E402
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer  # noqa: E402

from intake_desktop.plan.copies import Copy  # noqa: E402
from intake_desktop.printing import bidi_text  # noqa: E402
from intake_desktop.printing.fonts import register_fonts  # noqa: E402
from intake_desktop.printing.plan_document import PrintInfo, render_plan  # noqa: E402
from intake_desktop.printing.sample import sample_snapshot  # noqa: E402

TEXT = ("Woont sinds drie maanden in de gemeente, samen met twee kinderen. Volgt nog geen "
        "taalles en wil graag snel beginnen. Heeft als kapper gewerkt. ") * 3


def empty_layout_caches() -> None:
    for value in vars(bidi_text).values():
        if hasattr(value, "cache_clear"):
            value.cache_clear()


SNAPSHOT = sample_snapshot("ar")
INFO = PrintInfo(version=1, printed_at=dt.datetime(2026, 11, 23, 10, 0, tzinfo=dt.UTC))


def plan() -> bytes:
    empty_layout_caches()
    return render_plan(SNAPSHOT, [Copy.WIJKTEAM], INFO)


def plain(paragraphs: int) -> tuple[bytes, int]:
    styles = getSampleStyleSheet()
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(buffer, pagesize=A4)
    story = []
    for index in range(paragraphs):
        story.append(Paragraph(f"<b>{index + 1}.</b> {TEXT}", styles["BodyText"]))
        story.append(Spacer(0, 6))
    doc.build(story)
    return buffer.getvalue(), doc.page


def matching_baseline(pages: int) -> functools.partial:
    """The number of paragraphs that fills exactly as many pages as the plan."""
    count = 10
    while plain(count)[1] < pages:
        count += 10
    while plain(count)[1] > pages:
        count -= 1
    return functools.partial(plain, count)


def seconds(function) -> float:
    start = time.perf_counter()
    function()
    return time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    register_fonts()
    import pypdf

    pages = len(pypdf.PdfReader(io.BytesIO(plan())).pages)
    baseline = matching_baseline(pages)
    plan_times, base_times = [], []
    for _ in range(args.runs):
        plan_times.append(seconds(plan))
        base_times.append(seconds(baseline))
    ours, theirs = statistics.median(plan_times), statistics.median(base_times)
    print(f"pages: {pages} (baseline: {baseline()[1]})")
    print(f"plan (Dutch + Arabic, all domains): median {ours * 1000:.0f} ms")
    print(f"plain ReportLab, same page count:   median {theirs * 1000:.0f} ms")
    print(f"ratio: {ours / theirs:.2f} (goal: at most 2, and under 1 s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
