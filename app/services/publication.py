"""公示 of results: masked list (PDF and .xlsx), period in working days, end date, 公示结果确认单.

The minimum period comes from the site's province profile (Nanxun "成绩须公示5个工作日" [003 L49],
Hunan "公示期不少于7个工作日" [000 L97]); a shorter one is refused.  An objection (异议) is recorded
against one candidate and blocks numbering their certificate until it is resolved with a reason; the
公示结果确认单 says 经公示无异议 only when no objection was recorded."""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select

from app.core import codes, profiles
from app.core.errors import Conflict, DomainError, NotFound
from app.core.idcard import mask_id_no, mask_name
from app.core.workdays import publication_end
from app.formats.pdf import TableDoc, write_table_pdf
from app.formats.tables_xlsx import write_table_xlsx
from app.services import results_common as rc
from app.services.base import Service, find_batch, requires
from app.services.results import batch_results
from app.services.profile import site_profile
from app.store import models
from app.store import results_tables as rt
from app.store import rules_tables as rules

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


def _row_subjects(rows) -> tuple[str, ...]:
    """The subjects of a published list, as frozen in its rows (序号…所在单位, the scores, 认定结果)."""
    n = len(rows[0]) - 6 if rows else 2
    return ("theory", "practical", "review")[:n]


def _columns(subjects: tuple[str, ...]) -> list[str]:
    return ["序号", "准考证号", "姓名", "证件号码", "所在单位"] + [SUBJECT_SHORT[s] for s in subjects] + ["认定结果"]


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
            profile = site_profile(s)
            n = workdays or max(rc.publication_workdays(s), profile.publication_min_workdays)
            problem = profiles.publication_period_problem(profile, n)
            if problem:
                raise DomainError(problem)
            start = start_date or rc.local_today(self.ctx.now())
            end = publication_end(start, n, rc.calendar(s))
            rows = []
            for i, r in enumerate(batch_results(s, b), 1):
                rows.append([i, r.ticket_no, mask_name(r.name), mask_id_no(r.id_no), r.unit]
                            + [r.score_text(x) for x in rc.subjects(s, b)] + [r.result.label])
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

    @requires("publication.manage")
    def record_objection(self, plan_no: str, ticket_no: str, text: str) -> int:
        """An objection raised during 公示 about one candidate (实名反映).  Blocks that candidate's
        certificate number until resolved."""
        if len((text or "").strip()) < 4:
            raise DomainError("须写明异议内容（至少4个字）")
        with self.ctx.unit_of_work() as uow:
            s = uow.session
            b = find_batch(s, plan_no)
            p = self._current(s, b)
            cand = rc.candidate(s, ticket_no)
            if cand.batch_id != b.id:
                raise DomainError(f"准考证号「{ticket_no}」不属于认定计划 {plan_no}")
            o = rules.PublicationObjection(batch_id=b.id, candidate_id=cand.id, publication_id=p.id,
                                           text=text.strip(), recorded_by=self.ctx.actor.username,
                                           recorded_at=self.ctx.now())
            s.add(o)
            s.flush()
            uow.journal("publication.objection", plan_no, {"objection": o.id, "ticket_no": ticket_no,
                                                           "text": o.text})
            return o.id

    @requires("publication.manage")
    def resolve_objection(self, objection_id: int, outcome: str, reason: str) -> None:
        """``outcome``: 'dismissed' (异议不成立, the candidate may be numbered) or 'upheld' (异议成立:
        the result is not confirmed; the candidate is not numbered).  Always with a reason."""
        if outcome not in ("dismissed", "upheld"):
            raise DomainError("处理结论应为 dismissed（异议不成立）或 upheld（异议成立）")
        if len((reason or "").strip()) < 4:
            raise DomainError("处理异议须写明理由（至少4个字）")
        with self.ctx.unit_of_work() as uow:
            o = uow.session.get(rules.PublicationObjection, objection_id)
            if o is None:
                raise NotFound(f"异议 {objection_id} 不存在")
            if o.outcome:
                raise Conflict("该异议已处理")
            o.outcome, o.resolution = outcome, reason.strip()
            o.resolved_by, o.resolved_at = self.ctx.actor.username, self.ctx.now()
            uow.journal("publication.objection_resolved", str(o.id), {"objection": o.id, "outcome": outcome,
                                                                      "reason": o.resolution})

    @requires("results.view")
    def objections(self, plan_no: str) -> list[dict]:
        with self.ctx.reading() as s:
            b = find_batch(s, plan_no)
            out = []
            for o in s.scalars(select(rules.PublicationObjection).where(rules.PublicationObjection.batch_id == b.id)
                               .order_by(rules.PublicationObjection.id)):
                c = s.get(models.Candidate, o.candidate_id)
                out.append({"id": o.id, "ticket_no": c.ticket_no, "name": c.name, "text": o.text,
                            "outcome": o.outcome, "resolution": o.resolution})
            return out

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
                               _columns(_row_subjects(p.rows)), p.objections)

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
            write_table_xlsx(xlsx, title, _columns(_row_subjects(p.rows)), p.rows, header, footer, sheet="公示名单")
        if pdf:
            write_table_pdf(pdf, TableDoc(title, _columns(_row_subjects(p.rows)), p.rows, header, footer))
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
            objections = list(s.scalars(select(rules.PublicationObjection)
                                        .where(rules.PublicationObjection.batch_id == b.id)
                                        .order_by(rules.PublicationObjection.id)))
            tickets = {o.id: s.get(models.Candidate, o.candidate_id).ticket_no for o in objections}
            held = {tickets[o.id] for o in objections if o.outcome != "dismissed"}   # open or upheld
            passed = [r for r in batch_results(s, b) if r.passed and r.ticket_no not in held]
        rows = [[i, r.name, r.id_no, r.unit] for i, r in enumerate(passed, 1)]
        if objections or p.objections:
            names = {"dismissed": "异议不成立", "upheld": "异议成立", None: "尚未处理"}
            handled = "；".join(f"准考证号 {tickets[o.id]}：{o.text}（{names[o.outcome]}"
                               + (f"，理由：{o.resolution}" if o.resolution else "") + "）" for o in objections)
            verdict = (f"公示期间收到异议 {len(objections)} 件"
                       + (f"：{handled}" if handled else "") + (f"；{p.objections}" if p.objections else "") + "。"
                       + ("异议尚未处理或成立的人员未列入本确认单。" if held else ""))
        else:
            verdict = "经公示无异议。"
        header = [f"评价机构名称：{inst.name}", f"认定计划号：{b.plan_no}", f"认定职业：{b.occupation_name}",
                  f"认定等级：{codes.level_label(b.level)}", f"认定工种：{b.work_type or '--'}"]
        text = (f"以上共 {len(rows)} 名人员，通过 {b.occupation_name} 职业 {b.work_type or '--'} 工种 "
                f"{codes.level_label(b.level)} 等级职业技能等级认定，{verdict}")
        return write_table_pdf(path, TableDoc("职业技能等级认定公示结果确认单", ["序号", "姓名", "身份证号码", "所在单位"],
                                              rows, header, ["企业技能等级认定负责人（签名）：", "企业（盖章）：",
                                                             "内督人员（签名）：", "日期：      年    月    日"],
                                              widths_mm=[12, 25, 45, 60], paragraphs_after=[text]))
