"""站点管理: institution, roster import, staff accounts, readiness, stations and terminals."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (QCheckBox, QComboBox, QDialog, QDialogButtonBox, QFormLayout, QHBoxLayout,
                               QLabel, QLineEdit, QPushButton, QTabWidget, QVBoxLayout, QWidget)

from app.core.codes import INSTITUTION_CATEGORIES, LEVELS, PROVINCES, level_label
from app.core.errors import ImportRejected
from app.core.roles import ROLE_NAMES, Role
from app.services.roster import RosterService
from app.services.site import SiteService
from app.services.staff import StaffService
from app.ui.admin.readiness_view import ReadinessTab
from app.ui.admin.stations_view import StationsTab
from app.ui.common.tables import fill_table, list_table
from app.ui.common.tasks import on_changes, run_task
from app.ui.common.widgets import PathField, confirm, error_text, tr


class RosterImportTab(QWidget):
    def __init__(self, ctx, parent=None):
        super().__init__(parent)
        self.ctx = ctx
        form = QFormLayout()
        roster = PathField(self.tr("名册文件"), self.tr("选择文件…"), self.tr("选择名册"),
                           "Excel (*.xlsx *.xls);;CSV (*.csv)")
        photos = PathField(self.tr("照片文件夹"), self.tr("选择文件夹…"), self.tr("选择照片文件夹"))
        self.file_edit, self.photo_edit = roster.edit, photos.edit
        form.addRow(self.tr("名册文件（.xlsx）"), roster)
        form.addRow(self.tr("照片文件夹（可选）"), photos)
        self.import_button = QPushButton(self.tr("导入（全部成功或全部不导入）"))
        self.import_button.clicked.connect(self.start_import)
        self.result = QLabel("")
        self.result.setWordWrap(True)
        self.result.setAccessibleName(self.tr("导入结果"))
        self.errors = list_table([self.tr("工作表"), self.tr("行"), self.tr("列"), self.tr("问题")])
        self.errors.setAccessibleName(self.tr("导入错误列表"))
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.import_button)
        layout.addWidget(self.result)
        layout.addWidget(self.errors)

    def start_import(self) -> None:
        path, photos = self.file_edit.text().strip(), self.photo_edit.text().strip() or None
        if not path:
            self.result.setText(self.tr("请先选择名册文件"))
            return
        self.import_button.setEnabled(False)
        self.errors.setRowCount(0)
        self.result.setText(self.tr("正在导入…"))
        run_task(self, lambda: RosterService(self.ctx).import_roster(path, photos), self._done, self._failed,
                 label=self.tr("正在校验并导入名册…"), changes={"roster"})

    def _done(self, result) -> None:
        self.import_button.setEnabled(True)
        text = self.tr("导入成功：认定计划 {0} 个，考生 {1} 名，照片 {2} 张。").format(
            len(result.batches), result.candidates, result.photos)
        if result.missing_photos:
            text += self.tr("{0} 名考生没有照片。").format(len(result.missing_photos))
        self.result.setStyleSheet("color: #1b5e20;")
        self.result.setText(text)

    def _failed(self, exc: Exception) -> None:
        self.import_button.setEnabled(True)
        self.result.setStyleSheet("color: #b00020;")
        self.result.setText(error_text(exc))
        if isinstance(exc, ImportRejected):
            fill_table(self.errors, [[e.sheet, e.row, e.column, e.message] for e in exc.errors])


class QualificationFields:
    """考评员资格 (考评员证号, 本人等级, 考评职业): the 考评组 refuses a grader without them."""

    def __init__(self, form: QFormLayout, owner: QWidget, card: str = "", level: int | None = None,
                 occupation: str = ""):
        self.card = QLineEdit(card)
        self.level = QComboBox()
        self.level.addItem(owner.tr("（未登记）"), None)
        for value in LEVELS:
            self.level.addItem(level_label(value), value)
        self.level.setCurrentIndex(max(0, self.level.findData(level)))
        self.occupation = QLineEdit(occupation)
        self.occupation.setPlaceholderText(owner.tr("职业名称或编码，如 电工"))
        for label, w in ((owner.tr("考评员证号"), self.card), (owner.tr("考评员等级"), self.level),
                         (owner.tr("考评职业"), self.occupation)):
            w.setAccessibleName(label)
            form.addRow(label, w)

    def values(self) -> dict:
        return dict(grader_card_no=self.card.text().strip(), grader_level=self.level.currentData(),
                    grader_occupation=self.occupation.text().strip())


class QualificationDialog(QDialog):
    def __init__(self, view, parent=None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("考评员资格：{0}").format(view.name))
        form = QFormLayout(self)
        self.fields = QualificationFields(form, self, view.grader_card_no, view.grader_level, view.grader_occupation)
        buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)


class AddStaffDialog(QDialog):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("新建账户"))
        form = QFormLayout(self)
        self.username = QLineEdit()
        self.name = QLineEdit()
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.Password)
        self.unit = QLineEdit()
        self.card = QLineEdit()
        for label, w in ((self.tr("用户名"), self.username), (self.tr("姓名"), self.name),
                         (self.tr("初始密码"), self.password), (self.tr("所在单位"), self.unit),
                         (self.tr("督导员证卡编号"), self.card)):
            w.setAccessibleName(label)
            form.addRow(label, w)
        self.qualification = QualificationFields(form, self)
        self.role_boxes = {}
        for role in Role:
            box = QCheckBox(tr(ROLE_NAMES[role]))
            box.setAccessibleName(tr(ROLE_NAMES[role]))
            self.role_boxes[role.value] = box
            form.addRow("", box)
        buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def values(self) -> dict:
        return dict(username=self.username.text().strip(), name=self.name.text().strip(),
                    password=self.password.text(), unit=self.unit.text().strip(), card_no=self.card.text().strip(),
                    roles=[r for r, b in self.role_boxes.items() if b.isChecked()], **self.qualification.values())


class StaffTab(QWidget):
    changed = Signal()  # an account was added, unlocked or deactivated

    def __init__(self, ctx, parent=None):
        super().__init__(parent)
        self.ctx = ctx
        self.table = list_table([self.tr("用户名"), self.tr("姓名"), self.tr("角色"), self.tr("所在单位"),
                             self.tr("证卡编号"), self.tr("考评员资格"), self.tr("状态")])
        self.table.setAccessibleName(self.tr("工作人员账户列表"))
        buttons = QHBoxLayout()
        for text, slot in ((self.tr("新建账户…"), self.add), (self.tr("考评员资格…"), self.qualify),
                           (self.tr("解锁"), self.unlock),
                           (self.tr("停用"), self.deactivate), (self.tr("刷新"), self.refresh)):
            b = QPushButton(text)
            b.clicked.connect(slot)
            buttons.addWidget(b)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(buttons)
        layout.addWidget(self.table)
        self.refresh()
        on_changes(self, {"staff"}, lambda _: self.refresh())

    def refresh(self) -> None:
        rows = []
        for s in StaffService(self.ctx).list():
            state = self.tr("正常") if s.active else self.tr("已停用")
            if s.locked:
                state += self.tr("（已锁定）")
            rows.append([s.username, s.name, "、".join(tr(ROLE_NAMES[Role(r)]) for r in s.roles), s.unit,
                         s.card_no, s.qualification_text, state])
        fill_table(self.table, rows)

    def _selected(self) -> str | None:
        row = self.table.currentRow()
        return self.table.item(row, 0).text() if row >= 0 else None

    def add(self) -> None:
        dialog = AddStaffDialog(self)
        if dialog.exec() != QDialog.Accepted:
            return
        v, svc = dialog.values(), StaffService(self.ctx)
        run_task(self, lambda: svc.add(v["username"], v["name"], v["password"], v["roles"], unit=v["unit"],
                                       card_no=v["card_no"], grader_card_no=v["grader_card_no"],
                                       grader_level=v["grader_level"], grader_occupation=v["grader_occupation"]),
                 self._done, None, self.tr("正在创建账户…"), changes={"staff"})

    def qualify(self) -> None:
        """Record or correct the selected account's 考评员资格."""
        username, svc = self._selected(), StaffService(self.ctx)
        view = next((x for x in svc.list() if x.username == username), None) if username else None
        if view is None:
            return
        dialog = QualificationDialog(view, self)
        if dialog.exec() != QDialog.Accepted:
            return
        v = dialog.fields.values()
        run_task(self, lambda: svc.set_grader_qualification(username, v["grader_card_no"], v["grader_level"],
                                                            v["grader_occupation"]),
                 self._done, None, self.tr("正在登记考评员资格…"), changes={"staff"})

    def unlock(self) -> None:
        username, svc = self._selected(), StaffService(self.ctx)
        if username:
            run_task(self, lambda: svc.unlock(username), self._done, None, changes={"staff"})

    def deactivate(self) -> None:
        username, svc = self._selected(), StaffService(self.ctx)
        if username and confirm(self, self.tr("停用账户"), self.tr("确定停用账户「{0}」吗？停用后该账户无法登录。").format(username)):
            run_task(self, lambda: svc.set_active(username, False), self._done, None, changes={"staff"})

    def _done(self, _result) -> None:
        self.changed.emit()


