"""Roster import rules: header matching with aliases, row validation, all-or-nothing.

Input is plain rows (what a spreadsheet reader returns); output is validated
``Batch`` and ``Candidate`` values or ``ImportRejected`` naming every faulty cell
by sheet, row and column.
"""

from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass, field
from typing import Any, Sequence

from app.core import codes
from app.core.errors import CellError, ImportRejected
from app.core.site import Batch, Candidate

PLAN_SHEET = "认定计划"
CANDIDATE_SHEET = "考生名册"

# canonical field -> (header shown in the template, aliases accepted)
PLAN_COLUMNS: dict[str, tuple[str, tuple[str, ...]]] = {
    "plan_no": ("认定计划号", ("计划号", "认定计划编号", "批次号", "计划编号")),
    "occupation_code": ("职业编码", ("职业编号", "职业代码")),
    "occupation_name": ("职业名称", ("职业", "认定职业")),
    "work_type": ("工种/职业方向", ("工种", "职业方向", "工种名称", "认定工种", "工种（职业方向）")),
    "level": ("等级", ("职业技能等级", "认定等级", "级别")),
    "exam_start": ("考试开始日期", ("考试日期", "开始日期", "认定日期")),
    "exam_end": ("考试结束日期", ("结束日期",)),
    "rooms": ("考场", ("考场名称", "考场列表")),
    "pass_theory": ("理论合格线", ("理论知识考试合格线", "理论及格线")),
    "pass_practical": ("实操合格线", ("操作技能考核合格线", "实操及格线")),
    "pass_review": ("综合评审合格线", ("综合评审及格线",)),
}
PLAN_REQUIRED = ("plan_no", "occupation_code", "occupation_name", "level", "exam_start")

CANDIDATE_COLUMNS: dict[str, tuple[str, tuple[str, ...]]] = {
    "plan_no": ("认定计划号", ("计划号", "认定计划编号", "批次号")),
    "ticket_no": ("准考证号", ("准考证号码", "准考证", "考号", "准考号")),
    "name": ("姓名", ("考生姓名",)),
    "sex": ("性别", ()),
    "id_type": ("证件类型", ("证件种类",)),
    "id_no": ("证件号码", ("身份证号", "身份证号码", "证件号", "公民身份号码")),
    "unit": ("所在单位", ("工作单位", "单位", "所在单位或住址", "单位名称")),
    "room": ("考场", ("考场名称", "考场号")),
    "seat": ("座位号", ("座号", "机位号", "工位号")),
}
CANDIDATE_REQUIRED = ("ticket_no", "name", "id_no")


def _norm_header(text: Any) -> str:
    value = str(text or "").strip()
    value = re.sub(r"[\s*＊]", "", value)
    return value.replace("（", "(").replace("）", ")").replace("／", "/")


def match_headers(header_row: Sequence[Any], columns: dict, sheet: str, header_row_no: int,
                  required: Sequence[str]) -> tuple[dict[str, int], list[CellError]]:
    """Map canonical field -> 0-based column index; errors for missing or repeated headers."""
    lookup: dict[str, str] = {}
    for key, (title, aliases) in columns.items():
        for name in (title, *aliases):
            lookup[_norm_header(name)] = key
    found: dict[str, int] = {}
    errors: list[CellError] = []
    for idx, cell in enumerate(header_row):
        norm = _norm_header(cell)
        if not norm:
            continue
        key = lookup.get(norm)
        if key is None:
            continue  # unknown columns are ignored (platform exports carry extras)
        if key in found:
            errors.append(CellError(sheet, header_row_no, str(cell), f"与第 {found[key] + 1} 列重复"))
            continue
        found[key] = idx
    for key in required:
        if key not in found:
            errors.append(CellError(sheet, header_row_no, columns[key][0], "缺少此列（表头未找到）"))
    return found, errors


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


_DATE_FORMATS = ("%Y-%m-%d", "%Y/%m/%d", "%Y.%m.%d", "%Y年%m月%d日", "%Y%m%d")


def parse_date(value: Any) -> _dt.date:
    if isinstance(value, _dt.datetime):
        return value.date()
    if isinstance(value, _dt.date):
        return value
    text = _text(value)
    for fmt in _DATE_FORMATS:
        try:
            return _dt.datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    raise ValueError(text)


def _mark(value: Any) -> int | None:
    text = _text(value)
    if not text:
        return None
    number = float(text)
    if not number.is_integer() or not 0 < number <= 100:
        raise ValueError(text)
    return int(number)


@dataclass
class RosterData:
    batches: list[Batch] = field(default_factory=list)
    candidates: dict[str, list[tuple[int, Candidate]]] = field(default_factory=dict)  # plan_no -> [(row, c)]

    @property
    def candidate_count(self) -> int:
        return sum(len(v) for v in self.candidates.values())


