"""Build Intake Desktop for the machine it runs on, in one command.

    python installer/build.py [--distpath DIR] [--workpath DIR] [--clean]

1. compiles the gettext catalogues (.po -> .mo) and says which messages lack a translation;
2. runs PyInstaller with installer/intake-desktop.spec: DIST/intake-desktop/;
3. on Linux packs that folder with a .desktop file, the icon and INSTALL.txt into
   DIST/intake-desktop-<version>-linux-<machine>.tar.gz;
4. on Windows runs Inno Setup's ISCC (if installed) on installer/intake-desktop.iss:
   DIST/intake-desktop-<version>-setup.exe.

It prints the bundle size and the build time. Run it with the Python of a
virtual environment that has the app and the test extra installed
(``pip install -e ".[test]"``: that brings PyInstaller).
"""

from __future__ import annotations

import argparse
import os
import platform
import re
import shutil
import string
import subprocess
import sys
import tarfile
import time
from pathlib import Path

INSTALLER_DIR = Path(__file__).resolve().parent
ROOT = INSTALLER_DIR.parent
SPEC = INSTALLER_DIR / "intake-desktop.spec"
ISS = INSTALLER_DIR / "intake-desktop.iss"
APP = "intake-desktop"


def version() -> str:
    """intake_desktop.__version__, read without importing (pyproject.toml takes it from there too)."""
    text = (ROOT / "intake_desktop" / "__init__.py").read_text(encoding="utf-8")
    return re.search(r'^__version__ = "([^"]+)"', text, re.MULTILINE).group(1)


def numeric_version(text: str) -> str:
    """Four numbers for Windows file properties: "0.1.0" -> "0.1.0.0"."""
    numbers = re.match(r"\d+(\.\d+)*", text).group(0).split(".")
    return ".".join((numbers + ["0"] * 4)[:4])


def compile_catalogues() -> None:
    sys.path.insert(0, str(ROOT))
    from intake_desktop.i18n import catalogues

    for path in catalogues.compile_all():
        print(f"  {path.relative_to(ROOT)}")
    for language, (total, missing, fuzzy) in catalogues.gaps().items():
        if missing or fuzzy:
            # Not fatal: untranslated messages show in Dutch. The test suite is where they must be zero.
            print(f"  warning: {language}: {missing} of {total} messages untranslated, {fuzzy} fuzzy")


def run_pyinstaller(distpath: Path, workpath: Path, clean: bool) -> None:
    command = [sys.executable, "-m", "PyInstaller", str(SPEC), "--noconfirm", "--log-level", "WARN",
               "--distpath", str(distpath), "--workpath", str(workpath)]
    if clean:
        command.append("--clean")
    subprocess.run(command, cwd=ROOT, check=True)


def folder_size(folder: Path) -> tuple[int, int]:
    files = [p for p in folder.rglob("*") if p.is_file() and not p.is_symlink()]
    return sum(p.stat().st_size for p in files), len(files)


def linux_archive(bundle: Path, distpath: Path, app_version: str) -> Path:
    """A tar.gz that unpacks to intake-desktop/ (install note inside)."""
    archive = distpath / f"{APP}-{app_version}-linux-{platform.machine()}.tar.gz"
    # The bundle carries libraries of the build machine, so its glibc is the minimum.
    values = {"version": app_version, "archive": archive.name, "glibc": platform.libc_ver()[1] or "?"}
    extras = {
        f"{APP}.desktop": (INSTALLER_DIR / "linux" / f"{APP}.desktop").read_text(encoding="utf-8"),
        "INSTALL.txt": string.Template(
            (INSTALLER_DIR / "linux" / "INSTALL.txt").read_text(encoding="utf-8")).substitute(values),
    }

    def owned_by_root(info: tarfile.TarInfo) -> tarfile.TarInfo:
        # Unpacked with sudo into /opt, files should not belong to the builder's user id.
        info.uid = info.gid = 0
        info.uname = info.gname = "root"
        return info

    staging = distpath / f".{APP}-extras"
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir(parents=True)
    try:
        for name, text in extras.items():
            (staging / name).write_text(text, encoding="utf-8")
        shutil.copy2(ROOT / "resources" / "icons" / f"{APP}.png", staging / f"{APP}.png")
        with tarfile.open(archive, "w:gz", compresslevel=6) as tar:
            tar.add(bundle, arcname=APP, filter=owned_by_root)
            for path in sorted(staging.iterdir()):
                tar.add(path, arcname=f"{APP}/{path.name}", filter=owned_by_root)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return archive


def find_iscc() -> str | None:
    candidates = [shutil.which("ISCC"), shutil.which("iscc")]
    for variable in ("ProgramFiles(x86)", "ProgramFiles", "LOCALAPPDATA"):
        base = os.environ.get(variable)
        if base:
            candidates += [str(Path(base) / "Inno Setup 6" / "ISCC.exe"),
                           str(Path(base) / "Programs" / "Inno Setup 6" / "ISCC.exe")]
    return next((c for c in candidates if c and Path(c).is_file()), None)


def windows_installer(bundle: Path, distpath: Path, app_version: str) -> Path | None:
    iscc = find_iscc()
    if iscc is None:
        print("Inno Setup (ISCC.exe) not found: no setup.exe made. Install it with "
              "'winget install JRSoftware.InnoSetup' and run this again.")
        return None
    subprocess.run([iscc, "/Q", f"/DAppVersion={app_version}",
                    f"/DAppNumericVersion={numeric_version(app_version)}",
                    f"/DSourceDir={bundle}", f"/O{distpath}", str(ISS)], cwd=INSTALLER_DIR, check=True)
    return distpath / f"{APP}-{app_version}-setup.exe"


def megabytes(size: int) -> str:
    return f"{size / 1_000_000:.1f} MB"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--distpath", type=Path, default=ROOT / "dist", help="where the result goes")
    parser.add_argument("--workpath", type=Path, default=ROOT / "build" / "pyinstaller",
                        help="PyInstaller's scratch folder")
    parser.add_argument("--clean", action="store_true", help="empty PyInstaller's cache first")
    parser.add_argument("--no-package", action="store_true",
                        help="only the folder: no Linux archive, no Windows installer")
    args = parser.parse_args(argv)
    distpath, workpath = args.distpath.resolve(), args.workpath.resolve()
    app_version = version()
    started = time.perf_counter()

    print(f"Intake Desktop {app_version}: compiling catalogues")
    compile_catalogues()
    print("Running PyInstaller (a minute or two)")
    pyinstaller_started = time.perf_counter()
    try:
        run_pyinstaller(distpath, workpath, args.clean)
    except subprocess.CalledProcessError as error:
        print(f"PyInstaller stopped with exit status {error.returncode}: see its messages above.",
              file=sys.stderr)
        return 1
    pyinstaller_seconds = time.perf_counter() - pyinstaller_started
    bundle = distpath / APP
    size, count = folder_size(bundle)

    package = None
    if not args.no_package:
        if sys.platform.startswith("linux"):
            package = linux_archive(bundle, distpath, app_version)
        elif sys.platform == "win32":
            package = windows_installer(bundle, distpath, app_version)

    print(f"bundle:  {bundle} ({megabytes(size)} in {count} files)")
    if package is not None and package.exists():
        print(f"package: {package} ({megabytes(package.stat().st_size)})")
    print(f"time:    {pyinstaller_seconds:.0f} s PyInstaller, {time.perf_counter() - started:.0f} s in all")
    return 0


if __name__ == "__main__":
    sys.exit(main())
