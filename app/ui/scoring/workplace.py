"""实操评分 workplace: one tab per thing this role may do for the chosen batch.

- ``setup``   评分表与考评组 (office, admin), 回避 (room head allows), and the guide page
  saying who must do what while nothing is set up yet;
- ``station`` 评分: the grader's sheet;
- ``chief``   分歧与裁定, 成绩汇总, 完成情况;
- ``paper``   纸质评分表录入 (双人复核).

A batch with a 综合评审 (技师、高级技师, by the site's profile or added by the institution) shows a
评分组 selector: the 综合评审 panel scores and signs in the same tabs as the 考评组
(``ScoringServices.for_subject``); otherwise the selector is hidden.

Every read and write goes through the scoring services (app.services.scoring); the UI shows
what the service returns and nothing else (a grader's station never holds another grader's
values).  Writes run off the UI thread (``app.ui.common.tasks.run_task``) and report the
"scoring" change, from which the open panels refresh.
"""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QTabWidget, QVBoxLayout, QWidget

from app.core.errors import DomainError
from app.core.roles import allowed
from app.services.scoring import PRACTICAL, REVIEW, ScoringServices
from app.ui.scoring.chief import ChiefPanel, ProgressPanel, ReconcileDialog, SummaryPanel  # noqa: F401
from app.ui.common.widgets import error_text
from app.ui.scoring.common import BLUE, GREEN, GREY, RED, YELLOW  # noqa: F401 - re-exported
from app.ui.scoring.paper import PaperEntryPanel
from app.ui.scoring.setup import AvoidancePanel, SetupGuide, SetupPanel, guide_steps
from app.ui.scoring.station import GraderStation


