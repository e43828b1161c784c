"""A capture worker per camera: a reader thread and a writer thread, never the UI thread.

reader: opens the source (exponential back-off on failure), reads frames at the
    source's pace, stamps each with the clock, hands a small copy to the preview
    callback at a modest rate, and queues the frame for the writer.  A lost source
    closes the current segment and, once it is back, reports the gap.
writer: burns site, room, camera and time into the frame and writes MJPG in .avi
    segments with OpenCV's own writer, which writes each frame through (a killed
    process leaves a playable file; a closed segment is complete).  Before each
    segment and every second the free-disk watchdog decides: ok / warn / stop.
finisher: takes each closed segment in order, fsyncs it, hashes it (SHA-256) and
    hands it to the sink, which indexes and journals it in one transaction; a slow
    disk or database never holds up the writer.
restart: when the run before this one did not stop cleanly (the process was killed), the
    reader reports the hole from the end of what reached disk to this run's first frame as a gap.
"""

from __future__ import annotations

import datetime as _dt
import hashlib
import logging
import os
import queue
import shutil
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Protocol

import cv2
import numpy as np

from app import platform
from app.core.camera import (DEFAULT_SEGMENT_SECONDS, DEFAULT_STOP_FREE, DEFAULT_WARN_FREE, PreviousRun,
                             backoff_delays, disk_state, measured_fps, overlay_text, restart_gap, segment_name)
from app.camera.segment_file import SegmentWriter
from app.camera.sources import Capture, SourceSpec, SourceUnavailable
from app.core.sitetime import local

log = logging.getLogger(__name__)

FOURCC = cv2.VideoWriter_fourcc(*"MJPG")
DEFAULT_QUALITY = 75


def open_writer(path: Path, fps: float, size: tuple[int, int], quality: int = DEFAULT_QUALITY) -> cv2.VideoWriter:
    """OpenCV's own MJPG/AVI writer: it writes each frame through to the file as it goes (FFmpeg's
    buffers 256 KiB), so a killed process loses at most the frame being written; quality is settable."""
    writer = cv2.VideoWriter(platform.native_path(path), cv2.CAP_OPENCV_MJPEG, FOURCC, fps, size)
    if writer.isOpened():
        writer.set(cv2.VIDEOWRITER_PROP_QUALITY, quality)
    return writer


def utc_now() -> _dt.datetime:
    return _dt.datetime.now(_dt.timezone.utc)


def free_bytes(path: Path) -> int:
    return shutil.disk_usage(path).free


