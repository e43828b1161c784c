"""居民身份证号码 (GB 11643-1999): check digit, birth date, region; and masking."""

from __future__ import annotations

import datetime as _dt
import random as _random
import re

from app.core.codes import PROVINCES

_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_CHECK = "10X98765432"  # index = sum mod 11
_PATTERN = re.compile(r"^[0-9]{17}[0-9X]$")  # ASCII digits only (\d would take ٣ and ３)


def check_digit(first17: str) -> str:
    if len(first17) != 17 or not (first17.isascii() and first17.isdigit()):
        raise ValueError("need 17 digits")
    total = sum(int(d) * w for d, w in zip(first17, _WEIGHTS))
    return _CHECK[total % 11]


def id_number_problem(value: str) -> str | None:
    """Return None when ``value`` is a valid 18-digit ID number, else a Chinese reason."""
    text = (value or "").strip().upper()
    if not _PATTERN.match(text):
        return "身份证号码应为18位（前17位数字，末位数字或X）"
    if text[:2] not in PROVINCES:
        return f"身份证号码前两位「{text[:2]}」不是有效的省级行政区代码"
    try:
        born = _dt.date(int(text[6:10]), int(text[10:12]), int(text[12:14]))
    except ValueError:
        return f"身份证号码中的出生日期「{text[6:14]}」无效"
    if born.year < 1900:
        return f"身份证号码中的出生日期「{text[6:14]}」无效"
    expected = check_digit(text[:17])
    if text[17] != expected:
        return f"身份证号码校验码错误（末位应为 {expected}）"
    return None


def is_valid_id_number(value: str) -> bool:
    return id_number_problem(value) is None


def normalise(value: str) -> str:
    """The stored form of an ID number: NFKC (fullwidth ４１０ is 410), trimmed, upper case."""
    from app.core.identity import normalise_id_no

    return normalise_id_no(value)


def birth_date(value: str) -> _dt.date:
    text = normalise(value)
    return _dt.date(int(text[6:10]), int(text[10:12]), int(text[12:14]))


def sex_from_id(value: str) -> str:
    """The 17th digit is odd for men, even for women."""
    return "男" if int(normalise(value)[16]) % 2 else "女"


def mask_id_no(value: str) -> str:
    """Masked for publication (公示信息脱敏 [003 L360]): first 6 and last 4 shown."""
    text = (value or "").strip()
    if len(text) <= 8:
        return text[:1] + "*" * max(len(text) - 2, 0) + text[-1:] if text else ""
    return text[:6] + "*" * (len(text) - 10) + text[-4:]


def mask_name(value: str) -> str:
    """张三 -> 张*, 欧阳明明 -> 欧**明."""
    text = (value or "").strip()
    if len(text) <= 1:
        return text
    if len(text) == 2:
        return text[0] + "*"
    return text[0] + "*" * (len(text) - 2) + text[-1]


def synthetic_id_number(rng: _random.Random, region: str = "410102", sex: str | None = None,
                        born_between: tuple[int, int] = (1970, 2004)) -> str:
    """A valid, made-up ID number for demos and tests (never a real person's on purpose)."""
    year = rng.randint(*born_between)
    born = _dt.date(year, 1, 1) + _dt.timedelta(days=rng.randint(0, 364))
    seq = rng.randint(0, 99)
    sex_digit = rng.choice("13579") if sex == "男" else rng.choice("02468") if sex == "女" else str(rng.randint(0, 9))
    first17 = f"{region}{born:%Y%m%d}{seq:02d}{sex_digit}"
    return first17 + check_digit(first17)
