"""Video monitoring: cameras per room, continuous segmented recording with every closed
segment hashed into the journal, gaps and disk alerts, incident bookmarks, clip export,
snapshots for other workplaces, and a retention purge that waits for verified exports."""

from __future__ import annotations

import datetime as _dt
import json
import re
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Callable

from sqlalchemy import func, select

from app import platform
from app.camera.segment_file import open_segment
from app.camera import clip as cliplib
from app.camera.recorder import CameraWorker, ClosedSegment, RecordingPlan, free_bytes, sha256_file
from app.camera.sources import SourceSpec, snapshot as take_snapshot
from app.core.sitetime import site_date
from app.core import camera as rules
from app.core.errors import Conflict, DomainError, NotFound
from app.services.base import Service, requires
from app.store import models
from app.store.camera_tables import BatchExportStatus, Camera, CameraBookmark, CameraGap, CameraSegment

MEDIA_DIR = Path("media") / "video"
# where a bookmark comes from: proctor console, check-in desk, misconduct form, a review flag
BOOKMARK_ORIGINS = ("incident", "checkin", "misconduct", "flag")
CLIP_DIR = Path("media") / "clips"


def _iso(t: _dt.datetime) -> str:
    return t.astimezone(_dt.timezone.utc).isoformat(timespec="milliseconds").replace("+00:00", "Z")


@dataclass(frozen=True)
class CameraView:
    code: str
    name: str
    room: str
    room_code: str
    position: str
    source_kind: str
    source: str
    loop: bool
    active: bool

    @property
    def spec(self) -> SourceSpec:
        return SourceSpec(self.source_kind, self.source, self.loop)


@dataclass(frozen=True)
class SegmentView:
    id: int
    camera_code: str
    room: str
    plan_no: str
    path: Path  # absolute
    start: _dt.datetime
    end: _dt.datetime
    fps: float
    frames: int
    size: int
    sha256: str
    status: str
    journal_seq: int


@dataclass(frozen=True)
class GapView:
    id: int
    camera_code: str
    room: str
    start: _dt.datetime
    end: _dt.datetime
    reason: str


@dataclass(frozen=True)
class BookmarkView:
    id: int
    room: str
    at: _dt.datetime
    text: str
    origin: str
    who: str


@dataclass(frozen=True)
class BookmarkVideo:
    bookmark: BookmarkView
    start: _dt.datetime
    end: _dt.datetime
    by_camera: dict  # camera code -> list[SegmentView]
    gaps: list


def _camera_view(c: Camera) -> CameraView:
    return CameraView(c.code, c.name, c.room, c.room_code, c.position, c.source_kind, c.source, c.loop, c.active)


class _ServiceSink:
    """What a recording worker calls: every call goes through the guarded service."""

    def __init__(self, service: "CameraService", camera: CameraView):
        self.service = service
        self.camera = camera

    def segment_closed(self, seg: ClosedSegment) -> None:
        self.service.index_segment(self.camera.code, seg)

    def gap(self, camera_code, start, end, reason) -> None:
        self.service.record_gap(camera_code, start, end, reason)

    def alert(self, camera_code, kind, message, detail) -> None:
        self.service.record_alert(camera_code, kind, message, detail)

    def started(self, camera_code) -> None:
        self.service.record_run(camera_code, "start", {})

    def stopped(self, camera_code, stats: dict, disk_full: bool) -> None:
        self.service.record_run(camera_code, "stop", {**stats, "disk_full": disk_full})


