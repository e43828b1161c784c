"""After the exams on the rehearsed day: a misconduct finding recorded in the theory room,
then the closing of the batch — results, the review chain (内督审核 → 初审 → 复审),
publication (公示) and its close, certificate numbers and certificates, the official
tables, and the sealed export bundle (admin + internal supervisor), checked with the
offline verifier exactly as the provincial centre would."""

from __future__ import annotations

import datetime as _dt
import time
from dataclasses import dataclass, field
from pathlib import Path

import cv2
import numpy as np

from app import verifier
from app.core import codes
from app.core import results as results_rules
from app.core import supervision as sv
from app.rehearsal.common import CST, cst_at, hhmm
from app.rehearsal.day import Day
from app.services.bundle import ExportService
from app.services.certificates import CertificateService
from app.services.misconduct import MisconductService
from app.services.official_tables import TablesService, write_tables
from app.services.publication import PublicationService
from app.services.results import ResultsService
from app.services.roster import RosterService
from app.services.site import SiteService
from app.services.staff import StaffService

SECOND_ADMIN = ("admin2", "钱审核", "Demo-admin2-2026")  # 复审 must be someone other than the 初审


@dataclass
class FindingReport:
    finding_id: int
    ticket_no: str
    subject: str
    ref: str                    # e.g. 第六条（一）
    witnesses: list[str]
    room_head: str
    penalty: dict               # proposed at confirmation: tier, void_subjects, ban_until ...


@dataclass
class ClosingReport:
    candidates: int
    passed: int
    failed: int
    certificates: int                          # certificate PDFs printed (issued certificates)
    numbers: dict[str, str]                    # ticket -> certificate number
    review: list[str]                          # who signed the chain, in order
    publication: tuple[_dt.date, _dt.date]     # start, end of 公示
    bundle: Path
    trust: Path
    verify_ok: bool
    verify_message: str
    signers: list[str] = field(default_factory=list)   # roles that signed the bundle
    void: dict[str, list[str]] = field(default_factory=dict)  # ticket -> subjects voided by findings
    files: dict[str, Path] = field(default_factory=dict)
    seconds: float = 0.0


def _evidence_photo() -> bytes:
    """What the proctor photographs: a phone on the desk."""
    img = np.full((240, 320, 3), (180, 190, 200), np.uint8)
    cv2.rectangle(img, (110, 40), (210, 200), (30, 30, 30), -1)
    cv2.rectangle(img, (118, 55), (202, 180), (200, 140, 60), -1)
    cv2.circle(img, (160, 190), 5, (90, 90, 90), -1)
    ok, buf = cv2.imencode(".jpg", img, [cv2.IMWRITE_JPEG_QUALITY, 85])
    assert ok
    return buf.tobytes()


def record_finding(day: Day, ticket: str, *, article: int = 6, item: int = 1, subject: str = "theory",
                   facts: str | None = None, evidence: str = "收缴手机一部，已拍照留存",
                   witnesses: tuple[str, str] = ("jiankao1", "jiankao2"), room_head: str = "kaochang",
                   bookmark_id: str | None = None, warning: dict | None = None) -> FindingReport:
    """One finding during the exam (default 第六条（一）: using a phone): opened by the first
    proctor, signed by both (第十六条: two staff), confirmed by the room head — the confirmation
    records the facts and the proposed penalty; the institution decides after the notice (closing)."""
    now = day.clock.now()
    facts = facts or (f"{hhmm(now)} 监考人员巡视时发现考生在座位上使用手机查看与考试内容相关的资料，"
                      "当场制止并收缴手机，考生签字确认")
    svc = MisconductService(day.login(witnesses[0]))
    fid = svc.open_finding(ticket, subject, article, item, facts, evidence=evidence, bookmark_id=bookmark_id,
                           photo=_evidence_photo(), warning=warning, occurred_on=day.exam_day)
    for w in witnesses:
        svc.sign(fid, w, day.passwords[w])
    penalty = svc.confirm(fid, room_head, day.passwords[room_head])
    view = next(f for f in svc.findings(day.plan_no) if f.id == fid)
    day.say(f"违纪：{ticket} {view.name} {view.ref}，{'、'.join(view.witnesses)} 签字，考场负责人确认；"
            f"拟取消科目 {'、'.join(codes.SUBJECTS.get(s, s) for s in penalty.get('void_subjects') or [])}"
            + (f"，拟禁考至 {penalty['ban_until']}" if penalty.get("ban_until") else ""))
    return FindingReport(fid, ticket, subject, view.ref, list(witnesses), room_head, penalty)


