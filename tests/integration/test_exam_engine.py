"""The terminal exam engine on the real encrypted store: login, answers, resume, the clock,
proctor authorisation, time up, scoring, and no question in plain text on disk."""

from __future__ import annotations

import datetime as _dt
import json
from decimal import Decimal

import pytest
from sqlalchemy import select

from app.core.errors import Conflict, PermissionDenied
from app.core.exam.scoring import score
from app.services.demo import DEMO_PLAN
from app.services.exam import ExamTerminal
from app.store import models
from tests.theory_support import PASSWORDS, SMALL_BLUEPRINT, FixedClock, demo_id_tail, prepare_exam, stem_of

TICKET = "DG26040001"


class Mono:
    def __init__(self):
        self.ns = 1_000_000_000_000

    def __call__(self):
        return self.ns

    def step(self, seconds: float):
        self.ns += int(seconds * 1e9)


@pytest.fixture
def ready(demo, demo_login, tmp_path):
    qs = prepare_exam(demo, demo_login, tmp_path)
    ctx = demo_login("jiankao1")
    ctx.clock = FixedClock(demo.clock.now())
    mono = Mono()
    term = ExamTerminal(ctx, monotonic_ns=mono, boot_id=lambda: "boot-A")
    return term, mono, ctx, {q.code: q for q in qs}


def test_login_needs_the_second_factor(demo, ready):
    term, *_ = ready
    with pytest.raises(PermissionDenied):
        term.login(DEMO_PLAN, TICKET, "000000")
    sit = term.login(DEMO_PLAN, TICKET, demo_id_tail(demo, TICKET))
    assert len(sit.questions) == 25 and sit.remaining_ms == 90 * 60_000
    with demo.store.read() as s:
        actors = [(e.actor, e.role, e.action) for e in s.scalars(
            select(models.JournalEntry).where(models.JournalEntry.action.like("exam.%")))]
    assert actors[0][2] == "exam.login_failed" and actors[1] == (TICKET, "candidate", "exam.start")


def test_proctor_code_is_a_second_factor(demo, demo_login, ready):
    term, mono, ctx, _ = ready
    code = ExamTerminal(ctx).issue_proctor_code(DEMO_PLAN, "DG26040002")
    assert term.login(DEMO_PLAN, "DG26040002", code).ticket_no == "DG26040002"
    with pytest.raises(PermissionDenied):
        term.login(DEMO_PLAN, "DG26040003", code)  # the code is for one candidate
    with pytest.raises(PermissionDenied):
        ExamTerminal(demo_login("kaowu")).issue_proctor_code(DEMO_PLAN, "DG26040002")


def test_resume_gives_same_paper_answers_and_time_and_score_is_right(demo, ready):
    term, mono, ctx, qs = ready
    tail = demo_id_tail(demo, TICKET)
    sit = term.login(DEMO_PLAN, TICKET, tail)
    mono.step(30)
    for q in sit.questions[:12]:
        term.answer(sit, q.qno, q.options[0][0] if q.qtype != "multiple" else "AB")
        mono.step(2)
    term.flag(sit, 3, True)
    term.answer(sit, 1, "B")  # change of mind: the last answer counts
    consumed = 30_000 + 12 * 2000
    assert sit.remaining_ms == 90 * 60_000 - consumed
    mono.step(45)  # the terminal dies here: 45 s after the last record
    term2 = ExamTerminal(ctx, monotonic_ns=mono, boot_id=lambda: "boot-A")
    again = term2.login(DEMO_PLAN, TICKET, tail)
    assert [q.stem for q in again.questions] == [q.stem for q in sit.questions]
    assert [q.options for q in again.questions] == [q.options for q in sit.questions]
    assert again.answers == sit.answers and again.flags == {3}
    assert again.remaining_ms == 90 * 60_000 - consumed and again.gap_ms == 45_000  # paused, not lost
    mono.step(10)
    result = term2.submit(again)
    with demo.store.read() as s:
        from app.store import theory_tables as tt
        row = s.scalars(select(tt.ExamSession)).one()
        answers = {a.qno: frozenset(a.choice) for a in s.scalars(select(tt.ExamAnswer))}
    items = [(qno, qs[code], SMALL_BLUEPRINT.sections[sec].points) for qno, code, sec, _ in row.items]
    expected = score(items, answers, SMALL_BLUEPRINT)
    assert Decimal(result["total"]) == expected.total and result["by_kp"] == expected.to_dict()["by_kp"]
    assert row.consumed_ms == consumed + 10_000 and row.paused_ms == 45_000
    with pytest.raises(Conflict):
        term2.answer(again, 2, "A")
    assert term2.login(DEMO_PLAN, TICKET, tail).result == result


