"""The official tables, as .xlsx and PDF: 证书数据表 (Hunan 附件4), 证书数据合规审核表 (附件3),
证书核发登记表 (Nanxun 附件5), 内部督导情况报告 (Nanxun 附件2), 考场情况记录单.

``OFFICIAL_TABLES`` (at the bottom) is the one list of them: the results workplace, ``examsite
tables``, the export bundle and the rehearsal all write them through ``write_tables``, with one
error policy.  Adding a table is a ``TablesService`` method and one entry in that list.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from sqlalchemy import select

from app.core import sitetime
from app.core import codes
from app.core import supervision as sv
from app.core.errors import Conflict, DomainError, NotFound
from app.core.idcard import birth_date
from app.formats.pdf import TableDoc, write_table_pdf
from app.formats.tables_xlsx import write_table_xlsx
from app.services import results_common as rc
from app.services.gates import check_internal_reviewer
from app.services.base import Service, find_batch, requires
from app.services.results import batch_results
from app.store import models
from app.store import results_tables as rt

CERT_DATA_COLUMNS = ["姓名", "证件类型", "证件号码", "所在单位", "职业名称", "工种名称", "职业技能等级", "证书编号",
                     "发证日期", "评价机构", "发证机构"]
COMPLIANCE_COLUMNS = ["序号", "职业名称", "工种名称", "等级", "数量"]
REGISTER_COLUMNS = ["序号", "姓名", "性别", "出生年月", "文化程度", "身份证号", "所在单位或住址", "专业工龄",
                    "理论成绩", "实操成绩", "证书编号"]
SUPERVISION_COLUMNS = ["核心指标", "分项指标", "评估标准", "分值", "得分"]
ROOM_COLUMNS = ["考场", "科目", "考试时间", "应考人数", "实考人数", "缺考人数", "缺考考生", "违纪及异常起数",
                "违纪及检录异常情况",
                "监考人员", "情况记录"]


def claims_normal(notes: str) -> bool:
    """A typed note that says the room was in order (考试秩序正常 / 考试正常 / 秩序良好 …)."""
    text = (notes or "").replace(" ", "")
    return any(w in text for w in ("秩序正常", "考试正常", "秩序良好", "正常进行", "无异常"))


def _out(path: Path | str, suffix: str) -> Path:
    return Path(path).with_suffix(suffix)


def _scored_form(form, vetoes, report) -> tuple[list[list], str]:
    """A supervision form's rows (core, item, criteria, points, score) and its veto line, ticked."""
    rows = [[line.core, line.item, line.criteria, line.max_points, report.scores.get(line.key, 0)] for line in form]
    return rows, "；".join(f"{'☑' if k in report.vetoes else '☐'} {t}" for k, t in vetoes)


def _write_form(path, title: str, sheet: str, rows, header, footer) -> tuple[Path, Path]:
    """A supervision form as .xlsx and PDF, in the one layout both forms share."""
    x = write_table_xlsx(_out(path, ".xlsx"), title, SUPERVISION_COLUMNS, rows, header, footer, sheet=sheet,
                         widths=[16, 16, 60, 8, 8])
    p = write_table_pdf(_out(path, ".pdf"), TableDoc(title, SUPERVISION_COLUMNS, rows, header, footer,
                                                     widths_mm=[22, 20, 90, 10, 10]))
    return x, p


