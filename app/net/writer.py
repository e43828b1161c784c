"""The link's group commit, and the process it can run in.

``GroupCommitter.commit`` writes one group of pushes in one transaction: the records were
verified and decrypted before (``ingest.open_all``, in the request threads), so the write
lock is held only for set-based inserts and the appliers' own rows.  A group that fails is
retried push by push, so one bad push never fails the others.

``WriterProcess`` runs the committer in a process of its own.  Why: in the link's process
dozens of request threads (TLS, signatures, JSON) are runnable at once, and a writer thread
gives the GIL up on every SQLite call and must win it back each time -- under load that
turned a 20 ms group into seconds of write lock, and a proctor's login waited out the busy
timeout behind it.  A writer with a process to itself has no one to lose the GIL to.  The
link process hands it each group over a pipe (records as objects, a few kB) and gets the
results back; the store is shared through SQLCipher's WAL as everywhere else.
"""

from __future__ import annotations

import multiprocessing
import threading
import time

from app.core import records as rec
from app.core.actor import system_actor
from app.net import ingest
from app.store.engine import driver
from app.store.unit import ServiceContext, UnitOfWork

Push = tuple[str, list]  # (machine_id, [(Envelope, Record), ...]) as opened by ingest.open_all


class GroupCommitter:
    def __init__(self, store, clock, appliers: ingest.Appliers):
        self.store, self.clock, self.appliers = store, clock, appliers
        self.registry = ingest.Registry(store).load_all()

    def warm(self) -> None:
        """Read what every group touches (the journal's tail, the machines, the records'
        index) once before the room's first push, so the first group under the write lock
        does not decrypt cold pages and build its statements."""
        with self.store.read() as s:
            conn = driver(s)
            conn.execute("SELECT seq, hash FROM journal ORDER BY seq DESC LIMIT 1").fetchall()
            conn.execute("SELECT machine_id, contiguous_seq FROM machine").fetchall()
            conn.execute("SELECT machine_id, max(seq) FROM received_record GROUP BY machine_id").fetchall()

    def _ctx(self, machine_id: str) -> ServiceContext:
        keys = self.registry.get(machine_id)
        return ServiceContext(self.store, ingest.machine_actor(machine_id, keys.name if keys else ""), self.clock)

    def commit(self, pushes: list[Push]) -> tuple[list, list[tuple[float, int, str]]]:
        """Results (``ApplyResult`` or the exception) per push, and (hold seconds, size, the
        group's record kinds) per transaction that committed."""
        try:
            ctx = ServiceContext(self.store, system_actor(self.store.machine), self.clock)
            with ctx.unit_of_work() as uow:
                now = ctx.now()
                uow.session.connection()  # BEGIN IMMEDIATE: the hold runs from the grant
                granted = time.perf_counter()
                results = ingest.apply_group(uow.session, [(UnitOfWork(uow.session, self._ctx(mid)), opened)
                                                           for mid, opened in pushes], "lan", now, self.appliers)
            kinds = ",".join(sorted({env.header.kind for _, opened in pushes for env, _ in opened}))
            return list(results), [(time.perf_counter() - granted, len(pushes), kinds)]
        except Exception as exc:  # noqa: BLE001 - one bad push must not fail the others
            if len(pushes) == 1:
                return [exc], []
            out, holds = [], []
            for p in pushes:
                r, h = self.commit([p])
                out += r
                holds += h
            return out, holds


def _portable(exc: BaseException) -> Exception:
    """An exception that survives the pipe (a refused record stays a refusal)."""
    if isinstance(exc, rec.RecordRejected):
        return rec.RecordRejected(str(exc))
    return RuntimeError(f"{type(exc).__name__}: {exc}")


def _serve(conn, site_dir: str, db_key: bytes, file_key: bytes, machine: str, clock, appliers: dict) -> None:
    from app.store.engine import open_store_keys
    from app.store.keys import SiteKeys

    store = open_store_keys(site_dir, SiteKeys(db_key, file_key), machine)
    committer = GroupCommitter(store, clock, appliers)
    committer.warm()
    conn.send("ready")
    try:
        while True:
            try:
                pushes = conn.recv()
            except EOFError:  # the link process is gone
                break
            if pushes is None:
                break
            results, holds = committer.commit(pushes)
            conn.send(([r if isinstance(r, ingest.ApplyResult) else _portable(r) for r in results], holds))
    finally:
        store.close()


class WriterProcess:
    """``commit(pushes)`` done by a child process (one group at a time, in order)."""

    def __init__(self, store, clock, appliers: ingest.Appliers):
        ctx = multiprocessing.get_context("spawn")
        self._conn, child = ctx.Pipe()
        self._lock = threading.Lock()
        self.process = ctx.Process(target=_serve, name="site-link-writer", daemon=True,
                                   args=(child, str(store.site_dir), store.keys.db_key, store.keys.file_key,
                                         store.machine, clock, dict(appliers)))
        self.process.start()
        child.close()
        if not self._conn.poll(120) or self._conn.recv() != "ready":
            raise RuntimeError("the link's writer process did not start")

    def commit(self, pushes: list[Push]) -> tuple[list, list[tuple[float, int, str]]]:
        with self._lock:
            self._conn.send(pushes)
            return self._conn.recv()

    def close(self) -> None:
        with self._lock:
            try:
                self._conn.send(None)
            except OSError:
                pass
        self.process.join(15)
        if self.process.is_alive():
            self.process.kill()
        self._conn.close()
