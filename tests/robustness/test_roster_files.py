"""Imports take the files people have (issue 19 item 6): the template as written, the
provincial platforms' sheet and column names, .xls and .csv, a plan given without a plan
sheet; a refused file names the sheets found, the bad value and real row numbers.

Platform tables carry a 序号 column and 身份证号码 / 所在单位或住址 headers
[rules-digest.md L511, L519: "序号 · 准考证号码 · 姓名 · 身份证号码 · 所在单位 …"];
levels are written "四级/中级工" [002 L2761].
"""

import random

import pytest
import xlwt
from openpyxl import Workbook

from app.core.errors import ImportRejected
from app.core.idcard import synthetic_id_number
from app.formats.roster_template import write_template
from app.services.roster import RosterService
from app.services.site import SiteService

RNG = random.Random(3)
IDS = [synthetic_id_number(RNG) for _ in range(300)]
PLAN_FIELDS = {"plan_no": "2026-DG-0007", "occupation_code": "6-31-01-03", "occupation_name": "电工",
               "level": "四级/中级工", "exam_start": "2026-12-05"}


def _xlsx(path, sheets):
    wb = Workbook()
    wb.remove(wb.active)
    for title, rows in sheets.items():
        ws = wb.create_sheet(title)
        for row in rows:
            ws.append(row)
    wb.save(path)
    return path


def _platform_rows(n=3, title=True):
    rows = [["2026年第12批 电工 考生名单"]] if title else []
    rows.append(["序号", "准考证号码", "姓名", "性别", "身份证号码", "所在单位或住址", "报考等级"])
    for i in range(n):
        rows.append([i + 1, f"DG2604{i:04d}", "张三", "", IDS[i], "甲厂", "中级工"])
    return rows


def test_the_template_imports_as_written(admin, tmp_path):
    path = tmp_path / "名册模板.xlsx"
    write_template(path)
    result = RosterService(admin).import_roster(path)
    assert result.batches == ["2026-DG-0001"] and result.candidates == 1


def test_platform_candidate_list_with_title_row_and_serial_column_and_plan_fields(admin, tmp_path):
    path = _xlsx(tmp_path / "考生名单.xlsx", {"Sheet1": _platform_rows(3)})
    result = RosterService(admin).import_roster(path, plan=PLAN_FIELDS)
    assert result.batches == ["2026-DG-0007"] and result.candidates == 3
    cands = RosterService(admin).candidates()
    assert [c.ticket_no for c in cands] == ["DG26040000", "DG26040001", "DG26040002"]
    assert RosterService(admin).batches()[0].level == 4


def test_bad_row_is_named_with_its_real_row_number_and_value(admin, tmp_path):
    rows = _platform_rows(3)
    rows[3][4] = rows[3][4][:-1] + ("0" if rows[3][4][-1] != "0" else "1")  # Excel row 4
    path = _xlsx(tmp_path / "考生名单.xlsx", {"报名名单": rows})
    with pytest.raises(ImportRejected) as info:
        RosterService(admin).import_roster(path, plan=PLAN_FIELDS)
    (err,) = info.value.errors
    assert (err.sheet, err.row, err.column) == ("报名名单", 4, "证件号码") and rows[3][4] in err.message
    assert SiteService(admin).counts()["candidates"] == 0


def test_missing_sheets_are_named(admin, tmp_path):
    path = _xlsx(tmp_path / "x.xlsx", {"成绩": [["a", "b"], [1, 2]], "附表": [["c"]]})
    with pytest.raises(ImportRejected) as info:
        RosterService(admin).import_roster(path)
    text = " ".join(str(e) for e in info.value.errors)
    assert "「成绩」" in text and "「附表」" in text


def test_xls_from_a_platform_imports(admin, tmp_path):
    book = xlwt.Workbook(encoding="utf-8")
    ws = book.add_sheet("考生信息")
    for r, row in enumerate(_platform_rows(4)):
        for c, value in enumerate(row):
            ws.write(r, c, value)
    path = tmp_path / "名单.xls"
    book.save(str(path))
    result = RosterService(admin).import_roster(path, plan=PLAN_FIELDS)
    assert result.candidates == 4


def test_csv_in_gbk_imports(admin, tmp_path):
    lines = [",".join(str(v) for v in row) for row in _platform_rows(2, title=False)]
    path = tmp_path / "名单.csv"
    path.write_bytes(("\r\n".join(lines) + "\r\n").encode("gb18030"))
    result = RosterService(admin).import_roster(path, plan=PLAN_FIELDS)
    assert result.candidates == 2


def test_a_plan_sheet_and_plan_fields_together_are_refused(admin, tmp_path):
    path = tmp_path / "t.xlsx"
    write_template(path)
    with pytest.raises(ImportRejected):
        RosterService(admin).import_roster(path, plan=PLAN_FIELDS)


def test_at_most_200_errors_are_listed_then_a_count(admin, tmp_path):
    rows = _platform_rows(260, title=False)
    for i, row in enumerate(rows[1:]):
        row[4] = f"123{i}"
    path = _xlsx(tmp_path / "bad.xlsx", {"考生名册": rows})
    with pytest.raises(ImportRejected) as info:
        RosterService(admin).import_roster(path, plan=PLAN_FIELDS)
    total = info.value.total
    assert total >= 260 and len(info.value.errors) == 201
    assert f"另有 {total - 200} 处" in info.value.errors[-1].message


def test_difficulty_in_words_and_bank_levels(tmp_path):
    from app.formats.bank_xlsx import HEADERS, read_bank

    row = dict.fromkeys(HEADERS, None)
    row.update({"试题编号": "Q1", "题型": "单选", "题干": "频率？", "选项A": "50 Hz", "选项B": "60 Hz", "答案": "A",
                "分值": 1, "鉴定点代码": "A-01-001"})
    rows = [HEADERS]
    for i, word in enumerate(["容易", "较难", "中等", "3", "难"]):
        r = dict(row, 试题编号=f"Q{i}", 难度=word)
        rows.append([r[h] for h in HEADERS])
    path = _xlsx(tmp_path / "bank.xlsx", {"试题": rows})
    questions, _ = read_bank(path)
    assert [q.difficulty for q in questions] == [1, 4, 3, 3, 5]
