"""The offline verifier of an ExamSite export bundle: anyone can run it, anywhere.

    python -m app.verifier BUNDLE.zip --trust site-keys.txt [--key centre-x25519.pem]
    examsite verify BUNDLE.zip --trust site-keys.txt

Imports only the standard library, ``cryptography`` and the pure modules of ``app.core``:
no Qt, no SQLCipher, no SQLAlchemy, no site folder (tests/unit/test_verifier_imports.py).

Exit 0 only if the bundle is a well-formed BagIt bag in a zip; every payload and tag
file is present, listed and matches its SHA-256 and SM3 digests; no file is extra; every
detached signature is valid and from a key in the trust file, and the site, the
administrator and the internal supervisor have all signed; the journal chain is intact
and its last entry is covered by a signed checkpoint; and, when the bundle carries
results, theory scores recomputed from answers and papers equal them, and practical scores
recomputed from the signed score sheets equal those the chief's signed summary carried.  Otherwise exit 1
and print ONE line naming the first fault.
"""

from __future__ import annotations

import argparse
import base64
import hashlib
import io
import json
import sys
import zipfile
import zlib
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

from app.core import bundle as layout
from app.core import envelope, practical_recheck
from app.core import journal as jcore
from app.core.bundle import BundleFault
from app.core.errors import DomainError

READ_BLOCK = 1 << 20
# Who signed a bundle, as a person reads it (the bundle itself names the signers by these keys).
SIGNER_NAMES = {"site": "站点密钥", "admin": "管理员", "internal_supervisor": "内部质量督导员"}


def new_hasher(alg: str):
    """SHA-256 or SM3 (OpenSSL through hashlib where it has SM3, else ``cryptography``)."""
    try:
        return hashlib.new(alg)
    except ValueError:
        if alg != "sm3":
            raise
        from cryptography.hazmat.primitives import hashes

        class _SM3:
            def __init__(self):
                self._h = hashes.Hash(hashes.SM3())

            def update(self, b):
                self._h.update(b)

            def hexdigest(self):
                return self._h.finalize().hex()

        return _SM3()


def hash_stream(fh, algorithms=layout.ALGORITHMS) -> tuple[dict[str, str], int]:
    hs = {a: new_hasher(a) for a in algorithms}
    size = 0
    while True:
        block = fh.read(READ_BLOCK)
        if not block:
            break
        size += len(block)
        for h in hs.values():
            h.update(block)
    return {a: h.hexdigest() for a, h in hs.items()}, size


@dataclass
class Report:
    ok: bool
    fault: str = ""
    bag_name: str = ""
    info: dict = field(default_factory=dict)
    files: int = 0
    signers: list = field(default_factory=list)  # (role, holder, key_id)
    journal_entries: int = 0
    journal_checkpoint: int = 0
    theory_checked: int | None = None
    practical_checked: int | None = None
    review_checked: int | None = None
    tagmanifest_sha256: str = ""

    def summary(self) -> str:
        if not self.ok:
            return f"校验失败：{self.fault}"
        who = "、".join(SIGNER_NAMES.get(r, r) + ("" if r == "site" else f"（{h}）") for r, h, _ in self.signers)
        theory = ("未包含成绩，未复算" if self.theory_checked is None
                  else f"理论成绩复算一致 {self.theory_checked} 人")
        if self.practical_checked is not None:
            theory += f"，实操成绩按已签字评分表复算一致 {self.practical_checked} 人"
        if self.review_checked is not None:
            theory += f"，综合评审成绩按已签字评分表复算一致 {self.review_checked} 人"
        return (f"校验通过：{self.info.get('External-Identifier', '')}，文件 {self.files} 个，签名 {who}，"
                f"日志 {self.journal_entries} 条（签名检查点至第 {self.journal_checkpoint} 条），{theory}")