class CameraRetention(Service):
    """保存期限: what a purge would remove and why, and the purge itself (the administrator's side)."""

    def _verified_plans(self) -> set[str]:
        with self.ctx.reading() as s:
            return set(s.scalars(select(BatchExportStatus.plan_no).where(BatchExportStatus.verified_at.is_not(None))))

    @requires("camera.purge")
    def retention_plan(self, retention_days: int | None = None,
                       export_verified: Callable[[str], bool] | None = None) -> list[rules.RetentionItem]:
        """What a purge would remove and what it would keep, and why (nothing changes)."""
        retention_days = retention_days or self.settings().retention_days
        with self.ctx.reading() as s:
            from app.services.retention import video_floor_days
            # the province profile's floor (strictest class wins: Hunan 电子材料 5 years) [issue 18 item 8]
            retention_days = max(retention_days, video_floor_days(s, self.ctx.now()))
            rows = [(r.id, r.camera_code, r.plan_no, r.start) for r in s.scalars(
                select(CameraSegment).where(CameraSegment.status != "purged").order_by(CameraSegment.start))]
        plans = {r[2] for r in rows if r[2]}
        check = export_verified or (lambda p, v=self._verified_plans(): p in v)
        verified = {p for p in plans if check(p)}
        return rules.retention_plan(rows, self.ctx.now(), retention_days, verified)

    @requires("camera.purge")
    def purge(self, segment_ids: list[int], *, confirmed: bool, retention_days: int | None = None,
              export_verified: Callable[[str], bool] | None = None) -> int:
        """Delete the files of listed segments that the retention plan allows; the index rows
        stay (status 'purged') so the journal still explains every hash."""
        if not confirmed:
            raise DomainError("删除录像须由管理员确认")
        retention_days = retention_days or self.settings().retention_days
        with self.ctx.reading() as s:
            from app.services.retention import video_floor_days
            retention_days = max(retention_days, video_floor_days(s, self.ctx.now()))
        allowed = {i.segment_id for i in self.retention_plan(retention_days, export_verified) if i.purgeable}
        refused = [i for i in segment_ids if i not in allowed]
        if refused:
            raise DomainError(f"以下录像不满足删除条件（未超过保存期限或批次数据包未校验）：{refused[:10]}")
        if not segment_ids:
            return 0
        with self.ctx.unit_of_work() as uow:
            rows = list(uow.session.scalars(select(CameraSegment).where(CameraSegment.id.in_(segment_ids))))
            by_plan: dict[str, list] = {}
            for r in rows:
                r.status = "purged"
                by_plan.setdefault(r.plan_no, []).append({"id": r.id, "path": r.path, "sha256": r.sha256})
            for plan_no, items in by_plan.items():
                uow.journal("camera.purge", plan_no, {"retention_days": max(retention_days, rules.MIN_RETENTION_DAYS),
                                                      "segments": items})
        # files go only after the journal says they went (a crash here leaves files, never silent loss)
        for r in rows:
            (self.site_dir / r.path).unlink(missing_ok=True)
        return len(rows)


