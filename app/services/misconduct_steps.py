"""The steps of a 违纪违规 finding that the master's screens and the room consoles share: open it,
a witness signs, the 考场负责人 confirms (第十六条).  Each step runs inside the caller's unit of
work and journals itself; the rules are ``app.core.misconduct``'s (``witness_refusal``,
``confirm_refusal``), so a finding signed on a console and one signed at the master obey the same
ones.  ``MisconductService`` (the screens) and ``ConsoleFindings`` (a console's records, applied
once by the link) call these; nobody else does."""

from __future__ import annotations

import datetime as _dt

from sqlalchemy import select

from app.core import misconduct as core
from app.core.errors import Conflict, DomainError, NotFound
from app.services import results_common as rc
from app.services.gates import batch_roles
from app.store import models
from app.store import results_tables as rt


class FindingRefused(Conflict):
    """A signature the rules refuse; ``code`` (``app.core.misconduct``) says which rule."""

    def __init__(self, refusal: core.SignatureRefusal):
        super().__init__(refusal.message)
        self.code = refusal.code


def get_finding(session, finding_id: int) -> rt.MisconductFinding:
    f = session.get(rt.MisconductFinding, finding_id)
    if f is None:
        raise NotFound(f"违纪记录 {finding_id} 不存在")
    return f


def witnesses(session, finding_id: int) -> list[str]:
    return [x.username for x in session.scalars(select(rt.FindingSignature).where(
        rt.FindingSignature.finding_id == finding_id, rt.FindingSignature.kind == "witness")
        .order_by(rt.FindingSignature.id))]


def create(uow, cand: models.Candidate, *, subject: str, article: int, item: int, facts: str, evidence: str,
           bookmark_id: str | None, photo: bytes | None, warning: dict | None, severity: str | None,
           occurred_on: _dt.date, after_exam: bool, created_by: str, at: _dt.datetime,
           origin: dict | None = None) -> rt.MisconductFinding:
    """A new finding (status 待签字) after the article's penalty rules accept it; journaled
    ``misconduct.open`` (with ``origin``: the console and its record, when it came from one)."""
    s = uow.session
    b = s.get(models.Batch, cand.batch_id)
    try:
        core.penalty(article, item, subject=subject, subjects=rc.subjects(s, b), on=occurred_on,
                     warning_refused=bool(warning and warning.get("refused")), severity=severity)
    except core.MisconductError as exc:
        raise DomainError(str(exc)) from None
    f = rt.MisconductFinding(candidate_id=cand.id, subject=subject, article=article, item=item,
                             facts=facts.strip(), evidence=(evidence or "").strip(), bookmark_id=bookmark_id,
                             photo=photo, warning=warning, severity=severity, occurred_on=occurred_on,
                             after_exam=after_exam or occurred_on > b.exam_end, status="draft",
                             created_by=created_by, created_at=at)
    s.add(f)
    s.flush()
    if bookmark_id is None and occurred_on == rc.local_today(at):   # recorded on the spot, not later
        from app.services.camera import bookmark_for
        made = bookmark_for(uow, cand.room, f"违纪违规记录：准考证号 {cand.ticket_no}，{f.facts[:60]}", at, "misconduct")
        if made is not None:
            f.bookmark_id = str(made)
    uow.journal("misconduct.open", cand.ticket_no, {"finding": f.id, "article": article, "item": item,
                                                    "subject": subject, "facts": f.facts, "evidence": f.evidence,
                                                    "bookmark": f.bookmark_id, "photo": photo is not None,
                                                    "warning": warning, "severity": severity,
                                                    "after_exam": f.after_exam, **({"origin": origin} if origin else {})})
    return f


def add_witness(uow, f: rt.MisconductFinding, staff: models.Staff, at: _dt.datetime, origin: dict | None = None) -> int:
    """A witness signs (第十六条: 2 or more different staff, never the room head).  Returns how
    many have signed.  Raises ``FindingRefused``."""
    s = uow.session
    cand = s.get(models.Candidate, f.candidate_id)
    refusal = core.witness_refusal(name=staff.name, username=staff.username, roles=staff.roles,
                                   batch_roles=batch_roles(s, cand.batch_id, staff.id),
                                   witnesses=witnesses(s, f.id), status=f.status)
    if refusal is not None:
        raise FindingRefused(refusal)
    s.add(rt.FindingSignature(finding_id=f.id, staff_id=staff.id, username=staff.username, name=staff.name,
                              kind="witness", signed_at=at))
    s.flush()
    n = len(witnesses(s, f.id))
    if n >= 2:
        f.status = "signed"
    uow.journal("misconduct.sign", str(f.id), {"finding": f.id, "signer": staff.username, "witnesses": n,
                                               **({"origin": origin} if origin else {})})
    return n


def add_confirmation(uow, f: rt.MisconductFinding, staff: models.Staff, at: _dt.datetime,
                     origin: dict | None = None) -> dict:
    """The 考场负责人 confirms: the facts and the *proposed* penalty are recorded; nothing takes
    effect before the decision.  Returns the proposed penalty.  Raises ``FindingRefused``."""
    s = uow.session
    refusal = core.confirm_refusal(name=staff.name, username=staff.username, roles=staff.roles,
                                   witnesses=witnesses(s, f.id), status=f.status)
    if refusal is not None:
        raise FindingRefused(refusal)
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
                              kind="confirm", signed_at=at))
    uow.journal("misconduct.confirm", cand.ticket_no, {"finding": f.id, "by": staff.username, "proposed": f.penalty,
                                                       **({"origin": origin} if origin else {})})
    return dict(f.penalty)
