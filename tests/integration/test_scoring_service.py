"""Practical scoring through the services, on the real SQLCipher demo site."""

from __future__ import annotations

import inspect
import subprocess
from decimal import Decimal

import pytest
from sqlalchemy import select

from app.core.errors import Conflict, DomainError, ImportRejected, PermissionDenied
from app.services.base import REGISTRY
from app.services.roster import RosterService
from app.services.scoring import SCORING_SERVICES, ScoringServices, SheetsSealed
from app.services.demo import demo_grader_qualification
from app.services.staff import StaffService
from tests.scoring_support import (
    FULL,
    PASSWORDS,
    PLAN,
    login_any,
    score,
    setup_scoring,
    signature_png,
    write_template,
)


def _tickets(ctx_login, n=3):
    return [c.ticket_no for c in RosterService(ctx_login("admin")).candidates(PLAN)[:n]]


def test_three_graders_mean_summary_and_journal(tmp_path, demo_login, demo):
    svc = setup_scoring(tmp_path, demo_login)
    t1, t2, _ = _tickets(demo_login)
    score(svc["kaoping1"], "kaoping1", t1, {**FULL, "1.2": 25})       # 97.00
    score(svc["kaoping2"], "kaoping2", t1, {**FULL, "2.2": 50})       # 96.00
    assert svc["admin"].chief.result(PLAN, t1).score is None                # not all signed yet
    score(svc["zuzhang"], "zuzhang", t1, FULL)                        # 100.00
    res = svc["admin"].chief.result(PLAN, t1)
    assert res.status == "final" and res.score == Decimal("97.7")   # (97+96+100)/3
    summary = {r.ticket_no: r for r in svc["admin"].chief.practical_summary(PLAN)}
    assert summary[t1].score == Decimal("97.7") and summary[t2].score is None and summary[t2].status == "pending"
    with demo.store.read() as s:
        from app.store.models import JournalEntry
        actions = [a for a in s.scalars(select(JournalEntry.action)) if a.startswith("scoring.")]
    assert actions.count("scoring.sheet_sign") == 3 and "scoring.group" in actions and "scoring.template" in actions


