"""Importing the batch plan and candidate roster; reading it back."""

from __future__ import annotations

import hashlib
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import cv2
import numpy as np
from sqlalchemy import select

from app.core import roster as rules
from app.core.errors import CellError, DomainError, ImportRejected, NotFound
from app.core.site import Batch as BatchValue
from app.formats import limits, xlsx
from app.services.base import Service, requires
from app.store import models

PHOTO_SUFFIXES = (".jpg", ".jpeg", ".png")


@dataclass(frozen=True)
class ImportResult:
    batches: list[str]
    candidates: int
    photos: int
    missing_photos: list[str]


@dataclass(frozen=True)
class CandidateView:
    id: int
    plan_no: str
    ticket_no: str
    name: str
    sex: str
    id_type: str
    id_no: str
    unit: str
    room: str
    seat: str
    has_photo: bool


def batch_value(b: models.Batch) -> BatchValue:
    return BatchValue(plan_no=b.plan_no, occupation_code=b.occupation_code, occupation_name=b.occupation_name,
                      work_type=b.work_type, level=b.level, exam_start=b.exam_start, exam_end=b.exam_end,
                      rooms=tuple(r.name for r in b.rooms), pass_marks=dict(b.pass_marks))


def _find_photos(photo_dir: Path | None) -> dict[str, Path]:
    if photo_dir is None:
        return {}
    if not photo_dir.is_dir():
        raise DomainError(f"照片文件夹不存在：{photo_dir}")
    return {unicodedata.normalize("NFKC", p.stem).strip().upper(): p for p in sorted(photo_dir.iterdir())
            if p.suffix.lower() in PHOTO_SUFFIXES and p.is_file()}


def _load_photo(path: Path) -> bytes | str:
    """The photo's bytes, or why it is refused.  The size and the pixel count are checked
    from the header before anything is decoded (a 30000×30000 PNG is 5 GB decoded)."""
    try:
        size = path.stat().st_size
        if size > limits.current().image_bytes:
            return f"照片文件过大（{size / limits.MB:.1f} MB，上限 {limits.current().describe('image_bytes')}）"
        data = path.read_bytes()
    except OSError as exc:
        return f"无法读取照片：{exc.strerror or exc}"
    problem = limits.image_problem(data)
    if problem:
        return problem
    img = cv2.imdecode(np.frombuffer(data, np.uint8), cv2.IMREAD_COLOR)
    if img is None:
        return "照片文件无法识别为图片"
    return data


