"""Signed requests on the site link: who sends, when, a nonce, and a hash of the body.

Every request from an enrolled machine carries ``X-ES-Machine``, ``X-ES-Time`` (Unix
seconds), ``X-ES-Nonce`` and ``X-ES-Sig`` (Ed25519 by the machine key over method,
path, time, nonce and the body's SHA-256).  The master refuses unknown machines,
bad signatures, times more than ``WINDOW`` seconds off its clock, and any nonce it
has seen inside the window (so a captured request cannot be played again).
"""

from __future__ import annotations

import base64
import hashlib
import os
import threading
import time

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

WINDOW = 60.0
API = "/v1"

# Why the master refused, as data: every refusal carries one of these in ``code`` (the
# ``error`` text is for people and is never parsed), and ``server_time`` (Unix seconds, a
# number, as in every reply that carries it).
CLOCK = "clock"                  # the request's time is outside the window: sign again in server_time
UNSIGNED = "unsigned"
BAD_SIGNATURE = "bad_signature"
UNKNOWN_MACHINE = "unknown_machine"
REPLAY = "replay"
BAD_REQUEST = "bad_request"
TOO_LARGE = "too_large"
NOT_FOUND = "not_found"
TOO_MANY = "too_many"
RECORD_REJECTED = "record_rejected"
BUSY = "busy"                    # the master is slow: try again after ``retry_after`` seconds, no sooner


class RequestRefused(Exception):
    def __init__(self, message: str, status: int = 401, code: str = BAD_REQUEST):
        super().__init__(message)
        self.status = status
        self.code = code


def message(method: str, path: str, ts: str, nonce: str, body: bytes) -> bytes:
    return "|".join(["examsite-link-v1", method.upper(), path, ts, nonce, hashlib.sha256(body).hexdigest()]).encode()


def sign_headers(key: Ed25519PrivateKey, machine_id: str, method: str, path: str, body: bytes,
                 now: float | None = None) -> dict[str, str]:
    ts = f"{(now if now is not None else time.time()):.3f}"
    nonce = os.urandom(12).hex()
    sig = key.sign(message(method, path, ts, nonce, body))
    return {"X-ES-Machine": machine_id, "X-ES-Time": ts, "X-ES-Nonce": nonce,
            "X-ES-Sig": base64.b64encode(sig).decode()}


class ReplayGuard:
    """Nonces seen inside the time window (memory is enough: older requests are refused by time)."""

    def __init__(self, window: float = WINDOW):
        self.window = window
        self._seen: dict[str, float] = {}
        self._lock = threading.Lock()
        self._last_sweep = 0.0

    def check(self, headers, method: str, path: str, body: bytes, public_key_of, now: float) -> str:
        machine = headers.get("X-ES-Machine") or ""
        ts, nonce, sig = headers.get("X-ES-Time") or "", headers.get("X-ES-Nonce") or "", headers.get("X-ES-Sig") or ""
        if not (machine and ts and nonce and sig):
            raise RequestRefused("请求未签名", 401, UNSIGNED)
        try:
            t = float(ts)
        except ValueError:
            raise RequestRefused("请求时间无效", 400, BAD_REQUEST) from None
        if abs(now - t) > self.window:
            raise RequestRefused("请求时间超出允许范围（检查本机时钟）", 401, CLOCK)
        public = public_key_of(machine)
        if public is None:
            raise RequestRefused("未登记的机器", 403, UNKNOWN_MACHINE)
        try:
            Ed25519PublicKey.from_public_bytes(public).verify(base64.b64decode(sig), message(method, path, ts, nonce, body))
        except (InvalidSignature, ValueError):
            raise RequestRefused("请求签名无效", 401, BAD_SIGNATURE) from None
        with self._lock:
            if now - self._last_sweep > self.window:
                self._seen = {k: v for k, v in self._seen.items() if now - v <= 2 * self.window}
                self._last_sweep = now
            key = machine + "|" + nonce
            if key in self._seen:
                raise RequestRefused("重放的请求", 401, REPLAY)
            self._seen[key] = t
        return machine
