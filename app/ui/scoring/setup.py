"""Setting scoring up: the template and the 考评组 (office, admin), avoidance (room head),
and the page that says who must do what while nothing is set up yet."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt, QTimer
from PySide6.QtWidgets import (QAbstractItemView, QComboBox, QFileDialog, QHBoxLayout, QInputDialog, QLabel,
                               QPushButton, QVBoxLayout, QWidget)

from app.core.errors import DomainError
from app.core.roles import allowed
from app.services.scoring import ScoringServices
from app.ui.common.tasks import on_changes, run_task
from app.ui.common.widgets import error_text
from app.ui.scoring.common import CHANGED, GREEN, RED, item, table, write


class AvoidancePanel(QWidget):
    """Avoidance (回避) conflicts; the room head allows with a reason."""

    def __init__(self, svc: ScoringServices, plan_no: str, parent=None):
        super().__init__(parent)
        self.svc, self.plan_no = svc, plan_no
        self.table = table([self.tr("考评员"), self.tr("准考证号"), self.tr("情形"), self.tr("处理")])
        self.table.setAccessibleName(self.tr("回避情形"))
        self.allow_button = QPushButton(self.tr("允许（写明理由）(&A)"))
        self.allow_button.setVisible(allowed(svc.ctx.actor.role, "scoring.avoidance"))
        self.allow_button.clicked.connect(self.allow_selected)
        self.message = QLabel("")
        lay = QVBoxLayout(self)
        lay.addWidget(self.table)
        row = QHBoxLayout()
        row.addWidget(self.message, 1)
        row.addWidget(self.allow_button)
        lay.addLayout(row)
        self.refresh()
        on_changes(self, {"scoring"}, lambda _: self.refresh())

    def refresh(self) -> None:
        self.rows = self.svc.setup.avoidance(self.plan_no)
        self.table.setRowCount(len(self.rows))
        for r, c in enumerate(self.rows):
            done = self.tr("{0} 允许：{1}").format(c.allowed_by, c.allow_reason) if c.resolved else self.tr("未处理")
            for col, v in enumerate([f"{c.grader_name}（{c.grader}）", c.ticket_no, c.reason, done]):
                it = item(v, data=r)
                it.setBackground(GREEN if c.resolved else RED)
                self.table.setItem(r, col, it)

    def allow_selected(self, reason: str | None = None) -> None:
        items = self.table.selectedItems()
        if not items:
            return
        c = self.rows[items[0].data(Qt.UserRole)]
        if not reason:
            reason, ok = QInputDialog.getText(self, self.tr("允许评分"), self.tr("允许 {0} 为考生 {1} 评分的理由：").format(
                c.grader_name, c.ticket_no))
            if not ok:
                return
        write(self, lambda: self.svc.setup.allow_avoidance(self.plan_no, c.grader, c.ticket_no, reason),
              lambda _: self.message.setText(""), self.message)


class SetupPanel(QWidget):
    """Office: import the scoring template (all or nothing); admin: form the 考评组."""

    def __init__(self, svc: ScoringServices, plan_no: str, parent=None, on_change=None):
        super().__init__(parent)
        self.svc, self.plan_no, self.on_change = svc, plan_no, on_change
        lay = QVBoxLayout(self)
        self.template_label = QLabel("")
        self.import_button = QPushButton(self.tr("导入评分记录表(&I)…"))
        self.import_button.clicked.connect(lambda: self.import_template())
        row = QHBoxLayout()
        row.addWidget(self.template_label, 1)
        row.addWidget(self.import_button)
        lay.addLayout(row)
        self.members = table([self.tr("考评组成员"), self.tr("用户名"), self.tr("单位"), self.tr("考评员资格"),
                              self.tr("此前考评（同职业）")])
        self.members.setAccessibleName(self.tr("可选考评员"))
        self.members.setSelectionMode(QAbstractItemView.MultiSelection)
        self.chief = QComboBox()
        self.chief.setAccessibleName(self.tr("考评组长"))
        self.group_button = QPushButton(self.tr("组建考评组(&G)"))
        self.group_button.clicked.connect(self.form_group)
        can_group = allowed(svc.ctx.actor.role, "scoring.group")
        for w in (self.members, self.chief, self.group_button):
            w.setVisible(can_group)
        lay.addWidget(self.members, 1)
        self.rotation_note = QLabel("")
        self.rotation_note.setWordWrap(True)
        self.rotation_note.setVisible(False)
        lay.addWidget(self.rotation_note)
        row = QHBoxLayout()
        chief_label = QLabel(self.tr("考评组长(&C)：") if can_group else "")
        chief_label.setBuddy(self.chief)  # Alt+C; without a buddy the "&C" would be printed
        row.addWidget(chief_label)
        row.addWidget(self.chief, 1)
        row.addWidget(self.group_button)
        lay.addLayout(row)
        self.message = QLabel("")
        self.message.setWordWrap(True)
        lay.addWidget(self.message)
        self.refresh()

    def refresh(self) -> None:
        try:
            t = self.svc.setup.template(self.plan_no)
            self.template_label.setText(self.tr("评分记录表：{0}（考核项目 {1} 个，评分项 {2} 个）").format(
                t.title, len(t.tasks), len(t.items())))
        except DomainError:
            self.template_label.setText(self.tr("尚未导入评分记录表"))
        if not allowed(self.svc.ctx.actor.role, "scoring.group"):
            return
        from app.services.staff import StaffService

        group = self.svc.setup.group(self.plan_no)
        current = {u for u, _, _ in group.members}
        graders = [x for x in StaffService(self.svc.ctx).list()
                   if x.active and {"grader", "chief_grader"} & set(x.roles)]
        rotation = {x.username: x for x in self.svc.setup.rotation(self.plan_no)}
        required = any(x.rotation_required for x in rotation.values())
        self.rotation_note.setText(self.tr("本站点省份规则实行轮换制：同职业上一批次的考评员不能连续进入考评组"))
        self.rotation_note.setVisible(required)
        self.members.setRowCount(len(graders))
        self.chief.clear()
        for r, x in enumerate(graders):
            rot = rotation.get(x.username)
            qualification = (rot.qualification or self.tr("未登记")) if rot else ""
            previous = ""
            if rot and rot.previous:
                previous = "、".join(rot.previous[:3]) + ("…" if len(rot.previous) > 3 else "")
                if rot.in_previous_batch:
                    previous += self.tr("（上一批次）")
            for c, v in enumerate([x.name, x.username, x.unit, qualification, previous]):
                it = item(v, data=x.username)
                if rot and ((c == 3 and rot.qualification_problem)
                            or (c == 4 and rot.in_previous_batch and rot.rotation_required)):
                    it.setBackground(RED)
                    it.setToolTip(rot.qualification_problem if c == 3 else self.tr("轮换制：上一批次已考评"))
                self.members.setItem(r, c, it)
            if x.username in current:
                self.members.selectRow(r)
            if "chief_grader" in x.roles:
                self.chief.addItem(f"{x.name}（{x.username}）", x.username)
        if group.chief:
            self.chief.setCurrentIndex(max(0, self.chief.findData(group.chief)))
        locked = group.locked
        self.group_button.setEnabled(not locked)
        self.members.setEnabled(not locked)
        if locked:
            self.message.setText(self.tr("评分已开始，考评组已锁定"))

    def import_template(self, path: str | None = None) -> None:
        if not path:
            path, _ = QFileDialog.getOpenFileName(self, self.tr("选择评分记录表"), "", "Excel (*.xlsx)")
            if not path:
                return

        def done(t):
            self.message.setText(self.tr("已导入：{0}").format(t.title))
            self.refresh()
            if self.on_change:
                QTimer.singleShot(0, lambda: self.on_change(self.message.text()))

        run_task(self, lambda: self.svc.setup.import_template(self.plan_no, path), done,
                 lambda exc: self.message.setText(error_text(exc) + "".join(
                     "\n" + str(e) for e in getattr(exc, "errors", [])[1:20])), label=self.tr("正在导入…"),
                 changes=CHANGED)

    def selected_members(self) -> list[str]:
        rows = sorted({i.row() for i in self.members.selectedItems()})
        return [self.members.item(r, 1).text() for r in rows]

    def form_group(self) -> None:
        members, chief = self.selected_members(), self.chief.currentData()

        def done(conflicts):
            text = self.tr("考评组已组建")
            if conflicts:
                text += self.tr("；有 {0} 处回避情形，须更换考评员或由考场负责人允许").format(len(conflicts))
            self.message.setText(text)
            self.refresh()
            if self.on_change:
                QTimer.singleShot(0, lambda: self.on_change(text))

        write(self, lambda: self.svc.setup.set_group(self.plan_no, members, chief), done, self.message)


class SetupGuide(QWidget):
    """What has to happen before scoring can start, who does it, and what is done already
    (✔ done, ✘ still to do).  Shown while the batch has no template or no group, and to a
    grader who is not in the group."""

    def __init__(self, headline: str, steps: list[tuple[str, str, bool]], parent=None):
        super().__init__(parent)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(40, 30, 40, 30)
        title = QLabel(headline)
        title.setWordWrap(True)
        title.setStyleSheet("font-size: 18pt; font-weight: bold")
        lay.addWidget(title)
        self.steps = []
        following = next((n for n, (_, _, done) in enumerate(steps) if not done), None)
        for n, (who, what, done) in enumerate(steps):
            mark = "✔" if done else ("→" if n == following else "✘")
            label = QLabel(self.tr("{0} 第 {1} 步　{2}：{3}").format(mark, n + 1, who, what))
            label.setWordWrap(True)
            colour = "#1b5e20" if done else ("#b00020; font-weight: bold" if n == following else "#444")
            label.setStyleSheet(f"font-size: 14pt; padding: 6px; color: {colour}")
            label.setProperty("done", done)
            lay.addWidget(label)
            self.steps.append(label)
        lay.addStretch(1)

    def text(self) -> str:
        return "\n".join(w.text() for w in self.findChildren(QLabel))


def guide_steps(ctx, has_batch: bool, has_template: bool, members: list[str]) -> list[tuple[str, str, bool]]:
    """The steps of setting scoring up, for the guide (who, what, done)."""
    office = QCoreApplication.translate("SetupGuide", "考务人员")
    admin = QCoreApplication.translate("SetupGuide", "管理员")
    steps = [(office, QCoreApplication.translate("SetupGuide", "在「认定批次与考生名册」导入本批次的考生名册"), has_batch),
             (office, QCoreApplication.translate("SetupGuide", "在「实操评分 › 评分表与考评组」导入评分记录表（Excel）"),
              has_template),
             (admin, QCoreApplication.translate("SetupGuide", "在「实操评分 › 评分表与考评组」选定考评员和考评组长，组建考评组"),
              bool(members))]
    if allowed(ctx.actor.role, "scoring.grade"):
        me = ctx.actor.username
        steps.append((admin, QCoreApplication.translate("SetupGuide", "把您（{0}）加入考评组").format(me), me in members))
    steps.append((QCoreApplication.translate("SetupGuide", "考评员"),
                  QCoreApplication.translate("SetupGuide", "打开「实操评分 › 评分」，扫描准考证二维码开始评分"), False))
    return steps
