"""Paper sheets typed in twice (双人复核, the office): a grader's paper 评分记录表 counts as
signed only when two different typists' complete copies agree."""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from typing import Any

from sqlalchemy import select

from app.core import scoring as rules
from app.core.errors import Conflict, DomainError, PermissionDenied
from app.services.base import Service, find_batch, requires
from app.services.scoring import queries as q
from app.services.scoring.views import ST_SIGNED, PaperStatus, canonical, digest
from app.store import models
from app.store import scoring_tables as t


class PaperEntryService(Service):
    @requires("scoring.paper")
    def paper_entry(self, plan_no: str, ticket_no: str, grader: str, entries: Mapping[str, Any]) -> PaperStatus:
        """One typist's copy of a grader's paper sheet.  When two typists' complete copies
        agree, the sheet is recorded as signed on paper; until then mismatches are listed."""
        with self.ctx.unit_of_work() as uow:
            s = uow.session
            batch = find_batch(s, plan_no)
            template = q.template(s, batch)
            c = q.candidate(s, batch, ticket_no)
            g = q.staff(s, grader)
            if g.id not in {st.id for _, st in q.members(s, batch)}:
                raise DomainError(f"「{g.name}」不是本批次考评组成员")
            if g.id == self.ctx.actor.staff_id:
                raise PermissionDenied("考评员不能录入自己的纸质评分表")
            existing = [sh for sh in q.sheets(s, c.id) if sh.grader_id == g.id]
            if existing:
                raise Conflict(f"「{g.name}」对该考生已有评分表（{'纸质' if existing[0].source == 'paper' else '机评'}），不能重复录入")
            cleaned = rules.entries_to_json(rules.clean_entries(template, entries))
            copies = list(s.scalars(select(t.PaperEntry).where(t.PaperEntry.candidate_id == c.id,
                                                               t.PaperEntry.grader_id == g.id)))
            mine = next((p for p in copies if p.typist_id == self.ctx.actor.staff_id), None)
            if mine is None:
                if len(copies) >= 2:
                    raise Conflict("该纸质评分表已有两人录入")
                mine = t.PaperEntry(batch_id=batch.id, candidate_id=c.id, grader_id=g.id,
                                    typist_id=self.ctx.actor.staff_id, entries={}, updated_at=self.ctx.now())
                s.add(mine)
                copies.append(mine)
            mine.entries, mine.updated_at = cleaned, self.ctx.now()
            s.flush()
            uow.journal("scoring.paper_entry", ticket_no, {"grader": grader, "items": len(cleaned),
                                                           "entries_sha256": digest(cleaned)})
            status = _paper_status(template, copies, mine)
            if status.agreed:
                now = self.ctx.now()
                score = rules.score_sheet(template, cleaned)
                typists = [s.get(models.Staff, p.typist_id).name for p in copies]
                sh = t.ScoreSheet(batch_id=batch.id, candidate_id=c.id, grader_id=g.id, version=1, source="paper",
                                  entries=cleaned, total=str(score.total),
                                  detail={k: str(v) for k, v in score.tasks.items()}, status=ST_SIGNED,
                                  created_at=now, updated_at=now, signed_at=now, typists=typists)
                content = {"plan_no": plan_no, "ticket_no": ticket_no, "grader": grader, "entries": cleaned,
                           "total": str(score.total), "typists": typists, "source": "paper"}
                sh.content_sha256 = hashlib.sha256(canonical(content)).hexdigest()
                s.add(sh)
                s.flush()
                sealed = {k: v for k, v in content.items() if k not in ("entries", "total")}
                uow.journal("scoring.paper_agreed", ticket_no, {**sealed, "sheet": sh.id,
                                                                "entries_sha256": digest(cleaned),
                                                                "content_sha256": sh.content_sha256})
                return PaperStatus(True, True, 1, (), True, sh.id)
            return status

    @requires("scoring.paper")
    def my_paper_entry(self, plan_no: str, ticket_no: str, grader: str) -> tuple[dict, PaperStatus]:
        with self.ctx.reading() as s:
            batch = find_batch(s, plan_no)
            template = q.template(s, batch)
            c = q.candidate(s, batch, ticket_no)
            g = q.staff(s, grader)
            copies = list(s.scalars(select(t.PaperEntry).where(t.PaperEntry.candidate_id == c.id,
                                                               t.PaperEntry.grader_id == g.id)))
            mine = next((p for p in copies if p.typist_id == self.ctx.actor.staff_id), None)
            if mine is None:
                return {}, PaperStatus(False, False, len(copies), (), False)
            sheet = s.scalars(select(t.ScoreSheet.id).where(t.ScoreSheet.candidate_id == c.id,
                                                            t.ScoreSheet.grader_id == g.id,
                                                            t.ScoreSheet.source == "paper")).first()
            st = _paper_status(template, copies, mine)
            if sheet:
                st = PaperStatus(True, True, st.others, (), True, sheet)
            return dict(mine.entries), st


def _paper_status(template, copies, mine) -> PaperStatus:
    n = len(template.items())
    others = [p for p in copies if p is not mine]
    mine_complete = len(mine.entries) == n
    mismatches: tuple[str, ...] = ()
    agreed = False
    if others and mine_complete and len(others[0].entries) == n:
        mismatches = tuple(code for _, i in template.items() for code in [i.code]
                           if mine.entries.get(code) != others[0].entries.get(code))
        agreed = not mismatches
    return PaperStatus(True, mine_complete, len(others), mismatches, agreed)