class TablesService(Service):
    # -- 证书数据表 -----------------------------------------------------------------------
    def _cert_rows(self, s, plan_no: str | None):
        inst = rc.institution(s)
        issuer = rc.setting(s, rc.ISSUER) or inst.name
        q = (select(rt.Certificate, models.Candidate, models.Batch)
             .join(models.Candidate, models.Candidate.id == rt.Certificate.candidate_id)
             .join(models.Batch, models.Batch.id == models.Candidate.batch_id)
             .where(rt.Certificate.status == "issued").order_by(rt.Certificate.certificate_no))
        if plan_no:
            q = q.where(models.Batch.plan_no == plan_no)
        return [[p.name, p.id_type, p.id_no, p.unit, b.occupation_name, b.work_type or "", c.level, c.certificate_no,
                 c.issue_date.isoformat(), inst.name, issuer] for c, p, b in s.execute(q)]

    @requires("tables.export")
    def certificate_data(self, path: Path | str, plan_no: str | None = None) -> tuple[Path, Path]:
        """Hunan 附件4: 证件类型 as its code, level 1–5, 发证日期 YYYY-MM-DD."""
        with self.ctx.reading() as s:
            rows = self._cert_rows(s, plan_no)
        if not rows:
            raise Conflict("没有已核发的证书数据")
        title = "职业技能等级证书数据表"
        notes = ["证件类型代码：" + "；".join(f"{k}={v}" for k, v in codes.ID_TYPES.items()),
                 "职业技能等级：1=一级或高级技师；2=二级或技师；3=三级或高级工；4=四级或中级工；5=五级或初级工",
                 "发证日期为：YYYY-MM-DD格式"]
        x = write_table_xlsx(_out(path, ".xlsx"), title, CERT_DATA_COLUMNS, rows, footer=notes, sheet="证书数据")
        p = write_table_pdf(_out(path, ".pdf"), TableDoc(title, CERT_DATA_COLUMNS, rows, footer=notes, wide=True,
                                                         widths_mm=[14, 10, 30, 30, 16, 14, 10, 36, 18, 30, 30]))
        self._journal("tables.certificate_data", plan_no, len(rows))
        return x, p

    # -- 证书数据合规审核表 -------------------------------------------------------------------
    @requires("tables.export")
    def compliance(self, path: Path | str, plan_no: str | None = None, reporter: str = "", phone: str = "") -> tuple[Path, Path]:
        with self.ctx.reading() as s:
            rows = self._cert_rows(s, plan_no)
            inst = rc.institution(s)
        if not rows:
            raise Conflict("没有已核发的证书数据")
        counts = Counter((r[4], r[5] or "--", r[6]) for r in rows)
        table = [[i, occ, wt, codes.level_label(lv), n] for i, ((occ, wt, lv), n) in enumerate(sorted(counts.items()), 1)]
        today = rc.local_today(self.ctx.now()).isoformat()
        header = [f"上传单位（盖章）：{inst.name}", f"上传文件名：{_out(path, '.xlsx').name.replace('合规审核表', '证书数据表')}"]
        footer = [f"填报人：{reporter or self.ctx.actor.name}    联系电话：{phone}    上报日期：{today}"]
        title = "职业技能等级证书数据合规审核表"
        x = write_table_xlsx(_out(path, ".xlsx"), title, COMPLIANCE_COLUMNS, table, header, footer, sheet="合规审核")
        p = write_table_pdf(_out(path, ".pdf"), TableDoc(title, COMPLIANCE_COLUMNS, table, header, footer,
                                                         widths_mm=[10, 40, 40, 30, 15]))
        self._journal("tables.compliance", plan_no, len(table))
        return x, p

    # -- 证书核发登记表 ---------------------------------------------------------------------
    @requires("tables.export")
    def issue_register(self, path: Path | str, plan_no: str) -> tuple[Path, Path]:
        with self.ctx.reading() as s:
            b = find_batch(s, plan_no)
            inst = rc.institution(s)
            certs = {c.candidate_id: c.certificate_no for c in s.scalars(
                select(rt.Certificate).join(models.Candidate, models.Candidate.id == rt.Certificate.candidate_id)
                .where(models.Candidate.batch_id == b.id, rt.Certificate.status == "issued"))}
            cands = {c.ticket_no: c for c in s.scalars(select(models.Candidate).where(models.Candidate.batch_id == b.id))}
            rows = []
            for r in batch_results(s, b):
                c = cands[r.ticket_no]
                if c.id not in certs:
                    continue
                born = ""
                if c.id_type == codes.ID_TYPE_RESIDENT_CARD:
                    d = birth_date(c.id_no)
                    born = f"{d.year}-{d.month:02d}"
                rows.append([len(rows) + 1, c.name, c.sex, born, "", c.id_no, c.unit, "",
                             r.score_text("theory"), r.score_text("practical"), certs[c.id]])
        if not rows:
            raise Conflict("本批次尚未核发证书")
        header = [f"填表单位（盖章）：{inst.name}", f"工种：{b.occupation_name}（{b.work_type or '--'}）",
                  f"等级：{codes.level_label(b.level)}", f"填表时间：{rc.local_today(self.ctx.now()).isoformat()}"]
        footer = ["填表人（签字）：", "复核人（签字）：", "审核人（签字）："]
        title = f"{inst.name}职业技能等级证书核发登记表"
        x = write_table_xlsx(_out(path, ".xlsx"), title, REGISTER_COLUMNS, rows, header, footer, sheet="核发登记")
        p = write_table_pdf(_out(path, ".pdf"), TableDoc(title, REGISTER_COLUMNS, rows, header, footer, wide=True,
                                                         widths_mm=[8, 14, 8, 14, 12, 32, 36, 10, 12, 12, 36]))
        self._journal("tables.issue_register", plan_no, len(rows))
        return x, p

    # -- 内部督导情况报告 ------------------------------------------------------------------
    @requires("supervision.report")
    def save_supervision(self, plan_no: str, scores: dict[str, int], vetoes: list[str], opinion: str,
                         password: str) -> int:
        """Filled in and signed (password) by the internal supervisor assigned to the batch."""
        problems = sv.score_problems(scores)
        unknown = set(vetoes) - {k for k, _ in sv.VETOES}
        if unknown:
            problems.append(f"未知否决项：{'、'.join(sorted(unknown))}")
        if problems:
            raise DomainError("；".join(problems))
        actor = self.ctx.actor
        check = rc.password_check(self.ctx, actor.username, password)
        with self.ctx.unit_of_work() as uow:
            s = uow.session
            rc.reauthenticate(s, actor.username, check, "internal_supervisor")
            b = find_batch(s, plan_no)
            check_internal_reviewer(s, b, actor.staff_id, actor.name)   # assigned 内督, no other duty in the batch
            total = sv.total(scores, set(vetoes))
            r = s.get(rt.SupervisionReport, b.id)
            before = None if r is None else {"scores": r.scores, "vetoes": r.vetoes, "total": r.total}
            if r is None:
                r = rt.SupervisionReport(batch_id=b.id)
                s.add(r)
            r.scores, r.vetoes, r.opinion, r.total = dict(scores), list(vetoes), opinion.strip(), total
            r.supervisor, r.supervisor_name, r.signed_at = actor.username, actor.name, self.ctx.now()
            uow.journal("supervision.report", plan_no, {"before": before, "scores": scores, "vetoes": vetoes,
                                                        "total": total, "opinion": r.opinion})
            if vetoes:   # 否决项: "触犯任何一项即本次内督得分为0，且暂停本次认定" [003 L371]
                from app.services.gates import suspension_problems
                from app.store import rules_tables as rules
                if not suspension_problems(s, b):
                    s.add(rules.BatchSuspension(batch_id=b.id, vetoes=[dict(sv.VETOES)[k] for k in vetoes],
                                                opened_by=actor.username, opened_at=self.ctx.now()))
                    uow.journal("batch.suspend", plan_no, {"vetoes": list(vetoes), "by": actor.username})
            return total

    @requires("supervision.report")
    def resolve_suspension(self, plan_no: str, reason: str, password: str) -> None:
        """The 内督 lifts the suspension a veto caused, with the reason (整改情况); journaled."""
        if len((reason or "").strip()) < 6:
            raise DomainError("恢复认定须写明否决项的处理和整改情况（至少6个字）")
        actor = self.ctx.actor
        check = rc.password_check(self.ctx, actor.username, password)  # Argon2 before the write lock
        with self.ctx.unit_of_work() as uow:
            s = uow.session
            rc.reauthenticate(s, actor.username, check, "internal_supervisor")
            b = find_batch(s, plan_no)
            check_internal_reviewer(s, b, actor.staff_id, actor.name)
            from app.store import rules_tables as rules
            row = s.scalars(select(rules.BatchSuspension).where(rules.BatchSuspension.batch_id == b.id,
                                                               rules.BatchSuspension.resolved_at.is_(None))).first()
            if row is None:
                raise Conflict("本批次没有暂停中的认定")
            row.resolution, row.resolved_by, row.resolved_at = reason.strip(), actor.username, self.ctx.now()
            uow.journal("batch.resume", plan_no, {"suspension": row.id, "reason": row.resolution})

    @requires("tables.export")
    def supervision_report(self, path: Path | str, plan_no: str) -> tuple[Path, Path]:
        with self.ctx.reading() as s:
            b = find_batch(s, plan_no)
            r = s.get(rt.SupervisionReport, b.id)
            if r is None:
                raise NotFound("内部督导员尚未填写督导报告")
            inst = rc.institution(s)
            staff = s.scalars(select(models.Staff).where(models.Staff.username == r.supervisor)).first()
        rows, veto_text = _scored_form(sv.FORM, sv.VETOES, r)
        header = [f"被督导单位：{inst.name}", f"督导人员姓名：{r.supervisor_name}    督导员工作单位：{staff.unit if staff else ''}",
                  f"督导时间：{b.exam_start.isoformat()} 至 {b.exam_end.isoformat()}",
                  f"认定职业（工种）：{b.occupation_name}（{b.work_type or '--'}）    认定等级：{codes.level_label(b.level)}"]
        footer = [f"否决项（{sv.VETO_NOTE}）：{veto_text}", f"总分：{r.total}",
                  f"内督人员意见或其他问题说明：{r.opinion}",
                  f"内督人员签字：{r.supervisor_name}（系统签字 {sitetime.site_date(r.signed_at).isoformat()}）    日期：{sitetime.site_date(r.signed_at).isoformat()}"]
        title = "职业技能等级认定内部督导情况报告"
        out = _write_form(path, title, "内督报告", rows, header, footer)
        self._journal("tables.supervision_report", plan_no, len(rows))
        return out

    # -- 外督情况登记表 (附件3) ------------------------------------------------------------------
    @requires("supervision.external")
    def save_external_supervision(self, plan_no: str, scores: dict[str, int], vetoes: list[str], opinion: str,
                                  password: str) -> int:
        """Filled in and signed (password) by the 外督 dispatched to the batch (Nanxun 附件3 [003 L402–687]).
        The 外督 carries a valid card [002 L1134] and holds no other duty in the batch [002 L1172]."""
        problems = sv.external_score_problems(scores)
        unknown = set(vetoes) - {k for k, _ in sv.EXTERNAL_VETOES}
        if unknown:
            problems.append(f"未知否决项：{'、'.join(sorted(unknown))}")
        if problems:
            raise DomainError("；".join(problems))
        actor = self.ctx.actor
        check = rc.password_check(self.ctx, actor.username, password)  # Argon2 before the write lock
        with self.ctx.unit_of_work() as uow:
            s = uow.session
            staff = rc.reauthenticate(s, actor.username, check, "external_supervisor")
            b = find_batch(s, plan_no)
            from app.core.supervisor_card import card_problem
            from app.services.gates import batch_roles
            from app.store import rules_tables as rules
            roles = batch_roles(s, b.id, staff.id)
            if "external_supervisor" not in roles:
                raise Conflict(f"「{staff.name}」未被派遣为本批次的外部质量督导员")
            clash = roles & {"grader", "chief_grader", "proctor", "internal_supervisor"}
            if clash:
                raise Conflict(f"「{staff.name}」在本批次另有职责，不能签署外督情况登记表（督导规程第十六条）")
            problem = card_problem(staff.card_no or "", "external")
            if problem:
                raise DomainError(f"外督证卡无效：{problem}")
            total = sv.external_total(scores, vetoes)
            r = s.get(rules.ExternalSupervision, b.id)
            if r is None:
                r = rules.ExternalSupervision(batch_id=b.id)
                s.add(r)
            r.scores, r.vetoes, r.opinion, r.total = dict(scores), list(vetoes), opinion.strip(), total
            r.supervisor, r.supervisor_name, r.card_no, r.signed_at = staff.username, staff.name, staff.card_no, self.ctx.now()
            uow.journal("supervision.external", plan_no, {"scores": scores, "vetoes": list(vetoes), "total": total,
                                                          "opinion": r.opinion, "card_no": staff.card_no})
            return total

    @requires("tables.export")
    def external_supervision_form(self, path: Path | str, plan_no: str) -> tuple[Path, Path]:
        """技能人才评价外督情况登记表 as .xlsx and PDF."""
        from app.store import rules_tables as rules
        with self.ctx.reading() as s:
            b = find_batch(s, plan_no)
            r = s.get(rules.ExternalSupervision, b.id)
            if r is None:
                raise NotFound("外部督导员尚未填写外督情况登记表")
            inst = rc.institution(s)
            staff = s.scalars(select(models.Staff).where(models.Staff.username == r.supervisor)).first()
            rep = s.get(rt.SupervisionReport, b.id)
        rows, veto_text = _scored_form(sv.EXTERNAL_FORM, sv.EXTERNAL_VETOES, r)
        header = [f"受督导单位：{inst.name}", f"督导时间：{b.exam_start.isoformat()} 至 {b.exam_end.isoformat()}",
                  f"职业（工种）：{b.occupation_name}（{b.work_type or '--'}）    等级：{codes.level_label(b.level)}",
                  f"外督人员：{r.supervisor_name}（证卡 {r.card_no}）    督导人员工作单位：{staff.unit if staff else ''}"]
        footer = [f"否决项（{sv.EXTERNAL_VETO_NOTE}）：{veto_text}", f"合计（100分）得分：{r.total}",
                  f"意见建议或其他问题说明：{r.opinion}",
                  f"内督人员签名：{rep.supervisor_name if rep else ''}    "
                  f"外督人员签名：{r.supervisor_name}（系统签字 {sitetime.site_date(r.signed_at).isoformat()}）"]
        title = "技能人才评价外督情况登记表"
        out = _write_form(path, title, "外督登记表", rows, header, footer)
        self._journal("tables.external_supervision", plan_no, len(rows))
        return out

    # -- 考场情况记录单 -------------------------------------------------------------------
    @requires("room_record.edit")
    def set_room_record(self, plan_no: str, room: str, subject: str, session: str = "", proctors: str = "",
                        notes: str = "") -> None:
        with self.ctx.unit_of_work() as uow:
            s = uow.session
            b = find_batch(s, plan_no)
            if subject not in rc.subjects(s, b):
                raise DomainError(f"本批次没有科目「{subject}」")
            r = s.scalars(select(rt.RoomRecord).where(rt.RoomRecord.batch_id == b.id, rt.RoomRecord.room == room,
                                                      rt.RoomRecord.subject == subject)).first()
            if r is None:
                r = rt.RoomRecord(batch_id=b.id, room=room, subject=subject)
                s.add(r)
            r.session, r.proctors, r.notes = session, proctors, notes
            r.updated_by, r.updated_at = self.ctx.actor.username, self.ctx.now()
            uow.journal("room_record.set", plan_no, {"room": room, "subject": subject, "session": session,
                                                     "proctors": proctors, "notes": notes})

    def _room_rows(self, s, b) -> list[list]:
        from app.services.results import ACTIVE_FINDING

        cands = list(s.scalars(select(models.Candidate).where(models.Candidate.batch_id == b.id)
                               .order_by(models.Candidate.ticket_no)))
        by_id = {c.id: c for c in cands}
        absent: dict[tuple[str, str], list[str]] = {}
        for sc in s.scalars(select(rt.SubjectScore).where(rt.SubjectScore.candidate_id.in_(list(by_id)),
                                                          rt.SubjectScore.absent.is_(True))):
            c = by_id[sc.candidate_id]
            absent.setdefault((c.room, sc.subject), []).append(c.ticket_no)
        findings: dict[tuple[str, str], list[str]] = {}
        # Every finding recorded in the room, whatever its stage: the record reports what happened in the
        # room (the facts), not only the penalties decided later.
        for f in s.scalars(select(rt.MisconductFinding).where(rt.MisconductFinding.candidate_id.in_(list(by_id)))):
            c = by_id[f.candidate_id]
            from app.core.misconduct import STATUS_NAMES, item
            stage = ("" if f.status in ACTIVE_FINDING else "（复核撤销）" if f.status == "withdrawn"
                     else f"（{STATUS_NAMES[f.status]}）")
            findings.setdefault((c.room, f.subject), []).append(f"{c.ticket_no} {c.name}：{item(f.article, f.item).ref}"
                                                                + stage)
        # Incidents at the door of the room's session (e.g. 人证不符, suspected 冒名顶替): the record reports them.
        from app.store.checkin_tables import CheckinSession, DoorIncident
        for inc, sess in s.execute(select(DoorIncident, CheckinSession).join(
                CheckinSession, CheckinSession.id == DoorIncident.session_id).where(CheckinSession.batch_id == b.id)):
            c = by_id.get(inc.candidate_id)
            if c is not None:
                findings.setdefault((c.room, sess.subject), []).append(f"{c.ticket_no} {c.name}：检录异常（{inc.note}）")
        records = {(r.room, r.subject): r for r in s.scalars(select(rt.RoomRecord).where(rt.RoomRecord.batch_id == b.id))}
        rooms = sorted({c.room for c in cands})
        rows = []
        for room in rooms:
            expected = sum(1 for c in cands if c.room == room)
            for subject in rc.subjects(s, b):
                a = absent.get((room, subject), [])
                f = findings.get((room, subject), [])
                rec = records.get((room, subject))
                notes = rec.notes if rec else ""
                if f and claims_normal(notes):   # never "考试秩序正常" beside an incident of the same room
                    notes = f"本场有违纪或检录异常 {len(f)} 起，见违纪情况栏"
                rows.append([room or "--", codes.SUBJECTS[subject], rec.session if rec else "", expected,
                             expected - len(a), len(a), "、".join(a), len(f), "；".join(f),
                             rec.proctors if rec else "", notes])
        return rows

    @requires("tables.export")
    def room_records(self, path: Path | str, plan_no: str) -> tuple[Path, Path]:
        with self.ctx.reading() as s:
            b = find_batch(s, plan_no)
            inst = rc.institution(s)
            rows = self._room_rows(s, b)
        header = [f"评价机构：{inst.name}    认定计划号：{b.plan_no}",
                  f"认定职业（工种）：{b.occupation_name}（{b.work_type or '--'}）    等级：{codes.level_label(b.level)}    "
                  f"考试日期：{b.exam_start.isoformat()}"]
        footer = ["监考人员（签字）：", "考场负责人（签字）：", "内部质量督导员（签字）："]
        title = "考场情况记录单"
        x = write_table_xlsx(_out(path, ".xlsx"), title, ROOM_COLUMNS, rows, header, footer, sheet="考场情况")
        p = write_table_pdf(_out(path, ".pdf"), TableDoc(title, ROOM_COLUMNS, rows, header, footer, wide=True,
                                                         widths_mm=[14, 18, 18, 10, 10, 10, 30, 10, 40, 20, 30]))
        self._journal("tables.room_records", plan_no, len(rows))
        return x, p

    def _journal(self, action: str, plan_no: str | None, rows: int) -> None:
        with self.ctx.unit_of_work() as uow:
            uow.journal(action, plan_no or "", {"rows": rows})


