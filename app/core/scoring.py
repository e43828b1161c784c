"""Practical scoring (实操评分): the scoring sheet, a sheet's score, aggregation, avoidance.

Pure rules: no Qt, no SQL, no clock.  Scores are ``Decimal`` throughout so that a total
never depends on binary floating point.

* A template (评分记录表) has tasks (考核项目) with weights (考核比重, summing to 100),
  a time limit and a workstation; each task has items (评分项目) with points (配分),
  criteria (评分标准) and deduction rules (扣分说明).  A veto item (否决项, e.g. 安全)
  scores nothing itself; when triggered it either zeroes its task or fails the candidate.
* A sheet's total = Σ (task points earned / task points available × weight), to 0.01.
* The group's result = mean of the graders' totals (or, configured, the mean after
  dropping one highest and one lowest when five or more graders scored), to 0.1,
  rounded half up.  A spread above the configured threshold goes to the chief grader.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Any, Mapping, Sequence

from app.core.errors import CellError, DomainError, ImportRejected

VETO_NONE = ""
VETO_TASK_ZERO = "task_zero"
VETO_FAIL = "fail"
VETO_NAMES = {VETO_NONE: "否", VETO_TASK_ZERO: "本项目零分", VETO_FAIL: "实操不合格"}

AGG_MEAN = "mean"
AGG_TRIMMED = "trimmed"
AGG_NAMES = {AGG_MEAN: "平均", AGG_TRIMMED: "去掉最高最低后平均"}
TRIMMED_MIN_GRADERS = 5
MIN_GRADERS = 3

STEP = Decimal("0.5")
SHEET_Q = Decimal("0.01")
FINAL_Q = Decimal("0.1")
HUNDRED = Decimal(100)

SETTINGS_SHEET = "设置"
TASK_SHEET = "考核项目"
ITEM_SHEET = "评分细则"

# column key -> header, required
SETTINGS_KEYS = {
    "title": ("评分表名称", True),
    "aggregation": ("汇总方式", False),
    "spread": ("分差阈值", False),
    "show_names": ("显示考生姓名", False),
    "allow_even": ("允许偶数考评员", False),
}
TASK_COLUMNS = {
    "code": ("项目编号", True),
    "title": ("考核项目", True),
    "weight": ("考核比重(%)", True),
    "time_limit": ("时限(分钟)", False),
    "workstation": ("工位", False),
}
ITEM_COLUMNS = {
    "task": ("项目编号", True),
    "code": ("评分项编号", True),
    "title": ("评分项目", True),
    "points": ("配分", False),
    "criteria": ("评分标准", False),
    "deductions": ("扣分说明", False),
    "veto": ("否决项", False),
}


@dataclass(frozen=True)
class Item:
    code: str
    title: str
    points: Decimal
    criteria: str = ""
    deductions: str = ""
    veto: str = VETO_NONE

    @property
    def is_veto(self) -> bool:
        return self.veto != VETO_NONE


@dataclass(frozen=True)
class Task:
    code: str
    title: str
    weight: Decimal
    items: tuple[Item, ...]
    time_limit: int | None = None
    workstation: str = ""

    @property
    def max_points(self) -> Decimal:
        return sum((i.points for i in self.items if not i.is_veto), Decimal(0))


@dataclass(frozen=True)
class Rules:
    aggregation: str = AGG_MEAN
    spread: Decimal = Decimal(10)
    show_names: bool = False
    allow_even: bool = False


@dataclass(frozen=True)
class Template:
    title: str
    tasks: tuple[Task, ...]
    rules: Rules = field(default_factory=Rules)

    def items(self) -> list[tuple[Task, Item]]:
        return [(t, i) for t in self.tasks for i in t.items]

    def item(self, code: str) -> Item:
        for _, i in self.items():
            if i.code == code:
                return i
        raise KeyError(code)

    def to_dict(self) -> dict:
        return {
            "title": self.title,
            "rules": {"aggregation": self.rules.aggregation, "spread": str(self.rules.spread),
                      "show_names": self.rules.show_names, "allow_even": self.rules.allow_even},
            "tasks": [{"code": t.code, "title": t.title, "weight": str(t.weight), "time_limit": t.time_limit,
                       "workstation": t.workstation,
                       "items": [{"code": i.code, "title": i.title, "points": str(i.points),
                                  "criteria": i.criteria, "deductions": i.deductions, "veto": i.veto}
                                 for i in t.items]} for t in self.tasks],
        }

    @classmethod
    def from_dict(cls, d: Mapping) -> "Template":
        r = d.get("rules", {})
        rules = Rules(r.get("aggregation", AGG_MEAN), Decimal(r.get("spread", "10")), bool(r.get("show_names")),
                      bool(r.get("allow_even")))
        tasks = tuple(Task(t["code"], t["title"], Decimal(t["weight"]),
                           tuple(Item(i["code"], i["title"], Decimal(i["points"]), i.get("criteria", ""),
                                      i.get("deductions", ""), i.get("veto", "")) for i in t["items"]),
                           t.get("time_limit"), t.get("workstation", "")) for t in d["tasks"])
        return cls(d["title"], tasks, rules)


# ---------------------------------------------------------------- a sheet's score

@dataclass(frozen=True)
class SheetScore:
    total: Decimal
    tasks: dict[str, Decimal]          # task code -> weighted contribution
    vetoes: tuple[str, ...]            # triggered veto item codes
    failed: bool                       # a 'fail' veto was triggered
    missing: tuple[str, ...]           # item codes not yet scored

    @property
    def complete(self) -> bool:
        return not self.missing


def parse_entry(item: Item, value: Any) -> Decimal | bool | None:
    """One entered value, checked.  Normal items: 0..配分 in steps of 0.5; veto items: yes/no."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if item.is_veto:
        if isinstance(value, bool):
            return value
        text = str(value).strip().lower()
        if text in ("是", "y", "yes", "1", "true", "触发"):
            return True
        if text in ("否", "n", "no", "0", "false"):
            return False
        raise DomainError(f"评分项「{item.code} {item.title}」是否决项，只能填「是」或「否」")
    if isinstance(value, bool):
        raise DomainError(f"评分项「{item.code} {item.title}」须填写得分")
    try:
        d = Decimal(str(value).strip())
    except InvalidOperation:
        raise DomainError(f"评分项「{item.code} {item.title}」的得分「{value}」不是数字") from None
    if not d.is_finite() or d < 0 or d > item.points:
        raise DomainError(f"评分项「{item.code} {item.title}」的得分须在 0—{item.points} 之间")
    if d % STEP != 0:
        raise DomainError(f"评分项「{item.code} {item.title}」的得分须为 0.5 的整数倍")
    return d.normalize() if d != d.to_integral() else d.quantize(Decimal(1))


