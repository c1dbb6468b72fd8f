"""``python -m generator`` is the ``digest`` command."""
from .cli import main

raise SystemExit(main())
