"""检录台: the check-in desk, built for a queue at the door.

Keyboard only.  The scan field always has the focus: a USB scanner types the ticket
QR and Enter; a person may type the ticket number, the ID number or its last six.
Enter on an empty field confirms that the person standing there is the one in the
roster photo; F8 says they are not (人证不符).  F9 asks the room head to let a late
candidate in; Ctrl+Z undoes the last check-in within a minute; F10 records absentees
after the cut-off; Esc clears.  Refusals are red and beep.  Counters per room are
live (refreshed after every action and every few seconds, so other desks count too).
"""

from __future__ import annotations

import os

from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QPixmap, QShortcut
from PySide6.QtWidgets import (QApplication, QComboBox, QDialog, QDialogButtonBox, QFormLayout,
                               QHBoxLayout, QHeaderView, QLabel, QLineEdit, QListWidget, QTableWidget,
                               QVBoxLayout, QWidget)

from app.camera.frames import FrameSource
from app.core import checkin as rules
from app.formats.idreader import FileReader, IdCardReader, KeyboardWedgeReader
from app.services.checkin import CheckinService, Override
from app.ui.checkin.camera import CameraFeed
from app.ui.checkin.desk_camera import DeskCamera, default_frame_source  # noqa: F401 - callers find it here
from app.ui.common.tables import fill_table
from app.ui.common.tasks import on_changes, run_task
from app.ui.common.widgets import confirm, error_text

GREEN, RED, AMBER, GREY = "#1b7f3b", "#b3261e", "#b26a00", "#555555"
COUNT_REFRESH_MS = 5000