def clean_entries(template: Template, entries: Mapping[str, Any]) -> dict[str, Decimal | bool]:
    known = {i.code: i for _, i in template.items()}
    out: dict[str, Decimal | bool] = {}
    for code, value in entries.items():
        if code not in known:
            raise DomainError(f"评分表中没有评分项「{code}」")
        v = parse_entry(known[code], value)
        if v is not None:
            out[code] = v
    return out


def score_sheet(template: Template, entries: Mapping[str, Any]) -> SheetScore:
    e = clean_entries(template, entries)
    missing = tuple(i.code for _, i in template.items() if i.code not in e)
    vetoes: list[str] = []
    failed = False
    contributions: dict[str, Decimal] = {}
    for task in template.tasks:
        earned = Decimal(0)
        zero = False
        for item in task.items:
            v = e.get(item.code)
            if item.is_veto:
                if v is True:
                    vetoes.append(item.code)
                    zero = zero or item.veto == VETO_TASK_ZERO
                    failed = failed or item.veto == VETO_FAIL
            elif v is not None:
                earned += v
        if zero or task.max_points == 0:
            contributions[task.code] = Decimal(0)
        else:
            contributions[task.code] = (earned / task.max_points * task.weight).quantize(SHEET_Q, ROUND_HALF_UP)
    total = Decimal(0).quantize(SHEET_Q) if failed else sum(contributions.values(), Decimal(0)).quantize(SHEET_Q, ROUND_HALF_UP)
    return SheetScore(total, contributions, tuple(vetoes), failed, missing)


def entries_to_json(entries: Mapping[str, Decimal | bool]) -> dict[str, Any]:
    return {k: (v if isinstance(v, bool) else str(v)) for k, v in sorted(entries.items())}


# ---------------------------------------------------------------- aggregation

