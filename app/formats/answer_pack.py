"""Answer packs: many records in one file, for removable media.

Line 1 is a header (format, site, machine, how many records); then one signed,
encrypted record per line; the last line is the SHA-256 of everything above it, so a
pack cut short by pulling the stick out early is recognised and refused whole.  The
records inside are exactly the ones that travel over the LAN: the master applies them
the same way, so importing a pack twice, or after the LAN already delivered the
records, changes nothing.  Nothing in a pack is readable without the machine key.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from app.core import records as rec
from app.core.errors import DomainError
from app.store.keys import atomic_write

PACK_FORMAT = "examsite-answer-pack-1"
SUFFIX = ".espack"


class PackRejected(DomainError):
    pass


def write_pack(path: Path | str, site_id: str, machine_id: str, envelopes: list[rec.Envelope],
               recipient: str = "") -> Path:
    """``machine_id`` wrote the records; a pack of the master's commands names the one
    ``recipient`` they are sealed to (the same format, the other way)."""
    path = Path(path)
    seqs = [e.header.seq for e in envelopes]
    head = {"format": PACK_FORMAT, "site": site_id, "machine": machine_id, "count": len(envelopes),
            "first": min(seqs) if seqs else 0, "last": max(seqs) if seqs else 0}
    if recipient:
        head["recipient"] = recipient
    lines = [json.dumps(head, ensure_ascii=False, sort_keys=True)] + [e.to_json() for e in envelopes]
    body = ("\n".join(lines) + "\n").encode("utf-8")
    trailer = json.dumps({"sha256": hashlib.sha256(body).hexdigest()}).encode() + b"\n"
    atomic_write(path, body + trailer)
    return path


def read_pack(path: Path | str, site_id: str) -> tuple[dict, list[rec.Envelope]]:
    """Header and envelopes; raises ``PackRejected`` (naming the line) and returns nothing on any fault."""
    path = Path(path)
    from app.formats import limits

    try:
        if path.is_dir():
            raise PackRejected(f"{path} 是文件夹，不是答题包")
        if path.stat().st_size > limits.current().file_bytes:
            raise PackRejected(f"答题包 {path.name} 过大（上限 {limits.current().describe('file_bytes')}）")
        data = path.read_bytes()
    except OSError as exc:
        raise PackRejected(f"无法读取答题包 {path.name}：{exc.strerror or exc}") from None
    lines = data.split(b"\n")
    if len(lines) < 3 or lines[-1] != b"":
        raise PackRejected(f"答题包 {path.name} 不完整（文件被截断）")
    body = b"\n".join(lines[:-2]) + b"\n"
    try:
        trailer = json.loads(lines[-2])
        head = json.loads(lines[0])
    except ValueError:
        raise PackRejected(f"答题包 {path.name} 格式错误") from None
    if not isinstance(trailer, dict) or trailer.get("sha256") != hashlib.sha256(body).hexdigest():
        raise PackRejected(f"答题包 {path.name} 校验失败（文件被截断或改动）")
    if not isinstance(head, dict):
        raise PackRejected(f"答题包 {path.name} 第 1 行（头部）格式错误")
    if head.get("format") != PACK_FORMAT:
        raise PackRejected(f"{path.name} 不是答题包")
    if head.get("site") != site_id:
        raise PackRejected(f"答题包 {path.name} 属于其他站点")
    envelopes = []
    for n, line in enumerate(lines[1:-2], start=2):
        try:
            envelopes.append(rec.Envelope.from_json(line))
        except rec.RecordRejected as exc:
            raise PackRejected(f"答题包 {path.name} 第 {n} 行：{exc}") from None
    count = head.get("count")
    if not isinstance(count, int) or isinstance(count, bool):
        raise PackRejected(f"答题包 {path.name} 第 1 行（头部）的记录数「{str(count)[:20]}」不是整数")
    if len(envelopes) != count:
        raise PackRejected(f"答题包 {path.name} 记录数不符（头部 {head.get('count')}，实际 {len(envelopes)}）")
    return head, envelopes
