from decimal import Decimal

import pytest

from app.core import scoring as r
from app.core.errors import DomainError, ImportRejected
from app.formats.scoring_template import EXAMPLE_ITEMS, EXAMPLE_SETTINGS, EXAMPLE_TASKS, write_template_workbook
from app.formats.xlsx import read_workbook


def _tpl(tmp_path, settings=EXAMPLE_SETTINGS, tasks=EXAMPLE_TASKS, items=EXAMPLE_ITEMS):
    p = tmp_path / "t.xlsx"
    write_template_workbook(p, settings, tasks, items, notes=True)
    return r.parse_template(read_workbook(p))


FULL = {"1.1": 20, "1.2": 30, "1.3": 50, "1.4": "否", "2.1": 40, "2.2": 60, "2.3": "否"}


def test_sheet_score_weights_and_vetoes(tmp_path):
    t = _tpl(tmp_path)
    assert [x.weight for x in t.tasks] == [Decimal(60), Decimal(40)]
    s = r.score_sheet(t, FULL)
    assert s.total == Decimal("100.00") and s.complete
    s = r.score_sheet(t, {**FULL, "1.2": "15.5"})          # task 1: 85.5/100*60 = 51.30
    assert s.tasks["1"] == Decimal("51.30") and s.total == Decimal("91.30")
    s = r.score_sheet(t, {**FULL, "2.3": "是"})            # task-zero veto
    assert s.tasks["2"] == 0 and s.total == Decimal("60.00") and s.vetoes == ("2.3",) and not s.failed
    s = r.score_sheet(t, {**FULL, "1.4": "是"})            # fail veto
    assert s.failed and s.total == 0
    s = r.score_sheet(t, {"1.1": 10})
    assert set(s.missing) == {"1.2", "1.3", "1.4", "2.1", "2.2", "2.3"}


@pytest.mark.parametrize("value,message", [("21", "0—20"), ("3.3", "0.5"), ("abc", "不是数字"), ("-1", "0—20")])
def test_bad_item_values_refused(tmp_path, value, message):
    t = _tpl(tmp_path)
    with pytest.raises(DomainError, match=message):
        r.score_sheet(t, {"1.1": value})
    with pytest.raises(DomainError, match="否决项"):
        r.score_sheet(t, {"1.4": "maybe"})


def test_aggregation_and_spread():
    d = [Decimal(x) for x in ("80", "85", "90")]
    assert r.aggregate(d) == Decimal("85.0")
    assert r.aggregate([Decimal("80"), Decimal("85"), Decimal("86")]) == Decimal("83.7")
    five = [Decimal(x) for x in ("40", "80", "82", "84", "99")]
    assert r.aggregate(five, r.AGG_MEAN) == Decimal("77.0")
    assert r.aggregate(five, r.AGG_TRIMMED) == Decimal("82.0")
    assert r.aggregate(d, r.AGG_TRIMMED) == Decimal("85.0")   # fewer than five: plain mean
    assert r.spread(d) == 10 and not r.discrepant(d, Decimal(10)) and r.discrepant(d, Decimal("9.5"))
    assert r.aggregate([Decimal("0.05"), Decimal("0.1")]) == Decimal("0.1")  # half up


def test_group_rules():
    rules = r.Rules()
    assert "至少" in r.group_problem(["a", "b"], "a", rules)
    assert "单数" in r.group_problem(["a", "b", "c", "d"], "a", rules)
    assert r.group_problem(["a", "b", "c", "d"], "a", r.Rules(allow_even=True)) is None
    assert "组长" in r.group_problem(["a", "b", "c"], "x", rules)
    assert "5" in r.group_problem(["a", "b", "c"], "a", r.Rules(aggregation=r.AGG_TRIMMED))


def test_avoidance_same_unit_and_declared():
    found = r.avoidance_conflicts([("g1", "郑州示例 电力（安装）有限公司"), ("g2", "别的单位"), ("g3", "")],
                                  [("T1", "郑州示例电力(安装)有限公司"), ("T2", "")], {("g2", "T2")})
    assert {(c.grader, c.ticket_no) for c in found} == {("g1", "T1"), ("g2", "T2")}
    assert "同一单位" in found[0].reason


def test_template_import_errors_name_sheet_row_column(tmp_path):
    tasks = [["1", "装调", 60, 120, "台"], ["1", "重复", 30, "x", ""], ["3", "", 30, "", ""]]
    items = [["1", "1.1", "设计", 20, "", "", "否"], ["9", "9.1", "无项目", 5, "", "", "否"],
             ["1", "1.1", "重复", 5, "", "", "否"], ["1", "1.2", "安全", 5, "", "", "实操不合格"],
             ["1", "1.3", "坏", "", "", "", "否"], ["1", "1.4", "x", 5, "", "", "开除"]]
    with pytest.raises(ImportRejected) as e:
        _tpl(tmp_path, tasks=tasks, items=items)
    text = [str(x) for x in e.value.errors]
    joined = "\n".join(text)
    assert "工作表「考核项目」第 3 行「项目编号」列" in joined          # duplicate task code
    assert "工作表「考核项目」第 4 行「考核项目」列" in joined          # empty title
    assert "合计须为 100%（现为 90%）" in joined
    assert "工作表「评分细则」第 3 行「项目编号」列" in joined and "不在" in joined
    assert "工作表「评分细则」第 4 行「评分项编号」列" in joined       # duplicate item
    assert "第 5 行「配分」列：否决项不配分" in joined
    assert "第 6 行「配分」列" in joined
    assert "第 7 行「否决项」列" in joined
    assert "没有配分的评分项" in joined                              # task 3


def test_template_missing_sheet_and_settings(tmp_path):
    with pytest.raises(ImportRejected, match="缺少此工作表"):
        r.parse_template({"设置": [("项目", "值")]})
    with pytest.raises(ImportRejected) as e:
        _tpl(tmp_path, settings=[["评分表名称", ""], ["汇总方式", "中位数"], ["分差阈值", "abc"]])
    joined = "\n".join(map(str, e.value.errors))
    assert "第 2 行「值」列：评分表名称不能为空" in joined and "第 3 行「值」列：汇总方式" in joined
    assert "第 4 行「值」列：分差阈值" in joined


def test_template_round_trip(tmp_path):
    t = _tpl(tmp_path, settings=[["评分表名称", "X"], ["汇总方式", "去掉最高最低后平均"], ["分差阈值", 7.5],
                                 ["显示考生姓名", "是"]])
    assert t.rules == r.Rules(r.AGG_TRIMMED, Decimal("7.5"), True, False)
    assert r.Template.from_dict(t.to_dict()) == t
