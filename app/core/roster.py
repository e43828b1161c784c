"""Roster import rules: header matching with aliases, row validation, all-or-nothing.

Input is plain rows (what a spreadsheet reader returns); output is validated
``Batch`` and ``Candidate`` values or ``ImportRejected`` naming every faulty cell
by sheet, row and column.
"""

from __future__ import annotations

import datetime as _dt
import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any, Sequence

from app.core import codes, identity
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


def _nfkc(value: Any) -> str:
    return unicodedata.normalize("NFKC", _text(value))


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
    candidate_sheet: str = CANDIDATE_SHEET  # the sheet's name in the file, for row references

    @property
    def candidate_count(self) -> int:
        return sum(len(v) for v in self.candidates.values())


_NOTE_START = ("说明", "注：", "注:", "注意", "填表说明", "填写说明", "备注：", "备注:", "*", "＊", "※")


def _is_note(row: Sequence[Any]) -> bool:
    """A template's instruction line (说明：…) written under the data: one text cell."""
    filled = [c for c in row if _text(c)]
    return len(filled) == 1 and isinstance(filled[0], str) and filled[0].strip().startswith(_NOTE_START)


def _header_score(row: Sequence[Any], columns: dict) -> int:
    names = {_norm_header(n) for title, aliases in columns.values() for n in (title, *aliases)}
    return sum(1 for c in row if _norm_header(c) in names)


def _rows(sheet_rows: Sequence[Sequence[Any]], columns: dict | None = None
          ) -> tuple[int, Sequence[Any], list[tuple[int, Sequence[Any]]]]:
    """Find the header row and the data rows with their Excel row numbers.  The header is
    the row among the first ten that names the most known columns (platform exports put a
    title line above it); without ``columns``, the first non-empty row.  Instruction lines
    (说明：…) and empty rows are not data."""
    header_idx = None
    if columns is not None:
        best = 0
        for i, row in enumerate(sheet_rows[:10]):
            score = _header_score(row, columns)
            if score > best:
                header_idx, best = i, score
    if header_idx is None:
        for i, row in enumerate(sheet_rows):
            if any(_text(c) for c in row):
                header_idx = i
                break
    if header_idx is None:
        return 1, (), []
    data = []
    in_notes = False
    for i, row in enumerate(sheet_rows):
        if i <= header_idx or not any(_text(c) for c in row):
            continue
        single_text = sum(1 for c in row if _text(c)) == 1 and isinstance(next(c for c in row if _text(c)), str)
        if _is_note(row) or (in_notes and single_text):
            in_notes = True  # a note's continuation lines (the template writes two) are notes too
            continue
        data.append((i + 1, row))
    return header_idx + 1, sheet_rows[header_idx], data


def _cell(row: Sequence[Any], idx: int | None) -> Any:
    if idx is None or idx >= len(row):
        return None
    return row[idx]


def parse_plan_sheet(sheet_rows: Sequence[Sequence[Any]], errors: list[CellError],
                     sheet: str = PLAN_SHEET) -> list[tuple[int, Batch]]:
    header_no, header, data = _rows(sheet_rows, PLAN_COLUMNS)
    cols, errs = match_headers(header, PLAN_COLUMNS, sheet, header_no, PLAN_REQUIRED)
    errors.extend(errs)
    if errs:
        return []
    out: list[tuple[int, Batch]] = []
    seen: dict[str, int] = {}
    for row_no, row in data:
        title = {k: PLAN_COLUMNS[k][0] for k in PLAN_COLUMNS}

        def err(key: str, msg: str) -> None:
            errors.append(CellError(sheet, row_no, title[key], msg))

        values = {k: _cell(row, cols.get(k)) for k in PLAN_COLUMNS}
        plan_no = identity.normalise("plan_no", values["plan_no"])
        texts = {}
        for key in ("occupation_name", "work_type"):
            texts[key] = identity.normalise(key, values[key])
            problem = identity.problem(key, texts[key])
            if problem:
                err(key, problem)
        n_before = len(errors)
        try:
            level = codes.parse_level(_text(values["level"]))
        except ValueError:
            err("level", f"「{identity.show(_text(values['level']))}」不是有效等级（1—5、四级、中级工 或 四级/中级工）")
            level = 0
        try:
            start = parse_date(values["exam_start"])
        except ValueError:
            err("exam_start", f"「{identity.show(_text(values['exam_start']))}」不是有效日期（如 2026-12-05）")
            start = None
        end = start
        if _text(values["exam_end"]):
            try:
                end = parse_date(values["exam_end"])
            except ValueError:
                err("exam_end", f"「{identity.show(_text(values['exam_end']))}」不是有效日期")
        marks = {}
        for subject, key in (("theory", "pass_theory"), ("practical", "pass_practical"), ("review", "pass_review")):
            try:
                mark = _mark(values[key])
            except ValueError:
                err(key, f"合格线「{identity.show(_text(values[key]))}」应为1—100的整数")
                continue
            if mark is not None:
                marks[subject] = mark
        rooms = tuple(r for r in re.split(r"[、,，;；\s]+", _text(values["rooms"])) if r)
        if len(errors) > n_before or start is None:
            continue
        batch = Batch(plan_no=plan_no, occupation_code=_nfkc(values["occupation_code"]),
                      occupation_name=texts["occupation_name"],
                      work_type=texts["work_type"] or None, level=level, exam_start=start,
                      exam_end=end or start, rooms=rooms, pass_marks=marks)
        for key, msg in batch.problems().items():
            err(key if key in title else "plan_no", msg)
        if plan_no in seen:
            err("plan_no", f"认定计划号与第 {seen[plan_no]} 行重复")
        seen.setdefault(plan_no, row_no)
        if len(errors) == n_before:
            out.append((row_no, batch))
    if not data:
        errors.append(CellError(sheet, header_no + 1, "", "没有任何认定计划"))
    return out


