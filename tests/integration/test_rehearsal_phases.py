"""The rehearsed day's door, practical and closing phases on the demo site, through the real
services: who got in, the impersonation incident, the chief's reconciliation, scores
recomputed from the signed sheets, certificates, the voided subject, and the sealed bundle
checked by the offline verifier (and caught when one byte of a data file changes)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from app import verifier
from app.rehearsal.closing import record_finding, run_closing
from app.rehearsal.common import cst_at
from app.rehearsal.day import Day, DayClock
from app.rehearsal.door import run_door
from app.rehearsal.practical import run_practical
from app.services.checkin import IMPERSONATION, CheckinService
from app.services.demo import DEMO_PASSPHRASE, DEMO_PLAN, DEMO_STAFF
from app.services.results import ROAD_THEORY_EXAM, ResultsService
from app.services.roster import RosterService
from app.services.scoring import R_RECONCILED, ScoringServices
from tests.integration.test_bundle import _flip, _members, _zip
from tests.results_support import scores_arrive


@pytest.fixture
def day(demo, tmp_path):
    passwords = {u: p for u, _, _, p, _ in DEMO_STAFF}
    batch = RosterService(demo.login("admin", passwords["admin"])).batches()[0]
    return Day(demo, DEMO_PLAN, DayClock(cst_at(batch.exam_start, 7, 30)), batch.exam_start, tmp_path / "out",
               passwords, say=lambda line: None, passphrase=DEMO_PASSPHRASE)


def test_door_practical_closing_on_the_demo_day(day):
    # -- 检录 ---------------------------------------------------------------------------------
    door = run_door(day, absent=2, late=1, mismatch=1)
    assert len(door.checked_in) == 36 and len(set(door.checked_in)) == 36
    # two door desk processes checked them in; a ticket shown again at the other desk was refused
    assert sorted(door.by_desk) == ["检录台1", "检录台2"] and sum(door.by_desk.values()) == 36
    assert [code for code, _ in door.doubles.values()] == ["already"]
    (late,) = door.refused_late
    assert late not in door.checked_in and "迟到" in door.refusals[late]
    (mismatch,) = door.mismatched
    assert mismatch not in door.checked_in
    incidents = CheckinService(day.login("kaochang")).incidents(door.session_id)
    assert [(i.ticket_no, i.kind) for i in incidents] == [(mismatch, IMPERSONATION)]
    assert sorted(door.recorded_absent) == sorted(door.absent + door.refused_late + door.mismatched)
    assert all(p.exists() and p.stat().st_size > 0 for p in door.files.values())

    # -- the theory room's scores (the lead's terminals do this on the full day) ----------------
    admin = day.login("admin")
    results = ResultsService(admin)
    results.set_machine_role("master")
    scores_arrive(admin, ROAD_THEORY_EXAM, [(t, "theory", 52 if i in (0, 1) else 60 + (i * 7) % 40)
                                            for i, t in enumerate(sorted(door.checked_in))])
    # the door's cut-off already sent its absentees to results as theory 缺考, by its own road
    theory = {r.ticket_no: r for r in results.results(DEMO_PLAN)}
    assert all(theory[t].score_text("theory") == "缺考" for t in door.recorded_absent)
    offender = sorted(door.checked_in)[5]
    finding = record_finding(day, offender)
    assert finding.ref == "第六条（一）" and "theory" in finding.penalty["void_subjects"]

    # -- 实操 -----------------------------------------------------------------------------------
    skipped = sorted(door.checked_in)[-1]
    present = [t for t in door.checked_in if t != skipped] + [late]   # the late one sits the practical
    prac = run_practical(day, present=present, graders=["kaoping1", "kaoping2", "kaoping3"], chief="zuzhang",
                         reconcile=1)
    assert prac.members == ["kaoping1", "kaoping2", "kaoping3", "zuzhang"]
    assert prac.sheets_signed == 4 * len(present) and not prac.sheet_problems
    assert len(prac.stations) == 4 and prac.sheets_at_stations == prac.sheets_signed  # signed at grader stations
    assert skipped in prac.absent and prac.reported[skipped] is None
    (rec, chief_score), = prac.reconciled.items()
    assert prac.reported[rec] == chief_score == prac.in_results[rec]
    assert max(prac.totals[rec].values()) - min(prac.totals[rec].values()) > 10
    assert [r.status for r in ScoringServices.of(day.login("zuzhang", "chief_grader")).chief.discrepancies(DEMO_PLAN)] == \
        [R_RECONCILED]
    assert prac.recomputed == prac.reported and not prac.mismatches
    assert {t: (None if v is None else Decimal(v)) for t, v in prac.in_results.items()} == prac.reported

    # -- 收尾 -----------------------------------------------------------------------------------
    closing = run_closing(day)
    rows = {r.ticket_no: r for r in ResultsService(day.login("admin")).results(DEMO_PLAN)}
    passed = [t for t, r in rows.items() if r.passed]
    assert closing.passed == len(passed) and closing.failed == len(rows) - len(passed)
    assert closing.certificates == len(passed) == len(closing.numbers) and sorted(closing.numbers) == sorted(passed)
    assert rows[offender].score_text("theory") == "取消" and not rows[offender].passed
    assert offender not in closing.numbers and closing.void[offender] == ["practical", "theory"]
    assert rows[door.absent[0]].score_text("theory") == "缺考" and not rows[door.absent[0]].passed
    assert closing.review == ["neidu", "admin", "admin2"]
    assert closing.verify_ok, closing.verify_message
    assert set(closing.signers) >= {"admin", "internal_supervisor"}

    trust = verifier.load_trust(closing.trust)
    assert verifier.verify_file(closing.bundle, trust).ok
    top, members = _members(closing.bundle)
    rel = "data/results/results.json"
    edited = verifier.verify_bytes(_zip(top, {**members, rel: _flip(members[rel])}), trust)
    assert not edited.ok and rel in edited.fault
    assert all(p.exists() and p.stat().st_size > 0 for p in day.artefacts.values())
    assert {"准考证", "实操成绩汇总表", "证书（PDF）", "上报包", "站点公钥（信任文件）"} <= set(day.artefacts)
