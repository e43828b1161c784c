"""内部督导情况报告, 考场情况记录单, deadlines, and no formula in any exported cell."""

from __future__ import annotations

import datetime as dt
import subprocess

import pytest
from openpyxl import load_workbook

from app.core import supervision as sv
from app.core.errors import DomainError, PermissionDenied
from app.formats.tables_xlsx import read_table_xlsx
from app.services.demo import DEMO_PLAN
from app.services.misconduct import MisconductService
from app.services.official_tables import ROOM_COLUMNS, SUPERVISION_COLUMNS, TablesService
from app.services.results import ResultsService
from tests.integration.test_results_flow import _approve, _publish_and_close, flow  # noqa: F401


def pdftext(path) -> str:
    return subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout


def test_supervision_report_by_the_assigned_internal_supervisor(flow, tmp_path):
    scores = {line.key: line.max_points for line in sv.FORM}
    scores["org_video"] = 5
    neidu = flow["login"]("neidu")
    with pytest.raises(DomainError, match="不符合"):
        TablesService(neidu).save_supervision(DEMO_PLAN, dict(scores, org_graders=9), [], "", "Demo-neidu-2026")
    with pytest.raises(PermissionDenied):
        TablesService(flow["login"]("admin")).save_supervision(DEMO_PLAN, scores, [], "", "Demo-admin-2026")
    assert TablesService(neidu).save_supervision(DEMO_PLAN, scores, [], "第2考场东侧摄像头画面偏暗", "Demo-neidu-2026") == 95
    x, p = TablesService(neidu).supervision_report(tmp_path / "内督报告", DEMO_PLAN)
    header, rows = read_table_xlsx(x, "核心指标")
    assert header == SUPERVISION_COLUMNS and len(rows) == len(sv.FORM)
    assert {r[1]: r[4] for r in rows} == {line.item: scores[line.key] for line in sv.FORM}
    text = pdftext(p)
    assert "内部督导情况报告" in text and "总分：95" in text and "刘芳" in text
    dl = {d["key"]: d for d in ResultsService(flow["login"]("admin")).deadlines(DEMO_PLAN)}
    assert dl["supervision_report"]["status"] == "done" and dl["results"]["status"] == "open"
    assert TablesService(neidu).save_supervision(DEMO_PLAN, scores, ["leak"], "考前泄题", "Demo-neidu-2026") == 0


def test_room_records_from_the_data(flow, tmp_path):
    admin = flow["login"]("admin")
    TablesService(flow["login"]("kaochang")).set_room_record(DEMO_PLAN, "第1考场", "theory", "09:00—10:30",
                                                             "赵敏、孙浩", "考试正常进行")
    svc = MisconductService(flow["login"]("jiankao1"))
    fid = svc.open_finding(flow["cands"][5].ticket_no, "theory", 6, 2, "考生抄袭邻座答案，经监考当场制止")
    svc.sign(fid, "jiankao1", "Demo-jiankao-2026")
    svc.sign(fid, "jiankao2", "Demo-jiankao-2026")
    svc.confirm(fid, "kaochang", "Demo-kaochang-2026")
    x, p = TablesService(admin).room_records(tmp_path / "考场情况记录单", DEMO_PLAN)
    header, rows = read_table_xlsx(x, "考场")
    assert header == ROOM_COLUMNS
    by = {(r[0], r[1]): r for r in rows}
    c2, c5 = flow["cands"][2], flow["cands"][5]
    room1_theory = by[("第1考场", "理论知识考试")]
    assert room1_theory[2] == "09:00—10:30" and room1_theory[9] == "赵敏、孙浩"
    # a finding in that room: the typed "考试正常进行" is not printed beside it (issue 18 item 9)
    assert flow["cands"][5].room == "第1考场" and "正常" not in room1_theory[10]
    expected = sum(1 for c in flow["cands"] if c.room == "第1考场")
    assert room1_theory[3] == expected
    prac = by[(c2.room, "操作技能考核")]
    assert prac[5] == 1 and prac[6] == c2.ticket_no and prac[4] == expected - 1
    theory5 = by[(c5.room, "理论知识考试")]
    assert theory5[7] == 1 and "第六条（二）" in theory5[8]
    assert "考场情况记录单" in pdftext(p)


