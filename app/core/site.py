"""The site's own facts: institution, batch, candidate, staff — as plain values with checks."""

from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass, field

from app.core import codes, idcard
from app.core.certno import CertificatePrefix, prefix_problems

_PLAN_NO = re.compile(r"^[0-9A-Za-z\-_]{4,40}$")
_OCCUPATION_CODE = re.compile(r"^\d-\d{2}-\d{2}-\d{2}$")
_TICKET = re.compile(r"^[0-9A-Za-z\-]{4,30}$")
_USERNAME = re.compile(r"^[a-z][a-z0-9_.\-]{1,31}$")

# the lockout after wrong passwords (logins, and a room head's consent at the door)
MAX_FAILED_LOGINS = 5
LOCK_MINUTES = 15


@dataclass(frozen=True)
class Institution:
    """评价机构: name as filed, and the certificate prefix segments assigned at filing."""

    name: str
    category: str  # Y / S
    institution_code: str  # 0000 or 0001–9999
    province: str
    site_serial: str  # 6 digits
    branch_name: str = ""
    technical_school: bool = False  # 技工院校 certifying its own students (Henan pos 10 = 9)

    @property
    def prefix(self) -> CertificatePrefix:
        return CertificatePrefix(self.category, self.institution_code, self.province, self.site_serial)

    def problems(self) -> list[str]:
        out = []
        if not self.name.strip():
            out.append("评价机构名称不能为空")
        out += prefix_problems(self.prefix, technical_school=self.technical_school)
        return out


@dataclass(frozen=True)
class Batch:
    """认定批次 as the provincial platform plans it."""

    plan_no: str
    occupation_code: str
    occupation_name: str
    work_type: str | None
    level: int
    exam_start: _dt.date
    exam_end: _dt.date
    rooms: tuple[str, ...] = ()
    pass_marks: dict = field(default_factory=dict)  # subject -> mark

    def subjects(self) -> tuple[str, ...]:
        return ("theory", "practical", "review") if codes.requires_review(self.level) else ("theory", "practical")

    def pass_mark(self, subject: str) -> int:
        return int(self.pass_marks.get(subject, codes.DEFAULT_PASS_MARK))

    def problems(self) -> dict[str, str]:
        """Field -> Chinese reason."""
        out: dict[str, str] = {}
        if not _PLAN_NO.match(self.plan_no or ""):
            out["plan_no"] = "认定计划号应为4—40位字母、数字或连字符"
        if not _OCCUPATION_CODE.match(self.occupation_code or ""):
            out["occupation_code"] = "职业编码格式应为 X-XX-XX-XX（如 6-31-01-03）"
        if not (self.occupation_name or "").strip():
            out["occupation_name"] = "职业名称不能为空"
        if self.level not in codes.LEVELS:
            out["level"] = "等级应为1—5"
        if self.exam_end < self.exam_start:
            out["exam_end"] = "考试结束日期早于开始日期"
        for subject, mark in self.pass_marks.items():
            if subject not in codes.SUBJECTS:
                out["pass_marks"] = f"未知科目「{subject}」"
            elif not 0 < mark <= 100:
                out["pass_marks"] = "合格线应在1—100之间"
        return out


@dataclass(frozen=True)
class Candidate:
    ticket_no: str
    name: str
    sex: str
    id_type: str
    id_no: str
    unit: str = ""
    room: str = ""
    seat: str = ""

    def problems(self) -> dict[str, str]:
        out: dict[str, str] = {}
        if not _TICKET.match(self.ticket_no or ""):
            out["ticket_no"] = "准考证号应为4—30位字母或数字"
        if not (self.name or "").strip():
            out["name"] = "姓名不能为空"
        elif len(self.name.strip()) > 40:
            out["name"] = "姓名过长"
        if self.sex not in ("男", "女"):
            out["sex"] = "性别应为男或女"
        if self.id_type not in codes.ID_TYPES:
            out["id_type"] = "证件类型不在代码表中"
        elif self.id_type == codes.ID_TYPE_RESIDENT_CARD:
            problem = idcard.id_number_problem(self.id_no)
            if problem:
                out["id_no"] = problem
            elif self.sex in ("男", "女") and idcard.sex_from_id(self.id_no) != self.sex:
                out["sex"] = "性别与身份证号码不符"
        elif not (self.id_no or "").strip():
            out["id_no"] = "证件号码不能为空"
        return out


def username_problem(username: str) -> str | None:
    if not _USERNAME.match(username or ""):
        return "用户名应为2—32位小写字母、数字、点、下划线或连字符，以字母开头"
    return None


def password_problem(password: str) -> str | None:
    if len(password or "") < 8:
        return "密码至少8位"
    classes = sum(any(test(c) for c in password) for test in (str.isdigit, str.isalpha, lambda c: not c.isalnum()))
    if classes < 2:
        return "密码应包含字母、数字、符号中的至少两类"
    return None