class _Bag:
    """The zip, read once: member names under the single top directory."""

    def __init__(self, blob: bytes):
        # The end-of-central-directory record must end the file exactly (with its comment): a cut file
        # can otherwise expose an "EOCD" inside compressed member data and read as a different zip.
        end = blob.rfind(b"PK\x05\x06", max(0, len(blob) - 65557))
        if end < 0 or end + 22 > len(blob) or end + 22 + int.from_bytes(blob[end + 20:end + 22], "little") != len(blob):
            raise BundleFault("不是完整的 zip 文件（文件被截断或损坏）")
        try:
            self.zf = zipfile.ZipFile(io.BytesIO(blob))
            infos = self.zf.infolist()
        except (zipfile.BadZipFile, OSError, ValueError):
            raise BundleFault("不是完整的 zip 文件（文件被截断或损坏）") from None
        tops, self.members = set(), {}
        for info in infos:
            name = info.filename
            p = PurePosixPath(name)
            if name.startswith("/") or "\\" in name or ".." in p.parts or not p.parts:
                raise BundleFault(f"zip 中有不安全的路径：{name}")
            tops.add(p.parts[0])
        if len(tops) != 1:
            raise BundleFault(f"zip 顶层应只有一个包目录，实有 {len(tops)} 个")
        for info in infos:
            p = PurePosixPath(info.filename)
            name = info.filename
            if info.is_dir():
                continue
            if len(p.parts) < 2:
                raise BundleFault(f"zip 顶层有多余文件：{name}")
            rel = str(PurePosixPath(*p.parts[1:]))
            if rel in self.members:
                raise BundleFault(f"zip 中重复出现文件：{rel}")
            self.members[rel] = info
        self.name = tops.pop()

    def read(self, rel: str) -> bytes:
        try:
            return self.zf.read(self.members[rel])
        except KeyError:
            raise BundleFault(f"缺少文件：{rel}") from None
        except (zipfile.BadZipFile, zlib.error, OSError, EOFError):
            raise BundleFault(f"zip 内文件 {rel} 损坏（CRC 或压缩数据错误）") from None

    def digests(self, rel: str) -> tuple[dict[str, str], int]:
        try:
            with self.zf.open(self.members[rel]) as fh:
                return hash_stream(fh)
        except (zipfile.BadZipFile, zlib.error, OSError, EOFError):
            raise BundleFault(f"zip 内文件 {rel} 损坏（CRC 或压缩数据错误）") from None


def _check_manifest(bag: _Bag, kind: str, alg: str, expected_paths: set[str], digests_of) -> dict[str, str]:
    name = f"{kind}-{alg}.txt"
    listed = layout.parse_manifest(name, bag.read(name))
    missing = sorted(set(listed) - expected_paths)
    extra = sorted(expected_paths - set(listed))
    if missing:
        renamed = ""
        for e in extra:
            if digests_of(e)[alg] == listed[missing[0]]:
                renamed = f"（内容与多出的文件 {e} 相同，疑被改名）"
                break
        return_fault = f"文件缺失：{missing[0]} 列在 {name} 中但包内没有{renamed}"
        raise BundleFault(return_fault)
    if extra:
        raise BundleFault(f"多出文件：{extra[0]} 未列在 {name} 中")
    for path in sorted(listed):
        actual = digests_of(path)[alg]
        if actual != listed[path]:
            raise BundleFault(f"文件内容被改动：{path} 的 {alg.upper()} 与 {name} 不符")
    return listed


