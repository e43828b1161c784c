"""Small things a site notices (issue 19 item 7): the login window forgets the last person and does
not tell whether a user name exists; the main window opens maximised; Qt's own dialogs speak
Chinese; a written PDF can be opened and printed with one click."""

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox

from app.services.demo import DEMO_PASSPHRASE
from app.ui.login import LoginWindow


def _login_window(qtbot, site_dir):
    w = LoginWindow(site_dir=str(site_dir), passphrase=DEMO_PASSPHRASE)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitUntil(lambda: w.pages.currentIndex() == 1, timeout=10000)
    return w


def _roles(w):
    return [w.role_combo.itemText(i) for i in range(w.role_combo.count())]


def test_login_does_not_reveal_user_names_and_forgets_the_last_person(qtbot, demo_site_dir, monkeypatch):
    w = _login_window(qtbot, demo_site_dir)
    qtbot.keyClicks(w.user_edit, "jiankao1")
    w.user_edit.editingFinished.emit()
    known = _roles(w)
    w.user_edit.clear()
    qtbot.keyClicks(w.user_edit, "nobody-here")
    w.user_edit.editingFinished.emit()
    assert _roles(w) == known and len(known) == 9  # the same list whatever name is typed
    qtbot.keyClicks(w.password_edit, "wrong")
    qtbot.keyClick(w.password_edit, Qt.Key_Return)
    qtbot.waitUntil(lambda: "用户名或密码错误" in w.message.text(), timeout=10000)
    w.user_edit.clear()
    qtbot.keyClicks(w.user_edit, "jiankao1")
    w.role_combo.setCurrentIndex(w.role_combo.findData("proctor"))
    qtbot.keyClicks(w.password_edit, "Demo-jiankao-2026")
    qtbot.keyClick(w.password_edit, Qt.Key_Return)
    qtbot.waitUntil(lambda: w.main_window is not None, timeout=10000)
    mw = w.main_window
    qtbot.addWidget(mw)
    assert mw.windowState() & Qt.WindowMaximized
    mw._leave()  # logout (the confirmation is the menu's)
    qtbot.waitUntil(lambda: w.isVisible(), timeout=5000)
    assert w.user_edit.text() == "" and w.password_edit.text() == "" and w.message.text() == ""
    assert w.role_combo.currentData() is None
    w.handle.close()


def test_qt_own_buttons_are_in_chinese(qapp):
    from app.ui.main import setup_application

    setup_application(qapp, "zh_CN")
    box = QDialogButtonBox(QDialogButtonBox.Cancel | QDialogButtonBox.Save)
    texts = {box.button(QDialogButtonBox.Cancel).text(), box.button(QDialogButtonBox.Save).text()}
    assert texts == {"取消", "保存"}


def test_a_written_pdf_offers_open_print_and_folder(qtbot, tmp_path, monkeypatch):
    from app.ui.common import files

    pdf = tmp_path / "准考证.pdf"
    pdf.write_bytes(b"%PDF-1.4\n")
    opened, printed = [], []
    monkeypatch.setattr(files, "open_file", lambda p: opened.append(Path(p)) or True)
    monkeypatch.setattr(files, "print_pdf", lambda parent, p: printed.append(Path(p)) or True)
    box = files.offer_file(None, pdf)
    qtbot.addWidget(box)
    assert box.isVisible() and not box.isModal() and not box.print_button.isHidden()
    qtbot.mouseClick(box.open_button, Qt.LeftButton)
    qtbot.mouseClick(box.print_button, Qt.LeftButton)
    qtbot.mouseClick(box.folder_button, Qt.LeftButton)
    assert opened == [pdf, tmp_path] and printed == [pdf]
    sheet = files.offer_file(None, tmp_path / "名单.xlsx")
    qtbot.addWidget(sheet)
    assert sheet.print_button.isHidden()  # only PDFs are printed from here


def test_every_door_incident_kind_reads_in_chinese(qtbot, demo_login):
    """No developers' words on screen (issue 19 item 5): the room head's incident list names
    every kind the door records, including the door desks' double check-in (issue 17)."""
    import re

    from app.services.checkin import IMPERSONATION
    from app.ui.checkin.incidents import IncidentPanel

    panel = IncidentPanel(demo_login("kaochang"))
    qtbot.addWidget(panel)
    for kind in (IMPERSONATION, "double_checkin", "something_new"):
        assert not re.search(r"[A-Za-z_]{3,}", panel._kind(kind)), kind
