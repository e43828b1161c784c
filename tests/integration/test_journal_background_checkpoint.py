"""The journal's every-N checkpoint is signed off the writer's path (issue 16, item 4): the
transaction that writes entry N does not sign it or write the side file; a background worker
does, in its own transaction, at exactly entry N.  A rewritten tail found there stops the
next write (as the in-transaction checkpoint used to), and the journal still verifies."""

from __future__ import annotations

import pytest
import sqlcipher3.dbapi2 as sqlcipher
from sqlalchemy import select

from app.services.staff import StaffService
from app.store import journal as store_journal
from app.store import models
from app.store.journal import JournalTampered


def _checkpoints(store) -> list[int]:
    with store.read() as s:
        return list(s.scalars(select(models.JournalCheckpoint.seq).order_by(models.JournalCheckpoint.seq)))


def test_the_nth_entry_commits_without_its_checkpoint_which_follows_at_exactly_n(site, admin, monkeypatch):
    monkeypatch.setattr(store_journal, "CHECKPOINT_EVERY", 5)
    store = site.store
    signed_in = []
    real = store.journal._checkpoint

    def spy(session, seq, h, now=None):
        signed_in.append((seq, session.info.get("answering", False)))
        return real(session, seq, h, now)

    monkeypatch.setattr(store.journal, "_checkpoint", spy)
    svc = StaffService(admin)
    with store.read() as s:
        start = s.scalar(select(models.JournalEntry.seq).order_by(models.JournalEntry.seq.desc()).limit(1))
    target = (start // 5 + 1) * 5
    while True:
        with store.write() as s:            # a writer's transaction, marked
            s.info["answering"] = True
            entry = store.journal.append(s, admin.actor, "test.entry", "x", {})
            seen_inside = s.scalar(select(models.JournalCheckpoint.seq).where(
                models.JournalCheckpoint.seq == entry.seq))
        assert seen_inside is None
        if entry.seq == target:
            break
    store.journal.settle()
    assert target in _checkpoints(store)
    assert signed_in and all(not inside for _, inside in signed_in)   # never in the writer's transaction
    svc.unlock("admin")
    assert store.journal.verify().ok
    assert str(target) in "".join(store.journal.anchor_path.read_text(encoding="utf-8").split())


def test_a_rewritten_tail_found_by_the_background_checkpoint_stops_the_next_write(site, admin, site_dir, monkeypatch):
    monkeypatch.setattr(store_journal, "CHECKPOINT_EVERY", 5)
    store = site.store
    store.journal.checkpoint_if_behind()
    conn = sqlcipher.connect(str(site_dir / "site.db"), isolation_level=None)
    conn.execute(store.keys.sqlcipher_pragma())
    svc = StaffService(admin)
    svc.unlock("admin")
    last = conn.execute("select seq from journal order by seq desc limit 1").fetchone()[0]
    while last % 5 == 0:  # an entry under a signed checkpoint already is verify's to find, not the next one's
        svc.unlock("admin")
        last = conn.execute("select seq from journal order by seq desc limit 1").fetchone()[0]
    store.journal.settle()
    conn.execute("update journal set subject = 'forged' where seq = ?", (last,))
    conn.close()
    for _ in range(6):                     # reach the next multiple of 5: the worker refuses to sign it
        try:
            svc.unlock("admin")
        except JournalTampered:
            break
    store.journal.settle()
    with pytest.raises(JournalTampered):
        svc.unlock("admin")
