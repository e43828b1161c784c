"""Work-piece photos (考件照片): a still from a camera or a file, kept with the candidate."""

from __future__ import annotations

import hashlib

import cv2
import numpy as np
from sqlalchemy import select

from app.core.errors import DomainError, NotFound
from app.core.roles import Role
from app.services.base import Service, find_batch, requires
from app.services.scoring import queries as q
from app.services.scoring.views import PhotoView
from app.store import models
from app.store import scoring_tables as t

MAX_PHOTO_BYTES = 8 * 1024 * 1024


class WorkpiecePhotoService(Service):
    @requires("scoring.photo")
    def add_photo(self, plan_no: str, ticket_no: str, image: bytes, note: str = "") -> int:
        if not image or len(image) > MAX_PHOTO_BYTES:
            raise DomainError("照片为空或超过 8 MB")
        if cv2.imdecode(np.frombuffer(image, np.uint8), cv2.IMREAD_COLOR) is None:
            raise DomainError("照片无法识别为图片")
        digest = hashlib.sha256(image).hexdigest()
        with self.ctx.unit_of_work() as uow:
            s = uow.session
            batch = find_batch(s, plan_no)
            c = q.candidate(s, batch, ticket_no)
            if self.ctx.actor.role_value in (Role.GRADER.value, Role.CHIEF_GRADER.value):
                q.member(s, batch, self.ctx.actor.staff_id)
            p = t.WorkpiecePhoto(batch_id=batch.id, candidate_id=c.id, image=image, sha256=digest, note=note.strip(),
                                 taken_by=self.ctx.actor.staff_id, taken_at=self.ctx.now())
            s.add(p)
            s.flush()
            uow.journal("scoring.photo", ticket_no, {"photo": p.id, "sha256": digest, "bytes": len(image),
                                                     "note": note.strip()})
            return p.id

    @requires("scoring.view")
    def photos(self, plan_no: str, ticket_no: str) -> list[PhotoView]:
        with self.ctx.reading() as s:
            batch = find_batch(s, plan_no)
            c = q.candidate(s, batch, ticket_no)
            return [PhotoView(p.id, ticket_no, p.note, st.name, p.taken_at, p.sha256, len(p.image))
                    for p, st in s.execute(select(t.WorkpiecePhoto, models.Staff)
                                           .join(models.Staff, models.Staff.id == t.WorkpiecePhoto.taken_by)
                                           .where(t.WorkpiecePhoto.candidate_id == c.id)
                                           .order_by(t.WorkpiecePhoto.id))]

    @requires("scoring.view")
    def photo(self, photo_id: int) -> bytes:
        with self.ctx.reading() as s:
            p = s.get(t.WorkpiecePhoto, photo_id)
            if p is None:
                raise NotFound("照片不存在")
            return p.image