def test_deadlines_follow_the_holiday_calendar(flow):
    admin = flow["login"]("admin")
    end = flow["exam_end"]
    base = {d["key"]: d["due"] for d in ResultsService(admin).deadlines(DEMO_PLAN)}
    next_days = [end + dt.timedelta(days=i) for i in range(1, 4)]
    ResultsService(admin).set_calendar([d.isoformat() for d in next_days])
    moved = {d["key"]: d["due"] for d in ResultsService(admin).deadlines(DEMO_PLAN)}
    skipped = sum(1 for d in next_days if d.weekday() < 5)
    assert moved["results"] > base["results"] or skipped == 0
    assert (moved["results"] - base["results"]).days >= skipped


def test_no_cell_is_ever_a_formula(flow, tmp_path):
    """A unit name that a spreadsheet would run stays text in every table."""
    with flow["demo"].store.write() as s:
        from sqlalchemy import select
        from app.store.models import Candidate
        c = s.scalars(select(Candidate).where(Candidate.ticket_no == flow["cands"][3].ticket_no)).one()
        c.unit = '=HYPERLINK("http://x","点我")'
    admin = _approve(flow)
    _publish_and_close(flow, admin)
    from app.services.certificates import CertificateService
    from app.services.publication import PublicationService
    CertificateService(admin).allocate(DEMO_PLAN)
    PublicationService(admin).export(DEMO_PLAN, tmp_path / "gs.xlsx")
    t = TablesService(admin)
    files = [tmp_path / "gs.xlsx", t.certificate_data(tmp_path / "a", DEMO_PLAN)[0],
             t.issue_register(tmp_path / "b", DEMO_PLAN)[0]]
    for f in files:
        wb = load_workbook(f)
        for ws in wb.worksheets:
            for row in ws.iter_rows():
                for cell in row:
                    assert cell.data_type != "f", f"{f.name} {cell.coordinate} is a formula"
        values = [cell.value for ws in wb.worksheets for row in ws.iter_rows() for cell in row]
        assert any(isinstance(v, str) and "HYPERLINK" in v for v in values), f.name


def test_one_list_of_tables_one_error_policy(demo, demo_site_dir, demo_login, tmp_path, monkeypatch, capsys):
    """Adding an official table is one entry in OFFICIAL_TABLES: `examsite tables` (and the
    workplace, which calls the same write_tables) and the bundle slot named by its path write it.
    A table whose data is not there yet is skipped with its reason; a refused role stops it all."""
    from app.cli import main
    from app.services import official_tables as ot
    from app.services.demo import DEMO_PASSPHRASE

    extra = ot.OfficialTable("考场情况记录单（副本）", "room_records", "supervision/考场情况记录单副本")
    monkeypatch.setattr(ot, "OFFICIAL_TABLES", ot.OFFICIAL_TABLES + (extra,))
    admin = demo_login("admin")
    made = ot.write_tables(admin, DEMO_PLAN, tmp_path / "ui")
    assert sorted(p.name for p in made.files) == sorted(f"{DEMO_PLAN}-{n}{s}" for n in ("考场情况记录单", extra.name)
                                                        for s in (".xlsx", ".pdf"))
    assert {n for n, _ in made.skipped} == {"证书数据表", "证书数据合规审核表", "证书核发登记表", "内部督导情况报告"}
    assert dict(made.skipped)["证书数据表"] == "没有已核发的证书数据"
    slot = ot.write_tables(admin, DEMO_PLAN, tmp_path / "data", "supervision")
    # the room record goes into the bundle once typed (bundle_if); the extra entry has no condition
    assert sorted(p.relative_to(tmp_path / "data").as_posix() for p in slot.files) == [
        "supervision/考场情况记录单副本.pdf", "supervision/考场情况记录单副本.xlsx"]
    assert ot.write_tables(admin, DEMO_PLAN, tmp_path / "data2", "results").files == []
    with pytest.raises(PermissionDenied):  # not "not ready": the whole export stops
        ot.write_tables(demo_login("jiankao1"), DEMO_PLAN, tmp_path / "no")
    demo.close()

    monkeypatch.setenv("EXAMSITE_PASSPHRASE", DEMO_PASSPHRASE)
    monkeypatch.setenv("EXAMSITE_PASSWORD", "Demo-admin-2026")
    capsys.readouterr()
    assert main(["tables", "--site", str(demo_site_dir), "--batch", DEMO_PLAN, "--out-dir", str(tmp_path / "cli")]) == 0
    out, err = capsys.readouterr()
    assert (tmp_path / "cli" / f"{DEMO_PLAN}-{extra.name}.xlsx").exists()
    assert "证书数据表未导出：没有已核发的证书数据" in err and extra.name in out
