"""``python -m generator`` is the ``digest`` command."""
from generator.commands.cli import run

run()
