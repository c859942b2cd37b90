"""``python -m citelint``: the ``citelint`` command."""

import sys

from .cli.main import main

sys.exit(main())
