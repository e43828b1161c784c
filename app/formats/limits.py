"""The configured ``Limits`` (defaults in ``app.core.limits``, overrides from the
environment) and the checks every reader shares: file size, zip members, images."""

from __future__ import annotations

import dataclasses
import os
import warnings
import zipfile
from functools import lru_cache
from pathlib import Path

from app.core.errors import CellError, ImportRejected
from app.core.limits import IMAGE_TYPES, MB, Limits


@lru_cache(maxsize=1)
def current() -> Limits:
    """Defaults, each overridable by ``EXAMSITE_LIMIT_<NAME>`` (an integer; ``_bytes`` bounds
    may be written in MB with ``EXAMSITE_LIMIT_<NAME>_MB``)."""
    values = {}
    for f in dataclasses.fields(Limits):
        env = f"EXAMSITE_LIMIT_{f.name.upper()}"
        raw = os.environ.get(env)
        scale = 1
        if raw is None and f.name.endswith("_bytes"):
            raw, scale = os.environ.get(env.removesuffix("_BYTES") + "_MB"), MB
        if raw is None:
            continue
        try:
            values[f.name] = int(raw) * scale
        except ValueError:
            continue  # a malformed override keeps the default rather than stopping the site
    limits = Limits(**values)
    ImportRejected.max_listed = limits.errors_listed
    return limits


def reload() -> Limits:
    current.cache_clear()
    return current()


def refuse(where: str, message: str) -> ImportRejected:
    return ImportRejected([CellError(where, 0, "", message)])


def check_file(path: Path, what: str = "文件") -> int:
    """The file exists, is a regular file and is not beyond ``file_bytes``; its size."""
    limits = current()
    if not path.exists():
        raise refuse(path.name, f"找不到{what} {path}")
    if path.is_dir():
        raise refuse(path.name, f"{path} 是文件夹，不是{what}")
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise refuse(path.name, f"无法读取{what}：{exc.strerror or exc}") from None
    if size > limits.file_bytes:
        raise refuse(path.name, f"{what}过大（{size / MB:.1f} MB，上限 {limits.describe('file_bytes')}）")
    if size == 0:
        raise refuse(path.name, f"{what}是空文件")
    return size


def check_zip(z: zipfile.ZipFile, where: str, per_member: dict[str, str] | None = None) -> None:
    """Decompressed sizes (as declared; reading stops at the declared size) within bounds.
    ``per_member`` maps a member name to the ``Limits`` field that bounds it."""
    limits = current()
    total = 0
    for info in z.infolist():
        total += info.file_size
        field = (per_member or {}).get(info.filename)
        if field and info.file_size > getattr(limits, field):
            raise refuse(where, f"{info.filename} 解压后过大（{info.file_size / MB:.1f} MB，"
                                f"上限 {limits.describe(field)}）")
        if info.compress_size and info.file_size / info.compress_size > 1000 and info.file_size > MB:
            raise refuse(where, f"{info.filename} 压缩比异常（{info.file_size // info.compress_size}:1），疑似压缩炸弹")
    if total > limits.unzipped_bytes:
        raise refuse(where, f"解压后总大小过大（{total / MB:.1f} MB，上限 {limits.describe('unzipped_bytes')}）")


def image_problem(data: bytes, strict: bool = True, any_format: bool = False) -> str | None:
    """None for a PNG/JPEG/GIF within the byte and pixel bounds; the size is read from the
    header (Pillow's ``open`` does not decode), so a 30000×30000 bomb is refused unopened.
    ``strict=False`` lets bytes that are no image at all pass (a reader's photo that the
    desk will simply not show)."""
    import io

    from PIL import Image

    limits = current()
    if len(data) > limits.image_bytes:
        return f"图片过大（{len(data) / MB:.1f} MB，上限 {limits.describe('image_bytes')}）"
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data)) as img:  # reads the header only
                kind = (img.format or "").lower()
                width, height = img.size
    except Image.DecompressionBombError:
        return f"图片像素过多（上限 {limits.image_pixels:,} 像素），疑似解压炸弹"
    except Exception:  # noqa: BLE001 - Pillow raises many types for a broken header
        return "无法识别为图片（应为 PNG、JPEG 或 GIF）" if strict else None
    if kind not in IMAGE_TYPES and not any_format:
        return f"图片格式 {kind or '未知'} 不受支持（应为 PNG、JPEG 或 GIF）"
    if width * height > limits.image_pixels:
        return (f"图片像素过多（{width}×{height}，上限 {limits.image_pixels:,} 像素）")
    return None
