"""The export bundle's data slots: results, theory, practical, misconduct, supervision, camera.

Each provider reads one batch through a read-only session (``ctx.reading()``) or a service,
writes deterministic UTF-8 JSON (sorted keys, rows in a fixed order) under the bag's
``data/`` folder and returns the relative paths it wrote.  A feature with no data for the
batch still writes its JSON file, with empty lists, so every bundle has the same shape.

Registered at import of ``app.services.bundle`` (see the bottom of that module).
Layouts are described in docs/export-bundle.md.
"""

from __future__ import annotations

import base64
import json
import datetime as _dt
from pathlib import Path

from sqlalchemy import select

from app.core import bundle as layout
from app.core import practical_recheck
from app.core import results as core
from app.formats.bundle import write_json
from app.services.base import ServiceContext, find_batch
from app.store import models
from app.store import bans_tables as bt
from app.store import camera_tables as ct
from app.store import results_tables as rt
from app.store import scoring_tables as st
from app.store import theory_tables as tt

MISCONDUCT_JSON = "misconduct/records.json"
PRACTICAL_JSON = practical_recheck.PRACTICAL_JSON
SUPERVISION_JSON = "supervision/report.json"
READINESS_JSON = "supervision/readiness.json"
CAMERA_JSON = "camera/segments.json"
THEORY_SEAL_JSON = "theory/sealed-paper.json"


def _iso(v):
    if v is None:
        return None
    if isinstance(v, (_dt.datetime, _dt.date)):
        return v.isoformat()
    return v


_write = write_json  # one payload JSON file (app.formats.bundle); this module never imports app.services.bundle


def _staff_names(s) -> dict[int, tuple[str, str]]:
    return {i: (u, n) for i, u, n in s.execute(select(models.Staff.id, models.Staff.username, models.Staff.name))}


