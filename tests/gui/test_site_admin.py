import datetime as dt

from openpyxl import load_workbook
from PySide6.QtCore import Qt

from app.services.demo import demo_roster
from app.ui.admin.site_admin import SiteAdminWorkplace


def test_roster_import_errors_then_success(qtbot, admin, tmp_path):
    path = demo_roster(tmp_path, 5, 2, dt.date(2026, 12, 5))
    wb = load_workbook(path)
    good = wb["考生名册"]["F3"].value
    wb["考生名册"]["F3"] = "12345"
    wb.save(path)
    w = SiteAdminWorkplace(admin)
    qtbot.addWidget(w)
    tab = w.roster_import
    tab.file_edit.setText(str(path))
    tab.photo_edit.setText(str(tmp_path / "photos"))
    qtbot.mouseClick(tab.import_button, Qt.LeftButton)
    qtbot.waitUntil(lambda: tab.errors.rowCount() > 0, timeout=10000)
    assert [tab.errors.item(0, c).text() for c in range(3)] == ["考生名册", "3", "证件号码"]
    assert "未写入任何数据" in tab.result.text()
    wb["考生名册"]["F3"] = good
    wb.save(path)
    qtbot.mouseClick(tab.import_button, Qt.LeftButton)
    qtbot.waitUntil(lambda: "导入成功" in tab.result.text(), timeout=10000)
    assert "考生 5 名" in tab.result.text() and "照片 5 张" in tab.result.text()


def test_staff_tab_lists_and_adds(qtbot, admin, monkeypatch):
    from app.ui.admin import site_admin

    w = SiteAdminWorkplace(admin)
    qtbot.addWidget(w)
    assert w.staff.table.rowCount() == 1

    class FakeDialog(site_admin.AddStaffDialog):
        def exec(self):
            self.username.setText("kaowu")
            self.name.setText("李静")
            self.password.setText("Staff-pass-1")
            self.role_boxes["staff"].setChecked(True)
            return site_admin.QDialog.Accepted

    monkeypatch.setattr(site_admin, "AddStaffDialog", FakeDialog)
    w.staff.add()
    qtbot.waitUntil(lambda: w.staff.table.rowCount() == 2, timeout=10000)   # hashed and written off the UI thread
    assert w.staff.table.item(1, 0).text() == "kaowu" and w.staff.table.item(1, 2).text() == "考务人员"
