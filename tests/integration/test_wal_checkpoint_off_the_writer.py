"""SQLite's WAL checkpoint is never paid inside a commit (issue 16, items 1 and 4: "the
write transaction does only set-based inserts and the appliers' own rows"; "the 100th
answer costs what the 99th does"): every connection of the store -- the link's writer's
among them -- has the automatic checkpoint off, and the store's own checkpoint thread, on a
connection of its own, copies the WAL into the database file."""

from __future__ import annotations

import hashlib
import time

from app.core.actor import system_actor
from app.store import engine
from app.store import models
from app.store.unit import ServiceContext


def _digest(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _write_big(store, key: str) -> None:
    """One transaction of well over 1000 pages (SQLite's automatic checkpoint mark)."""
    ctx = ServiceContext(store, system_actor(store.machine))
    with ctx.unit_of_work() as uow:
        uow.session.add(models.Setting(key=key, value="x" * (6 * 1024 * 1024)))
        uow.journal("test.big_write", key, {})


def test_the_writers_connections_never_checkpoint(site):
    store = site.store
    with store.write() as s:
        assert engine.driver(s).execute("PRAGMA wal_autocheckpoint").fetchone()[0] == 0
    with store.read() as s:
        assert engine.driver(s).execute("PRAGMA wal_autocheckpoint").fetchone()[0] == 0


def test_a_commit_leaves_the_database_file_alone_and_the_checkpoint_thread_moves_the_wal(site):
    store = site.store
    store.checkpointer.stop()  # nobody checkpoints now: what a commit does shows in site.db
    time.sleep(0.1)
    before = _digest(store.db_path)
    _write_big(store, "big-1")
    assert _digest(store.db_path) == before  # the commit did not copy its 1500 pages into site.db
    assert (store.db_path.parent / (store.db_path.name + "-wal")).stat().st_size > 4 * 1024 * 1024

    store.checkpointer = engine.Checkpointer(store.db_path, store.keys, every_s=0.05)
    deadline = time.monotonic() + 30
    while _digest(store.db_path) == before and time.monotonic() < deadline:
        time.sleep(0.05)
    assert _digest(store.db_path) != before  # the background thread copied the WAL in
    assert store.checkpointer.runs >= 1
    with store.read() as s:
        assert len(s.get(models.Setting, "big-1").value) == 6 * 1024 * 1024