# -- results ----------------------------------------------------------------------------
def provide_results(ctx: ServiceContext, plan_no: str, folder: Path) -> list[str]:
    """results/results.json, the official tables, certificates and pending corrections.

    ``theory`` at the top of each candidate row is what the verifier recomputes from
    ``theory/answers.jsonl``; answers live on the terminals until the LAN link (issue 5)
    brings them to the master, so it stays null and the recorded theory score is in
    ``subjects.theory`` (with ``theory_recomputable: false``)."""
    from app.services.results import batch_results

    from app.store.bundle_tables import ExportRecord

    with ctx.unit_of_work() as uow:  # read, plus mark the correction rows this export carries
        s = uow.session
        b = find_batch(s, plan_no)
        # The export being built (ExportService.make adds its record before running providers).
        building = s.scalars(select(ExportRecord).where(ExportRecord.plan_no == plan_no,
                                                        ExportRecord.status == "building")
                             .order_by(ExportRecord.seq.desc())).first()
        exported_in = building.external_id if building else f"{ctx.store.site_id}/{plan_no}"
        # Rows marked by an export that then failed were never delivered: carry them again.
        failed = list(s.scalars(select(ExportRecord.external_id).where(ExportRecord.status == "failed")))
        results = batch_results(s, b)
        cand_ids = dict(s.execute(select(models.Candidate.ticket_no, models.Candidate.id)
                                  .where(models.Candidate.batch_id == b.id)).all())
        by_id = {v: k for k, v in cand_ids.items()}
        sources = {(c, sub): (src, by) for c, sub, src, by in s.execute(
            select(rt.SubjectScore.candidate_id, rt.SubjectScore.subject, rt.SubjectScore.source,
                   rt.SubjectScore.entered_by).where(rt.SubjectScore.candidate_id.in_(list(by_id))))}
        entries = {(c, sub): (st_, f, sec) for c, sub, st_, f, sec in s.execute(
            select(rt.ScoreEntry.candidate_id, rt.ScoreEntry.subject, rt.ScoreEntry.state, rt.ScoreEntry.first_by,
                   rt.ScoreEntry.second_by).where(rt.ScoreEntry.candidate_id.in_(list(by_id))))}
        review = s.get(rt.ResultReview, b.id)
        certs = [{"certificate_no": c.certificate_no, "ticket_no": by_id[c.candidate_id], "level": c.level,
                  "issue_date": _iso(c.issue_date), "status": c.status, "cancel_reason": c.cancel_reason,
                  "cancelled_by": c.cancelled_by, "cancelled_at": _iso(c.cancelled_at),
                  "allocated_by": c.allocated_by, "allocated_at": _iso(c.allocated_at),
                  "printed_at": _iso(c.printed_at)}
                 for c in s.scalars(select(rt.Certificate).where(rt.Certificate.candidate_id.in_(list(by_id)))
                                    .order_by(rt.Certificate.certificate_no))]
        pending = list(s.scalars(select(rt.CorrectionPending)
                                 .where(rt.CorrectionPending.candidate_id.in_(list(by_id)),
                                        rt.CorrectionPending.exported_in.is_(None)
                                        | rt.CorrectionPending.exported_in.in_(failed))
                                 .order_by(rt.CorrectionPending.id)))
        corrections = [{"id": p.id, "ticket_no": by_id[p.candidate_id], "certificate_no": p.certificate_no,
                        "action": p.action, "reason": p.reason, "finding_id": p.finding_id,
                        "created_at": _iso(p.created_at)} for p in pending]
        for p in pending:
            p.exported_in = exported_in
        if pending:
            uow.journal("export.corrections", plan_no, {"ids": [p.id for p in pending], "exported_in": exported_in})
    proven = theory_sittings(ctx, plan_no)
    rows = []
    for r in results:
        cid = cand_ids[r.ticket_no]
        subjects = {}
        for o in r.result.subjects:
            src, by = sources.get((cid, o.subject), (None, None))
            ent = entries.get((cid, o.subject))
            subjects[o.subject] = {
                "score": core.fmt_score(o.score) if o.score is not None else None, "pass_mark": o.pass_mark,
                "absent": o.absent, "void": o.void, "passed": o.passed, "label": o.label, "source": src,
                "entered_by": by,
                "double_entry": ({"state": ent[0], "first_by": ent[1], "second_by": ent[2]} if ent else None)}
        rows.append({"ticket_no": r.ticket_no, "name": r.name,
                     "theory": proven[r.ticket_no]["total"] if r.ticket_no in proven else None, "subjects": subjects,
                     "complete": r.result.complete, "passed": r.passed, "overall": r.result.label,
                     "certificate_no": r.certificate_no})
    value = {"plan_no": plan_no, "level": b.level, "pass_marks": dict(b.pass_marks),
             "theory_recomputable": bool(proven),
             "candidates": rows,
             "review": {"stage": review.stage if review else "entered",
                        "signatures": list(review.signatures) if review else [],
                        "reopened": list(review.reopened) if review else [],
                        "approved_at": _iso(review.approved_at) if review else None},
             "certificates": certs, "correction_pending": corrections}
    out = [_write(folder, layout.RESULTS_JSON, value)]
    out += _official_tables(ctx, plan_no, folder, "results")
    return out


def _official_tables(ctx: ServiceContext, plan_no: str, folder: Path, slot: str) -> list[str]:
    """The official tables this slot carries (``OFFICIAL_TABLES``, xlsx + pdf), through the
    official-tables service; a table whose data is not there yet is left out."""
    from app.services.official_tables import write_tables

    return [Path(p).relative_to(folder).as_posix() for p in write_tables(ctx, plan_no, folder, slot).files]


