"""考评员 (graders): the qualification a grader's account carries, and rotation (轮换) across batches.

Qualification — the seeds set the grader's level by the candidates' level, not "at least the same":

- Henan [002 L3834]: "考评人员必须具有三级职业资格 / 高级工或中级专业技术职务以上资格。考评二级职业资格 /
  技师的考评人员必须具有一级职业资格 / 高级技师或高级专业技术职务的资格。"
- Hunan [000 L93, L686]: "认定高级及以下等级的考评员须具备相关职业高级（三级）及以上职业资格（职业技能等级）证…；
  认定技师以上等级的高级考评员须具备本职业或相关专业…高级技师职业资格（职业技能等级）"

So a batch of 三级—五级 needs graders of 三级 or above, and a batch of 技师 or 高级技师 needs 一级.  The grader's
考评职业 must be the batch's occupation (Henan's form: "考评员证书情况: 考评职业 / 证书编号" [002 L3112–3113]).
(Professional titles, which the seeds also accept, are not recorded: the level is the one that counts here.)

Rotation — Nanxun "派遣遵循回避制、轮换制、考评组长负责制" [003 L326]; the seeds give no interval
(rules-digest §4.3), so where the profile requires rotation a grader of the immediately previous batch of the
same occupation may not sit in the next one's group.
"""

from __future__ import annotations

from dataclasses import dataclass

from app.core import codes

# levels are numbered 1 (一级/高级技师) … 5 (五级/初级工): a smaller number is a higher level
SENIOR_BATCH_LEVELS = (1, 2)


def required_level(batch_level: int) -> int:
    """The lowest grader level (as a number: this or smaller) that may grade a batch of ``batch_level``."""
    return 1 if batch_level in SENIOR_BATCH_LEVELS else 3


@dataclass(frozen=True)
class Qualification:
    card_no: str
    level: int | None
    occupation: str


def describe(q: Qualification) -> str:
    """'电工 三级/高级工 KP-0001' for screens; '' when nothing is recorded."""
    if not (q.card_no or q.level or q.occupation):
        return ""
    level = codes.level_label(q.level) if q.level else "等级未登记"
    return f"{q.occupation or '职业未登记'} {level} {q.card_no or '证号未登记'}"


def qualification_problem(name: str, q: Qualification, occupation_code: str, occupation_name: str,
                          batch_level: int) -> str | None:
    """One Chinese line naming the grader and what is missing, or None when qualified."""
    missing = []
    if not q.card_no:
        missing.append("考评员证号")
    if q.level is None:
        missing.append("考评员等级")
    if not q.occupation:
        missing.append("考评职业")
    if missing:
        return f"考评员「{name}」未登记{'、'.join(missing)}，不能进入考评组"
    if q.occupation not in (occupation_code, occupation_name):
        return f"考评员「{name}」的考评职业为「{q.occupation}」，不能考评「{occupation_name}」"
    need = required_level(batch_level)
    if q.level > need:
        return (f"考评员「{name}」为{codes.level_label(q.level)}，考评{codes.level_label(batch_level)}"
                f"须具有{codes.level_label(need)}及以上资格")
    return None


def rotation_problem(name: str, previous_plan_no: str) -> str:
    return (f"考评员「{name}」已在同职业上一批次（{previous_plan_no}）考评，本站点省份规则实行轮换制，"
            "不能连续进入考评组")
