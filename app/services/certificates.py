"""Certificate numbers (allocated on the site master only, never reused, no gaps) and certificate PDFs."""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from sqlalchemy import select

from app.core import certificate as cert_core
from app.core import certno
from app.core.errors import Conflict, DomainError, NotFound, PermissionDenied
from app.formats import certificate_pdf
from app.services import results_common as rc
from app.services.bans import active_ban
from app.services import gates
from app.services.base import Service, find_batch, requires
from app.services.profile import site_profile
from app.services.results import batch_results
from app.store import models
from app.store import results_tables as rt
from app.store import rules_tables as rules


@dataclass(frozen=True)
class CertificateView:
    certificate_no: str
    ticket_no: str
    name: str
    id_type: str
    id_no: str
    unit: str
    level: int
    issue_date: _dt.date
    status: str
    cancel_reason: str | None


def _require_master(session) -> None:
    role = rc.setting(session, rc.MACHINE_ROLE)
    if role != "master":
        raise PermissionDenied("证书编号只能在考务主机（machine_role = master）上分配，本机不能分配")


def allocate_serials(session, prefix: str, year: int, level: int, count: int) -> list[int]:
    """Take the next ``count`` serials for (prefix, year, level) inside the caller's write transaction."""
    row = session.get(rt.CertificateSerial, (prefix, year, level))
    if row is None:
        row = rt.CertificateSerial(prefix=prefix, year=year, level=level, last_serial=0)
        session.add(row)
        session.flush()
    start = row.last_serial + 1
    if start + count - 1 > 999_999:
        raise Conflict("本年度该等级证书序列码已用尽（999999）")
    row.last_serial = start + count - 1
    return list(range(start, start + count))


def cert_data(session, c: rt.Certificate) -> tuple[cert_core.CertificateData, bytes | None]:
    cand = session.get(models.Candidate, c.candidate_id)
    b = session.get(models.Batch, cand.batch_id)
    inst = rc.institution(session)
    name = inst.name + (inst.branch_name and f"{inst.branch_name}" or "")
    seals = (inst.name, inst.branch_name) if inst.branch_name else (inst.name,)
    return (cert_core.CertificateData(c.certificate_no, cand.name, cand.id_type, cand.id_no, b.occupation_name,
                                      b.work_type, c.level, c.issue_date, name, seal_names=seals), cand.photo)


