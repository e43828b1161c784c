"""A candidate's sitting on the terminal, as the UI holds it, and the names both halves of
ExamTerminal share (app.services.exam: the sitting; app.services.exam_room: the room's side)."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from app import platform
from app.core.actor import Actor
from app.core.roles import Role

CANDIDATE_ROLE = "candidate"
FOLLOWED_SETTING = "exam.commands_applied"  # the last master command seq this terminal's exam applied
PROCTOR_ROLES = {Role.PROCTOR.value, Role.ROOM_HEAD.value}


_BOOT_ID: list[str] = []


def read_boot_id() -> str:
    """This boot's id, read once per process (a process never outlives the boot it started
    in, and the answer's path should not open a file on every click)."""
    if not _BOOT_ID:
        _BOOT_ID.append(platform.boot_id())
    return _BOOT_ID[0]


class _TimeUp(Exception):
    """Rolls the answer's transaction back: the time ran out before the click."""


@dataclass(frozen=True)
class ShownQuestion:
    """A question as the candidate sees it: options already in the candidate's order."""

    qno: int
    qtype: str
    stem: str
    options: tuple[tuple[str, str], ...]  # (shown label, text)
    points: Decimal
    image: bytes | None = None


@dataclass
class Sitting:
    """A candidate's open sitting on this terminal (held by the UI)."""

    session_id: int
    plan_no: str
    ticket_no: str
    name: str
    questions: list[ShownQuestion]
    answers: dict[int, str]  # qno -> shown labels, e.g. "AC"
    flags: set[int]
    status: str
    duration_ms: int
    remaining_ms: int
    gap_ms: int = 0
    needs_proctor: bool = False
    extension_ms: int = 0
    result: dict | None = None
    # private: mapping shown label <-> bank label per question, the clock anchor
    _to_bank: dict[int, dict[str, str]] = field(default_factory=dict, repr=False)
    _from_bank: dict[int, dict[str, str]] = field(default_factory=dict, repr=False)
    _anchor: tuple[int, int] = (0, 0)  # (consumed_ms, mono_ns) when the clock last ran from
    _actor: Actor | None = None

    @property
    def unanswered(self) -> list[int]:
        return [q.qno for q in self.questions if not self.answers.get(q.qno)]
