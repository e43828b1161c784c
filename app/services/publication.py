"""公示 of results: masked list (PDF and .xlsx), period in working days, end date, 公示结果确认单."""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select

from app.core import codes
from app.core.errors import Conflict, NotFound
from app.core.idcard import mask_id_no, mask_name
from app.core.results import required_subjects
from app.core.workdays import publication_end
from app.formats.pdf import TableDoc, write_table_pdf
from app.formats.tables_xlsx import write_table_xlsx
from app.services import results_common as rc
from app.services.base import Service, find_batch, requires
from app.services.results import batch_results
from app.store import results_tables as rt

SUBJECT_SHORT = {"theory": "理论成绩", "practical": "实操成绩", "review": "综合评审成绩"}


@dataclass(frozen=True)
class PublicationView:
    id: int
    plan_no: str
    start_date: _dt.date
    workdays: int
    end_date: _dt.date
    status: str
    rows: list
    columns: list
    objections: str


def _columns(level: int) -> list[str]:
    return ["序号", "准考证号", "姓名", "证件号码", "所在单位"] + [SUBJECT_SHORT[s] for s in required_subjects(level)] + ["认定结果"]


class PublicationService(Service):
    @requires("publication.manage")
    def start(self, plan_no: str, start_date: _dt.date | None = None, workdays: int | None = None) -> PublicationView:
        with self.ctx.unit_of_work() as uow:
            s = uow.session
            b = find_batch(s, plan_no)
            rev = s.get(rt.ResultReview, b.id)
            if rev is None or rev.stage != "approved":
                raise Conflict("成绩须经内督审核、初审、复审后方可公示")
            open_pub = s.scalars(select(rt.Publication).where(rt.Publication.batch_id == b.id,
                                                              rt.Publication.status == "open")).first()
            if open_pub:
                raise Conflict("本批次已有进行中的公示")
            n = workdays or rc.publication_workdays(s)
            start = start_date or rc.local_today(self.ctx.now())
            end = publication_end(start, n, rc.calendar(s))
            rows = []
            for i, r in enumerate(batch_results(s, b), 1):
                rows.append([i, r.ticket_no, mask_name(r.name), mask_id_no(r.id_no), r.unit]
                            + [r.score_text(x) for x in required_subjects(b.level)] + [r.result.label])
            p = rt.Publication(batch_id=b.id, start_date=start, workdays=n, end_date=end, rows=rows, status="open",
                               created_by=self.ctx.actor.username, created_at=self.ctx.now())
            s.add(p)
            s.flush()
            uow.journal("publication.start", plan_no, {"publication": p.id, "start": start.isoformat(), "workdays": n,
                                                       "end": end.isoformat(), "rows": len(rows)})
            return self._view(b, p)

    @requires("publication.manage")
    def close(self, plan_no: str, objections: str = "") -> None:
        """End the period.  Not before its last working day has passed; objections are recorded."""
        with self.ctx.unit_of_work() as uow:
            s = uow.session
            b = find_batch(s, plan_no)
            p = self._current(s, b)
            if p.status != "open":
                raise Conflict("公示已结束")
            today = rc.local_today(self.ctx.now())
            if today <= p.end_date:
                raise Conflict(f"公示期至 {p.end_date.isoformat()} 结束，期满后方可确认")
            p.status, p.objections, p.closed_at = "closed", objections.strip(), self.ctx.now()
            uow.journal("publication.close", plan_no, {"publication": p.id, "objections": p.objections})

    @requires("results.view")
    def current(self, plan_no: str) -> PublicationView | None:
        with self.ctx.reading() as s:
            b = find_batch(s, plan_no)
            try:
                return self._view(b, self._current(s, b))
            except NotFound:
                return None

    @staticmethod
    def _current(s, b) -> rt.Publication:
        p = s.scalars(select(rt.Publication).where(rt.Publication.batch_id == b.id)
                      .order_by(rt.Publication.id.desc())).first()
        if p is None:
            raise NotFound("本批次尚未公示")
        return p

    @staticmethod
    def _view(b, p) -> PublicationView:
        return PublicationView(p.id, b.plan_no, p.start_date, p.workdays, p.end_date, p.status, list(p.rows),
                               _columns(b.level), p.objections)

    def _header(self, s, b, p) -> list[str]:
        inst = rc.institution(s)
        return [f"评价机构：{inst.name}    认定计划号：{b.plan_no}",
                f"认定职业（工种）：{b.occupation_name}（{b.work_type or '--'}）    认定等级：{codes.level_label(b.level)}",
                f"公示期：{p.start_date.isoformat()} 至 {p.end_date.isoformat()}（{p.workdays}个工作日）"]

    @requires("publication.manage")
    def export(self, plan_no: str, xlsx: Path | str | None = None, pdf: Path | str | None = None) -> None:
        with self.ctx.reading() as s:
            b = find_batch(s, plan_no)
            p = self._current(s, b)
            header = self._header(s, b, p)
        title = "职业技能等级认定结果公示"
        footer = ["公示期内如有异议，请向评价机构实名反映。"]
        if xlsx:
            write_table_xlsx(xlsx, title, _columns(b.level), p.rows, header, footer, sheet="公示名单")
        if pdf:
            write_table_pdf(pdf, TableDoc(title, _columns(b.level), p.rows, header, footer))
        with self.ctx.unit_of_work() as uow:
            uow.journal("publication.export", plan_no, {"xlsx": bool(xlsx), "pdf": bool(pdf)})

    @requires("publication.manage")
    def confirmation_pdf(self, plan_no: str, path: Path | str) -> Path:
        """公示结果确认单 (Nanxun 附件4): the persons who passed, 经公示无异议."""
        with self.ctx.reading() as s:
            b = find_batch(s, plan_no)
            p = self._current(s, b)
            if p.status != "closed":
                raise Conflict("公示期结束后方可出具公示结果确认单")
            inst = rc.institution(s)
            passed = [r for r in batch_results(s, b) if r.passed]
        rows = [[i, r.name, r.id_no, r.unit] for i, r in enumerate(passed, 1)]
        header = [f"评价机构名称：{inst.name}", f"认定计划号：{b.plan_no}", f"认定职业：{b.occupation_name}",
                  f"认定等级：{codes.level_label(b.level)}", f"认定工种：{b.work_type or '--'}"]
        text = (f"以上共 {len(rows)} 名人员，通过 {b.occupation_name} 职业 {b.work_type or '--'} 工种 "
                f"{codes.level_label(b.level)} 等级职业技能等级认定，经公示无异议。"
                + (f"（公示期间异议及处理：{p.objections}）" if p.objections else ""))
        return write_table_pdf(path, TableDoc("职业技能等级认定公示结果确认单", ["序号", "姓名", "身份证号码", "所在单位"],
                                              rows, header, ["企业技能等级认定负责人（签名）：", "企业（盖章）：",
                                                             "内督人员（签名）：", "日期：      年    月    日"],
                                              widths_mm=[12, 25, 45, 60], paragraphs_after=[text]))
