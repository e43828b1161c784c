"""The paper key to the exam terminals (issue 16, item 5): terminals prepared the evening
before, while the papers were sealed, get the key the two custodians unlocked on the master,
sealed to each terminal, in the unlock's own transaction (``PaperService.unlock``) or again
by hand (``NetService.send_paper_key``).  Its own module so that theory and net, which both
call it, do not import each other."""

from __future__ import annotations

import datetime as _dt

from sqlalchemy import select

from app.net import ingest
from app.store.net_tables import Machine


def queue_paper_key(uow, plan_no: str, seal, now: _dt.datetime) -> list[str]:
    """Inside the caller's transaction (the custodians' unlock, or ``send_paper_key`` again):
    the unlocked paper key as one ``paper.key`` command to every enrolled exam terminal, sealed
    to that terminal (encrypted with its machine key, signed by the site).  Stations (door
    desks, grader stations) never get it.  Journaled; returns the terminals' ids."""
    import base64

    from app.core.stations import TERMINAL

    s = uow.session
    targets = list(s.scalars(select(Machine.machine_id).where(Machine.active.is_(True), Machine.kind == TERMINAL)
                             .order_by(Machine.machine_id)))
    for mid in targets:
        ingest.queue_command(uow, mid, "paper.key", {"plan_no": plan_no, "at": now.isoformat(),
                                                     "paper_key": base64.b64encode(seal.paper_key).decode(),
                                                     "content_sha256": seal.content_sha256}, now)
    if targets:
        uow.journal("net.paper_key_sent", plan_no, {"terminals": targets})
    return targets
