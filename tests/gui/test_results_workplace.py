"""The results workplace offscreen: scores table, 双人复核 mismatch highlighted, histogram data, deadlines."""

from __future__ import annotations

from app.services.demo import DEMO_PLAN
from app.ui.common.tasks import wait_for_tasks
from app.ui.results.workplace import MISMATCH, ResultsWorkplace
from app.ui.workplaces import factory
from tests.integration.test_results_flow import flow  # noqa: F401


def test_results_workplace_shows_scores_mismatch_and_distribution(qtbot, flow):
    admin = flow["login"]("admin")
    assert factory("results") is ResultsWorkplace
    w = ResultsWorkplace(admin)
    qtbot.addWidget(w)
    with qtbot.waitSignal(w.loaded, timeout=10000):
        pass
    assert w.scores_table.rowCount() == 40
    first = flow["cands"][0].ticket_no
    row = [w.scores_table.item(r, 0).text() for r in range(40)].index(first)
    assert w.scores_table.item(row, w.scores_table.columnCount() - 2).text() == "不合格"
    from app.services.results import ResultsService
    assert w.histogram.counts == ResultsService(admin).distribution(DEMO_PLAN, "theory")
    assert sum(w.histogram.counts) == 40
    w.histogram.grab()  # paints without error
    assert w.deadlines_table.rowCount() == 2

    # two people disagree: the row turns red
    kaowu = flow["login"]("kaowu")
    ResultsService(kaowu).enter_manual(flow["cands"][4].ticket_no, "theory", "66")
    w.tabs.setCurrentIndex(1)
    w.entry_ticket.setText(flow["cands"][4].ticket_no)
    w.entry_score.setText("69")
    with qtbot.waitSignal(w.loaded, timeout=10000):
        qtbot.keyClick(w.entry_score, "\r")
    # the flow's practical scores were typed twice (agreed); the disagreement is the one theory row
    rows = [r for r in range(w.entries_table.rowCount()) if w.entries_table.item(r, 3).text() != "一致"]
    assert len(rows) == 1 and w.entries_table.item(rows[0], 0).text() == flow["cands"][4].ticket_no
    assert w.entries_table.item(rows[0], 3).text() == "不一致"
    assert w.entries_table.item(rows[0], 0).background().color() == MISMATCH
    assert "不一致" in w.entry_info.text()
    wait_for_tasks()


def test_batch_printing_runs_off_the_ui_thread_with_progress(qtbot, flow, tmp_path):
    from tests.integration.test_results_flow import _approve, _publish_and_close
    from app.services.certificates import CertificateService

    admin = _approve(flow)
    _publish_and_close(flow, admin)
    CertificateService(admin).allocate(DEMO_PLAN)
    w = ResultsWorkplace(admin)
    qtbot.addWidget(w)
    with qtbot.waitSignal(w.loaded, timeout=10000):
        pass
    out = tmp_path / "certs.pdf"
    w.print_certificates(str(out))
    qtbot.waitUntil(lambda: "已生成" in w.cert_info.text(), timeout=60000)
    assert out.exists() and "37" in w.cert_info.text()
    wait_for_tasks()


