"""理论机考 workplace for the office: import the bank, set the blueprint, seal and unlock
the papers.  Nothing of a paper or a question is ever shown here: counts and states only."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtWidgets import (QComboBox, QDoubleSpinBox, QFileDialog, QFormLayout, QGridLayout, QGroupBox,
                               QHBoxLayout, QLabel, QLineEdit, QMessageBox, QPushButton, QSpinBox, QVBoxLayout,
                               QWidget)

from app.core.codes import level_label
from app.core.codes import batch_label
from app.core import sitetime
from app.core.exam.blueprint import Blueprint, Section
from app.core.exam.questions import QTYPE_NAMES, QType
from app.services.net import NetService
from app.services.roster import RosterService
from app.services.theory import BankService, PaperService
from app.ui.common.tasks import on_changes, run_task

LEVEL_FROM_NAME = {"五级": 5, "四级": 4, "三级": 3, "二级": 2, "一级": 1}


class TheoryWorkplace(QWidget):
    def __init__(self, ctx, parent=None, confirm=None):
        super().__init__(parent)
        self.ctx = ctx
        self.bank = BankService(ctx)
        self.papers = PaperService(ctx)
        self.confirm = confirm or self._ask
        self.batches = {b.plan_no: b for b in RosterService(ctx).batches()}
        v = QVBoxLayout(self)
        top = QHBoxLayout()
        self.batch = QComboBox()
        for b in self.batches.values():
            self.batch.addItem(batch_label(b.plan_no, b.occupation_name, b.level, b.work_type), b.plan_no)
        self.batch.currentIndexChanged.connect(self.refresh)
        top.addWidget(QLabel(self.tr("认定计划：")))
        top.addWidget(self.batch, 1)
        v.addLayout(top)

        g = QGroupBox(self.tr("题库（只显示数量）"))
        gl = QVBoxLayout(g)
        self.bank_info = QLabel()
        self.bank_info.setWordWrap(True)
        self.import_btn = QPushButton(self.tr("导入题库（.xlsx / QTI .zip）…"))
        self.import_btn.clicked.connect(self._choose_file)
        gl.addWidget(self.bank_info)
        gl.addWidget(self.import_btn)
        v.addWidget(g)

        g = QGroupBox(self.tr("组卷方案"))
        grid = QGridLayout(g)
        self.counts: dict[QType, QSpinBox] = {}
        self.points: dict[QType, QDoubleSpinBox] = {}
        defaults = {QType.TRUE_FALSE: (40, 0.5), QType.SINGLE: (60, 1.0), QType.MULTIPLE: (10, 2.0)}
        for r, qt in enumerate(QType):
            c, p = QSpinBox(), QDoubleSpinBox()
            c.setRange(0, 300)
            p.setRange(0, 100)
            p.setSingleStep(0.5)
            c.setValue(defaults[qt][0])
            p.setValue(defaults[qt][1])
            grid.addWidget(QLabel(QTYPE_NAMES[qt]), r, 0)
            grid.addWidget(QLabel(self.tr("题数")), r, 1)
            grid.addWidget(c, r, 2)
            grid.addWidget(QLabel(self.tr("每题分值")), r, 3)
            grid.addWidget(p, r, 4)
            self.counts[qt], self.points[qt] = c, p
        form = QFormLayout()
        self.duration = QSpinBox()
        self.duration.setRange(30, 300)
        self.duration.setValue(90)
        self.pass_mark = QDoubleSpinBox()
        self.pass_mark.setRange(1, 100)
        self.pass_mark.setValue(60)
        self.partial = QDoubleSpinBox()
        self.partial.setRange(0, 0.99)
        self.partial.setSingleStep(0.5)
        self.mode = QComboBox()
        self.mode.addItem(self.tr("随机（每位考生题序、选项序不同）"), "random")
        self.mode.addItem(self.tr("固定 A/B 卷"), "ab")
        self.resume_limit = QSpinBox()
        self.resume_limit.setRange(0, 120)
        self.resume_limit.setValue(10)
        form.addRow(self.tr("考试时长（分钟）"), self.duration)
        form.addRow(self.tr("合格分数线"), self.pass_mark)
        form.addRow(self.tr("多选少选得分比例（0 为全对才得分）"), self.partial)
        form.addRow(self.tr("组卷方式"), self.mode)
        form.addRow(self.tr("断机自动续考时限（分钟）"), self.resume_limit)
        grid.addLayout(form, 3, 0, 1, 5)
        self.save_bp = QPushButton(self.tr("保存组卷方案"))
        self.save_bp.clicked.connect(self.save_blueprint)
        grid.addWidget(self.save_bp, 4, 0, 1, 5)
        v.addWidget(g)

        g = QGroupBox(self.tr("试卷封存与解封（双人双锁）"))
        sl = QGridLayout(g)
        self.users = [QLineEdit(), QLineEdit()]
        self.pws = [QLineEdit(), QLineEdit()]
        for i in range(2):
            self.users[i].setPlaceholderText(self.tr("保管人{0} 用户名").format(i + 1))
            self.pws[i].setPlaceholderText(self.tr("保管人{0} 密码").format(i + 1))
            self.pws[i].setEchoMode(QLineEdit.Password)
            sl.addWidget(self.users[i], i, 0)
            sl.addWidget(self.pws[i], i, 1)
        self.seal_btn = QPushButton(self.tr("组卷并封存"))
        self.unlock_btn = QPushButton(self.tr("共同解封（考试当日）"))
        self.seal_btn.clicked.connect(self.seal)
        self.unlock_btn.clicked.connect(self.unlock)
        sl.addWidget(self.seal_btn, 2, 0)
        sl.addWidget(self.unlock_btn, 2, 1)
        self.send_key_btn = QPushButton(self.tr("向考试终端重新下发试卷密钥"))
        self.send_key_btn.setToolTip(self.tr("解封时已自动发往已登记的考试终端；解封后才登记的终端用此按钮补发"))
        self.send_key_btn.clicked.connect(self.send_key)
        sl.addWidget(self.send_key_btn, 3, 1)
        self.seal_info = QLabel()
        self.seal_info.setWordWrap(True)
        sl.addWidget(self.seal_info, 4, 0, 1, 2)
        v.addWidget(g)
        self.message = QLabel()
        self.message.setWordWrap(True)
        v.addWidget(self.message)
        v.addStretch(1)
        self.refresh()
        on_changes(self, {"theory"}, lambda _: self.refresh())

    # -------------------------------------------------------------------------
    def plan_no(self) -> str:
        return self.batch.currentData() or ""

    def _ask(self, text: str) -> bool:
        return QMessageBox.question(self, self.tr("请确认"), text) == QMessageBox.Yes

    def _error(self, exc):
        errors = getattr(exc, "errors", None)
        text = str(exc)
        if errors and len(errors) > 1:
            text += "\n" + "\n".join(str(e) for e in errors[:20])
        self.message.setText(text)

    def refresh(self):
        plan = self.plan_no()
        if not plan:
            self.bank_info.setText(self.tr("尚无认定计划，请先导入名册"))
            return
        b = self.batches[plan]
        s = self.bank.summary(b.occupation_code, b.level)
        self.bank_info.setText(self.tr("题库 {0} {1}：共 {2} 题（{3}）；鉴定点 {4} 个").format(
            b.occupation_code, level_label(b.level), s.size, "，".join(f"{k} {n}" for k, n in s.by_type.items()) or "—",
            len(s.by_kp)) + (self.tr("\n题量少于 600 题") if s.size < 600 else ""))
        bp = self.papers.blueprint(plan)
        if bp is not None:
            for sec in bp.sections:
                self.counts[sec.qtype].setValue(sec.count)
                self.points[sec.qtype].setValue(float(sec.points))
            self.duration.setValue(bp.duration_min)
            self.pass_mark.setValue(float(bp.pass_mark))
            self.partial.setValue(float(bp.partial_credit))
            self.mode.setCurrentIndex(0 if bp.mode == "random" else 1)
            self.resume_limit.setValue(bp.resume_limit_min)
        st = self.papers.status(plan)
        if not st.sealed:
            self.seal_info.setText(self.tr("试卷未封存"))
        else:
            text = self.tr("已封存：{0}，保管人 {1}，共 {2} 题，摘要 {3}…").format(
                sitetime.text(st.sealed_at), "、".join(st.custodians), st.question_count,
                st.content_sha256[:16])
            if st.unlocked:
                text += self.tr("\n已解封：{0}，由 {1} 共同解封").format(
                    sitetime.text(st.unlocked_at), "、".join(st.unlocked_by))
            self.seal_info.setText(text)

    def _choose_file(self):
        path, _ = QFileDialog.getOpenFileName(self, self.tr("选择题库文件"), "",
                                              self.tr("题库 (*.xlsx *.zip)"))
        if path:
            self.import_file(path)

    def import_file(self, path: str):
        b = self.batches[self.plan_no()]
        fn = (lambda: self.bank.import_qti(path, b.occupation_code, b.level)) if path.lower().endswith(".zip") \
            else (lambda: self.bank.import_xlsx(path, b.occupation_code, b.level))
        self.import_btn.setEnabled(False)

        def done(res):
            self.import_btn.setEnabled(True)
            self.message.setText(self.tr("已导入 {0} 题，题库现有 {1} 题。{2}").format(res.imported, res.bank_size,
                                                                                 res.warning))

        def failed(exc):
            self.import_btn.setEnabled(True)
            self._error(exc)

        run_task(self, fn, done, failed, label=self.tr("正在导入题库…"), changes={"theory"})

    def blueprint_from_form(self) -> Blueprint:
        sections = tuple(Section(qt, self.counts[qt].value(), Decimal(str(self.points[qt].value())))
                         for qt in QType if self.counts[qt].value())
        return Blueprint(sections, self.duration.value(), Decimal(str(self.pass_mark.value())),
                         partial_credit=Decimal(str(self.partial.value())), mode=self.mode.currentData(),
                         resume_limit_min=self.resume_limit.value())

    def save_blueprint(self):
        try:
            plan, blueprint = self.plan_no(), self.blueprint_from_form()
        except Exception as exc:  # noqa: BLE001 - shown to the person
            self._error(exc)
            return
        run_task(self, lambda: self.papers.set_blueprint(plan, blueprint),
                 lambda _: self.message.setText(self.tr("组卷方案已保存")), self._error, changes={"theory"})

    def _custodians(self):
        out = [(self.users[i].text().strip(), self.pws[i].text()) for i in range(2)]
        for pw in self.pws:
            pw.clear()
        return out

    def seal(self):
        if not self.confirm(self.tr("按当前组卷方案组卷并封存试卷？已封存但未解封的试卷将被替换。")):
            return
        custodians = self._custodians()
        plan = self.plan_no()
        run_task(self, lambda: self.papers.seal(plan, custodians),
                 lambda _: self.message.setText(self.tr("试卷已封存")), self._error,
                 label=self.tr("正在组卷并封存…"), changes={"theory"})

    def unlock(self):
        custodians = self._custodians()
        plan = self.plan_no()
        run_task(self, lambda: self.papers.unlock(plan, custodians), self._unlocked, self._error,
                 label=self.tr("正在解封…"), changes={"theory"})

    def _unlocked(self, st):
        if st.key_sent_to:
            self.message.setText(self.tr("试卷已解封；试卷密钥已加密发往 {0} 台已登记的考试终端").format(len(st.key_sent_to)))
        else:
            self.message.setText(self.tr("试卷已解封；尚无已登记的考试终端，终端登记后请点「向考试终端重新下发试卷密钥」"))

    def send_key(self):
        plan = self.plan_no()
        net = NetService(self.ctx)
        run_task(self, lambda: net.send_paper_key(plan),
                 lambda n: self.message.setText(self.tr("试卷密钥已加密发往 {0} 台已登记的考试终端").format(n)),
                 self._error, label=self.tr("正在下发试卷密钥…"), changes={"theory"})
