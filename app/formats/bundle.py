"""Writing the export bundle: a BagIt bag (RFC 8493) in a zip, sealed with detached signatures.

The layout and every rule shared with the verifier live in ``app.core.bundle``.  This
module only turns a staged ``data/`` folder into the tag files, signs the tag manifest
and writes the zip (atomically).  It hashes each file once, SHA-256 and SM3 on two
threads (hashlib releases the GIL on large blocks).
"""

from __future__ import annotations

import concurrent.futures
import hashlib
import json
import os
import shutil
import time
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable

from app.core import bundle as layout
from app.verifier import READ_BLOCK, new_hasher

Signer = tuple[str, str, str, Callable[[bytes], bytes]]  # role, key_id, signer name, sign(bytes) -> sig


def hash_file(path: Path, algorithms: Iterable[str] = layout.ALGORITHMS) -> tuple[dict[str, str], int]:
    """One read of the file; with two algorithms, each block is fed to both on two threads."""
    algorithms = tuple(algorithms)
    hs = {a: new_hasher(a) for a in algorithms}
    size = 0
    with open(path, "rb", buffering=0) as fh:
        if len(hs) == 1:
            (h,) = hs.values()
            while block := fh.read(READ_BLOCK * 4):
                size += len(block)
                h.update(block)
        else:
            with concurrent.futures.ThreadPoolExecutor(len(hs)) as pool:
                pending: list = []
                while block := fh.read(READ_BLOCK * 4):
                    size += len(block)
                    for f in pending:
                        f.result()
                    pending = [pool.submit(h.update, block) for h in hs.values()]
                for f in pending:
                    f.result()
    return {a: h.hexdigest() for a, h in hs.items()}, size


def write_json(folder: Path, rel: str, value) -> str:
    """One payload file as deterministic UTF-8 JSON (sorted keys); returns ``rel``."""
    path = folder / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(value, ensure_ascii=False, indent=1, sort_keys=True, default=str) + "\n",
                    encoding="utf-8")
    return rel


def payload_files(data_dir: Path) -> list[str]:
    out = []
    for root, dirs, files in os.walk(data_dir):
        dirs.sort()
        for f in sorted(files):
            full = Path(root) / f
            out.append("data/" + full.relative_to(data_dir).as_posix())
    return out


@dataclass(frozen=True)
class BuiltBag:
    bag_name: str
    tagmanifest_sha256: str
    files: int
    payload_bytes: int


def tag_files(info: list[tuple[str, str]], digests: dict[str, dict[str, str]],
              sizes: dict[str, int]) -> dict[str, bytes]:
    """bagit.txt, bag-info.txt (with Payload-Oxum), manifests and tag manifests, by name."""
    out = {"bagit.txt": layout.BAGIT_TXT}
    info = list(info) + [("Payload-Oxum", layout.oxum(list(sizes.values())))]
    out["bag-info.txt"] = layout.bag_info_text(info)
    for alg in layout.ALGORITHMS:
        out[f"manifest-{alg}.txt"] = layout.manifest_text({p: d[alg] for p, d in digests.items()})
    tag_names = ["bagit.txt", "bag-info.txt"] + [f"manifest-{a}.txt" for a in layout.ALGORITHMS]
    for alg in layout.ALGORITHMS:
        tags = {}
        for name in tag_names:
            h = new_hasher(alg)
            h.update(out[name])
            tags[name] = h.hexdigest()
        out[f"tagmanifest-{alg}.txt"] = layout.manifest_text(tags)
    return out


def write_tag_files(bag_dir: Path, info: list[tuple[str, str]],
                    digests: dict[str, dict[str, str]], sizes: dict[str, int]) -> bytes:
    """The tag files written into ``bag_dir``.  Returns the bytes of the file the signatures cover."""
    for name, data in tag_files(info, digests, sizes).items():
        (bag_dir / name).write_bytes(data)
    return (bag_dir / layout.SIGNED_FILE).read_bytes()


def sign_into(bag_dir: Path, signed: bytes, signers: Iterable[Signer]) -> list[layout.SignatureRecord]:
    out = []
    (bag_dir / layout.SIG_DIR).mkdir(exist_ok=True)
    for role, key_id, who, sign in signers:
        rec = layout.SignatureRecord(role=role, key_id=key_id, signer=who, signature=sign(signed))
        (bag_dir / rec.file_name()).write_bytes(rec.to_bytes())
        out.append(rec)
    return out


def build_bag(bag_dir: Path, info: list[tuple[str, str]], signers: Iterable[Signer],
              progress: Callable[[int, int], None] | None = None) -> BuiltBag:
    """``bag_dir/data`` is already filled.  Hash, write the tag files, sign."""
    data_dir = bag_dir / "data"
    files = payload_files(data_dir)
    digests: dict[str, dict[str, str]] = {}
    sizes: dict[str, int] = {}
    for i, rel in enumerate(files):
        digests[rel], sizes[rel] = hash_file(bag_dir / rel)
        if progress:
            progress(i + 1, len(files))
    signed = write_tag_files(bag_dir, info, digests, sizes)
    sign_into(bag_dir, signed, signers)
    return BuiltBag(bag_dir.name, hashlib.sha256(signed).hexdigest(), len(files), sum(sizes.values()))


