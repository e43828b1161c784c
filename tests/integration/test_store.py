import hashlib
import shutil
import sqlite3

import pytest
import sqlcipher3.dbapi2 as sqlcipher

from app.store import engine
from app.store.keys import WrongPassphrase
from tests.conftest import PASSPHRASE


def _files(folder):
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in folder.iterdir() if p.is_file()}


def test_store_is_encrypted_on_disk(site, site_dir):
    site.close()
    head = (site_dir / "site.db").read_bytes()[:16]
    assert head != b"SQLite format 3\x00"
    data = (site_dir / "site.db").read_bytes()
    assert "管理员".encode() not in data and b"admin" not in data


def test_wrong_passphrase_changes_no_byte_and_creates_no_file(site, site_dir):
    site.close()
    before = _files(site_dir)
    with pytest.raises(WrongPassphrase) as err:
        engine.open_store(site_dir, "not-the-passphrase")
    assert "\n" not in str(err.value)
    assert _files(site_dir) == before


def test_copied_store_is_unreadable_without_the_passphrase(site, site_dir, tmp_path):
    site.close()
    copy = tmp_path / "stolen.db"
    shutil.copy(site_dir / "site.db", copy)
    with pytest.raises(sqlite3.DatabaseError):
        sqlite3.connect(copy).execute("select * from sqlite_master").fetchall()
    conn = sqlcipher.connect(str(copy))
    conn.execute("PRAGMA key = 'guess'")
    with pytest.raises(sqlcipher.DatabaseError):
        conn.execute("select * from sqlite_master").fetchall()


def test_durability_settings(site):
    raw = site.store.engine.raw_connection()
    try:
        cur = raw.driver_connection
        assert cur.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert cur.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
        assert cur.execute("PRAGMA foreign_keys").fetchone()[0] == 1
        assert cur.execute("PRAGMA cipher_version").fetchone()[0].startswith("4.")
    finally:
        raw.close()
    assert site.store.integrity_check() == []


def test_corrupted_store_is_refused(site, site_dir):
    site.close()
    path = site_dir / "site.db"
    data = bytearray(path.read_bytes())
    data[5000] ^= 0xFF  # one flipped bit inside page 2
    path.write_bytes(bytes(data))
    with pytest.raises((engine.StoreCorrupt, WrongPassphrase)):
        engine.open_store(site_dir, PASSPHRASE)


def test_opening_an_older_schema_migrates_after_a_backup(site_dir):
    heads = engine.schema_heads()
    if heads == {"0001"}:
        pytest.skip("only one schema revision so far")
    from app.store.keys import TEST_KDF

    # a store left at the first revision by an older version
    store = engine.create_store(site_dir, PASSPHRASE, TEST_KDF)
    store.close()
    with store.engine.begin() as conn:
        pass
    eng = engine.make_engine(site_dir / "site.db", store.keys)
    from alembic import command
    with eng.begin() as conn:
        command.downgrade(engine._alembic_config(conn), "0001")
    eng.dispose()
    reopened = engine.open_store(site_dir, PASSPHRASE)
    try:
        assert reopened.migration_backup and (site_dir / "backups").exists()
        assert engine.current_revisions(reopened.engine) == heads
    finally:
        reopened.close()
