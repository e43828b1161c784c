"""The exam clock.  Time is *consumed exam time*, counted from monotonic clock deltas
while the exam runs, and stored with every durable record.  The wall clock is never
used to compute the remaining time, so changing it changes nothing.

When the terminal was down (crash, power cut), the gap since the last durable record
is *paused*: the candidate loses none of it.  A gap longer than the configured limit,
or one that cannot be measured reliably (the machine rebooted and the wall clock is
all there is), needs a proctor's authorisation before the exam continues.  Either way
the gap is recorded: never silently lost or gained.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Mark:
    """Where the clock stood at a durable record."""

    consumed_ms: int
    boot_id: str
    mono_ns: int  # time.monotonic_ns() at the record (meaningful only within one boot)
    wall_ms: int  # wall clock at the record (only to estimate a gap across a reboot)


@dataclass(frozen=True)
class Gap:
    ms: int
    reliable: bool  # measured on the monotonic clock of the same boot
    needs_proctor: bool


def remaining_ms(duration_ms: int, extension_ms: int, consumed_ms: int) -> int:
    return max(0, duration_ms + extension_ms - consumed_ms)


def advance(consumed_ms: int, last_mono_ns: int, now_mono_ns: int) -> int:
    """Consumed time after the clock ran from ``last_mono_ns`` to ``now_mono_ns``."""
    delta = now_mono_ns - last_mono_ns
    if delta < 0:  # cannot happen within one boot; never run the clock backwards
        delta = 0
    return consumed_ms + delta // 1_000_000


def gap(last: Mark, boot_id: str, now_mono_ns: int, now_wall_ms: int, limit_ms: int) -> Gap:
    """How long the terminal was down since ``last`` and whether the proctor must authorise."""
    if boot_id == last.boot_id and now_mono_ns >= last.mono_ns:
        ms = (now_mono_ns - last.mono_ns) // 1_000_000
        return Gap(ms, True, ms > limit_ms)
    ms = now_wall_ms - last.wall_ms
    if ms < 0:
        return Gap(0, False, True)  # wall clock went back: cannot tell, ask the proctor
    return Gap(ms, False, ms > limit_ms)


def warnings_due(remaining: int, already: frozenset[int], at_minutes=(15, 5)) -> list[int]:
    """Warning minutes whose threshold was crossed and not yet shown."""
    return [m for m in at_minutes if remaining <= m * 60_000 and m not in already]
