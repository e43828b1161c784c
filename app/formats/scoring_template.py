"""The scoring-sheet template workbook (评分记录表模板) shipped in resources/templates."""

from __future__ import annotations

from pathlib import Path
from typing import Sequence

from openpyxl import Workbook

from app.core.scoring import (ITEM_COLUMNS, ITEM_SHEET, SETTINGS_KEYS, SETTINGS_SHEET, TASK_COLUMNS, TASK_SHEET)
from app.formats.xlsx import write_sheet

TASK_HEADERS = [t for t, _ in TASK_COLUMNS.values()]
ITEM_HEADERS = [t for t, _ in ITEM_COLUMNS.values()]

EXAMPLE_SETTINGS = [
    [SETTINGS_KEYS["title"][0], "电工（四级）操作技能考核评分记录表"],
    [SETTINGS_KEYS["aggregation"][0], "平均"],
    [SETTINGS_KEYS["spread"][0], 10],
    [SETTINGS_KEYS["show_names"][0], "否"],
    [SETTINGS_KEYS["allow_even"][0], "否"],
]
EXAMPLE_TASKS = [
    ["1", "继电控制电路装调", 60, 120, "电工实训台"],
    ["2", "电工仪表与测量", 40, 60, "测量工位"],
]
EXAMPLE_ITEMS = [
    ["1", "1.1", "电路设计", 20, "主电路、控制电路设计正确", "每处错误扣 5 分", "否"],
    ["1", "1.2", "元件安装与布线", 30, "元件布置合理，布线横平竖直", "布线不规范每处扣 2 分", "否"],
    ["1", "1.3", "通电试验", 50, "一次通电成功", "一次不成功扣 20 分，两次不成功扣 50 分", "否"],
    ["1", "1.4", "安全文明生产", "", "遵守安全操作规程", "违反安全操作规程造成事故", "实操不合格"],
    ["2", "2.1", "仪表选择", 40, "正确选择仪表与量程", "选择错误扣 20 分", "否"],
    ["2", "2.2", "测量与读数", 60, "测量方法正确，读数准确", "每处错误扣 10 分", "否"],
    ["2", "2.3", "损坏仪表", "", "", "损坏仪表，本项目零分", "本项目零分"],
]
NOTES = {
    SETTINGS_SHEET: ("说明：汇总方式填「平均」或「去掉最高最低后平均」（需 5 名以上考评员）；分差阈值：考评员之间总分相差超过此值时交考评组长裁定。",),
    TASK_SHEET: ("说明：各项目考核比重合计须为 100；时限以分钟计；工位为该项目所用的工位类型。",),
    ITEM_SHEET: ("说明：配分为该评分项的满分，考评员按 0.5 分为单位评分；否决项填「本项目零分」或「实操不合格」，否决项不配分。",),
}


def write_template_workbook(path: Path, settings: Sequence[Sequence], tasks: Sequence[Sequence],
                            items: Sequence[Sequence], notes: bool = False) -> None:
    wb = Workbook()
    write_sheet(wb, SETTINGS_SHEET, ["项目", "值"], settings, widths=[18, 40], first=True,
                notes=NOTES[SETTINGS_SHEET] if notes else ())
    write_sheet(wb, TASK_SHEET, TASK_HEADERS, tasks, widths=[10, 28, 14, 12, 18],
                notes=NOTES[TASK_SHEET] if notes else ())
    write_sheet(wb, ITEM_SHEET, ITEM_HEADERS, items, widths=[10, 12, 22, 8, 36, 36, 14],
                notes=NOTES[ITEM_SHEET] if notes else ())
    wb.save(path)


def write_template(path: Path) -> None:
    write_template_workbook(path, EXAMPLE_SETTINGS, EXAMPLE_TASKS, EXAMPLE_ITEMS, notes=True)
