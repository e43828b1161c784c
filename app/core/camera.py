"""Rules of exam-room video monitoring, pure: no files, no clock, no OpenCV.

- Camera and room codes burned into the frame are ASCII (cv2.putText has no CJK glyphs).
- Reconnection waits grow exponentially up to a ceiling.
- The free-disk watchdog warns early and stops recording before the disk fills.
- A clip window maps onto the frames of the segments that cover it.
- Retention: recordings are kept at least a year, and only batches whose export
  bundle has been made and verified may be purged.
- A recorder that did not stop cleanly (killed, power cut) leaves a hole from the last frame
  that reached disk to the first frame of the next run: that hole is a gap with its reason.
  A clean stop followed by a later start is not (recording was deliberately off).
"""

from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass

DEFAULT_SEGMENT_SECONDS = 60
DEFAULT_RETENTION_DAYS = 365
MIN_RETENTION_DAYS = 365
GB = 1024 ** 3
DEFAULT_WARN_FREE = 10 * GB
DEFAULT_STOP_FREE = 2 * GB

_CODE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]{0,23}$")

SOURCE_KINDS = ("index", "url", "file")


def code_problem(code: str, what: str = "摄像头编号") -> str | None:
    if not _CODE.match(code or ""):
        return f"{what}「{code}」须为 1–24 位英文字母、数字、- 或 _（烧录到画面上，只能用 ASCII）"
    return None


def source_problem(kind: str, value: str) -> str | None:
    if kind not in SOURCE_KINDS:
        return f"未知视频源类型「{kind}」（应为 index / url / file）"
    if kind == "index":
        if not (value.isascii() and value.isdigit()):
            return f"摄像头序号「{value}」须为非负整数"
    elif kind == "url":
        if not re.match(r"^(rtsp|rtsps|http|https)://\S+$", value):
            return f"视频流地址「{value}」须以 rtsp:// 或 http:// 开头"
    elif not value.strip():
        return "视频文件路径不能为空"
    return None


def backoff_delays(base: float = 0.5, factor: float = 2.0, ceiling: float = 30.0):
    """Waits before each reconnection attempt: 0.5, 1, 2, 4 ... capped at ``ceiling``."""
    delay = base
    while True:
        yield min(delay, ceiling)
        delay = min(delay * factor, ceiling)