def zip_bag(bag_dir: Path, out: Path, stored_suffixes: tuple[str, ...] = (".jpg", ".jpeg", ".png", ".avi", ".mkv",
                                                                          ".mp4", ".zip", ".xlsx")) -> str:
    """Write ``out`` atomically (temp file, fsync, rename).  Returns the file's SHA-256."""
    out = Path(out)
    tmp = out.with_name(out.name + ".part")
    with zipfile.ZipFile(tmp, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=6) as zf:
        for root, dirs, files in os.walk(bag_dir):
            dirs.sort()
            for f in sorted(files):
                full = Path(root) / f
                arc = f"{bag_dir.name}/{full.relative_to(bag_dir).as_posix()}"
                method = zipfile.ZIP_STORED if f.lower().endswith(stored_suffixes) else zipfile.ZIP_DEFLATED
                zf.write(full, arc, compress_type=method)
    with open(tmp, "rb+") as fh:
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(tmp, out)
    return file_sha256(out)


def hash_bytes(data: bytes) -> dict[str, str]:
    out = {}
    for alg in layout.ALGORITHMS:
        h = new_hasher(alg)
        h.update(data)
        out[alg] = h.hexdigest()
    return out


def build_sealed_bag(staging, bag_name: str, info: list[tuple[str, str]],
                     signers: Iterable[Signer]) -> tuple[BuiltBag, dict[str, bytes]]:
    """The bag of a ``app.formats.staging.SealedStaging``: payload hashed one decrypted file at a
    time; tag files and signatures kept in memory (they hold hashes, not candidates' data)."""
    digests: dict[str, dict[str, str]] = {}
    sizes: dict[str, int] = {}
    for rel in staging.files():
        data = staging.read(rel)
        digests[rel], sizes[rel] = hash_bytes(data), len(data)
    tags = tag_files(info, digests, sizes)
    signed = tags[layout.SIGNED_FILE]
    for role, key_id, who, sign in signers:
        rec = layout.SignatureRecord(role=role, key_id=key_id, signer=who, signature=sign(signed))
        tags[rec.file_name()] = rec.to_bytes()
    return BuiltBag(bag_name, hashlib.sha256(signed).hexdigest(), len(digests), sum(sizes.values())), tags


def zip_sealed_bag(staging, bag_name: str, tags: dict[str, bytes], out: Path,
                   stored_suffixes: tuple[str, ...] = (".jpg", ".jpeg", ".png", ".avi", ".mkv", ".mp4", ".zip",
                                                       ".xlsx")) -> str:
    """Like ``zip_bag``, from sealed staging: each payload file decrypted in memory as it is added."""
    out = Path(out)
    tmp = out.with_name(out.name + ".part")
    top = sorted(n for n in tags if "/" not in n)
    nested = sorted([(n, None) for n in tags if "/" in n] + [(rel, rel) for rel in staging.files()])
    with zipfile.ZipFile(tmp, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=6) as zf:
        for name, rel in [(n, None) for n in top] + nested:
            data = tags[name] if rel is None else staging.read(rel)
            method = zipfile.ZIP_STORED if name.lower().endswith(stored_suffixes) else zipfile.ZIP_DEFLATED
            info = zipfile.ZipInfo(f"{bag_name}/{name}", date_time=time.localtime()[:6])
            info.compress_type = method
            info.external_attr = 0o644 << 16
            zf.writestr(info, data, compress_type=method)
    with open(tmp, "rb+") as fh:
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(tmp, out)
    return file_sha256(out)


def file_sha256(path: Path) -> str:
    return hash_file(Path(path), ("sha256",))[0]["sha256"]


def add_signature(zip_path: Path, record: layout.SignatureRecord) -> str:
    """Add one detached signature to a sealed bundle (the bag's content is unchanged)."""
    zip_path = Path(zip_path)
    tmp = zip_path.with_name(zip_path.name + ".part")
    shutil.copyfile(zip_path, tmp)
    with zipfile.ZipFile(tmp, "a") as zf:
        top = zf.namelist()[0].split("/")[0]
        name = f"{top}/{record.file_name()}"
        if name in zf.namelist():
            os.unlink(tmp)
            raise FileExistsError(record.file_name())
        zf.writestr(name, record.to_bytes(), compress_type=zipfile.ZIP_DEFLATED)
    with open(tmp, "rb+") as fh:
        os.fsync(fh.fileno())
    os.replace(tmp, zip_path)
    return file_sha256(zip_path)


def read_signed_file(zip_path: Path) -> tuple[str, bytes]:
    with zipfile.ZipFile(zip_path) as zf:
        top = zf.namelist()[0].split("/")[0]
        return top, zf.read(f"{top}/{layout.SIGNED_FILE}")
