"""The roster workbook: the template shipped in resources/templates and the demo's file."""

from __future__ import annotations

from pathlib import Path
from typing import Iterable, Sequence

from openpyxl import Workbook

from app.core.roster import CANDIDATE_COLUMNS, CANDIDATE_SHEET, PLAN_COLUMNS, PLAN_SHEET
from app.formats.xlsx import write_sheet

PLAN_HEADERS = [title for title, _ in PLAN_COLUMNS.values()]
CANDIDATE_HEADERS = [title for title, _ in CANDIDATE_COLUMNS.values()]

PLAN_NOTES = (
    "说明：必填列为 认定计划号、职业编码、职业名称、等级、考试开始日期；等级可写 1—5 或 四级/中级工；",
    "无工种的职业「工种/职业方向」留空；考场以顿号分隔；合格线留空时按 60 分。",
)
CANDIDATE_NOTES = (
    "说明：证件类型可写代码（201）或名称（居民身份证），留空按居民身份证；性别留空时按身份证号码推定；",
    "照片放在同一文件夹，文件名为准考证号或证件号码（.jpg/.png）。",
)


def write_roster(path: Path, plans: Iterable[Sequence], candidates: Iterable[Sequence], notes: bool = False) -> None:
    wb = Workbook()
    write_sheet(wb, PLAN_SHEET, PLAN_HEADERS, plans, first=True, notes=PLAN_NOTES if notes else ())
    write_sheet(wb, CANDIDATE_SHEET, CANDIDATE_HEADERS, candidates, notes=CANDIDATE_NOTES if notes else ())
    wb.save(path)


def write_template(path: Path) -> None:
    write_roster(path,
                 [["2026-DG-0001", "6-31-01-03", "电工", "", "四级", "2026-12-05", "2026-12-06", "第1考场、第2考场",
                   60, 60, ""]],
                 [["2026-DG-0001", "DG26040001", "张三", "男", "201", "410102199001011234", "示例单位", "第1考场", "01"]],
                 notes=True)
