"""Offline authorisation codes: the proctor unlocks a terminal that cannot reach the master.

The terminal shows a challenge (terminal, candidate, action, counter, nonce and when
it was issued); the proctor computes an 8-digit code on the master (or reads it off a
printed proctor card) and types it back.  The code is an HMAC over the challenge
under a key both sides hold without the network: ``authcode_key(machine_key)``, the
terminal's enrollment key passed through HKDF.  A code is good for one challenge,
one action and one candidate, only until the challenge expires, and only once
(the terminal remembers the counters it has accepted).  Pure: ``now`` is passed in.
"""

from __future__ import annotations

import datetime as _dt
import hashlib
import hmac
from dataclasses import dataclass, field

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

DIGITS = 8
DEFAULT_TTL = _dt.timedelta(minutes=10)
CARD_CANDIDATE = "*"  # a proctor card's codes do not name a candidate

ACTIONS = {
    "resume": "恢复作答（超出允许的断网时长）",
    "unlock": "崩溃后解锁",
    "move_in": "换机续考",
    "extend": "延长时间",
    "force_submit": "强制交卷",
}


class AuthCodeRefused(Exception):
    pass


def authcode_key(machine_key: bytes) -> bytes:
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=b"examsite-authcode-v1").derive(machine_key)


@dataclass(frozen=True)
class Challenge:
    terminal: str
    candidate: str
    action: str
    counter: int
    nonce: str  # 4 digits the terminal draws, so a counter is never reused after a reinstall
    issued_at: _dt.datetime

    def message(self) -> bytes:
        return "|".join(["examsite-authcode-v1", self.terminal, self.candidate, self.action, str(self.counter),
                         self.nonce]).encode()

    def display(self) -> str:
        """What the terminal shows and the proctor reads to the master: ``T07-RESUME-0012-4821``."""
        return f"{self.terminal}-{self.action.upper()}-{self.counter:04d}-{self.nonce}"


def code_for(key: bytes, challenge: Challenge) -> str:
    """HOTP-style dynamic truncation of HMAC-SHA256 to 8 digits."""
    mac = hmac.new(key, challenge.message(), hashlib.sha256).digest()
    offset = mac[-1] & 0x0F
    value = int.from_bytes(mac[offset:offset + 4], "big") & 0x7FFFFFFF
    return f"{value % 10 ** DIGITS:0{DIGITS}d}"


def card_codes(key: bytes, terminal: str, action: str, counters: range, nonce: str = "0000") -> list[tuple[int, str]]:
    """A printed proctor card: the codes for counters of one terminal and action, no candidate named."""
    return [(n, code_for(key, Challenge(terminal, CARD_CANDIDATE, action, n, nonce, _dt.datetime.min)))
            for n in counters]


@dataclass
class Verifier:
    """The terminal side: issues challenges and accepts each code once, before it expires."""

    key: bytes
    terminal: str
    ttl: _dt.timedelta = DEFAULT_TTL
    used: set[int] = field(default_factory=set)
    last_counter: int = 0

    def challenge(self, candidate: str, action: str, nonce: str, now: _dt.datetime) -> Challenge:
        if action not in ACTIONS:
            raise AuthCodeRefused(f"未知的授权操作「{action}」")
        self.last_counter += 1
        return Challenge(self.terminal, candidate, action, self.last_counter, nonce, now)

    def accept(self, challenge: Challenge, action: str, code: str, now: _dt.datetime) -> None:
        """Raise ``AuthCodeRefused`` unless ``code`` authorises ``action`` for this challenge now."""
        code = code.strip().replace(" ", "")
        if challenge.terminal != self.terminal:
            raise AuthCodeRefused("授权码不属于本机")
        if action != challenge.action:
            raise AuthCodeRefused("授权码与所请求的操作不符")
        if challenge.counter in self.used:
            raise AuthCodeRefused("授权码已使用过，请重新生成挑战码")
        if now - challenge.issued_at > self.ttl or now < challenge.issued_at:
            raise AuthCodeRefused("授权码已过期，请重新生成挑战码")
        expected = [code_for(self.key, challenge)]
        if challenge.candidate != CARD_CANDIDATE:
            card = Challenge(challenge.terminal, CARD_CANDIDATE, challenge.action, challenge.counter, "0000",
                             _dt.datetime.min)
            expected.append(code_for(self.key, card))
        if not any(hmac.compare_digest(code, e) for e in expected):
            raise AuthCodeRefused("授权码错误")
        self.used.add(challenge.counter)
