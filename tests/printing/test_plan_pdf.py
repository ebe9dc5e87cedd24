"""The printed plan read back: texts, copies, numbering, metadata, pictures of pages."""

import io
import shutil
import subprocess
import unicodedata
from pathlib import Path

import pypdf
import pytest

from intake_desktop import i18n
from intake_desktop.plan.copies import Copy
from intake_desktop.printing.sample import NAMES, sample_plan_pdf, sample_snapshot
from intake_desktop.questionnaire import load_questionnaire

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"


def pages_text(data: bytes) -> list[str]:
    return [page.extract_text() for page in pypdf.PdfReader(io.BytesIO(data)).pages]


def plain(text: str) -> str:
    # Arabic comes back as presentation forms in visual order; NFKC gives the letters back.
    return unicodedata.normalize("NFKC", text)


@pytest.fixture(scope="module")
def pdfs():
    return {language: sample_plan_pdf(language, [Copy.PERSON, Copy.GEMEENTE, Copy.WIJKTEAM])
            for language in i18n.LANGUAGES}


@pytest.mark.parametrize("language", i18n.LANGUAGES)
def test_each_language_has_dutch_and_its_own_text(pdfs, language):
    text = "\n".join(pages_text(pdfs[language]))
    assert "Plan van aanpak" in text
    assert "Handtekeningen" in text
    title = i18n.gettext_in(language, "Plan van aanpak")
    if language == "ar":
        letters = {c for c in plain(text) if "\u0600" <= c <= "\u06ff"}
        assert {c for c in title if c.isalpha()} <= letters
    else:
        assert title in text
        assert NAMES[language] in text
    if language == "ti":
        assert "ቋንቋ" in text and "።" in text


def test_pages_are_numbered_per_copy(pdfs):
    texts = pages_text(pdfs["nl"])
    numbers = [line for page in texts for line in page.splitlines() if "pagina" in line]
    assert len(numbers) == len(texts)
    # Each copy starts again at page 1 and says how many pages it has.
    starts = [n for n in numbers if "pagina 1 van" in n]
    assert len(starts) == 3
    for line in numbers:
        assert "versie 1" in line and "23 november 2026" in line


def test_partner_copy_leaves_out_what_was_not_shared():
    snapshot = sample_snapshot("nl")
    questionnaire = load_questionnaire()
    hidden = [d["title"] for d in snapshot["domains"] if d["shared_with"] == ["wijkteam"]]
    assert hidden
    gemeente = "\n".join(pages_text(sample_plan_pdf("nl", [Copy.GEMEENTE])))
    wijkteam = "\n".join(pages_text(sample_plan_pdf("nl", [Copy.WIJKTEAM])))
    for title in hidden:
        assert title not in gemeente and title in wijkteam
    assert f"{len(hidden)} leefdomeinen staan niet in dit exemplaar" in gemeente.replace("\n", " ")
    assert questionnaire.scored_domains[1].title in gemeente


def test_metadata_names_the_document_not_the_person(pdfs):
    for language, data in pdfs.items():
        info = pypdf.PdfReader(io.BytesIO(data)).metadata
        values = " ".join(str(v) for v in info.values())
        assert info.title == "Plan van aanpak"
        assert NAMES[language] not in values
        assert "1988" not in values


def test_person_copy_leads_with_their_language():
    data = sample_plan_pdf("ti", [Copy.PERSON])
    first = pages_text(data)[0]
    assert first.index(i18n.gettext_in("ti", "Plan van aanpak")) < first.index("Plan van aanpak")


def test_pages_render_to_pictures(pdfs, tmp_path):
    # poppler-utils is installed by the README's test command.
    assert shutil.which("pdftoppm"), "pdftoppm missing: install poppler-utils"
    ARTIFACTS.mkdir(exist_ok=True)
    for language in ("ar", "ti"):
        path = tmp_path / f"plan-{language}.pdf"
        path.write_bytes(pdfs[language])
        subprocess.run(["pdftoppm", "-r", "70", "-png", "-f", "1", "-l", "3", str(path),
                        str(ARTIFACTS / f"plan-{language}")], check=True)
        pictures = sorted(ARTIFACTS.glob(f"plan-{language}-*.png"))
        assert len(pictures) == 3
        assert all(p.stat().st_size > 10_000 for p in pictures)