class CameraIncidents(Service):
    """情况记录与片段: bookmarks of what happened in a room, the video around them, playback and clip export."""

    @requires("camera.bookmark")
    def bookmark(self, room: str, text: str, at: _dt.datetime | None = None, origin: str = "incident") -> int:
        if not text.strip():
            raise DomainError("请填写情况说明")
        if origin not in BOOKMARK_ORIGINS:
            raise DomainError(f"未知的情况来源「{origin}」")
        at = at or self.ctx.now()
        with self.ctx.unit_of_work() as uow:
            row = CameraBookmark(room=room, at=at, text=text.strip(), origin=origin, who=self.ctx.actor.username,
                                 created_at=self.ctx.now())
            uow.session.add(row)
            uow.session.flush()
            uow.journal("camera.bookmark", room, {"id": row.id, "at": _iso(at), "text": row.text, "origin": origin})
            return row.id

    @requires("camera.view")
    def bookmarks(self, room: str | None = None) -> list[BookmarkView]:
        with self.ctx.reading() as s:
            q = select(CameraBookmark).order_by(CameraBookmark.at.desc())
            if room:
                q = q.where(CameraBookmark.room == room)
            return [BookmarkView(b.id, b.room, b.at, b.text, b.origin, b.who) for b in s.scalars(q)]

    @requires("camera.view")
    def bookmark_video(self, bookmark_id: int, before: float = 60, after: float = 60) -> BookmarkVideo:
        """The cameras of the bookmark's room, and their segments around that moment."""
        with self.ctx.reading() as s:
            b = s.get(CameraBookmark, bookmark_id)
            if b is None:
                raise NotFound(f"情况记录 {bookmark_id} 不存在")
            view = BookmarkView(b.id, b.room, b.at, b.text, b.origin, b.who)
            codes = list(s.scalars(select(Camera.code).where(Camera.room == b.room).order_by(Camera.code)))
        start, end = view.at - _dt.timedelta(seconds=before), view.at + _dt.timedelta(seconds=after)
        segs = self.segments(room=view.room, start=start, end=end)
        by_camera = {c: [x for x in segs if x.camera_code == c] for c in codes}
        return BookmarkVideo(view, start, end, by_camera, self.gaps(room=view.room, start=start, end=end))

    def _pieces(self, camera: str, start: _dt.datetime, end: _dt.datetime) -> list[cliplib.PieceFile]:
        segs = self.segments(camera=camera, start=start, end=end)
        spans = [rules.SegmentSpan(x.id, x.camera_code, x.start, x.fps, x.frames) for x in segs]
        by_id = {x.id: x for x in segs}
        return [cliplib.PieceFile(by_id[p.segment_id].path, p.first_frame, p.last_frame, by_id[p.segment_id].fps,
                                  self.ctx.store.keys.file_key)
                for p in rules.clip_pieces(spans, start, end)]

    @requires("camera.view")
    def playback(self, camera: str, start: _dt.datetime, end: _dt.datetime) -> list[cliplib.PieceFile]:
        """What to play for a window (the incident list's 'show video'); nothing is written."""
        return self._pieces(camera, start, end)

    @requires("camera.export")
    def export_clip(self, camera: str, start: _dt.datetime, end: _dt.datetime,
                    out: Path | str | None = None, bookmark_id: int | None = None) -> cliplib.ClipFile:
        """One playable .avi covering [start, end) from the camera's segments; journaled with its hash."""
        if end <= start:
            raise DomainError("片段结束时间须晚于开始时间")
        pieces = self._pieces(camera, start, end)
        if out is None:
            stamp = start.astimezone(_dt.timezone.utc).strftime("%Y%m%dT%H%M%SZ")
            out = self.site_dir / CLIP_DIR / f"{camera}_{stamp}_{int((end - start).total_seconds())}s.avi"
        result = cliplib.write_clip(pieces, Path(out))
        with self.ctx.unit_of_work() as uow:
            uow.journal("camera.clip", camera, {"start": _iso(start), "end": _iso(end), "path": str(result.path),
                                                "frames": result.frames, "fps": result.fps,
                                                "sha256": result.sha256, "bookmark": bookmark_id,
                                                "segments": [p.path.name for p in pieces]})
        return result


