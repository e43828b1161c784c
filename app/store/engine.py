"""Opening, creating and migrating the encrypted site store.

One ``site.db`` per site folder, SQLCipher 4 with a raw key derived from the site
passphrase (see ``keys``).  WAL, ``synchronous=FULL``, foreign keys on, and
``cipher_integrity_check`` on every open.  Write transactions take the write lock
up front (``BEGIN IMMEDIATE``) so two writers never deadlock half-way.

SQLite's checkpoint (copying the WAL into the database file) is never paid
by a writer: the store's connections do not checkpoint on commit (``wal_autocheckpoint = 0``)
and each open store runs a ``Checkpointer`` thread with a connection of its own, doing a
PASSIVE checkpoint (it never takes the write lock nor waits for readers) every
``CHECKPOINT_EVERY_S``.  Left on, the 1000-page automatic checkpoint ran inside whichever
commit crossed the mark -- an exam answer, or the link's group commit while it held the lock.

A busy store is never a traceback: a writer waits ``WRITE_WAIT_MS`` for the lock, then
backs off and tries again until ``Store.busy_bound_s`` has passed, and then raises
``StoreBusy`` (a ``DomainError`` with one Chinese line); nothing was written.
"""

from __future__ import annotations

import datetime as _dt
import random
import shutil
import socket
import threading
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

import sqlcipher3.dbapi2 as sqlcipher
from sqlalchemy import create_engine, event, select
from sqlalchemy.engine import Engine
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.pool import QueuePool

from app import paths
from app.core.errors import DomainError, StorageFailure
from app.store import keys as keymod
from app.store.keys import DB_FILE, SiteFile, SiteKeys, WrongPassphrase

HEAD_SETTING = "schema_note"

WRITE_WAIT_MS = 2000    # one attempt at the write lock (SQLite's own busy wait)
WRITE_BOUND_S = 20.0    # all attempts together, with back-off between them
CHECKPOINT_EVERY_S = 0.5  # the background WAL checkpoint's period


class StoreCorrupt(Exception):
    pass


class StoreBusy(DomainError):
    """The write lock could not be had within the bound; nothing was written."""

    def __init__(self, waited_s: float):
        super().__init__(f"站点数据库正忙：本次操作已等待 {waited_s:.0f} 秒仍未能写入，未作任何改动，请稍后重试")
        self.waited_s = waited_s


SQLITE_BUSY, SQLITE_LOCKED = 5, 6


def _is_busy(exc: BaseException) -> bool:
    """The write lock is held elsewhere: told by SQLite's result code, never by the message."""
    code = getattr(getattr(exc, "orig", exc), "sqlite_errorcode", None)
    return code is not None and code & 0xFF in (SQLITE_BUSY, SQLITE_LOCKED)


SQLITE_IOERR, SQLITE_FULL = 10, 13  # primary result codes (the low byte of an extended code)
DISK_MESSAGES = {
    SQLITE_FULL: "磁盘已满，本次操作未保存（此前已保存的内容完好）；请腾出磁盘空间后重试",
    SQLITE_IOERR: "磁盘写入出错，本次操作未保存（此前已保存的内容完好）；请检查存储设备后重试",
}


def disk_error_code(exc: BaseException) -> int | None:
    """SQLITE_FULL or SQLITE_IOERR when ``exc`` (or the driver error it wraps) is one, by the
    driver's result code, never by the message text."""
    for e in (exc, getattr(exc, "orig", None), exc.__cause__):
        code = getattr(e, "sqlite_errorcode", None)
        if code is not None and code & 0xFF in DISK_MESSAGES:
            return code & 0xFF
    if isinstance(exc, OSError) and exc.errno in (28, 5):  # ENOSPC, EIO from a file of ours
        return SQLITE_FULL if exc.errno == 28 else SQLITE_IOERR
    return None


@contextmanager
def disk_errors_as_storage_failure() -> Iterator[None]:
    try:
        yield
    except StorageFailure:
        raise
    except Exception as exc:  # re-raised unless the disk said no
        code = disk_error_code(exc)
        if code is None:
            raise
        raise StorageFailure(DISK_MESSAGES[code]) from exc


