"""The main window: one workplace per role, a status bar naming site, batch, user and role."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QLabel, QListWidget, QListWidgetItem, QMainWindow, QSplitter, QStackedWidget

from app.core.roles import ROLE_NAMES, WORKPLACES, Role, workplaces_for
from app.ui import workplaces
from app.ui.common.widgets import Placeholder, confirm, tr


class MainWindow(QMainWindow):
    logged_out = Signal()

    def __init__(self, handle, ctx, parent=None):
        super().__init__(parent)
        self.handle, self.ctx = handle, ctx
        summary = handle.summary()
        site_name = summary.institution.name if summary.institution else str(handle.site_dir)
        self.setWindowTitle(self.tr("ExamSite — {0}").format(site_name))
        self.nav = QListWidget()
        self.nav.setAccessibleName(self.tr("工作台列表"))
        self.nav.setMaximumWidth(240)
        self.nav.setStyleSheet("QListWidget { font-size: 13pt; } QListWidget::item { padding: 6px; }")
        self.stack = QStackedWidget()
        self.pages: dict[str, object] = {}
        role = Role(ctx.actor.role)
        for i, key in enumerate(workplaces_for(role)):
            title, _, issue = WORKPLACES[key]
            item = QListWidgetItem(tr(title))
            item.setData(Qt.UserRole, key)
            self.nav.addItem(item)
            self.stack.addWidget(self._make(key, title, issue))
            if i < 9:
                act = QAction(self)
                act.setShortcut(QKeySequence(f"Ctrl+{i + 1}"))
                act.triggered.connect(lambda _=False, row=i: self.nav.setCurrentRow(row))
                self.addAction(act)
        self.nav.currentRowChanged.connect(self.stack.setCurrentIndex)
        self.nav.setCurrentRow(0)
        split = QSplitter()
        split.addWidget(self.nav)
        split.addWidget(self.stack)
        split.setStretchFactor(1, 1)
        self.setCentralWidget(split)

        batch = "、".join(p for p, _ in summary.batches) or self.tr("（尚无认定批次）")
        parts = [self.tr("站点：{0}").format(site_name), self.tr("批次：{0}").format(batch),
                 self.tr("用户：{0}（{1}）").format(ctx.actor.name, ctx.actor.username),
                 self.tr("角色：{0}").format(tr(ROLE_NAMES[role]))]
        self.status_labels = []
        for text in parts:
            label = QLabel(text)
            label.setAccessibleName(text)
            self.statusBar().addPermanentWidget(label)
            self.status_labels.append(label)
        logout = QAction(self.tr("退出登录"), self)
        logout.setShortcut(QKeySequence("Ctrl+Shift+Q"))
        logout.triggered.connect(self.logout)
        self.menuBar().addMenu(self.tr("账户")).addAction(logout)
        self.resize(1200, 760)

    def _make(self, key: str, title: str, issue: int | None):
        factory = workplaces.factory(key)
        widget = factory(self.ctx, self) if factory else Placeholder(tr(title), issue)
        widget.setObjectName(f"workplace_{key}")
        self.pages[key] = widget
        return widget

    def status_text(self) -> str:
        return " | ".join(label.text() for label in self.status_labels)

    def logout(self) -> None:
        if confirm(self, self.tr("退出登录"), self.tr("确定退出登录吗？")):
            self._leave()

    def _leave(self) -> None:
        self.close()
        self.logged_out.emit()