def measured_fps(times: list[float]) -> float:
    """Frames per second from monotonic arrival times: the median interval (a burst of buffered
    frames at connection, or one stall, does not skew it), to the nearest 0.5, within 1..60."""
    gaps = sorted(b - a for a, b in zip(times, times[1:]))
    if not gaps:
        return 15.0
    mid = gaps[len(gaps) // 2] if len(gaps) % 2 else (gaps[len(gaps) // 2 - 1] + gaps[len(gaps) // 2]) / 2
    if mid <= 0:
        return 60.0
    return min(60.0, max(1.0, round(2 / mid) / 2))


def disk_state(free_bytes: int, warn_below: int = DEFAULT_WARN_FREE, stop_below: int = DEFAULT_STOP_FREE) -> str:
    """'ok', 'warn' (tell someone now) or 'stop' (close the segment and stop writing)."""
    if free_bytes < stop_below:
        return "stop"
    if free_bytes < warn_below:
        return "warn"
    return "ok"


def overlay_text(site_code: str, room_code: str, camera_code: str, at: _dt.datetime) -> str:
    """The line burned into every recorded frame (ASCII only; local wall time with offset)."""
    stamp = at.strftime("%Y-%m-%d %H:%M:%S")
    off = at.strftime("%z")
    return f"{site_code} {room_code} {camera_code} {stamp}{(' ' + off) if off else ''}"


def segment_name(camera_code: str, start: _dt.datetime) -> str:
    return f"{camera_code}_{start.astimezone(_dt.timezone.utc).strftime('%Y%m%dT%H%M%S_%fZ')}.esv"


@dataclass(frozen=True)
class SegmentSpan:
    """One closed segment as the index knows it."""

    id: int
    camera_code: str
    start: _dt.datetime
    fps: float
    frames: int

    @property
    def end(self) -> _dt.datetime:
        return self.start + _dt.timedelta(seconds=self.frames / self.fps if self.fps else 0)


RESTART_GAP_REASON = "录像进程异常中断（未正常停止），重启后继续录像"
RESTART_GAP_UNRESUMED = "录像进程异常中断（未正常停止），重启后未能恢复录像"


@dataclass(frozen=True)
class PreviousRun:
    """What the store knows of a camera's recording when a new run is about to start."""

    stopped_cleanly: bool  # the last run journaled its stop (or there never was a run)
    last_end: _dt.datetime | None = None  # end of the last frame on disk (indexed or recovered segment)
    unclean_since: _dt.datetime | None = None  # start of the first run since the last clean stop
    explained_until: _dt.datetime | None = None  # end of the last gap already journaled


@dataclass(frozen=True)
class GapSpan:
    start: _dt.datetime
    end: _dt.datetime
    reason: str


def restart_gap(previous: PreviousRun | None, resumed_at: _dt.datetime, *, resumed: bool = True) -> GapSpan | None:
    """The hole an unclean stop left, from the end of what was recorded before to ``resumed_at``
    (the new run's first frame; or, with ``resumed=False``, when it stopped without one).

    Nothing after a clean stop, nor for a camera that never recorded.  The hole starts at the last
    frame on disk, but never before the unclean run itself began (the time before it, after a clean
    stop, was deliberately not recorded) nor inside a gap already journaled."""
    if previous is None or previous.stopped_cleanly:
        return None
    bounds = [t for t in (previous.last_end, previous.unclean_since, previous.explained_until) if t is not None]
    if not bounds:
        return None
    start = max(bounds)
    if resumed_at <= start:
        return None
    return GapSpan(start, resumed_at, RESTART_GAP_REASON if resumed else RESTART_GAP_UNRESUMED)


@dataclass(frozen=True)
class ClipPiece:
    segment_id: int
    first_frame: int  # inclusive
    last_frame: int  # exclusive


def clip_pieces(segments: list[SegmentSpan], start: _dt.datetime, end: _dt.datetime) -> list[ClipPiece]:
    """The frames of each segment that fall inside [start, end), in time order."""
    if end <= start:
        return []
    out = []
    for seg in sorted(segments, key=lambda s: s.start):
        if seg.frames <= 0 or seg.fps <= 0 or seg.end <= start or seg.start >= end:
            continue
        first = max(0, round((start - seg.start).total_seconds() * seg.fps))
        last = min(seg.frames, round((end - seg.start).total_seconds() * seg.fps))
        if last > first:
            out.append(ClipPiece(seg.id, first, last))
    return out


@dataclass(frozen=True)
class RetentionItem:
    segment_id: int
    camera_code: str
    plan_no: str
    start: _dt.datetime
    purgeable: bool
    reason: str


def retention_plan(segments: list[tuple[int, str, str, _dt.datetime]], now: _dt.datetime,
                   retention_days: int, verified_plans: set[str]) -> list[RetentionItem]:
    """For each (id, camera, plan_no, start) older than the retention period: may it go?
    Only footage of a batch whose export bundle was made and verified; never before a year."""
    days = max(int(retention_days), MIN_RETENTION_DAYS)
    cutoff = now - _dt.timedelta(days=days)
    out = []
    for seg_id, cam, plan_no, start in segments:
        if start >= cutoff:
            continue
        if not plan_no:
            out.append(RetentionItem(seg_id, cam, plan_no, start, False, "未关联认定批次，保留"))
        elif plan_no not in verified_plans:
            out.append(RetentionItem(seg_id, cam, plan_no, start, False, "该批次的上报数据包尚未生成并校验，保留"))
        else:
            out.append(RetentionItem(seg_id, cam, plan_no, start, True, f"已超过 {days} 天且数据包已校验"))
    return out


@dataclass(frozen=True)
class CameraSettings:
    """A site's recording settings (kept in the store, changed by an administrator)."""

    segment_seconds: int = DEFAULT_SEGMENT_SECONDS
    retention_days: int = DEFAULT_RETENTION_DAYS
    warn_free_gb: float = DEFAULT_WARN_FREE / GB
    stop_free_gb: float = DEFAULT_STOP_FREE / GB

    def problems(self) -> list[str]:
        out = []
        if not 5 <= self.segment_seconds <= 600:
            out.append("录像分段时长应在 5–600 秒之间")
        if self.retention_days < MIN_RETENTION_DAYS:
            out.append(f"录像保存期限不得少于 {MIN_RETENTION_DAYS} 天（一年）")
        if not 0 < self.stop_free_gb < self.warn_free_gb:
            out.append("停止录像的剩余空间须大于 0 且小于预警值")
        return out
