"""违纪违规 findings about candidates: record, two witness signatures, room-head confirmation,
penalty, notice (第十七条), decision, appeal (第十九条); the register is the table itself (第二十条)."""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select

from app.core import codes
from app.core import misconduct as core
from app.core import results as results_core
from app.core.errors import Conflict, DomainError, NotFound
from app.formats.pdf import write_text_pdf
from app.services import results_common as rc
from app.services.bans import add_ban, lift_bans
from app.services.base import Service, find_batch, requires
from app.store import models
from app.store import results_tables as rt


@dataclass(frozen=True)
class FindingView:
    id: int
    ticket_no: str
    name: str
    id_no: str
    subject: str
    ref: str
    tier: str
    item_text: str
    facts: str
    evidence: str
    bookmark_id: str | None
    status: str
    status_name: str
    witnesses: tuple[str, ...]
    confirmed_by: str | None
    penalty: dict | None
    after_exam: bool
    occurred_on: _dt.date


def _view(session, f: rt.MisconductFinding) -> FindingView:
    c = session.get(models.Candidate, f.candidate_id)
    it = core.item(f.article, f.item)
    sigs = list(session.scalars(select(rt.FindingSignature).where(rt.FindingSignature.finding_id == f.id)
                                .order_by(rt.FindingSignature.id)))
    return FindingView(f.id, c.ticket_no, c.name, c.id_no, f.subject, it.ref, it.tier, it.text, f.facts, f.evidence,
                       f.bookmark_id, f.status, core.STATUS_NAMES[f.status],
                       tuple(s.name for s in sigs if s.kind == "witness"),
                       next((s.name for s in sigs if s.kind == "confirm"), None), f.penalty, f.after_exam,
                       f.occurred_on)


def _get(session, finding_id: int) -> rt.MisconductFinding:
    f = session.get(rt.MisconductFinding, finding_id)
    if f is None:
        raise NotFound(f"违纪记录 {finding_id} 不存在")
    return f


