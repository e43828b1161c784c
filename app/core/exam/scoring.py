"""Marking a submitted paper: per question, per knowledge point, total."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Mapping, Sequence

from app.core.exam.blueprint import Blueprint
from app.core.exam.questions import Question, QType


@dataclass(frozen=True)
class QuestionScore:
    qno: int
    code: str
    kp: str
    max_points: Decimal
    points: Decimal
    answered: bool


@dataclass(frozen=True)
class ScoreReport:
    questions: tuple[QuestionScore, ...]
    by_kp: dict[str, tuple[Decimal, Decimal]]  # kp -> (got, max)
    total: Decimal
    max_total: Decimal
    pass_mark: Decimal

    @property
    def passed(self) -> bool:
        return self.total >= self.pass_mark

    def to_dict(self) -> dict:
        return {"total": str(self.total), "max": str(self.max_total), "pass_mark": str(self.pass_mark),
                "passed": self.passed,
                "by_kp": {k: [str(g), str(m)] for k, (g, m) in sorted(self.by_kp.items())},
                "questions": [[q.qno, q.code, str(q.points)] for q in self.questions]}


def mark(q: Question, points: Decimal, chosen: frozenset[str], partial: Decimal) -> Decimal:
    if not chosen:
        return Decimal(0)
    if chosen == q.answer:
        return points
    if q.qtype is QType.MULTIPLE and partial and chosen < q.answer:
        return (points * partial).quantize(Decimal("0.01"))
    return Decimal(0)


def score(items: Sequence[tuple[int, Question, Decimal]], responses: Mapping[int, frozenset[str]],
          blueprint: Blueprint) -> ScoreReport:
    """``items``: (qno, question, points on this paper); ``responses``: qno -> chosen bank labels."""
    out = []
    by_kp: dict[str, list[Decimal]] = {}
    for qno, q, pts in items:
        chosen = frozenset(responses.get(qno, frozenset()))
        got = mark(q, pts, chosen, blueprint.partial_credit)
        out.append(QuestionScore(qno, q.code, q.kp_code, pts, got, bool(chosen)))
        acc = by_kp.setdefault(q.kp_code, [Decimal(0), Decimal(0)])
        acc[0] += got
        acc[1] += pts
    total = sum((x.points for x in out), Decimal(0))
    max_total = sum((x.max_points for x in out), Decimal(0))
    return ScoreReport(tuple(out), {k: (v[0], v[1]) for k, v in by_kp.items()}, total, max_total,
                       blueprint.pass_mark)
