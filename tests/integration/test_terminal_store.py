"""An exam on a terminal's own encrypted store, provisioned from the site."""

from __future__ import annotations

from sqlalchemy import func, select

from app.services.demo import DEMO_PLAN
from app.services.exam import ExamTerminal
from app.services.site import open_site
from app.services.terminal import TerminalService
from app.store import theory_tables as tt
from tests.theory_support import PASSWORDS, FixedClock, prepare_exam

TICKET = "DG26040011"


def test_exam_runs_on_a_provisioned_terminal_store(demo, demo_login, tmp_path):
    qs = prepare_exam(demo, demo_login, tmp_path)
    office = demo_login("kaowu")
    office.clock = demo.clock
    tdir = tmp_path / "terminal-07"
    TerminalService(office).provision(tdir, "terminal-pass-07", DEMO_PLAN)
    proctor_at_site = demo_login("jiankao1")
    proctor_at_site.clock = demo.clock
    code = ExamTerminal(proctor_at_site).issue_proctor_code(DEMO_PLAN, TICKET)

    term_handle = open_site(tdir, "terminal-pass-07", clock=FixedClock(demo.clock.now()))
    try:
        assert term_handle.store.site_id != demo.store.site_id
        ctx = term_handle.login("jiankao1", PASSWORDS["jiankao1"])
        term = ExamTerminal(ctx)
        sit = term.login(DEMO_PLAN, TICKET, code)  # the code read out at the site works here
        for q in sit.questions[:5]:
            term.answer(sit, q.qno, "A")
        result = term.submit(sit)
        assert len(result["questions"]) == 25
        assert term_handle.store.journal.verify().ok
    finally:
        term_handle.close()
    with demo.store.read() as s:
        assert s.scalar(select(func.count()).select_from(tt.ExamSession)) == 0
    stems = [q.stem.encode() for q in qs]
    for p in tdir.rglob("*"):
        if p.is_file():
            data = p.read_bytes()
            assert not any(st in data for st in stems), p


def test_sealed_papers_travel_sealed_and_open_only_with_both_custodians(demo, demo_login, tmp_path):
    import pytest

    from app.core.errors import DomainError, PermissionDenied
    from app.services.theory import PaperService

    prepare_exam(demo, demo_login, tmp_path, unlock=False)
    tdir = tmp_path / "terminal-02"
    TerminalService(demo_login("admin")).provision(tdir, "terminal-pass-02", DEMO_PLAN)
    handle = open_site(tdir, "terminal-pass-02", clock=FixedClock(demo.clock.now()))
    try:
        ctx = handle.login("jiankao1", PASSWORDS["jiankao1"])
        with pytest.raises(DomainError, match="尚未解封"):
            ExamTerminal(ctx).login(DEMO_PLAN, TICKET, ExamTerminal(ctx).issue_proctor_code(DEMO_PLAN, TICKET))
        with pytest.raises(PermissionDenied):
            PaperService(ctx).unlock(DEMO_PLAN, [])  # a proctor cannot unlock
        office = handle.login("kaowu", PASSWORDS["kaowu"])
        PaperService(office).unlock(DEMO_PLAN, [("kaowu", PASSWORDS["kaowu"]), ("admin", PASSWORDS["admin"])])
        sit = ExamTerminal(ctx).login(DEMO_PLAN, TICKET, ExamTerminal(ctx).issue_proctor_code(DEMO_PLAN, TICKET))
        assert len(sit.questions) == 25
    finally:
        handle.close()


def test_the_answer_key_is_read_on_the_master_only(demo, demo_login, tmp_path):
    """No service a terminal can call hands out the answers (issue 15): on the master the admin
    reads the unlocked papers with their answers, and the read is journaled; the office may
    not; on a terminal store the same call refuses even the admin (a paper custodian, so their
    account is there).  A terminal lists the candidates whose sitting is on it."""
    import pytest

    from app.core.errors import PermissionDenied
    from app.services.theory import PaperService

    bank = {q.code: q for q in prepare_exam(demo, demo_login, tmp_path)}
    key = PaperService(demo_login("admin")).answer_key(DEMO_PLAN)
    assert len(key.questions) == key.blueprint.question_count == 25
    assert all(q.answer == bank[code].answer and q.answer for code, q in key.questions.items())
    with demo.store.read() as s:
        last = list(demo.store.journal.entries(s))[-1]
    assert (last.action, last.subject, last.actor) == ("papers.answer_key_read", DEMO_PLAN, "admin")
    with pytest.raises(PermissionDenied):
        PaperService(demo_login("kaowu")).answer_key(DEMO_PLAN)

    tdir = tmp_path / "terminal-03"
    TerminalService(demo_login("kaowu")).provision(tdir, "terminal-pass-03", DEMO_PLAN)
    handle = open_site(tdir, "terminal-pass-03", clock=FixedClock(demo.clock.now()))
    try:
        with pytest.raises(PermissionDenied, match="考试终端"):
            PaperService(handle.login("admin", PASSWORDS["admin"])).answer_key(DEMO_PLAN)
        term = ExamTerminal(handle.login("jiankao1", PASSWORDS["jiankao1"]))
        assert term.tickets_here(DEMO_PLAN) == []
        term.login(DEMO_PLAN, TICKET, term.issue_proctor_code(DEMO_PLAN, TICKET))
        assert term.tickets_here(DEMO_PLAN) == [TICKET]
    finally:
        handle.close()
