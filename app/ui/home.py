"""首页: the first workplace after login — what is due next, for this batch and this person,
each with one click to the workplace where it is done.

Room head: door incidents, misconduct findings to confirm, late arrivals waiting for a decision.
Grader: candidates still to score (and for the chief: differences to reconcile).  Office: missing
scores and the deadlines.  Administrator: the setup checklist (institution, roster, bank, papers
sealed, staff assigned, cameras, self-test).  Proctor: the terminals.  Supervisors: the review step.
Every read runs off the UI thread; a part the role may not read is left out, never an error."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QFrame, QHBoxLayout, QLabel, QPushButton, QScrollArea, QVBoxLayout, QWidget)
from shiboken6 import isValid

from app.core import sitetime
from app.core.codes import SUBJECTS
from app.core.errors import DomainError
from app.core.roles import Role, allowed
from app.ui.common.tasks import run_task
from app.ui.common.widgets import error_text, tr
from app.ui.workplaces import WORKPLACES, workplaces_for

DONE, TODO, URGENT, INFO = "done", "todo", "urgent", "info"
_MARKS = {DONE: "✓", TODO: "●", URGENT: "！", INFO: "·"}
_COLOURS = {DONE: "#1b5e20", TODO: "#0d47a1", URGENT: "#b00020", INFO: "#555555"}


@dataclass(frozen=True)
class Todo:
    text: str
    key: str | None  # the workplace where it is done
    state: str = TODO


def _try(fn, default=None):
    """A part this role may not read (or that is not set up yet) is simply left out."""
    try:
        return fn()
    except DomainError:
        return default


def collect(ctx) -> tuple[str, list[Todo]]:
    """(heading, items) for the person logged in: runs in a worker thread."""
    from app.services.roster import RosterService
    from app.services.site import SiteHandle

    role = Role(ctx.actor.role)
    listed = SiteHandle(ctx.store, ctx.clock).summary().batches  # every role may read which batches exist
    plan = listed[-1][0] if listed else None
    batches = _try(lambda: RosterService(ctx).batches(), []) if allowed(role, "roster.view") else []
    batch = next((b for b in batches if b.plan_no == plan), None)
    heading = (tr("认定批次 {0}").format(listed[-1][1]) if plan else tr("尚无认定批次"))
    items: list[Todo] = []
    if role is Role.ADMIN:
        items += _setup_checklist(ctx, batch)
    if role in (Role.ADMIN, Role.STAFF) and plan:
        items += _office(ctx, plan)
    if role is Role.ROOM_HEAD:
        items += _room_head(ctx, plan)
    if role in (Role.GRADER, Role.CHIEF_GRADER) and plan:
        items += _grader(ctx, plan, role)
    if role is Role.PROCTOR:
        items += _proctor(ctx)
    if role is Role.INTERNAL_SUPERVISOR and plan:
        items += _review(ctx, plan)
    if role is Role.EXTERNAL_SUPERVISOR:
        items.append(Todo(tr("查看操作日志：谁在何时做了什么"), "journal", INFO))
    return heading, items


def _setup_checklist(ctx, batch) -> list[Todo]:
    from app.services.camera import CameraService
    from app.services.readiness import ReadinessService
    from app.services.site import SiteHandle
    from app.services.staff import StaffService
    from app.services.theory import BankService, PaperService

    out = []
    summary = SiteHandle(ctx.store, ctx.clock).summary()
    out.append(Todo(tr("评价机构信息已填写：{0}").format(summary.institution.name) if summary.institution
                    else tr("填写评价机构信息"), "site_admin", DONE if summary.institution else TODO))
    if batch is None:
        out.append(Todo(tr("导入认定计划和考生名册"), "site_admin", TODO))
        return out
    plan = batch.plan_no
    from app.services.roster import RosterService

    n = len(_try(lambda: RosterService(ctx).candidates(plan), []))
    out.append(Todo(tr("考生名册已导入：{0} 名考生").format(n) if n else tr("导入考生名册"), "roster",
                    DONE if n else TODO))
    banks = _try(lambda: BankService(ctx).banks(), [])
    has_bank = any(code == batch.occupation_code and level == batch.level for code, level, _ in banks)
    out.append(Todo(tr("理论题库已导入") if has_bank else tr("导入本职业、本等级的理论题库"), "theory",
                    DONE if has_bank else TODO))
    st = _try(lambda: PaperService(ctx).status(plan))
    sealed = bool(st and st.sealed)
    out.append(Todo(tr("试卷已由两名保管人封存（{0}）").format(sitetime.text(st.sealed_at)) if sealed
                    else tr("组卷并由两名保管人封存试卷"), "theory", DONE if sealed else TODO))
    staff = _try(lambda: StaffService(ctx).assignments(plan), [])
    out.append(Todo(tr("已为本批次分配工作人员 {0} 人").format(len(staff)) if staff
                    else tr("为本批次分配监考、考评等工作人员"), "site_admin", DONE if staff else TODO))
    cams = _try(lambda: CameraService(ctx).cameras(), [])
    out.append(Todo(tr("已登记摄像头 {0} 路").format(len(cams)) if cams else tr("登记考场摄像头"), "cameras",
                    DONE if cams else TODO))
    reports = _try(lambda: ReadinessService(ctx).reports(plan), [])
    if reports:
        r = reports[0]
        ok = r.verdict != "fail"
        out.append(Todo(tr("考前自检已完成（{0}）：{1}").format(sitetime.text(r.created_at),
                                                       tr("通过") if ok else tr("有未通过的项目")),
                        "site_admin", DONE if ok else URGENT))
    else:
        out.append(Todo(tr("开考前运行考前自检并签名"), "site_admin", TODO))
    return out


def _office(ctx, plan) -> list[Todo]:
    from app.services.results import ResultsService

    svc = ResultsService(ctx)
    out = []
    rows = _try(lambda: svc.results(plan), [])
    missing: dict[str, int] = {}
    for r in rows:
        for subject in (o.subject for o in r.result.subjects):
            o = r.result.outcome(subject)
            if r.scores.get(subject) is None and not (o is not None and (o.absent or o.void)):
                missing[subject] = missing.get(subject, 0) + 1
    for subject, n in sorted(missing.items()):
        out.append(Todo(tr("{0}：还有 {1} 名考生没有成绩").format(tr(SUBJECTS.get(subject, subject)), n), "results", TODO))
    if rows and not missing:
        out.append(Todo(tr("全部考生的成绩已录入"), "results", DONE))
    for d in _try(lambda: svc.deadlines(plan), []):
        if d["status"] == "done":
            continue
        if d["status"] == "overdue":
            out.append(Todo(tr("{0}：应于 {1} 前完成，已逾期").format(d["label"], d["due"].isoformat()), "results", URGENT))
            continue
        out.append(Todo(tr("{0}：{1} 前完成（还剩 {2} 个工作日）").format(d["label"], d["due"].isoformat(),
                                                                  d["workdays_left"]),
                        "results", URGENT if d["status"] == "soon" else TODO))
    return out


def _room_head(ctx, plan) -> list[Todo]:
    from app.services.checkin import CheckinService
    from app.services.misconduct import MisconductService

    out = []
    checkin = CheckinService(ctx)
    open_incidents = [i for i in _try(checkin.incidents, []) if i.status in ("open", "reported", "")]
    for i in open_incidents[:10]:
        out.append(Todo(tr("检录事件待处理：{0} {1}（{2}）").format(i.ticket_no, i.name, sitetime.text(i.reported_at, "%H:%M")),
                        "checkin", URGENT))
    if plan:
        findings = _try(lambda: MisconductService(ctx).findings(plan), [])
        for f in findings:
            if f.status == "signed":
                out.append(Todo(tr("违纪记录待您确认：{0} {1}").format(f.ticket_no, f.name), "results", URGENT))
    for ticket, at, _message in _try(checkin.late_arrivals, [])[:10]:
        out.append(Todo(tr("迟到考生 {0}（{1} 到达）等待您决定是否放行").format(ticket, sitetime.text(at, "%H:%M")),
                        "checkin", TODO))
    if not out:
        out.append(Todo(tr("没有待处理的检录事件、违纪记录或迟到考生"), "checkin", DONE))
    out.append(Todo(tr("查看考场：座位图、终端与考生作答"), "proctor", INFO))
    return out


def _grader(ctx, plan, role) -> list[Todo]:
    from app.services.scoring import ScoringServices

    svc = ScoringServices.of(ctx)
    out = []
    rows = _try(lambda: svc.grading.station(plan), None)
    if rows is None:
        out.append(Todo(tr("本批次的评分记录表或考评组尚未设置：请考务人员导入评分表、管理员组建考评组"), "scoring", INFO))
    else:
        left = [r for r in rows if r.status != "signed" and not r.conflict]
        if left:
            first = "、".join(f"{r.workstation or r.ticket_no}" for r in left[:5])
            out.append(Todo(tr("还有 {0} 名考生待评分并签字（{1}{2}）").format(
                len(left), first, "…" if len(left) > 5 else ""), "scoring", TODO))
        elif rows:
            out.append(Todo(tr("您的评分表已全部签字"), "scoring", DONE))
    if role is Role.CHIEF_GRADER:
        diffs = _try(lambda: svc.chief.discrepancies(plan), [])
        if diffs:
            out.append(Todo(tr("{0} 名考生的考评员评分相差过大，需组长裁定").format(len(diffs)), "scoring", URGENT))
    return out


def _proctor(ctx) -> list[Todo]:
    from app.services.net import ProctorService

    rows = _try(lambda: ProctorService(ctx).terminals(), [])
    offline = [r for r in rows if not r.online]
    out = [Todo(tr("考场终端 {0} 台，在线 {1} 台").format(len(rows), len(rows) - len(offline)), "proctor",
                URGENT if offline and len(offline) < len(rows) else INFO)]
    if not rows:
        out = [Todo(tr("还没有登记的考试终端：请考场负责人在监考台连接终端"), "proctor", TODO)]
    return out


def _review(ctx, plan) -> list[Todo]:
    from app.services.results import ResultsService

    st = _try(lambda: ResultsService(ctx).review_state(plan))
    if st is None:
        return []
    if st.stage == "entered":
        return [Todo(tr("成绩已录入，待您进行内督审核并签字"), "results", TODO)]
    return [Todo(tr("审核状态：{0}").format(st.stage_name), "results", INFO)]


class HomeWorkplace(QWidget):
    def __init__(self, ctx, parent=None):
        super().__init__(parent)
        self.ctx = ctx
        self.reachable = set(workplaces_for(ctx.actor.role))
        greeting = QLabel(self.tr("{0}，您好。今天要做的事：").format(ctx.actor.name))
        greeting.setStyleSheet("font-size: 16pt; font-weight: bold;")
        self.heading = QLabel("")
        self.heading.setStyleSheet("color: #555;")
        self.list = QWidget()
        self.rows = QVBoxLayout(self.list)
        self.rows.setAlignment(Qt.AlignTop)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.NoFrame)
        scroll.setWidget(self.list)
        refresh = QPushButton(self.tr("刷新"))
        refresh.clicked.connect(self.refresh)
        top = QHBoxLayout()
        top.addWidget(greeting)
        top.addStretch(1)
        top.addWidget(refresh)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.heading)
        layout.addWidget(scroll, 1)
        self.items: list[Todo] = []
        self.refresh()

    def refresh(self) -> None:
        self.heading.setText(self.tr("正在读取……"))
        run_task(self, lambda: collect(self.ctx), self._show, self._failed)

    def _failed(self, exc) -> None:
        if isValid(self):
            self.heading.setText(error_text(exc))

    def _show(self, result) -> None:
        if not isValid(self):
            return
        heading, items = result
        self.heading.setText(heading)
        self.items = items
        while self.rows.count():
            w = self.rows.takeAt(0).widget()
            if w is not None:
                w.deleteLater()
        if not items:
            self.rows.addWidget(QLabel(self.tr("目前没有待办事项。")))
        for item in items:
            self.rows.addWidget(self._row(item))

    def _row(self, item: Todo) -> QWidget:
        row = QFrame()
        row.setFrameShape(QFrame.StyledPanel)
        h = QHBoxLayout(row)
        mark = QLabel(_MARKS[item.state])
        mark.setStyleSheet(f"color: {_COLOURS[item.state]}; font-size: 14pt; font-weight: bold;")
        mark.setFixedWidth(24)
        text = QLabel(item.text)
        text.setWordWrap(True)
        text.setStyleSheet(f"color: {_COLOURS[item.state]};" if item.state == URGENT else "")
        h.addWidget(mark)
        h.addWidget(text, 1)
        if item.key and item.key in self.reachable:
            go = QPushButton(self.tr("前往「{0}」").format(tr(WORKPLACES[item.key].title)))
            go.setAccessibleName(f"{go.text()}：{item.text}")
            go.clicked.connect(lambda _=False, k=item.key: self.go(k))
            h.addWidget(go)
        return row

    def go(self, key: str) -> None:
        window = self.window()
        if hasattr(window, "show_workplace"):
            window.show_workplace(key)