# -- theory -----------------------------------------------------------------------------
def theory_sittings(ctx: ServiceContext, plan_no: str) -> dict[str, dict]:
    """Submitted sittings the master can prove: ticket_no -> {"paper", "answers", "total"} in the
    verifier's layout (each candidate's own paper: their question order, the correct options and
    the points).  Empty unless the answers came to the master over the site link (issue 5), the
    papers are unlocked here, and the blueprint scores multiple choice all-or-nothing (the rule
    the verifier recomputes with)."""
    from app.core.exam.blueprint import Blueprint
    from app.core.exam.questions import Question
    from app.services.theory import open_package
    from app.store.room_tables import RoomAnswer, RoomSitting

    with ctx.reading() as s:
        b = find_batch(s, plan_no)
        seal = s.scalars(select(tt.PaperSeal).where(tt.PaperSeal.batch_id == b.id)).first()
        sittings = list(s.scalars(select(RoomSitting).where(RoomSitting.plan_no == plan_no,
                                                            RoomSitting.master_total.is_not(None))
                                  .order_by(RoomSitting.ticket_no)))
        if seal is None or seal.paper_key is None or not sittings:
            return {}
        package = open_package(ctx.store, plan_no, seal)
        bp = Blueprint.from_dict(package["blueprint"])
        if bp.partial_credit:
            return {}
        questions = {c: Question.from_dict(d) for c, d in package["questions"].items()}
        answers: dict[str, dict[int, str]] = {}
        for a in s.scalars(select(RoomAnswer).where(RoomAnswer.plan_no == plan_no)):
            answers.setdefault(a.ticket_no, {})[a.qno] = a.choice
    out = {}
    for row in sittings:
        qids = {qno: code for qno, code, _, _ in row.items}
        paper = {"paper_id": row.ticket_no, "seed": row.variant or None,
                 "questions": [{"qid": code, "type": str(getattr(questions[code].qtype, "value", questions[code].qtype)),
                                "answer": sorted(questions[code].answer), "points": str(bp.sections[sec].points)}
                               for _, code, sec, _ in row.items]}
        chosen = [{"qid": qids[qno], "chosen": sorted(choice)}
                  for qno, choice in sorted(answers.get(row.ticket_no, {}).items()) if qno in qids]
        out[row.ticket_no] = {"paper": paper, "answers": {"ticket_no": row.ticket_no, "paper_id": row.ticket_no,
                                                          "answers": chosen},
                              "total": row.master_total}
    return out


def provide_theory(ctx: ServiceContext, plan_no: str, folder: Path) -> list[str]:
    """The blueprint and the sealed paper's metadata (digest, custodians, unlock), and for every
    sitting submitted over the site link each candidate's paper and answers, which the verifier
    scores again (``theory_sittings``).  Without those the two .jsonl files are empty."""
    with ctx.reading() as s:
        b = find_batch(s, plan_no)
        bp = s.scalars(select(tt.Blueprint).where(tt.Blueprint.batch_id == b.id)).first()
        seal = s.scalars(select(tt.PaperSeal).where(tt.PaperSeal.batch_id == b.id)).first()
        sessions = s.execute(select(tt.ExamSession.ticket_no, tt.ExamSession.variant, tt.ExamSession.status,
                                    tt.ExamSession.started_at, tt.ExamSession.submitted_at)
                             .where(tt.ExamSession.batch_id == b.id).order_by(tt.ExamSession.ticket_no)).all()
    proven = theory_sittings(ctx, plan_no)
    value = {"plan_no": plan_no,
             "blueprint": dict(bp.data) if bp else None,
             "seal": ({"content_sha256": seal.content_sha256, "sealed_at": _iso(seal.sealed_at),
                       "custodians": sorted(sh.get("username", "") for sh in seal.shares),
                       "unlocked_at": _iso(seal.unlocked_at), "unlocked_by": list(seal.unlocked_by)}
                      if seal else None),
             "sessions_on_site_store": [{"ticket_no": t, "variant": v, "status": stt, "started_at": _iso(a),
                                         "submitted_at": _iso(z)} for t, v, stt, a, z in sessions],
             "answers_included": bool(proven),
             "note": "" if proven else "没有经考点局域网链路汇总到主机的已交卷作答，本包不含可复算的理论作答"}
    out = [_write(folder, THEORY_SEAL_JSON, value)]
    for rel, key in ((layout.THEORY_PAPERS, "paper"), (layout.THEORY_ANSWERS, "answers")):
        lines = "".join(json.dumps(proven[t][key], ensure_ascii=False, sort_keys=True) + "\n" for t in sorted(proven))
        (folder / rel).write_text(lines, encoding="utf-8")
        out.append(rel)
    return out


