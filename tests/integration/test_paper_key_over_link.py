"""Terminals prepared the evening before (issue 16, item 5): a terminal provisioned while the
papers are still sealed cannot start an exam; once the two custodians unlock on the master,
the paper key reaches it over the link, sealed to that terminal (a command record encrypted
with its own machine key, signed by the site), and the exam morning needs no step at the
terminal.  The rule (rules-digest.md L751, L755): "保密室出入执行**双人双锁**"; "命题、审题、
试卷印制、保管、传输、交接和使用应严格遵守保密规定" -- the key leaves the master only after both
custodians unlocked, and only sealed to an enrolled terminal."""

from __future__ import annotations

import pytest

from app.core.errors import Conflict, DomainError
from app.net.master import MasterLink
from app.services.demo import DEMO_PLAN
from app.services.net import NetService
from app.services.theory import PaperService
from tests.integration.test_room_exam import TICKETS, Mono, _engine, _terminal, _wait
from tests.theory_support import PASSWORDS, demo_id_tail, prepare_exam


def test_a_terminal_prepared_while_sealed_gets_the_key_when_the_master_unlocks(demo, demo_login, tmp_path):
    prepare_exam(demo, demo_login, tmp_path, unlock=False)
    link = MasterLink(demo, "127.0.0.1", 0).start()
    node = _terminal(demo, demo_login, tmp_path, "T-evening", link.url)  # provisioned while sealed
    try:
        mono = Mono()
        term = _engine(node, demo, mono)
        with pytest.raises(DomainError, match="尚未解封"):
            term.login(DEMO_PLAN, TICKETS[0], demo_id_tail(demo, TICKETS[0]))
        office = demo_login("kaowu")
        office.clock = demo.clock
        with pytest.raises(Conflict):
            NetService(office).send_paper_key(DEMO_PLAN)  # nothing to send before the custodians unlock

        # the custodians unlock on the master: nobody sends anything by hand
        status = PaperService(office).unlock(DEMO_PLAN, [("kaowu", PASSWORDS["kaowu"]),
                                                         ("admin", PASSWORDS["admin"])])
        assert status.unlocked and status.key_sent_to == (node.machine_id,)
        node.heartbeat_every = 0.3
        node.start()
        _wait(lambda: node.commands_seen >= 1)
        assert term.follow(node.commands()) == 1
        sit = term.login(DEMO_PLAN, TICKETS[0], demo_id_tail(demo, TICKETS[0]))
        assert sit.questions
        # the key came once: following the same commands again changes nothing
        assert term.follow(node.commands()) == 0
        # sent again by hand (a terminal enrolled after the unlock): the terminal keeps the key it has
        assert NetService(office).send_paper_key(DEMO_PLAN) == 1
        _wait(lambda: node.commands_seen >= 2)
        assert term.follow(node.commands()) == 1
        assert term.login(DEMO_PLAN, TICKETS[0], demo_id_tail(demo, TICKETS[0])).questions == sit.questions
    finally:
        node.close()
        link.stop()


def test_unlock_journals_the_key_sent_with_it_and_nothing_goes_without_terminals(demo, demo_login, tmp_path):
    """Rules-digest L751 "保密室出入执行**双人双锁**": the key leaves only with the two custodians'
    unlock, in the same transaction (journaled there), and only to enrolled terminals."""
    from app.store import models

    prepare_exam(demo, demo_login, tmp_path, unlock=False)
    office = demo_login("kaowu")
    office.clock = demo.clock
    status = PaperService(office).unlock(DEMO_PLAN, [("kaowu", PASSWORDS["kaowu"]), ("admin", PASSWORDS["admin"])])
    assert status.unlocked and status.key_sent_to == ()  # no terminal enrolled yet: nothing sent
    with demo.store.read() as s:
        actions = [e.action for e in s.query(models.JournalEntry).order_by(models.JournalEntry.seq)]
    assert "papers.unlock" in actions and "net.paper_key_sent" not in actions