def _verify_signatures(bag: _Bag, trust: layout.TrustFile, report: Report,
                       required: tuple[str, ...] = layout.REQUIRED_SIGNERS) -> None:
    signed = bag.read(layout.SIGNED_FILE)
    by_id = trust.by_id()
    seen_roles = set()
    sig_files = sorted(p for p in bag.members if p.startswith(layout.SIG_DIR + "/"))
    if not sig_files:
        raise BundleFault("包内没有任何签名")
    for path in sig_files:
        if not path.endswith(layout.SIG_SUFFIX) or path.count("/") != 1:
            raise BundleFault(f"多出文件：{path} 不是签名记录")
        rec = layout.SignatureRecord.from_bytes(path, bag.read(path))
        if rec.file_name() != path:
            raise BundleFault(f"签名文件 {path} 的文件名与其内容（{rec.role}，{rec.key_id}）不符")
        if rec.algorithm != "ed25519" or rec.signed_file != layout.SIGNED_FILE:
            raise BundleFault(f"签名 {path} 的算法或所签文件不受支持（{rec.algorithm}，{rec.signed_file}）")
        key = by_id.get(rec.key_id)
        if key is None:
            raise BundleFault(f"签名 {path} 的密钥 {rec.key_id} 不在信任文件中（不受信任的签名者）")
        if key.role != rec.role:
            raise BundleFault(f"签名 {path} 声称角色为 {rec.role}，但信任文件中该密钥属于 {key.role}")
        try:
            Ed25519PublicKey.from_public_bytes(key.public_key).verify(rec.signature, signed)
        except InvalidSignature:
            raise BundleFault(f"签名无效：{path}（{key.role} {key.holder}）与 {layout.SIGNED_FILE} 不符") from None
        seen_roles.add(rec.role)
        report.signers.append((rec.role, key.holder, rec.key_id))
    for role in required:
        if role not in seen_roles:
            raise BundleFault(f"缺少签名：{layout.SIGNER_NAMES.get(role, role)}尚未签名")


