"""Wiring: the chief grader's signature on the practical summary hands the scores to results
(real demo site, real SQLCipher store)."""

from __future__ import annotations

from decimal import Decimal

import pytest
from sqlalchemy import select

from app.core.errors import Conflict
from app.services.results import ResultsService
from app.services.roster import RosterService
from app.services.staff import StaffService
from app.store.models import JournalEntry
from tests.scoring_support import FULL, PASSWORDS, PLAN, score, setup_scoring, signature_png


def _actions(demo, prefix):
    with demo.store.read() as s:
        return [a for a in s.scalars(select(JournalEntry.action).order_by(JournalEntry.seq)) if a.startswith(prefix)]


def test_chief_signature_transfers_practical_scores_to_results(tmp_path, demo_login, demo):
    svc = setup_scoring(tmp_path, demo_login)
    cands = RosterService(demo_login("admin")).candidates(PLAN)
    t1, t2 = cands[0].ticket_no, cands[1].ticket_no
    score(svc["kaoping1"], "kaoping1", t1, {**FULL, "1.2": 25})       # 97
    score(svc["kaoping2"], "kaoping2", t1, {**FULL, "2.2": 50})       # 96
    score(svc["zuzhang"], "zuzhang", t1, FULL)                        # 100 -> mean 97.7
    score(svc["kaoping1"], "kaoping1", t2, FULL)                       # 100
    score(svc["kaoping2"], "kaoping2", t2, {**FULL, "1.3": 20})        # 82
    score(svc["zuzhang"], "zuzhang", t2, {**FULL, "1.3": 40})          # 94 -> discrepancy
    svc["chief"].chief.reconcile(PLAN, t2, "94.0", "复看考件照片，通电试验第二次成功，按94分认定")
    for c in cands[2:]:
        svc["chief"].chief.mark_absent(PLAN, c.ticket_no, "未到场")
    results = ResultsService(demo_login("admin"))

    # a member's signature does not hand anything over; the chief's does
    svc["kaoping1"].chief.sign_summary(PLAN, PASSWORDS["kaoping1"], signature_png(5))
    assert all(r.scores.get("practical") is None for r in results.results(PLAN))
    svc["chief"].chief.sign_summary(PLAN, PASSWORDS["zuzhang"], signature_png())
    by_ticket = {r.ticket_no: r for r in results.results(PLAN)}
    assert by_ticket[t1].scores["practical"] == Decimal("97.7")
    assert by_ticket[t2].scores["practical"] == Decimal("94.0")
    assert by_ticket[cands[5].ticket_no].score_text("practical") == "缺考"
    with demo.store.read() as s:
        from app.store.results_tables import SubjectScore
        sources = set(s.scalars(select(SubjectScore.source).where(SubjectScore.subject == "practical")))
    assert sources == {"practical-summary"}
    assert _actions(demo, "score.record").count("score.record") == len(cands)
    assert _actions(demo, "scoring.transfer") == ["scoring.transfer"]

    # signing the same summary again is refused and changes nothing
    with pytest.raises(Conflict, match="已签署"):
        svc["chief"].chief.sign_summary(PLAN, PASSWORDS["zuzhang"], signature_png())
    assert _actions(demo, "score.record").count("score.record") == len(cands)

    # a changed reconciliation before results are approved follows into results at once (no stale score);
    # the chief's signature no longer matches the summary, and re-signing changes nothing more
    svc["chief"].chief.reconcile(PLAN, t2, "92.0", "复核录像后改按平均分认定")
    assert {r.ticket_no: r for r in results.results(PLAN)}[t2].scores["practical"] == Decimal("92.0")
    assert ("zuzhang", False) in {(x.username, x.valid) for x in svc["admin"].chief.summary_signatures(PLAN)}
    svc["chief"].chief.sign_summary(PLAN, PASSWORDS["zuzhang"], signature_png())
    assert {r.ticket_no: r for r in results.results(PLAN)}[t2].scores["practical"] == Decimal("92.0")
    assert _actions(demo, "score.record").count("score.record") == len(cands) + 1   # idempotent for the rest
    assert len(_actions(demo, "scoring.transfer")) == 2


