import gc

from app.services.demo import DEMO_PASSPHRASE
from app.ui.login import LoginWindow


def open_login(qtbot, site_dir, passphrase=None):
    w = LoginWindow(site_dir=str(site_dir), passphrase=passphrase)
    qtbot.addWidget(w)
    w.show()
    return w


def login_as(qtbot, w, username, password, role=None):
    qtbot.keyClicks(w.user_edit, username)
    w.user_edit.editingFinished.emit()
    if role:
        w.role_combo.setCurrentIndex(w.role_combo.findData(role))
    qtbot.keyClicks(w.password_edit, password)
    qtbot.keyClick(w.password_edit, "\r")


def test_wrong_then_right_passphrase_then_login(qtbot, demo_site_dir):
    w = open_login(qtbot, demo_site_dir)
    qtbot.keyClicks(w.passphrase_edit, "wrong-passphrase")
    qtbot.keyClick(w.passphrase_edit, "\r")
    qtbot.waitUntil(lambda: "口令错误" in w.message.text(), timeout=10000)
    assert w.pages.currentIndex() == 0
    w.passphrase_edit.clear()
    qtbot.keyClicks(w.passphrase_edit, DEMO_PASSPHRASE)
    qtbot.keyClick(w.passphrase_edit, "\r")
    qtbot.waitUntil(lambda: w.pages.currentIndex() == 1, timeout=10000)
    assert w.site_label.text() == "河南示例职业技能等级认定中心"
    gc.unfreeze()
    login_as(qtbot, w, "admin", "Demo-admin-2026")
    qtbot.waitUntil(lambda: w.main_window is not None, timeout=10000)
    mw = w.main_window
    qtbot.addWidget(mw)
    # the built screen is out of the collector's way: a full collection later does not scan it
    assert gc.get_freeze_count() > 0
    titles = [mw.nav.item(i).text() for i in range(mw.nav.count())]
    assert titles[:3] == ["首页", "站点管理", "认定批次与考生名册"] and "操作日志" in titles
    status = mw.status_text()
    assert "站点：河南示例职业技能等级认定中心" in status and "批次：2026-41-DG-0001" in status
    assert "用户：王立新（admin）" in status and "角色：管理员" in status
    # the roster workplace lists the demo's 40 candidates and shows a photo on selection
    roster = mw.pages["roster"]
    assert roster.table.rowCount() == 40
    roster.table.setCurrentCell(0, 0)
    assert roster.photo.pixmap() is not None and not roster.photo.pixmap().isNull()
    w.handle.close()


def test_wrong_password_and_role_workplaces(qtbot, demo_site_dir):
    w = open_login(qtbot, demo_site_dir, DEMO_PASSPHRASE)
    qtbot.waitUntil(lambda: w.pages.currentIndex() == 1, timeout=10000)
    login_as(qtbot, w, "jiankao1", "not-right")
    qtbot.waitUntil(lambda: "用户名或密码错误" in w.message.text(), timeout=10000)
    w.user_edit.clear()
    login_as(qtbot, w, "jiankao1", "Demo-jiankao-2026")
    qtbot.waitUntil(lambda: w.main_window is not None, timeout=10000)
    mw = w.main_window
    qtbot.addWidget(mw)
    titles = [mw.nav.item(i).text() for i in range(mw.nav.count())]
    assert "站点管理" not in titles and "监考台" in titles
    assert "角色：监考人员" in mw.status_text()
    w.handle.close()


def test_keyboard_switches_workplaces(qtbot, demo_site_dir):
    w = open_login(qtbot, demo_site_dir, DEMO_PASSPHRASE)
    qtbot.waitUntil(lambda: w.pages.currentIndex() == 1, timeout=10000)
    login_as(qtbot, w, "admin", "Demo-admin-2026")
    qtbot.waitUntil(lambda: w.main_window is not None, timeout=10000)
    mw = w.main_window
    qtbot.addWidget(mw)
    mw.activateWindow()
    for i in range(3):
        action = [a for a in mw.actions() if a.shortcut().toString() == f"Ctrl+{i + 1}"][0]
        action.trigger()
        assert mw.nav.currentRow() == i and mw.stack.currentIndex() == i
    w.handle.close()
