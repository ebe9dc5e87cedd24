"""Only what pyproject.toml cannot say: resources/ and the compiled catalogues.

resources/ stays at the top of the repository (fonts, pictograms, questionnaire)
but is installed inside the package as intake_desktop/resources, so an
installed copy finds it beside its code. Everything else is in pyproject.toml. A source checkout compiles the
catalogues on first use instead (intake_desktop/i18n/__init__.py).
"""

import io
from pathlib import Path

from setuptools import find_packages, setup
from setuptools.command.build_py import build_py

LOCALES = Path("intake_desktop", "i18n", "locales")


class BuildPyWithCatalogues(build_py):
    def run(self):
        super().run()
        from babel.messages.mofile import write_mo
        from babel.messages.pofile import read_po

        for po_file in sorted(LOCALES.glob("*/LC_MESSAGES/*.po")):
            with po_file.open("rb") as handle:
                catalog = read_po(handle, locale=po_file.parent.parent.name)
            buffer = io.BytesIO()
            write_mo(buffer, catalog, use_fuzzy=False)
            target = Path(self.build_lib) / po_file.with_suffix(".mo")
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(buffer.getvalue())


setup(
    packages=[*find_packages(include=["intake_desktop", "intake_desktop.*"]), "intake_desktop.resources"],
    package_dir={"intake_desktop.resources": "resources"},
    cmdclass={"build_py": BuildPyWithCatalogues},
)
