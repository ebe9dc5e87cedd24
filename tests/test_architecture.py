"""The core never imports Qt or the UI layer: data flows resources -> core -> ui."""

import ast
from pathlib import Path

import intake_desktop

PACKAGE = Path(intake_desktop.__file__).resolve().parent
FORBIDDEN = ("PySide6", "shiboken6", "PyQt5", "PyQt6", "intake_desktop.ui")
# The command line is the one place above both layers: it starts the GUI.
ENTRY_POINTS = {"app.py", "__main__.py"}


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
            found.update(f"{node.module}.{alias.name}" for alias in node.names)
    return found


def core_files() -> list[Path]:
    return [
        p for p in PACKAGE.rglob("*.py")
        if "ui" not in p.relative_to(PACKAGE).parts
        and p.relative_to(PACKAGE).as_posix() not in ENTRY_POINTS
    ]


def test_core_modules_exist():
    names = {p.relative_to(PACKAGE).as_posix() for p in core_files()}
    assert {"store/models.py", "store/database.py", "startup.py", "i18n/__init__.py"} <= names


def test_core_does_not_import_qt_or_ui():
    offenders = {
        str(path.relative_to(PACKAGE)): sorted(
            m for m in imported_modules(path) if m.startswith(FORBIDDEN)
        )
        for path in core_files()
    }
    assert {k: v for k, v in offenders.items() if v} == {}


def test_the_check_catches_a_qt_import(tmp_path):
    sample = tmp_path / "bad.py"
    sample.write_text("from PySide6.QtCore import QObject\nimport intake_desktop.ui.main_window\n")
    assert {m for m in imported_modules(sample) if m.startswith(FORBIDDEN)} == {
        "PySide6.QtCore", "PySide6.QtCore.QObject", "intake_desktop.ui.main_window"
    }


def test_core_runs_without_qt_loaded():
    import subprocess
    import sys

    code = (
        "import sys, tempfile, pathlib, keyring\n"
        "from support.memory_keyring import MemoryKeyring\n"
        "keyring.set_keyring(MemoryKeyring())\n"
        "from intake_desktop.startup import unlock, open_store\n"
        "from intake_desktop.intake import records\n"
        "d = pathlib.Path(tempfile.mkdtemp())\n"
        "db = open_store(unlock(d))\n"
        "records.list_intakes(db); db.close()\n"
        "print(sorted(m for m in sys.modules if m.startswith(('PySide6', 'intake_desktop.ui'))))\n"
    )
    from support.process import child_env

    out = subprocess.run([sys.executable, "-c", code], env=child_env(), capture_output=True,
                         text=True, timeout=60, check=True)
    assert out.stdout.strip() == "[]"
