"""``intake-desktop --self-check``: prove that this installation works, without a window.

Meant for a beheerder right after installing or updating, and for the test of
the frozen bundle: every check exercises what an installer can get wrong (a
missing compiled module, catalogue, font, data file or Qt plugin) through the
same code the app uses. Nothing here touches the real data folder or the real
credential store: the database check uses a throwaway folder and a random key.

This module is core and imports no Qt; the Qt checks are in
``intake_desktop.ui.qt_check`` and ``app.py`` runs both.
"""

from __future__ import annotations

import sys
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from intake_desktop import i18n
from intake_desktop.i18n import N_, _, isolate, ngettext

# Languages whose script needs its own font; the rest is Latin.
SCRIPT_LANGUAGES = {"Arabic": "ar", "Ethiopic": "ti"}
PDF_LANGUAGES = ("ar", "ti")
# Characters of each script as they can come out of a PDF: Arabic text is
# extracted as presentation forms, so those blocks count too.
_SCRIPT_RANGES = {
    "ar": ((0x0600, 0x06FF), (0x0750, 0x077F), (0xFB50, 0xFDFF), (0xFE70, 0xFEFF)),
    "ti": ((0x1200, 0x139F), (0x2D80, 0x2DDF), (0xAB00, 0xAB2F)),
}
_SCRIPT_FONT_NAMES = {"ar": ("Arabic", "Naskh"), "ti": ("Ethiopic",)}
# A plan of a page or two is tens of kilobytes; outside this range something is off.
_PDF_SIZE_RANGE = (1_000, 50_000_000)
# The platform's own credential store, as keyring names its backend entry point.
_NATIVE_KEYRING = {
    "win32": ("Windows", "Windows Credential Manager", "win32ctypes.pywin32.win32cred"),
    "linux": ("SecretService", "Secret Service", "secretstorage"),
    "darwin": ("macOS", "macOS Keychain", "keyring.backends.macOS.api"),
}


class CheckFailed(Exception):
    """A finding of a check, already worded as the line to print."""


@dataclass(frozen=True)
class CheckResult:
    ok: bool
    line: str  # translated, without the OK/FOUT mark


@dataclass(frozen=True)
class Check:
    title: str  # N_() marked; names the check when it fails unexpectedly
    run: Callable[[], str]  # returns the OK line or raises CheckFailed


def run_check(check: Check) -> CheckResult:
    try:
        return CheckResult(True, check.run())
    except CheckFailed as failed:
        return CheckResult(False, str(failed))
    except Exception as error:  # noqa: BLE001 - any failure is a finding, never a crash
        detail = f"{type(error).__name__}: {error}".strip().splitlines()[0][:300]
        return CheckResult(False, _("{check}: onverwachte fout ({error})").format(
            check=_(check.title), error=isolate(detail)))


def report(results: Iterable[CheckResult], stream=None) -> int:
    """Print one line per check; 0 only if every check passed."""
    stream = stream or sys.stdout
    if stream is None:  # a windowed Windows program has no console
        return 0 if all(r.ok for r in results) else 1
    if hasattr(stream, "reconfigure"):
        # A redirected Windows console is cp1252: a replaced letter beats a crash.
        stream.reconfigure(errors="replace")
    ok_mark, fail_mark = _("OK"), _("FOUT")
    width = max(len(ok_mark), len(fail_mark))
    passed = True
    for result in results:
        passed &= result.ok
        print(f"{(ok_mark if result.ok else fail_mark).ljust(width)}  {result.line}", file=stream, flush=True)
    return 0 if passed else 1


# -- the encrypted database ----------------------------------------------------------------------


