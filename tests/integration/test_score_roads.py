"""One road for every score (issue 18 item 1), on the real demo site.

A score reaches results only by a road, and the road sets its source: the master's scoring of
the signed theory answers, the chief grader's signed practical summary, 双人复核 (two different
people typing the same value), the door's cut-off (缺考).  A correction needs two people and a
reason, keeps the old value and is journaled."""

from __future__ import annotations

import inspect
import json

import pytest
from sqlalchemy import select, text

from app.cli import main
from app.core import results as core
from app.core.errors import Conflict, DomainError, PermissionDenied
from app.services.base import REGISTRY
from app.services.demo import DEMO_PASSPHRASE, DEMO_PLAN, DEMO_STAFF
from app.services.results import (
    ROAD_PRACTICAL_SUMMARY,
    ROAD_THEORY_EXAM,
    ResultsService,
)
from app.services.roster import RosterService
from app.services.staff import StaffService
from app.store import results_tables as rt
from app.store.models import Candidate, JournalEntry
from tests.conftest import sign_supervision_report
from tests.results_support import scores_arrive

PASSWORDS = {u: p for u, _, _, p, _ in DEMO_STAFF}


def _score(demo, ticket: str, subject: str = "theory"):
    with demo.store.read() as s:
        row = s.scalars(select(rt.SubjectScore).join(Candidate, Candidate.id == rt.SubjectScore.candidate_id)
                        .where(Candidate.ticket_no == ticket, rt.SubjectScore.subject == subject)).first()
        return None if row is None else (row.score, row.absent, row.source)


def test_one_person_cannot_write_a_final_score(demo, demo_login, monkeypatch, capsys):
    """rules-digest.md L445: "成绩录入实行**双人复核**（3分）" [003 L350–353] — one person's typing is
    never a final score, and nobody types where a score came from."""
    # no service call a person can make takes a typed source
    import importlib
    import pkgutil

    import app.services
    for mod in pkgutil.iter_modules(app.services.__path__):
        importlib.import_module(f"app.services.{mod.name}")
    typed = [q for q, _, fn in REGISTRY
             if {"source", "subject"} <= set(inspect.signature(fn).parameters)]   # a score's source
    assert typed == [], f"a person may type a score's source in {typed}"

    t = RosterService(demo_login("admin")).candidates(DEMO_PLAN)[0].ticket_no
    demo.close()
    monkeypatch.setenv("EXAMSITE_PASSPHRASE", DEMO_PASSPHRASE)
    site = str(demo.site_dir)

    def cli(user, *extra):
        monkeypatch.setenv("EXAMSITE_PASSWORD", PASSWORDS[user])
        return main(["results", "score", "--site", site, "--batch", DEMO_PLAN, "--user", user, "--ticket", t,
                     "--subject", "theory", "--score", "77.5", *extra])

    assert cli("admin") == 0
    assert cli("admin") == 0                        # the same person twice is still one person
    try:                                            # nor can anyone say where the score came from
        refused = cli("admin", "--source", "theory-exam")
    except SystemExit as exc:
        refused = exc.code
    assert refused == 2
    capsys.readouterr()
    from app.services.site import open_site
    handle = open_site(demo.site_dir, DEMO_PASSPHRASE)
    try:
        assert _score(handle, t) is None
        assert cli("kaowu") == 0                    # a second, different person types the same value
        assert "已计入" in capsys.readouterr().out
        assert _score(handle, t) == ("77.5", False, core.ROAD_DOUBLE_ENTRY)
    finally:
        handle.close()