def test_wall_clock_changes_change_nothing(demo, ready):
    term, mono, ctx, _ = ready
    sit = term.login(DEMO_PLAN, TICKET, demo_id_tail(demo, TICKET))
    mono.step(60)
    ctx.clock.at += _dt.timedelta(hours=5)  # someone sets the system clock forward
    assert term.tick(sit) == 89 * 60_000
    ctx.clock.at -= _dt.timedelta(days=1)  # and back
    mono.step(60)
    assert term.answer(sit, 1, "A") == 88 * 60_000
    mono.step(5)
    term2 = ExamTerminal(ctx, monotonic_ns=mono, boot_id=lambda: "boot-A")
    assert term2.login(DEMO_PLAN, TICKET, demo_id_tail(demo, TICKET)).remaining_ms == 88 * 60_000


def test_long_outage_needs_the_proctor_and_is_recorded(demo, ready):
    term, mono, ctx, _ = ready
    tail = demo_id_tail(demo, TICKET)
    sit = term.login(DEMO_PLAN, TICKET, tail)
    mono.step(100)
    term.tick(sit)
    mono.step(11 * 60)  # down longer than the 10-minute limit
    held = ExamTerminal(ctx, monotonic_ns=mono, boot_id=lambda: "boot-A").login(DEMO_PLAN, TICKET, tail)
    assert held.needs_proctor and held.remaining_ms == 90 * 60_000 - 100_000
    with pytest.raises(PermissionDenied):
        term.answer(held, 1, "A")
    mono.step(5)  # restarting again does not clear the hold
    held = ExamTerminal(ctx, monotonic_ns=mono, boot_id=lambda: "boot-A").login(DEMO_PLAN, TICKET, tail)
    assert held.needs_proctor
    with pytest.raises(PermissionDenied):
        term.authorise_resume(held, "kaowu", PASSWORDS["kaowu"])  # not a proctor
    term.authorise_resume(held, "jiankao1", PASSWORDS["jiankao1"])
    mono.step(20)
    assert term.answer(held, 1, "A") == 90 * 60_000 - 120_000
    with demo.store.read() as s:
        e = s.scalars(select(models.JournalEntry).where(models.JournalEntry.action == "exam.resume_authorised")).one()
        resumes = [json.loads(x.payload) for x in s.scalars(
            select(models.JournalEntry).where(models.JournalEntry.action == "exam.resume"))]
    assert e.actor == "jiankao1" and resumes[0]["gap_ms"] == 660_000 and resumes[0]["needs_proctor"]
    kinds = [x["kind"] for x in term.events_since()]
    assert kinds == ["start", "resume", "resume", "authorised"]
    assert term.events_since(term.events_since()[-2]["id"])[0]["data"]["proctor"] == "jiankao1"


def test_reboot_gap_uses_wall_clock_only_as_an_estimate(demo, ready):
    term, mono, ctx, _ = ready
    tail = demo_id_tail(demo, TICKET)
    sit = term.login(DEMO_PLAN, TICKET, tail)
    mono.step(50)
    term.tick(sit)
    ctx.clock.at += _dt.timedelta(minutes=2)
    fresh = Mono()
    fresh.ns = 7_000_000_000  # new boot: monotonic restarted
    after = ExamTerminal(ctx, monotonic_ns=fresh, boot_id=lambda: "boot-B").login(DEMO_PLAN, TICKET, tail)
    assert not after.needs_proctor and after.gap_ms == 120_000 and after.remaining_ms == 90 * 60_000 - 50_000


def test_time_up_submits_automatically(demo, ready):
    term, mono, ctx, _ = ready
    sit = term.login(DEMO_PLAN, TICKET, demo_id_tail(demo, TICKET))
    term.answer(sit, 1, "A")
    mono.step(90 * 60 + 1)
    assert term.tick(sit) == 0
    assert sit.status == "submitted" and sit.result["reason"] == "time_up"
    with pytest.raises(Conflict):
        term.answer(sit, 2, "A")


def test_no_question_stem_in_plain_text_in_any_file(demo, demo_login, tmp_path, demo_site_dir):
    qs = prepare_exam(demo, demo_login, tmp_path)
    ctx = demo_login("jiankao1")
    ctx.clock = demo.clock
    term = ExamTerminal(ctx)
    sit = term.login(DEMO_PLAN, TICKET, demo_id_tail(demo, TICKET))
    for q in sit.questions:
        term.answer(sit, q.qno, "A")
    term.focus_lost(sit)
    term.submit(sit)
    needles = set()
    for q in qs:
        for s in (q.stem, q.options[-1].text):
            needles |= {s.encode("utf-8"), json.dumps(s).strip('"').encode(), s.encode("utf-16-le")}
    needles |= {stem_of("")[3:].encode("utf-8")}
    seen = set()
    for moment in ("open", "closed"):  # with the WAL beside the store, and after the close
        if moment == "closed":
            demo.close()
        files = [p for p in tmp_path.rglob("*") if p.is_file()]
        seen |= {p.name for p in files}
        for p in files:
            data = p.read_bytes()
            found = [n for n in needles if n in data]
            assert not found, f"{p} holds question text"
    assert {"site.db", "site.db-wal", "journal-checkpoints.log"} <= seen
