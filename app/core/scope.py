"""备案范围: the occupations, 工种 and levels the institution is filed for.

违纪指引 第十五条 [002 L1754]: "评价机构超范围上传证书数据…撤销其上传的违规证书数据"; 第十四条（二）
"严重超出备案范围开展评价工作的" → 终止备案 [002 L1741–1752]; 豫鉴定办法 第三十五条（一）"超出备案职业
（工种）范围" [002 L3896].  The scope table has one row per 工种 with its levels (Henan sample
[002 L4577–4593]: 职业编码 · 职业名称 · 工种/职业方向 · 级别 "5、4、3"; Hunan "一个工种一行记录",
"级别之间用“、”分隔" [000 L209–215]).  A batch outside it is refused before it starts; numbering
and export check again.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from app.core.codes import level_label

SETTING = "filed_scope"
_CODE = re.compile(r"^\d-\d{2}-\d{2}-\d{2}$")


@dataclass(frozen=True)
class ScopeRow:
    occupation_code: str
    occupation_name: str
    work_type: str          # "" when the occupation has no 工种
    levels: tuple[int, ...]

    def to_dict(self) -> dict:
        return {"occupation_code": self.occupation_code, "occupation_name": self.occupation_name,
                "work_type": self.work_type, "levels": list(self.levels)}


def parse_levels(text) -> tuple[int, ...]:
    """"5、4、3" (or a list) → (5, 4, 3); ValueError with a Chinese reason."""
    items = text if isinstance(text, (list, tuple)) else re.split(r"[、,，\s]+", str(text).strip())
    out = []
    for x in items:
        if str(x).strip() == "":
            continue
        try:
            level = int(str(x).strip())
        except ValueError:
            raise ValueError(f"级别「{x}」应为1—5的数字，用“、”分隔") from None
        if level not in (1, 2, 3, 4, 5):
            raise ValueError(f"级别「{x}」应为1—5")
        out.append(level)
    if not out:
        raise ValueError("级别不能为空")
    return tuple(out)


def row_problem(row: ScopeRow) -> str | None:
    if not _CODE.match(row.occupation_code or ""):
        return "职业编码格式应为 X-XX-XX-XX（如 6-31-01-03）"
    if not (row.occupation_name or "").strip():
        return "职业名称不能为空"
    return None


def parse_rows(rows: list[dict]) -> list[ScopeRow]:
    return [ScopeRow(r["occupation_code"], r["occupation_name"], r.get("work_type") or "",
                     parse_levels(r["levels"])) for r in rows]


def batch_problem(rows: list[ScopeRow], occupation_code: str, occupation_name: str, work_type: str | None,
                  level: int) -> str | None:
    """Why a batch lies outside the filed scope; None when inside."""
    wt = (work_type or "").strip()
    label = f"{occupation_name}（{wt or '--'}）{level_label(level)}"
    same_occupation = [r for r in rows if r.occupation_code == occupation_code]
    if not same_occupation:
        return f"认定职业 {occupation_code} {occupation_name} 不在本机构备案范围内（违纪指引第十五条）"
    same_type = [r for r in same_occupation if r.work_type == wt]
    if not same_type:
        return f"{label}：工种「{wt or '--'}」不在本机构备案范围内（违纪指引第十五条）"
    if not any(level in r.levels for r in same_type):
        filed = "、".join(str(x) for r in same_type for x in r.levels)
        return f"{label}：等级不在备案范围内（备案等级 {filed}；违纪指引第十五条）"
    return None
