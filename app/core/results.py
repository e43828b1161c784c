"""Results: subject scores on 100 points, pass marks, overall pass, and the review chain.

Subjects: 理论 (theory), 实操 (practical), and 综合评审 (review) for levels 1–2
[rules-digest §4.1, §4.9].  Pass mark per subject per batch (default 60).  A
candidate passes when every required subject has a score at or above its mark and
no subject is void (违纪: 取消成绩).

Review chain [rules-digest §4.4, Nanxun 003 L49]:
entered → checked (内督审核) → first_review (初审) → approved (复审).  Each step is
signed by a different person (re-entering the password).  After approval a change
needs a reopen with a reason, which sends the batch back to ``entered``.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from app.core import codes

SUBJECT_ORDER = ("theory", "practical", "review")
# The roads by which a score reaches results [rules-digest.md L445 "成绩录入实行双人复核"; L424
# "操作技能考核评分由考评人员签字负责"].  A score's ``source`` is its road, set by the road itself.
ROAD_THEORY_EXAM = "theory-exam"              # the master's own scoring of the signed theory answers
ROAD_PRACTICAL_SUMMARY = "practical-summary"  # the chief grader's signed 实操汇总表
ROAD_REVIEW_SUMMARY = "review-summary"        # the 综合评审 panel's chief's signed summary (the same road)
ROAD_DOUBLE_ENTRY = "manual"                  # 双人复核: two different people typed the same value
ROAD_DOOR_ABSENCE = "door-absence"            # 缺考 recorded by check-in at the cut-off
ROAD_CORRECTION = "correction"                # two people, the same value, each with a reason
ROADS = (ROAD_THEORY_EXAM, ROAD_PRACTICAL_SUMMARY, ROAD_REVIEW_SUMMARY, ROAD_DOUBLE_ENTRY, ROAD_DOOR_ABSENCE,
         ROAD_CORRECTION)
SOURCES = ROADS + ("import",)   # "import": stores written before the roads
ROAD_NAMES = {ROAD_THEORY_EXAM: "理论机考评分", ROAD_PRACTICAL_SUMMARY: "实操汇总表（考评组长签字）",
              ROAD_REVIEW_SUMMARY: "综合评审汇总表（评审组长签字）",
              ROAD_DOUBLE_ENTRY: "双人复核录入", ROAD_DOOR_ABSENCE: "检录缺考", ROAD_CORRECTION: "双人更正",
              "import": "导入"}
# A road re-issuing its own score (answers re-scored, a summary signed again) may replace it.
REISSUING_ROADS = (ROAD_THEORY_EXAM, ROAD_PRACTICAL_SUMMARY, ROAD_REVIEW_SUMMARY, ROAD_DOOR_ABSENCE)


def replace_problem(existing_source: str | None, road: str) -> str | None:
    """May a score that arrived by ``road`` replace the one stored (from ``existing_source``)?
    Nothing stored, a door absence (the candidate's sitting supersedes it), or the same road
    re-issuing: yes.  Anything else is a correction: two people and a reason."""
    if road not in ROADS:
        return f"成绩不能经「{road}」进入成绩"
    if existing_source is None or road == ROAD_CORRECTION:
        return None
    if existing_source == ROAD_DOOR_ABSENCE and road != ROAD_DOOR_ABSENCE:
        return None
    if existing_source == road and road in REISSUING_ROADS:
        return None
    return (f"该科已有成绩（{ROAD_NAMES.get(existing_source, existing_source)}）；"
            "更正须两人分别录入相同成绩并写明理由")


def correction_problem(existing_source: str | None) -> str | None:
    """Which stored scores a correction may change.  Machine-scored theory follows from the
    signed answers and the practical score from the signed sheets: those are corrected at
    their source (answers re-scored; a grader's sheet corrected and the summary signed again)."""
    if existing_source is None:
        return "该科尚无成绩，无需更正；成绩须经评分、汇总表签字或双人复核录入"
    if existing_source == ROAD_THEORY_EXAM:
        return "理论机考成绩由作答与试卷复算得出，不能手工更正"
    if existing_source == ROAD_PRACTICAL_SUMMARY:
        return "实操成绩须由考评员更正评分表、考评组长重新签署汇总表"
    if existing_source == ROAD_REVIEW_SUMMARY:
        return "综合评审成绩须由评审组成员更正评分表、评审组长重新签署汇总表"
    return None


def required_subjects(level: int, review: bool | None = None) -> tuple[str, ...]:
    """The subjects of a batch.  ``review``: whether its 综合评审 applies (the site's profile and the
    batch decide, ``results_common.subjects``); None: for levels 1–2 [000 L668]."""
    if review is None:
        review = codes.requires_review(level)
    return ("theory", "practical", "review") if review else ("theory", "practical")


def parse_score(value) -> Decimal:
    """A score on 100 points with at most one decimal; ValueError with a Chinese reason."""
    if value is None or (isinstance(value, str) and not value.strip()):
        raise ValueError("成绩不能为空")
    if isinstance(value, bool):
        raise ValueError("成绩应为数字")
    try:
        d = Decimal(str(value).strip())
    except InvalidOperation:
        raise ValueError(f"成绩「{value}」不是数字") from None
    if not d.is_finite():
        raise ValueError(f"成绩「{value}」不是数字")
    if d < 0 or d > 100:
        raise ValueError("成绩应在0—100之间")
    if d != d.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP):
        raise ValueError("成绩最多保留一位小数")
    return d.quantize(Decimal("0.1"))


def fmt_score(value: Decimal | float | None) -> str:
    if value is None:
        return ""
    d = Decimal(str(value)).quantize(Decimal("0.1"))
    return str(d.quantize(Decimal("1"))) if d == d.to_integral_value() else str(d)


@dataclass(frozen=True)
class SubjectOutcome:
    subject: str
    score: Decimal | None
    pass_mark: int
    void: bool = False  # cancelled by a misconduct finding
    absent: bool = False

    @property
    def passed(self) -> bool:
        return (not self.void and not self.absent and self.score is not None
                and self.score >= self.pass_mark)

    @property
    def label(self) -> str:
        if self.void:
            return "成绩取消"
        if self.absent:
            return "缺考"
        if self.score is None:
            return "未录入"
        return "合格" if self.passed else "不合格"


@dataclass(frozen=True)
class Result:
    level: int
    subjects: tuple[SubjectOutcome, ...]

    @property
    def complete(self) -> bool:
        return all(s.score is not None or s.void or s.absent for s in self.subjects)

    @property
    def passed(self) -> bool:
        return bool(self.subjects) and all(s.passed for s in self.subjects)

    @property
    def label(self) -> str:
        if any(s.void for s in self.subjects):
            return "成绩取消"
        if not self.complete:
            return "待录入"
        return "合格" if self.passed else "不合格"

    def outcome(self, subject: str) -> SubjectOutcome | None:
        return next((s for s in self.subjects if s.subject == subject), None)


def compute(level: int, scores: dict[str, Decimal | float | int | None], pass_marks: dict | None = None,
            void_subjects: frozenset[str] | set[str] = frozenset(), absent: frozenset[str] | set[str] = frozenset(),
            subjects: tuple[str, ...] | None = None) -> Result:
    marks = pass_marks or {}
    outs = []
    for subject in (subjects if subjects is not None else required_subjects(level)):
        raw = scores.get(subject)
        score = None if raw is None else Decimal(str(raw))
        outs.append(SubjectOutcome(subject, score, int(marks.get(subject, codes.DEFAULT_PASS_MARK)),
                                   subject in void_subjects, subject in absent))
    return Result(level, tuple(outs))


# -- 双人复核: two people type the same score -----------------------------------------
def double_entry_state(first: Decimal | None, second: Decimal | None) -> str:
    """'waiting' (one entry so far), 'mismatch' (highlighted until they agree), 'agreed'."""
    if first is None or second is None:
        return "waiting"
    return "agreed" if Decimal(first) == Decimal(second) else "mismatch"


# -- review chain ---------------------------------------------------------------------
REVIEW_STAGES = ("entered", "checked", "first_review", "approved")
STAGE_NAMES = {"entered": "已录入", "checked": "内督已审核", "first_review": "已初审", "approved": "已复审（定稿）"}
STEP_NAMES = {"checked": "内督审核", "first_review": "初审", "approved": "复审"}


class ReviewError(ValueError):
    pass


def next_stage(stage: str) -> str:
    i = REVIEW_STAGES.index(stage)
    if i + 1 >= len(REVIEW_STAGES):
        raise ReviewError("成绩已复审定稿；如需修改，请先填写理由重新打开")
    return REVIEW_STAGES[i + 1]


def check_sign(stage: str, target: str, signer: str, signer_role: str, earlier_signers: list[str],
               complete: bool, pending_mismatches: int) -> None:
    """Raise ReviewError unless ``signer`` may move the batch from ``stage`` to ``target``."""
    if target != next_stage(stage):
        raise ReviewError(f"当前状态为「{STAGE_NAMES[stage]}」，下一步应为「{STEP_NAMES[next_stage(stage)]}」")
    if not complete:
        raise ReviewError("尚有考生成绩未录入，不能提交审核")
    if pending_mismatches:
        raise ReviewError(f"尚有 {pending_mismatches} 条双人录入不一致的成绩，请先核对")
    if target == "checked" and signer_role != "internal_supervisor":
        raise ReviewError("成绩审核须由内部质量督导员签字")
    if target in ("first_review", "approved") and signer_role == "internal_supervisor":
        raise ReviewError("初审、复审由评价机构人员签字，内督不能代签")
    if signer in earlier_signers:
        raise ReviewError("同一人不能在审核链中签字两次（初审与复审须由不同人员完成）")


def may_change(stage: str) -> bool:
    """Scores can change while the chain is not finished; after approval only through a reopen."""
    return stage != "approved"