def parse_candidate_sheet(sheet_rows: Sequence[Sequence[Any]], plans: dict[str, Batch],
                          errors: list[CellError], existing_tickets: set[str] = frozenset(),
                          existing_ids: dict[str, set[str]] | None = None, sheet: str = CANDIDATE_SHEET
                          ) -> dict[str, list[tuple[int, Candidate]]]:
    existing_ids = existing_ids or {}
    header_no, header, data = _rows(sheet_rows, CANDIDATE_COLUMNS)
    cols, errs = match_headers(header, CANDIDATE_COLUMNS, sheet, header_no, CANDIDATE_REQUIRED)
    errors.extend(errs)
    if errs:
        return {}
    single_plan = next(iter(plans)) if len(plans) == 1 else None
    if "plan_no" not in cols and single_plan is None:
        errors.append(CellError(sheet, header_no, "认定计划号", "有多个认定计划时，考生名册必须有「认定计划号」列"))
        return {}
    title = {k: CANDIDATE_COLUMNS[k][0] for k in CANDIDATE_COLUMNS}
    out: dict[str, list[tuple[int, Candidate]]] = {}
    tickets: dict[str, int] = {}
    ids: dict[tuple[str, str], int] = {}
    for row_no, row in data:
        def err(key: str, msg: str) -> None:
            errors.append(CellError(sheet, row_no, title[key], msg))

        values = {k: _cell(row, cols.get(k)) for k in CANDIDATE_COLUMNS}
        n_before = len(errors)
        plan_no = identity.normalise("plan_no", values["plan_no"]) or (single_plan or "")
        if plan_no not in plans:
            err("plan_no", f"认定计划号「{identity.show(plan_no)}」不在认定计划中")
        id_type_text = _nfkc(values["id_type"]) or codes.ID_TYPE_RESIDENT_CARD
        try:
            id_type = codes.parse_id_type(id_type_text)
        except ValueError:
            err("id_type", f"「{identity.show(id_type_text)}」不在证件类型代码表中（201 居民身份证 …）")
            id_type = ""
        # One normal form for every identity field (NFKC: ４１０ is 410), and no control or
        # bidi characters, before any rule or duplicate check sees the value.
        fields = {key: identity.normalise(key, values[key]) for key in ("ticket_no", "name", "unit", "room", "seat")}
        id_no = identity.normalise("id_no", values["id_no"])
        for key, value in fields.items():
            problem = identity.problem(key, value)
            if problem:
                err(key, problem)
        problem = identity.id_no_problem(id_no, id_type or codes.ID_TYPE_RESIDENT_CARD)
        if problem:
            err("id_no", problem)
        sex_text = _text(values["sex"])
        if sex_text:
            try:
                sex = codes.parse_sex(sex_text)
            except ValueError:
                err("sex", f"「{identity.show(sex_text)}」不是有效性别（男/女）")
                sex = ""
        elif id_type == codes.ID_TYPE_RESIDENT_CARD and len(id_no) == 18 and id_no[16] in "0123456789":
            from app.core.idcard import sex_from_id

            sex = sex_from_id(id_no)
        else:
            err("sex", "性别不能为空")
            sex = ""
        cand = Candidate(ticket_no=fields["ticket_no"], name=fields["name"], sex=sex or "男",
                         id_type=id_type or codes.ID_TYPE_RESIDENT_CARD, id_no=id_no, unit=fields["unit"],
                         room=fields["room"], seat=fields["seat"])
        for key, msg in cand.problems().items():
            if key == "sex" and not sex:
                continue
            if key == "id_type" and not id_type:
                continue
            if any(e.column == title.get(key) for e in errors[n_before:]):
                continue  # already named by the identity check
            if key == "id_no" and id_no:
                msg = f"「{identity.show(id_no)}」：{msg}"
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
        errors.append(CellError(sheet, header_no + 1, "", "名册中没有任何考生"))
    return out