def test_grader_cannot_read_another_graders_sheet_by_any_call(tmp_path, demo_login, demo):
    svc = setup_scoring(tmp_path, demo_login)
    t1 = _tickets(demo_login, 1)[0]
    score(svc["kaoping1"], "kaoping1", t1, {**FULL, "1.3": "30.5"})    # secret: 88.30
    svc["kaoping2"].grading.save_sheet(PLAN, t1, {"1.1": 20})                   # draft only
    spy = svc["kaoping2"]
    chief = svc["chief"]
    # every public read method of the service, as the other graders (grader and chief roles)
    tried = set()
    areas = [(area, fn) for area in ScoringServices.__dataclass_fields__
             for fn in inspect.getmembers(type(getattr(spy, area)), inspect.isfunction)]
    for caller in (spy, chief, svc["admin"]):
        for area, (name, fn) in areas:
            if name.startswith(("_", "import_")) or not getattr(fn, "capability", None):
                continue
            args = {"plan_no": PLAN, "ticket_no": t1, "grader": "kaoping1", "photo_id": 1,
                    "path": tmp_path / f"{name}.pdf"}
            params = [p for p in inspect.signature(fn).parameters if p != "self"]
            if not set(params) <= set(args) | {"contact", "phone", "subject"}:
                continue  # writes with values (save/sign/reconcile ...) are not reads
            tried.add(name)
            try:
                out = getattr(getattr(caller, area), name)(**{p: args[p] for p in params if p in args})
            except (SheetsSealed, PermissionDenied, Conflict, DomainError):
                continue
            text = repr(out)
            if name == "my_sheet":
                assert out is None or out.grader == caller.ctx.actor.username
                continue
            if name.endswith("_pdf"):
                text = subprocess.run(["pdftotext", "-layout", str(out), "-"], capture_output=True,
                                      text=True).stdout
            assert "88.3" not in text and "30.5" not in text, name
            if name.endswith("_pdf"):
                assert "88.3" not in text and "30.5" not in text, name
    assert {"sheets", "result", "practical_summary", "my_sheet", "station", "progress", "filled_sheets_pdf",
            "summary_pdf", "discrepancies", "my_paper_entry"} <= tried
    with pytest.raises(SheetsSealed):
        spy.chief.sheets(PLAN, t1)
    # nor through the journal, whoever may read it
    from app.store.models import JournalEntry
    with demo.store.read() as s:
        payloads = " ".join(s.scalars(select(JournalEntry.payload).where(JournalEntry.action.like("scoring.%"))))
    assert "30.5" not in payloads and "88.3" not in payloads and "entries_sha256" in payloads
    # outside the scoring services a grader or chief can reach only the site's name and counts
    import importlib
    import pkgutil

    import app.services
    from app.core.roles import CAPABILITIES, Role
    for mod in pkgutil.iter_modules(app.services.__path__):
        importlib.import_module(f"app.services.{mod.name}")
    other = {cap for _, cap, _ in REGISTRY if not cap.startswith("scoring.")
             and ({Role.GRADER, Role.CHIEF_GRADER} & CAPABILITIES[cap])}
    # Every capability a grader holds outside scoring has been reviewed: none reads a sheet.
    reviewed = {
        "site.view": "institution name and counts",
        "camera.snapshot": "takes a still from a camera (work-piece photo); reads no sheet",
    }
    assert other <= set(reviewed), f"review these for blindness: {other - set(reviewed)}"
    # once all have signed, everyone sees all sheets
    score(spy, "kaoping2", t1, FULL)
    score(svc["zuzhang"], "zuzhang", t1, FULL)
    seen = spy.chief.sheets(PLAN, t1)
    assert {(v.grader, str(v.total)) for v in seen} >= {("kaoping1", "88.30"), ("kaoping2", "100.00")}


def test_every_item_must_be_scored_and_signature_rules(tmp_path, demo_login, demo):
    svc = setup_scoring(tmp_path, demo_login)
    t1 = _tickets(demo_login, 1)[0]
    g = svc["kaoping1"]
    g.grading.save_sheet(PLAN, t1, {"1.1": 20, "1.2": 30})
    with pytest.raises(DomainError, match="未评分"):
        g.grading.sign_sheet(PLAN, t1, PASSWORDS["kaoping1"], signature_png())
    g.grading.save_sheet(PLAN, t1, FULL)
    with pytest.raises(DomainError, match="签名为空"):
        import cv2
        import numpy as np
        g.grading.sign_sheet(PLAN, t1, PASSWORDS["kaoping1"], cv2.imencode(".png", np.full((50, 50), 255, np.uint8))[1].tobytes())
    with pytest.raises(PermissionDenied, match="密码错误"):
        g.grading.sign_sheet(PLAN, t1, "wrong-password", signature_png())
    signed = g.grading.sign_sheet(PLAN, t1, PASSWORDS["kaoping1"], signature_png())
    assert signed.status == "signed" and signed.signature.startswith(b"\x89PNG")
    with pytest.raises(Conflict, match="已签字"):
        g.grading.save_sheet(PLAN, t1, {**FULL, "1.1": 0})
    # a correction is a new version; the signed one stays as it was
    with pytest.raises(DomainError, match="理由"):
        g.grading.start_correction(PLAN, t1, "")
    corr = g.grading.start_correction(PLAN, t1, "第1.1项看错行，应为18分")
    assert corr.version == 2 and corr.supersedes == signed.id
    g.grading.save_sheet(PLAN, t1, {**FULL, "1.1": 18})
    g.grading.sign_sheet(PLAN, t1, PASSWORDS["kaoping1"], signature_png(3))
    score(svc["kaoping2"], "kaoping2", t1, FULL)
    score(svc["zuzhang"], "zuzhang", t1, FULL)
    versions = [(v.version, str(v.total), v.correction_reason) for v in g.chief.sheets(PLAN, t1) if v.grader == "kaoping1"]
    assert versions == [(1, "100.00", ""), (2, "98.80", "第1.1项看错行，应为18分")]
    assert svc["admin"].chief.result(PLAN, t1).score == Decimal("99.6")    # (98.8+100+100)/3
    with demo.store.read() as s:
        from app.store.models import JournalEntry
        acts = list(s.scalars(select(JournalEntry.action).where(JournalEntry.action.like("scoring.sign%"))))
    assert "scoring.sign_refused" in acts


