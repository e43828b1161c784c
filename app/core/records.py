"""One record format for everything that crosses machines.

A record is ``(site_id, machine_id, seq, kind, created_at, payload)`` plus the
recipient (``""`` = the master; a terminal id for a command the master sends).
The payload is encrypted with AES-256-GCM under the sender's machine key (granted
at enrollment) or the site file key for site-wide records; the header is bound to
the ciphertext as associated data, and the whole envelope is signed with Ed25519
by the sender (a terminal's own key, or the site key for the master).

Records are numbered per stream ``(machine_id, recipient)`` from 1 with no gaps.
Applying a record twice changes nothing: receivers key what they hold by
``(machine_id, seq)`` and refuse a different record under a key already held (a
forgery or a bug, never silently overwritten).  Pure: no files, no clock, no store.
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
from dataclasses import dataclass

from cryptography.exceptions import InvalidSignature, InvalidTag
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

FORMAT = "examsite-record-1"
MASTER = "master"
KIND_MAX = 64


class RecordRejected(Exception):
    """A record that must not be applied (bad signature, wrong site, tampered, conflicting)."""


def canonical(value) -> bytes:
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode()


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode()


def _unb64(text: str) -> bytes:
    try:
        return base64.b64decode(text, validate=True)
    except Exception as exc:
        raise RecordRejected("记录编码错误") from exc


@dataclass(frozen=True)
class Header:
    site_id: str
    machine_id: str
    seq: int
    kind: str
    created_at: str  # ISO 8601 UTC, set by the sender's clock
    recipient: str = ""  # "" = the master

    def as_list(self) -> list:
        return [FORMAT, self.site_id, self.machine_id, self.seq, self.kind, self.created_at, self.recipient]


@dataclass(frozen=True)
class Record:
    header: Header
    payload: dict

    @property
    def key(self) -> tuple[str, int]:
        return (self.header.machine_id, self.header.seq)


@dataclass(frozen=True)
class Envelope:
    """What travels: the header in the clear, the payload sealed, a signature over both."""

    header: Header
    nonce: bytes
    ciphertext: bytes
    signature: bytes

    @property
    def key(self) -> tuple[str, int]:
        return (self.header.machine_id, self.header.seq)

    def signed_bytes(self) -> bytes:
        return canonical(self.header.as_list() + [_b64(self.nonce), _b64(self.ciphertext)])

    @property
    def content_hash(self) -> str:
        """Hash of the whole envelope: the same record always has the same hash."""
        return hashlib.sha256(self.signed_bytes() + self.signature).hexdigest()

    def to_dict(self) -> dict:
        h = self.header
        return {"f": FORMAT, "site": h.site_id, "machine": h.machine_id, "seq": h.seq, "kind": h.kind,
                "at": h.created_at, "to": h.recipient, "nonce": _b64(self.nonce),
                "ct": _b64(self.ciphertext), "sig": _b64(self.signature)}

    def to_json(self) -> str:
        return canonical(self.to_dict()).decode()

    @classmethod
    def from_dict(cls, d: dict) -> "Envelope":
        try:
            if d.get("f") != FORMAT:
                raise RecordRejected(f"未知的记录格式：{d.get('f')!r}")
            seq = d["seq"]
            if not isinstance(seq, int) or isinstance(seq, bool) or seq < 1:
                raise RecordRejected("记录序号无效")
            header = Header(str(d["site"]), str(d["machine"]), seq, str(d["kind"]), str(d["at"]), str(d.get("to", "")))
            if not header.kind or len(header.kind) > KIND_MAX:
                raise RecordRejected("记录类型无效")
            return cls(header, _unb64(d["nonce"]), _unb64(d["ct"]), _unb64(d["sig"]))
        except KeyError as exc:
            raise RecordRejected(f"记录缺少字段 {exc.args[0]}") from None

    @classmethod
    def from_json(cls, text: str | bytes) -> "Envelope":
        try:
            data = json.loads(text)
        except ValueError as exc:
            raise RecordRejected("记录不是有效的 JSON") from exc
        if not isinstance(data, dict):
            raise RecordRejected("记录不是对象")
        return cls.from_dict(data)


def seal(header: Header, payload: dict, aead_key: bytes, signer: Ed25519PrivateKey, *,
         nonce: bytes | None = None) -> Envelope:
    """Encrypt ``payload`` under ``aead_key`` (header as associated data) and sign the envelope."""
    nonce = nonce or os.urandom(12)
    ciphertext = AESGCM(aead_key).encrypt(nonce, canonical(payload), canonical(header.as_list()))
    unsigned = Envelope(header, nonce, ciphertext, b"")
    return Envelope(header, nonce, ciphertext, signer.sign(unsigned.signed_bytes()))


def verify(envelope: Envelope, public_key: bytes | Ed25519PublicKey, site_id: str) -> None:
    """Signature and site; raises ``RecordRejected``.  Needs no secret (a pack can be checked anywhere)."""
    if envelope.header.site_id != site_id:
        raise RecordRejected(f"记录属于其他站点（{envelope.header.site_id}）")
    key = public_key if isinstance(public_key, Ed25519PublicKey) else Ed25519PublicKey.from_public_bytes(public_key)
    try:
        key.verify(envelope.signature, envelope.signed_bytes())
    except InvalidSignature:
        raise RecordRejected(
            f"记录签名无效（机器 {envelope.header.machine_id} 第 {envelope.header.seq} 条）") from None


def open_envelope(envelope: Envelope, public_key: bytes | Ed25519PublicKey, aead_key: bytes, site_id: str) -> Record:
    verify(envelope, public_key, site_id)
    try:
        plain = AESGCM(aead_key).decrypt(envelope.nonce, envelope.ciphertext, canonical(envelope.header.as_list()))
    except InvalidTag:
        raise RecordRejected(
            f"记录无法解密（机器 {envelope.header.machine_id} 第 {envelope.header.seq} 条）") from None
    payload = json.loads(plain)
    if not isinstance(payload, dict):
        raise RecordRejected("记录内容不是对象")
    return Record(envelope.header, payload)


# -- merging --------------------------------------------------------------------------

def classify(held_hash: str | None, incoming_hash: str) -> str:
    """What to do with an incoming record given what is held under its (machine, seq):
    ``"new"`` apply it, ``"duplicate"`` ignore it, or raise for a conflicting record."""
    if held_hash is None:
        return "new"
    if held_hash == incoming_hash:
        return "duplicate"
    raise RecordRejected("同一机器同一序号出现了不同的记录（已保留先到的记录，拒收后到的）")


def contiguous_upto(held: set[int] | list[int], start: int = 0) -> int:
    """Highest n such that every seq in 1..n is held (``start`` is a known contiguous floor)."""
    have = set(held)
    n = start
    while n + 1 in have:
        n += 1
    return n


def missing(held: set[int] | list[int], start: int = 0) -> list[int]:
    """Gaps below the highest seq held: records to request again."""
    have = set(held)
    if not have:
        return []
    top = max(have)
    return [n for n in range(start + 1, top) if n not in have]


def fingerprint(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()
