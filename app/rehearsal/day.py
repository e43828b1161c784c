"""What every phase of a rehearsed day shares: the open site, the simulated clock, the
people's passwords, where artefacts go, and a progress line for the person watching."""

from __future__ import annotations

import datetime as _dt
import random
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from app.services.base import Clock, ServiceContext
from app.services.site import SiteHandle


class DayClock(Clock):
    """Wall-clock time of the rehearsed day: starts at ``start`` and runs at real speed;
    ``jump_to`` moves it forward (never back), so journal times stay in order."""

    def __init__(self, start: _dt.datetime):
        if start.tzinfo is None:
            raise ValueError("start needs a time zone")
        self._base = start
        self._real = time.monotonic()
        self._lock = threading.Lock()

    def now(self) -> _dt.datetime:
        with self._lock:
            return self._base + _dt.timedelta(seconds=time.monotonic() - self._real)

    def jump_to(self, when: _dt.datetime) -> None:
        with self._lock:
            current = self._base + _dt.timedelta(seconds=time.monotonic() - self._real)
            if when > current:
                self._base, self._real = when, time.monotonic()

    def advance(self, **delta) -> None:
        self.jump_to(self.now() + _dt.timedelta(**delta))



@dataclass
class Day:
    handle: SiteHandle
    plan_no: str
    clock: DayClock
    exam_day: _dt.date
    out: Path                                  # artefacts (PDFs, tables, bundle) go here
    passwords: dict[str, str]                  # username -> password
    say: Callable[[str], None] = print         # one progress line for the person watching
    passphrase: str = ""                       # the site passphrase, for the master's own process
    seed: int = 2026
    artefacts: dict[str, Path] = field(default_factory=dict)  # label -> file, printed at the end

    def __post_init__(self):
        self.rng = random.Random(self.seed)
        self.handle.clock = self.clock
        self.out.mkdir(parents=True, exist_ok=True)

    def login(self, username: str, role: str | None = None) -> ServiceContext:
        ctx = self.handle.login(username, self.passwords[username], role)
        ctx.clock = self.clock
        return ctx

    def artefact(self, label: str, path: Path) -> Path:
        self.artefacts[label] = Path(path)
        return Path(path)