def test_discrepancy_goes_to_chief_who_reconciles(tmp_path, demo_login):
    svc = setup_scoring(tmp_path, demo_login)
    t1 = _tickets(demo_login, 1)[0]
    score(svc["kaoping1"], "kaoping1", t1, FULL)                       # 100
    score(svc["kaoping2"], "kaoping2", t1, {**FULL, "1.3": 20})        # 82
    score(svc["zuzhang"], "zuzhang", t1, {**FULL, "1.3": 40})          # 94
    res = svc["admin"].chief.result(PLAN, t1)
    assert res.status == "discrepancy" and res.score is None and res.spread == Decimal(18)
    assert [d.ticket_no for d in svc["chief"].chief.discrepancies(PLAN)] == [t1]
    with pytest.raises(PermissionDenied):
        svc["kaoping1"].chief.reconcile(PLAN, t1, "95", "组长以外不能裁定")
    with pytest.raises(DomainError, match="理由"):
        svc["chief"].chief.reconcile(PLAN, t1, "95", "")
    res = svc["chief"].chief.reconcile(PLAN, t1, "94.0", "复看考件照片，通电试验第二次成功，按94分认定")
    assert res.status == "reconciled" and res.score == Decimal("94.0") and res.aggregated == Decimal("92.0")
    totals = {v.grader: str(v.total) for v in svc["chief"].chief.sheets(PLAN, t1)}
    assert totals == {"kaoping1": "100.00", "kaoping2": "82.00", "zuzhang": "94.00"}   # originals untouched


def test_trimmed_mean_with_five_graders(tmp_path, demo_login, demo):
    admin_staff = StaffService(demo_login("admin"))
    for u in ("kaoping4", "kaoping5"):
        admin_staff.add(u, "考评" + u[-1], "Demo-kaoping-2026", ["grader"], unit="示例",
                        **demo_grader_qualification(u))
    PASSWORDS.update({"kaoping4": "Demo-kaoping-2026", "kaoping5": "Demo-kaoping-2026"})
    members = ("kaoping1", "kaoping2", "kaoping3", "kaoping4", "zuzhang")
    svc = setup_scoring(tmp_path, login_any(demo), members=members,
                        settings=[["评分表名称", "X"], ["汇总方式", "去掉最高最低后平均"], ["分差阈值", 100]])
    t1 = _tickets(demo_login, 1)[0]
    for u, v in zip(members, (10, 20, 30, 40, 50)):
        score(svc[u], u, t1, {**FULL, "1.3": v})        # 60% of task 1 weight: totals 76,82,88,94,100
    assert svc["admin"].chief.result(PLAN, t1).score == Decimal("88.0")


