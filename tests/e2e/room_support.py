"""Starting a site master as its own process, for the room end-to-end tests."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def process_env(passphrase: str, terminal_passphrase: str) -> dict:
    return {**os.environ, "PYTHONPATH": str(ROOT), "EXAMSITE_PASSPHRASE": passphrase,
            "EXAMSITE_TERMINAL_PASSPHRASE": terminal_passphrase, "QT_QPA_PLATFORM": "offscreen"}


def start_master(site_dir, port: int, env: dict) -> subprocess.Popen:
    """`examsite link serve` on loopback; returns once it prints READY."""
    p = subprocess.Popen([sys.executable, "-m", "app", "link", "serve", "--site", str(site_dir), "--host",
                          "127.0.0.1", "--port", str(port)], env=env, cwd=ROOT, stdout=subprocess.PIPE,
                         stderr=subprocess.DEVNULL, text=True)
    line = p.stdout.readline()
    assert line.startswith("READY"), line
    return p
