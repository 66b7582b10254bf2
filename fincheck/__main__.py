"""``python -m fincheck``: the command line (fincheck.cli)."""

import sys

from .cli import main

sys.exit(main())