def test_group_rules_supervisor_and_lock(tmp_path, demo_login):
    admin = ScoringServices.of(demo_login("admin"))
    admin.setup.import_template(PLAN, write_template(tmp_path / "t.xlsx"))
    with pytest.raises(DomainError, match="至少需要 3"):
        admin.setup.set_group(PLAN, ["kaoping1", "zuzhang"], "zuzhang")
    with pytest.raises(DomainError, match="单数"):
        admin.setup.set_group(PLAN, ["kaoping1", "kaoping2", "kaoping3", "zuzhang"], "zuzhang")
    with pytest.raises(DomainError, match="考评组长"):
        admin.setup.set_group(PLAN, ["kaoping1", "kaoping2", "kaoping3"], "kaoping1")
    # a supervisor of the batch can never grade in it
    StaffService(demo_login("admin")).add("dudao2", "督导兼考评", "Demo-kaoping-2026", ["grader", "internal_supervisor"],
                                          card_no="S010123260002", **demo_grader_qualification("dudao2"))
    StaffService(demo_login("admin")).assign(PLAN, "dudao2", "internal_supervisor")
    with pytest.raises(Conflict, match="督导"):
        admin.setup.set_group(PLAN, ["kaoping1", "dudao2", "zuzhang"], "zuzhang")
    admin.setup.set_group(PLAN, ["kaoping1", "kaoping2", "zuzhang"], "zuzhang")
    assert ("kaoping1", "grader") in StaffService(demo_login("admin")).assignments(PLAN)
    StaffService(demo_login("admin")).add("dudao3", "考评兼督导", "Demo-kaoping-2026", ["grader", "internal_supervisor"],
                                          card_no="S010123260003", **demo_grader_qualification("dudao3"))
    PASSWORDS["dudao3"] = "Demo-kaoping-2026"
    admin.setup.set_group(PLAN, ["kaoping1", "dudao3", "zuzhang"], "zuzhang")
    with pytest.raises(Conflict, match="督导"):   # ... nor can a grader of the batch become its supervisor
        StaffService(demo_login("admin")).assign(PLAN, "dudao3", "internal_supervisor")
    admin.setup.set_group(PLAN, ["kaoping1", "kaoping2", "zuzhang"], "zuzhang")   # re-formed before scoring starts
    assert ("dudao3", "grader") not in StaffService(demo_login("admin")).assignments(PLAN)
    StaffService(demo_login("admin")).assign(PLAN, "dudao3", "internal_supervisor")   # no longer grading here
    t1 = _tickets(demo_login, 1)[0]
    ScoringServices.of(demo_login("kaoping1", "grader")).grading.save_sheet(PLAN, t1, {"1.1": 10})
    assert admin.setup.group(PLAN).locked
    with pytest.raises(Conflict, match="锁定"):
        admin.setup.set_group(PLAN, ["kaoping1", "kaoping3", "zuzhang"], "zuzhang")
    with pytest.raises(Conflict, match="评分已开始"):
        admin.setup.import_template(PLAN, write_template(tmp_path / "t2.xlsx"))
    with pytest.raises(PermissionDenied):
        ScoringServices.of(demo_login("kaoping3", "grader")).grading.save_sheet(PLAN, t1, {"1.1": 10})   # not a member


def test_avoidance_flagged_blocks_until_swapped_or_allowed(tmp_path, demo_login):
    cands = RosterService(demo_login("admin")).candidates(PLAN)
    target = cands[0]
    StaffService(demo_login("admin")).add("kaoping9", "同单位考评员", "Demo-kaoping-2026", ["grader"], unit=target.unit,
                                          **demo_grader_qualification("kaoping9"))
    PASSWORDS["kaoping9"] = "Demo-kaoping-2026"
    admin = ScoringServices.of(demo_login("admin"))
    admin.setup.import_template(PLAN, write_template(tmp_path / "t.xlsx"))
    conflicts = admin.setup.set_group(PLAN, ["kaoping1", "kaoping9", "zuzhang"], "zuzhang")
    same_unit = {c.ticket_no for c in cands if c.unit == target.unit}
    assert {c.ticket_no for c in conflicts if c.grader == "kaoping9"} == same_unit
    assert all("同一单位" in c.reason and not c.resolved for c in conflicts)
    admin.setup.declare_relation(PLAN, "kaoping1", cands[1].ticket_no, "考生为其徒弟")
    assert any(c.grader == "kaoping1" and "利害关系" in c.reason for c in admin.setup.avoidance(PLAN))
    g1 = ScoringServices.of(demo_login("kaoping1", "grader"))
    other = next(c.ticket_no for c in cands if c.ticket_no not in same_unit and c.ticket_no != cands[1].ticket_no)
    with pytest.raises(Conflict, match="回避情形未处理"):
        g1.grading.save_sheet(PLAN, other, {"1.1": 10})
    with pytest.raises(PermissionDenied):
        admin.setup.allow_avoidance(PLAN, "kaoping9", target.ticket_no, "只有考场负责人可以允许")
    head = ScoringServices.of(demo_login("kaochang"))
    with pytest.raises(DomainError, match="理由"):
        head.setup.allow_avoidance(PLAN, "kaoping9", target.ticket_no, "")
    for c in admin.setup.avoidance(PLAN):
        head.setup.allow_avoidance(PLAN, c.grader, c.ticket_no, "工种考评员不足，经批准由其评分，督导员现场监督")
    assert all(c.resolved and c.allowed_by == "周建国" for c in admin.setup.avoidance(PLAN))
    g1.grading.save_sheet(PLAN, other, {"1.1": 10})


