"""What every scoring module shares: the constants, the views the services return, and the
pure helpers (canonical JSON, digests, the drawn-signature check, a candidate's workstation).

Blindness: the values of a grader's sheet are readable by that grader alone until every
member of the group has signed a sheet for that candidate ("revealed").  No scoring service
returns another grader's values, a candidate's totals, or a summary score before then.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

import cv2
import numpy as np

from app.core.errors import PermissionDenied
from app.store import models

MAX_SIGNATURE_BYTES = 512 * 1024

ST_NONE, ST_DRAFT, ST_SIGNED = "none", "draft", "signed"
STATUS_NAMES = {ST_NONE: "未开始", ST_DRAFT: "评分中", ST_SIGNED: "已签字"}

# The scoring groups of a batch: the 考评组 of 实操, and the 综合评审 panel which scores and signs the
# same way ("综合评审主要针对技师和高级技师" [000 L668]; "技师以上级别可增加综合评审环节" [002 L4065]).
# The key is results' subject the group's signed summary reaches.
PRACTICAL, REVIEW = "practical", "review"
SUBJECTS = (PRACTICAL, REVIEW)
GROUP_NAMES = {PRACTICAL: "考评组", REVIEW: "综合评审组"}
SUMMARY_NAMES = {PRACTICAL: "实操汇总表", REVIEW: "综合评审汇总表"}

R_PENDING, R_FINAL, R_DISCREPANCY, R_RECONCILED, R_ABSENT = "pending", "final", "discrepancy", "reconciled", "absent"
RESULT_NAMES = {R_PENDING: "评分未完成", R_FINAL: "已汇总", R_DISCREPANCY: "分差超限待裁定",
                R_RECONCILED: "组长已裁定", R_ABSENT: "缺考"}


class SheetsSealed(PermissionDenied):
    """Another grader's sheet asked for before every grader signed."""


# ---------------------------------------------------------------- views

@dataclass(frozen=True)
class GroupView:
    plan_no: str
    members: tuple[tuple[str, str, str], ...]  # (username, name, unit)
    chief: str | None
    locked: bool


@dataclass(frozen=True)
class RotationRow:
    """One grader account and the earlier batches of the same occupation whose 考评组 they sat in."""
    username: str
    name: str
    qualification: str               # '电工 三级/高级工 KP-0001', '' when none is recorded
    qualification_problem: str       # why they may not grade this batch, '' when qualified
    previous: tuple[str, ...]        # plan numbers, the most recent first
    in_previous_batch: bool          # sat in the immediately previous batch's group
    rotation_required: bool          # the site's profile enforces rotation (轮换制)


@dataclass(frozen=True)
class ConflictView:
    grader: str
    grader_name: str
    ticket_no: str
    reason: str
    allowed_by: str = ""
    allow_reason: str = ""

    @property
    def resolved(self) -> bool:
        return bool(self.allowed_by)


@dataclass(frozen=True)
class StationRow:
    ticket_no: str
    workstation: str
    name: str          # "" unless the template shows names
    status: str        # none | draft | signed
    scored: int
    items: int
    conflict: str = ""
    result: str = ""   # "reconciled" once the chief has decided, "absent" once recorded absent; else ""


@dataclass(frozen=True)
class SheetView:
    id: int
    ticket_no: str
    grader: str
    grader_name: str
    version: int
    status: str
    source: str
    entries: dict[str, Any]
    total: Decimal | None
    tasks: dict[str, str]
    vetoes: tuple[str, ...]
    failed: bool
    missing: tuple[str, ...]
    signed_at: Any = None
    signature: bytes | None = None
    correction_reason: str = ""
    after_reveal: bool = False
    supersedes: int | None = None
    typists: tuple[str, ...] = ()


@dataclass(frozen=True)
class CandidateResult:
    ticket_no: str
    status: str
    score: Decimal | None
    totals: tuple[tuple[str, Decimal], ...] = ()   # (grader username, total) once revealed
    spread: Decimal | None = None
    aggregated: Decimal | None = None
    decision_reason: str = ""
    signed: int = 0
    graders: int = 0
    remark: str = ""


@dataclass(frozen=True)
class PracticalScore:
    """One row of the practical summary, for results (issue 8)."""

    seq: int
    ticket_no: str
    name: str
    id_no: str
    unit: str
    score: Decimal | None
    status: str
    remark: str = ""
    combined: Decimal | str | None = None   # 综合成绩: the 综合评审 score in results, or 缺考 (附件1 prints it)


@dataclass(frozen=True)
class ProgressRow:
    ticket_no: str
    workstation: str
    statuses: dict[str, str]   # grader username -> none | draft | signed
    result: str


@dataclass(frozen=True)
class PaperStatus:
    mine_saved: bool
    mine_complete: bool
    others: int
    mismatches: tuple[str, ...]
    agreed: bool
    sheet_id: int | None = None


@dataclass(frozen=True)
class PhotoView:
    id: int
    ticket_no: str
    note: str
    taken_by: str
    taken_at: Any
    sha256: str
    size: int


@dataclass(frozen=True)
class SummarySignatureView:
    username: str
    name: str
    role: str
    signed_at: Any
    valid: bool
    signature: bytes = field(repr=False, default=b"")


def workstation(c: models.Candidate) -> str:
    return f"{c.room} {c.seat}".strip() if c.seat else (c.room or "")


def canonical(obj) -> bytes:
    return json.dumps(obj, ensure_ascii=False, sort_keys=True, separators=(",", ":"), default=str).encode()


def digest(obj) -> str:
    return hashlib.sha256(canonical(obj)).hexdigest()


def signature_problem(png: bytes) -> str | None:
    if not png or not png.startswith(b"\x89PNG\r\n\x1a\n"):
        return "签名须为手写签名图像（PNG）"
    if len(png) > MAX_SIGNATURE_BYTES:
        return "签名图像过大"
    img = cv2.imdecode(np.frombuffer(png, np.uint8), cv2.IMREAD_GRAYSCALE)
    if img is None:
        return "签名图像无法识别"
    ink = int((img < 128).sum())
    if ink < 30:
        return "签名为空，请手写签名"
    if ink > img.size * 0.6:
        return "签名图像无效"
    return None
