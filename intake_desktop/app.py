"""Command line first, window second.

``--version``, ``--help`` and ``--check`` answer without loading Qt. The GUI
shows its first window before the heavy imports (SQLAlchemy, Alembic), which
happen while the database is opened.
"""

from __future__ import annotations

import argparse
import os
import sys

from intake_desktop import __version__, i18n
from intake_desktop.i18n import _, isolate

LANGUAGE_ENV = "INTAKE_DESKTOP_LANG"


def _early_language(argv: list[str]) -> str | None:
    """The --lang value, read before the parser exists so --help is already translated."""
    for index, arg in enumerate(argv):
        if arg == "--lang" and index + 1 < len(argv):
            return i18n.normalize_language(argv[index + 1])
        if arg.startswith("--lang="):
            return i18n.normalize_language(arg.split("=", 1)[1])
    return None


def choose_language(argv: list[str], data_dir=None, environ=os.environ) -> str:
    """Command line, environment, the saved choice, the system, then Dutch."""
    from_settings = None
    if data_dir is not None:
        from intake_desktop.settings import Settings

        from_settings = i18n.normalize_language(Settings.load(data_dir).language)
    return (
        _early_language(argv)
        or i18n.normalize_language(environ.get(LANGUAGE_ENV))
        or from_settings
        or i18n.system_language(environ)
        or i18n.SOURCE_LANGUAGE
    )


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="intake-desktop",
        description=_(
            "Intake Desktop: de integrale intake met een statushouder, op alle "
            "leefdomeinen, met één gezamenlijk plan van aanpak."
        ),
        add_help=False,
    )
    parser.add_argument("-h", "--help", action="help", help=_("toon deze hulp en stop"))
    parser.add_argument(
        "--version", action="version", version=f"Intake Desktop {__version__}",
        help=_("toon het versienummer en stop"),
    )
    parser.add_argument(
        "--data-dir", metavar=i18n.pgettext("command line: a folder", "MAP"),
        help=_("map met de versleutelde database (ook via INTAKE_DESKTOP_DATA_DIR)"),
    )
    parser.add_argument(
        "--lang", choices=i18n.LANGUAGES, help=_("taal van het programma: nl, en, ar of ti"),
    )
    parser.add_argument(
        "--check", action="store_true",
        help=_("open de database zonder venster, controleer hem en stop"),
    )
    parser.add_argument(
        "--demo", action="store_true",
        help=_("open een aparte demo met verzonnen personen; echte gegevens blijven onaangeroerd"),
    )
    parser.add_argument(
        "--self-check", action="store_true",
        help=_("controleer zonder venster of deze installatie werkt (database, vragenlijst, "
               "lettertypen, PDF, Qt) en stop; raakt de eigen gegevens niet aan"),
    )
    return parser


def run_check(data_dir) -> int:
    """Open and verify the database without a window; messages go to stdout/stderr."""
    from intake_desktop.errors import Problem, StartupError
    from intake_desktop.startup import database_path, keyinfo_path, open_store

    try:
        if not database_path(data_dir).exists() and not keyinfo_path(data_dir).exists():
            raise StartupError(Problem.NO_DATABASE, data_dir)
        database = open_store(_check_unlock(data_dir))
    except StartupError as error:
        print(error.message(), file=sys.stderr)
        return error.exit_code
    except SignInRefused as error:
        from intake_desktop.errors import EXIT_CODES

        print(error.message(), file=sys.stderr)
        return EXIT_CODES[Problem.WRONG_KEY]
    try:
        from intake_desktop.intake.records import list_intakes

        count = len(list_intakes(database))
        version = database.cipher_version()
    finally:
        database.close()
    print(
        i18n.ngettext(
            "De database in {folder} is in orde: {count} intake, SQLCipher {version}.",
            "De database in {folder} is in orde: {count} intakes, SQLCipher {version}.",
            count,
        ).format(folder=isolate(data_dir), count=count, version=version)
    )
    return 0


class SignInRefused(Exception):
    def message(self) -> str:
        return str(self)


def _check_unlock(data_dir):
    """The key for --check: a staff sign-in at the terminal once accounts exist."""
    from intake_desktop.errors import Problem, StartupError
    from intake_desktop.security.key_slots import KeySlotError, KeySlots
    from intake_desktop.startup import sign_in, unlock

    if not KeySlots.exists(data_dir):
        return unlock(data_dir)
    if not sys.stdin.isatty():
        raise StartupError(Problem.PASSPHRASE_NEEDED, data_dir, "sign-in needed")
    import getpass

    username = input(_("Gebruikersnaam: "))
    password = getpass.getpass(_("Wachtwoord: "))
    try:
        return sign_in(data_dir, username, password)
    except KeySlotError as error:
        # The slot's own words (wrong password, wait a while), not the key-store text.
        raise SignInRefused(error.message()) from error


def run_self_check() -> int:
    """One line per check on stdout; exit status 0 only if all passed."""
    from intake_desktop import self_check

    from intake_desktop.ui.qt_check import run_qt_checks

    return self_check.report([*self_check.run_checks(), *run_qt_checks()])


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    from intake_desktop.paths import resolve_data_dir

    # The data folder must be known to read the saved language; parse it leniently first.
    pre = argparse.ArgumentParser(add_help=False)
    pre.add_argument("--data-dir")
    known, _rest = pre.parse_known_args(argv)
    data_dir = resolve_data_dir(known.data_dir)
    i18n.set_language(choose_language(argv, data_dir))

    args = build_parser().parse_args(argv)
    if args.self_check:
        return run_self_check()
    if args.check:
        return run_check(data_dir)

    from intake_desktop.ui.application import run_gui

    return run_gui(data_dir=data_dir, language=i18n.current_language(), demo=args.demo)