def test_paper_double_entry_until_typists_agree(tmp_path, demo_login, demo):
    svc = setup_scoring(tmp_path, demo_login)
    StaffService(demo_login("admin")).add("kaowu2", "录入二", "Demo-kaowu-2026", ["staff"])
    PASSWORDS["kaowu2"] = "Demo-kaowu-2026"
    t1 = _tickets(demo_login, 1)[0]
    a = ScoringServices.of(demo_login("kaowu"))
    b = ScoringServices.of(login_any(demo)("kaowu2"))
    st = a.paper.paper_entry(PLAN, t1, "kaoping1", FULL)
    assert st.mine_complete and st.others == 0 and not st.agreed
    st = b.paper.paper_entry(PLAN, t1, "kaoping1", {**FULL, "1.2": 23, "2.1": 35})
    assert st.mismatches == ("1.2", "2.1") and not st.agreed
    entries, st_a = a.paper.my_paper_entry(PLAN, t1, "kaoping1")
    assert entries["1.2"] == "30" and st_a.mismatches == ("1.2", "2.1")   # own values only, mismatch codes
    st = b.paper.paper_entry(PLAN, t1, "kaoping1", {**FULL, "1.2": 30, "2.1": 40})
    assert st.agreed and st.sheet_id
    with pytest.raises(Conflict):
        ScoringServices.of(demo_login("admin")).paper.paper_entry(PLAN, t1, "kaoping1", FULL)
    score(svc["kaoping2"], "kaoping2", t1, FULL)
    score(svc["zuzhang"], "zuzhang", t1, FULL)
    sheets = {v.grader: v for v in svc["chief"].chief.sheets(PLAN, t1)}
    assert sheets["kaoping1"].source == "paper" and sheets["kaoping1"].typists == ("李静", "录入二")
    assert svc["admin"].chief.result(PLAN, t1).score == Decimal("100.0")


def test_workpiece_photo_from_video_file(tmp_path, demo_login):
    import cv2
    import numpy as np

    from app.camera.sources import SourceSpec, snapshot

    video = tmp_path / "cam.avi"
    w = cv2.VideoWriter(str(video), cv2.VideoWriter_fourcc(*"MJPG"), 10, (320, 240))
    for i in range(10):
        frame = np.full((240, 320, 3), 40 * (i % 5), np.uint8)
        cv2.putText(frame, f"W{i}", (50, 120), cv2.FONT_HERSHEY_SIMPLEX, 2, (255, 255, 255), 3)
        w.write(frame)
    w.release()
    jpeg = snapshot(SourceSpec.parse(str(video)))
    assert jpeg[:2] == b"\xff\xd8"
    svc = setup_scoring(tmp_path, demo_login)
    t1 = _tickets(demo_login, 1)[0]
    pid = svc["kaoping1"].photos.add_photo(PLAN, t1, jpeg, "考件正面")
    views = svc["chief"].photos.photos(PLAN, t1)
    assert [(v.id, v.note, v.taken_by) for v in views] == [(pid, "考件正面", "吴晓东")]
    assert svc["admin"].photos.photo(pid) == jpeg
    with pytest.raises(DomainError):
        svc["kaoping1"].photos.add_photo(PLAN, t1, b"not an image")


