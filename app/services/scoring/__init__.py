"""Practical scoring (实操评分), split by the people who use it:

- ``setup``     ScoringSetupService: the template, the 考评组, avoidance (office, admin, room head);
- ``grading``   GradingService: the grader's station, blind drafts, signatures, corrections;
- ``chief``     ChiefGraderService: progress, revealed sheets, reconciliation, absences, the
                signed summary and its transfer to results;
- ``paper``     PaperEntryService: paper sheets typed twice (双人复核);
- ``reports``   ScoringReportsService: the three PDFs;
- ``photos``    WorkpiecePhotoService: work-piece photos (camera stills);
- ``queries``   the reads they share; ``views`` the constants and returned views.

``ScoringServices.of(ctx)`` holds one of each for a workplace that offers them all; each call
still goes to the service that owns it, under its own role check.
"""

from __future__ import annotations

import functools
import inspect
from dataclasses import dataclass, replace

from app.services.base import ServiceContext
from app.services.scoring.chief import ChiefGraderService
from app.services.scoring.grading import GradingService
from app.services.scoring.paper import PaperEntryService
from app.services.scoring.photos import MAX_PHOTO_BYTES, WorkpiecePhotoService
from app.services.scoring.reports import ScoringReportsService
from app.services.scoring.setup import ScoringSetupService
from app.services.scoring.views import (
    R_ABSENT,
    R_DISCREPANCY,
    R_FINAL,
    R_PENDING,
    R_RECONCILED,
    RESULT_NAMES,
    GROUP_NAMES,
    PRACTICAL,
    REVIEW,
    SUBJECTS,
    ST_DRAFT,
    ST_NONE,
    ST_SIGNED,
    STATUS_NAMES,
    CandidateResult,
    ConflictView,
    GroupView,
    PaperStatus,
    PhotoView,
    PracticalScore,
    ProgressRow,
    SheetsSealed,
    SheetView,
    StationRow,
    SummarySignatureView,
)

SCORING_SERVICES = (ScoringSetupService, GradingService, ChiefGraderService, PaperEntryService,
                    ScoringReportsService, WorkpiecePhotoService)


@dataclass(frozen=True)
class ScoringServices:
    """One of each scoring service for the same login (the scoring workplace shows them all)."""

    setup: ScoringSetupService
    grading: GradingService
    chief: ChiefGraderService
    paper: PaperEntryService
    reports: ScoringReportsService
    photos: WorkpiecePhotoService

    @classmethod
    def of(cls, ctx: ServiceContext) -> ScoringServices:
        return cls(ScoringSetupService(ctx), GradingService(ctx), ChiefGraderService(ctx), PaperEntryService(ctx),
                   ScoringReportsService(ctx), WorkpiecePhotoService(ctx))

    @property
    def ctx(self) -> ServiceContext:
        return self.setup.ctx

    def for_subject(self, subject: str) -> ScoringServices:
        """The same services for one scoring group of the batch: every call that takes ``subject``
        gets this one ('practical': the 考评组, as always; 'review': the 综合评审 panel)."""
        if subject == PRACTICAL:
            return self
        return replace(self, **{f: _SubjectBound(getattr(self, f), subject) for f in self.__dataclass_fields__})


class _SubjectBound:
    """A scoring service whose calls that take ``subject`` are given one; the rest pass through."""

    def __init__(self, service, subject: str):
        self._service, self.subject = service, subject

    def __getattr__(self, name: str):
        attr = getattr(self._service, name)
        if callable(attr) and "subject" in inspect.signature(attr).parameters:
            return functools.partial(attr, subject=self.subject)
        return attr


__all__ = [
    "GROUP_NAMES",
    "PRACTICAL",
    "REVIEW",
    "SUBJECTS",
    "MAX_PHOTO_BYTES",
    "RESULT_NAMES",
    "R_ABSENT",
    "R_DISCREPANCY",
    "R_FINAL",
    "R_PENDING",
    "R_RECONCILED",
    "SCORING_SERVICES",
    "STATUS_NAMES",
    "ST_DRAFT",
    "ST_NONE",
    "ST_SIGNED",
    "CandidateResult",
    "ChiefGraderService",
    "ConflictView",
    "GradingService",
    "GroupView",
    "PaperEntryService",
    "PaperStatus",
    "PhotoView",
    "PracticalScore",
    "ProgressRow",
    "ScoringReportsService",
    "ScoringServices",
    "ScoringSetupService",
    "SheetView",
    "SheetsSealed",
    "StationRow",
    "SummarySignatureView",
    "WorkpiecePhotoService",
]
