"""`python -m generator` is the same program as `lapak`."""

import sys

from generator.cli import main

sys.exit(main())