def test_progress_shows_status_not_scores(tmp_path, demo_login):
    svc = setup_scoring(tmp_path, demo_login)
    t1, t2, _ = _tickets(demo_login)
    score(svc["kaoping1"], "kaoping1", t1, FULL)
    svc["kaoping2"].grading.save_sheet(PLAN, t1, {"1.1": 1})
    rows = {r.ticket_no: r for r in svc["chief"].chief.progress(PLAN)}
    assert rows[t1].statuses == {"kaoping1": "signed", "kaoping2": "draft", "zuzhang": "none"}
    assert rows[t2].statuses["kaoping1"] == "none" and rows[t1].workstation.startswith("第1考场")
    st = {r.ticket_no: r for r in svc["kaoping2"].grading.station(PLAN)}
    assert st[t1].status == "draft" and st[t1].scored == 1 and st[t1].items == 7 and st[t1].name == ""


def test_summary_pdf_and_signatures(tmp_path, demo_login):
    svc = setup_scoring(tmp_path, demo_login)
    cands = RosterService(demo_login("admin")).candidates(PLAN)
    for c in cands[:3]:
        for u in ("kaoping1", "kaoping2", "zuzhang"):
            score(svc[u], u, c.ticket_no, FULL)
    with pytest.raises(Conflict, match="未确定"):
        svc["chief"].chief.sign_summary(PLAN, PASSWORDS["zuzhang"], signature_png())
    for c in cands[3:]:
        svc["chief"].chief.mark_absent(PLAN, c.ticket_no, "未到场")
    sig = svc["chief"].chief.sign_summary(PLAN, PASSWORDS["zuzhang"], signature_png())
    assert sig.role == "chief"
    svc["kaoping1"].chief.sign_summary(PLAN, PASSWORDS["kaoping1"], signature_png(5))
    assert [(s.username, s.role, s.valid) for s in svc["admin"].chief.summary_signatures(PLAN)] == [
        ("zuzhang", "chief", True), ("kaoping1", "member", True)]
    with pytest.raises(Conflict, match="组长签字"):
        svc["kaoping2"].grading.start_correction(PLAN, cands[0].ticket_no, "签字后想改分数")
    pdf = svc["admin"].reports.summary_pdf(PLAN, tmp_path / "summary.pdf", contact="李静", phone="0371-12345678")
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    for word in ("实操（综合成绩）汇总表", "企业名称（盖章）", "认定职业（工种）", "等级", "认定计划号", PLAN, "序号",
                 "准考证号码", "身份证号码", "所在单位", "实操成绩", "综合成绩", "备注", "考评组长（签字）",
                 "考评组成员（签字）", "年", "月", "日", "考务联系人", "联系方式", "李静", "陈德明", "吴晓东", "郑海燕"):
        assert word in text, word
    for c in cands:
        assert c.ticket_no in text and c.name in text and c.id_no in text
    assert "缺考" in text and "100" in text
    blank = svc["admin"].reports.blank_sheets_pdf(PLAN, tmp_path / "blank.pdf")
    btext = subprocess.run(["pdftotext", str(blank), "-"], capture_output=True, text=True, check=True).stdout
    assert btext.count("考评员（签字）") == len(cands) * 3 and cands[0].name not in btext
    filled = svc["admin"].reports.filled_sheets_pdf(PLAN, tmp_path / "filled.pdf")
    ftext = subprocess.run(["pdftotext", str(filled), "-"], capture_output=True, text=True, check=True).stdout
    assert ftext.count("考评员（签字）") == 9 and "100" in ftext