# -- practical --------------------------------------------------------------------------
def provide_practical(ctx: ServiceContext, plan_no: str, folder: Path) -> list[str]:
    """Signed score sheets only (every version, with the grader's signature PNG in base64),
    the chief's reconciliation decisions, absences, summary signatures and the summary; the
    综合评审 panel's the same way in its own file, when the batch has one."""
    with ctx.reading() as s:
        b = find_batch(s, plan_no)
        out = [_write(folder, PRACTICAL_JSON, _scoring_group(s, b, "practical"))]
        if s.scalars(select(st.ScoringTemplate.id).where(st.ScoringTemplate.batch_id == b.id,
                                                         st.ScoringTemplate.subject == "review")).first():
            out.append(_write(folder, practical_recheck.REVIEW_JSON, _scoring_group(s, b, "review")))
    return out


def _scoring_group(s, b: models.Batch, subject: str) -> dict:
    from app.services.scoring import queries as scoring_queries

    plan_no = b.plan_no
    names = _staff_names(s)
    tickets = dict(s.execute(select(models.Candidate.id, models.Candidate.ticket_no)
                             .where(models.Candidate.batch_id == b.id)).all())
    sheets = [{"id": x.id, "ticket_no": tickets.get(x.candidate_id), "grader": names[x.grader_id][0],
               "grader_name": names[x.grader_id][1], "version": x.version, "source": x.source,
               "entries": dict(x.entries), "total": x.total, "detail": dict(x.detail),
               "signed_at": _iso(x.signed_at), "content_sha256": x.content_sha256,
               "supersedes_id": x.supersedes_id, "subject": x.subject, "correction_reason": x.correction_reason,
               "after_reveal": x.after_reveal, "typists": list(x.typists),
               "signature_png_base64": base64.b64encode(x.signature).decode() if x.signature else None}
              for x in s.scalars(select(st.ScoreSheet).where(st.ScoreSheet.batch_id == b.id,
                                                             st.ScoreSheet.subject == subject,
                                                            st.ScoreSheet.status == "signed")
                                 .order_by(st.ScoreSheet.id))]
    decisions = [{"ticket_no": tickets.get(d.candidate_id), "score": d.score, "reason": d.reason,
                  "basis": dict(d.basis), "chief": names[d.chief_id][0], "decided_at": _iso(d.decided_at)}
                 for d in s.scalars(select(st.ScoreDecision).where(st.ScoreDecision.batch_id == b.id,
                                                                   st.ScoreDecision.subject == subject)
                                    .order_by(st.ScoreDecision.id))]
    absences = [{"ticket_no": tickets.get(a.candidate_id), "reason": a.reason,
                 "recorded_by": names[a.recorded_by][0], "recorded_at": _iso(a.recorded_at)}
                for a in s.scalars(select(st.ScoreAbsence).where(st.ScoreAbsence.batch_id == b.id,
                                                                 st.ScoreAbsence.subject == subject)
                                   .order_by(st.ScoreAbsence.id))]
    sigs = [{"staff": names[g.staff_id][0], "name": names[g.staff_id][1], "role": g.role,
             "summary_sha256": g.summary_sha256, "signed_at": _iso(g.signed_at),
             "signature_png_base64": base64.b64encode(g.signature).decode()}
            for g in s.scalars(select(st.SummarySignature).where(st.SummarySignature.batch_id == b.id,
                                                                 st.SummarySignature.subject == subject)
                               .order_by(st.SummarySignature.id))]
    template = s.scalars(select(st.ScoringTemplate).where(st.ScoringTemplate.batch_id == b.id,
                                                          st.ScoringTemplate.subject == subject)).first()
    summary = [] if template is None else [{"seq": p.seq, "ticket_no": p.ticket_no, "name": p.name,
                "score": core.fmt_score(p.score) if p.score is not None else None, "status": p.status,
                "remark": p.remark}
               for p in scoring_queries.summary_rows(s, b, subject)]
    tmpl = None if template is None else {"title": template.title, "file_sha256": template.file_sha256,
                                          "definition": template.definition}
    group = [{"username": m.username, "name": m.name, "chief": g.is_chief}
             for g, m in scoring_queries.members(s, b, subject)]
    return {"plan_no": plan_no, "subject": subject, "template": tmpl, "group": group, "sheets": sheets,
            "decisions": decisions, "absences": absences, "summary_signatures": sigs, "summary": summary}


