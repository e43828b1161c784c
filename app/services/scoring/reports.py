"""The scoring printables: the blank and the filled 评分记录表, and the 实操（综合成绩）汇总表."""

from __future__ import annotations

import hashlib
from dataclasses import replace
from pathlib import Path

from sqlalchemy import select

from app.core import scoring as rules
from app.services.base import Service, find_batch, requires
from app.services.results import batch_results
from app.services.scoring import queries as q
from app.services.scoring.views import PRACTICAL, ST_SIGNED, workstation
from app.store import models
from app.store import scoring_tables as t


class ScoringReportsService(Service):
    @requires("scoring.summary")
    def summary_pdf(self, plan_no: str, path: Path | str, contact: str = "", phone: str = "") -> Path:
        """实操（综合成绩）汇总表 (Nanxun 附件1) with signature lines."""
        from app.formats import scoring_pdf

        with self.ctx.unit_of_work() as uow:
            s = uow.session
            batch = find_batch(s, plan_no)
            rows = q.summary_rows(s, batch)
            members = q.members(s, batch)
            header = _header(s, batch)
            chief = next((st.name for m, st in members if m.is_chief), "")
            others = [st.name for m, st in members if not m.is_chief]
            h = q.summary_hash(rows)
            sigs = {}
            for sig, st in s.execute(select(t.SummarySignature, models.Staff)
                                     .join(models.Staff, models.Staff.id == t.SummarySignature.staff_id)
                                     .where(t.SummarySignature.batch_id == batch.id,
                                            t.SummarySignature.summary_sha256 == h)):
                sigs[st.name] = sig.signature
            out = scoring_pdf.summary_table(Path(path), header, _with_review(s, batch, rows), chief, others,
                                            contact, phone, sigs)
            uow.journal("scoring.print_summary", plan_no, {"summary_sha256": h, "file": Path(path).name,
                                                           "pdf_sha256": hashlib.sha256(out.read_bytes()).hexdigest()})
            return out

    @requires("scoring.view")
    def blank_sheets_pdf(self, plan_no: str, path: Path | str, subject: str = PRACTICAL) -> Path:
        """One blank 评分记录表 per candidate per grader (of the group), with signature lines."""
        from app.formats import scoring_pdf

        with self.ctx.reading() as s:
            batch = find_batch(s, plan_no)
            template = q.template(s, batch, subject)
            members = q.members(s, batch, subject)
            header = _header(s, batch)
            pages = [scoring_pdf.SheetPage(c.ticket_no, workstation(c), c.name if template.rules.show_names else "",
                                           st.name)
                     for c in s.scalars(select(models.Candidate).where(models.Candidate.batch_id == batch.id)
                                        .order_by(models.Candidate.ticket_no))
                     for _, st in members]
        return scoring_pdf.sheets(Path(path), header, template, pages)

    @requires("scoring.summary")
    def filled_sheets_pdf(self, plan_no: str, path: Path | str, subject: str = PRACTICAL) -> Path:
        """Every signed sheet (all versions) of every candidate whose sheets are all signed (of the group)."""
        from app.formats import scoring_pdf

        with self.ctx.unit_of_work() as uow:
            s = uow.session
            batch = find_batch(s, plan_no)
            template = q.template(s, batch, subject)
            members = q.members(s, batch, subject)
            header = _header(s, batch)
            staff = {st.id: st for _, st in members}
            pages = []
            for c in s.scalars(select(models.Candidate).where(models.Candidate.batch_id == batch.id)
                               .order_by(models.Candidate.ticket_no)):
                sheets = q.sheets(s, c.id, subject)
                if not q.revealed(members, sheets):
                    continue
                for sh in sheets:
                    if sh.status != ST_SIGNED:
                        continue
                    g = staff.get(sh.grader_id) or s.get(models.Staff, sh.grader_id)
                    pages.append(scoring_pdf.SheetPage(
                        c.ticket_no, workstation(c), c.name, g.name, dict(sh.entries),
                        rules.score_sheet(template, sh.entries).total, sh.signed_at, sh.signature, sh.version,
                        sh.correction_reason, tuple(sh.typists or ())))
            out = scoring_pdf.sheets(Path(path), header, template, pages)
            uow.journal("scoring.print_sheets", plan_no, {"pages": len(pages), "file": Path(path).name,
                                                          "pdf_sha256": hashlib.sha256(out.read_bytes()).hexdigest()})
            return out


def _header(s, batch) -> dict:
    inst = s.get(models.Setting, "institution")
    occupation = batch.occupation_name + (f"（{batch.work_type}）" if batch.work_type else "")
    level_names = {1: "一级/高级技师", 2: "二级/技师", 3: "三级/高级工", 4: "四级/中级工", 5: "五级/初级工"}
    return {"institution": inst.value["name"] if inst else "", "occupation": occupation,
            "level": level_names.get(batch.level, str(batch.level)), "plan_no": batch.plan_no,
            "date": batch.exam_end.strftime("%Y 年 %m 月 %d 日")}


def _with_review(s, batch, rows):
    """附件1's 综合成绩 column (Nanxun "实操成绩 · 综合成绩" [003 L108–111]): the 综合评审 score as results hold it,
    where the batch has one (技师、高级技师, app.services.results_common.subjects)."""
    review = {r.ticket_no: r.result.outcome("review") for r in batch_results(s, batch)}
    out = []
    for r in rows:
        o = review.get(r.ticket_no)
        if o is not None and o.absent and not o.void:
            out.append(replace(r, combined="缺考"))
        elif o is None or o.score is None or o.void or o.absent:
            out.append(r)
        else:
            out.append(replace(r, combined=o.score))
    return out