def _connect(db_path: Path, site_keys: SiteKeys):
    conn = sqlcipher.connect(str(db_path), check_same_thread=False, isolation_level=None, timeout=30)
    conn.execute(site_keys.sqlcipher_pragma())
    return conn


def _probe(db_path: Path, site_keys: SiteKeys) -> None:
    """Read the first page with the key before anything can write."""
    conn = _connect(db_path, site_keys)
    try:
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except sqlcipher.DatabaseError as exc:
        raise WrongPassphrase() from exc
    finally:
        conn.close()


def _integrity(conn) -> list[str]:
    rows = conn.execute("PRAGMA cipher_integrity_check").fetchall()
    return [str(r[0]) for r in rows]


def make_engine(db_path: Path, site_keys: SiteKeys) -> Engine:
    def creator():
        conn = _connect(db_path, site_keys)
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA synchronous = FULL")
        conn.execute("PRAGMA foreign_keys = ON")
        conn.execute(f"PRAGMA busy_timeout = {WRITE_WAIT_MS}")
        conn.execute("PRAGMA wal_autocheckpoint = 0")  # the Checkpointer does it, off every writer's path
        return conn

    engine = create_engine("sqlite://", creator=creator, module=sqlcipher, poolclass=QueuePool,
                           pool_size=4, max_overflow=8, pool_pre_ping=False)

    @event.listens_for(engine, "begin")
    def _begin(conn):  # pragma: no cover - exercised by every write
        if conn.get_execution_options().get("immediate"):
            conn.exec_driver_sql("BEGIN IMMEDIATE")
        else:
            conn.exec_driver_sql("BEGIN")

    return engine


def _alembic_config(connection):
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(paths.migrations()))
    cfg.attributes["connection"] = connection
    return cfg


def schema_heads() -> frozenset[str]:
    """Feature areas add their tables on branches from 0001; all heads are applied together.
    A head that another head ``depends_on`` (a branch that alters another branch's tables) is
    not kept in the version table once its dependant is applied: it is not counted."""
    from alembic.script import ScriptDirectory

    script = ScriptDirectory.from_config(_alembic_config(None))
    heads = set(script.get_heads())
    needed = set()
    for h in heads:
        deps = script.get_revision(h).dependencies or ()
        needed.update((deps,) if isinstance(deps, str) else deps)
    return frozenset(heads - needed)


def current_revisions(engine: Engine) -> frozenset[str]:
    from alembic.runtime.migration import MigrationContext

    with engine.connect() as conn:
        return frozenset(MigrationContext.configure(conn).get_current_heads())


def migrate(engine: Engine, db_path: Path, target: str = "heads") -> str | None:
    """Bring the schema to ``target``.  An existing store is copied to ``backups/`` first.
    Returns the backup path (or None when nothing was to be done / the store was new)."""
    from alembic import command

    current = current_revisions(engine)
    if target == "heads" and current == schema_heads():
        return None
    backup = None
    if current:
        with engine.connect() as conn:
            conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
        backups = db_path.parent / "backups"
        backups.mkdir(exist_ok=True)
        stamp = _dt.datetime.now(_dt.timezone.utc).strftime("%Y%m%dT%H%M%SZ")
        backup = backups / f"site-{'+'.join(sorted(current))}-{stamp}.db"
        shutil.copy2(db_path, backup)
    with engine.begin() as conn:
        command.upgrade(_alembic_config(conn), target)
    return str(backup) if backup else None


