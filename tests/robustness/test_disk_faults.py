"""A full disk and I/O errors at write and at fsync, injected by the test filesystem under a
real terminal store (issue 20, item 6): the candidate's terminal says so in one line, loses
nothing it acknowledged, and goes on when space returns."""

from __future__ import annotations

import pytest

from app.core.errors import DomainError, StorageFailure
from tests.theory_support import PASSWORDS, demo_id_tail, prepare_exam

TICKET = "DG26040007"


@pytest.mark.parametrize("fault,on,off", [("full", "full on", "full off"), ("fsync", "eio on", "eio off")])
def test_disk_fault_is_one_line_and_loses_nothing(demo, demo_login, tmp_path, demo_site_dir, fault, on, off, powered):
    from app.services.demo import DEMO_PASSPHRASE, DEMO_PLAN
    from app.services.exam import ExamTerminal
    from app.services.site import open_site

    prepare_exam(demo, demo_login, tmp_path)
    tail = demo_id_tail(demo, TICKET)
    clock = demo.clock
    demo.close()
    disk = powered("terminal", source=demo_site_dir)
    handle = open_site(disk.path, DEMO_PASSPHRASE, clock=clock)
    try:
        term = ExamTerminal(handle.login("jiankao1", PASSWORDS["jiankao1"]))
        sit = term.login(DEMO_PLAN, TICKET, tail)
        qs = sit.questions
        acked = {}
        for q in qs[:5]:
            choice = q.options[0][0]
            term.answer(sit, q.qno, choice)
            acked[q.qno] = choice
        assert disk.command(on) == "ok"
        with pytest.raises(StorageFailure) as refused:
            term.answer(sit, qs[5].qno, qs[5].options[1][0])
        message = str(refused.value)
        assert isinstance(refused.value, DomainError)
        assert "\n" not in message and "Error" not in message and "sqlite" not in message.lower()
        assert ("磁盘" in message) and ("已保存" in message)
        assert disk.command(off) == "ok"  # space returns / the disk recovers
        for q in qs[5:8]:
            choice = q.options[-1][0]
            term.answer(sit, q.qno, choice)
            acked[q.qno] = choice
    finally:
        handle.close(checkpoint=False)
    disk.cut()  # and then the power goes: everything acknowledged is durable
    disk.boot()
    handle = open_site(disk.path, DEMO_PASSPHRASE, clock=clock)
    try:
        assert handle.store.journal.verify().ok
        again = ExamTerminal(handle.login("jiankao1", PASSWORDS["jiankao1"])).login(DEMO_PLAN, TICKET, tail)
        assert {q: again.answers.get(q) for q in acked} == acked
    finally:
        handle.close(checkpoint=False)


def test_disk_errors_are_told_by_result_code_not_by_message():
    """SQLITE_FULL (13) and SQLITE_IOERR (10, with its extended codes) become StorageFailure;
    anything else, whatever its text says, is left alone."""
    from app.store.engine import disk_error_code

    class Driver(Exception):
        def __init__(self, code, text):
            super().__init__(text)
            self.sqlite_errorcode = code

    class Wrapped(Exception):
        def __init__(self, orig):
            super().__init__(str(orig))
            self.orig = orig

    assert disk_error_code(Wrapped(Driver(13, "x"))) == 13
    assert disk_error_code(Driver(10 | (4 << 8), "x")) == 10  # SQLITE_IOERR_FSYNC
    assert disk_error_code(Wrapped(Driver(5, "database or disk is full"))) is None  # BUSY, whatever it says
    assert disk_error_code(OSError(28, "No space left")) == 13
    assert disk_error_code(ValueError("disk I/O error")) is None
