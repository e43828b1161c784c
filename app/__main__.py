"""`python -m app` opens the GUI; `python -m app COMMAND ...` runs the same CLI as `examsite`."""

import sys

from app.cli import main


def _entry() -> int:
    args = sys.argv[1:]
    if not args or args[0].startswith("--site"):
        return main(["gui", *args])
    return main(args)


if __name__ == "__main__":
    sys.exit(_entry())