class InstitutionTab(QWidget):
    def __init__(self, ctx, parent=None):
        super().__init__(parent)
        inst = SiteService(ctx).institution()
        form = QFormLayout(self)
        if inst is None:
            form.addRow(QLabel(self.tr("尚未设置评价机构信息")))
            return
        rows = [(self.tr("评价机构名称"), inst.name),
                (self.tr("机构类别"), f"{inst.category} {tr(INSTITUTION_CATEGORIES[inst.category])}"),
                (self.tr("评价机构代码"), inst.institution_code),
                (self.tr("所在省份"), f"{inst.province} {tr(PROVINCES.get(inst.province, ''))}"),
                (self.tr("站点序列码"), inst.site_serial),
                (self.tr("证书编号前缀"), str(inst.prefix)),
                (self.tr("省份规则（建站时选定，不可更改）"), SiteService(ctx).profile().summary())]
        for label, value in rows:
            v = QLabel(value)
            v.setTextInteractionFlags(Qt.TextSelectableByMouse)
            v.setAccessibleName(f"{label} {value}")
            form.addRow(label, v)


class SiteAdminWorkplace(QTabWidget):
    def __init__(self, ctx, parent=None):
        super().__init__(parent)
        self.roster_import = RosterImportTab(ctx)
        self.staff = StaffTab(ctx)
        self.addTab(self.roster_import, self.tr("名册导入"))
        self.addTab(self.staff, self.tr("工作人员账户"))
        self.addTab(InstitutionTab(ctx), self.tr("评价机构"))
        self.readiness = ReadinessTab(ctx)
        self.addTab(self.readiness, self.tr("考前自检"))
        self.stations = StationsTab(ctx)
        self.addTab(self.stations, self.tr("站点与终端"))
