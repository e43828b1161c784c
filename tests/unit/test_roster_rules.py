import datetime as dt

import pytest

from app.core.errors import ImportRejected
from app.core.roster import parse_roster

PLAN = [["认定计划号", "职业编码", "职业名称", "工种/职业方向", "等级", "考试开始日期", "考试结束日期", "考场"],
        ["P-0001", "6-31-01-03", "电工", "", "四级", dt.datetime(2026, 12, 5), "2026-12-06", "第1考场、第2考场"]]


def cand(*rows, header=("认定计划号", "准考证号", "姓名", "性别", "证件类型", "证件号码", "所在单位", "考场")):
    return [list(header), *[list(r) for r in rows]]


GOOD = ("P-0001", "T0001", "张三", "男", "201", "11010519491231001X", "甲公司", "第1考场")


def test_valid_roster_parses():
    # 11010519491231001? check digit computed by the rule itself
    from app.core.idcard import check_digit
    good = list(GOOD)
    good[5] = "11010519491231001" + check_digit("11010519491231001")
    data = parse_roster({"认定计划": PLAN, "考生名册": cand(good)})
    assert data.batches[0].plan_no == "P-0001"
    assert data.batches[0].exam_start == dt.date(2026, 12, 5)
    assert data.batches[0].rooms == ("第1考场", "第2考场")
    assert data.candidate_count == 1


def test_aliases_any_order_and_derived_sex():
    from app.core.idcard import check_digit
    id_no = "41010219900101002" + check_digit("41010219900101002")
    rows = cand(("李四", id_no, "T0009", "乙单位"), header=("考生姓名", "身份证号码", "准考证号码", "工作单位"))
    data = parse_roster({"认定计划": PLAN, "考生名册": rows})
    (row_no, c), = data.candidates["P-0001"]
    assert (row_no, c.ticket_no, c.name, c.sex, c.id_type, c.unit) == (2, "T0009", "李四", "女", "201", "乙单位")


def test_errors_name_sheet_row_and_column():
    bad = list(GOOD)
    bad[5] = "110105194912310012"  # the check digit is 1
    with pytest.raises(ImportRejected) as err:
        parse_roster({"认定计划": PLAN, "考生名册": cand(bad)})
    e = err.value.errors[0]
    assert (e.sheet, e.row, e.column) == ("考生名册", 2, "证件号码")
    assert "校验码" in e.message
    assert "第 2 行「证件号码」列" in str(err.value)


def test_every_fault_reported_and_duplicates_caught():
    from app.core.idcard import check_digit
    id_no = "41010219900101003" + check_digit("41010219900101003")
    rows = cand(("P-0001", "T1", "甲", "男", "201", id_no, "", "第1考场"),
                ("P-0001", "T1", "乙", "男", "201", id_no, "", "第9考场"),
                ("P-0002", "T3", "", "未知", "驾照", "x", "", ""))
    with pytest.raises(ImportRejected) as err:
        parse_roster({"认定计划": PLAN, "考生名册": rows})
    found = {(e.row, e.column) for e in err.value.errors}
    assert {(3, "准考证号"), (3, "证件号码"), (3, "考场"), (4, "认定计划号"), (4, "证件类型"), (4, "性别"),
            (4, "姓名")} <= found


def test_missing_column_and_sheet():
    with pytest.raises(ImportRejected) as err:
        parse_roster({"认定计划": PLAN, "考生名册": [["姓名", "证件号码"], ["甲", "x"]]})
    assert any(e.column == "准考证号" and "缺少此列" in e.message for e in err.value.errors)
    with pytest.raises(ImportRejected) as err:
        parse_roster({"Sheet1": []})
    assert {e.sheet for e in err.value.errors} == {"认定计划", "考生名册"}


def test_plan_row_faults():
    plan = [PLAN[0], ["P-0001", "6310103", "电工", "", "六级", "明天", "", ""]]
    with pytest.raises(ImportRejected) as err:
        parse_roster({"认定计划": plan, "考生名册": cand(GOOD)})
    cols = {e.column for e in err.value.errors if e.sheet == "认定计划"}
    assert {"等级", "考试开始日期"} <= cols
