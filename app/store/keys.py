"""Keys of a site, derived from the site passphrase.

``site.json`` (not secret) holds the site id, the Argon2id parameters and salt, a
key-check value and the site's public keys.  The passphrase gives a master key;
HKDF splits it into the SQLCipher key and the check value.  A wrong passphrase is
recognised from ``site.json`` alone, so the database file is never touched.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import os
import uuid
from dataclasses import dataclass, field
from pathlib import Path

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.argon2 import Argon2id
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from app import platform

SITE_FILE = "site.json"
DB_FILE = "site.db"
ANCHOR_FILE = "journal-checkpoints.log"
FORMAT = 1

# Argon2id, RFC 9106 second recommendation scaled to a laptop: 64 MiB, 3 passes.
STANDARD_KDF = {"m": 65536, "t": 3, "p": 1}
# For test fixtures only: still Argon2id, just cheap.
TEST_KDF = {"m": 1024, "t": 1, "p": 1}


class WrongPassphrase(Exception):
    def __str__(self) -> str:
        return "站点口令错误，未打开站点（文件未作任何改动）"


class NotASite(Exception):
    pass


def b64(data: bytes) -> str:
    return base64.b64encode(data).decode()


def unb64(text: str) -> bytes:
    return base64.b64decode(text)


@dataclass
class SiteFile:
    site_id: str
    kdf: dict
    salt: bytes
    key_check: str
    public_keys: dict[str, str] = field(default_factory=dict)  # key_id -> b64 raw Ed25519
    format: int = FORMAT

    def to_json(self) -> str:
        return json.dumps({"format": self.format, "site_id": self.site_id,
                           "kdf": {"alg": "argon2id", **self.kdf, "salt": b64(self.salt)},
                           "key_check": self.key_check, "public_keys": self.public_keys},
                          ensure_ascii=False, indent=2)

    @classmethod
    def load(cls, site_dir: Path) -> "SiteFile":
        path = Path(site_dir) / SITE_FILE
        if not path.exists():
            raise NotASite(f"{site_dir} 不是站点目录（没有 {SITE_FILE}）")
        data = json.loads(path.read_text(encoding="utf-8"))
        kdf = dict(data["kdf"])
        salt = unb64(kdf.pop("salt"))
        kdf.pop("alg", None)
        return cls(site_id=data["site_id"], kdf=kdf, salt=salt, key_check=data["key_check"],
                   public_keys=dict(data.get("public_keys", {})), format=data.get("format", FORMAT))

    def save(self, site_dir: Path) -> None:
        atomic_write(Path(site_dir) / SITE_FILE, self.to_json().encode("utf-8"))


def atomic_write(path: Path, data: bytes) -> None:
    tmp = path.with_name(path.name + ".tmp")
    with open(tmp, "wb") as fh:
        fh.write(data)
        fh.flush()
        os.fsync(fh.fileno())
    platform.replace(tmp, path)  # durable rename: directory fsync on POSIX, write-through on Windows


@dataclass(frozen=True)
class SiteKeys:
    db_key: bytes  # SQLCipher raw key
    file_key: bytes  # AES-GCM key for files the site writes outside the store

    def sqlcipher_pragma(self) -> str:
        return f"PRAGMA key = \"x'{self.db_key.hex()}'\""


def _master(passphrase: str, salt: bytes, kdf: dict) -> bytes:
    return Argon2id(salt=salt, length=32, iterations=kdf["t"], lanes=kdf["p"],
                    memory_cost=kdf["m"]).derive(passphrase.encode("utf-8"))


def _split(master: bytes, info: bytes) -> bytes:
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=info).derive(master)


def _check_value(master: bytes) -> str:
    return hmac.new(master, b"examsite-key-check-v1", hashlib.sha256).hexdigest()


def new_site_file(passphrase: str, kdf: dict | None = None) -> tuple[SiteFile, SiteKeys]:
    kdf = dict(kdf or STANDARD_KDF)
    salt = os.urandom(16)
    master = _master(passphrase, salt, kdf)
    site = SiteFile(site_id=str(uuid.uuid4()), kdf=kdf, salt=salt, key_check=_check_value(master))
    return site, SiteKeys(_split(master, b"examsite-sqlcipher"), _split(master, b"examsite-files"))


def unlock(site: SiteFile, passphrase: str) -> SiteKeys:
    master = _master(passphrase, site.salt, site.kdf)
    if not hmac.compare_digest(_check_value(master), site.key_check):
        raise WrongPassphrase()
    return SiteKeys(_split(master, b"examsite-sqlcipher"), _split(master, b"examsite-files"))
