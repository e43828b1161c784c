"""The candidate's exam window (机考 kiosk).

Full screen; the candidate cannot close it (only a submitted paper or a proctor can);
losing focus is recorded.  Every answer goes to the engine on one serial worker
thread (a ``run_task`` lane), and the window shows a question as answered only when the engine has
returned, i.e. after the durable commit.
"""

from __future__ import annotations

from typing import Any, Callable

from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtGui import QFont, QKeySequence, QShortcut
from PySide6.QtWidgets import (QAbstractButton, QButtonGroup, QCheckBox, QFormLayout, QGridLayout, QHBoxLayout,
                               QLabel, QLineEdit, QPushButton, QRadioButton, QScrollArea, QStackedWidget,
                               QVBoxLayout, QWidget)

from shiboken6 import isValid

from app.core.exam import timing
from app.ui.common.tasks import drain, pending, run_task

TYPE_NAMES = {"true_false": "判断题", "single": "单选题", "multiple": "多选题"}


class SerialWorker:
    """The kiosk's engine calls, one after another in order, off the UI thread: a lane of
    ``run_task`` (the one road for slow work in the UI)."""

    def __init__(self, owner: QWidget):
        self.owner = owner
        self.lane = f"kiosk-{id(owner):x}"

    def submit(self, fn: Callable[[], Any], on_done: Callable[[Any], None],
               on_error: Callable[[Exception], None], changes=("sittings",)) -> None:
        run_task(self.owner, fn, on_done, on_error, lane=self.lane, changes=changes)

    @property
    def pending(self) -> int:
        return pending(self.lane)

    def wait(self, ms: int = 10000) -> bool:
        return drain(self.lane, ms)