def test_correction_needs_two_people_and_keeps_old_value(demo, demo_login):
    """rules-digest.md L445: "成绩录入实行**双人复核**（3分）…涉及成绩信息的试卷、表单等做好保存" [003 L350–353]
    — a correction of a recorded score is typed by two people, each with a reason; the old value
    is kept and journaled."""
    admin, kaowu = demo_login("admin"), demo_login("kaowu")
    t = RosterService(admin).candidates(DEMO_PLAN)[1].ticket_no
    ResultsService(admin).enter_manual(t, "theory", "60")
    assert ResultsService(kaowu).enter_manual(t, "theory", "60") == "agreed"
    with pytest.raises(DomainError, match="理由"):
        ResultsService(admin).correct_score(t, "theory", "66", "")
    assert ResultsService(admin).correct_score(t, "theory", "66", "答题卡第二页漏登") == "waiting"
    assert ResultsService(admin).correct_score(t, "theory", "66", "答题卡第二页漏登") == "waiting"  # still one person
    assert _score(demo, t) == ("60.0", False, core.ROAD_DOUBLE_ENTRY)
    assert ResultsService(kaowu).correct_score(t, "theory", "67", "复核试卷后更正") == "mismatch"
    assert _score(demo, t) == ("60.0", False, core.ROAD_DOUBLE_ENTRY)
    StaffService(admin).add("kaowu2", "何录入", "Demo-kaowu2-2026", ["staff"])
    with pytest.raises(Conflict, match="两人"):
        ResultsService(demo.login("kaowu2", "Demo-kaowu2-2026")).correct_score(t, "theory", "66", "第三人更正")
    with pytest.raises(PermissionDenied):
        ResultsService(demo_login("zuzhang", "chief_grader")).correct_score(t, "theory", "66", "组长直接改分")
    assert ResultsService(kaowu).correct_score(t, "theory", "66", "复核试卷后更正") == "applied"
    assert _score(demo, t) == ("66.0", False, core.ROAD_CORRECTION)
    (c,) = ResultsService(admin).corrections(DEMO_PLAN)
    assert (c.state, c.before, c.before_source, c.first_by, c.second_by) == (
        "applied", "60.0", core.ROAD_DOUBLE_ENTRY, "admin", "kaowu")
    assert (c.first_reason, c.second_reason) == ("答题卡第二页漏登", "复核试卷后更正")
    with demo.store.read() as s:
        (payload,) = s.scalars(select(JournalEntry.payload).where(JournalEntry.action == "score.corrected",
                                                                  JournalEntry.subject == t))
    p = json.loads(payload)
    assert (p["before"], p["after"], p["by"]) == ("60.0", "66.0", ["admin", "kaowu"])
    # a second, plain double entry is not a way around it
    ResultsService(admin).enter_manual(t, "theory", "90")
    with pytest.raises(Conflict, match="更正须两人"):
        ResultsService(kaowu).enter_manual(t, "theory", "90")
    assert _score(demo, t) == ("66.0", False, core.ROAD_CORRECTION)


def test_machine_and_signed_scores_are_corrected_at_their_source(demo, demo_login):
    """rules-digest.md L424: "操作技能考核评分由考评人员签字负责" [002 L3858] — the practical score is
    the graders' signed sheets and the chief's signed summary: an office correction cannot replace
    it; nor one computed from the candidate's signed theory answers."""
    admin, kaowu = demo_login("admin"), demo_login("kaowu")
    t = RosterService(admin).candidates(DEMO_PLAN)[2].ticket_no
    scores_arrive(admin, ROAD_THEORY_EXAM, [(t, "theory", 80)])
    scores_arrive(admin, ROAD_PRACTICAL_SUMMARY, [(t, "practical", 75)])
    with pytest.raises(Conflict, match="不能手工更正"):
        ResultsService(admin).correct_score(t, "theory", "90", "考生申请复核")
    with pytest.raises(Conflict, match="重新签署汇总表"):
        ResultsService(kaowu).correct_score(t, "practical", "90", "考生申请复核")
    ResultsService(admin).enter_manual(t, "practical", "90")
    with pytest.raises(Conflict, match="更正须两人"):
        ResultsService(kaowu).enter_manual(t, "practical", "90")
    with pytest.raises(DomainError):      # the in-results roads are not handed out
        scores_arrive(admin, core.ROAD_CORRECTION, [(t, "practical", 90)])
    assert _score(demo, t, "practical") == ("75.0", False, ROAD_PRACTICAL_SUMMARY)


