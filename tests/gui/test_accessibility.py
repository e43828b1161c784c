"""Every control a person can reach has a name a screen reader can say (outside the kiosk too).

The name is what Qt's accessibility layer reports (QAccessible Name): a button's text, a
label's buddy, or an explicit accessibleName.
"""

import pytest
from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import (QAbstractButton, QAbstractItemView, QAbstractSpinBox, QComboBox, QLineEdit,
                               QHeaderView, QPlainTextEdit, QTextEdit, QWidget)

from app.core.roles import Role
from app.ui import workplaces

INTERACTIVE = (QAbstractButton, QLineEdit, QComboBox, QAbstractSpinBox, QAbstractItemView, QPlainTextEdit, QTextEdit)
LOGINS = {Role.ADMIN: "admin", Role.STAFF: "kaowu", Role.PROCTOR: "jiankao1", Role.ROOM_HEAD: "kaochang",
          Role.GRADER: "kaoping1", Role.CHIEF_GRADER: "zuzhang", Role.INTERNAL_SUPERVISOR: "neidu",
          Role.EXTERNAL_SUPERVISOR: "waidu"}


def unnamed(root):
    out = []
    for w in (c for c in root.findChildren(QWidget) if isinstance(c, INTERACTIVE)):
        # Qt's own parts of a composite control (table headers, corner button, a combo box's popup
        # list, a spin box's editor) are announced through the control they belong to.
        if isinstance(w, QHeaderView) or w.objectName().startswith("qt_"):
            continue
        if type(w.parent()).__name__ in ("QComboBoxPrivateContainer", "QScrollBar", "QTabBar", "QCalendarWidget") \
                or isinstance(w.parent(), (QAbstractSpinBox, QComboBox)) \
                or (w.parent() is not None and isinstance(w.parent().parent(), QComboBox)):
            continue
        iface = QAccessible.queryAccessibleInterface(w)
        name = iface.text(QAccessible.Text.Name) if iface else ""
        if not (name or "").strip():
            out.append(f"{type(w).__name__}:{w.objectName() or '?'}@{type(w.parent()).__name__}")
    return out


@pytest.mark.parametrize("role", list(LOGINS))
def test_every_control_has_an_accessible_name(qtbot, demo, demo_login, role):
    ctx = demo_login(LOGINS[role], role.value)
    missing = {}
    for key in workplaces.workplaces_for(role):
        factory = workplaces.factory(key)
        if factory is None:
            continue
        widget = factory(ctx, None)
        qtbot.addWidget(widget)
        widget.show()
        bad = unnamed(widget)
        if bad:
            missing[key] = bad
        widget.close()
    assert missing == {}


def test_the_check_finds_an_unnamed_control(qtbot):
    from PySide6.QtWidgets import QFormLayout, QVBoxLayout

    root = QWidget()
    qtbot.addWidget(root)
    lay = QVBoxLayout(root)
    lay.addWidget(QLineEdit(objectName="bare"))
    named = QLineEdit(objectName="named")
    named.setAccessibleName("准考证号")
    lay.addWidget(named)
    form = QFormLayout()
    form.addRow("姓名", QLineEdit(objectName="labelled"))  # a form row label made from text is its buddy
    lay.addLayout(form)
    assert unnamed(root) == ["QLineEdit:bare@QWidget"]
