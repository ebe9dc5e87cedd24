"""--self-check from source: one line per check, exit status, and each check catching what it is for."""

from __future__ import annotations

import io
import sys
import types
import warnings
from pathlib import Path

import pytest
from support.process import child_env, run_app

from intake_desktop import i18n, self_check
from intake_desktop.i18n import N_
from intake_desktop.paths import resource
from intake_desktop.questionnaire import load_questionnaire
from intake_desktop.questionnaire.extract import iter_messages
from intake_desktop.self_check import Check, CheckFailed, CheckResult

from intake_desktop.ui import qt_check

CHECK_COUNT = len(self_check.CHECKS) + len(qt_check.QT_CHECKS)
PDF_PREFIX = "PDF-plan"


def assert_self_check_output(stdout: str, returncode: int) -> list[str]:
    """The rules for a whole run, from source or frozen: shared with tests/test_installer.py.

    Every check but the PDF one must pass here. The PDF check depends on the
    printing module, which is being written separately; until it works, its
    line says FOUT and the exit status is 1, and the test says so as a warning.
    """
    lines = stdout.splitlines()
    assert len(lines) == CHECK_COUNT, stdout
    assert all(line.startswith(("OK  ", "FOUT  ")) for line in lines), stdout
    failed = [line for line in lines if line.startswith("FOUT")]
    assert [line for line in failed if PDF_PREFIX not in line] == [], stdout
    assert returncode == (1 if failed else 0), stdout
    if failed:
        warnings.warn(f"self-check: {failed[0]}", stacklevel=2)
    return lines


def test_self_check_from_source_needs_no_display_and_touches_no_data(tmp_path):
    data_dir, temp = tmp_path / "data", tmp_path / "tmp"
    temp.mkdir()
    env = child_env(INTAKE_DESKTOP_DATA_DIR=str(data_dir), TMPDIR=str(temp), HOME=str(tmp_path / "home"))
    for name in ("QT_QPA_PLATFORM", "DISPLAY", "WAYLAND_DISPLAY"):
        env.pop(name, None)
    result = run_app("--self-check", env=env, timeout=120)
    assert result.stderr == ""
    lines = assert_self_check_output(result.stdout, result.returncode)
    assert lines[0].startswith("OK    Versleutelde database: in orde (SQLCipher 4.")
    assert not data_dir.exists()
    assert list(temp.iterdir()) == []  # the throwaway database is gone again


def test_help_mentions_the_self_check():
    result = run_app("--help", env=child_env())
    assert "--self-check" in result.stdout


def test_core_checks_do_not_load_qt():
    import subprocess

    code = ("import sys\nfrom intake_desktop import self_check\nself_check.run_checks()\n"
            "print(sorted(m for m in sys.modules if m.startswith(('PySide6', 'intake_desktop.ui'))))\n")
    out = subprocess.run([sys.executable, "-c", code], env=child_env(), capture_output=True, text=True,
                         timeout=120, check=True)
    assert out.stdout.strip().splitlines()[-1] == "[]"


# -- reporting -----------------------------------------------------------------------------------


def test_report_prints_one_line_per_check_and_fails_on_any_failure():
    stream = io.StringIO()
    code = self_check.report([CheckResult(True, "A: in orde"), CheckResult(False, "B: kapot")], stream)
    assert code == 1
    assert stream.getvalue().splitlines() == ["OK    A: in orde", "FOUT  B: kapot"]
    assert self_check.report([CheckResult(True, "A: in orde")], io.StringIO()) == 0


def test_report_without_a_console_still_gives_the_status(monkeypatch):
    # A windowed Windows program has sys.stdout None.
    monkeypatch.setattr(sys, "stdout", None)
    assert self_check.report([CheckResult(False, "B: kapot")]) == 1


def test_an_unexpected_error_becomes_a_failed_line():
    result = self_check.run_check(Check(N_("Vragenlijst"), lambda: 1 / 0))
    assert not result.ok
    assert result.line.startswith("Vragenlijst: onverwachte fout (")
    assert "ZeroDivisionError" in result.line


# -- the database ----------------------------------------------------------------------------------


def test_database_check_uses_a_throwaway_folder_and_no_keyring(tmp_path, monkeypatch, memory_keyring):
    import tempfile

    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    line = self_check.check_database()
    assert line.startswith("Versleutelde database: in orde (SQLCipher 4.")
    assert list(tmp_path.iterdir()) == []
    assert memory_keyring.secrets == {}


def test_database_check_fails_when_the_file_is_readable_without_key(monkeypatch):
    monkeypatch.setattr(self_check, "_plain_sqlite_reads", lambda sqlite3, path: True)
    with pytest.raises(CheckFailed, match="leesbaar zonder sleutel"):
        self_check.check_database()


# -- the questionnaire -----------------------------------------------------------------------------


def test_questionnaire_texts_are_exactly_the_extracted_messages():
    extracted = set()
    for path in resource("questionnaire").rglob("*.yaml"):
        extracted |= {message for _, _, message, _ in iter_messages(path.read_text(encoding="utf-8"))}
    assert self_check.questionnaire_texts(load_questionnaire()) == extracted


def test_questionnaire_check_finds_a_missing_translation(monkeypatch):
    texts = sorted(self_check.questionnaire_texts(load_questionnaire()))
    real = self_check._catalogue

    def without_one(language):
        catalogue = dict(real(language))
        if language == "ti":
            catalogue.pop(texts[0])
        return catalogue

    monkeypatch.setattr(self_check, "_catalogue", without_one)
    with pytest.raises(CheckFailed, match=r"1 tekst zonder vertaling \(ti 1;"):
        self_check.check_questionnaire()


