"""The rule gates several services share (issue 18): who may sign a 内督 review, and — added by the
later items — what must be on record before certificates are numbered or a batch is exported.

Each gate reads the site's province profile (app.core.profiles), never a province's name."""

from __future__ import annotations

from sqlalchemy import select

from app.core import duties
from app.core.errors import Conflict
from app.services.site import site_profile
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
