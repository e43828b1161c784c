"""Export staging that never leaves candidates' data readable on disk.

An export gathers its payload from providers that write files into a folder.  Staging
lives in the site folder (``<site>/staging/``, never the shared temp folder), and as soon
as a provider returns, every file it wrote is sealed with the site file key (AES-256-GCM,
the staging name and the file's path as associated data) and the plain file removed; the
bag is then hashed and zipped from the sealed files, decrypting one file at a time in
memory.  A process killed mid-export leaves at most the plain output of the provider that
was running, inside the site folder; ``clean_stale`` (called when the site is opened)
removes every staging folder left behind.
"""

from __future__ import annotations

import os
import shutil
import threading
import time
from pathlib import Path

from cryptography.hazmat.primitives.ciphers.aead import AESGCM

STAGING_DIR = "staging"
SEALED_SUFFIX = ".sealed"


def staging_root(site_dir: Path | str) -> Path:
    return Path(site_dir) / STAGING_DIR


HEARTBEAT_SECONDS = 2.0
STALE_SECONDS = float(os.environ.get("EXAMSITE_STAGING_STALE_SECONDS", "30"))


def live_staging(site_dir: Path | str, stale_after: float | None = None) -> set[str]:
    """Names of staging folders whose export is still running here or in another process
    (its heartbeat file touched within ``stale_after`` seconds)."""
    root = staging_root(site_dir)
    stale_after = STALE_SECONDS if stale_after is None else stale_after
    live = set()
    if root.is_dir():
        for entry in root.iterdir():
            try:
                if time.time() - (entry / "alive").stat().st_mtime < stale_after:
                    live.add(entry.name)
            except OSError:
                continue
    return live


def clean_stale(site_dir: Path | str, stale_after: float | None = None) -> list[str]:
    """Remove every staging folder left by a killed export (no heartbeat for ``stale_after``
    seconds); the names removed."""
    root = staging_root(site_dir)
    if not root.is_dir():
        return []
    live = live_staging(site_dir, stale_after)
    removed = []
    for entry in sorted(root.iterdir()):
        if entry.name in live:
            continue
        shutil.rmtree(entry, ignore_errors=True) if entry.is_dir() else entry.unlink(missing_ok=True)
        removed.append(entry.name)
    return removed


class SealedStaging:
    """``work`` is the ``data/`` folder a provider writes into; ``seal()`` after each provider."""

    def __init__(self, site_dir: Path | str, name: str, key: bytes):
        self.name = name
        self.root = staging_root(site_dir) / name
        self.work = self.root / "work" / "data"
        self.sealed = self.root / "sealed"
        self._aead = AESGCM(key)
        self._index: dict[str, Path] = {}  # "data/..." -> sealed file
        self._stop = threading.Event()
        self._beat: threading.Thread | None = None

    def __enter__(self) -> "SealedStaging":
        self.close()
        self.work.mkdir(parents=True)
        self.sealed.mkdir(parents=True)
        for folder in (self.root.parent, self.root):
            try:
                os.chmod(folder, 0o700)
            except OSError:  # best effort: permissions differ by platform; the content is sealed anyway
                pass
        (self.root / "alive").touch()
        self._stop.clear()
        self._beat = threading.Thread(target=self._heartbeat, name="staging-heartbeat", daemon=True)
        self._beat.start()
        return self

    def _heartbeat(self) -> None:
        """Another process opening the site tells a running export from a killed one by this file."""
        while not self._stop.wait(HEARTBEAT_SECONDS):
            try:
                (self.root / "alive").touch()
            except OSError:
                return

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        self._stop.set()
        if self._beat is not None:
            self._beat.join()
            self._beat = None
        shutil.rmtree(self.root, ignore_errors=True)

    def _aad(self, rel: str) -> bytes:
        return f"examsite-staging|{self.name}|{rel}".encode()

    def plain_files(self) -> list[str]:
        from app.formats.bundle import payload_files

        return payload_files(self.work)

    def seal(self) -> list[str]:
        """Encrypt every plain file now in ``work`` and remove it; the paths sealed."""
        done = []
        for rel in self.plain_files():
            plain = self.work.parent / rel
            data = plain.read_bytes()
            nonce = os.urandom(12)
            target = self.sealed / f"{len(self._index):06d}{SEALED_SUFFIX}"
            target.write_bytes(nonce + self._aead.encrypt(nonce, data, self._aad(rel)))
            plain.unlink()
            self._index[rel] = target
            done.append(rel)
        for folder in sorted((p for p in self.work.rglob("*") if p.is_dir()), key=lambda p: -len(p.parts)):
            folder.rmdir()
        return done

    def files(self) -> list[str]:
        return sorted(self._index)

    def read(self, rel: str) -> bytes:
        blob = self._index[rel].read_bytes()
        return self._aead.decrypt(blob[:12], blob[12:], self._aad(rel))