class OverrideDialog(QDialog):
    """The room head types their own credential and a reason."""

    def __init__(self, parent: QWidget | None, message: str):
        super().__init__(parent)
        self.setWindowTitle(self.tr("考场负责人同意入场"))
        self.username = QLineEdit()
        self.username.setAccessibleName(self.tr("考场负责人用户名"))
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.Password)
        self.password.setAccessibleName(self.tr("考场负责人密码"))
        self.reason = QLineEdit()
        self.reason.setAccessibleName(self.tr("同意理由"))
        form = QFormLayout(self)
        note = QLabel(message)
        note.setWordWrap(True)
        form.addRow(note)
        form.addRow(self.tr("考场负责人用户名"), self.username)
        form.addRow(self.tr("密码"), self.password)
        form.addRow(self.tr("理由"), self.reason)
        buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel)
        buttons.button(QDialogButtonBox.Ok).setText(self.tr("同意入场"))
        buttons.button(QDialogButtonBox.Cancel).setText(self.tr("取消"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def override(self) -> Override:
        return Override(self.username.text().strip(), self.password.text(), self.reason.text().strip())


def default_id_reader() -> IdCardReader | None:
    """A vendor bridge writing card files into ``EXAMSITE_IDCARD_DIR``, when configured.
    (Readers in keyboard mode need nothing: they type into the scan field.)"""
    folder = os.environ.get("EXAMSITE_IDCARD_DIR")
    return FileReader(folder) if folder else None


class CheckinWorkplace(DeskCamera, QWidget):
    # What happened, for other widgets and for tests.
    candidate_shown = Signal(str)  # ticket_no, photo and details on screen
    choices_shown = Signal(int)
    checked_in = Signal(str, str)  # ticket_no, seat
    refused = Signal(str)  # the message shown
    mismatch_recorded = Signal(str)
    undone = Signal(str)
    counts_updated = Signal()
    sessions_loaded = Signal(int)

    def __init__(self, ctx, parent: QWidget | None = None, frame_source: FrameSource | None = None,
                 id_reader: IdCardReader | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.id_reader = id_reader or default_id_reader()
        self.service = CheckinService(ctx)
        self.frame_source = frame_source
        self.feed: CameraFeed | None = None
        self.current = None  # DeskCandidate on screen
        self.matches: list = []
        self.busy = False
        self.confirm = lambda title, text: confirm(self, title, text)
        self.ask_override = self._ask_override
        self.setStyleSheet("QWidget { font-size: 15pt; }")

        self.session_combo = QComboBox()
        self.session_combo.setAccessibleName(self.tr("场次"))
        self.session_combo.setFocusPolicy(Qt.NoFocus)
        self.cutoff_label = QLabel("")
        self.scan = QLineEdit()
        self.scan.setObjectName("scan")
        self.scan.setAccessibleName(self.tr("扫码或输入"))
        self.scan.setPlaceholderText(self.tr("扫描准考证二维码，或输入准考证号 / 证件号码 / 证件号码后6位，回车"))
        self.scan.setStyleSheet("font-size: 24pt; padding: 6px;")

        self.photo = QLabel(self.tr("名册照片"))
        self.photo.setAccessibleName(self.tr("名册照片"))
        self.live = QLabel(self.tr("现场画面"))
        self.live.setAccessibleName(self.tr("现场画面"))
        for box in (self.photo, self.live):
            box.setFixedSize(300, 360)
            box.setAlignment(Qt.AlignCenter)
            box.setStyleSheet("border: 1px solid #999; background: #f4f4f4; font-size: 12pt;")
        self.name = QLabel("")
        self.name.setStyleSheet("font-size: 40pt; font-weight: bold;")
        self.details = QLabel("")
        self.details.setWordWrap(True)
        self.seat = QLabel("")
        self.seat.setAccessibleName(self.tr("考场与座位"))
        self.seat.setStyleSheet("font-size: 34pt; font-weight: bold;")
        self.banner = QLabel(self.tr("请扫码"))
        self.banner.setAccessibleName(self.tr("提示"))
        self.banner.setWordWrap(True)
        self.banner.setMinimumHeight(70)
        self.choices = QListWidget()
        self.choices.setAccessibleName(self.tr("候选考生"))
        self.choices.setFocusPolicy(Qt.NoFocus)
        self.choices.hide()
        self.counts = QTableWidget(0, 5)
        self.counts.setAccessibleName(self.tr("各考场人数"))
        self.counts.setHorizontalHeaderLabels([self.tr("考场"), self.tr("应到"), self.tr("已检录"), self.tr("缺考"),
                                               self.tr("未到")])
        self.counts.horizontalHeader().setSectionResizeMode(QHeaderView.Stretch)
        self.counts.verticalHeader().hide()
        self.counts.setEditTriggers(QTableWidget.NoEditTriggers)
        self.counts.setFocusPolicy(Qt.NoFocus)
        self.counts.setMaximumHeight(180)
        keys = QLabel(self.tr("回车 确认人证一致 · F8 人证不符 · F9 考场负责人同意入场 · Ctrl+Z 撤销（1分钟内） · "
                              "F10 记缺考 · Esc 清除"))
        keys.setStyleSheet("font-size: 12pt; color: #444;")

        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("场次")))
        top.addWidget(self.session_combo, 1)
        top.addWidget(self.cutoff_label)
        faces = QHBoxLayout()
        faces.addWidget(self.photo)
        faces.addWidget(self.live)
        info = QVBoxLayout()
        info.addWidget(self.name)
        info.addWidget(self.details)
        info.addWidget(self.seat)
        info.addWidget(self.choices)
        info.addStretch(1)
        faces.addLayout(info, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.scan)
        layout.addWidget(self.banner)
        layout.addLayout(faces, 1)
        layout.addWidget(self.counts)
        layout.addWidget(keys)

        self.scan.returnPressed.connect(self._enter)
        self.scan.installEventFilter(self)  # the field's own Ctrl+Z would swallow the desk's undo
        self.session_combo.currentIndexChanged.connect(self._session_changed)
        for key, slot in (("F8", self.mismatch), ("F9", self.override_late), ("Ctrl+Z", self.undo),
                          ("F10", self.mark_absent), ("Escape", self.clear)):
            sc = QShortcut(QKeySequence(key), self)
            sc.setContext(Qt.WidgetWithChildrenShortcut)
            sc.activated.connect(slot)
        self.timer = QTimer(self)
        self.timer.setInterval(COUNT_REFRESH_MS)
        self.timer.timeout.connect(self.refresh_counts)
        self.reader_timer = QTimer(self)
        self.reader_timer.setInterval(300)
        self.reader_timer.timeout.connect(self.poll_reader)
        self._set_banner(self.tr("请扫码"), GREY)
        self.load_sessions()
        on_changes(self, {"checkin"}, lambda _: self.refresh_counts())  # this desk's and other windows' actions

    def eventFilter(self, obj, event):
        if obj is self.scan and event.type() == QEvent.KeyPress and event.matches(QKeySequence.Undo):
            self.undo()
            return True
        return super().eventFilter(obj, event)

    # -- session and camera -------------------------------------------------------
    @property
    def session_id(self) -> int | None:
        return self.session_combo.currentData()

    def load_sessions(self) -> None:
        def done(sessions):
            self.sessions = {s.id: s for s in sessions}
            self.session_combo.blockSignals(True)
            self.session_combo.clear()
            for s in sessions:
                self.session_combo.addItem(s.label, s.id)
            self.session_combo.blockSignals(False)
            if not sessions:
                self._set_banner(self.tr("没有场次：请先由考务人员创建场次（examsite checkin session）"), AMBER)
            self._session_changed()
            self.sessions_loaded.emit(len(sessions))

        run_task(self, self.service.sessions, done, self._failed)

    def _session_changed(self, *_):
        self._show_cutoff(0)
        self.clear()
        self.refresh_counts()

    def showEvent(self, event):
        super().showEvent(event)
        self.scan.setFocus()
        self.timer.start()
        if self.id_reader is not None:
            self.reader_timer.start()
        self.start_camera()

    def hideEvent(self, event):
        super().hideEvent(event)
        self.timer.stop()
        self.reader_timer.stop()
        self.stop_camera()

    # -- showing --------------------------------------------------------------------
    def _set_banner(self, text: str, colour: str) -> None:
        self.banner.setText(text)
        self.banner.setStyleSheet(f"background: {colour}; color: white; font-size: 20pt; padding: 8px;")

    def _refuse(self, text: str) -> None:
        self._set_banner(text, RED)
        QApplication.beep()
        self.refused.emit(text)

    def _failed(self, exc: Exception) -> None:
        self.busy = False
        self._refuse(error_text(exc))
        self.scan.setFocus()

    def clear(self) -> None:
        self.current, self.matches = None, []
        self.scan.clear()
        self.choices.hide()
        self.name.setText("")
        self.details.setText("")
        self.seat.setText("")
        self.photo.setPixmap(QPixmap())
        self.photo.setText(self.tr("名册照片"))
        if self.session_id is not None:
            self._set_banner(self.tr("请扫码"), GREY)
        self.scan.setFocus()

    def _show(self, card) -> None:
        self.current = card
        self.choices.hide()
        self.name.setText(card.name)
        self.details.setText(self.tr("准考证号 {0}　{1}\n{2}\n{3}").format(  # the ID on a line of its own
            card.ticket_no, card.sex, f"{card.id_type_name}\u00a0{card.id_no_masked}", card.unit))
        self.seat.setText(self.tr("{0}　座位 {1}").format(card.room or "—", card.seat or self.tr("未排")))
        pix = QPixmap()
        if card.photo and pix.loadFromData(card.photo):
            self.photo.setPixmap(pix.scaled(self.photo.size(), Qt.KeepAspectRatio, Qt.SmoothTransformation))
        else:
            self.photo.setPixmap(QPixmap())
            self.photo.setText(self.tr("名册中无照片"))
        if card.refusal is not None:
            extra = self.tr("（F9 请考场负责人同意）") if card.refusal.overridable else ""
            self._refuse(card.refusal.message + extra)
            sid = self.session_id
            run_task(self, lambda: self.service.record_refusal(sid, card.ticket_no), lambda _: None,
                     lambda exc: None, changes={"checkin"})  # journaled after the screen is up
        elif self.wedge_name and self.wedge_name != card.name:
            self._set_banner(self.tr("证件姓名「{0}」与名册不符，请仔细核对").format(self.wedge_name), AMBER)
            QApplication.beep()
        else:
            self._set_banner(self.tr("请核对照片与本人：一致按回车，不一致按 F8"), AMBER)
        self.candidate_shown.emit(card.ticket_no)

    # -- actions --------------------------------------------------------------------
    wedge_name = ""

    def _enter(self) -> None:
        text = self.scan.text().strip()
        if self.busy:
            return
        if self.session_id is None:
            self._refuse(self.tr("请先选择场次"))
            return
        if text:
            if self.matches and text.isascii() and text.isdigit() and 1 <= int(text) <= len(self.matches):
                self.scan.clear()
                self._show(self.matches[int(text) - 1])
                return
            self.lookup(text)
        elif self.current is not None:
            self.confirm_identity()

    def poll_reader(self) -> None:
        """An ID card laid on the reader: look the holder up by the chip's ID number."""
        if self.busy or self.session_id is None or self.id_reader is None:
            return
        card = self.id_reader.poll()
        if card is not None:
            self.lookup(card.id_no, card_name=card.name)

    def lookup(self, text: str, card_name: str = "") -> None:
        self.clear()
        self.wedge_name = card_name
        card = KeyboardWedgeReader.parse(text)
        if card is not None:  # an ID-card reader in keyboard mode
            self.wedge_name, text = card.name or card_name, card.id_no
        sid = self.session_id
        self.busy = True

        def done(found):
            self.busy = False
            self.matches = found.matches
            if len(found.matches) == 1:
                self._show(found.matches[0])
            else:
                self.choices.clear()
                for i, m in enumerate(found.matches, 1):
                    self.choices.addItem(f"{i}. {m.name}　{m.ticket_no}　{m.id_no_masked}　{m.room}")
                self.choices.show()
                self._set_banner(self.tr("有 {0} 名考生符合，请输入序号并回车").format(len(found.matches)), AMBER)
                self.choices_shown.emit(len(found.matches))

        run_task(self, lambda: self.service.lookup(sid, text), done, self._failed)

    def confirm_identity(self, override: Override | None = None) -> None:
        card, sid = self.current, self.session_id
        if card is None or self.busy:
            return
        if card.refusal is not None and override is None:
            self._refuse(card.refusal.message)
            return
        photo = self.snapshot()
        self.busy = True

        def done(result):
            self.busy = False
            self.current = None
            self.seat.setText(self.tr("{0}　座位 {1}").format(result.room or "—", result.seat or self.tr("未排")))
            self._set_banner(self.tr("✔ {0} 检录完成：请到 {1} {2} 号座位").format(
                result.name, result.room or "", result.seat or self.tr("（未排座）")), GREEN)
            self.checked_in.emit(result.ticket_no, result.seat)
            self.scan.setFocus()

        run_task(self, lambda: self.service.check_in(sid, card.ticket_no, photo=photo, override=override),
                 done, self._failed, label=self.tr("正在核验考场负责人…") if override else "", changes={"checkin"})

    def mismatch(self) -> None:
        card, sid = self.current, self.session_id
        if card is None or self.busy:
            return
        photo = self.snapshot()  # the person as they stand now, before the question
        if not self.confirm(self.tr("人证不符"), self.tr("确认此人与名册照片不是同一人？将记录疑似冒名顶替，"
                                                         "并报考场负责人处理。")):
            self.scan.setFocus()
            return
        self.busy = True

        def done(_incident_id):
            self.busy = False
            self.current = None
            self._set_banner(self.tr("✖ 人证不符：已记录（疑似冒名顶替），请留住该人员并通知考场负责人"), RED)
            QApplication.beep()
            self.mismatch_recorded.emit(card.ticket_no)
            self.scan.setFocus()

        run_task(self, lambda: self.service.report_mismatch(sid, card.ticket_no, photo=photo), done, self._failed,
                 changes={"checkin"})

    def _ask_override(self, message: str) -> Override | None:
        dialog = OverrideDialog(self, message)
        return dialog.override() if dialog.exec() == QDialog.Accepted else None

    def override_late(self) -> None:
        card = self.current
        if card is None or card.refusal is None or not card.refusal.overridable:
            return
        override = self.ask_override(card.refusal.message)
        self.scan.setFocus()
        if override is not None:
            self.confirm_identity(override)

    def undo(self) -> None:
        if self.busy or not self.confirm(self.tr("撤销检录"), self.tr("撤销您刚才的一次检录吗？（仅限1分钟内）")):
            self.scan.setFocus()
            return
        self.busy = True

        def done(result):
            self.busy = False
            self._set_banner(self.tr("已撤销 {0}（{1}）的检录").format(result.name, result.ticket_no), AMBER)
            self.undone.emit(result.ticket_no)
            self.scan.setFocus()

        run_task(self, self.service.undo_last, done, self._failed, changes={"checkin"})

    def mark_absent(self) -> None:
        sid = self.session_id
        if sid is None or self.busy or not self.confirm(
                self.tr("记缺考"), self.tr("将本场次所有未检录的考生记为缺考吗？此后入场须考场负责人同意。")):
            self.scan.setFocus()
            return

        def done(tickets):
            self._set_banner(self.tr("已记缺考 {0} 名").format(len(tickets)), AMBER)

        run_task(self, lambda: self.service.mark_absent(sid), done, self._failed, changes={"checkin"})

    def refresh_counts(self) -> None:
        sid = self.session_id
        if sid is None:
            return

        def done(rows):
            self.room_counts = rows
            fill_table(self.counts, [[r.room, r.expected, r.present, r.absent, r.waiting] for r in rows])
            for i in range(len(rows)):
                for j in range(self.counts.columnCount()):
                    self.counts.item(i, j).setTextAlignment(Qt.AlignCenter)
            self._show_cutoff(sum(r.waiting for r in rows))
            self.counts_updated.emit()

        run_task(self, lambda: self.service.counts(sid), done, lambda exc: None)

    def _show_cutoff(self, waiting: int) -> None:
        """Once the cut-off has passed with people still missing, say so: F10 records them absent."""
        s = getattr(self, "sessions", {}).get(self.session_id)
        if s is None:
            self.cutoff_label.setText("")
            return
        day, today = rules.local(s.starts_at).date(), rules.local(self.ctx.now()).date()
        if day != today:  # a session of another day chosen by mistake: say so before anyone is checked in
            self.cutoff_label.setText(self.tr("注意：本场次在{0}，不是今天（{1}）").format(
                f"{day:%m月%d日}", f"{today:%m月%d日}"))
            self.cutoff_label.setStyleSheet(f"color: {RED}; font-weight: bold;")
            return
        if waiting and self.ctx.now() > s.cutoff:
            self.cutoff_label.setText(self.tr("已过入场截止时间 {0}，尚有 {1} 人未到：按 F10 记缺考").format(
                f"{rules.local(s.cutoff):%H:%M}", waiting))
            self.cutoff_label.setStyleSheet(f"color: {RED}; font-weight: bold;")
        else:
            self.cutoff_label.setText(self.tr("开考 {0}，{1} 起不得入场").format(
                f"{rules.local(s.starts_at):%H:%M}", f"{rules.local(s.cutoff):%H:%M}"))
            self.cutoff_label.setStyleSheet("")
