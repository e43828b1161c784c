"""违纪违规 findings about candidates, in the legal order of 违纪指引 第十六—二十条:

record → two staff sign the finding (第十六条 "经2名（含）以上工作人员签字") → the 考场负责人
confirms ("报考场负责人确认"; never one of the two witnesses) — confirmation records the facts
and the *proposed* penalty only → notice (告知, 第十七条 "作出处理决定前，应当告知…拟作出的处理决定
及相关事实、理由和依据") with a period for the candidate's statement (陈述和申辩) → the institution's
written decision ("以书面形式送达"), which alone applies the penalty (void subjects, bans,
certificate cancellation and correction) → appeal and 复核决定 (第十九条).  The notice and the
decision are two documents.  The register is the table itself (第二十条)."""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select

from app.core import codes
from app.core.workdays import add_workdays
from app.core import misconduct as core
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


STATEMENT_WORKDAYS = 3  # [INFERENCE] the seeds give no period for 陈述和申辩; the institution sets it per notice


def _is_room_head_of(session, staff_id: int, batch_id: int) -> bool:
    return session.scalars(select(models.BatchAssignment.id).where(
        models.BatchAssignment.batch_id == batch_id, models.BatchAssignment.staff_id == staff_id,
        models.BatchAssignment.role == "room_head")).first() is not None


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
                core.penalty(article, item, subject=subject, subjects=rc.subjects(s, b), on=on,
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
            cand = s.get(models.Candidate, f.candidate_id)
            if _is_room_head_of(s, staff.id, cand.batch_id):
                raise Conflict(f"「{staff.name}」是本批次的考场负责人，只能确认，不能作为签字的工作人员（第十六条）")
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
        """The 考场负责人 confirms the facts signed by two staff (第十六条).  Nothing takes effect yet:
        the proposed penalty is recorded for the notice; only the decision applies it.
        Returns the proposed penalty."""
        check = rc.password_check(self.ctx, username, password)
        with self.ctx.unit_of_work() as uow:
            s = uow.session
            staff = rc.reauthenticate(s, username, check, "room_head")
            f = _get(s, finding_id)
            witnesses = [x.username for x in s.scalars(select(rt.FindingSignature).where(
                rt.FindingSignature.finding_id == f.id, rt.FindingSignature.kind == "witness"))]
            if staff.username in witnesses:
                raise Conflict(f"「{staff.name}」已作为工作人员签字，不能再以考场负责人身份确认（第十六条）")
            problem = core.signature_problem(witnesses, True)
            if problem:
                raise Conflict(problem)
            if f.status != "signed":
                raise Conflict(f"该记录状态为「{core.STATUS_NAMES[f.status]}」，不能确认")
            cand = s.get(models.Candidate, f.candidate_id)
            b = s.get(models.Batch, cand.batch_id)
            p = core.penalty(f.article, f.item, subject=f.subject, subjects=rc.subjects(s, b),
                             on=f.occurred_on, warning_refused=bool(f.warning and f.warning.get("refused")),
                             severity=f.severity)
            f.penalty = {"tier": p.tier, "void_subjects": sorted(p.void_subjects), "text": p.text,
                         "ban_from": p.ban_from.isoformat() if p.ban_from else None,
                         "ban_until": p.ban_until.isoformat() if p.ban_until else None, "referral": p.referral,
                         "proposed": True}
            f.status = "confirmed"
            s.add(rt.FindingSignature(finding_id=f.id, staff_id=staff.id, username=staff.username, name=staff.name,
                                      kind="confirm", signed_at=self.ctx.now()))
            uow.journal("misconduct.confirm", cand.ticket_no, {"finding": f.id, "by": staff.username,
                                                               "proposed": f.penalty})
            return dict(f.penalty)

    @requires("misconduct.decide")
    def notify(self, finding_id: int, method: str, on: _dt.date | None = None,
               reply_workdays: int = STATEMENT_WORKDAYS) -> _dt.date:
        """第十七条: the person is told the proposed decision, its facts, reasons and article, and until
        when they may state their case (陈述和申辩).  Returns that last day."""
        if not (method or "").strip():
            raise DomainError("须写明告知方式（如当面送达、邮寄）")
        if not 1 <= int(reply_workdays) <= 30:
            raise DomainError("陈述和申辩期限应为1—30个工作日")
        with self.ctx.unit_of_work() as uow:
            f = _get(uow.session, finding_id)
            if f.status != "confirmed":
                raise Conflict("须在考场负责人确认后、作出决定前告知")
            day = on or rc.local_today(self.ctx.now())
            reply_by = add_workdays(day, int(reply_workdays), rc.calendar(uow.session))
            f.notified = {"at": day.isoformat(), "method": method.strip(), "by": self.ctx.actor.username,
                          "reply_by": reply_by.isoformat(), "statement": None}
            f.status = "notified"
            uow.journal("misconduct.notify", str(f.id), f.notified)
            return reply_by

    @requires("misconduct.decide")
    def record_statement(self, finding_id: int, statement: str = "", waived: bool = False) -> None:
        """The candidate's 陈述和申辩 after the notice, or their written waiver (放弃陈述申辩)."""
        if not waived and len((statement or "").strip()) < 2:
            raise DomainError("须记录当事人的陈述和申辩内容（或记录其放弃）")
        with self.ctx.unit_of_work() as uow:
            f = _get(uow.session, finding_id)
            if f.status != "notified":
                raise Conflict("陈述和申辩在告知之后、作出决定之前记录")
            f.notified = {**f.notified, "statement": {"text": (statement or "").strip(), "waived": bool(waived),
                                                      "at": self.ctx.now().isoformat(),
                                                      "recorded_by": self.ctx.actor.username}}
            uow.journal("misconduct.statement", str(f.id), f.notified["statement"])

    @requires("misconduct.decide")
    def decide(self, finding_id: int, text: str = "") -> dict:
        """The institution's written decision (第十七条): after the notice, once the candidate has stated
        their case (or waived it) or the period has passed.  Only now does the penalty apply:
        subjects void, ban, issued certificates cancelled and flagged for correction (第八条)."""
        with self.ctx.unit_of_work() as uow:
            s = uow.session
            f = _get(s, finding_id)
            if f.status != "notified":
                raise Conflict("作出处理决定前，须先告知当事人（第十七条）")
            today = rc.local_today(self.ctx.now())
            reply_by = _dt.date.fromisoformat(f.notified["reply_by"]) if f.notified.get("reply_by") else None
            if not f.notified.get("statement") and reply_by is not None and today <= reply_by:
                raise Conflict(f"当事人陈述和申辩期限至 {reply_by.isoformat()}；须记录其陈述（或放弃）或期满后方可决定")
            penalty = {k: v for k, v in f.penalty.items() if k != "proposed"}
            f.penalty = penalty
            f.decision = {"at": self.ctx.now().isoformat(), "by": self.ctx.actor.username,
                          "text": text.strip() or penalty["text"]}
            f.status = "decided"
            cand = s.get(models.Candidate, f.candidate_id)
            uow.journal("misconduct.decide", str(f.id), {**f.decision, "penalty": penalty})
            ref = f"misconduct:{f.id}"
            it = core.item(f.article, f.item)
            if penalty.get("ban_until"):
                add_ban(uow, cand.id_no, cand.id_type, cand.name, _dt.date.fromisoformat(penalty["ban_from"]),
                        _dt.date.fromisoformat(penalty["ban_until"]), f"违纪指引{it.ref}：{penalty['text']}", ref)
            if penalty["tier"] in ("B", "C") or f.after_exam:
                for cert in s.scalars(select(rt.Certificate).where(rt.Certificate.candidate_id == cand.id,
                                                                   rt.Certificate.status == "issued")):
                    cert.status, cert.cancel_reason = "cancelled", f"违纪处理决定 {ref}（{it.ref}），评价成绩无效"
                    cert.cancelled_by, cert.cancelled_at = self.ctx.actor.username, self.ctx.now()
                    s.add(rt.CorrectionPending(candidate_id=cand.id, certificate_no=cert.certificate_no, action="void",
                                               reason=cert.cancel_reason, finding_id=f.id, created_at=self.ctx.now()))
                    uow.journal("certificate.void", cert.certificate_no, {"finding": f.id, "reason": cert.cancel_reason})
            return dict(penalty)

    @requires("misconduct.decide")
    def file_appeal(self, finding_id: int, statement: str, filed_on: _dt.date | None = None) -> int:
        if not (statement or "").strip():
            raise DomainError("须记录当事人的陈述和申辩内容")
        with self.ctx.unit_of_work() as uow:
            f = _get(uow.session, finding_id)
            if f.status != "decided":
                raise Conflict("对处理决定有异议方可申请复核（第十九条）；决定前的陈述和申辩请记录为陈述")
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

    def _letter_facts(self, finding_id: int):
        with self.ctx.reading() as s:
            f = _get(s, finding_id)
            if f.penalty is None:
                raise Conflict("该记录尚未经考场负责人确认，不能出具文书")
            v = _view(s, f)
            inst = rc.institution(s)
            cand = s.get(models.Candidate, f.candidate_id)
            b = s.get(models.Batch, cand.batch_id)
            appeal = s.scalars(select(rt.Appeal).where(rt.Appeal.finding_id == f.id)).first()
            snapshot = (dict(f.penalty), dict(f.notified or {}), dict(f.decision or {}), f.article, f.status)
            it = core.item(f.article, f.item)
        head = [
            f"{v.name}（证件号码：{v.id_no}，准考证号：{v.ticket_no}）：",
            f"你于{v.occurred_on.year}年{v.occurred_on.month}月{v.occurred_on.day}日参加{b.occupation_name}"
            f"{('（' + b.work_type + '）') if b.work_type else ''}{codes.level_label(b.level)}职业技能等级认定"
            f"（认定计划号 {b.plan_no}）{codes.SUBJECTS.get(v.subject, v.subject)}时，经查：{v.facts}",
            f"证据：{v.evidence or '现场记录'}{('；视频标记 ' + v.bookmark_id) if v.bookmark_id else ''}。"
            f"上述事实经工作人员{'、'.join(v.witnesses)}签字，报考场负责人{v.confirmed_by}确认。",
            f"理由及依据：上述行为属于{core.SOURCE}{it.ref}所列“{it.text}”情形。",
        ]
        return snapshot, head, inst, appeal

    @requires("misconduct.view")
    def notice_pdf(self, finding_id: int, path: Path | str) -> Path:
        """处理决定告知书 (第十七条): the *proposed* decision, its facts, reasons and article, and the
        period for the candidate's statement (陈述和申辩).  Not the decision itself."""
        (penalty, notified, _decision, article, _status), head, inst, _ = self._letter_facts(finding_id)
        reply_by = notified.get("reply_by")
        paras = head + [
            f"拟作出的处理决定：依据该指引{core.ARTICLE_NAMES[article]}，拟{penalty['text']}。"
            + (f"拟禁考期限：{penalty['ban_from']} 至 {penalty['ban_until']}。" if penalty.get("ban_until") else ""),
            "本告知书不是处理决定。你有权进行陈述和申辩"
            + (f"，请于 {reply_by} 前以书面或当面方式向本机构提出" if reply_by else "，请在告知之日起的期限内向本机构提出")
            + "；逾期未提出的，视为放弃。本机构将在听取陈述和申辩后作出书面处理决定（第十七条）。",
            f"{inst.name}",
            "（盖章）          年    月    日",
            "当事人签收：                签收日期：",
        ]
        return write_text_pdf(path, "处理决定告知书", paras)

    @requires("misconduct.view")
    def decision_pdf(self, finding_id: int, path: Path | str) -> Path:
        """违纪违规行为处理决定书: the institution's written decision (第十七条 "以书面形式送达"), with
        the candidate's statement and the right to ask for 复核 (第十九条)."""
        (penalty, notified, decision, article, status), head, inst, _ = self._letter_facts(finding_id)
        if not decision:
            raise Conflict("尚未作出处理决定，不能出具处理决定书")
        st = notified.get("statement")
        heard = ("当事人已书面放弃陈述和申辩。" if st and st.get("waived") else
                 f"当事人陈述和申辩：{st['text']}。本机构经审查，认为其陈述和申辩理由不能成立。" if st else
                 f"当事人在陈述和申辩期限（至 {notified.get('reply_by')}）内未提出陈述和申辩。")
        paras = head + [
            f"本机构已于{notified.get('at')}以{notified.get('method')}方式告知拟作出的处理决定及其事实、理由和依据。" + heard,
            f"处理决定：依据该指引{core.ARTICLE_NAMES[article]}，{decision.get('text') or penalty['text']}。"
            + (f"禁考期限：{penalty['ban_from']} 至 {penalty['ban_until']}。" if penalty.get("ban_until") else ""),
            "如对本处理决定有异议，可向本机构进行陈述和申辩，本机构经复核后作出复核决定（第十九条）。",
            f"{inst.name}",
            "（盖章）          年    月    日",
            "当事人签收：                签收日期：",
        ]
        return write_text_pdf(path, "违纪违规行为处理决定书", paras)