class CameraService(CameraIncidents, CameraRetention, Service):
    # -- configuration -----------------------------------------------------
    @property
    def site_dir(self) -> Path:
        return Path(self.ctx.store.site_dir)

    @property
    def media_dir(self) -> Path:
        return self.site_dir / MEDIA_DIR

    @requires("camera.configure")
    def add_camera(self, code: str, name: str, room: str, room_code: str, source: str, *,
                   position: str = "", loop: bool = False) -> None:
        for problem in (rules.code_problem(code), rules.code_problem(room_code, "考场编号")):
            if problem:
                raise DomainError(problem)
        if not name.strip() or not room.strip():
            raise DomainError("摄像头名称和考场不能为空")
        spec = SourceSpec.parse(source, loop)
        with self.ctx.unit_of_work() as uow:
            if uow.session.scalars(select(Camera).where(Camera.code == code)).first():
                raise Conflict(f"摄像头编号「{code}」已存在")
            uow.session.add(Camera(code=code, name=name.strip(), room=room.strip(), room_code=room_code,
                                   position=position, source_kind=spec.kind, source=spec.value, loop=loop,
                                   created_at=self.ctx.now()))
            uow.journal("camera.add", code, {"name": name, "room": room, "room_code": room_code,
                                             "position": position, "source_kind": spec.kind,
                                             "source": spec.value, "loop": loop})

    @requires("camera.configure")
    def set_source(self, code: str, source: str, loop: bool = False) -> None:
        spec = SourceSpec.parse(source, loop)
        with self.ctx.unit_of_work() as uow:
            cam = self._camera(uow.session, code)
            before = {"source_kind": cam.source_kind, "source": cam.source, "loop": cam.loop}
            cam.source_kind, cam.source, cam.loop = spec.kind, spec.value, loop
            uow.journal("camera.source", code, {"before": before, "after": {"source_kind": spec.kind,
                                                                          "source": spec.value, "loop": loop}})

    @requires("camera.configure")
    def set_active(self, code: str, active: bool) -> None:
        with self.ctx.unit_of_work() as uow:
            cam = self._camera(uow.session, code)
            cam.active = active
            uow.journal("camera.activate" if active else "camera.deactivate", code, {})

    @requires("camera.view")
    def settings(self) -> rules.CameraSettings:
        with self.ctx.reading() as s:
            row = s.get(models.Setting, "camera")
            return rules.CameraSettings(**row.value) if row else rules.CameraSettings()

    @requires("camera.configure")
    def set_settings(self, new: rules.CameraSettings) -> None:
        problems = new.problems()
        if problems:
            raise DomainError("；".join(problems))
        with self.ctx.unit_of_work() as uow:
            row = uow.session.get(models.Setting, "camera")
            before = row.value if row else None
            if row is None:
                uow.session.add(models.Setting(key="camera", value=asdict(new)))
            else:
                row.value = asdict(new)
            uow.journal("camera.settings", "camera", {"before": before, "after": asdict(new)})

    @requires("camera.view")
    def cameras(self, room: str | None = None, include_inactive: bool = False) -> list[CameraView]:
        with self.ctx.reading() as s:
            q = select(Camera).order_by(Camera.room, Camera.code)
            if room:
                q = q.where(Camera.room == room)
            if not include_inactive:
                q = q.where(Camera.active.is_(True))
            return [_camera_view(c) for c in s.scalars(q)]

    @requires("camera.view")
    def rooms(self) -> list[str]:
        """Rooms known from the roster and from camera configuration."""
        with self.ctx.reading() as s:
            names = set(s.scalars(select(models.Room.name)))
            names |= set(s.scalars(select(Camera.room)))
        return sorted(names)

    @requires("camera.view")
    def test_source(self, source: str) -> bytes:
        """The configuration's test button: one JPEG from the source, or a clear error."""
        return take_snapshot(SourceSpec.parse(source))

    @requires("camera.snapshot")
    def snapshot(self, source: str) -> bytes:
        """A JPEG for another workplace (check-in photo, work-piece photo).  ``source`` is a
        configured camera code or a source (index / URL / file)."""
        return take_snapshot(self._spec(source))

    @requires("camera.view")
    def source_of(self, source: str) -> SourceSpec:
        """What ``source`` stands for: a configured camera's source (by its code), else the
        source text itself parsed (index / URL / file)."""
        return self._spec(source)

    def _spec(self, source: str) -> SourceSpec:
        with self.ctx.reading() as s:
            cam = s.scalars(select(Camera).where(Camera.code == source)).first()
            return SourceSpec(cam.source_kind, cam.source) if cam else SourceSpec.parse(source)

    # -- recording ---------------------------------------------------------
    def _site_code(self) -> str:
        with self.ctx.reading() as s:
            inst = s.get(models.Setting, "institution")
        if inst and inst.value.get("site_serial"):
            return f"{inst.value.get('province', '')}{inst.value['site_serial']}"
        return self.ctx.store.site_id[:8]

    @requires("camera.record")
    def recorder(self, code: str, *, segment_seconds: float | None = None,
                 warn_below: int | None = None, stop_below: int | None = None,
                 free_space: Callable[[Path], int] = free_bytes, max_seconds: float | None = None,
                 source: SourceSpec | None = None, **worker_options) -> CameraWorker:
        """A worker that records camera ``code`` (not started).  Segments, gaps and alerts
        come back through this service, so each is indexed and journaled."""
        with self.ctx.reading() as s:
            cam = _camera_view(self._camera(s, code))
        if not cam.active:
            raise DomainError(f"摄像头「{cam.name}」已停用")
        conf = self.settings()
        segment_seconds = segment_seconds or conf.segment_seconds
        warn_below = warn_below if warn_below is not None else int(conf.warn_free_gb * rules.GB)
        stop_below = stop_below if stop_below is not None else int(conf.stop_free_gb * rules.GB)
        self.recover_orphans(code)
        previous = self._previous_run(code)  # after recovery: the real end of what the killed run left
        plan = RecordingPlan(self._site_code(), cam.room_code, self.media_dir / cam.room_code, segment_seconds,
                             warn_below, stop_below, free_space, max_seconds,
                             file_key=self.ctx.store.keys.file_key)
        worker = CameraWorker(code, source or cam.spec, plan=plan, sink=_ServiceSink(self, cam),
                              clock=self.ctx.now, previous_run=previous, **worker_options)
        return worker

    def _previous_run(self, code: str) -> rules.PreviousRun:
        """How the camera's last recording run ended, from the journal: every run journals
        ``camera.record_start`` when it starts and ``camera.record_stop`` when it ends (also after
        a lost source, a full disk or a failed thread); a start with no stop after it means the
        process died (killed, power cut).  With the end of the last frame on disk (indexed or just
        recovered) and of the last journaled gap, the worker reports the hole at its first frame."""
        Entry = models.JournalEntry
        with self.ctx.reading() as s:
            last_stop = s.scalar(select(func.max(Entry.seq)).where(Entry.action == "camera.record_stop",
                                                                   Entry.subject == code)) or 0
            unclean = s.scalars(select(Entry.ts).where(Entry.action == "camera.record_start", Entry.subject == code,
                                                      Entry.seq > last_stop).order_by(Entry.seq).limit(1)).first()
            if unclean is None:
                return rules.PreviousRun(stopped_cleanly=True)
            last_end = s.scalar(select(func.max(CameraSegment.end)).where(CameraSegment.camera_code == code))
            explained = s.scalar(select(func.max(CameraGap.end)).where(CameraGap.camera_code == code))
        since = _dt.datetime.fromisoformat(unclean.replace("Z", "+00:00"))
        return rules.PreviousRun(False, last_end, since, explained)

    @requires("camera.view")
    def previewer(self, code: str, **worker_options) -> CameraWorker:
        """A worker that only shows the camera (no recording)."""
        with self.ctx.reading() as s:
            cam = _camera_view(self._camera(s, code))
        return CameraWorker(code, cam.spec, clock=self.ctx.now, **worker_options)

    def _plan_for(self, session, room: str, at: _dt.datetime) -> str:
        day = site_date(at)
        q = (select(models.Batch.plan_no).join(models.Room, models.Room.batch_id == models.Batch.id)
             .where(models.Room.name == room, models.Batch.exam_start <= day, models.Batch.exam_end >= day))
        return session.scalars(q).first() or ""

    @requires("camera.record")
    def index_segment(self, code: str, seg: ClosedSegment, status: str = "kept") -> int:
        """Index a closed segment and journal its hash and time span in one transaction."""
        rel = Path(seg.path).resolve().relative_to(self.site_dir.resolve()).as_posix()
        with self.ctx.unit_of_work() as uow:
            cam = self._camera(uow.session, code)
            plan_no = self._plan_for(uow.session, cam.room, seg.start)
            row = CameraSegment(camera_code=code, room=cam.room, plan_no=plan_no, path=rel, start=seg.start,
                                end=seg.end, fps=seg.fps, frames=seg.frames, size=seg.size, sha256=seg.sha256,
                                status=status)
            uow.session.add(row)
            entry = uow.journal("camera.segment" if status == "kept" else "camera.segment_recovered", code,
                                {"room": cam.room, "plan_no": plan_no, "path": rel, "start": _iso(seg.start),
                                 "end": _iso(seg.end), "fps": seg.fps, "frames": seg.frames, "size": seg.size,
                                 "sha256": seg.sha256})
            row.journal_seq = entry.seq
            uow.session.flush()
            return row.id

    @requires("camera.record")
    def record_gap(self, code: str, start: _dt.datetime, end: _dt.datetime, reason: str) -> int:
        with self.ctx.unit_of_work() as uow:
            cam = self._camera(uow.session, code)
            row = CameraGap(camera_code=code, room=cam.room, start=start, end=end, reason=reason)
            uow.session.add(row)
            uow.journal("camera.gap", code, {"room": cam.room, "start": _iso(start), "end": _iso(end),
                                             "seconds": round((end - start).total_seconds(), 3), "reason": reason})
            uow.session.flush()
            return row.id

    @requires("camera.record")
    def record_alert(self, code: str, kind: str, message: str, detail: dict | None = None) -> None:
        with self.ctx.unit_of_work() as uow:
            uow.journal("camera.alert", code, {"kind": kind, "message": message, **(detail or {})})

    @requires("camera.record")
    def record_run(self, code: str, what: str, detail: dict) -> None:
        """Who started and stopped recording, and what the run amounted to (frames, gaps, drops)."""
        with self.ctx.unit_of_work() as uow:
            cam = self._camera(uow.session, code)
            uow.journal(f"camera.record_{what}", code, {"room": cam.room, **detail})

    @requires("camera.record")
    def recover_orphans(self, code: str) -> list[int]:
        """Segment files of this camera that are on disk but not in the index (the recorder
        was killed while writing them): index those OpenCV can read, as 'recovered'."""
        with self.ctx.reading() as s:
            cam = _camera_view(self._camera(s, code))
            known = set(s.scalars(select(CameraSegment.path).where(CameraSegment.camera_code == code)))
        folder = self.media_dir / cam.room_code
        out = []
        pattern = re.compile(rf"^{re.escape(code)}_(\d{{8}}T\d{{6}}_\d{{6}})Z\.(esv|avi)$")
        key = self.ctx.store.keys.file_key
        for path in sorted(folder.glob(f"{code}_*.*")) if folder.is_dir() else []:
            m = pattern.match(path.name)
            rel = path.resolve().relative_to(self.site_dir.resolve()).as_posix()
            if not m or rel in known:
                continue
            frames = cliplib.count_frames(path, key)
            start = _dt.datetime.strptime(m.group(1), "%Y%m%dT%H%M%S_%f").replace(tzinfo=_dt.timezone.utc)
            if frames == 0:
                self.record_alert(code, "segment_unreadable", f"中断时正在写入的录像文件无法读取：{path.name}",
                                  {"path": rel, "sha256": sha256_file(path), "size": path.stat().st_size})
                bad = path.with_name(path.name + ".unreadable")
                path.rename(bad)
                continue
            import cv2

            cap = cv2.VideoCapture(platform.native_path(path))
            cap = open_segment(path, key)
            fps = cap.get(cv2.CAP_PROP_FPS) or 15.0
            cap.release()
            seg = ClosedSegment(code, path, start, start + _dt.timedelta(seconds=frames / fps), fps, frames,
                                path.stat().st_size, sha256_file(path))
            out.append(self.index_segment(code, seg, status="recovered"))
        return out

    # -- reading the index ---------------------------------------------------
    def _segment_view(self, r: CameraSegment) -> SegmentView:
        return SegmentView(r.id, r.camera_code, r.room, r.plan_no, self.site_dir / r.path, r.start, r.end, r.fps,
                           r.frames, r.size, r.sha256, r.status, r.journal_seq)

    @requires("camera.view")
    def segments(self, *, room: str | None = None, camera: str | None = None, start: _dt.datetime | None = None,
                 end: _dt.datetime | None = None, include_purged: bool = False) -> list[SegmentView]:
        with self.ctx.reading() as s:
            q = select(CameraSegment).order_by(CameraSegment.start, CameraSegment.id)
            if room:
                q = q.where(CameraSegment.room == room)
            if camera:
                q = q.where(CameraSegment.camera_code == camera)
            if start:
                q = q.where(CameraSegment.end > start)
            if end:
                q = q.where(CameraSegment.start < end)
            if not include_purged:
                q = q.where(CameraSegment.status != "purged")
            return [self._segment_view(r) for r in s.scalars(q)]

    @requires("camera.view")
    def gaps(self, *, room: str | None = None, camera: str | None = None, start: _dt.datetime | None = None,
             end: _dt.datetime | None = None) -> list[GapView]:
        with self.ctx.reading() as s:
            q = select(CameraGap).order_by(CameraGap.start)
            if room:
                q = q.where(CameraGap.room == room)
            if camera:
                q = q.where(CameraGap.camera_code == camera)
            if start:
                q = q.where(CameraGap.end > start)
            if end:
                q = q.where(CameraGap.start < end)
            return [GapView(g.id, g.camera_code, g.room, g.start, g.end, g.reason) for g in s.scalars(q)]

    @requires("camera.view")
    def verify_segments(self, camera: str | None = None) -> list[str]:
        """Recompute each kept segment's hash against the index and the journal entry."""
        problems = []
        with self.ctx.reading() as s:
            rows = list(s.scalars(select(CameraSegment).where(CameraSegment.status != "purged")
                                  .order_by(CameraSegment.id)))
            journal = {e.seq: json.loads(e.payload) for e in s.scalars(
                select(models.JournalEntry).where(models.JournalEntry.seq.in_([r.journal_seq for r in rows])))}
        for r in rows:
            if camera and r.camera_code != camera:
                continue
            path = self.site_dir / r.path
            if not path.exists():
                problems.append(f"录像文件缺失：{r.path}")
                continue
            digest = sha256_file(path)
            if digest != r.sha256 or journal.get(r.journal_seq, {}).get("sha256") != digest:
                problems.append(f"录像文件与日志登记的哈希不符：{r.path}")
        return problems

    @staticmethod
    def _camera(session, code: str) -> Camera:
        cam = session.scalars(select(Camera).where(Camera.code == code)).first()
        if cam is None:
            raise NotFound(f"摄像头「{code}」不存在")
        return cam