# -- misconduct -------------------------------------------------------------------------
def provide_misconduct(ctx: ServiceContext, plan_no: str, folder: Path) -> list[str]:
    """Findings (drafts excluded) with signatures (names and times only), decisions, appeals,
    and the ban-list entries that cite them."""
    with ctx.reading() as s:
        b = find_batch(s, plan_no)
        tickets = dict(s.execute(select(models.Candidate.id, models.Candidate.ticket_no)
                                 .where(models.Candidate.batch_id == b.id)).all())
        findings = list(s.scalars(select(rt.MisconductFinding)
                                  .where(rt.MisconductFinding.candidate_id.in_(list(tickets)),
                                         rt.MisconductFinding.status != "draft")
                                  .order_by(rt.MisconductFinding.id)))
        ids = [f.id for f in findings]
        sigs: dict[int, list] = {}
        for g in s.scalars(select(rt.FindingSignature).where(rt.FindingSignature.finding_id.in_(ids))
                           .order_by(rt.FindingSignature.id)):
            sigs.setdefault(g.finding_id, []).append({"username": g.username, "name": g.name, "kind": g.kind,
                                                      "signed_at": _iso(g.signed_at)})
        appeals: dict[int, list] = {}
        for a in s.scalars(select(rt.Appeal).where(rt.Appeal.finding_id.in_(ids)).order_by(rt.Appeal.id)):
            appeals.setdefault(a.finding_id, []).append(
                {"filed_on": _iso(a.filed_on), "statement": a.statement, "recorded_by": a.recorded_by,
                 "outcome": a.outcome, "review_text": a.review_text, "reviewed_by": a.reviewed_by,
                 "reviewed_at": _iso(a.reviewed_at)})
        refs = [f"misconduct:{i}" for i in ids]
        bans = [{"id_type": x.id_type, "id_no": x.id_no, "name": x.name, "from_date": _iso(x.from_date),
                 "until_date": _iso(x.until_date), "reason": x.reason, "finding_ref": x.finding_ref,
                 "created_by": x.created_by, "created_at": _iso(x.created_at), "lifted_at": _iso(x.lifted_at),
                 "lifted_reason": x.lifted_reason}
                for x in s.scalars(select(bt.Ban).where(bt.Ban.finding_ref.in_(refs)).order_by(bt.Ban.id))]
        rows = [{"id": f.id, "ticket_no": tickets[f.candidate_id], "subject": f.subject, "article": f.article,
                 "item": f.item, "facts": f.facts, "evidence": f.evidence, "bookmark_id": f.bookmark_id,
                 "has_photo": f.photo is not None, "warning": f.warning, "severity": f.severity,
                 "occurred_on": _iso(f.occurred_on), "after_exam": f.after_exam, "status": f.status,
                 "penalty": f.penalty, "created_by": f.created_by, "created_at": _iso(f.created_at),
                 "notified": f.notified, "decision": f.decision, "signatures": sigs.get(f.id, []),
                 "room_head_confirmed": any(g["kind"] == "confirm" for g in sigs.get(f.id, [])),
                 "appeals": appeals.get(f.id, [])} for f in findings]
    return [_write(folder, MISCONDUCT_JSON, {"plan_no": plan_no, "findings": rows, "bans": bans})]


