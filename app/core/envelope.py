"""Encrypting a whole bundle for the provincial centre's public key (optional).

Format ``EXAMSITE-ENVELOPE-1`` (all integers big-endian)::

    magic      20 bytes  b"EXAMSITE-ENVELOPE-1\\n"
    hlen        4 bytes  length of the header
    header   hlen bytes  UTF-8 JSON: {"alg": "X25519-HKDF-SHA256-AES256GCM",
                                       "recipient": <key_id of the centre's X25519 key>,
                                       "epk": <base64 ephemeral X25519 public key>,
                                       "chunk": 1048576}
    chunks              each: 4-byte ciphertext length, then AES-256-GCM ciphertext+tag
                        nonce = 8 zero bytes || 4-byte chunk index; the last chunk's
                        associated data is header || b"last", every other chunk's is header.

Key: HKDF-SHA256(ikm = X25519(ephemeral, recipient), salt = epk || recipient_public,
info = b"examsite-envelope-v1"), 32 bytes.  A chunk cut off, reordered, dropped or
added fails authentication; so does any change to the header.
"""

from __future__ import annotations

import base64
import hashlib
import json
import struct

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

MAGIC = b"EXAMSITE-ENVELOPE-1\n"
ALG = "X25519-HKDF-SHA256-AES256GCM"
CHUNK = 1 << 20


class EnvelopeError(Exception):
    pass


def _raw(pub: X25519PublicKey) -> bytes:
    return pub.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)


def recipient_id(raw_public: bytes) -> str:
    return hashlib.sha256(raw_public).hexdigest()[:16]


def _key(shared: bytes, epk: bytes, recipient: bytes) -> bytes:
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=epk + recipient,
                info=b"examsite-envelope-v1").derive(shared)


def _nonce(i: int) -> bytes:
    return b"\0" * 8 + struct.pack(">I", i)


def seal(data: bytes, recipient_public: bytes, ephemeral: X25519PrivateKey | None = None) -> bytes:
    eph = ephemeral or X25519PrivateKey.generate()
    epk = _raw(eph.public_key())
    shared = eph.exchange(X25519PublicKey.from_public_bytes(recipient_public))
    aead = AESGCM(_key(shared, epk, recipient_public))
    header = json.dumps({"alg": ALG, "recipient": recipient_id(recipient_public),
                         "epk": base64.b64encode(epk).decode(), "chunk": CHUNK}, sort_keys=True).encode()
    out = [MAGIC, struct.pack(">I", len(header)), header]
    n = max(1, -(-len(data) // CHUNK))
    for i in range(n):
        part = data[i * CHUNK:(i + 1) * CHUNK]
        ct = aead.encrypt(_nonce(i), part, header + (b"last" if i == n - 1 else b""))
        out += [struct.pack(">I", len(ct)), ct]
    return b"".join(out)


def is_envelope(head: bytes) -> bool:
    return head.startswith(MAGIC)


def open_sealed(blob: bytes, recipient_private: X25519PrivateKey) -> bytes:
    if not blob.startswith(MAGIC):
        raise EnvelopeError("不是加密上报包")
    pos = len(MAGIC)
    try:
        (hlen,) = struct.unpack_from(">I", blob, pos)
        header = blob[pos + 4:pos + 4 + hlen]
        meta = json.loads(header)
        epk = base64.b64decode(meta["epk"])
    except (struct.error, ValueError, KeyError):
        raise EnvelopeError("加密上报包的头部损坏") from None
    if meta.get("alg") != ALG:
        raise EnvelopeError(f"不支持的加密算法：{meta.get('alg')}")
    mine = _raw(recipient_private.public_key())
    if meta.get("recipient") != recipient_id(mine):
        raise EnvelopeError("此上报包不是加密给该私钥的")
    aead = AESGCM(_key(recipient_private.exchange(X25519PublicKey.from_public_bytes(epk)), epk, mine))
    pos += 4 + hlen
    parts, i = [], 0
    while True:
        if pos + 4 > len(blob):
            raise EnvelopeError("加密上报包被截断")
        (clen,) = struct.unpack_from(">I", blob, pos)
        ct = blob[pos + 4:pos + 4 + clen]
        if len(ct) != clen:
            raise EnvelopeError("加密上报包被截断")
        pos += 4 + clen
        last = pos == len(blob)
        try:
            parts.append(aead.decrypt(_nonce(i), ct, header + (b"last" if last else b"")))
        except InvalidTag:
            raise EnvelopeError(f"加密上报包第 {i + 1} 段解密失败（被改动、截断或密钥不符）") from None
        i += 1
        if last:
            return b"".join(parts)
