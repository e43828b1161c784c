"""数据封装上报 workplace: the admin makes a bundle, the internal supervisor countersigns and
verifies it, the admin copies it and records the acknowledgement; buttons follow the roles
and the service refuses what the role may not do."""


from app.services.demo import DEMO_STAFF
from app.ui import workplaces
from app.ui.export.workplace import ExportWorkplace

PW = {u: p for u, _, _, p, _ in DEMO_STAFF}


def test_export_lifecycle_through_the_workplace(qtbot, demo, tmp_path):
    from tests.conftest import sign_supervision_report
    sign_supervision_report(demo)   # an export needs the signed 内督 report (issue 18)
    assert workplaces.factory("export") is ExportWorkplace
    admin = ExportWorkplace(demo.login("admin", PW["admin"]))
    qtbot.addWidget(admin)
    assert admin.make_button.isEnabled() and not admin.sign_button.isEnabled()
    assert admin.batch.count() == 1 and admin.table.rowCount() == 0
    out = tmp_path / "bundle.zip"
    admin.make_export(out, "wrong-password")
    qtbot.waitUntil(lambda: "密码错误" in admin.result.text(), timeout=20000)
    assert not out.exists()
    admin.make_export(out, PW["admin"])
    qtbot.waitUntil(lambda: "已生成第 1 号" in admin.result.text(), timeout=20000)
    assert admin.table.rowCount() == 1 and admin.table.item(0, 2).text() == "已生成"
    assert out.exists()

    sup = ExportWorkplace(demo.login("neidu", PW["neidu"]))
    qtbot.addWidget(sup)
    assert sup.sign_button.isEnabled() and not sup.make_button.isEnabled()
    sup.countersign(1, out, PW["neidu"])
    qtbot.waitUntil(lambda: "已会签" in sup.result.text(), timeout=20000)
    sup.table.selectRow(0)
    sup.verify_selected()
    qtbot.waitUntil(lambda: "校验通过" in sup.result.text(), timeout=20000)
    assert sup.table.item(0, 2).text() == "已校验"
    sup.copy(1, out, tmp_path)  # the supervisor may not: refused by the service, not only the button
    qtbot.waitUntil(lambda: "无权" in sup.result.text(), timeout=20000)

    usb = tmp_path / "usb"
    usb.mkdir()
    admin.copy(1, out, usb)
    qtbot.waitUntil(lambda: "已拷贝" in admin.result.text(), timeout=20000)
    assert (usb / "bundle.zip").exists()
    admin.acknowledge(1, "回执 0001")
    qtbot.waitUntil(lambda: "已登记" in admin.result.text(), timeout=20000)
    assert admin.table.item(0, 2).text() == "省级已确认"


def test_nothing_selected_says_so(qtbot, demo):
    w = ExportWorkplace(demo.login("admin", PW["admin"]))
    qtbot.addWidget(w)
    w.verify_selected()
    assert "请先在列表中选择" in w.result.text()