# -- supervision ------------------------------------------------------------------------
def provide_supervision(ctx: ServiceContext, plan_no: str, folder: Path) -> list[str]:
    """The internal supervision report (附件2, if signed), the room records (考场情况记录单, as typed
    and as the official table) and the signed readiness reports (考前自检) of the batch."""
    from app.store.readiness_tables import ReadinessReport

    with ctx.reading() as s:
        readiness = [_readiness_entry(r) for r in s.scalars(select(ReadinessReport)
                                                             .where(ReadinessReport.plan_no == plan_no)
                                                             .order_by(ReadinessReport.id))]
        b = find_batch(s, plan_no)
        rep = s.get(rt.SupervisionReport, b.id)
        rooms = [{"room": r.room, "subject": r.subject, "session": r.session, "proctors": r.proctors,
                  "notes": r.notes, "updated_by": r.updated_by, "updated_at": _iso(r.updated_at)}
                 for r in s.scalars(select(rt.RoomRecord).where(rt.RoomRecord.batch_id == b.id)
                                    .order_by(rt.RoomRecord.room, rt.RoomRecord.subject, rt.RoomRecord.id))]
    report = ({"scores": dict(rep.scores), "vetoes": list(rep.vetoes), "opinion": rep.opinion, "total": rep.total,
               "supervisor": rep.supervisor, "supervisor_name": rep.supervisor_name,
               "signed_at": _iso(rep.signed_at)} if rep else None)
    out = [_write(folder, SUPERVISION_JSON, {"plan_no": plan_no, "report": report, "room_records": rooms}),
           _write(folder, READINESS_JSON, {"plan_no": plan_no, "reports": readiness})]
    return out + _official_tables(ctx, plan_no, folder, "supervision")  # 附件2, 考场情况记录单


def _readiness_entry(row) -> dict:
    """One stored self-test report: the report object, and the site key's Ed25519 signature over
    its canonical bytes (app.core.readiness.canonical: sorted keys, no spaces, UTF-8)."""
    import hashlib

    return {"id": row.id, "report": json.loads(row.body), "signature": base64.b64encode(row.signature).decode(),
            "key_id": row.key_id, "algorithm": "ed25519",
            "sha256": hashlib.sha256(row.body.encode("utf-8")).hexdigest()}


# -- camera -----------------------------------------------------------------------------
def provide_camera(ctx: ServiceContext, plan_no: str, folder: Path) -> list[str]:
    """The segment index (no video) and the gaps for the batch's rooms during its exam dates
    (local days, so the window is widened by 14 h either side of the UTC dates), plus any
    segment the recorder tagged with this plan.  Paths are relative to the site folder, as stored."""
    with ctx.reading() as s:
        b = find_batch(s, plan_no)
        rooms = [r.name for r in b.rooms]
        lo = _dt.datetime.combine(b.exam_start, _dt.time.min, tzinfo=_dt.timezone.utc) - _dt.timedelta(hours=14)
        hi = _dt.datetime.combine(b.exam_end, _dt.time.max, tzinfo=_dt.timezone.utc) + _dt.timedelta(hours=14)
        segs = [{"camera": g.camera_code, "room": g.room, "path": g.path, "start": _iso(g.start), "end": _iso(g.end),
                 "fps": g.fps, "frames": g.frames, "bytes": g.size, "sha256": g.sha256, "status": g.status,
                 "journal_seq": g.journal_seq}
                for g in s.scalars(select(ct.CameraSegment).where(
                    (ct.CameraSegment.plan_no == plan_no)
                    | (ct.CameraSegment.room.in_(rooms) & (ct.CameraSegment.end >= lo) & (ct.CameraSegment.start <= hi)))
                                   .order_by(ct.CameraSegment.room, ct.CameraSegment.camera_code,
                                             ct.CameraSegment.start, ct.CameraSegment.id))]
        gaps = [{"camera": g.camera_code, "room": g.room, "start": _iso(g.start), "end": _iso(g.end),
                 "reason": g.reason}
                for g in s.scalars(select(ct.CameraGap).where(ct.CameraGap.room.in_(rooms), ct.CameraGap.end >= lo,
                                                              ct.CameraGap.start <= hi)
                                   .order_by(ct.CameraGap.room, ct.CameraGap.camera_code, ct.CameraGap.start,
                                             ct.CameraGap.id))]
    return [_write(folder, CAMERA_JSON, {"plan_no": plan_no, "rooms": sorted(rooms), "segments": segs,
                                         "gaps": gaps})]


SLOT_PROVIDERS = (("results", provide_results), ("theory", provide_theory), ("practical", provide_practical),
                  ("misconduct", provide_misconduct), ("supervision", provide_supervision),
                  ("camera", provide_camera))
