"""综合评审 for 技师 and 高级技师 by the site's province profile (issue 18 item 8), on the real demo sites."""

from __future__ import annotations

import datetime as dt
import random

from decimal import Decimal

import pytest

from app.core.errors import Conflict, DomainError
from app.core.errors import NotFound as NotFoundError
from app.core.idcard import synthetic_id_number
from app.formats.roster_template import write_roster
from app.services import gates
from app.services.base import find_batch
from app.services.demo import DEMO_PLAN, build_demo_site
from app.services.results import ResultsService
from app.services.roster import RosterService
from app.services.scoring import ScoringServices, SheetsSealed
from app.services.site import open_site
from app.services.staff import StaffService
from app.store.keys import TEST_KDF
from tests.integration.test_results_flow import pdftext
from tests.scoring_support import write_template

TECHNICIAN_PLAN = "2026-41-DG-0201"
TICKETS = [f"DG2620{i:04d}" for i in range(1, 4)]


def _technician_batch(admin, tmp_path) -> None:
    """A 二级/技师 batch of 电工 with three candidates."""
    rng = random.Random(9)
    rows = [[TECHNICIAN_PLAN, t, name, "男", "201", synthetic_id_number(rng, "410102", "男"), "示例单位", "第1考场",
             f"{i:02d}"] for i, (t, name) in enumerate(zip(TICKETS, ("张明", "李强", "王刚")), 1)]
    day = dt.date(2099, 3, 2).isoformat()
    write_roster(tmp_path / "technician.xlsx", [[TECHNICIAN_PLAN, "6-31-01-03", "电工", "", "二级", day, day,
                                                 "第1考场", 60, 60, ""]], rows)
    RosterService(admin).import_roster(tmp_path / "technician.xlsx")


def _numbering_problems(ctx, plan_no: str) -> list[str]:
    with ctx.reading() as s:
        return gates.numbering_problems(s, find_batch(s, plan_no))


def _review_scores(first, second, scores: dict[str, str]) -> None:
    """综合评审 scores typed by two people (双人复核)."""
    for t, v in scores.items():
        assert ResultsService(first).enter_manual(t, "review", v) == "waiting"
        assert ResultsService(second).enter_manual(t, "review", v) == "agreed"


def test_comprehensive_review_required_gate(tmp_path, demo_login):
    """Hunan "综合评审主要针对技师和高级技师，通常采取审阅申报材料、答辩等方式进行全面评议和审查" [000 L668]:
    on a Hunan site a 技师 batch has a 综合评审 and certificates are not numbered until every candidate's
    score is in.  Henan "技师以上级别可增加综合评审环节" [002 L4065]: optional — a Henan 技师 batch has none
    until the institution adds it, and then waits for it the same way."""
    info = build_demo_site(tmp_path / "hn", candidates=4, seed=3, kdf=TEST_KDF, profile="hunan",
                           exam_day=dt.date(2026, 6, 1))
    handle = open_site(info.site_dir, info.passphrase)
    try:
        admin = handle.login("admin", "Demo-admin-2026")
        _technician_batch(admin, tmp_path)
        rows = ResultsService(admin).results(TECHNICIAN_PLAN)
        assert [o.subject for o in rows[0].result.subjects] == ["theory", "practical", "review"]
        gate = [p for p in _numbering_problems(admin, TECHNICIAN_PLAN) if "综合评审" in p]
        assert gate == ["综合评审成绩尚未录入（3 名考生，如 DG26200001；湖南省规则要求（000 L668）），不能核发证书编号"]
        assert not any("综合评审" in p for p in _numbering_problems(admin, DEMO_PLAN))   # 四级: none
        assert ResultsService(admin).add_comprehensive_review(TECHNICIAN_PLAN) is False  # required already
        _review_scores(handle.login("kaowu", "Demo-kaowu-2026"), admin, dict.fromkeys(TICKETS, "75"))
        assert not any("综合评审" in p for p in _numbering_problems(admin, TECHNICIAN_PLAN))
    finally:
        handle.close()
    # Henan: optional; the institution adds it to the batch
    admin = demo_login("admin")
    _technician_batch(admin, tmp_path)
    results = ResultsService(admin)
    assert [o.subject for o in results.results(TECHNICIAN_PLAN)[0].result.subjects] == ["theory", "practical"]
    assert not any("综合评审" in p for p in _numbering_problems(admin, TECHNICIAN_PLAN))
    with pytest.raises(DomainError, match="没有「综合评审」科目"):
        results.enter_manual(TICKETS[0], "review", "80")
    with pytest.raises(DomainError, match="四级/中级工不设综合评审"):
        results.add_comprehensive_review(DEMO_PLAN)
    assert results.add_comprehensive_review(TECHNICIAN_PLAN) is True
    assert [o.subject for o in results.results(TECHNICIAN_PLAN)[0].result.subjects][-1] == "review"
    assert [p for p in _numbering_problems(admin, TECHNICIAN_PLAN) if "综合评审" in p] == [
        "综合评审成绩尚未录入（3 名考生，如 DG26200001；本批次已增加综合评审），不能核发证书编号"]