# -- the one list of official tables -------------------------------------------------------------
@dataclass(frozen=True)
class OfficialTable:
    """One official table: ``name`` is the title people see and the file stem (``<plan>-<name>``);
    ``method`` the ``TablesService`` method that writes it, ``method(path, plan_no) -> (xlsx, pdf)``;
    ``bundle`` its path without suffix under the export bundle's ``data/`` (``None``: not carried).
    The bundle slot that carries it is the first part of that path (results, supervision).
    ``bundle_if(ctx, plan_no)``, when given, says whether the bundle carries it yet (a form that
    people may print blank goes into the bundle only once it was filled in)."""

    name: str
    method: str
    bundle: str | None = None
    bundle_if: Callable[..., bool] | None = None


def _room_records_typed(ctx, plan_no: str) -> bool:
    with ctx.reading() as s:
        b = find_batch(s, plan_no)
        return s.scalars(select(rt.RoomRecord.id).where(rt.RoomRecord.batch_id == b.id).limit(1)).first() is not None


OFFICIAL_TABLES: tuple[OfficialTable, ...] = (
    OfficialTable("证书数据表", "certificate_data", "results/证书数据表"),
    OfficialTable("证书数据合规审核表", "compliance"),
    OfficialTable("证书核发登记表", "issue_register", "results/证书核发登记表"),
    OfficialTable("考场情况记录单", "room_records", "supervision/考场情况记录单", bundle_if=_room_records_typed),
    OfficialTable("内部督导情况报告", "supervision_report", "supervision/内部质量督导报告"),
)