class MisconductService(Service):
    @requires("misconduct.record")
    def open_finding(self, ticket_no: str, subject: str, article: int, item: int, facts: str, *,
                     evidence: str = "", bookmark_id: str | None = None, photo: bytes | None = None,
                     warning: dict | None = None, severity: str | None = None,
                     occurred_on: _dt.date | None = None, after_exam: bool = False) -> int:
        """Record what happened.  Tier A items (一)–(三) need ``warning`` = {at, by, response} showing the
        candidate was warned (提醒) and refused to correct."""
        if len((facts or "").strip()) < 6:
            raise DomainError("须写明违纪事实（时间、地点、经过）")
        on = occurred_on or rc.local_today(self.ctx.now())
        refused = bool(warning and warning.get("refused"))
        with self.ctx.unit_of_work() as uow:
            s = uow.session
            cand = rc.candidate(s, ticket_no)
            b = s.get(models.Batch, cand.batch_id)
            try:
                core.penalty(article, item, subject=subject, subjects=results_core.required_subjects(b.level), on=on,
                             warning_refused=refused, severity=severity)
            except core.MisconductError as exc:
                raise DomainError(str(exc)) from None
            f = rt.MisconductFinding(candidate_id=cand.id, subject=subject, article=article, item=item,
                                     facts=facts.strip(), evidence=evidence.strip(), bookmark_id=bookmark_id,
                                     photo=photo, warning=warning, severity=severity, occurred_on=on,
                                     after_exam=after_exam or on > b.exam_end, status="draft",
                                     created_by=self.ctx.actor.username, created_at=self.ctx.now())
            s.add(f)
            s.flush()
            if bookmark_id is None and on == rc.local_today(self.ctx.now()):   # recorded on the spot, not later
                from app.services.camera import bookmark_for
                made = bookmark_for(uow, cand.room, f"违纪违规记录：准考证号 {ticket_no}，{facts.strip()[:60]}",
                                    self.ctx.now(), "misconduct")
                if made is not None:
                    f.bookmark_id = bookmark_id = str(made)
            uow.journal("misconduct.open", ticket_no, {"finding": f.id, "article": article, "item": item,
                                                       "subject": subject, "facts": f.facts, "evidence": f.evidence,
                                                       "bookmark": bookmark_id, "photo": photo is not None,
                                                       "warning": warning, "severity": severity,
                                                       "after_exam": f.after_exam})
            return f.id

    @requires("misconduct.record")
    def sign(self, finding_id: int, username: str, password: str) -> int:
        """A witness signs (第十六条: 2 or more staff).  Returns the number of witness signatures."""
        check = rc.password_check(self.ctx, username, password)
        with self.ctx.unit_of_work() as uow:
            s = uow.session
            staff = rc.reauthenticate(s, username, check)
            if staff.roles == ["external_supervisor"]:
                raise DomainError("外部督导员不作为违纪认定的签字人")
            f = _get(s, finding_id)
            if f.status not in ("draft", "signed"):
                raise Conflict("该记录已确认，不能再增加签字")
            if s.scalars(select(rt.FindingSignature).where(rt.FindingSignature.finding_id == f.id,
                                                          rt.FindingSignature.staff_id == staff.id,
                                                          rt.FindingSignature.kind == "witness")).first():
                raise Conflict(f"「{staff.name}」已签字；须由另一名工作人员签字")
            s.add(rt.FindingSignature(finding_id=f.id, staff_id=staff.id, username=staff.username, name=staff.name,
                                      kind="witness", signed_at=self.ctx.now()))
            s.flush()
            n = len(list(s.scalars(select(rt.FindingSignature.id).where(rt.FindingSignature.finding_id == f.id,
                                                                       rt.FindingSignature.kind == "witness"))))
            if n >= 2:
                f.status = "signed"
            uow.journal("misconduct.sign", str(f.id), {"finding": f.id, "signer": staff.username, "witnesses": n})
            return n

    @requires("misconduct.record")
    def confirm(self, finding_id: int, username: str, password: str) -> dict:
        """The 考场负责人 confirms; the penalty takes effect: subjects void, ban, certificates void (第八条)."""
        check = rc.password_check(self.ctx, username, password)
        with self.ctx.unit_of_work() as uow:
            s = uow.session
            staff = rc.reauthenticate(s, username, check, "room_head")
            f = _get(s, finding_id)
            witnesses = [x.username for x in s.scalars(select(rt.FindingSignature).where(
                rt.FindingSignature.finding_id == f.id, rt.FindingSignature.kind == "witness"))]
            problem = core.signature_problem(witnesses, True)
            if problem:
                raise Conflict(problem)
            if f.status != "signed":
                raise Conflict(f"该记录状态为「{core.STATUS_NAMES[f.status]}」，不能确认")
            cand = s.get(models.Candidate, f.candidate_id)
            b = s.get(models.Batch, cand.batch_id)
            p = core.penalty(f.article, f.item, subject=f.subject, subjects=results_core.required_subjects(b.level),
                             on=f.occurred_on, warning_refused=bool(f.warning and f.warning.get("refused")),
                             severity=f.severity)
            f.penalty = {"tier": p.tier, "void_subjects": sorted(p.void_subjects), "text": p.text,
                         "ban_from": p.ban_from.isoformat() if p.ban_from else None,
                         "ban_until": p.ban_until.isoformat() if p.ban_until else None, "referral": p.referral}
            f.status = "confirmed"
            s.add(rt.FindingSignature(finding_id=f.id, staff_id=staff.id, username=staff.username, name=staff.name,
                                      kind="confirm", signed_at=self.ctx.now()))
            uow.journal("misconduct.confirm", cand.ticket_no, {"finding": f.id, "by": staff.username,
                                                               "penalty": f.penalty})
            ref = f"misconduct:{f.id}"
            it = core.item(f.article, f.item)
            if p.ban_until:
                add_ban(uow, cand.id_no, cand.id_type, cand.name, p.ban_from, p.ban_until,
                        f"违纪指引{it.ref}：{p.text}", ref)
            if p.all_void or f.after_exam:
                for cert in s.scalars(select(rt.Certificate).where(rt.Certificate.candidate_id == cand.id,
                                                                   rt.Certificate.status == "issued")):
                    cert.status, cert.cancel_reason = "cancelled", f"违纪认定 {ref}（{it.ref}），评价成绩无效"
                    cert.cancelled_by, cert.cancelled_at = staff.username, self.ctx.now()
                    s.add(rt.CorrectionPending(candidate_id=cand.id, certificate_no=cert.certificate_no, action="void",
                                               reason=cert.cancel_reason, finding_id=f.id, created_at=self.ctx.now()))
                    uow.journal("certificate.void", cert.certificate_no, {"finding": f.id, "reason": cert.cancel_reason})
            return dict(f.penalty)

    @requires("misconduct.decide")
    def notify(self, finding_id: int, method: str, on: _dt.date | None = None) -> None:
        """第十七条: the person was told the proposed decision, its facts, reasons and article."""
        with self.ctx.unit_of_work() as uow:
            f = _get(uow.session, finding_id)
            if f.status != "confirmed":
                raise Conflict("须在考场负责人确认后、作出决定前告知")
            f.notified = {"at": (on or rc.local_today(self.ctx.now())).isoformat(), "method": method,
                          "by": self.ctx.actor.username}
            f.status = "notified"
            uow.journal("misconduct.notify", str(f.id), f.notified)

    @requires("misconduct.decide")
    def decide(self, finding_id: int, text: str = "") -> None:
        with self.ctx.unit_of_work() as uow:
            f = _get(uow.session, finding_id)
            if f.status != "notified":
                raise Conflict("作出处理决定前，须先告知当事人（第十七条）")
            f.decision = {"at": self.ctx.now().isoformat(), "by": self.ctx.actor.username,
                          "text": text.strip() or f.penalty["text"]}
            f.status = "decided"
            uow.journal("misconduct.decide", str(f.id), f.decision)

    @requires("misconduct.decide")
    def file_appeal(self, finding_id: int, statement: str, filed_on: _dt.date | None = None) -> int:
        if not (statement or "").strip():
            raise DomainError("须记录当事人的陈述和申辩内容")
        with self.ctx.unit_of_work() as uow:
            f = _get(uow.session, finding_id)
            if f.status not in ("notified", "decided"):
                raise Conflict("只有已告知或已决定的处理可以申请复核")
            a = rt.Appeal(finding_id=f.id, filed_on=filed_on or rc.local_today(self.ctx.now()),
                          statement=statement.strip(), recorded_by=self.ctx.actor.username)
            uow.session.add(a)
            uow.session.flush()
            f.status = "appealed"
            uow.journal("misconduct.appeal", str(f.id), {"appeal": a.id, "statement": a.statement})
            return a.id

    @requires("misconduct.decide")
    def review_appeal(self, appeal_id: int, outcome: str, text: str, password: str) -> None:
        """复核决定: 'upheld' keeps the penalty; 'revoked' withdraws it (scores count again, bans lifted;
        voided certificate numbers stay cancelled and the data is flagged for correction)."""
        if outcome not in ("upheld", "revoked"):
            raise DomainError("复核结论应为维持（upheld）或撤销（revoked）")
        if not (text or "").strip():
            raise DomainError("须写明复核决定的理由")
        check = rc.password_check(self.ctx, self.ctx.actor.username, password)
        with self.ctx.unit_of_work() as uow:
            s = uow.session
            rc.reauthenticate(s, self.ctx.actor.username, check)
            a = s.get(rt.Appeal, appeal_id)
            if a is None or a.outcome:
                raise Conflict("复核记录不存在或已作出决定")
            f = _get(s, a.finding_id)
            a.outcome, a.review_text, a.reviewed_by, a.reviewed_at = outcome, text.strip(), self.ctx.actor.username, self.ctx.now()
            f.status = "reviewed" if outcome == "upheld" else "withdrawn"
            uow.journal("misconduct.review", str(f.id), {"appeal": a.id, "outcome": outcome, "text": a.review_text})
            if outcome == "revoked":
                lift_bans(uow, f"misconduct:{f.id}", f"复核撤销：{a.review_text}")
                cand = s.get(models.Candidate, f.candidate_id)
                if s.scalars(select(rt.CorrectionPending).where(rt.CorrectionPending.finding_id == f.id)).first():
                    s.add(rt.CorrectionPending(candidate_id=cand.id, action="restore", finding_id=f.id,
                                               reason=f"复核撤销违纪认定 misconduct:{f.id}，原证书编号作废不再使用，须重新核发",
                                               created_at=self.ctx.now()))

    @requires("misconduct.view")
    def findings(self, plan_no: str | None = None) -> list[FindingView]:
        with self.ctx.reading() as s:
            q = select(rt.MisconductFinding).order_by(rt.MisconductFinding.id)
            if plan_no:
                b = find_batch(s, plan_no)
                q = q.join(models.Candidate, models.Candidate.id == rt.MisconductFinding.candidate_id) \
                    .where(models.Candidate.batch_id == b.id)
            return [_view(s, f) for f in s.scalars(q)]

    @requires("misconduct.view")
    def corrections(self) -> list[dict]:
        with self.ctx.reading() as s:
            return [{"id": c.id, "certificate_no": c.certificate_no, "action": c.action, "reason": c.reason,
                     "finding": c.finding_id, "exported_in": c.exported_in}
                    for c in s.scalars(select(rt.CorrectionPending).order_by(rt.CorrectionPending.id))]

    @requires("misconduct.view")
    def notice_pdf(self, finding_id: int, path: Path | str) -> Path:
        """处理决定告知书: facts, reasons and the article (第十七条), and the right to be heard (第十九条)."""
        with self.ctx.reading() as s:
            f = _get(s, finding_id)
            if f.penalty is None:
                raise Conflict("该记录尚未经考场负责人确认，不能出具告知书")
            v = _view(s, f)
            inst = rc.institution(s)
            cand = s.get(models.Candidate, f.candidate_id)
            b = s.get(models.Batch, cand.batch_id)
        it = core.item(f.article, f.item)
        paras = [
            f"{v.name}（证件号码：{v.id_no}，准考证号：{v.ticket_no}）：",
            f"你于{v.occurred_on.year}年{v.occurred_on.month}月{v.occurred_on.day}日参加{b.occupation_name}"
            f"{('（' + b.work_type + '）') if b.work_type else ''}{codes.level_label(b.level)}职业技能等级认定"
            f"（认定计划号 {b.plan_no}）{codes.SUBJECTS.get(v.subject, v.subject)}时，经查：{v.facts}",
            f"证据：{v.evidence or '现场记录'}{('；视频标记 ' + v.bookmark_id) if v.bookmark_id else ''}。"
            f"上述事实经工作人员{'、'.join(v.witnesses)}签字，报考场负责人{v.confirmed_by}确认。",
            f"理由及依据：上述行为属于{core.SOURCE}{it.ref}所列“{it.text}”情形。",
            f"处理决定：依据该指引{core.ARTICLE_NAMES[f.article]}，{f.penalty['text']}。"
            + (f"禁考期限：{f.penalty['ban_from']} 至 {f.penalty['ban_until']}。" if f.penalty.get("ban_until") else ""),
            "如对本处理决定有异议，可自收到本告知书之日起向本机构进行陈述和申辩，本机构将进行复核并作出复核决定（第十九条）。",
            f"{inst.name}",
            "（盖章）          年    月    日",
            "当事人签收：                签收日期：",
        ]
        return write_text_pdf(path, "处理决定告知书", paras)