def _rows(sheet_rows: Sequence[Sequence[Any]]) -> tuple[int, Sequence[Any], list[tuple[int, Sequence[Any]]]]:
    """Find the header row (first non-empty row) and the data rows with their Excel numbers."""
    header_idx = None
    for i, row in enumerate(sheet_rows):
        if any(_text(c) for c in row):
            header_idx = i
            break
    if header_idx is None:
        return 1, (), []
    data = [(i + 1, row) for i, row in enumerate(sheet_rows) if i > header_idx and any(_text(c) for c in row)]
    return header_idx + 1, sheet_rows[header_idx], data


def _cell(row: Sequence[Any], idx: int | None) -> Any:
    if idx is None or idx >= len(row):
        return None
    return row[idx]


def parse_plan_sheet(sheet_rows: Sequence[Sequence[Any]], errors: list[CellError]) -> list[tuple[int, Batch]]:
    header_no, header, data = _rows(sheet_rows)
    cols, errs = match_headers(header, PLAN_COLUMNS, PLAN_SHEET, header_no, PLAN_REQUIRED)
    errors.extend(errs)
    if errs:
        return []
    out: list[tuple[int, Batch]] = []
    seen: dict[str, int] = {}
    for row_no, row in data:
        title = {k: PLAN_COLUMNS[k][0] for k in PLAN_COLUMNS}

        def err(key: str, msg: str) -> None:
            errors.append(CellError(PLAN_SHEET, row_no, title[key], msg))

        values = {k: _cell(row, cols.get(k)) for k in PLAN_COLUMNS}
        plan_no = _text(values["plan_no"])
        n_before = len(errors)
        try:
            level = codes.parse_level(_text(values["level"]))
        except ValueError:
            err("level", f"「{_text(values['level'])}」不是有效等级（1—5 或 五级/四级…）")
            level = 0
        try:
            start = parse_date(values["exam_start"])
        except ValueError:
            err("exam_start", f"「{_text(values['exam_start'])}」不是有效日期（如 2026-12-05）")
            start = None
        end = start
        if _text(values["exam_end"]):
            try:
                end = parse_date(values["exam_end"])
            except ValueError:
                err("exam_end", f"「{_text(values['exam_end'])}」不是有效日期")
        marks = {}
        for subject, key in (("theory", "pass_theory"), ("practical", "pass_practical"), ("review", "pass_review")):
            try:
                mark = _mark(values[key])
            except ValueError:
                err(key, "合格线应为1—100的整数")
                continue
            if mark is not None:
                marks[subject] = mark
        rooms = tuple(r for r in re.split(r"[、,，;；\s]+", _text(values["rooms"])) if r)
        if len(errors) > n_before or start is None:
            continue
        batch = Batch(plan_no=plan_no, occupation_code=_text(values["occupation_code"]),
                      occupation_name=_text(values["occupation_name"]),
                      work_type=_text(values["work_type"]) or None, level=level, exam_start=start,
                      exam_end=end or start, rooms=rooms, pass_marks=marks)
        for key, msg in batch.problems().items():
            err(key if key in title else "plan_no", msg)
        if plan_no in seen:
            err("plan_no", f"认定计划号与第 {seen[plan_no]} 行重复")
        seen.setdefault(plan_no, row_no)
        if len(errors) == n_before:
            out.append((row_no, batch))
    if not data:
        errors.append(CellError(PLAN_SHEET, header_no + 1, "", "没有任何认定计划"))
    return out