def check_database() -> str:
    import sqlite3
    import tempfile

    from intake_desktop.errors import StartupError
    from intake_desktop.intake import records
    from intake_desktop.intake.people import NewPerson
    from intake_desktop.security.keys import new_key
    from intake_desktop.store.database import DB_FILENAME, HEAD_REVISION, open_database

    # Arabic and Ethiopic in the name also prove the text survives the round trip.
    given, family = "Selam ሰላም", "Zelftest السلام"
    with tempfile.TemporaryDirectory(prefix="intake-desktop-self-check-",
                                     ignore_cleanup_errors=True) as folder:
        path = Path(folder) / DB_FILENAME
        key = new_key()
        database = open_database(path, key, create=True)
        try:
            version = database.cipher_version()
            intake_id = records.create_intake(database, NewPerson(given, family, None, "ti"))
            records.save_answer(database, intake_id, "taal.spreken", "beetje", language="ti")
        finally:
            database.close()

        # Reopening runs the app's checks on an existing file: every page's HMAC, the revision.
        database = open_database(path, key)
        try:
            [summary] = records.list_intakes(database)
            answers = records.answers(database, intake_id)
            with database.engine.connect() as connection:
                revision = connection.exec_driver_sql("SELECT version_num FROM alembic_version").scalar()
        finally:
            database.close()
        if summary.person_name != f"{given} {family}" or answers != {"taal.spreken": "beetje"}:
            raise CheckFailed(_("Versleutelde database: wat is teruggelezen klopt niet"))
        if revision != HEAD_REVISION:
            raise CheckFailed(_("Versleutelde database: schema {found} in plaats van {expected}").format(
                found=revision, expected=HEAD_REVISION))
        if not version.startswith("4."):
            raise CheckFailed(_("Versleutelde database: SQLCipher {version} is geen versie 4").format(
                version=version))

        if _plain_sqlite_reads(sqlite3, path) or path.read_bytes()[:16] == b"SQLite format 3\0":
            raise CheckFailed(_("Versleutelde database: het bestand is leesbaar zonder sleutel"))
        try:
            open_database(path, new_key()).close()
        except StartupError:
            pass
        else:
            raise CheckFailed(_("Versleutelde database: een verkeerde sleutel opent het bestand"))
    return _("Versleutelde database: in orde (SQLCipher {version})").format(version=version)


def _plain_sqlite_reads(sqlite3, path: Path) -> bool:
    connection = sqlite3.connect(path)
    try:
        connection.execute("SELECT count(*) FROM sqlite_master").fetchall()
        return True
    except sqlite3.DatabaseError:
        return False
    finally:
        connection.close()


# -- the questionnaire and its translations ------------------------------------------------------


def _catalogue(language: str) -> dict:
    """The compiled messages of one language.

    gettext answers with the msgid both when a message is missing and when its
    translation is the same word (nl, "KNM"), so presence is read from the
    catalogue itself; .mo files hold translated messages only.
    """
    return getattr(i18n.translations(language), "_catalog", {})


def questionnaire_texts(questionnaire) -> set[str]:
    """Every Dutch text of the questionnaire the app translates when it shows it."""
    texts = set()
    for domain in questionnaire.domains:
        texts |= {domain.title, domain.why, *domain.team_score.values()}
        for question in domain.all_questions:
            texts |= {question.text, question.help, question.unit, question.low, question.high}
            texts |= {option.text for option in question.options}
            texts |= {level.label for level in question.levels}
            texts |= {level.description for level in question.levels}
    return {text for text in texts if text}


def required_pictograms(questionnaire) -> set[str]:
    """The pictograms the screens cannot do without; an option's own pictogram is optional."""
    scales = questionnaire.scales
    names = {domain.pictogram for domain in questionnaire.domains}
    names |= set(scales.person_pictograms.values()) | set(scales.answer_pictograms.values())
    return names | {"nav-next", "nav-back", "nav-skip", "nav-dont-know"}


def check_questionnaire() -> str:
    from intake_desktop.paths import resource
    from intake_desktop.questionnaire import QuestionnaireError, load_questionnaire

    try:
        questionnaire = load_questionnaire()
    except QuestionnaireError as error:
        raise CheckFailed(_("Vragenlijst: kan niet worden geladen ({error})").format(
            error=isolate(str(error).splitlines()[0]))) from error
    texts = questionnaire_texts(questionnaire)
    missing = {language: sorted(t for t in texts if t not in _catalogue(language))
               for language in i18n.LANGUAGES}
    count = sum(len(found) for found in missing.values())
    if count:
        first = next(found[0] for found in missing.values() if found)
        detail = ", ".join(f"{language} {len(found)}" for language, found in missing.items() if found)
        raise CheckFailed(ngettext(
            "Vragenlijst: {count} tekst zonder vertaling ({detail}; bijvoorbeeld {example})",
            "Vragenlijst: {count} teksten zonder vertaling ({detail}; bijvoorbeeld {example})",
            count,
        ).format(count=count, detail=detail, example=isolate(first[:60])))
    absent = sorted(name for name in required_pictograms(questionnaire)
                    if not resource("pictograms", f"{name}.svg").is_file())
    if absent:
        raise CheckFailed(_("Vragenlijst: pictogrammen ontbreken ({names})").format(
            names=", ".join(absent)))
    return ngettext(
        "Vragenlijst: geladen, {count} tekst vertaald in nl, en, ar en ti, pictogrammen aanwezig",
        "Vragenlijst: geladen, alle {count} teksten vertaald in nl, en, ar en ti, pictogrammen aanwezig",
        len(texts),
    ).format(count=len(texts))


