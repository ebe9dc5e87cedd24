"""The Linux bundle, built for real with installer/build.py and started without Python.

Slow (the build takes a minute or two) but run by default. The frozen program
gets a bare environment: no PYTHONPATH, no test keyring, a fresh HOME, no
display. Prints the bundle size, the build time and start-up times against
running from source, measured in the same run.
"""

from __future__ import annotations

import shutil
import statistics
import subprocess
import sys
import tarfile
import time
from pathlib import Path

import pytest
from support.process import PROJECT_DIR
from test_self_check import CHECK_COUNT, assert_self_check_output

from intake_desktop import __version__, i18n

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not sys.platform.startswith("linux"), reason="builds the Linux bundle"),
]

BUILD_SCRIPT = PROJECT_DIR / "installer" / "build.py"
RUNS = 3


class Build:
    def __init__(self, root: Path, seconds: float, output: str) -> None:
        self.root = root
        self.dist = root / "dist"
        self.bundle = self.dist / "intake-desktop"
        self.program = self.bundle / "intake-desktop"
        self.internal = self.bundle / "_internal"
        self.seconds = seconds
        self.output = output

    @property
    def size(self) -> int:
        return sum(p.stat().st_size for p in self.bundle.rglob("*") if p.is_file() and not p.is_symlink())

    @property
    def archive(self) -> Path:
        [archive] = self.dist.glob(f"intake-desktop-{__version__}-linux-*.tar.gz")
        return archive


@pytest.fixture(scope="module")
def build(tmp_path_factory) -> Build:
    # PyInstaller reads Linux binaries with objdump; the README's test command installs binutils.
    assert shutil.which("objdump"), "PyInstaller needs objdump on Linux: apt-get install binutils"
    root = tmp_path_factory.mktemp("installer")
    started = time.perf_counter()
    command = [sys.executable, str(BUILD_SCRIPT),
               "--distpath", str(root / "dist"), "--workpath", str(root / "work")]
    result = subprocess.run(command, cwd=PROJECT_DIR, capture_output=True, text=True, timeout=900)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-5000:]
    return Build(root, time.perf_counter() - started, result.stdout)


def bare_env(tmp_path: Path, **extra: str) -> dict[str, str]:
    """What a freshly installed program sees: nothing of this test run, nothing of Python."""
    home, temp = tmp_path / "home", tmp_path / "tmp"
    home.mkdir(exist_ok=True)
    temp.mkdir(exist_ok=True)
    return {"PATH": "/usr/bin:/bin", "HOME": str(home), "LANG": "C.UTF-8", "TMPDIR": str(temp),
            "INTAKE_DESKTOP_DATA_DIR": str(tmp_path / "data"), **extra}


def run(command: list[str], env: dict[str, str], timeout: float = 120) -> subprocess.CompletedProcess:
    return subprocess.run(command, env=env, capture_output=True, text=True, timeout=timeout, cwd=env["HOME"])


def test_frozen_version(build, tmp_path):
    result = run([str(build.program), "--version"], bare_env(tmp_path))
    assert result.returncode == 0, result.stderr
    assert result.stdout == f"Intake Desktop {__version__}\n"


def test_frozen_self_check_passes_without_display_and_touches_no_data(build, tmp_path):
    env = bare_env(tmp_path)  # no QT_QPA_PLATFORM and no DISPLAY: the check picks offscreen itself
    result = run([str(build.program), "--self-check"], env)
    print(result.stdout, end="")
    assert result.stderr == ""
    lines = assert_self_check_output(result.stdout, result.returncode)
    assert lines[0].startswith("OK    Versleutelde database: in orde (SQLCipher 4.")
    assert "OK    Sleutelopslag: onderdeel voor Secret Service aanwezig" in lines
    assert not (tmp_path / "data").exists()
    assert list((tmp_path / "tmp").iterdir()) == []
    home = tmp_path / "home"
    assert not (home / ".local" / "share" / "Intake Desktop").exists()
    assert not (home / ".local" / "share" / "python_keyring").exists()


def test_frozen_self_check_in_arabic(build, tmp_path):
    # Arabic output through the frozen program's own stdout: one line per check, no encoding trouble.
    result = run([str(build.program), "--self-check", "--lang", "ar"], bare_env(tmp_path))
    assert result.stderr == ""
    assert len(result.stdout.splitlines()) == CHECK_COUNT
    assert result.returncode in (0, 1)


