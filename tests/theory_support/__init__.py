"""Building a bank, a blueprint and unlocked papers on the demo site, for the theory tests."""

from __future__ import annotations

import datetime as _dt
from pathlib import Path

from app.rehearsal.bank import LEVEL, OCC, SMALL_BLUEPRINT, make_questions, stem_of  # noqa: F401


class FixedClock:
    def __init__(self, at: _dt.datetime):
        self.at = at

    def now(self) -> _dt.datetime:
        return self.at


def exam_day_clock(handle) -> FixedClock:
    from app.services.demo import DEMO_PLAN
    from app.store import models
    from sqlalchemy import select

    with handle.store.read() as s:
        b = s.scalars(select(models.Batch).where(models.Batch.plan_no == DEMO_PLAN)).one()
    local = _dt.datetime.combine(b.exam_start, _dt.time(9, 0)).astimezone()
    return FixedClock(local.astimezone(_dt.timezone.utc))


PASSWORDS = {"admin": "Demo-admin-2026", "kaowu": "Demo-kaowu-2026", "jiankao1": "Demo-jiankao-2026",
             "kaochang": "Demo-kaochang-2026"}


def prepare_exam(demo, demo_login, tmp_path: Path, questions=None, blueprint=SMALL_BLUEPRINT, unlock=True):
    """Import a bank, set the blueprint, seal (admin + kaowu), unlock on exam day.  Returns the questions."""
    from app.rehearsal.bank import seal_papers, unlock_papers
    from app.services.demo import DEMO_PLAN

    demo.clock = exam_day_clock(demo)
    admin = demo_login("admin")
    admin.clock = demo.clock
    custodians = [("admin", PASSWORDS["admin"]), ("kaowu", PASSWORDS["kaowu"])]
    questions = seal_papers(admin, DEMO_PLAN, custodians, questions, blueprint)
    if unlock:
        staff = demo_login("kaowu")
        staff.clock = demo.clock
        unlock_papers(staff, DEMO_PLAN, custodians[::-1])
    return questions


def demo_id_tail(demo, ticket: str) -> str:
    from sqlalchemy import select

    from app.store import models

    with demo.store.read() as s:
        return s.scalars(select(models.Candidate.id_no).where(models.Candidate.ticket_no == ticket)).one()[-6:]
