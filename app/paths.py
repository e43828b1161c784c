"""Where the program's own files are, from a source tree or a frozen build."""

from __future__ import annotations

import sys
from pathlib import Path


def root() -> Path:
    frozen = getattr(sys, "_MEIPASS", None)
    if frozen:
        return Path(frozen)
    return Path(__file__).resolve().parent.parent


def resources() -> Path:
    return root() / "resources"


def migrations() -> Path:
    return root() / "db"


def cjk_font() -> Path:
    return resources() / "fonts" / "wqy-microhei.ttc"