def parse_roster(sheets: dict[str, Sequence[Sequence[Any]]], known_plans: dict[str, Batch] | None = None,
                 existing_tickets: set[str] = frozenset(),
                 existing_ids: dict[str, set[str]] | None = None,
                 plan_fields: dict[str, Any] | None = None) -> RosterData:
    """Validate a whole workbook.  ``known_plans`` are batches already in the store, so a
    candidate-only workbook may add to them; ``plan_fields`` (canonical names of
    ``PLAN_COLUMNS``: plan_no, occupation_code, …) create the batch when the file has no plan
    sheet (a platform's candidate list alone).  Sheets are found by name (the template's and
    the platforms' usual names), else by their headers.  Raises ``ImportRejected`` with
    every fault; a missing sheet names the sheets the file has."""
    known_plans = dict(known_plans or {})
    errors: list[CellError] = []
    plan_rows: list[tuple[int, Batch]] = []
    plan_sheet = _find_sheet(sheets, PLAN_SHEET, PLAN_SHEET_ALIASES, PLAN_COLUMNS, PLAN_REQUIRED)
    cand_sheet = _find_sheet(sheets, CANDIDATE_SHEET, CANDIDATE_SHEET_ALIASES, CANDIDATE_COLUMNS,
                             CANDIDATE_REQUIRED, exclude=plan_sheet)
    found = "、".join(f"「{name}」" for name in sheets) or "（无）"
    if plan_fields:
        if plan_sheet is not None:
            errors.append(CellError(plan_sheet, 1, "", "文件中已有认定计划工作表，不能再另行填写计划信息"))
        else:
            header = [PLAN_COLUMNS[k][0] for k in PLAN_COLUMNS]
            row = [plan_fields.get(k) for k in PLAN_COLUMNS]
            plan_rows = parse_plan_sheet([header, row], errors, sheet=PLAN_FIELDS_SOURCE)
    elif plan_sheet is not None:
        plan_rows = parse_plan_sheet(sheets[plan_sheet], errors, sheet=plan_sheet)
    elif not known_plans:
        errors.append(CellError(PLAN_SHEET, 1, "", f"工作簿中没有「认定计划」工作表（找到的工作表：{found}）；"
                                                   "也可在导入时填写认定计划信息"))
    for row_no, b in plan_rows:
        if b.plan_no in known_plans:
            errors.append(CellError(plan_sheet or PLAN_FIELDS_SOURCE, row_no, "认定计划号",
                                    f"认定计划「{b.plan_no}」已导入过"))
    if cand_sheet is None:
        errors.append(CellError(CANDIDATE_SHEET, 1, "", f"工作簿中没有「考生名册」工作表（找到的工作表：{found}）"))
    plans = {b.plan_no: b for _, b in plan_rows} or known_plans
    candidates = {}
    if cand_sheet is not None and plans:
        candidates = parse_candidate_sheet(sheets[cand_sheet], plans, errors, existing_tickets, existing_ids,
                                           sheet=cand_sheet)
    if errors:
        raise ImportRejected(errors)
    return RosterData(batches=[b for _, b in plan_rows], candidates=candidates, candidate_sheet=cand_sheet)


PLAN_FIELDS_SOURCE = "认定计划信息"
PLAN_SHEET_ALIASES = ("认定批次", "批次计划", "计划", "认定计划信息", "批次信息", "计划信息")
CANDIDATE_SHEET_ALIASES = ("考生", "名册", "人员名册", "考生信息", "考生名单", "报名名单", "报名信息", "人员名单",
                           "花名册", "认定人员名单", "考生花名册")


def _find_sheet(sheets: dict, name: str, aliases: tuple[str, ...], columns: dict, required: Sequence[str],
                exclude: str | None = None) -> str | None:
    """By name (the template's, then the usual aliases), else the one sheet whose header
    row carries every required column."""
    for candidate in (name, *aliases):
        for actual in sheets:
            if actual != exclude and str(actual).strip() == candidate:
                return actual
    fits = []
    for actual, rows in sheets.items():
        if actual == exclude:
            continue
        _, header, _ = _rows(rows, columns)
        cols, errs = match_headers(header, columns, str(actual), 1, required)
        if not errs:
            fits.append(actual)
    return fits[0] if len(fits) == 1 else None