def aggregate(totals: Sequence[Decimal], method: str = AGG_MEAN) -> Decimal:
    """The group's score from the graders' sheet totals (to 0.1, half up)."""
    if not totals:
        raise DomainError("没有已签字的评分表，无法汇总")
    values = sorted(Decimal(t) for t in totals)
    if method == AGG_TRIMMED and len(values) >= TRIMMED_MIN_GRADERS:
        values = values[1:-1]
    elif method not in (AGG_MEAN, AGG_TRIMMED):
        raise DomainError(f"未知的汇总方式「{method}」")
    return (sum(values, Decimal(0)) / len(values)).quantize(FINAL_Q, ROUND_HALF_UP)


def spread(totals: Sequence[Decimal]) -> Decimal:
    return (max(totals) - min(totals)) if totals else Decimal(0)


def discrepant(totals: Sequence[Decimal], threshold: Decimal) -> bool:
    """Flag for the chief grader when the graders' totals differ by more than the threshold,
    or when only some graders triggered a fail veto (which the totals already show)."""
    return len(totals) > 1 and spread(totals) > threshold


def decision_problem(score: Any, reason: str) -> str | None:
    try:
        d = Decimal(str(score).strip())
    except InvalidOperation:
        return f"裁定成绩「{score}」不是数字"
    if not d.is_finite() or d < 0 or d > HUNDRED:
        return "裁定成绩须在 0—100 之间"
    if d != d.quantize(FINAL_Q):
        return "裁定成绩最多保留一位小数"
    if len(reason.strip()) < 4:
        return "请写明裁定理由（至少 4 个字）"
    return None


def correction_problem(reason: str) -> str | None:
    """A signed sheet is corrected only as a new version with its reason (on the master or at a
    grader station alike)."""
    if len((reason or "").strip()) < 4:
        return "请写明更正理由（至少 4 个字）"
    return None


# ---------------------------------------------------------------- group and avoidance

def group_problem(members: Sequence[str], chief: str, rules: Rules) -> str | None:
    if len(set(members)) != len(members):
        return "考评组成员有重复"
    if len(members) < MIN_GRADERS:
        return f"考评组至少需要 {MIN_GRADERS} 名考评员（现有 {len(members)} 名）"
    if len(members) % 2 == 0 and not rules.allow_even:
        return "考评组人数应为单数（评分表设置了「允许偶数考评员」时除外）"
    if chief not in members:
        return "考评组长须为考评组成员"
    if rules.aggregation == AGG_TRIMMED and len(members) < TRIMMED_MIN_GRADERS:
        return f"「去掉最高最低后平均」需要至少 {TRIMMED_MIN_GRADERS} 名考评员"
    return None


_UNIT_NOISE = re.compile(r"[\s　()（）【】\[\]·.,，、]")


def normalise_unit(unit: str) -> str:
    return _UNIT_NOISE.sub("", unit or "").lower()


@dataclass(frozen=True)
class AvoidanceConflict:
    grader: str        # username
    ticket_no: str
    reason: str


def avoidance_conflicts(graders: Sequence[tuple[str, str]], candidates: Sequence[tuple[str, str]],
                        related: set[tuple[str, str]] | frozenset = frozenset()) -> list[AvoidanceConflict]:
    """graders: (username, unit); candidates: (ticket_no, unit); related: declared
    (username, ticket_no) pairs.  A grader of the candidate's own unit, or a declared
    relation, must be swapped out or allowed by the room head."""
    out = []
    for username, g_unit in graders:
        gu = normalise_unit(g_unit)
        for ticket, c_unit in candidates:
            reasons = []
            if gu and gu == normalise_unit(c_unit):
                reasons.append("与考生同一单位")
            if (username, ticket) in related:
                reasons.append("登记有利害关系")
            if reasons:
                out.append(AvoidanceConflict(username, ticket, "、".join(reasons)))
    return out


# ---------------------------------------------------------------- template import

def _text(v: Any) -> str:
    if v is None:
        return ""
    if isinstance(v, float) and v.is_integer():
        v = int(v)
    return str(v).strip()


def _decimal(v: Any) -> Decimal | None:
    t = _text(v).rstrip("%％")
    if not t:
        return None
    try:
        d = Decimal(t)
    except InvalidOperation:
        return None
    return d if d.is_finite() else None


def _yes(v: Any) -> bool | None:
    t = _text(v)
    if t in ("", "否", "不", "N", "n", "no", "0"):
        return False if t else None
    if t in ("是", "Y", "y", "yes", "1"):
        return True
    return None


