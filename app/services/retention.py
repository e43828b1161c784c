"""The retention register (保存期限登记): what the site keeps for each batch, until when, and the rule.

Floors come from the province profile; the strictest applicable one wins [rules-digest §4.5]: video
"保留一年以上" [002 L3820], answers "保存三年以上" [002 L3856], grader-signed scoring records "三年以上"
and work pieces/photos "一年以上" [002 L3858], Hunan "纸质材料保管不少于3年，电子材料不少于5年"
[000 L97].  Nothing is purged before it (``video_floor_days`` is read by the camera purge)."""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass

from sqlalchemy import func, select

from app.core import profiles
from app.services.base import Service, requires
from app.services.profile import site_profile
from app.store import models


@dataclass(frozen=True)
class RetentionRow:
    plan_no: str
    what: str
    count: int | None        # None: not counted here
    years: int
    ref: str
    kept_from: _dt.date
    keep_until: _dt.date     # the first day it may go


def video_floor_days(session, now: _dt.datetime) -> int:
    """The profile's floor for video, in days counted back from ``now`` (strictest class wins)."""
    years, _ = profiles.retention_floor(site_profile(session), dict((k, c) for k, _, c in profiles.KEPT)["video"])
    return (now.date() - profiles.add_years(now.date(), -years)).days if years else 0


def _counts(s, b: models.Batch) -> dict[str, int | None]:
    from app.store.camera_tables import CameraSegment
    from app.store.scoring_tables import ScoreSheet
    from app.store.theory_tables import ExamSession

    return {
        "video": s.scalar(select(func.count()).select_from(CameraSegment).where(CameraSegment.plan_no == b.plan_no,
                                                                               CameraSegment.status != "purged")),
        "answers": s.scalar(select(func.count()).select_from(ExamSession).where(ExamSession.batch_id == b.id)),
        "scoring": s.scalar(select(func.count()).select_from(ScoreSheet).where(ScoreSheet.batch_id == b.id)),
        "workpieces": None,
        "records": None,
    }


class RetentionService(Service):
    @requires("retention.view")
    def register(self) -> list[RetentionRow]:
        """One row per batch and kind of material: kept from the end of the exam until the floor ends."""
        with self.ctx.reading() as s:
            profile = site_profile(s)
            out = []
            for b in s.scalars(select(models.Batch).order_by(models.Batch.exam_start)):
                counts = _counts(s, b)
                for key, what, classes in profiles.KEPT:
                    years, ref = profiles.retention_floor(profile, classes)
                    out.append(RetentionRow(b.plan_no, what, counts[key], years, ref, b.exam_end,
                                            profiles.add_years(b.exam_end, years)))
            return out