# -- hooks for other workplaces (called inside *their* transaction) ------------
# The calling service has already checked its own capability (checkin.desk, misconduct.record,
# export.view); these helpers only add the camera's side of the same change.

def bookmark_for(uow, room: str, text: str, at: _dt.datetime, origin: str) -> int | None:
    """A bookmark from the check-in desk or the misconduct form, in the caller's transaction.

    Only when an active camera watches ``room``; returns None otherwise.  Anything going wrong on
    the camera side is rolled back to a savepoint and reported as None: the check-in incident or the
    finding is never lost because of the camera."""
    if not room or origin not in BOOKMARK_ORIGINS or not text.strip():
        return None
    s = uow.session
    try:
        with s.begin_nested():
            if s.scalars(select(Camera.id).where(Camera.room == room, Camera.active.is_(True)).limit(1)).first() is None:
                return None
            row = CameraBookmark(room=room, at=at, text=text.strip(), origin=origin,
                                 who=uow.ctx.actor.username, created_at=uow.ctx.now())
            s.add(row)
            s.flush()
            bookmark_id = row.id
    except Exception:  # noqa: BLE001 - the camera must never fail the caller's record
        return None
    uow.journal("camera.bookmark", room, {"id": bookmark_id, "at": _iso(at), "text": text.strip(), "origin": origin})
    return bookmark_id


