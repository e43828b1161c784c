"""Separation of duties at every signature (issue 18 item 3).

督导规程 第十六条 [002 L1172]: "质量督导员不能参加可能影响其客观公正督导的工作，不能兼任同场次考评工作".
A person who grades, leads the grading or proctors a batch is the subject of its 内督 review, so they
cannot sign it: every 内督 signature (成绩审核, 内部督导情况报告, the bundle countersignature) checks the
batch's assignments at the moment of signing, not only when people are assigned.

Nanxun: "每项认定的工种最少需配有考评人员3名、内部质量督导员2名" [003 L41]; "内督人员数量符合要求
（至少2人）" [003 L631] — where the profile says so, a 内督 signature needs that many 内督 assigned.
"""

from __future__ import annotations

from app.core.profiles import Profile

# The batch roles whose work the 内督 reviews.
REVIEWED_ROLES = {"grader": "考评员", "chief_grader": "考评组长", "proctor": "监考人员"}


def internal_review_problem(name: str, batch_roles: set[str] | frozenset[str]) -> str | None:
    """Why this person may not sign the batch's 内督 review; None when they may."""
    if "internal_supervisor" not in batch_roles:
        return f"「{name}」未被委派为本批次的内部质量督导员，不能签署内督审核"
    clash = [REVIEWED_ROLES[r] for r in REVIEWED_ROLES if r in batch_roles]
    if clash:
        return (f"「{name}」是本批次的{'、'.join(clash)}，不能签署本批次的内督审核"
                "（督导规程第十六条：质量督导员不能兼任同场次考评工作）")
    return None


def supervisor_count_problem(profile: Profile, assigned: int) -> str | None:
    """Fewer 内督 on the batch (one 工种) than the profile requires."""
    need = profile.min_internal_supervisors_per_work_type
    if need and assigned < need:
        return (f"{profile.name}要求每个认定工种至少配备{need}名内部质量督导员（{profile.supervisors_ref}），"
                f"本批次只委派了{assigned}名")
    return None
