"""职业技能等级证书编码: the national rule and the Henan variant.

National (人社鉴发〔2019〕2号 附件1 [002 L2483–2620]): 1 letter + 21 digits,
``C MMMM PP SSSSSS YY L NNNNNN``.  Henan (豫职鉴〔2020〕2号 [002 L4157–4312]) splits
the 6-digit site serial into a 2-digit 省直/市 code and a 4-digit serial, and
豫职鉴〔2021〕1号 restricts position 10 [002 L4499–4537].
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from app.core.codes import HENAN, HENAN_CITIES, INSTITUTION_CATEGORIES, LEVELS, PROVINCES

_PATTERN = re.compile(r"^[YS]\d{21}$")


@dataclass(frozen=True)
class CertificatePrefix:
    """Positions 1–13, assigned by the HRSS department at filing (备案); configured, never typed."""

    category: str  # Y / S
    institution_code: str  # 4 digits: 0000 (provincially filed) or 0001–9999 (MOHRSS)
    province: str  # 2 digits
    site_serial: str  # 6 digits; Henan: 2-digit city + 4-digit serial

    def __str__(self) -> str:
        return f"{self.category}{self.institution_code}{self.province}{self.site_serial}"

    @property
    def henan_city(self) -> str | None:
        return self.site_serial[:2] if self.province == HENAN else None


@dataclass(frozen=True)
class CertificateNumber:
    prefix: CertificatePrefix
    year: int  # two digits of the issue year (e.g. 26)
    level: int
    serial: int  # 1..999999

    def __str__(self) -> str:
        return f"{self.prefix}{self.year:02d}{self.level}{self.serial:06d}"


def _ascii_digits(text: str) -> bool:
    return text.isascii() and text.isdigit()  # the code table's digits are 0-9, not ０ or ٣


def prefix_problems(prefix: CertificatePrefix, henan_rules: bool | None = None,
                    technical_school: bool = False) -> list[str]:
    """Every rule the prefix breaks, in Chinese.  Henan rules apply when the province is 41
    unless ``henan_rules`` says otherwise."""
    problems: list[str] = []
    if prefix.category not in INSTITUTION_CATEGORIES:
        problems.append("评价机构类别代码应为 Y（用人单位）或 S（社会培训评价组织）")
    if not (len(prefix.institution_code) == 4 and _ascii_digits(prefix.institution_code)):
        problems.append("评价机构代码应为4位数字（省级备案为0000）")
    if prefix.province not in PROVINCES:
        problems.append(f"省级代码「{prefix.province}」不在省级代码表中")
    if not (len(prefix.site_serial) == 6 and _ascii_digits(prefix.site_serial)):
        problems.append("评价机构（站点）序列码应为6位数字")
        return problems
    use_henan = (prefix.province == HENAN) if henan_rules is None else henan_rules
    if use_henan:
        city = prefix.site_serial[:2]
        if city not in HENAN_CITIES:
            problems.append(f"河南省直或市级代码「{city}」不在代码表中（00–28）")
        pos10 = prefix.site_serial[2]
        if prefix.category == "Y":
            if technical_school and pos10 != "9":
                problems.append("技工院校（认定本校学生）编码第10位应为9")
            if not technical_school and pos10 == "9":
                problems.append("用人单位评价机构编码第10位取值范围为0—8")
    return problems


def compose(prefix: CertificatePrefix, issue_year: int, level: int, serial: int,
            technical_school: bool = False) -> CertificateNumber:
    """Compose a number; ``issue_year`` is the full year of the issue date (not the exam date).
    ``technical_school``: a 技工院校 certifying its own students (Henan position 10 = 9)."""
    problems = prefix_problems(prefix, technical_school=technical_school)
    if problems:
        raise ValueError("；".join(problems))
    if level not in LEVELS:
        raise ValueError("职业技能等级代码应为1—5")
    if not 1 <= serial <= 999_999:
        raise ValueError("证书序列码应在000001—999999之间")
    if not 2000 <= issue_year <= 2099:
        raise ValueError("证书核发年份无效")
    return CertificateNumber(prefix, issue_year % 100, level, serial)


def parse(text: str) -> CertificateNumber:
    """Parse and validate a 22-character certificate number; ValueError names the fault."""
    value = (text or "").replace(" ", "").strip().upper()
    if not _PATTERN.match(value):
        raise ValueError("证书编号应为1位大写字母（Y或S）加21位数字，共22位")
    prefix = CertificatePrefix(value[0], value[1:5], value[5:7], value[7:13])
    # A Henan Y number with position 10 = 9 is a 技工院校's (豫职鉴〔2021〕1号: "机构类别代码为 Y，编码第 10 位
    # 取值为 9" [002 L4537]); the number itself says so, and it is valid.
    school = prefix.category == "Y" and prefix.province == HENAN and prefix.site_serial[2:3] == "9"
    problems = prefix_problems(prefix, technical_school=school)
    if problems:
        raise ValueError("；".join(problems))
    level = int(value[15])
    if level not in LEVELS:
        raise ValueError("第16位职业技能等级代码应为1—5")
    serial = int(value[16:22])
    if serial == 0:
        raise ValueError("证书序列码应从000001开始")
    return CertificateNumber(prefix, int(value[13:15]), level, serial)


def is_valid(text: str) -> bool:
    try:
        parse(text)
    except ValueError:
        return False
    return True


def spaced(number: CertificateNumber | str) -> str:
    """The Henan documents print numbers with a space between segments."""
    value = str(number)
    if value[5:7] == HENAN:
        parts = (value[0], value[1:5], value[5:7], value[7:9], value[9:13], value[13:15], value[15], value[16:])
    else:
        parts = (value[0], value[1:5], value[5:7], value[7:13], value[13:15], value[15], value[16:])
    return " ".join(parts)