def _hrss_numbers(admin, plan: str, issue: _dt.date) -> dict[str, str]:
    """What the HRSS department's 赋码 reply would list (Nanxun [003 L49]): a number for each candidate
    who passed, on the institution's prefix — the rehearsal stands in for the department."""
    from app.core import certno

    inst = SiteService(admin).institution()
    passed = [r.ticket_no for r in ResultsService(admin).results(plan) if r.passed]
    level = RosterService(admin).batches()[0].level
    return {t: str(certno.compose(inst.prefix, issue.year, level, i, technical_school=inst.technical_school))
            for i, t in enumerate(passed, 1)}


def _second_admin(day: Day) -> str:
    username, name, password = SECOND_ADMIN
    if username not in day.passwords:
        staff = StaffService(day.login("admin"))
        if username not in {s.username for s in staff.list()}:
            staff.add(username, name, password, ["admin"])
        day.passwords[username] = password
    return username


def run_closing(day: Day, *, proctors: str = "赵敏、孙浩", theory_session: str = "09:00–10:30",
                practical_session: str = "13:30–17:30") -> ClosingReport:
    t0 = time.perf_counter()
    out = day.out / "结果"
    out.mkdir(parents=True, exist_ok=True)
    plan = day.plan_no
    admin = day.login("admin")
    ResultsService(admin).set_machine_role("master")   # this laptop is the site master (考务主机)
    files: dict[str, Path] = {}

    # -- findings: notice served (告知), the candidate's statement, then the decision (第十七条) ----------
    mis = MisconductService(admin)
    void: dict[str, list[str]] = {}
    for f in mis.findings(plan):
        if f.status == "confirmed":
            mis.notify(f.id, "当面送达")
            path = mis.notice_pdf(f.id, out / f"处理决定告知书-{f.ticket_no}.pdf")
            files[f"告知书 {f.ticket_no}"] = day.artefact(f"处理决定告知书 {f.ticket_no}", path)
            mis.record_statement(f.id, "对上述事实无异议，放弃陈述和申辩", waived=True)
            mis.decide(f.id)
            path = mis.decision_pdf(f.id, out / f"处理决定书-{f.ticket_no}.pdf")
            files[f"决定书 {f.ticket_no}"] = day.artefact(f"处理决定书 {f.ticket_no}", path)
        if f.penalty:
            void[f.ticket_no] = list(f.penalty.get("void_subjects") or [])

    # -- room records and the supervision report ----------------------------------------------
    day.clock.jump_to(cst_at(day.exam_day, 17, 45))
    head = TablesService(day.login("kaochang"))
    rooms = sorted({c.room for c in RosterService(admin).candidates(plan)})
    for room in rooms:
        head.set_room_record(plan, room, "theory", theory_session, proctors, "违纪、缺考及检录异常情况见本表")
        head.set_room_record(plan, room, "practical", practical_session, proctors, "实操考核正常")
    scores = {line.key: line.max_points for line in sv.FORM}
    opinion = (f"本批次认定组织规范，考务流程符合要求；违纪 {len(void)} 例已按《技能人才评价工作违纪违规行为处理指引》"
               "处理，检录人证不符情况已报告考场负责人")
    TablesService(day.login("neidu")).save_supervision(plan, scores, [], opinion, day.passwords["neidu"])

    # -- results and the review chain -------------------------------------------------------------
    day.clock.jump_to(cst_at(day.exam_day + _dt.timedelta(days=1), 9, 0))
    rows = ResultsService(admin).results(plan)
    passed = sum(r.passed for r in rows)
    day.say(f"成绩：{len(rows)} 名考生，合格 {passed} 名，不合格 {len(rows) - passed} 名")
    second = _second_admin(day)
    signers = []
    for who in ("neidu", "admin", second):
        stage = ResultsService(day.login(who)).sign_review(plan, day.passwords[who])
        signers.append(who)
        day.say(f"成绩审核：{day.login(who).actor.name} 签字，进入「{results_rules.STAGE_NAMES.get(stage, stage)}」")

    # -- publication ----------------------------------------------------------------------------------
    pub_svc = PublicationService(admin)
    pub = pub_svc.start(plan)
    pub_svc.export(plan, out / "公示名单.xlsx", out / "公示名单.pdf")
    files["公示名单"] = day.artefact("公示名单（xlsx）", out / "公示名单.xlsx")
    files["公示名单 PDF"] = day.artefact("公示名单（PDF）", out / "公示名单.pdf")
    day.say(f"公示：{pub.start_date} 至 {pub.end_date}（{pub.workdays} 个工作日）")
    day.clock.jump_to(cst_at(pub.end_date + _dt.timedelta(days=1), 9, 0))
    pub_svc.close(plan)
    files["公示结果确认单"] = day.artefact("公示结果确认单", pub_svc.confirmation_pdf(plan, out / "公示结果确认单.pdf"))
    day.say(f"公示期满，无异议，已结束（模拟时钟跳至 {day.clock.now().astimezone(CST):%Y-%m-%d}）")

    # -- the 鉴定中心's review, then certificate numbers (allocated, or imported where HRSS assigns them) --
    certs = CertificateService(admin)
    today = day.clock.now().astimezone(CST).date()
    certs.record_center_review(plan, "示例职业技能鉴定指导中心", today, f"示鉴审〔{today.year}〕{today.month:02d}{today.day:02d}号")
    day.say("鉴定中心审核：已登记审核单位、审核日期和回复文号")
    if SiteService(admin).profile().hrss_assigns_numbers:
        numbers = dict(certs.import_numbers(plan, _hrss_numbers(admin, plan, today), today))
        day.say(f"证书：已导入人社部门赋码的证书编号 {len(numbers)} 个")
    else:
        numbers = dict(certs.allocate(plan))
        day.say(f"证书：已分配证书编号 {len(numbers)} 个")
    shown = {0}

    def progress(i: int, total: int) -> None:
        tenth = max(1, total // 10)
        if i == total or i // tenth > max(shown):
            shown.add(i // tenth)
            day.say(f"证书：已生成 {i}/{total} 张")

    n_certs = certs.render(plan, out / "证书.pdf", progress)
    files["证书"] = day.artefact("证书（PDF）", out / "证书.pdf")

    # -- the official tables (附件) -----------------------------------------------------------------------
    written = write_tables(admin, plan, out)  # the one list of official tables
    if written.skipped:  # by now every table has its data: a skipped one is a fault of the day
        raise RuntimeError("官方表格未导出：" + "；".join(f"{n}：{r}" for n, r in written.skipped))
    made = written.files
    for p in made:
        files[p.name] = day.artefact(p.name, p)
    day.say(f"上报表格：已导出 {len(made)} 个文件")

    # -- the sealed bundle, countersigned, and the verifier's word -------------------------------------
    bundle = out / f"{plan}-上报包.zip"
    view = ExportService(admin).make(bundle, day.passwords["admin"], plan)
    view = ExportService(day.login("neidu")).countersign(view.seq, bundle, day.passwords["neidu"])
    trust = out / "站点公钥.txt"
    trust.write_text(ExportService(admin).public_keys(), encoding="utf-8")
    files["上报包"] = day.artefact("上报包", bundle)
    files["站点公钥"] = day.artefact("站点公钥（信任文件）", trust)
    report = verifier.verify_file(bundle, verifier.load_trust(trust))
    day.say(f"上报包：{bundle.name}，{'、'.join(verifier.SIGNER_NAMES.get(s, s) for s in view.signers)} 签名；{report.summary()}")

    seconds = time.perf_counter() - t0
    result = ClosingReport(len(rows), passed, len(rows) - passed, n_certs, numbers, signers,
                           (pub.start_date, pub.end_date), bundle, trust, report.ok, report.summary(),
                           list(view.signers), void, files, seconds)
    day.say(f"收尾结束：合格 {passed} 名，证书 {n_certs} 张，上报包校验{'通过' if report.ok else '失败'}"
            f"（用时 {seconds:.1f} 秒）")
    return result
