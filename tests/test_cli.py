"""The command line answers without opening a window."""

import subprocess
import sys

import pytest
from support.process import child_env

from intake_desktop import __version__, app, paths


def run(*args, **env):
    environment = child_env(**env)
    # No display and no offscreen platform: any attempt at a window would fail.
    environment.pop("QT_QPA_PLATFORM")
    environment.pop("DISPLAY", None)
    environment.pop("WAYLAND_DISPLAY", None)
    return subprocess.run([sys.executable, "-m", "intake_desktop", *args], env=environment,
                          capture_output=True, text=True, timeout=60)


def test_version_without_a_window():
    result = run("--version")
    assert result.returncode == 0
    assert result.stdout.strip() == f"Intake Desktop {__version__}"


@pytest.mark.parametrize("lang, expected", [("nl", "toon deze hulp"), ("en", "show this help")])
def test_help_without_a_window(lang, expected):
    result = run("--help", "--lang", lang)
    assert result.returncode == 0, result.stderr
    assert "--data-dir" in result.stdout and expected in result.stdout


def test_no_qt_loaded_for_version_and_help(capsys):
    code = (
        "import sys\n"
        "from intake_desktop import app\n"
        "try:\n    app.main(['--help'])\nexcept SystemExit:\n    pass\n"
        "print(any(m.startswith('PySide6') for m in sys.modules))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], env=child_env(),
                            capture_output=True, text=True, timeout=60)
    assert result.stdout.strip().endswith("False")


def test_data_dir_precedence(tmp_path, monkeypatch):
    monkeypatch.setenv(paths.DATA_DIR_ENV, str(tmp_path / "from-env"))
    assert paths.resolve_data_dir(None) == tmp_path / "from-env"
    assert paths.resolve_data_dir(str(tmp_path / "cli")) == tmp_path / "cli"
    monkeypatch.delenv(paths.DATA_DIR_ENV)
    import platformdirs

    assert paths.resolve_data_dir(None) == platformdirs.user_data_path(
        "Intake Desktop", appauthor=False, roaming=False)


def test_language_choice_order(tmp_path):
    from intake_desktop.settings import Settings

    Settings(language="ar").save(tmp_path)
    environ = {"LANG": "en_GB.UTF-8"}
    assert app.choose_language(["--lang", "ti"], tmp_path, environ) == "ti"
    assert app.choose_language([], tmp_path, {**environ, "INTAKE_DESKTOP_LANG": "nl"}) == "nl"
    assert app.choose_language([], tmp_path, environ) == "ar"
    assert app.choose_language([], tmp_path / "none", environ) == "en"
    assert app.choose_language([], tmp_path / "none", {"LANG": "de_DE"}) == "nl"


def test_settings_survive_a_damaged_file(tmp_path):
    from intake_desktop.settings import SETTINGS_FILENAME, Settings

    (tmp_path / SETTINGS_FILENAME).write_text("{not json")
    assert Settings.load(tmp_path) == Settings()
    Settings(language="ti").save(tmp_path)
    assert Settings.load(tmp_path).language == "ti"
    assert [p.name for p in tmp_path.iterdir()] == [SETTINGS_FILENAME]
