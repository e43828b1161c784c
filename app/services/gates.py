"""The rule gates several services share (issue 18): who may sign a 内督 review, and — added by the
later items — what must be on record before certificates are numbered or a batch is exported.

Each gate reads the site's province profile (app.core.profiles), never a province's name."""

from __future__ import annotations

from sqlalchemy import select

from app.core import duties
from app.core.errors import Conflict
from app.services.profile import site_profile
from app.store import models


def batch_roles(session, batch_id: int, staff_id: int) -> set[str]:
    return {r for (r,) in session.execute(select(models.BatchAssignment.role).where(
        models.BatchAssignment.batch_id == batch_id, models.BatchAssignment.staff_id == staff_id))}


def check_internal_reviewer(session, batch: models.Batch, staff_id: int, name: str) -> None:
    """Raise Conflict unless this person may sign the batch's 内督 review now (督导规程 第十六条;
    the profile's 内督 count per 工种)."""
    problem = duties.internal_review_problem(name, batch_roles(session, batch.id, staff_id))
    if problem is None:
        n = len(set(session.scalars(select(models.BatchAssignment.staff_id).where(
            models.BatchAssignment.batch_id == batch.id, models.BatchAssignment.role == "internal_supervisor"))))
        problem = duties.supervisor_count_problem(site_profile(session), n)
    if problem:
        raise Conflict(problem)


# -- what must be on record before certificates are numbered -----------------------------------------
def center_review(session, batch_id: int):
    from app.store import rules_tables as rules

    return session.get(rules.CenterReview, batch_id)


def numbering_problems(session, batch: models.Batch) -> list[str]:
    """Batch-level gates before certificate numbers are allocated or imported:

    - the 鉴定中心's review is recorded ("考核鉴定成绩须经当地鉴定中心审核认定" [002 L3862]; Henan
      "认定结果经职业技能鉴定（指导）中心审核后" [002 L3431]);
    - the 内部督导情况报告 is signed (Nanxun "内督人员填写…《职业技能等级认定内部督导情况报告》" [003 L49]);
    - the batch is not suspended by a 内督 veto ("暂停本次认定" [003 L371]);
    - the batch lies inside the institution's filed scope (违纪指引 第十五条 [002 L1754]).
    """
    from app.store import results_tables as rt

    out = []
    if center_review(session, batch.id) is None:
        out.append("鉴定中心对本批次成绩的审核结果尚未登记（审核人、审核日期、回复文号），不能核发证书编号")
    if session.get(rt.SupervisionReport, batch.id) is None:
        out.append("内部督导情况报告尚未签署，不能核发证书编号")
    out += suspension_problems(session, batch)
    out += scope_problems(session, batch)
    out += review_problems(session, batch)
    return out


def review_problems(session, batch: models.Batch) -> list[str]:
    """Where the batch has a 综合评审 (the profile requires it for the level — Hunan "综合评审主要针对技师和高级
    技师" [000 L668] — or the institution added it, Henan "技师以上级别可增加综合评审环节" [002 L4065]),
    every candidate who sat needs its score before certificates are numbered."""
    from app.services import results_common as rc
    from app.store import results_tables as rt

    if "review" not in rc.subjects(session, batch):
        return []
    cands = list(session.execute(select(models.Candidate.id, models.Candidate.ticket_no).where(
        models.Candidate.batch_id == batch.id).order_by(models.Candidate.ticket_no)))
    recorded = set(session.scalars(select(rt.SubjectScore.candidate_id).where(
        rt.SubjectScore.candidate_id.in_([cid for cid, _ in cands]), rt.SubjectScore.subject == "review")))
    voided = rc.void_subjects(session, [cid for cid, _ in cands])   # 成绩取消 by a misconduct decision
    missing = [t for cid, t in cands if cid not in recorded and "review" not in voided.get(cid, set())]
    if not missing:
        return []
    profile = site_profile(session)
    why = (f"{profile.name}规则要求（{profile.review_ref}）" if profile.review_required
           else "本批次已增加综合评审")
    return [f"综合评审成绩尚未录入（{len(missing)} 名考生，如 {missing[0]}；{why}），不能核发证书编号"]


def blocked_candidates(session, batch: models.Batch) -> set[int]:
    """Candidates whose 公示 objection is unresolved or was upheld: never numbered."""
    from app.store import rules_tables as rules

    return {cid for (cid,) in session.execute(select(rules.PublicationObjection.candidate_id).where(
        rules.PublicationObjection.batch_id == batch.id,
        (rules.PublicationObjection.outcome.is_(None)) | (rules.PublicationObjection.outcome == "upheld")))}


def suspension_problems(session, batch: models.Batch) -> list[str]:
    from app.store import rules_tables as rules

    open_ = session.scalars(select(rules.BatchSuspension).where(rules.BatchSuspension.batch_id == batch.id,
                                                               rules.BatchSuspension.resolved_at.is_(None))).first()
    if open_ is not None:
        return [f"本批次因内督否决项暂停认定（{'、'.join(open_.vetoes)}），须处理并写明理由后方可继续"]
    return []


def scope_problems(session, batch: models.Batch) -> list[str]:
    from app.core import scope
    from app.services import results_common as rc

    rows = rc.setting(session, scope.SETTING)
    if rows is None:   # a site that has not recorded its filed scope yet
        return ["评价机构备案范围（职业、工种、等级）尚未登记"]
    problem = scope.batch_problem(scope.parse_rows(rows), batch.occupation_code, batch.occupation_name,
                                  batch.work_type, batch.level)
    return [problem] if problem else []


def start_problems(session, batch: models.Batch) -> list[str]:
    """Before a batch starts (check-in opens, papers are unlocked): inside the filed scope when one is
    recorded (numbering and export require it recorded), and not suspended by a 内督 veto."""
    from app.core import scope
    from app.services import results_common as rc

    out = suspension_problems(session, batch)
    if rc.setting(session, scope.SETTING) is not None:
        out += scope_problems(session, batch)
    return out


def check_start(session, batch: models.Batch) -> None:
    problems = start_problems(session, batch)
    if problems:
        raise Conflict("；".join(problems))


def export_problems(session, batch: models.Batch) -> list[str]:
    """Before a batch is exported: the supervision report signed, not suspended, inside the filed scope
    (违纪指引 第十五条 "超范围上传证书数据…撤销" [002 L1754])."""
    from app.store import results_tables as rt

    out = []
    if session.get(rt.SupervisionReport, batch.id) is None:
        out.append("内部督导情况报告尚未签署，不能导出上报包")
    return out + suspension_problems(session, batch) + scope_problems(session, batch)
