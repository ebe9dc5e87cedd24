import sys

from intake_desktop.app import main

sys.exit(main())
