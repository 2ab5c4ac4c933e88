"""`python -m generator` is the same program as `lapak`."""
import sys

from .cli import main

sys.exit(main())