# -- dates and numbers ---------------------------------------------------------------------------


def check_formatting() -> str:
    import datetime as dt
    import re

    from babel import Locale

    day = dt.date(2026, 3, 9)
    moment = dt.datetime(2026, 3, 9, 14, 30, tzinfo=dt.UTC)
    for language in i18n.LANGUAGES:
        text = " ".join((i18n.format_date(day, language), i18n.format_datetime(moment, language),
                         i18n.format_number(1234.5, language)))
        # Every language writes Western digits (see i18n); Babel's locale data decides that.
        if "2026" not in text or re.search(r"[\u0660-\u0669\u06F0-\u06F9]", text):
            raise CheckFailed(_("Datums en getallen: onjuist in {language} ({text})").format(
                language=language, text=isolate(text)))
        rtl = Locale.parse(i18n.babel_locale(language)).text_direction == "rtl"
        if rtl != i18n.is_rtl(language):
            raise CheckFailed(_("Datums en getallen: verkeerde schrijfrichting voor {language}").format(
                language=language))
    return _("Datums en getallen: in orde in nl, en, ar en ti")


# -- fonts ---------------------------------------------------------------------------------------


def catalogue_characters(language: str) -> set[str]:
    """The characters the app shows in one language: its catalogue and its own name."""
    strings = [value for key, value in _catalogue(language).items() if key != ""]
    strings.append(i18n.LANGUAGE_NAMES[language])
    # White space, format characters (isolates, marks) and controls take no glyph.
    return {ch for ch in "".join(strings)
            if not ch.isspace() and unicodedata.category(ch) not in ("Cf", "Cc")}


def font_languages(font: Path) -> tuple[str, ...]:
    for script, language in SCRIPT_LANGUAGES.items():
        if script in font.stem:
            return (language,)
    return tuple(language for language in i18n.LANGUAGES if language not in SCRIPT_LANGUAGES.values())


def check_fonts() -> str:
    from reportlab.pdfbase.ttfonts import TTFontFile

    from intake_desktop.paths import resource

    files = sorted(resource("fonts").glob("*.ttf"))
    if not files:
        raise CheckFailed(_("Lettertypen: geen lettertypen gevonden in {folder}").format(
            folder=isolate(resource("fonts"))))
    charmaps, problems = {}, []
    for path in files:
        try:
            charmaps[path.name] = set(TTFontFile(str(path)).charToGlyph)
        except Exception as error:  # noqa: BLE001 - reportlab raises its own TTFError and more
            problems.append(_("{font} kan niet worden gelezen ({error})").format(
                font=path.name, error=isolate(error)))
    needed = {language: catalogue_characters(language) for language in i18n.LANGUAGES}
    for path in files:
        if path.name not in charmaps:
            continue
        # Script fonts have no Latin worth showing: Qt and the PDFs put the Latin
        # font of the same weight beside them, so together they must cover it all.
        weight = "Bold" if path.stem.endswith("Bold") else "Regular"
        partner = charmaps.get(f"NotoSans-{weight}.ttf", charmaps.get("NotoSans-Regular.ttf", set()))
        covered = charmaps[path.name] | partner
        for language in font_languages(path):
            lacking = sorted(ch for ch in needed[language] if ord(ch) not in covered)
            if lacking:
                problems.append(ngettext(
                    "{font} mist {count} teken voor {language} ({chars})",
                    "{font} mist {count} tekens voor {language} ({chars})",
                    len(lacking),
                ).format(font=path.name, count=len(lacking), language=language,
                         chars=" ".join(f"U+{ord(ch):04X}" for ch in lacking[:8])))
    if problems:
        raise CheckFailed(_("Lettertypen: {problems}").format(problems="; ".join(problems)))
    return ngettext(
        "Lettertypen: {count} lettertype gelezen, alle tekens van nl, en, ar en ti aanwezig",
        "Lettertypen: {count} lettertypen gelezen, alle tekens van nl, en, ar en ti aanwezig",
        len(files),
    ).format(count=len(files))


# -- a printed plan ------------------------------------------------------------------------------