def export_verified(uow, plan_no: str, bundle_sha256: str, at: _dt.datetime) -> bool:
    """ExportService.verify passed for ``plan_no``: record it for retention (journaled, same transaction).
    The first verification date is kept; a later verified bundle only updates the hash.
    Returns True when something changed."""
    s = uow.session
    row = s.get(BatchExportStatus, plan_no)
    if row is None:
        row = BatchExportStatus(plan_no=plan_no, bundle_sha256="", made_at=at)
        s.add(row)
    if row.verified_at is not None and row.bundle_sha256 == bundle_sha256:
        return False
    before = {"bundle_sha256": row.bundle_sha256, "verified_at": _iso(row.verified_at) if row.verified_at else None}
    row.bundle_sha256 = bundle_sha256 or ""
    if row.verified_at is None:
        row.verified_at = at
    uow.journal("camera.export_verified", plan_no, {"before": before, "bundle_sha256": row.bundle_sha256,
                                                     "verified_at": _iso(row.verified_at)})
    return True


@dataclass(frozen=True)
class FaceReview:
    flag: str | None  # None (one face), 'no_face' or 'several_faces'
    text: str
    jpeg: bytes


class FaceReviewService(Service):
    """Review aids for the proctor, never sanctions: a flag with the snapshot it came from."""

    @requires("camera.view")
    def review(self, source: str) -> FaceReview:
        from app.camera.faces import FLAG_TEXT, face_flag

        from app.camera.faces import FaceDetectionUnavailable, detector_name

        if detector_name() is None:
            face_flag(b"")  # raises FaceDetectionUnavailable with the reason
            raise FaceDetectionUnavailable("人脸复核提示不可用")
        jpeg = take_snapshot(CameraService(self.ctx).source_of(source))
        flag = face_flag(jpeg)
        return FaceReview(flag, FLAG_TEXT.get(flag, "检测到一张人脸"), jpeg)
