"""At the grader's station (考评员): the candidates to score, the blind draft, the signature
and the correction of a signed sheet (a new version with a reason)."""

from __future__ import annotations

import base64
import hashlib
from collections.abc import Mapping
from typing import Any

from sqlalchemy import select

from app.core import practical_recheck
from app.core import scoring as rules
from app.core.errors import Conflict, DomainError, PermissionDenied
from app.services.base import Service, check_password_early, find_batch, requires
from app.services.scoring import queries as q
from app.services.scoring.views import (
    R_ABSENT,
    R_RECONCILED,
    PRACTICAL,
    ST_DRAFT,
    ST_NONE,
    ST_SIGNED,
    SheetView,
    StationRow,
    canonical,
    digest,
    signature_problem,
    workstation,
)
from app.store import models
from app.store import scoring_tables as t


class GradingService(Service):
    @requires("scoring.grade")
    def station(self, plan_no: str, subject: str = PRACTICAL) -> list[StationRow]:
        """The candidates this grader scores: ticket and workstation, own progress only."""
        with self.ctx.reading() as s:
            batch = find_batch(s, plan_no)
            template = q.template(s, batch, subject)
            me = q.member(s, batch, self.ctx.actor.staff_id, subject)
            conflicts = {c.ticket_no: c.reason for c in q.conflicts(s, batch, subject)
                         if c.grader == self.ctx.actor.username and not c.resolved}
            mine: dict[int, list] = {}
            for sh in s.scalars(select(t.ScoreSheet).where(t.ScoreSheet.batch_id == batch.id,
                                                           t.ScoreSheet.subject == subject,
                                                           t.ScoreSheet.grader_id == me.staff_id)
                                .order_by(t.ScoreSheet.version)):
                mine.setdefault(sh.candidate_id, []).append(sh)
            decided = set(s.scalars(select(t.ScoreDecision.candidate_id).where(t.ScoreDecision.batch_id == batch.id,
                                                                               t.ScoreDecision.subject == subject)))
            absent = set(s.scalars(select(t.ScoreAbsence.candidate_id).where(t.ScoreAbsence.batch_id == batch.id,
                                                                             t.ScoreAbsence.subject == subject)))
            out = []
            n_items = len(template.items())
            for c in q.candidates(s, batch, by_seat=True):
                w = q.working(mine.get(c.id, []), me.staff_id)
                status = ST_NONE if w is None else w.status
                scored = n_items - len(rules.score_sheet(template, w.entries).missing) if w else 0
                result = R_ABSENT if c.id in absent else R_RECONCILED if c.id in decided else ""
                out.append(StationRow(c.ticket_no, workstation(c), c.name if template.rules.show_names else "",
                                      status, scored, n_items, conflicts.get(c.ticket_no, ""), result))
            return out

    @requires("scoring.grade")
    def my_sheet(self, plan_no: str, ticket_no: str, subject: str = PRACTICAL) -> SheetView | None:
        """The caller's own working sheet (open correction, else latest version)."""
        with self.ctx.reading() as s:
            batch = find_batch(s, plan_no)
            template = q.template(s, batch, subject)
            q.member(s, batch, self.ctx.actor.staff_id, subject)
            c = q.candidate(s, batch, ticket_no)
            w = q.working(q.sheets(s, c.id, subject), self.ctx.actor.staff_id)
            return None if w is None else q.sheet_view(w, template, ticket_no, s.get(models.Staff, w.grader_id))

    @requires("scoring.grade")
    def save_sheet(self, plan_no: str, ticket_no: str, entries: Mapping[str, Any],
                   subject: str = PRACTICAL) -> SheetView:
        """Save the caller's draft (every keystroke may come here; nothing is lost)."""
        with self.ctx.unit_of_work() as uow:
            s = uow.session
            batch = find_batch(s, plan_no)
            template = q.template(s, batch, subject)
            me = q.member(s, batch, self.ctx.actor.staff_id, subject)
            c = q.candidate(s, batch, ticket_no)
            if q.absence(s, c.id, subject):
                raise Conflict(f"考生「{ticket_no}」已登记缺考")
            w = q.working(q.sheets(s, c.id, subject), me.staff_id)
            cleaned = rules.clean_entries(template, entries)
            now = self.ctx.now()
            if w is not None and w.status == ST_SIGNED:
                raise Conflict("评分表已签字，不能修改；如需更正请发起更正并写明理由")
            if w is None:
                unresolved = [x for x in q.conflicts(s, batch, subject) if not x.resolved]
                mine = [x for x in unresolved if x.grader == self.ctx.actor.username and x.ticket_no == ticket_no]
                if mine:
                    raise Conflict(f"您与考生「{ticket_no}」存在回避情形（{mine[0].reason}），须更换考评员或由考场负责人允许")
                if unresolved and not q.started(s, batch, subject):
                    raise Conflict(f"考评组尚有 {len(unresolved)} 处回避情形未处理，不能开始评分")
                w = t.ScoreSheet(batch_id=batch.id, subject=subject, candidate_id=c.id, grader_id=me.staff_id,
                                 version=1,
                                 source="station", entries={}, status=ST_DRAFT, created_at=now, updated_at=now)
                s.add(w)
                s.flush()
                uow.journal("scoring.sheet_open", ticket_no, {"sheet": w.id, "plan_no": plan_no, "version": 1})
            before = dict(w.entries)
            w.entries = rules.entries_to_json(cleaned)  # the whole sheet as the station holds it
            score = rules.score_sheet(template, w.entries)
            w.total, w.detail, w.updated_at = str(score.total), {k: str(v) for k, v in score.tasks.items()}, now
            changed = {k: [before.get(k), w.entries.get(k)] for k in set(before) | set(w.entries)
                       if before.get(k) != w.entries.get(k)}
            if changed:
                # values stay out of the journal until every grader has signed (journal readers are
                # not graders, but blindness must not depend on who reads the journal)
                uow.journal("scoring.sheet_save", ticket_no, {"sheet": w.id, "version": w.version,
                                                              "changed_items": sorted(changed),
                                                              "entries_sha256": digest(w.entries)})
            s.flush()
            return q.sheet_view(w, template, ticket_no, s.get(models.Staff, me.staff_id))

    @requires("scoring.grade")
    def sign_sheet(self, plan_no: str, ticket_no: str, password: str, signature_png: bytes,
                   subject: str = PRACTICAL) -> SheetView:
        """Re-enter the password and draw a signature; the sheet becomes immutable."""
        problem = signature_problem(signature_png)
        if problem:
            raise DomainError(problem)
        failure = None
        check = check_password_early(self.ctx, password, staff_id=self.ctx.actor.staff_id)
        with self.ctx.unit_of_work() as uow:
            s = uow.session
            batch = find_batch(s, plan_no)
            template = q.template(s, batch, subject)
            me = q.member(s, batch, self.ctx.actor.staff_id, subject)
            c = q.candidate(s, batch, ticket_no)
            w = q.working(q.sheets(s, c.id, subject), me.staff_id)
            if w is None or w.status != ST_DRAFT:
                raise Conflict("没有待签字的评分表")
            score = rules.score_sheet(template, w.entries)
            if score.missing:
                raise DomainError(f"尚有 {len(score.missing)} 个评分项未评分（{'、'.join(score.missing[:5])}），不能签字")
            failure = q.check_signing_password(uow, self.ctx, check, "sign")
            if failure:
                uow.journal("scoring.sign_refused", ticket_no, {"sheet": w.id, "reason": "password"})
            else:
                if w.supersedes_id and q.chief_signed(s, batch, subject):
                    raise Conflict("汇总表已由考评组长签字，不能再更正")
                now = self.ctx.now()
                content = practical_recheck.with_subject({"sheet": w.id, "plan_no": plan_no, "ticket_no": ticket_no,
                                                          "grader": self.ctx.actor.username,
                           "version": w.version, "entries": w.entries, "total": str(score.total),
                           "template": hashlib.sha256(canonical(template.to_dict())).hexdigest(),
                           "signature_sha256": hashlib.sha256(signature_png).hexdigest(),
                           "supersedes": w.supersedes_id, "correction_reason": w.correction_reason}, subject)
                w.status, w.signed_at, w.signature = ST_SIGNED, now, signature_png
                w.total = str(score.total)
                w.content_sha256 = hashlib.sha256(canonical(content)).hexdigest()
                sealed = {k: v for k, v in content.items() if k not in ("entries", "total")}
                uow.journal("scoring.sheet_sign", ticket_no, {**sealed, "entries_sha256": digest(w.entries),
                                                              "content_sha256": w.content_sha256})
                s.flush()
                return q.sheet_view(w, template, ticket_no, s.get(models.Staff, me.staff_id))
        raise PermissionDenied(failure)

    @requires("scoring.grade")
    def start_correction(self, plan_no: str, ticket_no: str, reason: str, subject: str = PRACTICAL) -> SheetView:
        """A signed sheet is never changed: the correction is a new version with a reason."""
        problem = rules.correction_problem(reason)
        if problem:
            raise DomainError(problem)
        with self.ctx.unit_of_work() as uow:
            s = uow.session
            batch = find_batch(s, plan_no)
            template = q.template(s, batch, subject)
            me = q.member(s, batch, self.ctx.actor.staff_id, subject)
            c = q.candidate(s, batch, ticket_no)
            sheets = q.sheets(s, c.id, subject)
            w = q.working(sheets, me.staff_id)
            if w is None or w.status != ST_SIGNED:
                raise Conflict("只有已签字的评分表需要更正；未签字的可直接修改")
            if q.chief_signed(s, batch, subject):
                raise Conflict("汇总表已由考评组长签字，不能再更正")
            revealed = q.revealed(q.members(s, batch, subject), sheets)
            now = self.ctx.now()
            new = t.ScoreSheet(batch_id=batch.id, subject=subject, candidate_id=c.id, grader_id=me.staff_id,
                               version=w.version + 1,
                               source=w.source, entries=dict(w.entries), total=w.total,
                               detail={k: v for k, v in w.detail.items()
                                       if k not in ("origin_sheet", "origin_supersedes", "imported_from")},
                               status=ST_DRAFT, created_at=now, updated_at=now, supersedes_id=w.id,
                               correction_reason=reason.strip(), after_reveal=revealed)
            s.add(new)
            s.flush()
            uow.journal("scoring.sheet_correct", ticket_no, {"sheet": new.id, "supersedes": w.id,
                                                             "version": new.version, "reason": reason.strip(),
                                                             "after_reveal": revealed})
            return q.sheet_view(new, template, ticket_no, s.get(models.Staff, me.staff_id))

    def receive_signed_sheet(self, uow, *, station: str, content: dict, content_sha256: str,
                             signature_png: bytes, ed25519: bytes, key_id: str, signed_at) -> tuple[str, int | None]:
        """A sheet signed on a grader station (issue 17), applied once on the master inside the
        link's ingest transaction (``uow``; the actor is the station's machine, whose record is
        signed, so no login role applies here).  The sheet's own Ed25519 signature must verify
        against the grader's key and its content must be what the master would have signed;
        then it is stored exactly as a sheet signed here, and the rest of the road (chief,
        summary, results, verify) takes it unchanged.  A correction made at the station (version
        N+1, ``supersedes`` the master's id of the version it corrects, with its reason) is
        applied as ``start_correction`` + ``sign_sheet`` would have made it.  Returns a code
        (``app.core.grader_station``) and the master's id of the sheet when accepted:
        ``accepted``; ``signed_twice`` when this grader's sheet for this candidate is signed
        already (on another station or on the master); ``bad_signature``; for a correction
        ``not_current`` (it does not supersede the grader's current signed version) and
        ``summary_signed`` (the chief signed the summary).  Anything else wrong raises a
        ``DomainError``."""
        from app.core import grader_station as gs

        s = uow.session
        plan_no, ticket_no = str(content.get("plan_no", "")), str(content.get("ticket_no", ""))
        batch = find_batch(s, plan_no)
        template = q.template(s, batch)
        g = q.staff(s, str(content.get("grader", "")))
        if g.id not in {m.id for _, m in q.members(s, batch)}:
            raise DomainError(f"「{g.name}」不是本批次考评组成员")
        c = q.candidate(s, batch, ticket_no)
        if q.absence(s, c.id):
            raise Conflict(f"考生「{ticket_no}」已登记缺考")
        problem = signature_problem(signature_png)
        if problem:
            raise DomainError(problem)
        version = content.get("version")
        correction = version != 1 or content.get("supersedes") is not None or content.get("correction_reason")
        if content.get("template") != q.template_hash(s, batch) or not isinstance(version, int) \
                or (correction and (version < 2 or not isinstance(content.get("supersedes"), int))):
            raise DomainError("评分站的评分表与主机的评分记录表不一致")
        reason = content.get("correction_reason")
        if correction:
            problem = rules.correction_problem(reason if isinstance(reason, str) else "")
            if problem or reason != reason.strip():
                raise DomainError(problem or "更正理由格式不符")
        score = rules.score_sheet(template, content.get("entries") or {})
        if score.missing or str(score.total) != content.get("total"):
            raise DomainError("评分站签字的评分表不完整或总分不符")
        refused = {"grader": g.username, "station": station, "content_sha256": content_sha256}
        if not _station_signature_holds(s, g.id, content, content_sha256, signature_png, ed25519, key_id):
            uow.journal("scoring.sheet_refused", ticket_no, {**refused, "reason": gs.BAD_SIGNATURE})
            return gs.BAD_SIGNATURE, None
        sheets = q.sheets(s, c.id)
        rows = [sh for sh in sheets if sh.grader_id == g.id]
        signed = [sh for sh in rows if sh.status == ST_SIGNED]
        now = self.ctx.now()
        if correction:
            current = signed[-1] if signed else None   # ordered by version: the grader's current signed version
            if q.chief_signed(s, batch, PRACTICAL):
                uow.journal("scoring.sheet_refused", ticket_no, {**refused, "reason": gs.SUMMARY_SIGNED})
                return gs.SUMMARY_SIGNED, None
            if current is None or current.id != content["supersedes"] or current.version + 1 != version:
                uow.journal("scoring.sheet_refused", ticket_no, {**refused, "reason": gs.NOT_CURRENT,
                                                                 "supersedes": content["supersedes"],
                                                                 "current": current.id if current else None})
                return gs.NOT_CURRENT, None
            revealed = q.revealed(q.members(s, batch), sheets)
            # a correction begun on the master and not signed there gives way to the one signed at the station
            w = next((sh for sh in rows if sh.status == ST_DRAFT and sh.version == version), None)
            if w is None:
                w = t.ScoreSheet(batch_id=batch.id, candidate_id=c.id, grader_id=g.id, version=version,
                                 created_at=now)
                s.add(w)
            w.supersedes_id, w.correction_reason, w.after_reveal = current.id, reason, revealed
        else:
            if signed:
                same = any(sh.content_sha256 == content_sha256 for sh in signed)
                uow.journal("scoring.sheet_refused", ticket_no, {**refused, "reason": gs.SIGNED_TWICE,
                                                                 "same_content": same})
                return gs.SIGNED_TWICE, None
            conflicts = [x for x in q.conflicts(s, batch, candidate=c)
                         if not x.resolved and x.grader == g.username and x.ticket_no == ticket_no]
            if conflicts:
                raise Conflict(f"考评员与考生「{ticket_no}」存在回避情形（{conflicts[0].reason}）")
            w = next((sh for sh in rows if sh.status == ST_DRAFT), None)  # a draft begun on the master
            if w is None:
                w = t.ScoreSheet(batch_id=batch.id, candidate_id=c.id, grader_id=g.id, version=1, created_at=now)
                s.add(w)
        w.source, w.entries, w.total, w.status = "station", dict(content["entries"]), str(score.total), ST_SIGNED
        w.detail = {**{k: str(v) for k, v in score.tasks.items()}, "origin_sheet": content["sheet"],
                    "station": station, "key_id": key_id, "ed25519": base64.b64encode(ed25519).decode()}
        w.updated_at, w.signed_at, w.signature, w.content_sha256 = now, signed_at, signature_png, content_sha256
        s.flush()
        if correction:   # journaled as the master's own start_correction, then its signature
            uow.journal("scoring.sheet_correct", ticket_no, {"sheet": w.id, "supersedes": w.supersedes_id,
                                                             "version": version, "reason": reason,
                                                             "after_reveal": w.after_reveal, "station": station})
        sealed = {k: v for k, v in content.items() if k not in ("entries", "total")}
        uow.journal("scoring.sheet_sign", ticket_no, {**sealed, "sheet": w.id, "origin_sheet": content["sheet"],
                                                      "station": station, "key_id": key_id,
                                                      "entries_sha256": digest(w.entries),
                                                      "content_sha256": content_sha256})
        return gs.ACCEPTED, w.id


def _station_signature_holds(s, grader_id: int, content: dict, content_sha256: str, signature_png: bytes,
                             ed25519: bytes, key_id: str) -> bool:
    """The sheet's content hash, drawing and Ed25519 signature against the grader's key."""
    from cryptography.exceptions import InvalidSignature
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

    from app.core import grader_station as gs
    from app.store.bundle_tables import StaffKey

    key = s.scalars(select(StaffKey).where(StaffKey.key_id == key_id, StaffKey.staff_id == grader_id)).first()
    try:
        if key is None or gs.digest(content) != content_sha256 \
                or content.get("signature_sha256") != hashlib.sha256(signature_png).hexdigest():
            raise InvalidSignature()
        Ed25519PublicKey.from_public_bytes(key.public_key).verify(ed25519, gs.canonical(content))
        return True
    except (InvalidSignature, ValueError):
        return False
