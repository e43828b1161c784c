"""成绩与证书: scores and results per candidate, 双人复核 entry with mismatches highlighted, the review
chain (signed by re-entering the password), deadlines, score distribution, certificate numbers and printing."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QLineF, QObject, QRectF, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QPainter, QPen
from PySide6.QtWidgets import (QComboBox, QFileDialog, QFormLayout, QHBoxLayout, QInputDialog, QLabel, QLineEdit,
                               QMessageBox, QPushButton, QTableWidget, QTableWidgetItem, QTabWidget, QVBoxLayout,
                               QWidget, QAbstractItemView, QProgressDialog)

from app.core.codes import SUBJECTS, batch_label
from app.core.roles import allowed
from app.services.certificates import CertificateService
from app.services.misconduct import MisconductService
from app.services.official_tables import write_tables
from app.services.publication import PublicationService
from app.services.results import ResultsService
from app.services.roster import RosterService
from app.ui.common.files import offer_file
from app.ui.common.tasks import on_changes, run_task

MISMATCH = QColor("#F8CBAD")
FAILED = QColor("#FCE4D6")
STATUS_COLORS = {"overdue": QColor("#F4B183"), "soon": QColor("#FFE699"), "done": QColor("#C6E0B4")}


def _table(headers: list[str], name: str = "") -> QTableWidget:
    t = QTableWidget(0, len(headers))
    t.setHorizontalHeaderLabels(headers)
    t.setAccessibleName(name or "、".join(headers))
    t.setEditTriggers(QAbstractItemView.NoEditTriggers)
    t.setSelectionBehavior(QAbstractItemView.SelectRows)
    t.verticalHeader().setVisible(False)
    t.horizontalHeader().setStretchLastSection(True)
    return t


def _fill(t: QTableWidget, rows: list[list], colors: list[QColor | None] | None = None) -> None:
    t.setRowCount(len(rows))
    for r, row in enumerate(rows):
        for c, v in enumerate(row):
            item = QTableWidgetItem("" if v is None else str(v))
            if colors and colors[r] is not None:
                item.setBackground(QBrush(colors[r]))
            t.setItem(r, c, item)
    t.resizeColumnsToContents()


class Histogram(QWidget):
    """Score distribution in ten bands, painted (no chart module needed)."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.counts: list[int] = [0] * 10
        self.title = ""
        self.pass_mark = self.mean = None
        self.facts = ""
        self.setMinimumSize(420, 220)
        self.setAccessibleName(self.tr("成绩分布"))

    def set_counts(self, title: str, counts: list[int], pass_mark: float | None = None,
                   mean: float | None = None, passed: int = 0, sat: int = 0) -> None:
        """Counts per band of ten points; the pass line, the average and the pass rate of those who sat."""
        self.title, self.counts = title, list(counts)
        self.pass_mark, self.mean = pass_mark, mean
        self.facts = self.tr("参考 {0} 人，合格 {1} 人，合格率 {2:.1f}%，平均分 {3:.1f}").format(
            sat, passed, 100.0 * passed / sat, mean) if sat and mean is not None else self.tr("尚无成绩")
        self.setToolTip("；".join(f"{i * 10}—{i * 10 + 9 if i < 9 else 100}：{n}" for i, n in enumerate(counts)))
        self.update()

    def paintEvent(self, _event) -> None:
        p = QPainter(self)
        w, h = self.width(), self.height()
        fm = p.fontMetrics()
        line = fm.height() + 4
        left, right, top, bottom = fm.horizontalAdvance("人数") + 24, 16, 2 * line + 8, 2 * line + 4
        p.drawText(QRectF(0, 0, w, line), Qt.AlignCenter, self.title)
        p.drawText(QRectF(0, line, w, line), Qt.AlignCenter, self.facts)
        n = len(self.counts) or 1
        peak = max(self.counts) or 1
        plot_w, base = w - left - right, h - bottom
        band = plot_w / n
        p.setPen(QPen(Qt.black))
        p.drawLine(left, base, w - right, base)
        p.drawLine(left, top, left, base)
        p.drawText(QRectF(0, top, left - 6, line), Qt.AlignRight | Qt.AlignVCenter, self.tr("人数"))
        p.drawText(QRectF(left, h - line, plot_w, line), Qt.AlignCenter, self.tr("分数"))
        pass_mark = self.pass_mark
        for i, count in enumerate(self.counts):
            bh = (base - top - line) * count / peak
            x = left + i * band
            failing = pass_mark is not None and (i + 1) * 10 <= pass_mark
            p.fillRect(QRectF(x + 2, base - bh, band - 4, bh), QColor("#ED7D31") if failing else QColor("#5B9BD5"))
            p.drawText(QRectF(x, base - bh - line, band, line), Qt.AlignCenter, str(count))
            p.drawText(QRectF(x - band / 2, base + 2, band, line), Qt.AlignCenter, f"{i * 10}")
        p.drawText(QRectF(w - right - band / 2, base + 2, band, line), Qt.AlignCenter, "100")
        for k, (value, colour, text) in enumerate(((pass_mark, "#b00020", self.tr("合格线 {0}")),
                                                   (self.mean, "#1b5e20", self.tr("平均 {0}")))):
            if value is None:
                continue
            x = left + plot_w * float(value) / 100
            pen = QPen(QColor(colour))
            pen.setStyle(Qt.DashLine)
            pen.setWidth(2)
            p.setPen(pen)
            p.drawLine(QLineF(x, top, x, base))
            p.drawText(QRectF(x + 4, top + k * line, 160, line), Qt.AlignLeft | Qt.AlignVCenter,
                       text.format(f"{float(value):g}" if value == pass_mark else f"{float(value):.1f}"))
        p.end()