def test_comprehensive_review_fills_column(tmp_path, demo_login):
    """Nanxun 附件1《职业技能等级认定实操（综合成绩）汇总表》 columns "序号 · 准考证号码 · 姓名 · 身份证号码 ·
    所在单位 · 实操成绩 · 综合成绩 · 备注" [003 L96–213, rules-digest §4.8]: the 综合成绩 column carries the
    batch's 综合评审 score ("技师以上级别可增加综合评审环节" [002 L4065]).  The batch's graders must hold
    一级 ("考评二级职业资格 / 技师的考评人员必须具有一级职业资格 / 高级技师" [002 L3834])."""
    admin = demo_login("admin")
    _technician_batch(admin, tmp_path)
    ResultsService(admin).add_comprehensive_review(TECHNICIAN_PLAN)
    svc = ScoringServices.of(admin)
    svc.setup.import_template(TECHNICIAN_PLAN, write_template(tmp_path / "tpl.xlsx"))
    with pytest.raises(DomainError, match="考评员「吴晓东」为三级/高级工，考评二级/技师须具有一级/高级技师及以上资格"):
        svc.setup.set_group(TECHNICIAN_PLAN, ["kaoping1", "kaoping2", "zuzhang"], "zuzhang")
    for n, u in enumerate(("kaoping1", "kaoping2", "zuzhang"), 1):
        StaffService(admin).set_grader_qualification(u, f"KP-2026-1{n}", "高级技师", "电工")
    svc.setup.set_group(TECHNICIAN_PLAN, ["kaoping1", "kaoping2", "zuzhang"], "zuzhang")
    _review_scores(demo_login("kaowu"), admin, {TICKETS[0]: "87.5", TICKETS[1]: "91"})
    pdf = svc.reports.summary_pdf(TECHNICIAN_PLAN, tmp_path / "附件1.pdf")
    # the practical part is not scored yet (实操成绩 empty, 备注 评分未完成); 综合成绩 is the review score
    text = pdftext(pdf).splitlines()
    cells = {t: line.split()[5:] for line in text for t in TICKETS if t in line}
    assert cells == {TICKETS[0]: ["87.5", "评分未完成"], TICKETS[1]: ["91", "评分未完成"],
                     TICKETS[2]: ["评分未完成"]}
    header, row = next(x for x in text if "综合成绩" in x and "实操成绩" in x), next(x for x in text if TICKETS[0] in x)
    at = row.index("87.5")   # under 综合成绩, not under 实操成绩
    assert abs(at - header.index("综合成绩")) < abs(at - header.index("实操成绩"))