class RosterService(Service):
    @requires("roster.import")
    def import_roster(self, path: Path | str, photo_dir: Path | str | None = None,
                      plan: dict[str, object] | None = None) -> ImportResult:
        """All or nothing: every row is checked first; any fault writes nothing and names
        the sheet, row and column.  Photos are matched by ticket_no, then by id_no.
        ``plan`` (keys of ``app.core.roster.PLAN_COLUMNS``) creates the batch when the file
        is a candidate list without a plan sheet.  .xlsx, .xls and .csv are read."""
        path = Path(path)
        sheets = xlsx.read_workbook(path)
        try:
            digest = hashlib.sha256(path.read_bytes()).hexdigest()
        except OSError as exc:
            raise DomainError(f"无法读取 {path.name}：{exc.strerror or exc}") from None
        photos = _find_photos(Path(photo_dir) if photo_dir else None)
        with self.ctx.unit_of_work() as uow:
            s = uow.session
            known = {b.plan_no: batch_value(b) for b in s.scalars(select(models.Batch))}
            tickets = set(s.scalars(select(models.Candidate.ticket_no)))
            ids: dict[str, set[str]] = {}
            for plan_no, id_no in s.execute(select(models.Batch.plan_no, models.Candidate.id_no)
                                            .join(models.Candidate.batch)):
                ids.setdefault(plan_no, set()).add(id_no)
            data = rules.parse_roster(sheets, known, tickets, ids, plan_fields=plan)
            photo_errors: list[CellError] = []
            photo_bytes: dict[str, bytes] = {}
            missing: list[str] = []
            for plan_no, rows in data.candidates.items():
                for row_no, c in rows:
                    p = photos.get(c.ticket_no.upper()) or photos.get(c.id_no.upper())
                    if p is None:
                        missing.append(c.ticket_no)
                        continue
                    loaded = _load_photo(p)
                    if isinstance(loaded, str):
                        photo_errors.append(CellError(data.candidate_sheet, row_no, "照片", f"{p.name}：{loaded}"))
                    else:
                        photo_bytes[c.ticket_no] = loaded
            if photo_errors:
                raise ImportRejected(photo_errors)
            now = self.ctx.now()
            batch_rows = {plan_no: s.scalars(select(models.Batch).where(models.Batch.plan_no == plan_no)).one()
                          for plan_no in data.candidates if plan_no in known}
            for b in data.batches:
                row = models.Batch(plan_no=b.plan_no, occupation_code=b.occupation_code,
                                   occupation_name=b.occupation_name, work_type=b.work_type, level=b.level,
                                   exam_start=b.exam_start, exam_end=b.exam_end, pass_marks=dict(b.pass_marks),
                                   created_at=now)
                rooms = list(b.rooms) or sorted({c.room for _, c in data.candidates.get(b.plan_no, []) if c.room})
                row.rooms = [models.Room(name=r) for r in rooms]
                s.add(row)
                batch_rows[b.plan_no] = row
                uow.journal("batch.create", b.plan_no, {
                    "occupation_code": b.occupation_code, "occupation_name": b.occupation_name,
                    "work_type": b.work_type, "level": b.level, "exam_start": b.exam_start.isoformat(),
                    "exam_end": b.exam_end.isoformat(), "rooms": rooms, "pass_marks": dict(b.pass_marks)})
            s.flush()
            count = 0
            for plan_no, rows in data.candidates.items():
                batch = batch_rows[plan_no]
                existing_rooms = {r.name for r in batch.rooms}
                for _, c in rows:
                    if c.room and c.room not in existing_rooms:
                        batch.rooms.append(models.Room(name=c.room))
                        existing_rooms.add(c.room)
                    s.add(models.Candidate(batch_id=batch.id, ticket_no=c.ticket_no, name=c.name, sex=c.sex,
                                           id_type=c.id_type, id_no=c.id_no, unit=c.unit, room=c.room,
                                           seat=c.seat, photo=photo_bytes.get(c.ticket_no)))
                    count += 1
                roster_digest = hashlib.sha256(repr(sorted(
                    (c.ticket_no, c.name, c.sex, c.id_type, c.id_no, c.unit, c.room, c.seat) for _, c in rows
                )).encode()).hexdigest()
                uow.journal("roster.import", plan_no, {
                    "file": path.name, "file_sha256": digest, "candidates": len(rows),
                    "tickets": [c.ticket_no for _, c in rows], "roster_sha256": roster_digest,
                    "photos": sum(1 for _, c in rows if c.ticket_no in photo_bytes)})
        return ImportResult([b.plan_no for b in data.batches], count, len(photo_bytes), missing)

    @requires("roster.view")
    def batches(self) -> list[BatchValue]:
        with self.ctx.reading() as s:
            return [batch_value(b) for b in s.scalars(select(models.Batch).order_by(models.Batch.exam_start))]

    @requires("roster.view")
    def candidates(self, plan_no: str | None = None) -> list[CandidateView]:
        with self.ctx.reading() as s:
            q = (select(models.Candidate, models.Batch.plan_no, models.Candidate.photo.is_not(None))
                 .join(models.Candidate.batch).order_by(models.Candidate.ticket_no))
            if plan_no:
                q = q.where(models.Batch.plan_no == plan_no)
            out = []
            for c, pn, has_photo in s.execute(q.execution_options(populate_existing=False)):
                out.append(CandidateView(c.id, pn, c.ticket_no, c.name, c.sex, c.id_type, c.id_no, c.unit,
                                         c.room, c.seat, bool(has_photo)))
            return out

    @requires("candidate.photo")
    def photo(self, ticket_no: str) -> bytes | None:
        with self.ctx.reading() as s:
            row = s.scalars(select(models.Candidate).where(models.Candidate.ticket_no == ticket_no)).first()
            if row is None:
                raise NotFound(f"准考证号「{ticket_no}」不存在")
            return row.photo