def parse_candidate_sheet(sheet_rows: Sequence[Sequence[Any]], plans: dict[str, Batch],
                          errors: list[CellError], existing_tickets: set[str] = frozenset(),
                          existing_ids: dict[str, set[str]] | None = None) -> dict[str, list[tuple[int, Candidate]]]:
    existing_ids = existing_ids or {}
    header_no, header, data = _rows(sheet_rows)
    cols, errs = match_headers(header, CANDIDATE_COLUMNS, CANDIDATE_SHEET, header_no, CANDIDATE_REQUIRED)
    errors.extend(errs)
    if errs:
        return {}
    single_plan = next(iter(plans)) if len(plans) == 1 else None
    if "plan_no" not in cols and single_plan is None:
        errors.append(CellError(CANDIDATE_SHEET, header_no, "认定计划号", "有多个认定计划时，考生名册必须有「认定计划号」列"))
        return {}
    title = {k: CANDIDATE_COLUMNS[k][0] for k in CANDIDATE_COLUMNS}
    out: dict[str, list[tuple[int, Candidate]]] = {}
    tickets: dict[str, int] = {}
    ids: dict[tuple[str, str], int] = {}
    for row_no, row in data:
        def err(key: str, msg: str) -> None:
            errors.append(CellError(CANDIDATE_SHEET, row_no, title[key], msg))

        values = {k: _cell(row, cols.get(k)) for k in CANDIDATE_COLUMNS}
        n_before = len(errors)
        plan_no = _text(values["plan_no"]) or (single_plan or "")
        if plan_no not in plans:
            err("plan_no", f"认定计划号「{plan_no}」不在认定计划中")
        id_type_text = _text(values["id_type"]) or codes.ID_TYPE_RESIDENT_CARD
        try:
            id_type = codes.parse_id_type(id_type_text)
        except ValueError:
            err("id_type", f"「{id_type_text}」不在证件类型代码表中（201 居民身份证 …）")
            id_type = ""
        id_no = _text(values["id_no"]).upper()
        sex_text = _text(values["sex"])
        if sex_text:
            try:
                sex = codes.parse_sex(sex_text)
            except ValueError:
                err("sex", f"「{sex_text}」不是有效性别（男/女）")
                sex = ""
        elif id_type == codes.ID_TYPE_RESIDENT_CARD and len(id_no) == 18 and id_no[16].isdigit():
            from app.core.idcard import sex_from_id

            sex = sex_from_id(id_no)
        else:
            err("sex", "性别不能为空")
            sex = ""
        cand = Candidate(ticket_no=_text(values["ticket_no"]), name=_text(values["name"]), sex=sex or "男",
                         id_type=id_type or codes.ID_TYPE_RESIDENT_CARD, id_no=id_no, unit=_text(values["unit"]),
                         room=_text(values["room"]), seat=_text(values["seat"]))
        for key, msg in cand.problems().items():
            if key == "sex" and not sex:
                continue
            if key == "id_type" and not id_type:
                continue
            err(key, msg)
        t = cand.ticket_no
        if t and t in tickets:
            err("ticket_no", f"准考证号「{t}」与第 {tickets[t]} 行重复")
        elif t and t in existing_tickets:
            err("ticket_no", f"准考证号「{t}」已在本站点的名册中")
        tickets.setdefault(t, row_no)
        key_id = (plan_no, id_no)
        if id_no and key_id in ids:
            err("id_no", f"证件号码与第 {ids[key_id]} 行重复（同一认定计划）")
        elif id_no and id_no in existing_ids.get(plan_no, set()):
            err("id_no", "证件号码已在此认定计划的名册中")
        ids.setdefault(key_id, row_no)
        batch = plans.get(plan_no)
        if batch is not None and batch.rooms and cand.room and cand.room not in batch.rooms:
            err("room", f"考场「{cand.room}」不在认定计划的考场列表中")
        if len(errors) == n_before:
            out.setdefault(plan_no, []).append((row_no, cand))
    if not data:
        errors.append(CellError(CANDIDATE_SHEET, header_no + 1, "", "名册中没有任何考生"))
    return out


def parse_roster(sheets: dict[str, Sequence[Sequence[Any]]], known_plans: dict[str, Batch] | None = None,
                 existing_tickets: set[str] = frozenset(),
                 existing_ids: dict[str, set[str]] | None = None) -> RosterData:
    """Validate a whole workbook.  ``known_plans`` are batches already in the store, so a
    candidate-only workbook may add to them.  Raises ``ImportRejected`` with every fault."""
    known_plans = dict(known_plans or {})
    errors: list[CellError] = []
    plan_rows: list[tuple[int, Batch]] = []
    plan_sheet = _find_sheet(sheets, PLAN_SHEET, ("认定批次", "批次计划", "计划"))
    cand_sheet = _find_sheet(sheets, CANDIDATE_SHEET, ("考生", "名册", "人员名册", "考生信息"))
    if plan_sheet is not None:
        plan_rows = parse_plan_sheet(sheets[plan_sheet], errors)
        for row_no, b in plan_rows:
            if b.plan_no in known_plans:
                errors.append(CellError(PLAN_SHEET, row_no, "认定计划号", f"认定计划「{b.plan_no}」已导入过"))
    elif not known_plans:
        errors.append(CellError(PLAN_SHEET, 1, "", "工作簿中没有「认定计划」工作表"))
    if cand_sheet is None:
        errors.append(CellError(CANDIDATE_SHEET, 1, "", "工作簿中没有「考生名册」工作表"))
    plans = {b.plan_no: b for _, b in plan_rows} or known_plans
    candidates = {}
    if cand_sheet is not None and plans:
        candidates = parse_candidate_sheet(sheets[cand_sheet], plans, errors, existing_tickets, existing_ids)
    if errors:
        raise ImportRejected(errors)
    return RosterData(batches=[b for _, b in plan_rows], candidates=candidates)


def _find_sheet(sheets: dict, name: str, aliases: tuple[str, ...]) -> str | None:
    for candidate in (name, *aliases):
        for actual in sheets:
            if actual.strip() == candidate:
                return actual
    return None