def _in_script(text: str, language: str) -> bool:
    return any(low <= ord(ch) <= high for ch in text for low, high in _SCRIPT_RANGES[language])


def _resolved(value) -> dict:
    return value.get_object() if value is not None else {}


def _read_pdf(data: bytes, language: str) -> bool:
    """Parse with pypdf when it is there; True when it was, CheckFailed when the PDF is wrong."""
    try:
        import io

        from pypdf import PdfReader
    except ImportError:
        return False
    try:
        reader = PdfReader(io.BytesIO(data))
        pages = list(reader.pages)
        text = "".join(page.extract_text() or "" for page in pages)
        fonts = set()
        for page in pages:
            resources = _resolved(page.get("/Resources"))
            for font in _resolved(resources.get("/Font")).values():
                fonts.add(str(_resolved(font).get("/BaseFont", "")))
    except Exception as error:  # noqa: BLE001 - pypdf has many error types for a broken file
        raise CheckFailed(_("PDF-plan ({language}): pypdf kan het bestand niet lezen ({error})").format(
            language=language, error=isolate(error))) from error
    if not pages:
        raise CheckFailed(_("PDF-plan ({language}): het bestand heeft geen pagina's").format(
            language=language))
    # Either the text reads back in the script, or a font of that script is embedded.
    if not _in_script(text, language) and not any(
            name in font for font in fonts for name in _SCRIPT_FONT_NAMES[language]):
        raise CheckFailed(_("PDF-plan ({language}): er staat geen tekst in het eigen schrift in").format(
            language=language))
    return True


def check_pdf() -> str:
    try:
        from intake_desktop.printing.sample import sample_plan_pdf
    except ImportError as error:
        raise CheckFailed(_("PDF-plan: de afdrukmodule ontbreekt ({error})").format(
            error=isolate(error))) from error
    sizes, parsed = [], True
    for language in PDF_LANGUAGES:
        data = sample_plan_pdf(language)
        if not isinstance(data, bytes) or not data.startswith(b"%PDF-"):
            raise CheckFailed(_("PDF-plan ({language}): het resultaat is geen PDF").format(
                language=language))
        if not _PDF_SIZE_RANGE[0] <= len(data) <= _PDF_SIZE_RANGE[1]:
            raise CheckFailed(_("PDF-plan ({language}): onwaarschijnlijke grootte ({size} bytes)").format(
                language=language, size=len(data)))
        parsed &= _read_pdf(data, language)
        sizes.append(f"{language} {len(data) / 1024:.0f} kB")
    if parsed:
        return _("PDF-plan: in het Arabisch en het Tigrinya gemaakt en gelezen ({sizes})").format(
            sizes=", ".join(sizes))
    return _("PDF-plan: in het Arabisch en het Tigrinya gemaakt; alleen begin en grootte "
             "gecontroleerd ({sizes})").format(sizes=", ".join(sizes))


# -- the credential store ------------------------------------------------------------------------


def check_keyring() -> str:
    """The backend for this platform's credential store is in the installation.

    keyring finds its backends through package metadata; a bundle without it
    (or without the backend's own dependency) silently falls back to "no secure
    store" and the app would ask for a passphrase. Only modules are loaded
    here: no backend is asked for, or given, any secret.
    """
    import importlib
    from importlib.metadata import entry_points

    native = _NATIVE_KEYRING.get(sys.platform)
    if native is None:
        return _("Sleutelopslag: geen eigen onderdeel nodig op dit platform")
    name, store, dependency = native
    found = {entry.name: entry for entry in entry_points(group="keyring.backends")}
    if name not in found:
        raise CheckFailed(_("Sleutelopslag: onderdeel voor {store} ontbreekt").format(store=store))
    try:
        found[name].load()
        importlib.import_module(dependency)
    except ImportError as error:
        raise CheckFailed(_("Sleutelopslag: onderdeel voor {store} ontbreekt ({error})").format(
            store=store, error=isolate(error))) from error
    return _("Sleutelopslag: onderdeel voor {store} aanwezig").format(store=store)


CHECKS = (
    Check(N_("Versleutelde database"), check_database),
    Check(N_("Vragenlijst"), check_questionnaire),
    Check(N_("Datums en getallen"), check_formatting),
    Check(N_("Lettertypen"), check_fonts),
    Check(N_("PDF-plan"), check_pdf),
    Check(N_("Sleutelopslag"), check_keyring),
)


def run_checks(checks: Iterable[Check] = CHECKS) -> list[CheckResult]:
    return [run_check(check) for check in checks]