class Checkpointer:
    """The store's WAL checkpoint, in a thread and on a connection of its own (see the module
    text).  PASSIVE: copies what no reader still needs and never blocks a writer; a checkpoint
    already running in another process is simply skipped."""

    def __init__(self, db_path: Path, site_keys: SiteKeys, every_s: float = CHECKPOINT_EVERY_S):
        self.db_path, self.keys, self.every_s = db_path, site_keys, every_s
        self.runs = 0  # checkpoints done (tests and benches read it)
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="store-checkpoint", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        conn = None
        try:
            while not self._stop.wait(self.every_s):
                try:
                    if conn is None:
                        conn = _connect(self.db_path, self.keys)
                        conn.execute("PRAGMA busy_timeout = 0")
                    conn.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchall()
                    self.runs += 1
                except sqlcipher.Error:  # busy, or the store is going away: try again next period
                    continue
        finally:
            if conn is not None:
                conn.close()

    def stop(self) -> None:
        self._stop.set()
        if self._thread is not threading.current_thread():
            self._thread.join(timeout=10)


class Store:
    """An open site store.  Thread-safe: sessions come from a pool."""

    def __init__(self, site_dir: Path, site: SiteFile, site_keys: SiteKeys, engine: Engine,
                 machine: str, backup: str | None = None):
        self.site_dir = Path(site_dir)
        self.site = site
        self.keys = site_keys
        self.engine = engine
        self.machine = machine
        self.migration_backup = backup
        self._write_engine = engine.execution_options(immediate=True)
        self._read = sessionmaker(engine, expire_on_commit=False)
        self._write = sessionmaker(self._write_engine, expire_on_commit=False)
        self._closed = False
        self.busy_bound_s = WRITE_BOUND_S
        self.journal_lock = threading.Lock()
        self.checkpointer = Checkpointer(self.db_path, site_keys)
        from app.store import journal

        self.journal = journal.Journal(self)

    @property
    def site_id(self) -> str:
        return self.site.site_id

    @property
    def db_path(self) -> Path:
        return self.site_dir / DB_FILE

    @contextmanager
    def read(self) -> Iterator[Session]:
        with self._read() as session:
            yield session

    @contextmanager
    def write(self) -> Iterator[Session]:
        """One durable transaction: committed (fsync'd) when the block ends, rolled back on error.
        The write lock is taken before the block runs; if another writer holds it past the
        bound, ``StoreBusy`` is raised and the block never runs.  A disk that is full or fails a
        write or an fsync is a ``StorageFailure`` (one line for a person), not a driver error: the
        transaction is rolled back and nothing before it lost."""
        with disk_errors_as_storage_failure():
            session, tx = self._begin_write()
            with session:
                with tx:
                    yield session

    def _begin_write(self):
        started = time.monotonic()
        for attempt in range(1_000_000):
            session = self._write()
            tx = session.begin()
            try:
                session.connection()  # BEGIN IMMEDIATE now, before any of the caller's work
                return session, tx
            except OperationalError as exc:
                tx.rollback()
                session.close()
                if not _is_busy(exc):
                    raise
                waited = time.monotonic() - started
                if waited >= self.busy_bound_s:
                    raise StoreBusy(waited) from None
                pause = min(0.05 * 2 ** attempt, 1.0) * random.uniform(0.5, 1.0)
                time.sleep(min(pause, max(0.0, self.busy_bound_s - waited)))
        raise AssertionError("unreachable")

    def integrity_check(self) -> list[str]:
        raw = self.engine.raw_connection()
        try:
            return _integrity(raw.driver_connection)
        finally:
            raw.close()

    def close(self, checkpoint: bool = True) -> None:
        """Close the store, signing a checkpoint over the latest entry unless told not to
        (a read-only check such as ``journal verify`` must change nothing)."""
        if self._closed:
            return
        self.journal.stop()  # the background checkpoints handed over so far
        if checkpoint:
            from app.store.journal import JournalTampered

            try:
                self.journal.checkpoint_if_behind()
            except JournalTampered:
                pass  # never sign a tampered tail; `journal verify` reports it
        self._closed = True
        self.checkpointer.stop()
        self.engine.dispose()