def _header_map(rows, sheet: str, columns: dict, errors: list[CellError]) -> dict[str, int] | None:
    if not rows:
        errors.append(CellError(sheet, 1, "", "工作表为空，缺少表头"))
        return None
    header = [_text(h) for h in rows[0]]
    found = {}
    for key, (title, required) in columns.items():
        if title in header:
            found[key] = header.index(title)
        elif required:
            errors.append(CellError(sheet, 1, title, "缺少此列"))
    return found


def _rows(rows):
    for n, row in enumerate(rows[1:], start=2):
        if row and any(_text(v) for v in row):
            if _text(row[0]).startswith("说明"):
                break
            yield n, row


def parse_template(sheets: Mapping[str, Sequence[Sequence[Any]]]) -> Template:
    """The workbook → a template, or ImportRejected naming every fault by sheet, row, column."""
    errors: list[CellError] = []
    for name in (SETTINGS_SHEET, TASK_SHEET, ITEM_SHEET):
        if name not in sheets:
            errors.append(CellError(name, 0, "", "缺少此工作表"))
    if errors:
        raise ImportRejected(errors)

    # settings: two columns, 项目 | 值
    settings: dict[str, tuple[int, Any]] = {}
    titles = {title: key for key, (title, _) in SETTINGS_KEYS.items()}
    for n, row in _rows(sheets[SETTINGS_SHEET]):
        name = _text(row[0])
        if name not in titles:
            errors.append(CellError(SETTINGS_SHEET, n, "项目", f"未知设置「{name}」"))
            continue
        settings[titles[name]] = (n, row[1] if len(row) > 1 else None)
    title = _text(settings.get("title", (0, None))[1])
    if not title:
        errors.append(CellError(SETTINGS_SHEET, settings.get("title", (2, None))[0] or 2, "值", "评分表名称不能为空"))
    aggregation = AGG_MEAN
    if "aggregation" in settings:
        n, v = settings["aggregation"]
        t = _text(v)
        names = {name: key for key, name in AGG_NAMES.items()} | {"去掉最高最低": AGG_TRIMMED, "截尾平均": AGG_TRIMMED,
                                                               "": AGG_MEAN, "平均值": AGG_MEAN}
        if t in names:
            aggregation = names[t]
        else:
            errors.append(CellError(SETTINGS_SHEET, n, "值", "汇总方式只能是「平均」或「去掉最高最低后平均」"))
    spread_v = Decimal(10)
    if "spread" in settings:
        n, v = settings["spread"]
        d = _decimal(v)
        if d is None or d < 0 or d > HUNDRED:
            errors.append(CellError(SETTINGS_SHEET, n, "值", "分差阈值须为 0—100 的数字"))
        else:
            spread_v = d
    flags = {}
    for key in ("show_names", "allow_even"):
        flags[key] = False
        if key in settings:
            n, v = settings[key]
            y = _yes(v)
            if y is None and _text(v):
                errors.append(CellError(SETTINGS_SHEET, n, "值", "只能填「是」或「否」"))
            flags[key] = bool(y)
    rules = Rules(aggregation, spread_v, flags["show_names"], flags["allow_even"])

    # tasks
    task_rows: dict[str, dict] = {}
    order: list[str] = []
    cols = _header_map(sheets[TASK_SHEET], TASK_SHEET, TASK_COLUMNS, errors)
    if cols is not None:
        for n, row in _rows(sheets[TASK_SHEET]):
            def cell(key):
                i = cols.get(key)
                return row[i] if i is not None and i < len(row) else None
            code, ttl = _text(cell("code")), _text(cell("title"))
            if not code:
                errors.append(CellError(TASK_SHEET, n, TASK_COLUMNS["code"][0], "不能为空"))
                continue
            if code in task_rows:
                errors.append(CellError(TASK_SHEET, n, TASK_COLUMNS["code"][0], f"项目编号「{code}」重复"))
                continue
            if not ttl:
                errors.append(CellError(TASK_SHEET, n, TASK_COLUMNS["title"][0], "不能为空"))
            w = _decimal(cell("weight"))
            if w is None or w <= 0 or w > HUNDRED:
                errors.append(CellError(TASK_SHEET, n, TASK_COLUMNS["weight"][0], "考核比重须为 0—100 之间的数字"))
                w = Decimal(0)
            tl_text = _text(cell("time_limit"))
            tl = None
            if tl_text:
                if tl_text.isascii() and tl_text.isdigit() and 0 < int(tl_text) <= 24 * 60:
                    tl = int(tl_text)
                else:
                    errors.append(CellError(TASK_SHEET, n, TASK_COLUMNS["time_limit"][0], "时限须为 1—1440 的整数（分钟）"))
            task_rows[code] = {"row": n, "title": ttl, "weight": w, "time_limit": tl,
                               "workstation": _text(cell("workstation")), "items": []}
            order.append(code)
        if not order:
            errors.append(CellError(TASK_SHEET, 2, "", "没有考核项目"))
        elif sum((t["weight"] for t in task_rows.values()), Decimal(0)) != HUNDRED and all(
                t["weight"] > 0 for t in task_rows.values()):
            total = sum((t["weight"] for t in task_rows.values()), Decimal(0))
            errors.append(CellError(TASK_SHEET, task_rows[order[-1]]["row"], TASK_COLUMNS["weight"][0],
                                    f"各考核项目的考核比重合计须为 100%（现为 {total.normalize():f}%）"))

    # items
    cols = _header_map(sheets[ITEM_SHEET], ITEM_SHEET, ITEM_COLUMNS, errors)
    seen: set[str] = set()
    veto_names = {"": VETO_NONE, "否": VETO_NONE, "本项目零分": VETO_TASK_ZERO, "项目零分": VETO_TASK_ZERO,
                  "零分": VETO_TASK_ZERO, "实操不合格": VETO_FAIL, "不合格": VETO_FAIL}
    if cols is not None:
        for n, row in _rows(sheets[ITEM_SHEET]):
            def cell(key):
                i = cols.get(key)
                return row[i] if i is not None and i < len(row) else None
            tcode, code, ttl = _text(cell("task")), _text(cell("code")), _text(cell("title"))
            if tcode not in task_rows:
                errors.append(CellError(ITEM_SHEET, n, ITEM_COLUMNS["task"][0],
                                        f"项目编号「{tcode}」不在「{TASK_SHEET}」中" if tcode else "不能为空"))
                continue
            if not code:
                errors.append(CellError(ITEM_SHEET, n, ITEM_COLUMNS["code"][0], "不能为空"))
                continue
            if code in seen:
                errors.append(CellError(ITEM_SHEET, n, ITEM_COLUMNS["code"][0], f"评分项编号「{code}」重复"))
                continue
            seen.add(code)
            if not ttl:
                errors.append(CellError(ITEM_SHEET, n, ITEM_COLUMNS["title"][0], "不能为空"))
            vt = _text(cell("veto"))
            if vt not in veto_names:
                errors.append(CellError(ITEM_SHEET, n, ITEM_COLUMNS["veto"][0],
                                        "否决项只能填「否」「本项目零分」或「实操不合格」"))
                continue
            veto = veto_names[vt]
            pts = _decimal(cell("points"))
            if veto:
                if pts not in (None, Decimal(0)):
                    errors.append(CellError(ITEM_SHEET, n, ITEM_COLUMNS["points"][0], "否决项不配分，请留空或填 0"))
                pts = Decimal(0)
            elif pts is None or pts <= 0 or pts > 1000 or pts % STEP != 0:
                errors.append(CellError(ITEM_SHEET, n, ITEM_COLUMNS["points"][0], "配分须为大于 0 的数字（0.5 的整数倍）"))
                continue
            task_rows[tcode]["items"].append(Item(code, ttl, pts, _text(cell("criteria")), _text(cell("deductions")),
                                                  veto))
        for tcode in order:
            t = task_rows[tcode]
            if not any(not i.is_veto for i in t["items"]):
                errors.append(CellError(TASK_SHEET, t["row"], TASK_COLUMNS["code"][0],
                                        f"考核项目「{tcode}」在「{ITEM_SHEET}」中没有配分的评分项"))
    if errors:
        raise ImportRejected(sorted(errors, key=lambda e: ([SETTINGS_SHEET, TASK_SHEET, ITEM_SHEET].index(e.sheet)
                                                           if e.sheet in (SETTINGS_SHEET, TASK_SHEET, ITEM_SHEET)
                                                           else 9, e.row)))
    tasks = tuple(Task(c, task_rows[c]["title"], task_rows[c]["weight"], tuple(task_rows[c]["items"]),
                       task_rows[c]["time_limit"], task_rows[c]["workstation"]) for c in order)
    return Template(title, tasks, rules)
