"""Every workplace of every role, at 1366×768 in Chinese, reads as a person expects (issue 19):
no label, button or column header cut off, and no developer's code (``checked``, ``first_review``,
``auth.login``, a role key) where a word belongs.  Tabs inside workplaces are visited too."""

import pytest

from app.ui import tour


@pytest.mark.parametrize("role", list(tour.DEMO_LOGINS))
def test_every_view_fits_a_small_laptop_in_chinese(qapp, qtbot, demo, role):
    from app.services.demo import DEMO_STAFF
    from app.ui.main import apply_display, setup_application

    setup_application(qapp, "zh_CN")
    apply_display(qapp, 1.0, False)
    username = tour.DEMO_LOGINS[role]
    password = {u: p for u, _, _, p, _ in DEMO_STAFF}[username]
    mw = tour.open_window(demo, username, password, role.value, (1366, 768))
    qtbot.addWidget(mw)
    found, seen = [], []
    for view in tour.views(mw, qapp):
        seen.append(view)
        found += [str(p) for p in tour.problems(mw.stack.currentWidget(), f"{role.value}/{view}")]
    found += [str(p) for p in tour.problems(mw.statusBar(), f"{role.value}/状态栏")]
    assert seen, "no workplace shown"
    assert found == []


def test_the_checks_see_what_a_person_would():
    """The checks themselves: a cut-off button, a header narrower than its title and a status code are found."""
    from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QTableWidget, QTableWidgetItem, QWidget

    w = QWidget()
    w.resize(300, 200)
    row = QHBoxLayout(w)
    b = QPushButton("导出汇总表 PDF(&E)")
    b.setFixedWidth(60)
    code = QLabel("first_review")
    t = QTableWidget(1, 2)
    t.setHorizontalHeaderLabels(["准考证号码", "状态"])
    t.horizontalHeader().resizeSection(0, 20)
    t.setItem(0, 1, QTableWidgetItem("checked"))
    for x in (b, code, t):
        row.addWidget(x)
    w.show()
    kinds = sorted((p.kind, p.text) for p in tour.problems(w))
    assert ("clipped", "导出汇总表 PDF(&E)") in kinds
    assert ("code", "first_review") in kinds and ("code", "checked") in kinds
    assert ("clipped", "准考证号码") in kinds
    w.close()
