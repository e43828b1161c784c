"""An export killed mid-way (process killed, power cut) is marked failed when the site opens.

Kept apart from ``app.services.bundle`` so that opening a site needs nothing of the export
itself (and no import circle through the site service)."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import select

from app.formats.staging import clean_stale, live_staging
from app.services.base import ServiceContext
from app.store.bundle_tables import ExportRecord


def recover_interrupted_exports(ctx: ServiceContext) -> list[int]:
    """When the site is opened: an export record still 生成中 whose export is no longer running
    (its process was killed, or the power went) is marked failed, its half-written ``.part``
    file and its staging removed.  Returns the numbers of the records so marked."""
    clean_stale(ctx.store.site_dir)
    live = live_staging(ctx.store.site_dir)
    with ctx.reading() as s:
        stuck = [r.seq for r in s.scalars(select(ExportRecord).where(ExportRecord.status == "building"))
                 if f"export-{r.seq:04d}" not in live]
    if not stuck:
        return []
    with ctx.unit_of_work() as uow:
        for rec in uow.session.scalars(select(ExportRecord).where(ExportRecord.seq.in_(stuck))):
            rec.status = "failed"
            rec.note = "生成过程中断（程序被关闭或断电），已标记为失败"
            Path(rec.path + ".part").unlink(missing_ok=True)
            uow.journal("export.failed", rec.plan_no, {"seq": rec.seq, "reason": "interrupted"})
    return stuck