def test_publication_and_tables_from_the_workplace(qtbot, flow, tmp_path):
    from tests.integration.test_results_flow import _approve
    from app.services.misconduct import MisconductService

    admin = _approve(flow)
    svc = MisconductService(flow["login"]("jiankao1"))
    fid = svc.open_finding(flow["cands"][6].ticket_no, "theory", 6, 1, "考生在理论考试中使用手机")
    w = ResultsWorkplace(admin)
    qtbot.addWidget(w)
    with qtbot.waitSignal(w.loaded, timeout=10000):
        pass
    assert w.findings_table.rowCount() == 1 and w.findings_table.item(0, 5).text() == "待签字"
    assert "尚未公示" in w.pub_info.text()
    from app.services.publication import PublicationService
    PublicationService(admin).start(DEMO_PLAN)
    with qtbot.waitSignal(w.loaded, timeout=10000):
        w.refresh()
    assert "公示中" in w.pub_info.text()
    w.export_publication(str(tmp_path))
    qtbot.waitUntil(lambda: "已导出" in w.pub_info.text(), timeout=30000)
    assert (tmp_path / f"{DEMO_PLAN}-认定结果公示.xlsx").exists()
    wait_for_tasks()
    w.pub_info.setText("")
    w.export_tables(str(tmp_path))
    qtbot.waitUntil(lambda: "证书数据表" in w.pub_info.text(), timeout=30000)  # the skipped ones say why
    assert "已导出 2 个文件" in w.pub_info.text()  # only 考场情况记录单 so far
    assert (tmp_path / f"{DEMO_PLAN}-考场情况记录单.pdf").exists()
    wait_for_tasks()
    assert fid


def test_internal_supervisor_fills_in_the_report(qtbot, flow):
    from app.core import supervision as sv

    neidu = flow["login"]("neidu")
    w = ResultsWorkplace(neidu)
    qtbot.addWidget(w)
    with qtbot.waitSignal(w.loaded, timeout=10000):
        pass
    form = w.supervision
    assert form is not None
    assert "总分：100" in form.total.text()
    video = form.choices["org_video"]
    video.setCurrentIndex(video.findData(5))
    assert "总分：95" in form.total.text()
    form.vetoes["disorder"].setChecked(True)
    assert "总分：0" in form.total.text()
    form.vetoes["disorder"].setChecked(False)
    form.opinion.setPlainText("第2考场摄像头画面偏暗")
    with qtbot.waitSignal(form.saved, timeout=10000) as blocker:
        form.save("Demo-neidu-2026")
    assert blocker.args == [95]
    with qtbot.waitSignal(w.loaded, timeout=10000):
        pass
    done = [w.deadlines_table.item(r, 2).text() for r in range(w.deadlines_table.rowCount())]
    assert "已完成" in done
    other = ResultsWorkplace(flow["login"]("admin"))
    qtbot.addWidget(other)
    assert other.supervision is None
    wait_for_tasks()
    assert len(sv.FORM) == len(form.choices)


def test_room_head_records_and_confirms_a_finding(qtbot, flow, tmp_path):
    head = flow["login"]("kaochang")
    w = ResultsWorkplace(head)
    qtbot.addWidget(w)
    with qtbot.waitSignal(w.loaded, timeout=10000):
        pass
    p = w.misconduct
    p.ticket.setText(flow["cands"][12].ticket_no)
    p.item.setCurrentIndex(p.item.findData("6-2"))
    p.facts.setPlainText("考生抄袭邻座答案，监考当场制止")
    with qtbot.waitSignal(w.loaded, timeout=10000):
        p.record()
    assert w.findings_table.rowCount() == 1 and w.findings_table.item(0, 4).text() == "第六条（二）"
    w.findings_table.setCurrentCell(0, 0)
    with qtbot.waitSignal(w.loaded, timeout=10000):
        p.sign(("jiankao1", "Demo-jiankao-2026"))
    w.findings_table.setCurrentCell(0, 0)
    with qtbot.waitSignal(w.loaded, timeout=10000):
        p.sign(("jiankao2", "Demo-jiankao-2026"))
    w.findings_table.setCurrentCell(0, 0)
    with qtbot.waitSignal(w.loaded, timeout=10000):
        p.confirm(("kaochang", "Demo-kaochang-2026"))
    assert w.findings_table.item(0, 5).text() == "已确认（待告知）"
    assert "取消其当次全部科目" in w.findings_table.item(0, 7).text()
    w.findings_table.setCurrentCell(0, 0)
    out = tmp_path / "notice.pdf"
    with qtbot.waitSignal(w.loaded, timeout=10000):
        p.notice(str(out))
    assert out.exists()
    wait_for_tasks()
