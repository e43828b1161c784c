"""The paper blueprint (组卷方案): what a paper holds and how it is marked."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from app.core.exam.questions import QTYPE_NAMES, QType

DEFAULT_DURATION_MIN = 90
DEFAULT_PASS_MARK = Decimal(60)
DEFAULT_TOTAL = Decimal(100)
DEFAULT_RESUME_LIMIT_MIN = 10


@dataclass(frozen=True)
class Section:
    """``count`` questions of one type, each worth ``points``; optionally limited to one
    knowledge point (鉴定点) code or code prefix (``kp`` "" = any)."""

    qtype: QType
    count: int
    points: Decimal
    kp: str = ""

    @property
    def total(self) -> Decimal:
        return self.points * self.count


@dataclass(frozen=True)
class Blueprint:
    sections: tuple[Section, ...]
    duration_min: int = DEFAULT_DURATION_MIN
    pass_mark: Decimal = DEFAULT_PASS_MARK
    total: Decimal = DEFAULT_TOTAL
    # share of each difficulty 1..5 in the paper (fractions summing to 1); empty = any mix
    difficulty_mix: dict[int, float] = field(default_factory=dict)
    # 多选 partial credit: fraction of the points for a non-empty subset of the right options
    # with nothing wrong chosen.  0 = all or nothing (the default).
    partial_credit: Decimal = Decimal(0)
    shuffle_questions: bool = True
    shuffle_options: bool = True
    mode: str = "random"  # "random": one paper, per-candidate order; "ab": fixed papers A and B
    resume_limit_min: int = DEFAULT_RESUME_LIMIT_MIN  # downtime paused automatically up to this

    def problems(self) -> list[str]:
        out = []
        if not self.sections:
            out.append("组卷方案至少需要一个题型")
        for i, s in enumerate(self.sections, 1):
            if s.count <= 0:
                out.append(f"第{i}项（{QTYPE_NAMES[s.qtype]}）题数必须大于0")
            if s.points <= 0:
                out.append(f"第{i}项（{QTYPE_NAMES[s.qtype]}）每题分值必须大于0")
        got = sum((s.total for s in self.sections), Decimal(0))
        if self.sections and got != self.total:
            out.append(f"各题型分值合计 {got} 分，应为 {self.total} 分")
        if not 30 <= self.duration_min <= 300:
            out.append("考试时长应在30～300分钟之间")
        if not 0 < self.pass_mark <= self.total:
            out.append("合格分数线应大于0且不超过满分")
        if self.difficulty_mix:
            if any(k not in range(1, 6) or v < 0 for k, v in self.difficulty_mix.items()):
                out.append("难度比例的难度应为1～5，比例不能为负")
            elif abs(sum(self.difficulty_mix.values()) - 1) > 1e-6:
                out.append("难度比例之和应为100%")
        if not 0 <= self.partial_credit < 1:
            out.append("多选题少选得分比例应在0～1之间（0为全对才得分）")
        if self.mode not in ("random", "ab"):
            out.append("组卷方式应为 random（随机）或 ab（固定A/B卷）")
        if not 0 <= self.resume_limit_min <= 120:
            out.append("断机自动续考时限应在0～120分钟之间")
        return out

    @property
    def question_count(self) -> int:
        return sum(s.count for s in self.sections)

    def to_dict(self) -> dict:
        return {"sections": [{"qtype": s.qtype.value, "count": s.count, "points": str(s.points), "kp": s.kp}
                             for s in self.sections],
                "duration_min": self.duration_min, "pass_mark": str(self.pass_mark), "total": str(self.total),
                "difficulty_mix": {str(k): v for k, v in self.difficulty_mix.items()},
                "partial_credit": str(self.partial_credit), "shuffle_questions": self.shuffle_questions,
                "shuffle_options": self.shuffle_options, "mode": self.mode,
                "resume_limit_min": self.resume_limit_min}

    @classmethod
    def from_dict(cls, d: dict) -> "Blueprint":
        return cls(tuple(Section(QType(s["qtype"]), int(s["count"]), Decimal(str(s["points"])), s.get("kp", ""))
                         for s in d["sections"]),
                   int(d.get("duration_min", DEFAULT_DURATION_MIN)),
                   Decimal(str(d.get("pass_mark", DEFAULT_PASS_MARK))), Decimal(str(d.get("total", DEFAULT_TOTAL))),
                   {int(k): float(v) for k, v in d.get("difficulty_mix", {}).items()},
                   Decimal(str(d.get("partial_credit", "0"))), bool(d.get("shuffle_questions", True)),
                   bool(d.get("shuffle_options", True)), d.get("mode", "random"),
                   int(d.get("resume_limit_min", DEFAULT_RESUME_LIMIT_MIN)))


def standard_blueprint(**kw) -> Blueprint:
    """A common theory paper: 40 判断 × 0.5 + 60 单选 × 1 + 10 多选 × 2 = 100 分, 90 分钟."""
    return Blueprint((Section(QType.TRUE_FALSE, 40, Decimal("0.5")), Section(QType.SINGLE, 60, Decimal(1)),
                      Section(QType.MULTIPLE, 10, Decimal(2))), **kw)