def test_road_replacement_rule():
    """rules-digest.md L445 (双人复核) and L424 (评分由考评人员签字负责): a road re-issues its own
    score; a door absence gives way to a sitting; anything else is a correction."""
    assert core.replace_problem(None, core.ROAD_DOUBLE_ENTRY) is None
    assert core.replace_problem(core.ROAD_DOOR_ABSENCE, core.ROAD_THEORY_EXAM) is None
    assert core.replace_problem(core.ROAD_THEORY_EXAM, core.ROAD_THEORY_EXAM) is None
    assert core.replace_problem(core.ROAD_PRACTICAL_SUMMARY, core.ROAD_PRACTICAL_SUMMARY) is None
    assert core.replace_problem(core.ROAD_DOUBLE_ENTRY, core.ROAD_DOUBLE_ENTRY)       # retyping = correcting
    assert core.replace_problem(core.ROAD_PRACTICAL_SUMMARY, core.ROAD_DOUBLE_ENTRY)
    assert core.replace_problem(core.ROAD_THEORY_EXAM, core.ROAD_DOOR_ABSENCE)
    assert core.replace_problem(None, "manual-typed-by-one") is not None


def test_door_absence_is_recorded_by_checkin(demo, tmp_path):
    """rules-digest.md L445 (成绩录入实行双人复核): nobody types a 缺考 — the door's cut-off
    (CheckinService.mark_absent) records it for the session's subject, by its own road, and a
    sitting's score supersedes it."""
    from app.rehearsal.common import cst_at
    from app.rehearsal.day import Day, DayClock
    from app.rehearsal.door import run_door

    batch = RosterService(demo.login("admin", PASSWORDS["admin"])).batches()[0]
    day = Day(demo, DEMO_PLAN, DayClock(cst_at(batch.exam_start, 7, 30)), batch.exam_start, tmp_path / "out",
              PASSWORDS, say=lambda line: None, passphrase=DEMO_PASSPHRASE)
    door = run_door(day, absent=2, late=1, mismatch=0)  # at two door desk processes
    assert len(door.recorded_absent) == 3
    for t in door.recorded_absent:
        assert _score(demo, t) == (None, True, core.ROAD_DOOR_ABSENCE)
    present = min(door.checked_in)
    assert _score(demo, present) is None
    late = door.refused_late[0]           # admitted after all (e.g. the exam was delayed): the sitting counts
    scores_arrive(day.login("admin"), ROAD_THEORY_EXAM, [(late, "theory", 71)])
    assert _score(demo, late) == ("71.0", False, ROAD_THEORY_EXAM)


