"""Password hashes: Argon2id (memory-hard), self-describing strings."""

from __future__ import annotations

import base64
import hmac
import os

from cryptography.hazmat.primitives.kdf.argon2 import Argon2id


def _derive(password: str, salt: bytes, m: int, t: int, p: int) -> bytes:
    return Argon2id(salt=salt, length=32, iterations=t, lanes=p, memory_cost=m).derive(password.encode("utf-8"))


def hash_password(password: str, params: dict) -> str:
    salt = os.urandom(16)
    m, t, p = params["m"], params["t"], params["p"]
    digest = _derive(password, salt, m, t, p)
    return f"argon2id$m={m},t={t},p={p}${base64.b64encode(salt).decode()}${base64.b64encode(digest).decode()}"


def check_password(password: str, stored: str) -> bool:
    try:
        alg, params, salt_b64, digest_b64 = stored.split("$")
        if alg != "argon2id":
            return False
        kv = dict(item.split("=") for item in params.split(","))
        digest = _derive(password, base64.b64decode(salt_b64), int(kv["m"]), int(kv["t"]), int(kv["p"]))
    except (ValueError, KeyError):
        return False
    return hmac.compare_digest(digest, base64.b64decode(digest_b64))