def test_review_panel_scores_and_signs_like_a_practical_group(tmp_path, demo, demo_login):
    """"综合评审主要针对技师和高级技师，通常采取审阅申报材料、答辩等方式进行全面评议和审查" [000 L668];
    "技师以上级别可增加综合评审环节" [002 L4065]; the senior 考评员 "主要职责是对考评对象理论知识考试、操作技能考核
    或综合评审评分" [000 L686]; "操作技能考核评分由考评人员签字负责" [002 L3858].  The seeds set no panel rule of
    their own (rules-digest §4.9), so the panel is a scoring group of the batch like the 考评组 — its template,
    a group of qualified graders, blind sheets each signed, the chief's summary signed — and that signature
    is the road of the review score ("review-summary"; 双人复核 is refused once a panel exists).  附件1's 综合成绩 shows it, and
    `examsite verify` recomputes it from the panel's signed sheets as it does the practical ones."""
    import json
    import subprocess
    import sys

    from app.core import practical_recheck
    from app.services.bundle import ExportService
    from app.services.demo import DEMO_PLAN
    from app.services.site import SiteService
    from tests.conftest import sign_supervision_report
    from tests.integration.test_bundle import PW, _members
    from tests.scoring_support import FULL, PASSWORDS, signature_png

    admin = demo_login("admin")
    _technician_batch(admin, tmp_path)
    office = ScoringServices.of(admin)
    panel = ["kaoping1", "kaoping2", "zuzhang"]
    with pytest.raises(DomainError, match="没有综合评审"):   # Henan: optional, not added yet
        office.setup.set_group(TECHNICIAN_PLAN, panel, "zuzhang", subject="review")
    assert ResultsService(admin).add_comprehensive_review(TECHNICIAN_PLAN) is True
    assert office.setup.subjects(TECHNICIAN_PLAN) == ["practical", "review"]
    assert office.setup.subjects(DEMO_PLAN) == ["practical"]
    office.setup.import_template(TECHNICIAN_PLAN, write_template(tmp_path / "review.xlsx"), subject="review")
    # the same qualification check as a practical group [002 L3834]
    with pytest.raises(DomainError, match="考评员「吴晓东」为三级/高级工"):
        office.setup.set_group(TECHNICIAN_PLAN, panel, "zuzhang", subject="review")
    for n, u in enumerate(panel, 1):
        StaffService(admin).set_grader_qualification(u, f"KP-2026-2{n}", "高级技师", "电工")
    assert office.setup.set_group(TECHNICIAN_PLAN, panel, "zuzhang", subject="review") == []
    assert office.setup.group(TECHNICIAN_PLAN, subject="review").chief == "zuzhang"
    assert office.setup.group(TECHNICIAN_PLAN).members == ()          # the practical 考评组 is another group
    with pytest.raises(DomainError, match="综合评审组"):               # 双人复核 no longer the road
        ResultsService(admin).enter_manual(TICKETS[0], "review", "80")

    graders = {u: ScoringServices.of(demo_login(u, "grader")) for u in panel}
    with pytest.raises(NotFoundError):                                # no practical template: not the panel's road
        graders["kaoping1"].grading.save_sheet(TECHNICIAN_PLAN, TICKETS[0], FULL)
    # TICKETS[0]: 100, 97.6, 98.8 (task 1 weighs 60) -> 98.8; TICKETS[1]: 100, 82, 100 -> spread 18 > 10
    mine = {"kaoping1": (FULL, FULL), "kaoping2": ({**FULL, "1.3": 46}, {**FULL, "1.3": 20}),
            "zuzhang": ({**FULL, "1.3": 48}, FULL)}
    for n, (u, sheets) in enumerate(mine.items(), 1):
        for t, entries in zip(TICKETS[:2], sheets):
            graders[u].grading.save_sheet(TECHNICIAN_PLAN, t, entries, subject="review")
            if u != "zuzhang":
                graders[u].grading.sign_sheet(TECHNICIAN_PLAN, t, PASSWORDS[u], signature_png(n), subject="review")
    chief = ScoringServices.of(demo_login("zuzhang", "chief_grader"))
    with pytest.raises(SheetsSealed):                                 # blind until every member signed
        chief.chief.sheets(TECHNICIAN_PLAN, TICKETS[0], subject="review")
    for t in TICKETS[:2]:
        graders["zuzhang"].grading.sign_sheet(TECHNICIAN_PLAN, t, PASSWORDS["zuzhang"], signature_png(3),
                                              subject="review")
    assert [r.ticket_no for r in chief.chief.discrepancies(TECHNICIAN_PLAN, subject="review")] == [TICKETS[1]]
    with pytest.raises(Conflict, match="尚有 2 名考生的成绩未确定"):
        chief.chief.sign_summary(TECHNICIAN_PLAN, PASSWORDS["zuzhang"], signature_png(3), subject="review")
    chief.chief.reconcile(TECHNICIAN_PLAN, TICKETS[1], "95", "复看答辩记录，按95分认定", subject="review")
    chief.chief.mark_absent(TECHNICIAN_PLAN, TICKETS[2], "未参加答辩", subject="review")
    summary = {r.ticket_no: (r.score, r.status) for r in chief.chief.practical_summary(TECHNICIAN_PLAN,
                                                                                        subject="review")}
    assert summary == {TICKETS[0]: (Decimal("98.8"), "final"), TICKETS[1]: (Decimal("95.0"), "reconciled"),
                       TICKETS[2]: (None, "absent")}
    with pytest.raises(NotFoundError):
        chief.chief.practical_summary(TECHNICIAN_PLAN)                # the practical group has no template
    chief.chief.sign_summary(TECHNICIAN_PLAN, PASSWORDS["zuzhang"], signature_png(3), subject="review")
    assert chief.chief.verify_sheets(TECHNICIAN_PLAN, subject="review") == []

    # 附件1: 综合成绩 from results, which the panel's signed summary filled
    office.setup.import_template(TECHNICIAN_PLAN, write_template(tmp_path / "tpl.xlsx"))
    pdf = office.reports.summary_pdf(TECHNICIAN_PLAN, tmp_path / "附件1.pdf")
    cells = {t: line.split()[5:] for line in pdftext(pdf).splitlines() for t in TICKETS if t in line}
    assert cells == {TICKETS[0]: ["98.8", "评分未完成"], TICKETS[1]: ["95", "评分未完成"],
                     TICKETS[2]: ["缺考", "评分未完成"]}

    # the bundle carries the panel's signed sheets; the verifier recomputes the review scores
    SiteService(admin).set_filed_scope([{"occupation_code": "6-31-01-03", "occupation_name": "电工",
                                         "work_type": "", "levels": "5、4、3、2"}])   # 技师 filed too
    StaffService(admin).assign(TECHNICIAN_PLAN, "neidu", "internal_supervisor")
    sign_supervision_report(demo, TECHNICIAN_PLAN)
    out = tmp_path / "bundle.zip"
    view = ExportService(demo_login("admin")).make(out, PW["admin"], TECHNICIAN_PLAN)
    ExportService(demo_login("neidu")).countersign(view.seq, out, PW["neidu"])
    (tmp_path / "trust.txt").write_text(ExportService(demo_login("admin")).public_keys(), encoding="utf-8")
    members = _members(out)[1]
    res = json.loads(members["data/results/results.json"])
    sources = {c["ticket_no"]: c["subjects"]["review"].get("source") for c in res["candidates"]}
    assert sources == dict.fromkeys(TICKETS, "review-summary")
    r = subprocess.run([sys.executable, "-m", "app", "verify", str(out), "--trust", str(tmp_path / "trust.txt")],
                       capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    assert "综合评审成绩按已签字评分表复算一致 3 人" in r.stdout
    # a review score in results that its signed sheets do not give is found
    tampered = json.dumps({**res, "candidates": [
        {**c, "subjects": {**c["subjects"], "review": {**c["subjects"]["review"], "score": "99"}}}
        if c["ticket_no"] == TICKETS[0] else c for c in res["candidates"]]}).encode()
    checked, fault = practical_recheck.recompute_practical(members["data/" + practical_recheck.REVIEW_JSON],
                                                           tampered, "review")
    assert fault == f"综合评审复算不符：考生 {TICKETS[0]} 成绩表为 99，按已签字评分表复算为 98.8"