def test_verifier_recomputes_practical_from_signed_sheets(tmp_path, demo, demo_login):
    """rules-digest.md L424: "操作技能考核评分由考评人员签字负责" [002 L3858] and L431 "Score summary
    signed by 考评组长（签字） and 考评组成员（签字）" [003 L204–209] — the verifier recomputes every
    practical score from the graders' signed sheets and the chief's decisions, and refuses a
    bundle whose results (or sheets) were changed in the store after the signatures."""
    from app import verifier
    from app.core import bundle as layout
    from app.services.bundle import ExportService
    from app.store import scoring_tables as st
    from tests.scoring_support import FULL, score, setup_scoring, signature_png

    svc = setup_scoring(tmp_path, demo_login)
    cands = RosterService(demo_login("admin")).candidates(DEMO_PLAN)
    t1, t2 = cands[0].ticket_no, cands[1].ticket_no
    score(svc["kaoping1"], "kaoping1", t1, {**FULL, "1.2": 25})      # 97 / 96 / 100: mean 97.7
    score(svc["kaoping2"], "kaoping2", t1, {**FULL, "2.2": 50})
    score(svc["zuzhang"], "zuzhang", t1, FULL)
    score(svc["kaoping1"], "kaoping1", t2, {**FULL, "1.3": 20})      # 70 / 100 / 100: the chief decides
    score(svc["kaoping2"], "kaoping2", t2, FULL)
    score(svc["zuzhang"], "zuzhang", t2, FULL)
    svc["chief"].chief.reconcile(DEMO_PLAN, t2, "94.0", "复看考件照片，按94分认定")
    for c in cands[2:]:
        svc["chief"].chief.mark_absent(DEMO_PLAN, c.ticket_no, "未到场")
    svc["chief"].chief.sign_summary(DEMO_PLAN, PASSWORDS["zuzhang"], signature_png())
    assert _score(demo, t1, "practical") == ("97.7", False, ROAD_PRACTICAL_SUMMARY)

    sign_supervision_report(demo)  # an export needs the 内督 report on record (issue 18)

    def export(name, countersign=True):
        out = tmp_path / name
        view = ExportService(demo.login("admin", PASSWORDS["admin"])).make(out, PASSWORDS["admin"], DEMO_PLAN)
        required = layout.REQUIRED_SIGNERS
        if countersign:
            ExportService(demo.login("neidu", PASSWORDS["neidu"])).countersign(view.seq, out, PASSWORDS["neidu"])
        else:                 # the verifier itself, on what the site and the admin signed
            required = tuple(r for r in required if r != "internal_supervisor")
        (tmp_path / "trust.txt").write_text(ExportService(demo.login("admin", PASSWORDS["admin"])).public_keys(),
                                            encoding="utf-8")
        return verifier.verify_file(out, verifier.load_trust(tmp_path / "trust.txt"), required=required)

    good = export("good.zip")
    assert good.ok, good.fault
    assert good.practical_checked == len(cands) and "实操成绩按已签字评分表复算一致" in good.summary()

    # an insider changes the practical score in the store (no service, no journal entry)
    with demo.store.write() as s:
        row = s.scalars(select(rt.SubjectScore).join(Candidate, Candidate.id == rt.SubjectScore.candidate_id)
                        .where(Candidate.ticket_no == t1, rt.SubjectScore.subject == "practical")).one()
        row.score = "99.0"
    bad = export("score-edited.zip", countersign=False)
    assert not bad.ok and "实操复算不符" in bad.fault and t1 in bad.fault
    with pytest.raises(DomainError, match="实操复算不符"):      # nor does the internal supervisor countersign it
        export("score-edited-2.zip")
    with demo.store.write() as s:
        row = s.scalars(select(rt.SubjectScore).join(Candidate, Candidate.id == rt.SubjectScore.candidate_id)
                        .where(Candidate.ticket_no == t1, rt.SubjectScore.subject == "practical")).one()
        row.score = "97.7"
        # ... or a grader's signed entries (past the store's own guard, as an insider with the key could)
        s.execute(text("DROP TRIGGER score_sheet_signed_no_update"))
        sheet = s.scalars(select(st.ScoreSheet).join(Candidate, Candidate.id == st.ScoreSheet.candidate_id)
                          .where(Candidate.ticket_no == t1)).first()
        sheet.entries = {**sheet.entries, "1.1": "19"}
    bad = export("sheet-edited.zip", countersign=False)
    assert not bad.ok and "实操复算" in bad.fault and t1 in bad.fault


def test_verifier_holds_results_theory_to_the_recomputed_total():
    """rules-digest.md L445 (成绩录入实行双人复核) — a theory score that arrived by the theory exam's
    road is the total recomputed from the signed answers; a results table that says otherwise
    (edited after scoring) fails verification."""
    from app.core import practical_recheck

    def results(held, proven="80", source="theory-exam"):
        return json.dumps({"candidates": [{"ticket_no": "T1", "theory": proven, "subjects": {
            "theory": {"score": held, "absent": held is None, "source": source}}}]}).encode()

    assert practical_recheck.theory_scores_match(results("80")) is None
    assert practical_recheck.theory_scores_match(results("80.0")) is None
    assert "理论复算不符" in practical_recheck.theory_scores_match(results("85"))
    assert "理论复算不符" in practical_recheck.theory_scores_match(results(None))
    assert practical_recheck.theory_scores_match(results("85", proven=None)) is None      # nothing proven
    assert practical_recheck.theory_scores_match(results("85", source="correction")) is None
