"""Helpers for the power-cut tests: a site folder on a LazyFS mount, cut and mounted again."""

from __future__ import annotations

import hashlib
import os
import shutil
import time
from pathlib import Path

import pytest

from tests.robustness.lazyfs import LazyMount, available

ROOT = Path(__file__).resolve().parents[2]


def require_fuse() -> None:
    why = available()
    if why == "no /dev/fuse":
        pytest.skip("this machine has no /dev/fuse: the power-cut tests need FUSE")
    assert why is None, f"power-cut tests cannot run: {why} (bash scripts/bootstrap.sh --test installs it)"


def sync_tree(path: Path) -> None:
    """Make a folder durable as it is (the backing folder starts from what was on disk)."""
    for dirpath, _, files in os.walk(path):
        for name in files:
            fd = os.open(os.path.join(dirpath, name), os.O_RDONLY)
            try:
                os.fsync(fd)
            finally:
                os.close(fd)


def sha256(path: Path) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


class PoweredFolder:
    """A folder whose power can be cut: ``path`` is where programs use it."""

    def __init__(self, tmp_path: Path, name: str, source: Path | None = None):
        self.backing = tmp_path / f"{name}-disk"
        self.path = tmp_path / f"{name}-mnt"
        if source is not None:
            shutil.copytree(source, self.backing)
            sync_tree(self.backing)
        else:
            self.backing.mkdir()
        self.mount = LazyMount(self.backing, self.path).start()
        self.cuts = 0
        self.lost: list[list[str]] = []  # per cut, the files whose unsynced data it dropped

    def cut(self) -> None:
        """The power goes: what was not fsynced is gone (``boot`` brings the folder back)."""
        self.lost.append(self.mount.cut())
        self.cuts += 1

    def cut_in_flight(self, within: float = 0.5) -> None:
        """Cut the power while a write is in flight: wait (up to ``within`` seconds) until the disk
        holds data not yet synced, then cut (at the deadline, cut anyway)."""
        deadline = time.monotonic() + within
        while time.monotonic() < deadline and not self.mount.pending():
            pass
        self.cut()

    def boot(self) -> None:
        self.mount.stop()
        self.mount = LazyMount(self.backing, self.path).start()

    def command(self, text: str) -> str:
        return self.mount.command(text)

    def close(self) -> None:
        self.mount.stop()