class ResultsWorkplace(QWidget):
    loaded = Signal()

    def __init__(self, ctx, parent=None):
        super().__init__(parent)
        self.ctx = ctx
        self.results = ResultsService(ctx)
        self.batch_combo = QComboBox()
        self.batch_combo.setAccessibleName(self.tr("认定批次"))
        self.batches = RosterService(ctx).batches() if allowed(ctx.actor.role, "roster.view") else []
        for b in self.batches:
            self.batch_combo.addItem(batch_label(b.plan_no, b.occupation_name, b.level, b.work_type), b.plan_no)
        self.state_label = QLabel("")
        self.sign_button = QPushButton(self.tr("签字（审核链下一步）"))
        self.sign_button.setEnabled(allowed(ctx.actor.role, "results.sign"))
        self.reopen_button = QPushButton(self.tr("重新打开…"))
        self.reopen_button.setEnabled(allowed(ctx.actor.role, "results.reopen"))
        top = QHBoxLayout()
        top.addWidget(self.batch_combo, 2)
        top.addWidget(self.state_label, 2)
        top.addWidget(self.sign_button)
        top.addWidget(self.reopen_button)

        self.tabs = QTabWidget()
        self.scores_table = _table([], self.tr("成绩与证书"))
        self.scores_table.setAccessibleName(self.tr("成绩与结果"))
        self.tabs.addTab(self.scores_table, self.tr("成绩与结果"))

        entry = QWidget()
        form = QFormLayout()
        self.entry_ticket = QLineEdit()
        self.entry_ticket.setAccessibleName(self.tr("准考证号"))
        self.entry_subject = QComboBox()
        self.entry_score = QLineEdit()
        self.entry_score.setPlaceholderText(self.tr("0—100，最多一位小数；缺考填“缺考”"))
        self.entry_button = QPushButton(self.tr("录入（回车）"))
        form.addRow(self.tr("准考证号"), self.entry_ticket)
        form.addRow(self.tr("科目"), self.entry_subject)
        form.addRow(self.tr("成绩"), self.entry_score)
        form.addRow("", self.entry_button)
        self.entry_info = QLabel(self.tr("纸质成绩须由两人分别录入，一致后才计入；不一致的行以红色标出。"))
        self.entries_table = _table([self.tr("准考证号"), self.tr("姓名"), self.tr("科目"), self.tr("状态"),
                                     self.tr("第一录入人"), self.tr("第二录入人"), self.tr("第一次"), self.tr("第二次")])
        el = QVBoxLayout(entry)
        el.addLayout(form)
        el.addWidget(self.entry_info)
        el.addWidget(self.entries_table)
        self.tabs.addTab(entry, self.tr("双人复核录入"))
        self.entry_button.setEnabled(allowed(ctx.actor.role, "score.enter"))

        dist = QWidget()
        self.dist_subject = QComboBox()
        self.dist_subject.setAccessibleName(self.tr("科目"))
        self.histogram = Histogram()
        dl = QVBoxLayout(dist)
        dl.addWidget(self.dist_subject)
        dl.addWidget(self.histogram, 1)
        self.tabs.addTab(dist, self.tr("成绩分布"))

        self.deadlines_table = _table([self.tr("事项"), self.tr("截止日期"), self.tr("状态"), self.tr("剩余工作日")])
        self.tabs.addTab(self.deadlines_table, self.tr("期限"))

        certs = QWidget()
        self.center_review_button = QPushButton(self.tr("登记鉴定中心审核…"))
        self.allocate_button = QPushButton(self.tr("分配证书编号"))
        self.print_button = QPushButton(self.tr("打印证书（PDF）…"))
        can_issue = allowed(ctx.actor.role, "certificate.issue")
        self.center_review_button.setEnabled(can_issue)
        self.allocate_button.setEnabled(can_issue)
        self.print_button.setEnabled(can_issue)
        self.cert_info = QLabel("")
        cl = QVBoxLayout(certs)
        row = QHBoxLayout()
        row.addWidget(self.center_review_button)
        row.addWidget(self.allocate_button)
        row.addWidget(self.print_button)
        row.addStretch(1)
        cl.addLayout(row)
        cl.addWidget(self.cert_info)
        cl.addStretch(1)
        self.tabs.addTab(certs, self.tr("证书"))

        pub = QWidget()
        self.publish_button = QPushButton(self.tr("开始公示"))
        self.export_pub_button = QPushButton(self.tr("导出公示名单与确认单…"))
        self.export_tables_button = QPushButton(self.tr("导出官方表格…"))
        self.publish_button.setEnabled(allowed(ctx.actor.role, "publication.manage"))
        self.export_pub_button.setEnabled(allowed(ctx.actor.role, "publication.manage"))
        self.export_tables_button.setEnabled(allowed(ctx.actor.role, "tables.export"))
        self.pub_info = QLabel("")
        pl = QVBoxLayout(pub)
        prow = QHBoxLayout()
        for b in (self.publish_button, self.export_pub_button, self.export_tables_button):
            prow.addWidget(b)
        prow.addStretch(1)
        pl.addLayout(prow)
        pl.addWidget(self.pub_info)
        pl.addStretch(1)
        self.tabs.addTab(pub, self.tr("公示与报表"))

        self.findings_table = _table([self.tr("编号"), self.tr("准考证号"), self.tr("姓名"), self.tr("科目"),
                                      self.tr("条款"), self.tr("状态"), self.tr("签字人"), self.tr("处理")])
        self.findings_table.setAccessibleName(self.tr("违纪处理记录"))
        from app.ui.results.misconduct_panel import MisconductPanel

        self.misconduct = MisconductPanel(ctx, self.findings_table, self)
        self.tabs.addTab(self.misconduct, self.tr("违纪处理"))

        self.supervision = None
        if allowed(ctx.actor.role, "supervision.report"):
            from app.ui.results.supervision_form import SupervisionForm

            self.supervision = SupervisionForm(ctx, lambda: self.plan_no, self)
            self.tabs.addTab(self.supervision, self.tr("内部督导报告"))

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.tabs, 1)

        self.batch_combo.currentIndexChanged.connect(self.refresh)
        self.entry_button.clicked.connect(self.enter_score)
        self.entry_score.returnPressed.connect(self.enter_score)
        self.sign_button.clicked.connect(self.sign)
        self.reopen_button.clicked.connect(self.reopen)
        self.dist_subject.currentIndexChanged.connect(self._show_distribution)
        self.allocate_button.clicked.connect(self.allocate)
        self.center_review_button.clicked.connect(lambda: self.record_center_review())
        self.print_button.clicked.connect(self.print_certificates)
        self.publish_button.clicked.connect(self.publish)
        self.export_pub_button.clicked.connect(self.export_publication)
        self.export_tables_button.clicked.connect(self.export_tables)
        self.data = None
        self.refresh()
        # every operation here, and scores arriving from scoring, refresh the open tables
        on_changes(self, {"results", "misconduct", "scoring", "roster"}, lambda _: self.refresh())

    # -- loading ---------------------------------------------------------------------
    @property
    def plan_no(self) -> str | None:
        return self.batch_combo.currentData()

    def refresh(self) -> None:
        plan = self.plan_no
        if not plan:
            return
        svc = self.results

        def load():
            rows = svc.results(plan)
            ctx = svc.ctx
            findings = MisconductService(ctx).findings(plan) if allowed(ctx.actor.role, "misconduct.view") else []
            publication = PublicationService(ctx).current(plan)
            return {"rows": rows, "entries": svc.entries(plan), "state": svc.review_state(plan),
                    "findings": findings, "publication": publication,
                    "deadlines": svc.deadlines(plan),
                    "dist": {s: svc.distribution(plan, s) for s in
                             (tuple(o.subject for o in rows[0].result.subjects) if rows else ())}}

        run_task(self, load, self._loaded, self._error, self.tr("正在读取成绩…"))

    def _loaded(self, data) -> None:
        self.data = data
        rows = data["rows"]
        subjects = tuple(o.subject for o in rows[0].result.subjects) if rows else ("theory", "practical")
        headers = [self.tr("准考证号"), self.tr("姓名"), self.tr("考场")] + [self.tr(SUBJECTS[s]) for s in subjects] + \
            [self.tr("结果"), self.tr("证书编号")]
        self.scores_table.setColumnCount(len(headers))
        self.scores_table.setHorizontalHeaderLabels(headers)
        _fill(self.scores_table, [[r.ticket_no, r.name, r.room] + [r.score_text(s) for s in subjects]
                                  + [r.result.label, r.certificate_no or ""] for r in rows],
              [None if r.passed else FAILED for r in rows])
        names = {"waiting": self.tr("待第二人录入"), "mismatch": self.tr("不一致"), "agreed": self.tr("一致")}
        entries = data["entries"]
        _fill(self.entries_table, [[e.ticket_no, e.name, self.tr(SUBJECTS[e.subject]), names[e.state], e.first_by,
                                    e.second_by, e.first_score or "", e.second_score or ""] for e in entries],
              [MISMATCH if e.state == "mismatch" else None for e in entries])
        self.state_label.setText(self.tr("审核状态：{0}").format(data["state"].stage_name))
        current = self.entry_subject.currentData()
        self.entry_subject.clear()
        self.dist_subject.blockSignals(True)
        self.dist_subject.clear()
        for s in subjects:
            self.entry_subject.addItem(self.tr(SUBJECTS[s]), s)
            self.dist_subject.addItem(self.tr(SUBJECTS[s]), s)
        self.dist_subject.blockSignals(False)
        if current:
            self.entry_subject.setCurrentIndex(max(0, self.entry_subject.findData(current)))
        self._show_distribution()
        status = {"done": self.tr("已完成"), "overdue": self.tr("已逾期"), "soon": self.tr("即将到期"), "open": self.tr("进行中")}
        dls = data["deadlines"]
        _fill(self.deadlines_table, [[d["label"], d["due"].isoformat(), status[d["status"]], d["workdays_left"]]
                                     for d in dls], [STATUS_COLORS.get(d["status"]) for d in dls])
        issued = sum(1 for r in rows if r.certificate_no)
        self.cert_info.setText(self.tr("合格 {0} 人，已分配证书编号 {1} 个").format(sum(r.passed for r in rows), issued))
        f = data["findings"]
        self.misconduct.set_findings(f)
        _fill(self.findings_table, [[x.id, x.ticket_no, x.name, self.tr(SUBJECTS.get(x.subject, x.subject)), x.ref,
                                     x.status_name, "、".join(x.witnesses), (x.penalty or {}).get("text", "")]
                                    for x in f])
        p = data["publication"]
        if p is None:
            self.pub_info.setText(self.tr("尚未公示（成绩复审定稿后方可公示）"))
        else:
            state = self.tr("公示中") if p.status == "open" else self.tr("已结束")
            self.pub_info.setText(self.tr("公示期 {0} 至 {1}（{2}个工作日），{3}").format(
                p.start_date.isoformat(), p.end_date.isoformat(), p.workdays, state))
        self.loaded.emit()

    def _show_distribution(self) -> None:
        s = self.dist_subject.currentData()
        if self.data and s in self.data["dist"]:
            sat = [r for r in self.data["rows"] if r.scores.get(s) is not None
                   and not (r.result.outcome(s) is None or r.result.outcome(s).absent)]
            mean = sum(float(r.scores[s]) for r in sat) / len(sat) if sat else None
            passed = sum(1 for r in sat if r.result.outcome(s).passed)
            mark = next((o.pass_mark for r in sat for o in [r.result.outcome(s)]), None)
            self.histogram.set_counts(self.tr(SUBJECTS[s]), self.data["dist"][s], mark, mean, passed, len(sat))

    def _error(self, exc) -> None:
        QMessageBox.warning(self, self.tr("未完成"), str(exc))

    # -- actions ---------------------------------------------------------------------
    def enter_score(self) -> None:
        ticket, subject, score = self.entry_ticket.text().strip(), self.entry_subject.currentData(), self.entry_score.text()
        if not ticket or not subject:
            return
        svc = self.results

        def done(state):
            self.entry_score.clear()
            self.entry_ticket.selectAll()
            self.entry_ticket.setFocus()
            msgs = {"waiting": self.tr("已录入，等待第二人录入"), "mismatch": self.tr("与另一人录入的成绩不一致，请核对试卷"),
                    "agreed": self.tr("两人录入一致，成绩已计入")}
            self.entry_info.setText(f"{ticket}：{msgs[state]}")

        run_task(self, lambda: svc.enter_manual(ticket, subject, score), done, self._error, changes={"results"})

    def _password(self, title: str) -> str | None:
        text, ok = QInputDialog.getText(self, title, self.tr("签字确认：请再次输入您的密码"), QLineEdit.Password)
        return text if ok and text else None

    def sign(self) -> None:
        plan = self.plan_no
        password = self._password(self.tr("审核签字"))
        if password is None:
            return
        run_task(self, lambda: self.results.sign_review(plan, password), lambda _: None, self._error,
                 changes={"results"})

    def reopen(self) -> None:
        plan = self.plan_no
        reason, ok = QInputDialog.getText(self, self.tr("重新打开"), self.tr("重新打开已定稿成绩的理由："))
        if not ok or not reason.strip():
            return
        if QMessageBox.question(self, self.tr("确认"), self.tr("重新打开后须重新走完内督审核、初审、复审。继续？")) \
                != QMessageBox.Yes:
            return
        password = self._password(self.tr("重新打开"))
        if password is None:
            return
        run_task(self, lambda: self.results.reopen(plan, reason, password), lambda _: None, self._error,
                 changes={"results"})

    def allocate(self) -> None:
        plan = self.plan_no
        if QMessageBox.question(self, self.tr("确认"), self.tr("为本批次合格考生分配证书编号？编号一经分配不再收回。")) \
                != QMessageBox.Yes:
            return
        svc = CertificateService(self.ctx)
        run_task(self, lambda: svc.allocate(plan), lambda out: self.cert_info.setText(
            self.tr("已分配 {0} 个证书编号").format(len(out))), self._error, self.tr("正在分配证书编号…"),
            changes={"results"})

    def record_center_review(self, reviewer: str | None = None, reply_no: str | None = None) -> None:
        """The 鉴定中心's review of the results, from its reply: certificates are numbered only after it."""
        plan = self.plan_no
        if reviewer is None:
            reviewer, ok = QInputDialog.getText(self, self.tr("鉴定中心审核"), self.tr("审核单位（鉴定中心名称）："))
            if not ok or not reviewer.strip():
                return
        if reply_no is None:
            reply_no, ok = QInputDialog.getText(self, self.tr("鉴定中心审核"), self.tr("审核回复文号："))
            if not ok or not reply_no.strip():
                return
        svc = CertificateService(self.ctx)
        from app.core.sitetime import site_date
        day = site_date(self.ctx.now())
        run_task(self, lambda: svc.record_center_review(plan, reviewer.strip(), day, reply_no.strip()),
                 lambda _: (self.cert_info.setText(self.tr("已登记鉴定中心审核：{0}").format(reply_no.strip())),
                            self.refresh()), self._error)

    def publish(self) -> None:
        plan = self.plan_no
        if QMessageBox.question(self, self.tr("确认"), self.tr("以脱敏的姓名和证件号码公示本批次认定结果？")) != QMessageBox.Yes:
            return
        svc = PublicationService(self.ctx)
        run_task(self, lambda: svc.start(plan), lambda _: None, self._error, changes={"results"})

    def _folder(self) -> str | None:
        return QFileDialog.getExistingDirectory(self, self.tr("选择保存位置")) or None

    def export_publication(self, folder: str | None = None) -> None:
        plan, folder = self.plan_no, folder or self._folder()
        if not folder:
            return
        svc = PublicationService(self.ctx)

        def go():
            base = Path(folder) / f"{plan}-认定结果公示"
            svc.export(plan, base.with_suffix(".xlsx"), base.with_suffix(".pdf"))
            made = [base.with_suffix(".xlsx"), base.with_suffix(".pdf")]
            current = svc.current(plan)
            if current and current.status == "closed":
                made.append(svc.confirmation_pdf(plan, Path(folder) / f"{plan}-公示结果确认单.pdf"))
            return made

        run_task(self, go, lambda made: (self.pub_info.setText(self.tr("已导出 {0} 个文件到 {1}").format(len(made), folder)),
                                         offer_file(self, made[1])),
                 self._error, self.tr("正在导出…"), changes={"results"})

    def export_tables(self, folder: str | None = None) -> None:
        plan, folder = self.plan_no, folder or self._folder()
        if not folder:
            return
        ctx = self.ctx

        def go():
            return write_tables(ctx, plan, folder)  # the one list of official tables

        def done(result):
            text = self.tr("已导出 {0} 个文件到 {1}").format(len(result.files), folder)
            if result.skipped:
                text += "\n" + "\n".join(f"{name}：{reason}" for name, reason in result.skipped)
            self.pub_info.setText(text)

        run_task(self, go, done, self._error, self.tr("正在导出官方表格…"))

    def print_certificates(self, path: str | None = None) -> None:
        plan = self.plan_no
        if not path:
            path, _ = QFileDialog.getSaveFileName(self, self.tr("保存证书 PDF"), f"{plan}-证书.pdf", "PDF (*.pdf)")
        if not path:
            return
        dialog = QProgressDialog(self.tr("正在生成证书…"), None, 0, 100, self)
        dialog.setWindowModality(Qt.WindowModal)
        dialog.setMinimumDuration(300)
        svc = CertificateService(self.ctx)
        bridge = _Progress(dialog, self)

        def done(n):
            dialog.close()
            self.cert_info.setText(self.tr("已生成 {0} 张证书：{1}").format(n, path))
            offer_file(self, path)

        run_task(self, lambda: svc.render(plan, path, bridge.step.emit), done,
                 lambda e: (dialog.close(), self._error(e)))


class _Progress(QObject):
    """Carries progress from the worker thread to the dialog (queued: the receiver lives on the UI thread)."""

    step = Signal(int, int)

    def __init__(self, dialog: QProgressDialog, parent: QObject):
        super().__init__(parent)
        self.dialog = dialog
        self.step.connect(self._apply)

    def _apply(self, i: int, total: int) -> None:
        self.dialog.setMaximum(total)
        self.dialog.setValue(i)
