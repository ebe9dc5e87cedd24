"""Entry script of the frozen app (PyInstaller needs a file, not a module name).

Kept outside the package so the analysis starts from the same import the
``intake-desktop`` console script uses, with nothing on the path beside it.
"""

import sys

from intake_desktop.app import main

sys.exit(main())