def test_reconciliation_after_approved_transfer_needs_a_reopen(tmp_path, demo_login, demo):
    svc = setup_scoring(tmp_path, demo_login)
    cands = RosterService(demo_login("admin")).candidates(PLAN)
    t1 = cands[0].ticket_no
    score(svc["kaoping1"], "kaoping1", t1, FULL)
    score(svc["kaoping2"], "kaoping2", t1, {**FULL, "1.3": 20})
    score(svc["zuzhang"], "zuzhang", t1, {**FULL, "1.3": 40})
    svc["chief"].chief.reconcile(PLAN, t1, "94.0", "复看考件照片，按94分认定")
    for c in cands[1:]:
        svc["chief"].chief.mark_absent(PLAN, c.ticket_no, "未到场")
    svc["chief"].chief.sign_summary(PLAN, PASSWORDS["zuzhang"], signature_png())

    admin = demo_login("admin")
    StaffService(admin).add("admin2", "钱审核", "Demo-admin2-2026", ["admin"])
    results = ResultsService(admin)
    results.set_machine_role("master")
    for c in cands:
        results.record_subject_score(c.ticket_no, "theory", 80, "theory-exam")
    assert ResultsService(demo_login("neidu")).sign_review(PLAN, "Demo-neidu-2026") == "checked"
    assert results.sign_review(PLAN, "Demo-admin-2026") == "first_review"
    assert ResultsService(demo.login("admin2", "Demo-admin2-2026")).sign_review(PLAN, "Demo-admin2-2026") == "approved"

    with pytest.raises(Conflict, match="重新打开"):
        svc["chief"].chief.reconcile(PLAN, t1, "90.0", "复审定稿后想改分")
    assert {r.ticket_no: r for r in results.results(PLAN)}[t1].scores["practical"] == Decimal("94.0")
    assert svc["chief"].chief.result(PLAN, t1).score == Decimal("94.0")          # the refused decision left no trace
    assert results.review_state(PLAN).stage == "approved"

    results.reopen(PLAN, "考生申请复核实操成绩，组长重新裁定", "Demo-admin-2026")
    svc["chief"].chief.reconcile(PLAN, t1, "90.0", "复核录像后重新裁定")
    svc["chief"].chief.sign_summary(PLAN, PASSWORDS["zuzhang"], signature_png())
    assert {r.ticket_no: r for r in results.results(PLAN)}[t1].scores["practical"] == Decimal("90.0")
    assert results.review_state(PLAN).stage == "entered"                 # the chain must be signed again


def test_transfer_refused_as_a_whole_when_results_are_approved(tmp_path, demo_login, demo):
    """Approved results with an untransferred practical summary: the chief's signature is refused
    (and not stored), naming the candidate and the reopen rule."""
    svc = setup_scoring(tmp_path, demo_login)
    cands = RosterService(demo_login("admin")).candidates(PLAN)
    admin = demo_login("admin")
    StaffService(admin).add("admin2", "钱审核", "Demo-admin2-2026", ["admin"])
    results = ResultsService(admin)
    results.set_machine_role("master")
    for c in cands:
        results.record_subject_score(c.ticket_no, "theory", 80, "theory-exam")
        results.record_subject_score(c.ticket_no, "practical", 70, "manual")
    ResultsService(demo_login("neidu")).sign_review(PLAN, "Demo-neidu-2026")
    results.sign_review(PLAN, "Demo-admin-2026")
    ResultsService(demo.login("admin2", "Demo-admin2-2026")).sign_review(PLAN, "Demo-admin2-2026")
    for u in ("kaoping1", "kaoping2", "zuzhang"):
        score(svc[u], u, cands[0].ticket_no, FULL)
    for c in cands[1:]:
        svc["chief"].chief.mark_absent(PLAN, c.ticket_no, "未到场")
    with pytest.raises(Conflict, match=f"{cands[0].ticket_no}.*重新打开"):
        svc["chief"].chief.sign_summary(PLAN, PASSWORDS["zuzhang"], signature_png())
    assert svc["admin"].chief.summary_signatures(PLAN) == []
    assert {r.ticket_no: r for r in results.results(PLAN)}[cands[0].ticket_no].scores["practical"] == Decimal("70")
    assert _actions(demo, "scoring.transfer") == [] and _actions(demo, "scoring.summary_sign") == []
