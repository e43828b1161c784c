"""Each kind of tampering with the journal is caught by `examsite journal verify`.

The attacker here knows the site passphrase and edits the store with SQLCipher
directly: the strongest insider short of holding the signing key outside the store.
"""

import subprocess
import sys

import pytest
import sqlcipher3.dbapi2 as sqlcipher

from app.services.staff import StaffService
from app.store import journal as store_journal
from tests.conftest import PASSPHRASE


def verify(site_dir):
    env = {"EXAMSITE_PASSPHRASE": PASSPHRASE, "PATH": "/usr/bin:/bin"}
    return subprocess.run([sys.executable, "-m", "app", "journal", "verify", "--site", str(site_dir)],
                          capture_output=True, text=True, env=env)


@pytest.fixture
def busy_site(site, admin, site_dir, monkeypatch):
    """A site with ~30 entries and checkpoints every 10."""
    monkeypatch.setattr(store_journal, "CHECKPOINT_EVERY", 10)
    svc = StaffService(admin)
    for i in range(12):
        svc.add(f"user{i}", f"用户{i}", "Pass-word-1", ["proctor"])
        svc.unlock(f"user{i}")
    site.close()
    return site_dir, site.store.keys


def raw(site_dir, keys):
    conn = sqlcipher.connect(str(site_dir / "site.db"), isolation_level=None)
    conn.execute(keys.sqlcipher_pragma())
    return conn


def test_intact_journal_verifies(busy_site):
    site_dir, _ = busy_site
    r = verify(site_dir)
    assert r.returncode == 0, r.stderr
    assert "日志完好" in r.stdout


def test_verify_changes_nothing(busy_site):
    site_dir, keys = busy_site
    before = raw(site_dir, keys).execute("select count(*) from journal_checkpoint").fetchone()
    verify(site_dir)
    assert raw(site_dir, keys).execute("select count(*) from journal_checkpoint").fetchone() == before


@pytest.mark.parametrize("attack, expect", [
    ("update journal set subject = subject || 'x' where seq = 9", "第 9 条"),
    ("update journal set payload = '{\"n\":1}' where seq = 4", "第 4 条"),
    ("delete from journal where seq = 7", "第 7 条"),
    ("insert into journal select 1000, ts, actor, role, machine, action, subject, payload, prev_hash, hash "
     "from journal where seq = 5; update journal set seq = 12 where seq = 1000; ", None),
    ("update journal set seq = -1 where seq = 5; update journal set seq = 5 where seq = 6; "
     "update journal set seq = 6 where seq = -1", "第 5 条"),
    ("delete from journal where seq > 15", "截断"),
    ("delete from journal where seq > 15; delete from journal_checkpoint where seq > 15", "截断"),
    ("update journal_checkpoint set signature = zeroblob(64) where seq = 10", "签名无效"),
])
def test_each_tampering_is_caught(busy_site, attack, expect):
    site_dir, keys = busy_site
    conn = raw(site_dir, keys)
    if attack.startswith("insert"):
        # an insertion: shift the tail up by one and put a copied entry in the gap
        conn.execute("update journal set seq = seq + 1000 where seq >= 12")
        conn.execute("update journal set seq = seq - 999 where seq >= 1012")
        conn.execute("insert into journal select 12, ts, actor, role, machine, action, subject, payload, "
                     "prev_hash, hash from journal where seq = 5")
        expect = "第 12 条"
    else:
        conn.executescript(attack)
    conn.close()
    r = verify(site_dir)
    assert r.returncode != 0
    assert "日志校验失败" in r.stderr and expect in r.stderr
    assert len(r.stderr.strip().splitlines()) == 1


def test_checkpoint_refuses_to_sign_a_rewritten_tail(site, admin, site_dir):
    """An insider who rewrites entries after the last checkpoint and recomputes their hashes
    cannot get the next checkpoint to bless them."""

    from app.store.journal import JournalTampered

    StaffService(admin).add("u1", "甲", "Pass-word-1", ["proctor"])
    site.store.journal.checkpoint_if_behind()
    StaffService(admin).add("u2", "乙", "Pass-word-1", ["proctor"])
    conn = raw(site_dir, site.store.keys)
    last = conn.execute("select seq from journal order by seq desc limit 1").fetchone()[0]
    conn.execute("update journal set subject = 'forged' where seq = ?", (last,))
    conn.close()
    with pytest.raises(JournalTampered):
        site.store.journal.checkpoint_if_behind()