class CertificateService(Service):
    @requires("certificate.issue")
    def allocate(self, plan_no: str, issue_date: _dt.date | None = None) -> list[tuple[str, str]]:
        """Numbers for every candidate who passed and has none yet.  Only after the review chain is
        complete and the publication period has closed without objection; only on the site master."""
        issue_date = issue_date or rc.local_today(self.ctx.now())
        with self.ctx.unit_of_work() as uow:
            s = uow.session
            _require_master(s)
            b = find_batch(s, plan_no)
            rev = s.get(rt.ResultReview, b.id)
            if rev is None or rev.stage != "approved":
                raise Conflict("成绩尚未完成审核（内督审核、初审、复审），不能分配证书编号")
            pub = s.scalars(select(rt.Publication).where(rt.Publication.batch_id == b.id)
                            .order_by(rt.Publication.id.desc())).first()
            if pub is None or pub.status != "closed":
                raise Conflict("认定结果公示期未结束（或未公示），不能分配证书编号")
            gate = gates.numbering_problems(s, b)
            if gate:
                raise Conflict("；".join(gate))
            if site_profile(s).hrss_assigns_numbers:
                raise Conflict(f"{site_profile(s).name}的证书编号由人力社保部门赋码（{site_profile(s).numbering_ref}），"
                               "请导入赋码结果，本站点不自行分配")
            blocked = gates.blocked_candidates(s, b)
            inst = rc.institution(s)
            prefix = inst.prefix
            problems = certno.prefix_problems(prefix, technical_school=inst.technical_school)
            if problems:
                raise DomainError("；".join(problems))
            have = {cid for (cid,) in s.execute(select(rt.Certificate.candidate_id).join(
                models.Candidate, models.Candidate.id == rt.Certificate.candidate_id)
                .where(models.Candidate.batch_id == b.id, rt.Certificate.status == "issued"))}
            cands = {c.ticket_no: c for c in s.scalars(select(models.Candidate).where(models.Candidate.batch_id == b.id))}
            todo = []
            for r in batch_results(s, b):
                c = cands[r.ticket_no]
                if r.passed and c.id not in have:
                    if active_ban(s, c.id_no, issue_date) is not None or c.id in blocked:
                        continue
                    todo.append(c)
            if not todo:
                return []
            serials = allocate_serials(s, str(prefix), issue_date.year % 100, b.level, len(todo))
            now, me = self.ctx.now(), self.ctx.actor.username
            out = []
            for c, serial in zip(todo, serials):
                number = str(certno.compose(prefix, issue_date.year, b.level, serial,
                                            technical_school=inst.technical_school))
                s.add(rt.Certificate(certificate_no=number, candidate_id=c.id, prefix=str(prefix),
                                     year=issue_date.year % 100, level=b.level, serial=serial, issue_date=issue_date,
                                     status="issued", allocated_by=me, allocated_at=now))
                out.append((c.ticket_no, number))
            uow.journal("certificate.allocate", plan_no, {"issue_date": issue_date.isoformat(), "count": len(out),
                                                          "first": out[0][1], "last": out[-1][1],
                                                          "numbers": [list(x) for x in out]})
            return out

    @requires("certificate.issue")
    def record_center_review(self, plan_no: str, reviewer: str, reviewed_on: _dt.date, reply_no: str,
                             imported: bool = False) -> None:
        """The 鉴定中心's review of the results (考核鉴定成绩须经当地鉴定中心审核认定 [002 L3862]): who
        reviewed, when, the reply's document number.  Certificates are numbered only after it."""
        if len((reviewer or "").strip()) < 2 or len((reply_no or "").strip()) < 2:
            raise DomainError("须登记审核单位（或审核人）和回复文号")
        with self.ctx.unit_of_work() as uow:
            s = uow.session
            b = find_batch(s, plan_no)
            rev = s.get(rt.ResultReview, b.id)
            if rev is None or rev.stage != "approved":
                raise Conflict("成绩须先经内督审核、初审、复审，再报鉴定中心审核")
            if reviewed_on > rc.local_today(self.ctx.now()):
                raise DomainError("审核日期不能晚于今天")
            if s.get(rules.CenterReview, b.id) is not None:
                raise Conflict("本批次的鉴定中心审核结果已登记")
            s.add(rules.CenterReview(batch_id=b.id, reviewer=reviewer.strip(), reviewed_on=reviewed_on,
                                     reply_no=reply_no.strip(), imported=imported,
                                     recorded_by=self.ctx.actor.username, recorded_at=self.ctx.now()))
            uow.journal("results.center_review", plan_no, {"reviewer": reviewer.strip(), "reply_no": reply_no.strip(),
                                                           "reviewed_on": reviewed_on.isoformat(), "imported": imported})

    @requires("certificate.issue")
    def import_numbers(self, plan_no: str, numbers: dict[str, str], issue_date: _dt.date) -> list[tuple[str, str]]:
        """Where the HRSS department assigns the numbers (Nanxun "公示结束后，人力社保部门完成证书赋码"
        [003 L49]): record them, all or nothing, after the same gates as allocation."""
        with self.ctx.unit_of_work() as uow:
            s = uow.session
            b = find_batch(s, plan_no)
            pub = s.scalars(select(rt.Publication).where(rt.Publication.batch_id == b.id)
                            .order_by(rt.Publication.id.desc())).first()
            if pub is None or pub.status != "closed":
                raise Conflict("认定结果公示期未结束（或未公示），不能登记证书编号")
            gate = gates.numbering_problems(s, b)
            if gate:
                raise Conflict("；".join(gate))
            blocked = gates.blocked_candidates(s, b)
            inst = rc.institution(s)
            passed = {r.ticket_no: r for r in batch_results(s, b) if r.passed}
            have = {cid for (cid,) in s.execute(select(rt.Certificate.candidate_id).where(rt.Certificate.status == "issued"))}
            problems, out = [], []
            for ticket, text in numbers.items():
                try:
                    n = certno.parse(text)
                except ValueError as exc:
                    problems.append(f"{ticket}：{exc}")
                    continue
                c = s.scalars(select(models.Candidate).where(models.Candidate.ticket_no == ticket,
                                                             models.Candidate.batch_id == b.id)).first()
                if c is None or ticket not in passed:
                    problems.append(f"{ticket}：不是本批次认定合格的考生")
                elif c.id in blocked:
                    problems.append(f"{ticket}：公示异议尚未处理（或异议成立），不能核发证书")
                elif c.id in have:
                    problems.append(f"{ticket}：已有证书编号")
                elif n.level != b.level:
                    problems.append(f"{ticket}：证书编号第16位等级与认定等级不符")
                elif str(n.prefix) != str(inst.prefix):
                    problems.append(f"{ticket}：证书编号前13位与本机构备案赋码不符")
                elif n.year != issue_date.year % 100:
                    problems.append(f"{ticket}：证书编号年份与发证日期不符")
                elif s.scalars(select(rt.Certificate.id).where(rt.Certificate.certificate_no == str(n))).first():
                    problems.append(f"{ticket}：证书编号 {n} 已被使用")
                else:
                    out.append((c, str(n), n))
            if problems:
                raise DomainError("证书编号导入被拒绝（全部不导入）：" + "；".join(problems[:10]))
            now, me = self.ctx.now(), self.ctx.actor.username
            for c, text, n in out:
                s.add(rt.Certificate(certificate_no=text, candidate_id=c.id, prefix=str(n.prefix), year=n.year,
                                     level=n.level, serial=n.serial, issue_date=issue_date, status="issued",
                                     allocated_by=me, allocated_at=now))
            uow.journal("certificate.import", plan_no, {"issue_date": issue_date.isoformat(),
                                                        "numbers": [[c.ticket_no, t] for c, t, _ in out]})
            return [(c.ticket_no, t) for c, t, _ in out]

    @requires("certificate.issue")
    def cancel(self, certificate_no: str, reason: str, password: str) -> None:
        """The number stays taken (never reused); the reason is kept and the data is flagged for correction."""
        if len((reason or "").strip()) < 4:
            raise DomainError("作废证书须填写原因")
        check = rc.password_check(self.ctx, self.ctx.actor.username, password)
        with self.ctx.unit_of_work() as uow:
            s = uow.session
            rc.reauthenticate(s, self.ctx.actor.username, check)
            c = s.scalars(select(rt.Certificate).where(rt.Certificate.certificate_no == certificate_no)).first()
            if c is None:
                raise NotFound(f"证书编号「{certificate_no}」不存在")
            if c.status == "cancelled":
                raise Conflict("该证书已作废")
            c.status, c.cancel_reason, c.cancelled_by, c.cancelled_at = "cancelled", reason.strip(), \
                self.ctx.actor.username, self.ctx.now()
            s.add(rt.CorrectionPending(candidate_id=c.candidate_id, certificate_no=c.certificate_no, action="void",
                                       reason=reason.strip(), created_at=self.ctx.now()))
            uow.journal("certificate.cancel", certificate_no, {"reason": reason.strip()})

    @requires("certificate.view")
    def certificates(self, plan_no: str | None = None, include_cancelled: bool = True) -> list[CertificateView]:
        with self.ctx.reading() as s:
            q = (select(rt.Certificate, models.Candidate).join(models.Candidate,
                                                               models.Candidate.id == rt.Certificate.candidate_id)
                 .order_by(rt.Certificate.prefix, rt.Certificate.year, rt.Certificate.level, rt.Certificate.serial))
            if plan_no:
                q = q.where(models.Candidate.batch_id == find_batch(s, plan_no).id)
            if not include_cancelled:
                q = q.where(rt.Certificate.status == "issued")
            return [CertificateView(c.certificate_no, p.ticket_no, p.name, p.id_type, p.id_no, p.unit, c.level,
                                    c.issue_date, c.status, c.cancel_reason) for c, p in s.execute(q)]

    def _signed_items(self, s, certs):
        journal = self.ctx.store.journal
        for c in certs:
            data, photo = cert_data(s, c)
            missing = cert_core.missing_fields(data) + ([] if photo else ["持证人照片"])
            if missing:
                raise DomainError(f"证书 {c.certificate_no} 缺少：{'、'.join(missing)}")
            bad = cert_core.prohibited_words(data.checked_text())
            if bad:
                raise DomainError(f"证书 {c.certificate_no} 含禁用字样：{'、'.join(bad)}（样式2021 注意事项）")
            payload = data.qr_payload()
            sig = journal.sign(cert_core.SIGN_CONTEXT + payload.encode("utf-8"))
            yield data, photo, cert_core.qr_text(payload, journal.key_id, sig)

    @requires("certificate.issue")
    def render(self, plan_no: str, path: Path | str, progress: Callable[[int, int], None] | None = None,
               numbers: list[str] | None = None) -> int:
        """Print every issued certificate of the batch into one PDF (one page each), with progress."""
        with self.ctx.reading() as s:
            b = find_batch(s, plan_no)
            q = (select(rt.Certificate).join(models.Candidate, models.Candidate.id == rt.Certificate.candidate_id)
                 .where(models.Candidate.batch_id == b.id, rt.Certificate.status == "issued")
                 .order_by(rt.Certificate.serial))
            wanted = None if numbers is None else set(numbers)
            certs = [c for c in s.scalars(q) if wanted is None or c.certificate_no in wanted]
            if not certs:
                raise Conflict("没有可打印的证书")
            # One query for every holder; held here so that cert_data finds them (and the institution)
            # in the session's identity map instead of querying once per certificate.
            held = list(s.scalars(select(models.Candidate).where(
                models.Candidate.id.in_({c.candidate_id for c in certs})))) + [s.get(models.Setting, "institution")]
            total = len(certs)
            n = certificate_pdf.render(path, self._signed_items(s, certs),
                                       (lambda i: progress(i, total)) if progress else None)
            del held
        with self.ctx.unit_of_work() as uow:
            now = self.ctx.now()
            for c in uow.session.scalars(select(rt.Certificate).where(rt.Certificate.id.in_([c.id for c in certs]))):
                c.printed_at = now
            uow.journal("certificate.print", plan_no, {"count": n, "file": Path(path).name,
                                                       "numbers": [c.certificate_no for c in certs]})
        return n

    @requires("certificate.view")
    def verify(self, qr_text: str) -> dict:
        """Check a scanned QR with this site's public keys, and against the store."""
        content = cert_core.verify_qr(qr_text, self.ctx.store.journal.public_keys())
        with self.ctx.reading() as s:
            c = s.scalars(select(rt.Certificate).where(
                rt.Certificate.certificate_no == content.fields["certificate_no"])).first()
            return {**content.fields, "status": c.status if c else "unknown"}