class ExamPages:
    """考试机的页面, mixed into ExamWindow: building the login, exam, held, confirm, result and release pages and the keys."""

    def _build_login(self):
        page = QWidget()
        form = QFormLayout()
        self.ticket = QLineEdit()
        self.ticket.setPlaceholderText(self.tr("准考证号"))
        self.factor = QLineEdit()
        self.factor.setEchoMode(QLineEdit.Password)
        self.factor.setPlaceholderText(self.tr("身份证号后6位，或监考人员提供的验证码"))
        form.addRow(self.tr("准考证号："), self.ticket)
        form.addRow(self.tr("验证信息："), self.factor)
        self.login_btn = QPushButton(self.tr("登录考试"))
        self.login_btn.setDefault(True)
        self.login_btn.clicked.connect(self._login)
        self.factor.returnPressed.connect(self._login)
        self.login_msg = QLabel()
        self.login_msg.setStyleSheet("color:#b00020")
        v = QVBoxLayout(page)
        title = QLabel(self.tr("职业技能等级认定 理论知识考试"))
        title.setAlignment(Qt.AlignCenter)
        title.setStyleSheet("font-size:24pt;font-weight:bold")
        v.addStretch(1)
        v.addWidget(title)
        v.addLayout(form)
        v.addWidget(self.login_btn)
        v.addWidget(self.login_msg)
        v.addStretch(2)
        self.stack.addWidget(page)
        self.login_page = page

    def _build_exam(self):
        page = QWidget()
        top = QHBoxLayout()
        self.who = QLabel()
        self.clock = QLabel()
        self.clock.setStyleSheet("font-size:18pt;font-weight:bold")
        self.warning = QLabel()
        self.warning.setStyleSheet("color:#b00020;font-weight:bold")
        self.smaller = QPushButton(self.tr("字号 -"))
        self.larger = QPushButton(self.tr("字号 +"))
        self.smaller.clicked.connect(lambda: self._font(-2))
        self.larger.clicked.connect(lambda: self._font(+2))
        self.submit_btn = QPushButton(self.tr("交卷"))
        self.submit_btn.clicked.connect(self._ask_submit)
        for w in (self.who, self.warning):
            top.addWidget(w)
        top.addStretch(1)
        for w in (self.clock, self.smaller, self.larger, self.submit_btn):
            top.addWidget(w)
        self.nav = QGridLayout()
        self.nav_buttons: dict[int, QPushButton] = {}
        navw = QWidget()
        navw.setLayout(self.nav)
        scroll = QScrollArea()
        scroll.setWidget(navw)
        scroll.setWidgetResizable(True)
        scroll.setFixedWidth(260)
        legend = QLabel(self.tr("绿：已答　橙：标记　白：未答"))
        left = QVBoxLayout()
        left.addWidget(scroll)
        left.addWidget(legend)
        self.qtitle = QLabel()
        self.stem = QLabel()
        self.stem.setWordWrap(True)
        self.stem.setTextInteractionFlags(Qt.NoTextInteraction)
        self.image = QLabel()
        self.options_box = QVBoxLayout()
        self.flag_box = QCheckBox(self.tr("标记本题（稍后检查）"))
        self.flag_box.toggled.connect(self._flag)
        self.saved = QLabel()
        self.prev_btn = QPushButton(self.tr("上一题"))
        self.next_btn = QPushButton(self.tr("下一题"))
        self.prev_btn.clicked.connect(lambda: self.show_question(self.current - 1))
        self.next_btn.clicked.connect(lambda: self.show_question(self.current + 1))
        center = QVBoxLayout()
        center.addWidget(self.qtitle)
        center.addWidget(self.stem)
        center.addWidget(self.image)
        center.addLayout(self.options_box)
        center.addStretch(1)
        center.addWidget(self.flag_box)
        bottom = QHBoxLayout()
        bottom.addWidget(self.prev_btn)
        bottom.addWidget(self.saved)
        bottom.addStretch(1)
        bottom.addWidget(self.next_btn)
        center.addLayout(bottom)
        body = QHBoxLayout()
        body.addLayout(left)
        body.addLayout(center, 1)
        self.paused_banner = QLabel(self.tr("考试已暂停，计时已停止。请留在座位上，等待监考老师通知继续。"))
        self.paused_banner.setObjectName("paused_banner")
        self.paused_banner.setAlignment(Qt.AlignCenter)
        self.paused_banner.setWordWrap(True)
        self.paused_banner.setStyleSheet("background:#fff3cd;color:#7a4b00;border:3px solid #e0a800;"
                                         "font-size:20pt;font-weight:bold;padding:12px")
        self.paused_banner.hide()
        v = QVBoxLayout(page)
        v.addLayout(top)
        v.addWidget(self.paused_banner)
        v.addLayout(body, 1)
        self.group = QButtonGroup(self)
        self.option_widgets: list[QAbstractButton] = []
        self.stack.addWidget(page)
        self.exam_page = page

    def _build_held(self):
        page = QWidget()
        v = QVBoxLayout(page)
        self.held_msg = QLabel()
        self.held_msg.setWordWrap(True)
        self.proctor_user = QLineEdit()
        self.proctor_user.setPlaceholderText(self.tr("监考人员用户名"))
        self.proctor_pw = QLineEdit()
        self.proctor_pw.setEchoMode(QLineEdit.Password)
        self.proctor_pw.setPlaceholderText(self.tr("监考人员密码"))
        self.authorise_btn = QPushButton(self.tr("监考人员授权继续考试"))
        self.authorise_btn.clicked.connect(self._authorise)
        for w in (self.held_msg, self.proctor_user, self.proctor_pw, self.authorise_btn):
            v.addWidget(w)
        v.addStretch(1)
        self.stack.addWidget(page)
        self.held_page = page

    def _build_confirm(self):
        page = QWidget()
        v = QVBoxLayout(page)
        self.confirm_msg = QLabel()
        self.confirm_msg.setWordWrap(True)
        self.confirm_msg.setStyleSheet("font-size:16pt")
        self.back_btn = QPushButton(self.tr("返回继续作答"))
        self.confirm_btn = QPushButton(self.tr("确认交卷"))
        self.back_btn.clicked.connect(lambda: self.stack.setCurrentWidget(self.exam_page))
        self.confirm_btn.clicked.connect(self._submit)
        v.addWidget(self.confirm_msg)
        h = QHBoxLayout()
        h.addWidget(self.back_btn)
        h.addWidget(self.confirm_btn)
        v.addLayout(h)
        v.addStretch(1)
        self.stack.addWidget(page)
        self.confirm_page = page

    def _build_result(self):
        page = QWidget()
        v = QVBoxLayout(page)
        self.result_msg = QLabel()
        self.result_msg.setAlignment(Qt.AlignCenter)
        self.result_msg.setStyleSheet("font-size:22pt")
        v.addStretch(1)
        v.addWidget(self.result_msg)
        v.addStretch(2)
        self.stack.addWidget(page)
        self.result_page = page

    def _build_release(self):
        page = QWidget()
        v = QVBoxLayout(page)
        self.release_msg = QLabel(self.tr("监考人员关闭考试窗口（考生的作答与用时均已保存，可再次登录继续）"))
        self.release_msg.setWordWrap(True)
        self.release_user = QLineEdit()
        self.release_user.setPlaceholderText(self.tr("监考人员用户名"))
        self.release_pw = QLineEdit()
        self.release_pw.setEchoMode(QLineEdit.Password)
        self.release_pw.setPlaceholderText(self.tr("监考人员密码"))
        self.release_btn = QPushButton(self.tr("关闭考试窗口"))
        self.release_back = QPushButton(self.tr("返回"))
        self.release_btn.clicked.connect(self._release)
        self.release_back.clicked.connect(lambda: self.stack.setCurrentWidget(self._before_release))
        for w in (self.release_msg, self.release_user, self.release_pw, self.release_btn, self.release_back):
            v.addWidget(w)
        v.addStretch(1)
        self.stack.addWidget(page)
        self.release_page = page
        self._before_release = self.login_page

    def _keys(self):
        QShortcut(QKeySequence("Ctrl+Shift+F12"), self, activated=self.ask_release)
        for seq, fn in ((QKeySequence(Qt.Key_PageDown), lambda: self.show_question(self.current + 1)),
                        (QKeySequence(Qt.Key_PageUp), lambda: self.show_question(self.current - 1))):
            QShortcut(seq, self, activated=fn)
        for i, letter in enumerate("ABCDEFGH"):
            QShortcut(QKeySequence(letter), self, activated=lambda i=i: self._key_option(i))


