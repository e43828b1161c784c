"""The login window: open the site with its passphrase, then log in as a person in a role."""

from __future__ import annotations

from PySide6.QtCore import QSettings, Qt, Signal
from PySide6.QtWidgets import (QComboBox, QFormLayout, QLabel, QLineEdit,
                               QPushButton, QStackedWidget, QVBoxLayout, QWidget)

from app import __version__
from app.core.roles import ROLE_NAMES, Role
from app.services.site import open_site
from app.ui.common.tasks import run_task, screen_built
from app.ui.common.widgets import PathField, error_text, tr


class LoginWindow(QWidget):
    logged_in = Signal(object)  # ServiceContext

    def __init__(self, site_dir: str | None = None, passphrase: str | None = None, parent=None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("ExamSite 考点管理系统 — 登录"))
        self.setObjectName("LoginWindow")
        self.handle = None
        self.main_window = None
        settings = QSettings()
        site_dir = site_dir or settings.value("last_site", "")

        title = QLabel(self.tr("职业技能等级认定 考点管理系统"))
        title.setStyleSheet("font-size: 18pt; font-weight: bold;")
        title.setAlignment(Qt.AlignCenter)
        self.message = QLabel("")
        self.message.setWordWrap(True)
        self.message.setObjectName("message")
        self.message.setStyleSheet("color: #b00020;")
        self.message.setAccessibleName(self.tr("提示信息"))

        self.pages = QStackedWidget()
        # step 1: the site
        site_page = QWidget()
        form = QFormLayout(site_page)
        site_field = PathField(self.tr("站点目录"), self.tr("选择…"), self.tr("选择站点目录"), text=site_dir)
        self.site_edit = site_field.edit
        form.addRow(self.tr("站点目录"), site_field)
        self.passphrase_edit = QLineEdit()
        self.passphrase_edit.setEchoMode(QLineEdit.Password)
        self.passphrase_edit.setAccessibleName(self.tr("站点口令"))
        form.addRow(self.tr("站点口令"), self.passphrase_edit)
        self.open_button = QPushButton(self.tr("打开站点"))
        self.open_button.setDefault(True)
        self.open_button.clicked.connect(self.open_site)
        self.passphrase_edit.returnPressed.connect(self.open_site)
        form.addRow("", self.open_button)
        self.pages.addWidget(site_page)
        # step 2: the person
        user_page = QWidget()
        form2 = QFormLayout(user_page)
        self.site_label = QLabel("")
        form2.addRow(self.tr("站点"), self.site_label)
        self.user_edit = QLineEdit()
        self.user_edit.setAccessibleName(self.tr("用户名"))
        form2.addRow(self.tr("用户名"), self.user_edit)
        self.password_edit = QLineEdit()
        self.password_edit.setEchoMode(QLineEdit.Password)
        self.password_edit.setAccessibleName(self.tr("密码"))
        form2.addRow(self.tr("密码"), self.password_edit)
        self.role_combo = QComboBox()
        self.role_combo.setAccessibleName(self.tr("登录角色"))
        self._fill_roles()
        form2.addRow(self.tr("角色"), self.role_combo)
        self.login_button = QPushButton(self.tr("登录"))
        self.login_button.clicked.connect(self.login)
        self.password_edit.returnPressed.connect(self.login)
        form2.addRow("", self.login_button)
        self.pages.addWidget(user_page)

        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(self.pages)
        layout.addWidget(self.message)
        version = QLabel(f"ExamSite {__version__}")
        version.setAlignment(Qt.AlignRight)
        version.setStyleSheet("color: #777;")
        layout.addWidget(version)
        self.resize(520, 300)
        if site_dir and passphrase:
            self.passphrase_edit.setText(passphrase)
            self.open_site()
        else:
            (self.passphrase_edit if site_dir else self.site_edit).setFocus()

    def open_site(self) -> None:
        site_dir, passphrase = self.site_edit.text().strip(), self.passphrase_edit.text()
        if not site_dir or not passphrase:
            self.message.setText(self.tr("请填写站点目录和站点口令"))
            return
        self.open_button.setEnabled(False)
        self.message.setText(self.tr("正在打开站点（校验加密数据库）…"))
        run_task(self, lambda: open_site(site_dir, passphrase), self._opened, self._open_failed,
                 label=self.tr("正在打开站点…"))

    def _opened(self, handle) -> None:
        self.handle = handle
        self.passphrase_edit.clear()
        QSettings().setValue("last_site", str(handle.site_dir))
        summary = handle.summary()
        name = summary.institution.name if summary.institution else str(handle.site_dir)
        self.site_label.setText(name)
        self.message.setText(self.tr("已从旧版本升级数据库，备份：{0}").format(handle.migration_backup)
                             if handle.migration_backup else "")
        self.message.setStyleSheet("color: #555;")
        self.pages.setCurrentIndex(1)
        self.user_edit.setFocus()

    def _open_failed(self, exc: Exception) -> None:
        self.open_button.setEnabled(True)
        self.message.setStyleSheet("color: #b00020;")
        self.message.setText(error_text(exc))
        self.passphrase_edit.selectAll()
        self.passphrase_edit.setFocus()

    def _fill_roles(self) -> None:
        """Every role, the same for every name typed: the list never tells whether a user name exists."""
        self.role_combo.clear()
        self.role_combo.addItem(self.tr("（账户的默认角色）"), None)
        for role in Role:
            self.role_combo.addItem(tr(ROLE_NAMES[role]), role.value)

    def login(self) -> None:
        if self.handle is None:
            return
        username, password = self.user_edit.text().strip(), self.password_edit.text()
        role = self.role_combo.currentData()
        self.login_button.setEnabled(False)
        run_task(self, lambda: self.handle.login(username, password, role), self._logged_in, self._login_failed,
                 label=self.tr("正在登录…"))

    def _logged_in(self, ctx) -> None:
        from app.ui.main_window import MainWindow

        self.password_edit.clear()
        self.login_button.setEnabled(True)
        self.main_window = MainWindow(self.handle, ctx)
        self.main_window.logged_out.connect(self._back)
        self.main_window.showMaximized()  # a laptop screen is small: use all of it
        screen_built()
        self.logged_in.emit(ctx)
        self.hide()

    def _login_failed(self, exc: Exception) -> None:
        self.login_button.setEnabled(True)
        self.message.setStyleSheet("color: #b00020;")
        self.message.setText(error_text(exc))
        self.password_edit.clear()
        self.password_edit.setFocus()

    def _back(self) -> None:
        """After logout the next person finds an empty form: no name, no role, no message."""
        self.main_window = None
        self.user_edit.clear()
        self.password_edit.clear()
        self.role_combo.setCurrentIndex(0)
        self.message.clear()
        self.show()
        self.user_edit.setFocus()

    def closeEvent(self, event) -> None:
        if self.main_window is None and self.handle is not None:
            self.handle.close()
            self.handle = None
        super().closeEvent(event)
