"""``python -m generator`` is the ``digest`` command; ``run`` is also the ``digest`` executable (pyproject.toml)."""
import sys


def run() -> None:
    """``cli.run``, loaded here so that a Ctrl-C while Python loads the command says "interrupted" and exits 130,
    as one later does (``cli.main``), not a traceback of whichever import it stopped."""
    try:
        from generator.commands.cli import run as command
    except KeyboardInterrupt:
        sys.stderr.write("interrupted\n")
        raise SystemExit(130) from None
    command()


if __name__ == "__main__":
    run()