def test_questionnaire_check_finds_a_missing_pictogram(monkeypatch):
    monkeypatch.setattr(self_check, "required_pictograms", lambda q: {"domain-taal", "domain-bestaat-niet"})
    with pytest.raises(CheckFailed, match="domain-bestaat-niet"):
        self_check.check_questionnaire()


# -- fonts -----------------------------------------------------------------------------------------


def test_fonts_are_assigned_to_their_languages():
    assert self_check.font_languages(Path("NotoNaskhArabic-Bold.ttf")) == ("ar",)
    assert self_check.font_languages(Path("NotoSansEthiopic-Regular.ttf")) == ("ti",)
    assert self_check.font_languages(Path("NotoSans-Regular.ttf")) == ("nl", "en")


def test_catalogue_characters_include_the_script():
    assert any(0x1200 <= ord(ch) <= 0x137F for ch in self_check.catalogue_characters("ti"))
    assert any(0x0600 <= ord(ch) <= 0x06FF for ch in self_check.catalogue_characters("ar"))


def test_font_check_finds_an_uncovered_character(monkeypatch):
    real = self_check.catalogue_characters
    monkeypatch.setattr(self_check, "catalogue_characters",
                        lambda language: real(language) | ({"\u4e00"} if language == "ar" else set()))
    with pytest.raises(CheckFailed, match="U\\+4E00") as failure:
        self_check.check_fonts()
    assert "NotoSansArabic-Regular.ttf" in str(failure.value)
    assert "NotoSans-Regular.ttf mist" not in str(failure.value)  # Latin fonts serve nl and en only


# -- the printed plan ------------------------------------------------------------------------------


def fake_printing(monkeypatch, make_pdf):
    module = types.ModuleType("intake_desktop.printing.sample")
    module.sample_plan_pdf = make_pdf
    monkeypatch.setitem(sys.modules, "intake_desktop.printing.sample", module)


def small_pdf(language: str) -> bytes:
    """A real PDF with text in the language's script, drawn with our own fonts."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen.canvas import Canvas

    file = {"ar": "NotoSansArabic-Regular.ttf", "ti": "NotoSansEthiopic-Regular.ttf"}[language]
    name = f"SelfCheckTest-{language}"
    pdfmetrics.registerFont(TTFont(name, str(resource("fonts", file))))
    buffer = io.BytesIO()
    canvas = Canvas(buffer)
    canvas.setFont(name, 14)
    text = f"{i18n.LANGUAGE_NAMES[language]} {i18n.gettext_in(language, 'Nieuwe intake')}"
    canvas.drawString(72, 720, text)
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def test_pdf_check_without_the_printing_module(monkeypatch):
    monkeypatch.setitem(sys.modules, "intake_desktop.printing.sample", None)
    with pytest.raises(CheckFailed, match="de afdrukmodule ontbreekt"):
        self_check.check_pdf()


def test_pdf_check_reads_a_real_plan(monkeypatch):
    fake_printing(monkeypatch, small_pdf)
    line = self_check.check_pdf()
    assert line.startswith("PDF-plan: in het Arabisch en het Tigrinya gemaakt en gelezen (ar ")


@pytest.mark.parametrize("data, problem", [
    (b"<html>not a pdf</html>", "het resultaat is geen PDF"),
    (b"%PDF-1.7\n%%EOF", "onwaarschijnlijke grootte"),
    (b"%PDF-1.7\n" + b"rubbish " * 500, "pypdf kan het bestand niet lezen|geen pagina"),
])
def test_pdf_check_refuses_a_broken_plan(monkeypatch, data, problem):
    fake_printing(monkeypatch, lambda language: data)
    with pytest.raises(CheckFailed, match=problem):
        self_check.check_pdf()


def test_pdf_check_wants_the_script_in_the_plan(monkeypatch):
    # An Ethiopic PDF handed out for Arabic has neither Arabic text nor an Arabic font.
    fake_printing(monkeypatch, lambda language: small_pdf("ti"))
    with pytest.raises(CheckFailed, match=r"PDF-plan \(ar\): er staat geen tekst in het eigen schrift in"):
        self_check.check_pdf()


# -- the credential store --------------------------------------------------------------------------


@pytest.mark.skipif(sys.platform not in self_check._NATIVE_KEYRING, reason="no native store known")
def test_keyring_check_needs_the_backend_metadata(monkeypatch):
    assert "aanwezig" in self_check.check_keyring()
    import importlib.metadata

    monkeypatch.setattr(importlib.metadata, "entry_points", lambda **kwargs: [])
    with pytest.raises(CheckFailed, match="ontbreekt"):
        self_check.check_keyring()


# -- Qt --------------------------------------------------------------------------------------------


def test_qt_checks_pass(qapp):
    results = qt_check.run_qt_checks()
    assert all(r.ok for r in results), [r.line for r in results]
    assert "Arabisch, Tigrinya en pictogrammen getekend" in results[0].line


def test_preview_check_needs_pdfium(qapp, monkeypatch):
    monkeypatch.setitem(sys.modules, "pypdfium2", None)
    with pytest.raises(CheckFailed, match="Afdrukvoorbeeld: onderdeel ontbreekt"):
        qt_check.check_preview()


def test_qt_check_notices_a_character_our_fonts_lack(qapp, monkeypatch):
    # U+4E00 is in none of our fonts: Qt draws it as an empty box or borrows a system font.
    monkeypatch.setattr(qt_check, "catalogue_characters", lambda language: {"\u4e00", "a"})
    with pytest.raises(CheckFailed, match=r"Qt \(ar\): .*(leeg vakje|andere lettertypen)"):
        qt_check.check_drawing()


def test_qt_platform_plugins_are_found(qapp):
    assert qt_check._platform_plugin("offscreen") is not None
    assert qt_check._platform_plugin("no-such-platform") is None
