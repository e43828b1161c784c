"""质量督导员证卡编码 (督导规程 附件1 [002 L1197–1297]).

外督: R + 2-digit issuer (00 = 人社部, else province) + 2-digit year + 4-digit serial = 9 chars.
内督: H/Y/S + 6-digit issuer code + 2-digit year + 4-digit serial = 13 chars.
"""

from __future__ import annotations

import re

from app.core.codes import CARD_ISSUERS, INTERNAL_CARD_CATEGORIES

_EXTERNAL = re.compile(r"^R(\d{2})(\d{2})(\d{4})$")
_INTERNAL = re.compile(r"^([HYS])(\d{6})(\d{2})(\d{4})$")


def card_problem(card_no: str, kind: str) -> str | None:
    """``kind`` is 'external' (外督) or 'internal' (内督). None when valid."""
    value = (card_no or "").strip().upper()
    if kind == "external":
        m = _EXTERNAL.match(value)
        if not m:
            return "外督证卡编号应为 R 加8位数字（颁发机构2位、年份2位、序列4位）"
        if m.group(1) not in CARD_ISSUERS:
            return f"外督证卡颁发机构代码「{m.group(1)}」不在代码表中"
        if m.group(3) == "0000":
            return "外督证卡序列码应从0001开始"
        return None
    if kind == "internal":
        m = _INTERNAL.match(value)
        if not m:
            return "内督证卡编号应为 H/Y/S 加12位数字（颁发机构6位、年份2位、序列4位）"
        if m.group(1) not in INTERNAL_CARD_CATEGORIES:
            return "内督证卡类别代码应为 H、Y 或 S"
        if m.group(4) == "0000":
            return "内督证卡序列码应从0001开始"
        return None
    raise ValueError(kind)
