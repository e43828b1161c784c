"""The main window: one workplace per role, a status bar naming site, batch, user and role."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QLabel, QListWidget, QListWidgetItem, QMainWindow, QSplitter, QStackedWidget

from app.core.roles import ROLE_NAMES, Role
from app.ui import workplaces
from app.ui.common.widgets import confirm, tr


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
        self.nav.setStyleSheet("QListWidget::item { padding: 6px; }")  # size follows the font scale
        self.stack = QStackedWidget()
        self.pages: dict[str, object] = {}
        role = Role(ctx.actor.role)
        for i, key in enumerate(workplaces.workplaces_for(role)):
            item = QListWidgetItem(tr(workplaces.WORKPLACES[key].title))
            item.setData(Qt.UserRole, key)
            self.nav.addItem(item)
            self.stack.addWidget(self._make(key))
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
        view = self.menuBar().addMenu(self.tr("显示"))
        for text, keys, step in ((self.tr("放大字体"), "Ctrl++", 1), (self.tr("缩小字体"), "Ctrl+-", -1),
                                 (self.tr("恢复字体大小"), "Ctrl+0", 0)):
            act = QAction(text, self)
            act.setShortcut(QKeySequence(keys))
            act.triggered.connect(lambda _=False, s=step: self.change_scale(s))
            view.addAction(act)
            self.addAction(act)
        self.contrast_action = QAction(self.tr("高对比度"), self, checkable=True)
        self.contrast_action.setShortcut(QKeySequence("Ctrl+Shift+H"))
        self.contrast_action.toggled.connect(self.set_high_contrast)
        view.addAction(self.contrast_action)
        self.addAction(self.contrast_action)
        self.resize(1200, 760)

    def _make(self, key: str):
        widget = workplaces.factory(key)(self.ctx, self)
        widget.setObjectName(f"workplace_{key}")
        self.pages[key] = widget
        return widget

    def show_workplace(self, key: str) -> bool:
        """Open the workplace ``key`` (the home page's one click); False if this role has none."""
        for row in range(self.nav.count()):
            if self.nav.item(row).data(Qt.UserRole) == key:
                self.nav.setCurrentRow(row)
                return True
        return False

    def change_scale(self, step: int) -> None:
        """Ctrl+ / Ctrl- / Ctrl+0: the font size of every window, remembered for next time."""
        from PySide6.QtCore import QSettings
        from PySide6.QtWidgets import QApplication

        from app.ui.common.display import SCALES, apply_display

        app = QApplication.instance()
        current = float(app.property("examsite_scale") or 1.0)
        i = min(range(len(SCALES)), key=lambda k: abs(SCALES[k] - current))
        scale = 1.0 if step == 0 else SCALES[max(0, min(len(SCALES) - 1, i + step))]
        apply_display(app, scale, bool(app.property("examsite_high_contrast")))
        QSettings().setValue("display/scale", scale)

    def set_high_contrast(self, on: bool) -> None:
        from PySide6.QtCore import QSettings
        from PySide6.QtWidgets import QApplication

        from app.ui.common.display import apply_display

        app = QApplication.instance()
        apply_display(app, float(app.property("examsite_scale") or 1.0), on)
        QSettings().setValue("display/high_contrast", on)

    def status_text(self) -> str:
        return " | ".join(label.text() for label in self.status_labels)

    def logout(self) -> None:
        if confirm(self, self.tr("退出登录"), self.tr("确定退出登录吗？")):
            self._leave()

    def _leave(self) -> None:
        self.close()
        self.logged_out.emit()
