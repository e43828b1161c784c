"""Identity fields: one normalisation and one set of checks for every entry.

Every place a person's or the site's identity enters the software (the roster
workbook, the check-in desk's typing, the ban list, the ID-card reader, the CLI,
``examsite init``) passes its values through ``clean`` (or ``normalise`` +
``problem``), so the same person typed with fullwidth digits on one screen and ASCII
on another is the same string in the store, and no name or unit can carry a control
character or a bidi override that would make a printed list lie.

Rules:

* NFKC first (fullwidth ``４１０１`` becomes ``4101``, the ideographic space a space,
  compatibility forms their plain letters), then surrounding blanks removed and runs
  of blanks inside collapsed to one space.
* Control characters (Cc), format characters (Cf: bidi overrides, zero-width joiners,
  BOM), line/paragraph separators and unassigned or private-use code points are
  refused, never silently dropped: the message names the value and the code point.
* Fields whose code table is digits (ID numbers [GB 11643], institution code,
  province and site serial [002 L2483–2620]) accept ASCII digits only after NFKC: a
  digit from another script (Arabic-Indic, Devanagari …) is refused, since ``int()``
  would quietly accept it and the stored string would differ from the typed one.
* Each field has a length bound and a character class.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from app.core import codes
from app.core.errors import DomainError


class IdentityRejected(DomainError):
    """One identity field holds a value the code tables do not allow; the message names it."""

    def __init__(self, field: str, message: str):
        self.field = field
        super().__init__(message)


@dataclass(frozen=True)
class FieldRule:
    label: str  # the field's name as a person reads it
    max_len: int
    pattern: re.Pattern | None = None  # the whole value after normalisation
    describe: str = ""  # what the pattern allows, in Chinese
    upper: bool = False
    required: bool = False


_ASCII_DIGITS = re.compile(r"[0-9]+")
# letters of any script (and their combining marks), middle dots, space, . ' -
_LETTER_NAME = re.compile(r"[^\W\d_](?:[^\W\d_]|[\u0300-\u036f ·•・.'\-])*")

FIELDS: dict[str, FieldRule] = {
    "name": FieldRule("姓名", 40, _LETTER_NAME, "文字（可含间隔号·、空格、点、连字符）", required=True),
    # 居民身份证: 17 ASCII digits + digit or X (GB 11643); other documents: letters, digits, ( ) -
    "id_no": FieldRule("证件号码", 30, re.compile(r"[0-9A-Z()\-]+"), "字母、数字、括号或连字符", upper=True,
                       required=True),
    "resident_id_no": FieldRule("身份证号码", 18, re.compile(r"[0-9]{17}[0-9X]"), "18位（前17位数字，末位数字或X）",
                                upper=True, required=True),
    # a staff account's display name (rehearsal accounts are numbered): no pattern beyond the characters
    "staff_name": FieldRule("姓名", 40, required=True),
    "unit": FieldRule("所在单位", 100),
    "ticket_no": FieldRule("准考证号", 30, re.compile(r"[0-9A-Za-z\-]{4,30}"), "4—30位字母、数字或连字符",
                           required=True),
    "plan_no": FieldRule("认定计划号", 40, re.compile(r"[0-9A-Za-z\-_]{4,40}"), "4—40位字母、数字或连字符",
                         required=True),
    "room": FieldRule("考场", 40),
    "seat": FieldRule("座位号", 10, re.compile(r"[0-9A-Za-z\-]+"), "字母、数字或连字符", upper=True),
    "card_no": FieldRule("督导员证卡编号", 30, re.compile(r"[0-9A-Z]+"), "字母或数字", upper=True),
    "grader_card_no": FieldRule("考评员证号", 30, re.compile(r"[0-9A-Z\-]+"), "字母、数字或连字符", upper=True),
    "institution_name": FieldRule("评价机构名称", 100, required=True),
    "institution_code": FieldRule("评价机构代码", 4, re.compile(r"[0-9]{4}"), "4位数字（省级备案为0000）",
                                  required=True),
    "province": FieldRule("省级代码", 2, re.compile(r"[0-9]{2}"), "2位数字", required=True),
    "site_serial": FieldRule("评价机构（站点）序列码", 6, re.compile(r"[0-9]{6}"), "6位数字", required=True),
    "occupation_name": FieldRule("职业名称", 60, required=True),
    "work_type": FieldRule("工种/职业方向", 60),
    "reason": FieldRule("原因", 500),
}

_REFUSED_CATEGORIES = {"Cc": "控制字符", "Cf": "格式控制字符（如双向文字覆盖、零宽字符）", "Zl": "换行符",
                       "Zp": "分段符", "Co": "私用区字符", "Cn": "未分配的字符", "Cs": "代理字符"}


def show(value: str, limit: int = 40) -> str:
    """A value as it can be printed in a one-line message: refused characters made visible."""
    out = []
    for ch in str(value):
        if unicodedata.category(ch) in _REFUSED_CATEGORIES or ch in "\t":
            out.append(f"\\u{ord(ch):04x}")
        else:
            out.append(ch)
    text = "".join(out)
    return text if len(text) <= limit else text[:limit] + "…"


def normalise(field: str, value) -> str:
    """NFKC, blanks trimmed and collapsed, upper-cased where the field says so.  Refused
    characters are kept (``problem`` names them)."""
    rule = FIELDS[field]
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = unicodedata.normalize("NFKC", str(value))
    text = re.sub(r"[ \u00a0\u3000]+", " ", text).strip(" ")
    text = text.strip("\r\n\t")
    return text.upper() if rule.upper else text


def bad_character(text: str) -> tuple[str, str] | None:
    """The first character no identity field may hold, and why; None when all are fine."""
    for ch in text:
        cat = unicodedata.category(ch)
        if cat in _REFUSED_CATEGORIES:
            return ch, _REFUSED_CATEGORIES[cat]
    return None


def problem(field: str, value: str) -> str | None:
    """None when ``value`` (already normalised) is allowed in ``field``, else a one-line
    Chinese reason naming the value."""
    rule = FIELDS[field]
    text = "" if value is None else str(value)
    if not text:
        return f"{rule.label}不能为空" if rule.required else None
    bad = bad_character(text)
    if bad is not None:
        ch, why = bad
        return f"{rule.label}「{show(text)}」含有不允许的{why} U+{ord(ch):04X}"
    if len(text) > rule.max_len:
        return f"{rule.label}「{show(text)}」过长（{len(text)} 个字符，最多 {rule.max_len} 个）"
    if rule.pattern is not None and not rule.pattern.fullmatch(text):
        other_digit = next((c for c in text if c.isdigit() and not c.isascii()), None)
        if other_digit is not None:
            return (f"{rule.label}「{show(text)}」含有非阿拉伯数字字符「{other_digit}」"
                    f"（U+{ord(other_digit):04X}），应只用 0—9")
        return f"{rule.label}「{show(text)}」格式不符：应为{rule.describe}"
    return None


def clean(field: str, value) -> str:
    """Normalised value, or ``IdentityRejected`` naming the bad value."""
    text = normalise(field, value)
    reason = problem(field, text)
    if reason:
        raise IdentityRejected(field, reason)
    return text


def clean_id_no(value, id_type: str = codes.ID_TYPE_RESIDENT_CARD) -> str:
    """An ID number normalised for its document type (居民身份证: 18 ASCII characters,
    the check digit and birth date are checked by ``app.core.idcard``)."""
    return clean("resident_id_no" if id_type == codes.ID_TYPE_RESIDENT_CARD else "id_no", value)


def id_no_problem(value: str, id_type: str = codes.ID_TYPE_RESIDENT_CARD) -> str | None:
    return problem("resident_id_no" if id_type == codes.ID_TYPE_RESIDENT_CARD else "id_no", value)


def normalise_id_no(value) -> str:
    """For look-ups (ban check, desk search): the same normal form the store holds."""
    return normalise("id_no", value)


def is_ascii_digits(text: str) -> bool:
    """``str.isdigit`` is also true for ² and ٣; code tables mean 0—9."""
    return bool(_ASCII_DIGITS.fullmatch(text or ""))