class ScoringWorkplace(QWidget):
    def __init__(self, ctx, parent=None, plan_no: str | None = None, camera_source=0):
        super().__init__(parent)
        self.base_svc = self.svc = ScoringServices.of(ctx)
        self.camera_source = camera_source
        self.plan_no = None
        self.station = self.chief = self.summary = self.progress = self.avoid = self.setup = self.paper = None
        self.guide: SetupGuide | None = None
        lay = QVBoxLayout(self)
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("认定计划：")))
        self.batch = QComboBox()
        self.batch.setAccessibleName(self.tr("认定批次"))
        top.addWidget(self.batch, 1)
        self.subject_label = QLabel(self.tr("评分组："))
        top.addWidget(self.subject_label)
        self.subject = QComboBox()
        self.subject.setAccessibleName(self.tr("评分组"))
        self.subject.addItem(self.tr("实操考评组"), PRACTICAL)
        self.subject.addItem(self.tr("综合评审组"), REVIEW)
        self.subject_label.setVisible(False)
        self.subject.setVisible(False)
        self.subject.currentIndexChanged.connect(lambda _: self.open_batch(self.plan_no))
        top.addWidget(self.subject)
        lay.addLayout(top)
        self.tabs = QTabWidget()
        self.tabs.currentChanged.connect(self._tab_changed)
        lay.addWidget(self.tabs, 1)
        self.message = QLabel("")
        self.message.setWordWrap(True)
        lay.addWidget(self.message)
        self.templated: set[str] = set()
        try:
            batches = self.svc.setup.batches()
            self.templated = {pn for pn, _ in batches}
            batches += [(pn, label) for pn, label in self.svc.setup.all_batches() if pn not in self.templated]
        except DomainError as exc:
            batches = []
            self.message.setText(error_text(exc))
        for pn, label in batches:
            self.batch.addItem(label, pn)
        if plan_no:
            self.batch.setCurrentIndex(max(0, self.batch.findData(plan_no)))
        self.batch.currentIndexChanged.connect(lambda _: self.open_batch(self.batch.currentData()))
        if not batches:
            self._show_guide(self.tr("还不能评分：尚无认定批次"), has_batch=False, has_template=False, members=[])
        else:
            self.open_batch(self.batch.currentData())

    def _show_guide(self, headline: str, **state) -> None:
        self.guide = SetupGuide(headline, guide_steps(self.svc.ctx, **state), self)
        self.tabs.insertTab(0, self.guide, self.tr("开始之前"))
        self.tabs.setCurrentIndex(0)

    def open_batch(self, plan_no: str) -> None:
        """One tab per thing this role may do; while the batch is not set up, a guide first."""
        self.tabs.clear()
        self.plan_no = plan_no
        self._choose_subject(plan_no)
        self.station = self.chief = self.summary = self.progress = self.avoid = self.setup = self.paper = None
        self.guide = None
        role = self.svc.ctx.actor.role
        messages = []

        def add(attr, cap_ok, make, title):
            if not cap_ok:
                return
            try:
                w = make()
            except DomainError as exc:
                messages.append(error_text(exc))
                return
            setattr(self, attr, w)
            self.tabs.addTab(w, title)

        add("setup", allowed(role, "scoring.template") or allowed(role, "scoring.group"),
            lambda: SetupPanel(self.svc, plan_no, self, on_change=lambda text: self._reopen(plan_no, text)),
            self.tr("评分表与考评组"))
        add("station", allowed(role, "scoring.grade"),
            lambda: GraderStation(self.svc, plan_no, self, self.camera_source), self.tr("评分"))
        add("chief", allowed(role, "scoring.reconcile"), lambda: ChiefPanel(self.svc, plan_no, self),
            self.tr("分歧与裁定"))
        add("progress", allowed(role, "scoring.progress"), lambda: ProgressPanel(self.svc, plan_no, self),
            self.tr("完成情况"))
        add("summary", allowed(role, "scoring.summary"), lambda: SummaryPanel(self.svc, plan_no, self),
            self.tr("成绩汇总"))
        add("avoid", allowed(role, "scoring.view"), lambda: AvoidancePanel(self.svc, plan_no, self), self.tr("回避"))
        add("paper", allowed(role, "scoring.paper") and self.subject.currentData() == PRACTICAL,
            lambda: PaperEntryPanel(self.svc, plan_no, self), self.tr("纸质评分表录入"))
        self._guide_if_not_ready(plan_no)
        self.message.setText(messages[0] if messages and self.guide is None else "")

    def _choose_subject(self, plan_no: str) -> None:
        """The selector only where the batch has a 综合评审; the services bound to the chosen group."""
        try:
            subjects = self.base_svc.setup.subjects(plan_no)
        except DomainError:
            subjects = [PRACTICAL]
        review = REVIEW in subjects
        self.subject_label.setVisible(review)
        self.subject.setVisible(review)
        if not review and self.subject.currentData() != PRACTICAL:
            self.subject.blockSignals(True)
            self.subject.setCurrentIndex(0)
            self.subject.blockSignals(False)
        self.svc = self.base_svc.for_subject(self.subject.currentData())

    def _has_template(self, plan_no: str) -> bool:
        if self.subject.currentData() == PRACTICAL:
            return plan_no in self.templated
        try:
            self.svc.setup.template(plan_no)
            return True
        except DomainError:
            return False

    def _guide_if_not_ready(self, plan_no: str) -> None:
        has_template = self._has_template(plan_no)
        review = self.subject.currentData() == REVIEW
        try:
            members = [u for u, _, _ in self.svc.setup.group(plan_no).members]
        except DomainError:
            members = []
        me = self.svc.ctx.actor.username
        grading = allowed(self.svc.ctx.actor.role, "scoring.grade")
        if not has_template:
            headline = (self.tr("还不能评审：本批次尚未导入综合评审评分表") if review
                        else self.tr("还不能评分：本批次尚未导入评分记录表"))
        elif not members:
            headline = (self.tr("还不能评审：本批次尚未组建综合评审组") if review
                        else self.tr("还不能评分：本批次尚未组建考评组"))
        elif grading and me not in members:
            headline = (self.tr("您不在本批次的综合评审组中，不能为本批次评审") if review
                        else self.tr("您不在本批次的考评组中，不能为本批次评分"))
        else:
            return
        self._show_guide(headline, has_batch=True, has_template=has_template, members=members)

    def _reopen(self, plan_no: str, text: str) -> None:
        if self.subject.currentData() == PRACTICAL:
            self.templated.add(plan_no)
        self.open_batch(plan_no)
        if self.guide is not None and self.setup is not None:
            self.tabs.setCurrentWidget(self.setup)
        self.message.setText(text)

    def _tab_changed(self, index: int) -> None:
        w = self.tabs.widget(index)
        if hasattr(w, "refresh"):
            try:
                w.refresh()
            except DomainError as exc:
                self.message.setText(error_text(exc))