def driver(session: Session):
    """The driver's own connection under ``session``'s transaction (taking the write lock
    first if the session writes).  For the few hot paths -- the journal append, an exam
    answer, the outbox, the link's group commit -- whose statements are fixed SQL: it skips
    SQLAlchemy's per-statement machinery, which cost more than the statements.  Cached for the
    transaction in ``session.info`` (the journal clears it at commit and rollback)."""
    conn = session.info.get("driver")
    if conn is None:
        conn = session.info["driver"] = session.connection().connection.driver_connection
    return conn


def machine_name() -> str:
    return socket.gethostname()[:64] or "unknown"


def open_store(site_dir: Path | str, passphrase: str, machine: str | None = None, migrate_schema: bool = True) -> Store:
    """Open an existing site.  A wrong passphrase raises ``WrongPassphrase`` and writes nothing."""
    site_dir = Path(site_dir)
    site = SiteFile.load(site_dir)
    site_keys = keymod.unlock(site, passphrase)  # wrong passphrase stops here
    db_path = site_dir / DB_FILE
    if not db_path.exists():
        raise keymod.NotASite(f"{db_path} 不存在")
    _probe(db_path, site_keys)
    engine = make_engine(db_path, site_keys)
    raw = engine.raw_connection()
    try:
        problems = _integrity(raw.driver_connection)
    finally:
        raw.close()
    if problems:
        engine.dispose()
        raise StoreCorrupt("站点数据库完整性检查失败：" + "；".join(problems[:3]))
    backup = migrate(engine, db_path) if migrate_schema else None
    store = Store(site_dir, site, site_keys, engine, machine or machine_name(), backup)
    store.journal.load_signer()
    return store


def open_store_keys(site_dir: Path | str, site_keys: SiteKeys, machine: str | None = None) -> Store:
    """Open a site that another process of this machine has open already, with the keys it
    derived (the master's link process: no second Argon2id, no second integrity check or
    migration -- the first process did both).  The two share the store through SQLCipher's
    WAL and ``BEGIN IMMEDIATE``."""
    site_dir = Path(site_dir)
    site = SiteFile.load(site_dir)
    db_path = site_dir / DB_FILE
    _probe(db_path, site_keys)
    store = Store(site_dir, site, site_keys, make_engine(db_path, site_keys), machine or machine_name())
    store.journal.load_signer()
    return store


def create_store(site_dir: Path | str, passphrase: str, kdf: dict | None = None,
                 machine: str | None = None) -> Store:
    """Create an empty site folder with a new store and a new site signing key."""
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
    from cryptography.hazmat.primitives import serialization

    from app.core.journal import key_id as make_key_id
    from app.store import models

    site_dir = Path(site_dir)
    site_dir.mkdir(parents=True, exist_ok=True)
    if (site_dir / keymod.SITE_FILE).exists() or (site_dir / DB_FILE).exists():
        raise FileExistsError(f"{site_dir} 已经是一个站点目录")
    if len(passphrase) < 8:
        raise ValueError("站点口令至少8位")
    site, site_keys = keymod.new_site_file(passphrase, kdf)
    db_path = site_dir / DB_FILE
    engine = make_engine(db_path, site_keys)
    migrate(engine, db_path)
    private = Ed25519PrivateKey.generate()
    raw_private = private.private_bytes(serialization.Encoding.Raw, serialization.PrivateFormat.Raw,
                                        serialization.NoEncryption())
    raw_public = private.public_key().public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    kid = make_key_id(raw_public)
    now = _dt.datetime.now(_dt.timezone.utc)
    with sessionmaker(engine.execution_options(immediate=True))() as s, s.begin():
        s.add(models.SiteKey(key_id=kid, private_key=raw_private, public_key=raw_public, created_at=now))
        s.add(models.Setting(key="site_id", value=site.site_id))
    site.public_keys[kid] = keymod.b64(raw_public)
    site.save(site_dir)
    store = Store(site_dir, site, site_keys, engine, machine or machine_name())
    store.journal.load_signer()
    return store


def active_site_key(session: Session):
    from app.store import models

    return session.scalars(select(models.SiteKey).where(models.SiteKey.active.is_(True))
                           .order_by(models.SiteKey.id)).first()
