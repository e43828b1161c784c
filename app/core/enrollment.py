"""Enrolling a terminal to the site master: the short codes people read and type.

The terminal makes an Ed25519 key pair and a random nonce, sends both to the master
over the LAN and shows ``enrollment_code(public_key, nonce)`` on its screen.  The
master's operator types that code; only a request whose key and nonce give the same
code is granted, so a stranger on the LAN cannot get a key granted by racing the
real terminal.  After the grant both screens show ``confirmation_code`` over the
master's TLS certificate fingerprint and the terminal key: the operator checks the
two match, which rules out a machine in the middle at enrollment time.  Pure.
"""

from __future__ import annotations

import hashlib

# Crockford base32 without I L O U: nothing to misread aloud or on a screen.
ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
CODE_LENGTH = 10


def _b32(data: bytes, length: int) -> str:
    n = int.from_bytes(data, "big")
    out = []
    for _ in range(length):
        out.append(ALPHABET[n & 31])
        n >>= 5
    return "".join(out)


def enrollment_code(public_key: bytes, nonce: bytes) -> str:
    """10 characters (50 bits) shown as XXXXX-XXXXX."""
    digest = hashlib.sha256(b"examsite-enroll-v1|" + public_key + b"|" + nonce).digest()
    code = _b32(digest, CODE_LENGTH)
    return f"{code[:5]}-{code[5:]}"


def normalise_code(text: str) -> str:
    """What a person typed: case, spaces, dashes and look-alike letters forgiven."""
    t = text.upper().replace(" ", "").replace("-", "")
    t = t.replace("O", "0").replace("I", "1").replace("L", "1")
    return f"{t[:5]}-{t[5:]}" if len(t) == CODE_LENGTH else t


def confirmation_code(master_fingerprint: str, terminal_public_key: bytes) -> str:
    """6 digits both screens show after the grant."""
    digest = hashlib.sha256(b"examsite-confirm-v1|" + master_fingerprint.encode() + b"|" + terminal_public_key).digest()
    return f"{int.from_bytes(digest[:8], 'big') % 1_000_000:06d}"


def grant_message(site_id: str, machine_id: str, public_key: bytes, master_fingerprint: str) -> bytes:
    """What the site key signs when it grants a terminal's key."""
    return b"|".join([b"examsite-grant-v1", site_id.encode(), machine_id.encode(), public_key.hex().encode(),
                      master_fingerprint.encode()])
