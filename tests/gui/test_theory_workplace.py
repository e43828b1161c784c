"""The office's 理论机考 workplace: import, blueprint, seal, unlock — and no question text
anywhere on the screen."""

from __future__ import annotations

from PySide6.QtWidgets import QAbstractButton, QComboBox, QLabel, QLineEdit

from app.formats.bank_xlsx import write_bank
from app.ui.common.tasks import wait_for_tasks
from app.core.exam.questions import QType
from tests.theory_support import PASSWORDS, exam_day_clock, make_questions


def _screen_text(w) -> str:
    parts = []
    for child in w.findChildren(QLabel):
        parts.append(child.text())
    for child in w.findChildren(QLineEdit):
        parts.append(child.text())
    for child in w.findChildren(QAbstractButton):
        parts.append(child.text())
    for child in w.findChildren(QComboBox):
        parts += [child.itemText(i) for i in range(child.count())]
    return "\n".join(parts)


def test_office_prepares_and_seals_papers_without_seeing_them(qtbot, demo, demo_login, tmp_path):
    from app.ui.admin.theory_view import TheoryWorkplace
    from app.ui.workplaces import factory

    assert factory("theory") is TheoryWorkplace
    ctx = demo_login("admin")
    ctx.clock = exam_day_clock(demo)
    w = TheoryWorkplace(ctx, confirm=lambda text: True)
    qtbot.addWidget(w)
    qs = make_questions()
    path = tmp_path / "bank.xlsx"
    write_bank(path, qs)
    w.import_file(str(path))
    qtbot.waitUntil(lambda: "已导入 75 题" in w.message.text(), timeout=20000)
    assert "共 75 题" in w.bank_info.text() and "少于 600" in w.bank_info.text()
    w.counts[QType.TRUE_FALSE].setValue(10)
    w.points[QType.TRUE_FALSE].setValue(2)
    w.counts[QType.SINGLE].setValue(10)
    w.points[QType.SINGLE].setValue(4)
    w.counts[QType.MULTIPLE].setValue(5)
    w.points[QType.MULTIPLE].setValue(7)
    w.save_blueprint()
    qtbot.waitUntil(lambda: "应为 100 分" in w.message.text(), timeout=10000)  # 95 points: refused with the reason
    w.points[QType.MULTIPLE].setValue(8)
    w.save_blueprint()
    qtbot.waitUntil(lambda: w.message.text() == "组卷方案已保存", timeout=10000)
    for i, user in enumerate(("admin", "kaowu")):
        w.users[i].setText(user)
        w.pws[i].setText(PASSWORDS[user])
    w.seal()
    qtbot.waitUntil(lambda: "已封存" in w.seal_info.text(), timeout=20000)
    assert all(not pw.text() for pw in w.pws)  # passwords don't stay on screen
    for i, user in enumerate(("kaowu", "admin")):
        w.users[i].setText(user)
        w.pws[i].setText(PASSWORDS[user])
    w.unlock()
    qtbot.waitUntil(lambda: "已解封" in w.seal_info.text(), timeout=20000)
    wait_for_tasks()
    text = _screen_text(w)
    assert "王立新" in text and "李静" in text
    for q in qs:
        assert q.stem not in text and q.options[-1].text not in text