class ExamWindow(ExamPages, QWidget):
    """``terminal`` is an ``ExamTerminal`` opened by the staff member who set up this
    terminal; ``plan_no`` the batch being examined."""

    submitted = Signal(object)

    def __init__(self, terminal, plan_no: str, parent=None, tick_ms: int = 1000):
        super().__init__(parent)
        self.terminal, self.plan_no = terminal, plan_no
        self.sit = None
        self.current = 1
        self.font_pt = 14
        self.warned: frozenset[int] = frozenset()
        self.may_close = False
        self.focus_losses = 0
        self.worker = SerialWorker(self)
        self.setWindowTitle(self.tr("理论知识考试"))
        self.setWindowFlag(Qt.WindowStaysOnTopHint, True)
        self.stack = QStackedWidget()
        lay = QVBoxLayout(self)
        lay.addWidget(self.stack)
        self._build_login()
        self._build_exam()
        self._build_held()
        self._build_confirm()
        self._build_result()
        self._build_release()
        self.timer = QTimer(self)
        self.timer.setInterval(tick_ms)
        self.timer.timeout.connect(self._tick)
        self._keys()

    # -- the proctor's way out -----------------------------------------------------
    def ask_release(self):
        """Ctrl+Shift+F12: the proctor's way out of the kiosk."""
        if self.stack.currentWidget() is not self.release_page:
            self._before_release = self.stack.currentWidget()
        self.stack.setCurrentWidget(self.release_page)
        self.release_user.setFocus()

    def _release(self):
        user, pw = self.release_user.text().strip(), self.release_pw.text()
        self.release_pw.clear()
        self.worker.submit(lambda: self.terminal.release_kiosk(self.sit, user, pw), lambda _: self.proctor_close(),
                           lambda e: self.release_msg.setText(str(e)))

    # -- login and resume ---------------------------------------------------------
    def _login(self):
        ticket, factor = self.ticket.text().strip(), self.factor.text().strip()
        if not ticket or not factor:
            self.login_msg.setText(self.tr("请输入准考证号和验证信息"))
            return
        self.login_btn.setEnabled(False)
        self.login_msg.setText(self.tr("正在登录…"))
        self.worker.submit(lambda: self.terminal.login(self.plan_no, ticket, factor), self._logged_in,
                           self._login_failed)

    def _login_failed(self, exc):
        self.login_btn.setEnabled(True)
        self.factor.clear()
        self.login_msg.setText(str(exc))

    def _logged_in(self, sit):
        self.sit = sit
        self.factor.clear()
        self.who.setText(self.tr("考生：{0}　准考证号：{1}").format(sit.name, sit.ticket_no))
        self._build_navigator()
        if sit.status == "submitted":
            self._show_result(sit.result)
            return
        if sit.needs_proctor:
            self._show_held()
            return
        self._start()

    def _start(self):
        self.stack.setCurrentWidget(self.exam_page)
        self.show_question(self.current)
        self._show_clock()
        self.timer.start()

    def _show_held(self):
        minutes = self.sit.gap_ms // 60000
        self.held_msg.setText(self.tr("本终端中断约 {0} 分钟，超过规定时限。已用时间已保存，中断期间不计时。"
                                      "请举手示意，由监考人员授权后继续考试。").format(minutes))
        self.stack.setCurrentWidget(self.held_page)

    def _authorise(self):
        user, pw = self.proctor_user.text().strip(), self.proctor_pw.text()
        self.proctor_pw.clear()
        self.worker.submit(lambda: self.terminal.authorise_resume(self.sit, user, pw),
                           lambda _: self._start(), lambda e: self.held_msg.setText(str(e)))

    # -- navigator and question ---------------------------------------------------
    def _build_navigator(self):
        for b in self.nav_buttons.values():
            b.deleteLater()
        self.nav_buttons.clear()
        for i, q in enumerate(self.sit.questions):
            b = QPushButton(str(q.qno))
            b.setFixedSize(40, 32)
            b.setToolTip(TYPE_NAMES.get(q.qtype, ""))
            b.clicked.connect(lambda _=False, n=q.qno: self.show_question(n))
            self.nav.addWidget(b, i // 5, i % 5)
            self.nav_buttons[q.qno] = b
        self._paint_navigator()

    def state_of(self, qno: int) -> str:
        if qno in self.sit.flags:
            return "flagged"
        return "answered" if self.sit.answers.get(qno) else "unanswered"

    def _paint_navigator(self):
        colors = {"answered": "#8bd48b", "flagged": "#ffb347", "unanswered": "#ffffff"}
        for qno, b in self.nav_buttons.items():
            border = "3px solid #1a56db" if qno == self.current else "1px solid #888"
            b.setStyleSheet(f"background:{colors[self.state_of(qno)]};border:{border}")
            b.setProperty("state", self.state_of(qno))

    def show_question(self, qno: int):
        if self.sit is None or not 1 <= qno <= len(self.sit.questions):
            return
        self.current = qno
        q = self.sit.questions[qno - 1]
        self.qtitle.setText(self.tr("第 {0} 题（{1}，{2} 分）").format(qno, TYPE_NAMES.get(q.qtype, ""), q.points))
        self.stem.setText(q.stem)
        if q.image:
            from PySide6.QtGui import QPixmap

            pm = QPixmap()
            pm.loadFromData(q.image)
            self.image.setPixmap(pm)
        else:
            self.image.clear()
        for w in self.option_widgets:
            self.group.removeButton(w)
            w.deleteLater()
        self.option_widgets = []
        multiple = q.qtype == "multiple"
        self.group.setExclusive(not multiple)
        chosen = self.sit.answers.get(qno, "")
        for label, text in q.options:
            w = QCheckBox(f"{label}. {text}") if multiple else QRadioButton(f"{label}. {text}")
            w.setProperty("label", label)
            w.setChecked(label in chosen)
            w.toggled.connect(self._choice_changed)
            self.group.addButton(w)
            self.options_box.addWidget(w)
            self.option_widgets.append(w)
        self.flag_box.blockSignals(True)
        self.flag_box.setChecked(qno in self.sit.flags)
        self.flag_box.blockSignals(False)
        self.prev_btn.setEnabled(qno > 1)
        self.next_btn.setEnabled(qno < len(self.sit.questions))
        self.saved.setText(self.tr("已保存") if chosen else "")
        self._apply_font()
        self._paint_navigator()

    def _key_option(self, i: int):
        if self.stack.currentWidget() is self.exam_page and i < len(self.option_widgets):
            self.option_widgets[i].click()

    def _choice_changed(self, checked: bool):
        if self.sit is None or self.sit.status != "running":
            return
        q = self.current
        if not checked and self.group.exclusive():
            return  # the radio button switched off by its sibling; the sibling saves
        labels = "".join(w.property("label") for w in self.option_widgets if w.isChecked())
        self.saved.setText(self.tr("正在保存…"))
        self.worker.submit(lambda: self.terminal.answer(self.sit, q, labels), lambda _: self._saved(q),
                           self._save_failed)

    def _saved(self, qno: int):
        if qno == self.current:
            self.saved.setText(self.tr("已保存"))
        self._paint_navigator()

    def _save_failed(self, exc):
        self.saved.setText(self.tr("未保存：{0}").format(exc))
        if self.sit.status == "submitted":
            self._show_result(self.sit.result)

    def _flag(self, on: bool):
        q = self.current
        self.worker.submit(lambda: self.terminal.flag(self.sit, q, on), lambda _: self._paint_navigator(),
                           self._save_failed)

    def _font(self, step: int):
        self.font_pt = max(10, min(32, self.font_pt + step))
        self._apply_font()

    def _apply_font(self):
        f = QFont(self.font())
        f.setPointSize(self.font_pt)
        for w in [self.stem, *self.option_widgets]:
            w.setFont(f)

    # -- time ---------------------------------------------------------------------
    def _tick(self):
        # a paused sitting keeps ticking: the tick is how the window learns the master resumed
        if self.sit is None or self.sit.status not in ("running", "paused") or self.worker.pending > 2:
            return
        self.worker.submit(lambda: self.terminal.tick(self.sit), lambda _: self._after_tick(), self._save_failed)

    def _after_tick(self):
        if not isValid(self) or not isValid(self.paused_banner):  # a tick that lands after the window closed
            return
        self._show_clock()
        if self.sit.status == "submitted":
            self._show_result(self.sit.result)

    def _show_clock(self):
        ms = self.sit.remaining_ms
        self.paused_banner.setVisible(self.sit.status == "paused")
        self.clock.setText(self.tr("剩余 {0:02d}:{1:02d}:{2:02d}").format(ms // 3_600_000, ms // 60_000 % 60,
                                                                       ms // 1000 % 60))
        for m in timing.warnings_due(ms, self.warned):
            self.warned = self.warned | {m}
            self.warning.setText(self.tr("距考试结束还有 {0} 分钟，请抓紧时间作答并检查").format(m))

    # -- submit ---------------------------------------------------------------------
    def _ask_submit(self):
        unanswered = self.sit.unanswered
        flagged = sorted(self.sit.flags)
        lines = [self.tr("确认交卷吗？交卷后不能再修改答案。")]
        if unanswered:
            lines.append(self.tr("还有 {0} 题未作答：第 {1} 题").format(len(unanswered), "、".join(map(str, unanswered))))
        else:
            lines.append(self.tr("全部题目均已作答。"))
        if flagged:
            lines.append(self.tr("已标记待查：第 {0} 题").format("、".join(map(str, flagged))))
        self.confirm_msg.setText("\n".join(lines))
        self.stack.setCurrentWidget(self.confirm_page)
        self.back_btn.setFocus()

    def _submit(self):
        self.confirm_btn.setEnabled(False)
        self.worker.submit(lambda: self.terminal.submit(self.sit), self._show_result, self._save_failed)

    def _show_result(self, result):
        self.timer.stop()
        self.may_close = True
        verdict = self.tr("合格") if result["passed"] else self.tr("不合格")
        self.result_msg.setText(self.tr("试卷已提交。\n成绩：{0} 分（满分 {1}，合格线 {2}）\n{3}")
                                .format(result["total"], result["max"], result["pass_mark"], verdict))
        self.stack.setCurrentWidget(self.result_page)
        self.submitted.emit(result)

    # -- kiosk ------------------------------------------------------------------------
    def closeEvent(self, event):
        if self.may_close:
            self.worker.wait()
            event.accept()
        else:
            event.ignore()

    def proctor_close(self):
        """Called once a proctor has been verified (``release_kiosk``)."""
        self.timer.stop()
        self.may_close = True
        self.close()

    def keyPressEvent(self, event):
        if event.key() == Qt.Key_Escape:
            return
        super().keyPressEvent(event)

    def changeEvent(self, event):
        if event.type() == QEvent.ActivationChange and not self.isActiveWindow():
            self.record_focus_loss()
        super().changeEvent(event)

    def record_focus_loss(self, what: str = "window"):
        if self.sit is not None and self.sit.status == "running":
            self.focus_losses += 1
            self.worker.submit(lambda: self.terminal.focus_lost(self.sit, what), lambda _: None, lambda _: None)