def test_scoring_methods_refuse_wrong_roles(demo_login):
    from app.core.roles import CAPABILITIES, Role

    classes = {cls.__name__: cls for cls in SCORING_SERVICES}
    methods = [(q, cap) for q, cap, _ in REGISTRY if q.split(".")[0] in classes]
    assert len(methods) >= 25
    for q, cap in methods:
        assert cap.startswith("scoring.")
    ctx = demo_login("jiankao1")     # proctor: no scoring capability at all
    assert not any(Role.PROCTOR in CAPABILITIES[cap] for _, cap in methods)
    for q, cap in methods:
        cls_name, name = q.split(".")
        fn = getattr(classes[cls_name](ctx), name)
        n = len([p for p in inspect.signature(fn).parameters.values() if p.default is inspect._empty])
        with pytest.raises(PermissionDenied):
            fn(*([PLAN] + ["x"] * (n - 1)))


def test_template_import_is_all_or_nothing(tmp_path, demo_login):
    admin = ScoringServices.of(demo_login("admin"))
    bad = write_template(tmp_path / "bad.xlsx", tasks=[["1", "装调", 70, 120, ""], ["2", "测量", 40, 60, ""]])
    with pytest.raises(ImportRejected, match="合计须为 100%"):
        admin.setup.import_template(PLAN, bad)
    with pytest.raises(Exception, match="尚未导入"):
        admin.setup.template(PLAN)


def test_signed_sheet_is_immutable_in_the_store_and_verified(tmp_path, demo_login, demo):
    from sqlalchemy import text

    svc = setup_scoring(tmp_path, demo_login)
    t1 = _tickets(demo_login, 1)[0]
    signed = score(svc["kaoping1"], "kaoping1", t1, FULL)
    assert svc["admin"].chief.verify_sheets(PLAN) == []
    with pytest.raises(Exception, match="immutable"):
        with demo.store.write() as s:
            s.execute(text("update score_sheet set entries = :e where id = :i"),
                      {"e": '{"1.1":"0"}', "i": signed.id})
    with pytest.raises(Exception, match="immutable"):
        with demo.store.write() as s:
            s.execute(text("delete from score_sheet where id = :i"), {"i": signed.id})
    # someone with the key drops the trigger and edits the row: the journal still tells
    with demo.store.write() as s:
        s.execute(text("drop trigger score_sheet_signed_no_update"))
        s.execute(text("update score_sheet set entries = :e where id = :i"),
                  {"e": '{"1.1":"0","1.2":"30","1.3":"50","1.4":false,"2.1":"40","2.2":"60","2.3":false}',
                   "i": signed.id})
    problems = svc["admin"].chief.verify_sheets(PLAN)
    assert len(problems) == 1 and t1 in problems[0] and "不符" in problems[0]


def test_wrong_signing_passwords_lock_the_account(tmp_path, demo_login, demo):
    from app.services.site import MAX_FAILED_LOGINS

    svc = setup_scoring(tmp_path, demo_login)
    t1 = _tickets(demo_login, 1)[0]
    g = svc["kaoping1"]
    g.grading.save_sheet(PLAN, t1, FULL)
    for _ in range(MAX_FAILED_LOGINS - 1):
        with pytest.raises(PermissionDenied, match="密码错误"):
            g.grading.sign_sheet(PLAN, t1, "guess-1234", signature_png())
    with pytest.raises(PermissionDenied, match="已锁定"):
        g.grading.sign_sheet(PLAN, t1, "guess-1234", signature_png())
    with pytest.raises(PermissionDenied, match="已锁定"):
        g.grading.sign_sheet(PLAN, t1, PASSWORDS["kaoping1"], signature_png())     # even the right one, while locked
    assert g.grading.my_sheet(PLAN, t1).status == "draft"
    with pytest.raises(PermissionDenied, match="锁定"):
        demo.login("kaoping1", PASSWORDS["kaoping1"], "grader")
