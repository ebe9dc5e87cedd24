"""Maintaining the gettext catalogues: extract, update, compile, check.

    python -m intake_desktop.i18n.catalogues update    # template + every .po
    python -m intake_desktop.i18n.catalogues compile   # .mo beside each .po
    python -m intake_desktop.i18n.catalogues check     # untranslated / fuzzy counts

Source strings are Dutch; nl.po repeats them so a Dutch editor can reword the
interface without touching code. The build compiles the .mo files (setup.py);
a source checkout compiles on first use (see ``i18n._load``).
"""

from __future__ import annotations

import io
import sys
from pathlib import Path

from intake_desktop.i18n import DOMAIN, LANGUAGES, LOCALE_DIR, SOURCE_LANGUAGE

PROJECT_DIR = Path(__file__).resolve().parents[2]
TEMPLATE = Path(__file__).resolve().parent / f"{DOMAIN}.pot"
KEYWORDS = ["_", "N_", "Nn_:1,2", "ngettext:1,2", "pgettext:1c,2", "npgettext:1c,2,3"]
# CLDR counts 0 as "one" in Tigrinya; Babel's default header says n != 1.
PLURAL_FORMS = {"ti": "nplurals=2; plural=(n > 1);"}


def po_path(language: str) -> Path:
    return LOCALE_DIR / language / "LC_MESSAGES" / f"{DOMAIN}.po"


def extract() -> None:
    from babel.messages.frontend import CommandLineInterface

    args = ["pybabel", "-q", "extract", "-F", str(PROJECT_DIR / "babel.cfg"), "-o", str(TEMPLATE),
            "--no-location", "--sort-output", "--add-comments=Translators:",
            "--project=Intake Desktop", "--copyright-holder=Intake Desktop contributors",
            "--msgid-bugs-address=intake-desktop@localhost"]
    for keyword in KEYWORDS:
        args += ["-k", keyword]
    CommandLineInterface().run([*args, str(PROJECT_DIR)])


def update() -> None:
    """Merge the template into every catalogue, creating missing ones."""
    from babel.messages.catalog import Catalog
    from babel.messages.pofile import read_po, write_po

    extract()
    for language in LANGUAGES:
        # Read afresh per language: Catalog.update shares message objects with the template.
        with TEMPLATE.open("rb") as handle:
            template = read_po(handle)
        path = po_path(language)
        if path.exists():
            with path.open("rb") as handle:
                catalog = read_po(handle, locale=language)
        else:
            catalog = Catalog(
                locale=language, domain=DOMAIN, project="Intake Desktop",
                copyright_holder="Intake Desktop contributors",
                msgid_bugs_address="intake-desktop@localhost",
                last_translator="Intake Desktop contributors",
                language_team=f"{language} <intake-desktop@localhost>",
                fuzzy=False,
            )
        catalog.update(template, no_fuzzy_matching=True)
        catalog.obsolete.clear()
        if language in PLURAL_FORMS:
            catalog._num_plurals, catalog._plural_expr = 2, "(n > 1)"
        if language == SOURCE_LANGUAGE:
            for message in catalog:
                if message.id and not _translated(message):
                    message.string = message.id
                    if isinstance(message.id, tuple):
                        message.string = (message.id[0], message.id[1])
        path.parent.mkdir(parents=True, exist_ok=True)
        buffer = io.BytesIO()
        write_po(buffer, catalog, width=100, sort_output=True, omit_header=False)
        path.write_bytes(buffer.getvalue())


def _translated(message) -> bool:
    return all(message.string) if isinstance(message.string, tuple) else bool(message.string)


def compile_all(target_root: Path = LOCALE_DIR) -> list[Path]:
    from intake_desktop.i18n import _compile_po

    written = []
    for language in LANGUAGES:
        source = po_path(language)
        if not source.exists():
            continue
        target = target_root / language / "LC_MESSAGES" / f"{DOMAIN}.mo"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(_compile_po(source))
        written.append(target)
    return written


def gaps() -> dict[str, tuple[int, int, int]]:
    """language -> (messages, untranslated, fuzzy)."""
    from babel.messages.pofile import read_po

    result = {}
    for language in LANGUAGES:
        with po_path(language).open("rb") as handle:
            catalog = read_po(handle, locale=language)
        ids = [m for m in catalog if m.id]
        result[language] = (
            len(ids),
            sum(not _translated(m) for m in ids),
            sum(m.fuzzy for m in ids),
        )
    return result


def main(argv: list[str]) -> int:
    command = argv[0] if argv else "check"
    if command == "update":
        update()
    elif command == "compile":
        for path in compile_all():
            print(path)
    elif command != "check":
        print(__doc__)
        return 2
    problems = 0
    for language, (total, missing, fuzzy) in gaps().items():
        print(f"{language}: {total} messages, {missing} untranslated, {fuzzy} fuzzy")
        problems += missing + fuzzy
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
