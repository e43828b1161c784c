"""The master's link as its own process (issue 16, item 1): started and supervised by the
master app, sharing the encrypted store, started again when it dies (journaled), the live
board mirrored into the master app; and the terminal's side of a slow master (item 3): a
push that times out is not sent again into it."""

from __future__ import annotations

import json
import threading
import time

from sqlalchemy import select

from app.net import protocol, tls
from app.net.master import LiveBoard, MasterLink, current, current_board
from app.net.simulate import free_port
from app.net.terminal import Client, LinkError, TerminalNode
from app.services.net import NetService
from app.store import models
from app.store.keys import TEST_KDF

TERMINAL_PASS = "terminal-pass-1"


def wait_for(cond, seconds: float = 30.0) -> bool:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        if cond():
            return True
        time.sleep(0.05)
    return cond()


def journal_actions(store) -> list[str]:
    with store.read() as s:
        return list(s.scalars(select(models.JournalEntry.action).order_by(models.JournalEntry.seq)))


def test_the_link_runs_in_its_own_process_and_is_started_again_when_it_dies(tmp_path, site, admin):
    net = NetService(admin)
    url, fingerprint = net.serve(host="127.0.0.1", port=free_port())
    link = current()
    node = None
    try:
        # the master app's process runs none of the link's threads: they live in the child
        names = {t.name for t in threading.enumerate()}
        assert not names & {"site-link", "site-link-writer"}, names
        assert link.alive and link.pid and url.startswith("https://127.0.0.1:")

        node = TerminalNode.create(tmp_path / "t1", TERMINAL_PASS, TEST_KDF, machine="t1")
        net.grant(node.request_enrollment(url, "t1"))
        assert node.complete_enrollment()
        assert node.identity["master_fingerprint"] == fingerprint
        for i in range(3):
            node.record("answer", {"q": i, "a": "A"})
        node.heartbeat_every = 0.3
        node.start()
        assert wait_for(lambda: node.acked == 3)
        # the live board, heard in the child, is mirrored here for the proctor console
        assert wait_for(lambda: LiveBoard.online(current_board().rows().get("T001")))

        first_pid = link.pid
        link.kill()
        for i in range(3, 5):
            node.record("answer", {"q": i, "a": "B"})  # written while the link is down
        assert wait_for(lambda: link.restarts == 1 and link.alive and link.pid != first_pid)
        assert wait_for(lambda: node.acked == 5, 60)
        assert "net.link_restarted" in journal_actions(site.store)
        assert [p["q"] for _, _, p in net.received("T001")] == [0, 1, 2, 3, 4]
    finally:
        if node is not None:
            node.close()
        link.stop()
    assert current() is None and not link.alive


def test_a_push_that_times_out_is_not_sent_again_into_the_slow_master(tmp_path, site, admin):
    """Issue 16: "Terminals back off on a slow master instead of resending into it"."""
    link = MasterLink(site).start()
    node = TerminalNode.create(tmp_path / "t1", TERMINAL_PASS, TEST_KDF, machine="t1")
    try:
        NetService(admin).grant(node.request_enrollment(link.url, "t1"))
        node.complete_enrollment()
        env = node.record("answer", {"q": 1, "a": "A"})
        client = Client(link.url, link.fingerprint, node._key, node.machine_id, timeout=1.0)
        with link.write_lock:  # the master's writer is stuck: the push cannot become durable
            t0 = time.monotonic()
            try:
                client.post(protocol.API + "/records", {"records": [env.to_dict()]})
                raise AssertionError("a push that cannot be made durable was acknowledged")
            except LinkError as exc:
                assert exc.status is None  # no answer: timed out
            waited = time.monotonic() - t0
            time.sleep(0.3)
            assert link.stats.summary()["pushes"] == 0  # the first is still waiting; none other arrived
        assert wait_for(lambda: link.stats.summary()["pushes"] == 1)
        time.sleep(0.3)
        assert link.stats.summary()["pushes"] == 1, "the timed-out push was sent again"
        assert waited < 30
    finally:
        client.close()
        node.close()
        link.stop()


def test_a_refusal_is_told_by_its_code_not_its_text(tmp_path, site, admin):
    """Protocol is data: a refusal carries ``code`` (the text is for people), ``server_time`` is a
    number in every reply, and the terminal learns the master's clock from the code."""
    link = MasterLink(site).start()
    node = TerminalNode.create(tmp_path / "t1", TERMINAL_PASS, TEST_KDF, machine="t1")
    try:
        NetService(admin).grant(node.request_enrollment(link.url, "t1"))
        node.complete_enrollment()
        body = b"{}"
        path = protocol.API + "/heartbeat"
        conn = tls.PinnedHTTPSConnection("127.0.0.1", link.port, link.fingerprint, 5)
        conn.request("POST", path, body, protocol.sign_headers(node._key, node.machine_id, "POST", path, body,
                                                               now=time.time() + 3600))
        resp = conn.getresponse()
        reply = json.loads(resp.read())
        conn.close()
        assert resp.status == 401 and reply["code"] == protocol.CLOCK
        assert isinstance(reply["server_time"], float)

        c = Client(link.url, link.fingerprint, node._key, node.machine_id)
        c.clock_offset = 3600.0  # our clock an hour fast
        hb = c.post(path, {"status": {}})
        assert abs(c.clock_offset) < 5 and isinstance(hb["server_time"], float)
        c.close()
    finally:
        node.close()
        link.stop()