def sha256_file(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


@dataclass(frozen=True)
class ClosedSegment:
    camera_code: str
    path: Path
    start: _dt.datetime
    end: _dt.datetime
    fps: float
    frames: int
    size: int
    sha256: str


class Sink(Protocol):
    def segment_closed(self, seg: ClosedSegment) -> None: ...
    def gap(self, camera_code: str, start: _dt.datetime, end: _dt.datetime, reason: str) -> None: ...
    def alert(self, camera_code: str, kind: str, message: str, detail: dict) -> None: ...


class NullSink:
    def segment_closed(self, seg): pass
    def gap(self, camera_code, start, end, reason): pass
    def alert(self, camera_code, kind, message, detail): pass


@dataclass
class RecordingPlan:
    site_code: str
    room_code: str
    media_dir: Path
    segment_seconds: float = DEFAULT_SEGMENT_SECONDS
    warn_below: int = DEFAULT_WARN_FREE
    stop_below: int = DEFAULT_STOP_FREE
    free_space: Callable[[Path], int] = free_bytes
    max_seconds: float | None = None  # stop after this long (CLI --minutes)
    quality: int = DEFAULT_QUALITY  # JPEG quality of each recorded frame
    file_key: bytes | None = None  # the site file key: segments are sealed with it (app.camera.segment_file)
    plain_baseline: bool = False  # bench/camera.py only: plain MJPG .avi as before, to measure sealing against


@dataclass
class WorkerStats:
    offered: int = 0  # frames the source delivered
    recorded: int = 0  # frames written into segments
    dropped: int = 0  # frames lost because the writer fell behind
    segments: int = 0
    reconnects: int = 0
    gaps: int = 0


QUEUE_BYTES = 256 * 1024 * 1024  # raw frames waiting for the writer, per camera
MEASURE_FRAMES = 20  # frames used to measure a camera's real rate after each (re)connection


_BREAK = object()
_STOP = object()


class CameraWorker:
    """Capture (and, with a plan, record) one camera.  Callbacks run on the worker threads."""

    def __init__(self, camera_code: str, spec: SourceSpec, *, plan: RecordingPlan | None = None,
                 sink: Sink | None = None, clock: Callable[[], _dt.datetime] = utc_now,
                 on_preview: Callable[[str, np.ndarray, _dt.datetime], None] | None = None,
                 on_status: Callable[[str, str, str], None] | None = None,
                 preview_fps: float = 5.0, preview_width: int = 320,
                 backoff: tuple[float, float, float] = (0.5, 2.0, 30.0), queue_seconds: float = 4.0,
                 previous_run: PreviousRun | None = None):
        self.code = camera_code
        self.spec = spec
        self.plan = plan
        self.sink = sink or NullSink()
        self.clock = clock
        self.on_preview = on_preview
        self.on_status = on_status
        self.preview_interval = 1.0 / preview_fps if preview_fps > 0 else None
        self.preview_width = preview_width
        self.backoff = backoff
        self.queue_seconds = queue_seconds
        self.previous_run = previous_run  # how the run before this one ended (None: nothing to account for)
        self.stats = WorkerStats()
        self.state = "idle"
        self.recording = False
        self.disk_full = False
        self.disk_low = False
        self._stop = threading.Event()
        self._queue: queue.Queue = queue.Queue()
        self._closing: queue.Queue = queue.Queue()
        self._reader = threading.Thread(target=self._read_loop, name=f"camera-read-{camera_code}", daemon=True)
        self._writer = threading.Thread(target=self._write_loop, name=f"camera-write-{camera_code}", daemon=True)
        self._fps = 0.0
        self._started_mono = 0.0
        self.finished = threading.Event()

    # -- control ---------------------------------------------------------
    def start(self) -> "CameraWorker":
        self._started_mono = time.monotonic()
        if self.plan is not None and hasattr(self.sink, "started"):
            self.sink.started(self.code)
        self._reader.start()
        if self.plan is not None:
            self._writer.start()
        return self

    def stop(self, timeout: float = 15.0) -> None:
        self._stop.set()
        self.join(timeout)

    def join(self, timeout: float | None = None) -> None:
        self._reader.join(timeout)
        if self.plan is not None and self._writer.is_alive():
            self._writer.join(timeout)

    def is_alive(self) -> bool:
        return self._reader.is_alive() or self._writer.is_alive()

    def _status(self, state: str, message: str = "") -> None:
        if self.disk_full and state != "disk_full":  # sticky: nobody may miss that recording stopped
            message = f"{state}: 磁盘空间不足，录像已停止"
            state = "disk_full"
        elif self.disk_low and state == "recording":
            state, message = "recording_disk_low", "磁盘剩余空间偏低，请尽快腾出空间"
        self.state = state
        if self.on_status:
            try:
                self.on_status(self.code, state, message)
            except Exception:  # a UI fault never stops recording
                log.exception("status callback failed")

    # -- reader ----------------------------------------------------------
    def _open(self, cap: Capture, on_first_failure: Callable[[str], None]) -> bool:
        """Open with back-off until it works or we are told to stop."""
        delays = backoff_delays(*self.backoff)
        failures = 0
        while not self._stop.is_set():
            try:
                cap.open()
                return True
            except SourceUnavailable as exc:
                if failures == 0:
                    on_first_failure(str(exc))
                failures += 1
                delay = next(delays)
                self._status("lost", f"{exc}，{delay:.1f} 秒后重试")
                self._stop.wait(delay)
                self.stats.reconnects += 1
        return False

    def _read_loop(self) -> None:
        cap = Capture(self.spec)
        lost_at: _dt.datetime | None = None
        lost_reason = ""
        last_frame_at: _dt.datetime | None = None
        last_preview = 0.0
        # an unclean stop before this run: its hole is reported once, at the first frame (or at the end)
        restart_pending = self.plan is not None and self.previous_run is not None

        def report_restart_gap(at: _dt.datetime, resumed: bool) -> None:
            nonlocal restart_pending
            restart_pending = False
            gap = restart_gap(self.previous_run, at, resumed=resumed)
            if gap is not None:
                self.stats.gaps += 1
                self.sink.gap(self.code, gap.start, gap.end, gap.reason)

        def mark_lost(reason: str) -> None:
            nonlocal lost_at, lost_reason
            if lost_at is None:
                lost_at = last_frame_at or self.clock()
                lost_reason = reason
                self.stats.gaps += 1
                if self.plan is not None:
                    self._queue.put(_BREAK)

        try:
            self._status("connecting")
            while not self._stop.is_set():
                if cap.cap is None:
                    if not self._open(cap, mark_lost):
                        break
                    self._fps = cap.fps
                    pending = [] if not cap.fps_trusted else None
                    self._status("live", cap.spec.describe())
                frame = cap.read()
                now = self.clock()
                if frame is None:
                    ended = cap.at_end_of_file()
                    cap.close()
                    if ended and not self.spec.loop:
                        self._status("ended", "视频文件播放完毕")
                        break
                    if ended:  # loop: reopen the file (it may have gone away)
                        continue
                    mark_lost("视频源中断")
                    self._status("lost", lost_reason)
                    continue
                if restart_pending:  # up to the first frame, or to when the source was first found missing
                    report_restart_gap(lost_at or now, True)
                if lost_at is not None:
                    self.sink.gap(self.code, lost_at, now, lost_reason)
                    lost_at = None
                    self._status("live", "已重新连接")
                self.stats.offered += 1
                last_frame_at = now
                mono = time.monotonic()
                if self.on_preview and self.preview_interval and mono - last_preview >= self.preview_interval:
                    last_preview = mono
                    self._preview(frame, now)
                if self.plan is not None:
                    if pending is not None:  # hold the first frames until the rate is known
                        pending.append((frame, now, mono))
                        if len(pending) < MEASURE_FRAMES:
                            continue
                        self._fps = measured_fps([p[2] for p in pending])
                        self._queue.put(_BREAK)  # a new rate needs a new segment
                        for f, t, _ in pending:
                            self._enqueue(f, t)
                        pending = None
                    else:
                        self._enqueue(frame, now)
                    if self.plan.max_seconds and mono - self._started_mono >= self.plan.max_seconds:
                        break
            if lost_at is not None:  # stopped while the source was down: the gap runs to now
                self.sink.gap(self.code, lost_at, self.clock(), lost_reason + "（停止时仍未恢复）")
        except Exception as exc:
            log.exception("camera reader failed")
            self.sink.alert(self.code, "worker_failed", f"采集线程异常：{exc}", {})
        finally:
            cap.close()
            if restart_pending:  # stopped, or failed, before a first frame came: the hole is still reported
                try:
                    report_restart_gap(lost_at or self.clock(), False)
                except Exception:
                    log.exception("journaling the gap of the unclean stop failed")
            self._queue.put(_STOP)
            if self.plan is None:
                self.finished.set()
                if self.state not in ("ended",):
                    self._status("stopped")

    def _enqueue(self, frame: np.ndarray, at: _dt.datetime) -> None:
        # the writer may fall behind for a few seconds (a busy machine); beyond that, or beyond
        # QUEUE_BYTES of raw frames, frames are dropped and counted (journaled at the end of the run)
        limit = min(max(15.0, self._fps) * self.queue_seconds, max(8, QUEUE_BYTES // max(1, frame.nbytes)))
        if self._queue.qsize() > limit:
            self.stats.dropped += 1  # the writer fell behind; counted, never silent
        else:
            self._queue.put((frame, at))

    def _preview(self, frame: np.ndarray, at: _dt.datetime) -> None:
        h, w = frame.shape[:2]
        width = min(self.preview_width, w)
        small = cv2.resize(frame, (width, max(1, h * width // w)), interpolation=cv2.INTER_AREA)
        rgb = cv2.cvtColor(small, cv2.COLOR_BGR2RGB)
        try:
            self.on_preview(self.code, rgb, at)
        except Exception:
            log.exception("preview callback failed")

    # -- writer ----------------------------------------------------------
    def _write_loop(self) -> None:
        plan = self.plan
        assert plan is not None
        plan.media_dir.mkdir(parents=True, exist_ok=True)
        writer: cv2.VideoWriter | None = None
        path: Path | None = None
        start: _dt.datetime | None = None
        frames = 0
        fps = 0.0
        warned = False
        disk_stopped = False
        last_disk_check = 0

        def close_segment():
            nonlocal writer, path, start, frames
            if writer is None:
                return
            writer.release()
            writer = None
            if frames == 0:
                path.unlink(missing_ok=True)
            else:  # fsync, hash and journal on the finisher: a slow disk never holds up the next segment
                self._closing.put((path, start, fps, frames))
            path, start, frames = None, None, 0

        stopped_at = utc_now()

        def check_disk() -> str:
            nonlocal warned, disk_stopped, stopped_at, last_disk_check
            free = plan.free_space(plan.media_dir)
            state = disk_state(free, plan.warn_below, plan.stop_below)
            if state == "stop" and not disk_stopped:
                disk_stopped = True
                stopped_at = utc_now()
                last_disk_check = 0
                self.recording = False
                self.disk_full = True
                self.sink.alert(self.code, "disk_stop", "磁盘剩余空间不足，已停止录像（已录分段完好）",
                                {"free_bytes": free, "stop_below": plan.stop_below})
                self._status("disk_full", "磁盘空间不足，录像已停止")
            elif state == "warn" and not warned:
                warned = True
                self.disk_low = True
                if self.recording:
                    self._status("recording")
                self.sink.alert(self.code, "disk_warn", "磁盘剩余空间偏低，请尽快腾出空间或更换存储",
                                {"free_bytes": free, "warn_below": plan.warn_below})
            return state

        finisher = threading.Thread(target=self._finish_loop, name=f"camera-finish-{self.code}", daemon=True)
        finisher.start()
        try:
            while True:
                item = self._queue.get()
                if item is _STOP:
                    break
                if item is _BREAK:
                    close_segment()
                    continue
                frame, at = item
                if disk_stopped:  # look again about once a second: recording goes on when space returns
                    last_disk_check += 1
                    if last_disk_check < (self._fps or 15.0) or check_disk() == "stop":
                        continue
                    disk_stopped, last_disk_check = False, 0
                    self.disk_full = False
                    self.sink.gap(self.code, stopped_at, at, "磁盘空间不足，录像暂停")
                    self.stats.gaps += 1
                    self.sink.alert(self.code, "disk_resume", "磁盘空间已恢复，录像继续", {})
                if writer is None:
                    if check_disk() == "stop":
                        continue
                    last_disk_check = 0
                    fps = self._fps or 15.0
                    h, w = frame.shape[:2]
                    start = at
                    path = plan.media_dir / segment_name(self.code, at)
                    if plan.plain_baseline:
                        path = path.with_suffix(".avi")
                    if plan.plain_baseline:
                        writer = open_writer(path, fps, (w, h), plan.quality)
                    elif plan.file_key is None:
                        raise ValueError("recording needs the site file key (segments are encrypted)")
                    else:
                        try:
                            writer = SegmentWriter(path, plan.file_key, fps, (w, h), plan.quality, self.code)
                        except OSError:
                            writer = None
                    if writer is None or not writer.isOpened():
                        writer = None
                        disk_stopped = True
                        self.sink.alert(self.code, "writer_failed", f"无法创建录像文件：{path}", {})
                        continue
                    self.recording = True
                    self._status("recording")
                self._burn_in(frame, at)
                writer.write(frame)
                frames += 1
                self.stats.recorded += 1
                last_disk_check += 1
                if last_disk_check >= fps:
                    last_disk_check = 0
                    if check_disk() == "stop":
                        close_segment()
                        continue
                if frames >= round(plan.segment_seconds * fps):
                    close_segment()
        except Exception as exc:
            log.exception("camera writer failed")
            self.sink.alert(self.code, "worker_failed", f"录像线程异常：{exc}", {})
        finally:
            try:
                close_segment()
            finally:
                self._closing.put(_STOP)
                finisher.join()
                self.recording = False
                if hasattr(self.sink, "stopped"):
                    try:
                        self.sink.stopped(self.code, dict(self.stats.__dict__), self.disk_full)
                    except Exception:
                        log.exception("journaling the end of recording failed")
                self.finished.set()
                self._status("stopped")

    def _finish_loop(self) -> None:
        """Closed segments, in order: fsync, SHA-256, then the sink indexes and journals them."""
        while True:
            item = self._closing.get()
            if item is _STOP:
                return
            path, start, fps, frames = item
            try:
                with open(path, "rb") as f:
                    os.fsync(f.fileno())
                seg = ClosedSegment(self.code, path, start, start + _dt.timedelta(seconds=frames / fps), fps, frames,
                                    path.stat().st_size, sha256_file(path))
                self.sink.segment_closed(seg)
                self.stats.segments += 1
            except Exception as exc:  # keep recording; say so loudly
                log.exception("indexing a segment failed")
                try:
                    self.sink.alert(self.code, "index_failed", f"录像分段未能登记：{exc}", {"path": str(path)})
                except Exception:
                    log.exception("alert failed")

    def _burn_in(self, frame: np.ndarray, at: _dt.datetime) -> None:
        plan = self.plan
        text = overlay_text(plan.site_code, plan.room_code, self.code, local(at))
        h, w = frame.shape[:2]
        scale = max(0.4, w / 1600)
        thick = max(1, int(round(scale * 2)))
        (tw, th), base = cv2.getTextSize(text, cv2.FONT_HERSHEY_SIMPLEX, scale, thick)
        x, y = 8, h - 10
        cv2.rectangle(frame, (x - 4, y - th - 6), (x + tw + 4, y + base + 2), (0, 0, 0), -1)
        cv2.putText(frame, text, (x, y), cv2.FONT_HERSHEY_SIMPLEX, scale, (255, 255, 255), thick, cv2.LINE_AA)