def test_bundle_holds_what_the_app_opens_as_files(build):
    internal = build.internal
    for language in i18n.LANGUAGES:
        assert (internal / "intake_desktop" / "i18n" / "locales" / language / "LC_MESSAGES"
                / "intake_desktop.mo").is_file()
    assert not list(internal.rglob("*.po"))  # compiled catalogues only
    versions = internal / "intake_desktop" / "store" / "migrations" / "versions"
    source_versions = PROJECT_DIR / "intake_desktop" / "store" / "migrations" / "versions"
    assert {p.name for p in versions.glob("*.py")} == {p.name for p in source_versions.glob("*.py")}
    assert (internal / "intake_desktop" / "store" / "migrations" / "env.py").is_file()
    for folder in ("fonts", "pictograms", "questionnaire", "icons"):
        assert (internal / "resources" / folder).is_dir()
    assert (internal / "LICENSE").is_file() and (internal / "resources" / "fonts" / "OFL.txt").is_file()


def test_bundle_leaves_out_what_is_not_needed(build):
    internal = build.internal
    locale_data = sorted(p.name for p in (internal / "babel" / "locale-data").iterdir())
    assert "root.dat" in locale_data and "ti_ER.dat" in locale_data and len(locale_data) < 20
    qt = internal / "PySide6" / "Qt"
    platforms = {p.name for p in (qt / "plugins" / "platforms").iterdir()}
    assert platforms == {"libqoffscreen.so", "libqxcb.so"}
    translations = {p.name for p in (qt / "translations").iterdir()}
    assert {"qtbase_nl.qm", "qtbase_ar.qm"} <= translations <= {f"qtbase_{x}.qm" for x in i18n.LANGUAGES}
    names = {p.name for p in internal.rglob("*")}
    for unwanted in ("tkinter", "_tkinter", "pytest", "hypothesis", "libqgtk3.so", "libgtk-3.so.0",
                     "libQt6WaylandClient.so.6", "libQt6Network.so.6", "QtWebEngineCore.abi3.so"):
        assert not any(name.startswith(unwanted) for name in names), unwanted


def test_linux_archive(build):
    with tarfile.open(build.archive) as tar:
        members = {m.name: m for m in tar.getmembers()}
        desktop = tar.extractfile("intake-desktop/intake-desktop.desktop").read().decode()
        note = tar.extractfile("intake-desktop/INSTALL.txt").read().decode()
    program = members["intake-desktop/intake-desktop"]
    assert program.mode & 0o111 and program.uid == 0 and program.uname == "root"
    assert "intake-desktop/_internal/resources/fonts/NotoSansEthiopic-Regular.ttf" in members
    assert "intake-desktop/intake-desktop.png" in members
    assert "Exec=/opt/intake-desktop/intake-desktop" in desktop and "Icon=intake-desktop" in desktop
    assert build.archive.name in note and f"Intake Desktop {__version__}" in note and "$" not in note
    assert all(name.startswith("intake-desktop/") or name == "intake-desktop" for name in members)


def timed(command: list[str], env: dict[str, str], until_line: str | None = None) -> float:
    """Seconds from start to exit, or to the first line equal to until_line."""
    started = time.perf_counter()
    process = subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                               text=True, cwd=env["HOME"])
    if until_line is not None:
        line = process.stdout.readline().strip()
        elapsed = time.perf_counter() - started
        process.wait(timeout=60)
        assert line == until_line, f"{command} printed {line!r}"
        return elapsed
    process.communicate(timeout=120)
    return time.perf_counter() - started


def test_size_and_start_up_against_source(build, tmp_path, capsys):
    frozen_env = bare_env(tmp_path, QT_QPA_PLATFORM="offscreen")
    source_env = {**frozen_env, "PYTHONPATH": str(PROJECT_DIR)}
    frozen = [str(build.program)]
    source = [sys.executable, "-m", "intake_desktop"]
    window = {"INTAKE_DESKTOP_STARTUP_PROBE": "1"}
    figures = {}
    for label, command, env in (("frozen", frozen, frozen_env), ("source", source, source_env)):
        first = timed([*command, "--self-check"], env)
        checks = [timed([*command, "--self-check"], env) for _ in range(RUNS)]
        windows = [timed([*command, "--lang", "nl"], {**env, **window}, until_line="shown")
                   for _ in range(RUNS + 1)]
        versions = [timed([*command, "--version"], env) for _ in range(RUNS)]
        figures[label] = (first, statistics.median(checks), statistics.median(windows[1:]),
                          statistics.median(versions))
    with capsys.disabled():
        print(f"\n  bundle: {build.size / 1_000_000:.1f} MB in {build.bundle}; "
              f"archive {build.archive.stat().st_size / 1_000_000:.1f} MB; build {build.seconds:.0f} s")
        print(f"  {'':8}{'first --self-check':>20}{'--self-check':>14}{'first window':>14}{'--version':>11}"
              f"   (medians of {RUNS})")
        for label, (first, check, shown, version) in figures.items():
            print(f"  {label:8}{first:>19.2f}s{check:>13.2f}s{shown:>13.2f}s{version:>10.2f}s")
    for _first, check, shown, version in figures.values():
        assert 0 < shown < 20 and 0 < check < 60 and 0 < version < 20
