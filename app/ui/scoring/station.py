"""The grader's station (评分): a sheet that fits a 1366×768 laptop.

Left, the candidates of this station coloured by the state of *my* sheet (white not
started, yellow draft, green signed, blue reconciled by the chief, grey absent, red
avoidance), above them the scan field: a USB scanner types the ticket QR and Enter, or
the grader types the ticket number.  Right, the sheet: each task's text once, on a band
across the table, then its items; the score column sits before the long criteria, so it
is always on screen.  Type a score and Enter (the next item comes up); Ctrl+Enter signs.
Every save and the signature run off the UI thread (one lane per station, in order).
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QColor, QFont, QKeySequence, QShortcut
from PySide6.QtWidgets import (QAbstractItemView, QHBoxLayout, QHeaderView, QInputDialog, QLabel,
                               QLineEdit, QPushButton, QSplitter, QTableWidgetItem, QVBoxLayout, QWidget)

from app.core.checkin import qr_ticket
from app.core.errors import DomainError
from app.services.scoring import STATUS_NAMES, ScoringServices
from app.ui.common.tasks import on_changes, pending, run_task
from app.ui.scoring.common import BLUE, GREEN, GREY, RED, TASK_ROW, WHITE, YELLOW, item, table, write
from app.ui.scoring.signature import SignDialog

STATE_COLOURS = {"none": WHITE, "draft": YELLOW, "signed": GREEN, "reconciled": BLUE, "absent": GREY}


class GraderStation(QWidget):
    """One grader's sheets: scan or pick a candidate, score every item with the keyboard,
    sign with password and drawing."""

    SCORE_COL = 3
    CRITERIA_COL = 4

    def __init__(self, svc: ScoringServices, plan_no: str, parent=None, camera_source=0):
        super().__init__(parent)
        self.svc, self.plan_no, self.camera_source = svc, plan_no, camera_source
        self.template = svc.setup.template(plan_no)
        self.rows = svc.grading.station(plan_no)     # raises when this grader is not in the group
        self.lane = f"scoring-station-{id(self):x}"
        self.ticket: str | None = None
        self.sign_dialog: SignDialog | None = None
        self.current_view = None
        self._loading = False

        self.scan = QLineEdit()
        self.scan.setAccessibleName(self.tr("扫码或输入准考证号"))
        self.scan.setPlaceholderText(self.tr("扫描准考证二维码，或输入准考证号，回车"))
        self.scan.returnPressed.connect(self._scanned)
        self.camera_scan_button = QPushButton(self.tr("用摄像头扫码（F7）"))
        self.camera_scan_button.setToolTip(self.tr("把准考证上的二维码对准评分站的摄像头"))
        self.camera_scan_button.clicked.connect(self.scan_with_camera)
        self.candidates = table([self.tr("准考证号"), self.tr("工位"), self.tr("姓名"), self.tr("我的评分"),
                                 self.tr("回避")])
        self.candidates.setAccessibleName(self.tr("考生列表"))
        self.candidates.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.candidates.itemSelectionChanged.connect(self._candidate_chosen)
        chip = '<span style="background:{0}">&nbsp;&nbsp;&nbsp;&nbsp;</span>&nbsp;{1}'
        lines = (((WHITE, self.tr("未开始")), (YELLOW, self.tr("评分中")), (GREEN, self.tr("已签字"))),
                 ((BLUE, self.tr("组长已裁定")), (GREY, self.tr("缺考")), (RED, self.tr("须回避"))))
        legend = QLabel("<br>".join("&nbsp;&nbsp;".join(chip.format(c.name() if c != WHITE else "#cccccc", t)
                                                       for c, t in line) for line in lines))
        legend.setWordWrap(True)
        legend.setAccessibleName(self.tr("颜色说明"))
        left = QWidget()
        ll = QVBoxLayout(left)
        ll.setContentsMargins(0, 0, 0, 0)
        ll.addWidget(self.scan)
        ll.addWidget(self.camera_scan_button)
        ll.addWidget(self.candidates, 1)
        ll.addWidget(legend)

        self.sheet = table([self.tr("编号"), self.tr("评分项目"), self.tr("配分"), self.tr("得分"),
                            self.tr("评分标准 / 扣分说明")])
        self.sheet.setAccessibleName(self.tr("评分表"))
        self.sheet.setSelectionBehavior(QAbstractItemView.SelectItems)
        self.sheet.setEditTriggers(QAbstractItemView.AnyKeyPressed | QAbstractItemView.DoubleClicked
                                   | QAbstractItemView.EditKeyPressed)
        self.sheet.setWordWrap(True)
        head = self.sheet.horizontalHeader()
        head.setSectionResizeMode(QHeaderView.ResizeToContents)
        head.setSectionResizeMode(1, QHeaderView.Interactive)
        head.setSectionResizeMode(self.SCORE_COL, QHeaderView.Fixed)
        head.setSectionResizeMode(self.CRITERIA_COL, QHeaderView.Stretch)
        self.sheet.setColumnWidth(1, 190)
        self.sheet.setColumnWidth(self.SCORE_COL, 84)
        self.sheet.itemChanged.connect(self._score_changed)
        self.header = QLabel(self.tr("请扫码或选择考生"))
        self.header.setStyleSheet("font-size: 14pt; font-weight: bold")
        self.total = QLabel("")
        self.total.setWordWrap(True)
        self.message = QLabel("")
        self.message.setWordWrap(True)
        self.sign_button = QPushButton(self.tr("签字（Ctrl+回车）"))
        self.correct_button = QPushButton(self.tr("更正"))
        self.photo_button = QPushButton(self.tr("拍考件照片"))
        self.sign_button.clicked.connect(self.start_signing)
        self.correct_button.clicked.connect(lambda: self.start_correction())
        self.photo_button.clicked.connect(self.take_photo)
        QShortcut(QKeySequence("Ctrl+Return"), self, activated=self.start_signing)
        QShortcut(QKeySequence("F6"), self, activated=self.scan.setFocus)
        QShortcut(QKeySequence("F7"), self, activated=self.scan_with_camera)

        right = QWidget()
        rl = QVBoxLayout(right)
        rl.setContentsMargins(0, 0, 0, 0)
        rl.addWidget(self.header)
        rl.addWidget(self.sheet, 1)
        rl.addWidget(self.total)
        buttons = QHBoxLayout()
        buttons.addWidget(self.message, 1)
        for b in (self.photo_button, self.correct_button, self.sign_button):
            buttons.addWidget(b)
        rl.addLayout(buttons)
        split = QSplitter()
        split.addWidget(left)
        split.addWidget(right)
        split.setStretchFactor(0, 0)
        split.setStretchFactor(1, 1)
        split.setSizes([380, 900])
        split.setChildrenCollapsible(False)
        lay = QVBoxLayout(self)
        lay.addWidget(split)
        self._build_sheet()
        self._show(None)
        self._fill_candidates(self.rows)
        on_changes(self, {"scoring"}, lambda _: self.refresh())

    # -- candidate list ----------------------------------------------------------------
    def refresh(self) -> None:
        if pending(self.lane):
            return  # the last save's answer will refresh it
        self._fill_candidates(self.svc.grading.station(self.plan_no))

    def _fill_candidates(self, rows) -> None:
        self.rows = rows
        current = self.ticket
        self.candidates.blockSignals(True)
        self.candidates.setRowCount(len(rows))
        for r, row in enumerate(rows):
            state = row.result or row.status
            status = {"reconciled": self.tr("组长已裁定"), "absent": self.tr("缺考")}.get(state) or \
                self.tr(STATUS_NAMES[row.status])
            if row.status == "draft" and not row.result:
                status += f" {row.scored}/{row.items}"
            cells = [row.ticket_no, row.workstation, row.name or self.tr("（隐藏）"), status, row.conflict]
            for c, v in enumerate(cells):
                it = item(v, data=row.ticket_no)
                it.setBackground(RED if row.conflict else STATE_COLOURS[state])
                self.candidates.setItem(r, c, it)
            self.candidates.item(r, 0).setData(Qt.UserRole + 1, state)
            if row.ticket_no == current:
                self.candidates.selectRow(r)
        self.candidates.blockSignals(False)
        # columns with nothing to say take no room: names hidden by the template, no avoidance
        self.candidates.setColumnHidden(2, not any(row.name for row in rows))
        self.candidates.setColumnHidden(4, not any(row.conflict for row in rows))

    def state_of(self, ticket: str) -> str:
        """The colour state of a candidate in the list (none, draft, signed, reconciled, absent)."""
        for r in range(self.candidates.rowCount()):
            if self.candidates.item(r, 0).text() == ticket:
                return self.candidates.item(r, 0).data(Qt.UserRole + 1)
        raise KeyError(ticket)

    def select_ticket(self, ticket: str) -> None:
        for r in range(self.candidates.rowCount()):
            if self.candidates.item(r, 0).text() == ticket:
                self.candidates.selectRow(r)
                self.candidates.scrollToItem(self.candidates.item(r, 0))
                return
        raise KeyError(ticket)

    def _scanned(self) -> None:
        """The scanner's QR (``ES1|plan|ticket|…``) or a typed ticket number opens that sheet."""
        text = self.scan.text().strip()
        self.scan.clear()
        if not text:
            return
        code = qr_ticket(text)
        plan, ticket = code if code else (self.plan_no, text.upper())
        if plan != self.plan_no:
            self.message.setText(self.tr("这张准考证属于认定计划 {0}，不是本批次（{1}）").format(plan, self.plan_no))
            return
        try:
            self.select_ticket(ticket)
        except KeyError:
            self.message.setText(self.tr("准考证号 {0} 不在您的评分名单中").format(ticket))

    def scan_with_camera(self) -> None:
        """The ticket's QR held up to the station's camera: one still, decoded off the UI thread,
        then the same road as a scanner's code."""
        from app.camera.sources import SourceSpec, snapshot
        from app.formats.qr import decode_jpeg

        source = self.camera_source

        def done(texts):
            codes = [t for t in texts if qr_ticket(t)]
            if not codes:
                self.message.setText(self.tr("画面中没有找到准考证二维码：请把二维码对准摄像头，再按 F7"))
                return
            self.scan.setText(codes[0])
            self._scanned()

        run_task(self, lambda: decode_jpeg(snapshot(SourceSpec.parse(str(source)))), done,
                 lambda exc: self.message.setText(str(exc) if isinstance(exc, DomainError) else
                                                  self.tr("摄像头不可用：{0}").format(exc)),
                 label=self.tr("正在识别二维码…"))

    def _candidate_chosen(self) -> None:
        items = self.candidates.selectedItems()
        if not items:
            return
        self.ticket = items[0].data(Qt.UserRole)
        row = self.candidates.row(items[0])
        self.header.setText(self.tr("准考证号 {0}　工位 {1}").format(self.ticket, self.candidates.item(row, 1).text()))
        self.message.setText("")
        self._show(self.svc.grading.my_sheet(self.plan_no, self.ticket))
        first = self._first_open_row()
        self.sheet.setCurrentCell(first, self.SCORE_COL)
        self.sheet.scrollToItem(self.sheet.item(first, self.SCORE_COL))
        self.sheet.setFocus()

    # -- the sheet -----------------------------------------------------------------------
    def _build_sheet(self) -> None:
        """One band per task (its text once), then its items."""
        self._rows: list[str | None] = []    # table row -> item code (None: a task band)
        self.codes: list[str] = []
        bold = QFont(self.font())
        bold.setBold(True)
        self._loading = True
        last_task = None
        for task, it in self.template.items():
            if task.code != last_task:
                last_task = task.code
                limit = self.tr("，限时 {0} 分钟").format(task.time_limit) if task.time_limit else ""
                place = self.tr("，工位：{0}").format(task.workstation) if task.workstation else ""
                r = self.sheet.rowCount()
                self.sheet.insertRow(r)
                band = item(self.tr("考核项目 {0}　{1}{2}{3}").format(task.code, task.title, limit, place))
                band.setBackground(TASK_ROW)
                band.setFont(bold)
                band.setFlags(Qt.ItemIsEnabled)
                self.sheet.setItem(r, 0, band)
                self.sheet.setSpan(r, 0, 1, self.sheet.columnCount())
                self._rows.append(None)
            r = self.sheet.rowCount()
            self.sheet.insertRow(r)
            self.sheet.setItem(r, 0, item(it.code))
            self.sheet.setItem(r, 1, item(it.title))
            self.sheet.setItem(r, 2, item(self.tr("否决项") if it.is_veto else f"{it.points.normalize():f}"))
            self.sheet.setItem(r, self.CRITERIA_COL, item("；".join(x for x in (it.criteria, it.deductions) if x)))
            score = item("", editable=True, data=it.code)
            score.setTextAlignment(Qt.AlignCenter)
            score.setToolTip(self.tr("填「是」或「否」") if it.is_veto else self.tr("0—{0}，0.5 分为单位").format(it.points))
            self.sheet.setItem(r, self.SCORE_COL, score)
            self._rows.append(it.code)
            self.codes.append(it.code)
        self.sheet.resizeRowsToContents()
        self._loading = False

    def row_of(self, code: str) -> int:
        return self._rows.index(code)

    def _first_open_row(self) -> int:
        for r, code in enumerate(self._rows):
            if code is not None and not self.sheet.item(r, self.SCORE_COL).text():
                return r
        return self._rows.index(self.codes[0])

    def _show(self, view) -> None:
        self._loading = True
        entries = view.entries if view else {}
        signed = bool(view and view.status == "signed")
        for r, code in enumerate(self._rows):
            if code is None:
                continue
            v = entries.get(code)
            it = self.sheet.item(r, self.SCORE_COL)
            it.setText("" if v is None else ("是" if v is True else "否" if v is False else str(v)))
            flags = Qt.ItemIsSelectable | Qt.ItemIsEnabled | (Qt.NoItemFlags if signed else Qt.ItemIsEditable)
            it.setFlags(flags)
            it.setBackground(QColor("white") if v is not None or signed or not self.ticket else YELLOW)
        self._loading = False
        if view is None:
            self.total.setText(self.tr("未开始") if self.ticket else "")
        else:
            state = self.tr("已签字") if signed else self.tr("未签字，尚有 {0} 项未评").format(len(view.missing))
            ver = self.tr("（第 {0} 版）").format(view.version) if view.version > 1 else ""
            self.total.setText(self.tr("合计 {0} 分　{1}{2}").format(view.total, state, ver))
        self.sign_button.setEnabled(bool(view) and not signed)
        self.correct_button.setEnabled(signed)
        self.photo_button.setEnabled(bool(self.ticket))
        self.current_view = view

    def _saved(self, view) -> None:
        """A save came back while the grader may be typing in the next cell: the values as stored
        (「否」 for n) and colours, but never the cell being edited (its editor would lose the keys)."""
        editing = self.sheet.currentRow() if self.sheet.state() == QAbstractItemView.EditingState else -1
        self._loading = True
        for r, code in enumerate(self._rows):
            if code is None or r == editing:
                continue
            v = view.entries.get(code)
            it = self.sheet.item(r, self.SCORE_COL)
            text = "" if v is None else ("是" if v is True else "否" if v is False else str(v))
            if it.text() != text:
                it.setText(text)
            it.setBackground(QColor("white") if v is not None else YELLOW)
        self._loading = False
        state = self.tr("未签字，尚有 {0} 项未评").format(len(view.missing))
        ver = self.tr("（第 {0} 版）").format(view.version) if view.version > 1 else ""
        self.total.setText(self.tr("合计 {0} 分　{1}{2}").format(view.total, state, ver))
        self.sign_button.setEnabled(True)
        self.current_view = view

    def entries(self) -> dict[str, str]:
        out = {}
        for r, code in enumerate(self._rows):
            if code is not None:
                text = self.sheet.item(r, self.SCORE_COL).text().strip()
                if text:
                    out[code] = text
        return out

    def _score_changed(self, it: QTableWidgetItem) -> None:
        if self._loading or it.column() != self.SCORE_COL or not self.ticket:
            return
        ticket, entries, row = self.ticket, self.entries(), it.row()

        def saved(view):
            if ticket != self.ticket:
                return
            self.message.setText("")
            if not pending(self.lane):           # the newest save: what the store holds now
                self._saved(view)
                self.refresh()

        def refused(_exc):
            if ticket == self.ticket:
                self._loading = True
                it.setBackground(RED)
                self._loading = False
                self.sheet.setCurrentItem(it)

        write(self, lambda: self.svc.grading.save_sheet(self.plan_no, ticket, entries), saved, self.message,
              lane=self.lane, on_error=refused)
        nxt = next((r for r in range(row + 1, len(self._rows)) if self._rows[r] is not None), None)
        if nxt is not None:   # after the editor has closed: Enter moves down
            QTimer.singleShot(0, lambda: self.sheet.setCurrentCell(nxt, self.SCORE_COL))

    def refresh_status(self) -> None:
        self.refresh()

    def set_score(self, code: str, text: str) -> None:
        """Type one score into the sheet (what the keyboard does)."""
        self.sheet.item(self.row_of(code), self.SCORE_COL).setText(str(text))

    # -- signing, correction, photos --------------------------------------------------
    def start_signing(self) -> None:
        if not self.ticket or not self.sign_button.isEnabled():
            return
        self.sign_dialog = SignDialog(self, self.svc.ctx.actor.name, self.tr("准考证号 {0} 的评分表").format(self.ticket))
        self.sign_dialog.accepted.connect(self._signed)
        self.sign_dialog.open()

    def _signed(self) -> None:
        password, png = self.sign_dialog.values()
        ticket = self.ticket

        def done(view):
            self.message.setText(self.tr("已签字"))
            if ticket == self.ticket:
                self._show(view)

        write(self, lambda: self.svc.grading.sign_sheet(self.plan_no, ticket, password, png), done, self.message,
              self.tr("正在核验密码并签字…"), lane=self.lane)

    def start_correction(self, reason: str | None = None) -> None:
        if not self.ticket:
            return
        if not reason:
            reason, ok = QInputDialog.getText(self, self.tr("更正评分表"),
                                              self.tr("已签字的评分表不会被改动，更正将另存为新版本。\n更正理由："))
            if not ok:
                return
        ticket = self.ticket
        write(self, lambda: self.svc.grading.start_correction(self.plan_no, ticket, reason),
              lambda view: self._show(view) if ticket == self.ticket else None, self.message, lane=self.lane)

    def take_photo(self) -> None:
        if not self.ticket:
            return
        from app.camera.sources import SourceSpec, snapshot

        ticket, source, what = self.ticket, self.camera_source, self.tr("考件")

        def work():
            return self.svc.photos.add_photo(self.plan_no, ticket, snapshot(SourceSpec.parse(str(source))), what)

        write(self, work, lambda pid: self.message.setText(self.tr("考件照片已保存（{0}）").format(pid)), self.message,
              self.tr("正在拍照…"), on_error=lambda exc: None if isinstance(exc, DomainError)
              else self.message.setText(str(exc)))
