"""The frozen app's entry script (PyInstaller runs it as ``__main__``).

Same command line as ``python -m traitel_desktop``: ``--demo``, ``--screenshots DIR``, ...
"""

import sys

from traitel_desktop.app import main

if __name__ == "__main__":
    sys.exit(main())
