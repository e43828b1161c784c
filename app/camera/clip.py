"""Cutting a clip out of recorded segments into one playable MJPG .avi."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path


from app.camera.recorder import open_writer, sha256_file
from app.camera.segment_file import open_segment
from app.core.errors import DomainError


@dataclass(frozen=True)
class PieceFile:
    path: Path
    first_frame: int
    last_frame: int  # exclusive
    fps: float
    file_key: bytes | None = None  # recorded segments are sealed with the site file key


@dataclass(frozen=True)
class ClipFile:
    path: Path
    frames: int
    fps: float
    sha256: str

    @property
    def seconds(self) -> float:
        return self.frames / self.fps if self.fps else 0.0


def write_clip(pieces: list[PieceFile], out: Path) -> ClipFile:
    if not pieces:
        raise DomainError("所选时间段内没有录像")
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_name(out.name + ".part.avi")
    fps = pieces[0].fps
    writer = None
    written = 0
    try:
        for piece in pieces:
            cap = open_segment(piece.path, piece.file_key)
            if not cap.isOpened():
                raise DomainError(f"录像文件无法读取：{piece.path.name}")
            try:
                index = 0
                while index < piece.last_frame:
                    ok, frame = cap.read()
                    if not ok:
                        break
                    if index >= piece.first_frame:
                        if writer is None:
                            h, w = frame.shape[:2]
                            writer = open_writer(tmp, fps, (w, h), 90)
                            if not writer.isOpened():
                                raise DomainError(f"无法写出片段文件：{out}")
                        writer.write(frame)
                        written += 1
                    index += 1
            finally:
                cap.release()
    finally:
        if writer is not None:
            writer.release()
    if written == 0:
        tmp.unlink(missing_ok=True)
        raise DomainError("所选时间段内没有可读取的画面")
    with open(tmp, "rb") as f:
        os.fsync(f.fileno())
    os.replace(tmp, out)
    return ClipFile(out, written, fps, sha256_file(out))


def count_frames(path: Path, file_key: bytes | None = None) -> int:
    """Frames that actually decode (not what a header claims); recorded segments need the key."""
    cap = open_segment(path, file_key)
    n = 0
    try:
        while cap.read()[0]:
            n += 1
    finally:
        cap.release()
    return n
