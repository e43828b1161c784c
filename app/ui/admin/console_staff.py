"""下发到监考台的工作人员: whom a room console gets, chosen by the administrator.

Each of the batch's proctors and room heads is a checkable line; those sent to this console
last time are ticked (everyone, the first time).  Only the people ticked can sign or confirm a
finding at that console; at least one room head must be among them (the service says so in one
line otherwise)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QListWidget, QListWidgetItem, QVBoxLayout

from app.core.roles import ROLE_NAMES, Role
from app.ui.common.widgets import tr


class ConsoleStaffDialog(QDialog):
    def __init__(self, machine_id: str, room: str, choices, parent=None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("下发到监考台的工作人员"))
        self.setMinimumWidth(480)
        note = QLabel(self.tr("勾选在 {0}（{1}）工作的监考人员和考场负责人。只有勾选的人能在这台监考台上签字、确认违纪记录。")
                      .format(machine_id, room))
        note.setWordWrap(True)
        self.people = QListWidget()
        self.people.setAccessibleName(self.tr("工作人员"))
        for c in choices:
            roles = "、".join(tr(ROLE_NAMES[Role(r)]) for r in c.batch_roles if r in Role._value2member_map_)
            item = QListWidgetItem(f"{c.name}（{c.username}）　{roles}")
            item.setData(Qt.UserRole, c.username)
            item.setFlags(item.flags() | Qt.ItemIsUserCheckable)
            item.setCheckState(Qt.Checked if c.chosen else Qt.Unchecked)
            self.people.addItem(item)
        if self.people.count():
            self.people.setCurrentRow(0)
        buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel)
        buttons.button(QDialogButtonBox.Ok).setText(self.tr("下发"))
        buttons.button(QDialogButtonBox.Cancel).setText(self.tr("取消"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        lay = QVBoxLayout(self)
        lay.addWidget(note)
        lay.addWidget(self.people, 1)
        lay.addWidget(buttons)

    def chosen(self) -> list[str]:
        return [self.people.item(i).data(Qt.UserRole) for i in range(self.people.count())
                if self.people.item(i).checkState() == Qt.Checked]
