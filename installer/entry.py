"""Entry point of the frozen program: the GUI with no arguments, the CLI otherwise."""

import multiprocessing
import sys

from app.__main__ import _entry

if __name__ == "__main__":
    multiprocessing.freeze_support()
    sys.exit(_entry())