# The one error policy: a table whose data is not there yet (no certificate issued, no supervision
# report signed) is skipped and the reason given; anything else (a role without the right, a full
# disk, a bug) stops the whole export.
NOT_READY = (Conflict, NotFound)


@dataclass
class TablesWritten:
    files: list[Path] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (table name, one-line reason)


def write_tables(ctx, plan_no: str, folder: Path | str, bundle_slot: str | None = None) -> TablesWritten:
    """Write every official table of ``plan_no`` into ``folder`` as ``<plan>-<name>.xlsx/.pdf``;
    with ``bundle_slot``, only the tables that slot carries, at their bundle paths under ``folder``
    (the bag's ``data/``)."""
    svc, out, folder = TablesService(ctx), TablesWritten(), Path(folder)
    for table in OFFICIAL_TABLES:
        if bundle_slot is None:
            target = folder / f"{plan_no}-{table.name}"
        elif table.bundle and table.bundle.split("/", 1)[0] == bundle_slot:
            if table.bundle_if is not None and not table.bundle_if(ctx, plan_no):
                continue
            target = folder / table.bundle
        else:
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        try:
            out.files += getattr(svc, table.method)(target, plan_no)
        except NOT_READY as exc:
            out.skipped.append((table.name, str(exc)))
    return out
