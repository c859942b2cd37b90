"""``python -m citelint.server``: the language server over stdio."""

import sys

from .app import main

sys.exit(main())