def _verify_journal(bag: _Bag, trust: layout.TrustFile, site_id: str, report: Report) -> None:
    entries = []
    lines = [ln for ln in bag.read("data/" + layout.JOURNAL_ENTRIES).decode("utf-8", "replace").splitlines()
             if ln.strip()]
    try:  # one parse for the whole file (fast); line by line only to name a bad line
        parsed = json.loads("[" + ",".join(lines) + "]")
    except ValueError:
        parsed = None
    for n, line in enumerate(lines, 1):
        try:
            d = parsed[n - 1] if parsed is not None else json.loads(line)
            entries.append(jcore.Entry(int(d["seq"]), d["ts"], d["actor"], d["role"], d["machine"], d["action"],
                                       d["subject"], d["payload"], d["prev_hash"], d["hash"]))
        except (ValueError, KeyError, TypeError):
            raise BundleFault(f"日志文件第 {n} 条记录格式错误") from None
    cps = []
    for n, line in enumerate(bag.read("data/" + layout.JOURNAL_CHECKPOINTS).decode("utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            d = json.loads(line)
            cps.append(jcore.Checkpoint(int(d["seq"]), d["hash"], d["ts"], base64.b64decode(d["sig"]), d["key_id"]))
        except (ValueError, KeyError, TypeError):
            raise BundleFault(f"日志检查点文件第 {n} 行格式错误") from None
    anchors_path = "data/" + layout.JOURNAL_ANCHORS
    anchored = []
    if anchors_path in bag.members:
        keys = trust.site_keys()
        for n, line in enumerate(bag.read(anchors_path).decode("utf-8").splitlines(), 1):
            if not line.strip():
                continue
            try:
                d = json.loads(line)
                Ed25519PublicKey.from_public_bytes(keys[d["key_id"]]).verify(
                    base64.b64decode(d["sig"]), jcore.checkpoint_message(site_id, int(d["seq"]), d["hash"]))
            except (ValueError, KeyError, TypeError, InvalidSignature):
                raise BundleFault(f"日志外部检查点文件第 {n} 行无效或签名不符") from None
            anchored.append((int(d["seq"]), d["hash"]))
    result = jcore.verify(site_id, entries, cps, trust.site_keys(), anchored)
    if not result.ok:
        raise BundleFault(f"日志校验失败：{result.fault}")
    if entries and result.last_checkpoint_seq != entries[-1].seq:
        raise BundleFault(f"日志最后的第 {result.last_checkpoint_seq + 1}—{entries[-1].seq} 条未被签名检查点覆盖")
    report.journal_entries, report.journal_checkpoint = result.entries, result.last_checkpoint_seq


def verify_bytes(blob: bytes, trust: layout.TrustFile,
                 required: tuple[str, ...] = layout.REQUIRED_SIGNERS) -> Report:
    """``required``: the signer roles that must be present (the site's own pre-countersign
    check passes fewer; the provincial centre uses the default)."""
    report = Report(ok=False)
    try:
        _verify(blob, trust, report, required)
    except UnicodeDecodeError:
        report.ok, report.fault = False, "包内文本文件不是 UTF-8"
        return report
    except BundleFault as exc:
        report.ok, report.fault = False, str(exc)
        return report
    report.ok = True
    return report


def _verify(blob: bytes, trust: layout.TrustFile, report: Report, required: tuple[str, ...]) -> None:
    if envelope.is_envelope(blob[:64]):
        raise BundleFault("这是加密上报包：请用 --key 指定省级中心的私钥解密后校验")
    bag = _Bag(blob)
    report.bag_name = bag.name
    if bag.read("bagit.txt") != layout.BAGIT_TXT:
        raise BundleFault("bagit.txt 内容不符合 BagIt 1.0")
    # Tag files: everything at the top except the tag manifests and the signatures.
    tag_files = {p for p in bag.members if not p.startswith("data/") and not p.startswith(layout.SIG_DIR + "/")
                 and not p.startswith("tagmanifest-")}
    for p in sorted(bag.members):
        if p.startswith("tagmanifest-") and p not in {f"tagmanifest-{a}.txt" for a in layout.ALGORITHMS}:
            raise BundleFault(f"多出文件：{p}")
    cache: dict[str, dict[str, str]] = {}
    sizes: dict[str, int] = {}

    def digests_of(path: str) -> dict[str, str]:
        if path not in cache:
            cache[path], sizes[path] = bag.digests(path)
        return cache[path]

    for alg in layout.ALGORITHMS:
        for kind in ("tagmanifest", "manifest"):
            if f"{kind}-{alg}.txt" not in bag.members:
                raise BundleFault(f"缺少文件：{kind}-{alg}.txt")
    # The signed file first: if it is not what the site signed, nothing else can be trusted.
    _verify_signatures(bag, trust, report, required)
    report.tagmanifest_sha256 = hashlib.sha256(bag.read(layout.SIGNED_FILE)).hexdigest()
    for alg in layout.ALGORITHMS:
        _check_manifest(bag, "tagmanifest", alg, tag_files, digests_of)
    payload = {p for p in bag.members if p.startswith("data/")}
    for alg in layout.ALGORITHMS:
        _check_manifest(bag, "manifest", alg, payload, digests_of)
    info = layout.parse_bag_info(bag.read("bag-info.txt"))
    report.info = info
    for key in layout.REQUIRED_INFO:
        if not info.get(key):
            raise BundleFault(f"bag-info.txt 缺少字段 {key}")
    expected_id = f"{info['ExamSite-Site']}/{info['ExamSite-Batch']}/{info['ExamSite-Export-Seq']}"
    if info["External-Identifier"] != expected_id:
        raise BundleFault(f"bag-info.txt 的 External-Identifier 与站点、批次、序号不一致：{info['External-Identifier']}")
    if info["Payload-Oxum"] != layout.oxum([sizes[p] for p in payload]):
        raise BundleFault(f"Payload-Oxum 不符：记录为 {info['Payload-Oxum']}")
    if info["ExamSite-Site"] != trust.site_id:
        raise BundleFault(f"此包来自站点 {info['ExamSite-Site']}，而信任文件属于站点 {trust.site_id}")
    report.files = len(payload)
    _verify_journal(bag, trust, info["ExamSite-Site"], report)
    results = "data/" + layout.RESULTS_JSON
    if results in bag.members:
        for need in (layout.THEORY_PAPERS, layout.THEORY_ANSWERS):
            if "data/" + need not in bag.members:
                raise BundleFault(f"包内有成绩 {layout.RESULTS_JSON} 但缺少 {need}，无法复算理论成绩")
        try:
            checked, fault = layout.recompute_theory(bag.read("data/" + layout.THEORY_PAPERS),
                                                     bag.read("data/" + layout.THEORY_ANSWERS), bag.read(results))
        except (KeyError, TypeError, AttributeError, ValueError) as exc:
            raise BundleFault(f"理论作答、试卷或成绩文件格式错误（{type(exc).__name__}: {exc}）") from None
        if fault:
            raise BundleFault(fault)
        fault = practical_recheck.theory_scores_match(bag.read(results))
        if fault:
            raise BundleFault(fault)
        report.theory_checked = checked
        for subject, (path, road, name) in practical_recheck.GROUPS.items():
            checked = _recompute_group(bag, results, subject, path, road, name)
            if checked is None:
                continue
            if subject == "practical":
                report.practical_checked = checked
            else:
                report.review_checked = checked


def _recompute_group(bag, results: str, subject: str, path: str, road: str, name: str) -> int | None:
    """The 考评组's (practical) or the 综合评审 panel's (review) scores recomputed from their signed
    sheets; None when the bundle carries no sheets of that group and no score arrived by its road."""
    member = "data/" + path
    if member in bag.members:
        try:
            checked, fault = practical_recheck.recompute_practical(bag.read(member), bag.read(results), subject)
        except (KeyError, TypeError, AttributeError, ValueError, DomainError) as exc:
            raise BundleFault(f"{name}评分表或成绩文件格式错误（{type(exc).__name__}: {exc}）") from None
        if fault:
            raise BundleFault(fault)
        return checked
    if any((c.get("subjects") or {}).get(subject, {}).get("source") == road
           for c in json.loads(bag.read(results)).get("candidates", [])):
        raise BundleFault(f"包内有经{name}汇总表计入的成绩，但缺少 {path}，无法复算{name}成绩")
    return None


def load_trust(path: Path | str) -> layout.TrustFile:
    try:
        text = Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise BundleFault(f"无法读取信任文件 {path}：{exc}") from None
    return layout.parse_trust(text, jcore.key_id)


def verify_file(path: Path | str, trust: layout.TrustFile, key_file: Path | str | None = None,
                required: tuple[str, ...] = layout.REQUIRED_SIGNERS) -> Report:
    try:
        blob = Path(path).read_bytes()
    except OSError as exc:
        return Report(ok=False, fault=f"无法读取 {path}：{exc.strerror}")
    if envelope.is_envelope(blob[:64]) and key_file:
        from cryptography.hazmat.primitives.serialization import load_pem_private_key

        try:
            key = load_pem_private_key(Path(key_file).read_bytes(), password=None)
            blob = envelope.open_sealed(blob, key)
        except (envelope.EnvelopeError, ValueError, TypeError, OSError) as exc:
            return Report(ok=False, fault=f"解密失败：{exc}")
    return verify_bytes(blob, trust, required)


def main(argv: list[str] | None = None, prog: str = "examsite-verify") -> int:
    p = argparse.ArgumentParser(prog=prog, description="离线校验 ExamSite 上报包")
    p.add_argument("bundle")
    p.add_argument("--trust", required=True, help="站点公钥文件（examsite keys public 的输出）")
    p.add_argument("--key", help="加密上报包：省级中心 X25519 私钥（PEM）")
    args = p.parse_args(argv)
    return run(args.bundle, args.trust, args.key)


def run(bundle: str, trust_path: str, key: str | None = None) -> int:
    try:
        trust = load_trust(trust_path)
    except BundleFault as exc:
        print(f"校验失败：{exc}", file=sys.stderr)
        return 2
    report = verify_file(bundle, trust, key)
    if report.ok:
        print(report.summary())
        return 0
    print(report.summary(), file=sys.stderr)
    return 1


if __name__ == "__main__":
    sys.exit(main())
