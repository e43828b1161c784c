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


def test_review_panel_migration_keeps_signed_sheets_and_their_immutability(tmp_path):
    """0025_review_panel rebuilds the scoring tables to add ``subject`` (the 综合评审 panel scores like a
    practical group, 000 L668 / 002 L4065): a store with signed practical sheets, left before 0025 by an
    older version, is upgraded with every row kept as 'practical', and a signed sheet is still immutable
    in the store itself (the triggers of 0006 re-created)."""
    import datetime as dt

    from alembic import command
    from sqlalchemy import text

    from app.services.demo import DEMO_PLAN, build_demo_site
    from app.services.roster import RosterService
    from app.services.site import open_site
    from app.store.keys import TEST_KDF
    from app.services.scoring import ScoringServices
    from tests.scoring_support import FULL, PASSWORDS, score, write_template

    info = build_demo_site(tmp_path / "site", candidates=3, seed=5, kdf=TEST_KDF, exam_day=dt.date(2026, 6, 1))
    handle = open_site(info.site_dir, info.passphrase)
    try:
        office = ScoringServices.of(handle.login("admin", PASSWORDS["admin"]))
        office.setup.import_template(DEMO_PLAN, write_template(tmp_path / "tpl.xlsx"))
        office.setup.set_group(DEMO_PLAN, ["kaoping1", "kaoping2", "zuzhang"], "zuzhang")
        ticket = RosterService(office.ctx).candidates(DEMO_PLAN)[0].ticket_no
        for u in ("kaoping1", "kaoping2"):
            score(ScoringServices.of(handle.login(u, PASSWORDS[u], "grader")), u, ticket, FULL)
    finally:
        handle.close()
    old = engine.open_store(info.site_dir, info.passphrase, migrate_schema=False)
    keys = old.keys
    old.close()
    db = info.site_dir / "site.db"
    eng = engine.make_engine(db, keys)
    with eng.begin() as conn:
        command.downgrade(engine._alembic_config(conn), "0025@0001")
        assert "subject" not in {r[1] for r in conn.execute(text("PRAGMA table_info(score_sheet)"))}
    eng.dispose()
    reopened = engine.open_store(info.site_dir, info.passphrase)
    try:
        assert reopened.migration_backup
        assert engine.current_revisions(reopened.engine) == engine.schema_heads()
        with reopened.engine.begin() as conn:
            rows = conn.execute(text("SELECT subject, status FROM score_sheet")).all()
            assert rows == [("practical", "signed"), ("practical", "signed")]
            assert conn.execute(text("SELECT DISTINCT subject FROM scoring_group_member")).all() == [("practical",)]
            triggers = {r[0] for r in conn.execute(text("SELECT name FROM sqlite_master WHERE type = 'trigger'"))}
            assert {"score_sheet_signed_no_update", "score_sheet_signed_no_delete",
                    "score_decision_no_update"} <= triggers
        with pytest.raises(Exception, match="signed score sheet is immutable"):
            with reopened.engine.begin() as conn:
                conn.execute(text("UPDATE score_sheet SET total = '1.00'"))
    finally:
        reopened.close()


def test_grader_corrections_migration_keeps_a_stations_signed_sheet_as_version_1(site_dir):
    """0026_grader_corrections rebuilds ``grader_sheet`` to keep one row per version (a sheet signed
    at a grader station is corrected there as a new version with its reason, never changed:
    "操作技能考核评分由考评人员签字负责" [002 L3858], and the signed record is kept three years):
    a station store left before 0026 by an
    older version keeps its signed sheet as version 1, and a second version of it now fits while a
    second version 1 does not."""
    from alembic import command
    from sqlalchemy import text
    from sqlalchemy.exc import IntegrityError

    from app.store.keys import TEST_KDF

    store = engine.create_store(site_dir, PASSPHRASE, TEST_KDF)
    keys = store.keys
    store.close()
    eng = engine.make_engine(site_dir / "site.db", keys)
    with eng.begin() as conn:
        command.downgrade(engine._alembic_config(conn), "0026_grader_corrections@0001")
        assert "version" not in {r[1] for r in conn.execute(text("PRAGMA table_info(grader_sheet)"))}
        conn.execute(text("INSERT INTO grader_sheet (plan_no, ticket_no, grader, status, entries, total, updated_at,"
                          " content_sha256, verdict) VALUES ('P', 'T1', 'kaoping1', 'signed', '{}', '97.00',"
                          " '2026-06-01 09:00:00', 'abc', 'accepted')"))
    eng.dispose()
    reopened = engine.open_store(site_dir, PASSPHRASE)
    try:
        assert reopened.migration_backup
        assert engine.current_revisions(reopened.engine) == engine.schema_heads()
        with reopened.engine.begin() as conn:
            assert conn.execute(text("SELECT ticket_no, version, supersedes, correction_reason, total, verdict"
                                     " FROM grader_sheet")).all() == [("T1", 1, None, "", "97.00", "accepted")]
            conn.execute(text("INSERT INTO grader_sheet (plan_no, ticket_no, grader, status, entries, total,"
                              " updated_at, content_sha256, verdict, version, supersedes, correction_reason)"
                              " VALUES ('P', 'T1', 'kaoping1', 'draft', '{}', '97.60', '2026-06-01 09:10:00', '',"
                              " '', 2, 7, '第1.1项复核后应为16分')"))
        with pytest.raises(IntegrityError):
            with reopened.engine.begin() as conn:
                conn.execute(text("INSERT INTO grader_sheet (plan_no, ticket_no, grader, status, entries, total,"
                                  " updated_at, content_sha256, verdict, version) VALUES ('P', 'T1', 'kaoping1',"
                                  " 'draft', '{}', '0', '2026-06-01 09:20:00', '', '', 1)"))
    finally:
        reopened.close()
