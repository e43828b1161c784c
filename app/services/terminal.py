"""Setting up a terminal's own encrypted store for one batch (单机终端库).

The terminal store is a site-like store (``create_store``: its own passphrase, its
own SQLCipher key and signing key) holding only what the exam needs on that machine:
the batch and its rooms, the batch's candidates (no photos), the proctors, room
heads and paper custodians (password hashes only, so a proctor can authorise a
resume there), the blueprint, the sealed papers exactly as sealed (unlocked only if
they were unlocked at the site), and the key behind proctor codes.  The candidate's
sitting then lives in that store; the site store keeps none of it.  Once the store is
enrolled to the master (``app.net.terminal.TerminalNode`` on the same folder), every
exam record streams back in the transaction that saves it (``ExamTerminal(link=...)``).
"""

from __future__ import annotations

import base64
from pathlib import Path

from sqlalchemy import select

from app.core.actor import system_actor
from app.core.errors import Conflict
from app.services.base import Service, ServiceContext, requires
from app.services.base import find_batch
from app.services.theory import PROCTOR_KEY_SETTING, proctor_key
from app.store import engine as store_engine
from app.store import models
from app.store import theory_tables as tt

TERMINAL_ROLES = {"proctor", "room_head"}


class TerminalService(Service):
    @requires("exam.provision")
    def provision(self, terminal_dir: Path | str, terminal_passphrase: str, plan_no: str) -> str:
        """Create the terminal store; returns its site id.  Journaled on both sides."""
        with self.ctx.reading() as s:
            batch = find_batch(s, plan_no)
            seal = s.scalars(select(tt.PaperSeal).where(tt.PaperSeal.batch_id == batch.id)).first()
            if seal is None:
                raise Conflict("本批次试卷尚未封存，不能准备考试终端")
            bp = s.scalars(select(tt.Blueprint).where(tt.Blueprint.batch_id == batch.id)).one()
            custodians = {sh["username"] for sh in seal.shares}
            staff = [x for x in s.scalars(select(models.Staff).where(models.Staff.active.is_(True)))
                     if TERMINAL_ROLES & set(x.roles) or x.username in custodians]
            inst = s.get(models.Setting, "institution")
            rooms = [r.name for r in batch.rooms]
            cands = list(s.scalars(select(models.Candidate).where(models.Candidate.batch_id == batch.id)))
            b = {c.name: getattr(batch, c.name) for c in models.Batch.__table__.columns if c.name != "id"}
            seal_v = {c.name: getattr(seal, c.name) for c in tt.PaperSeal.__table__.columns
                      if c.name not in ("id", "batch_id")}
            bp_data = bp.data
        store = store_engine.create_store(terminal_dir, terminal_passphrase, dict(self.ctx.store.site.kdf))
        try:
            tctx = ServiceContext(store, system_actor(store.machine), self.ctx.clock)
            with tctx.unit_of_work() as uow:
                ts = uow.session
                if inst is not None:
                    ts.add(models.Setting(key="institution", value=inst.value))
                ts.add(models.Setting(key=PROCTOR_KEY_SETTING,
                                      value=base64.b64encode(proctor_key(self.ctx.store)).decode()))
                ts.add(models.Setting(key="terminal_of", value={"site_id": self.ctx.store.site_id,
                                                                "plan_no": plan_no}))
                nb = models.Batch(**b)
                ts.add(nb)
                ts.flush()
                for name in rooms:
                    ts.add(models.Room(batch_id=nb.id, name=name))
                for c in cands:
                    ts.add(models.Candidate(batch_id=nb.id, ticket_no=c.ticket_no, name=c.name, sex=c.sex,
                                            id_type=c.id_type, id_no=c.id_no, unit=c.unit, room=c.room,
                                            seat=c.seat))
                for x in staff:
                    ts.add(models.Staff(username=x.username, name=x.name, id_type=x.id_type, id_no=x.id_no,
                                        unit=x.unit, roles=list(x.roles), card_no=x.card_no,
                                        password_hash=x.password_hash, active=True, created_at=x.created_at))
                ts.add(tt.Blueprint(batch_id=nb.id, data=bp_data, updated_at=self.ctx.now()))
                ts.add(tt.PaperSeal(batch_id=nb.id, **seal_v))
                uow.journal("terminal.provisioned", plan_no,
                            {"site_id": self.ctx.store.site_id, "by": self.ctx.actor.username,
                             "candidates": len(cands), "staff": [x.username for x in staff],
                             "paper_unlocked": seal_v["paper_key"] is not None,
                             "sha256": seal_v["content_sha256"]})
            site_id = store.site_id
        finally:
            store.close()
        with self.ctx.unit_of_work() as uow:
            uow.journal("terminal.provision", plan_no, {"terminal_site_id": site_id, "dir": str(terminal_dir),
                                                        "candidates": len(cands),
                                                        "paper_unlocked": seal_v["paper_key"] is not None})
        return site_id
