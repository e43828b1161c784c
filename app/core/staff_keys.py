"""A person's Ed25519 signing key sealed with their password (AES-256-GCM under an Argon2id
key), as the master stores it (``staff_key``) and as a grader station receives it.  Pure
crypto: no store, no clock.  ``kek`` is the one slow call (Argon2id, on purpose)."""

from __future__ import annotations

import base64
import os

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.argon2 import Argon2id


def _derive(password: str, salt: bytes, m: int, t: int, p: int) -> bytes:
    return Argon2id(salt=salt, length=32, iterations=t, lanes=p, memory_cost=m).derive(password.encode("utf-8"))


def kek(password: str, kdf: dict) -> bytes:
    """The key that seals the private half: Argon2id with the key's own salt and parameters."""
    return _derive(password, base64.b64decode(kdf["salt"]), kdf["m"], kdf["t"], kdf["p"])


def aad(site_id: str, username: str, role: str, kid: str) -> bytes:
    return f"examsite-staff-key|{site_id}|{username}|{role}|{kid}".encode()


def open_sealed(sealed: bytes, password: str, kdf: dict, site_id: str, username: str, role: str,
                kid: str) -> bytes | None:
    """The raw private key, or None when the password does not open it."""
    try:
        return AESGCM(kek(password, kdf)).decrypt(sealed[:12], sealed[12:], aad(site_id, username, role, kid))
    except InvalidTag:
        return None


def raw_public(key: Ed25519PrivateKey) -> bytes:
    return key.public_key().public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)


def new_sealed(password: str, params: dict, site_id: str, username: str, role: str, key_id_of) -> tuple:
    """A new key sealed with ``password``: (kid, raw_pub, sealed, kdf, raw_priv).  ``params``
    holds the site's Argon2 m/t/p; ``key_id_of(raw_pub)`` names the key."""
    key = Ed25519PrivateKey.generate()
    raw_pub = raw_public(key)
    raw_priv = key.private_bytes(serialization.Encoding.Raw, serialization.PrivateFormat.Raw,
                                 serialization.NoEncryption())
    kid = key_id_of(raw_pub)
    kdf = {"alg": "argon2id", **{k: params[k] for k in ("m", "t", "p")},
           "salt": base64.b64encode(os.urandom(16)).decode()}
    nonce = os.urandom(12)
    sealed = nonce + AESGCM(kek(password, kdf)).encrypt(nonce, raw_priv, aad(site_id, username, role, kid))
    return kid, raw_pub, sealed, kdf, raw_priv
