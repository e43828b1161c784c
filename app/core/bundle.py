"""The sealed export bundle: its layout and the rules both the exporter and the verifier read.

Pure: no files, no clock.  One source of truth for

- the BagIt tag files (``bagit.txt``, ``bag-info.txt``, manifest lines),
- the detached signature records in ``signatures/``,
- the trust file that ``examsite keys public`` writes and ``examsite verify --trust`` reads,
- the theory layouts a theory/results provider must write, and the recomputation of
  theory scores from answers and papers that the verifier compares with the results.

Bundle layout (a BagIt bag, RFC 8493, serialised as a zip with one top directory)::

    <name>/bagit.txt
    <name>/bag-info.txt
    <name>/manifest-sha256.txt        payload files, SHA-256
    <name>/manifest-sm3.txt           payload files, SM3 (GB/T 32905)
    <name>/tagmanifest-sha256.txt     the tag files above (signed)
    <name>/tagmanifest-sm3.txt
    <name>/signatures/<role>-<key_id>.sig.json   detached Ed25519 over tagmanifest-sha256.txt
    <name>/data/...                   payload, written by the registered providers

Theory layouts (files a theory provider and a results provider write under ``data/``)::

    theory/papers.jsonl   one paper per line:
        {"paper_id": "P1", "seed": 12345,
         "questions": [{"qid": "Q0001", "type": "single|multiple|judge",
                        "answer": ["B"], "points": "1.0"}, ...]}
    theory/answers.jsonl  one candidate's submitted answers per line:
        {"ticket_no": "DG26040001", "paper_id": "P1",
         "answers": [{"qid": "Q0001", "chosen": ["B"]}, ...]}
    results/results.json
        {"plan_no": "...", "candidates": [{"ticket_no": "...", "theory": "87.5" | null, ...}]}

Scoring rule the recomputation applies: a question scores its ``points`` when the set of
chosen options equals the set of correct options (multiple choice is all-or-nothing), else
0.  Points and scores are decimal strings (or numbers) compared exactly as decimals.
"""

from __future__ import annotations

import base64
import json
import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

BAGIT_TXT = b"BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n"
ALGORITHMS = ("sha256", "sm3")
SIGNED_FILE = "tagmanifest-sha256.txt"
SIG_DIR = "signatures"
SIG_SUFFIX = ".sig.json"
TRUST_MAGIC = "examsite-trust 1"

# Who signs a bundle.  "site" is the site key (the same key that signs journal checkpoints).
SIGNER_ROLES = ("site", "admin", "internal_supervisor")
REQUIRED_SIGNERS = ("site", "admin", "internal_supervisor")
SIGNER_NAMES = {"site": "站点密钥", "admin": "管理员", "internal_supervisor": "内部质量督导员"}
REQUIRED_INFO = ("Source-Organization", "External-Identifier", "Bagging-Date", "Payload-Oxum",
                 "ExamSite-Site", "ExamSite-Batch", "ExamSite-Export-Seq")

# Paths under data/ (the built-in providers and the slots other issues fill).
THEORY_PAPERS = "theory/papers.jsonl"
THEORY_ANSWERS = "theory/answers.jsonl"
RESULTS_JSON = "results/results.json"
JOURNAL_ENTRIES = "journal/journal.jsonl"
JOURNAL_CHECKPOINTS = "journal/checkpoints.jsonl"
JOURNAL_ANCHORS = "journal/journal-checkpoints.log"
BUILD_INFO = "build/build.json"
BATCH_INFO = "batch/batch.json"


class BundleFault(Exception):
    """One line naming what is wrong with a bundle."""


def canonical(value) -> bytes:
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode()


# -- BagIt tag files ------------------------------------------------------------------
def bag_info_text(fields: list[tuple[str, str]]) -> bytes:
    lines = []
    for k, v in fields:
        if "\n" in v or "\r" in v or ":" in k:
            raise ValueError(f"bag-info field {k!r} is not one line")
        lines.append(f"{k}: {v}")
    return ("\n".join(lines) + "\n").encode("utf-8")


def parse_bag_info(data: bytes) -> dict[str, str]:
    out: dict[str, str] = {}
    last = None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        raise BundleFault("bag-info.txt 不是 UTF-8 文本") from None
    for line in text.splitlines():
        if not line.strip():
            continue
        if line[0] in " \t" and last:
            out[last] += " " + line.strip()
            continue
        if ":" not in line:
            raise BundleFault(f"bag-info.txt 行格式错误：{line[:40]}")
        k, _, v = line.partition(":")
        last = k.strip()
        out[last] = v.strip()
    return out


def encode_path(path: str) -> str:
    """RFC 8493 §2.1.3: CR, LF and % are percent-encoded in manifests."""
    return path.replace("%", "%25").replace("\n", "%0A").replace("\r", "%0D")


def decode_path(path: str) -> str:
    return path.replace("%0A", "\n").replace("%0a", "\n").replace("%0D", "\r").replace("%0d", "\r").replace("%25", "%")


def manifest_text(digests: dict[str, str]) -> bytes:
    return "".join(f"{digests[p]}  {encode_path(p)}\n" for p in sorted(digests)).encode("utf-8")


def parse_manifest(name: str, data: bytes) -> dict[str, str]:
    out: dict[str, str] = {}
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        raise BundleFault(f"{name} 不是 UTF-8 文本") from None
    for n, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        m = re.match(r"^([0-9a-fA-F]+)\s+(.+)$", line)
        if not m:
            raise BundleFault(f"{name} 第 {n} 行格式错误")
        path = decode_path(m.group(2).strip())
        if path in out:
            raise BundleFault(f"{name} 第 {n} 行重复列出 {path}")
        out[path] = m.group(1).lower()
    return out


def oxum(sizes: list[int]) -> str:
    return f"{sum(sizes)}.{len(sizes)}"


# -- signatures -----------------------------------------------------------------------
@dataclass(frozen=True)
class SignatureRecord:
    role: str
    key_id: str
    signer: str  # username or site id (informational; trust comes from the trust file)
    signature: bytes
    signed_file: str = SIGNED_FILE
    algorithm: str = "ed25519"

    def file_name(self) -> str:
        return f"{SIG_DIR}/{self.role}-{self.key_id}{SIG_SUFFIX}"

    def to_bytes(self) -> bytes:
        return json.dumps({"algorithm": self.algorithm, "role": self.role, "key_id": self.key_id,
                           "signer": self.signer, "signed_file": self.signed_file,
                           "signature": base64.b64encode(self.signature).decode()},
                          ensure_ascii=False, indent=1).encode("utf-8") + b"\n"

    @classmethod
    def from_bytes(cls, name: str, data: bytes) -> "SignatureRecord":
        try:
            d = json.loads(data.decode("utf-8"))
            return cls(role=str(d["role"]), key_id=str(d["key_id"]), signer=str(d.get("signer", "")),
                       signature=base64.b64decode(d["signature"], validate=True),
                       signed_file=str(d["signed_file"]), algorithm=str(d["algorithm"]))
        except (ValueError, KeyError, TypeError, UnicodeDecodeError):
            raise BundleFault(f"签名文件 {name} 格式错误") from None


# -- trust file -----------------------------------------------------------------------
@dataclass(frozen=True)
class TrustedKey:
    role: str  # site | admin | internal_supervisor | ...
    key_id: str
    public_key: bytes
    holder: str  # username or site id


@dataclass(frozen=True)
class TrustFile:
    site_id: str
    institution: str
    keys: tuple[TrustedKey, ...]

    def by_id(self) -> dict[str, TrustedKey]:
        return {k.key_id: k for k in self.keys}

    def site_keys(self) -> dict[str, bytes]:
        return {k.key_id: k.public_key for k in self.keys if k.role == "site"}


def trust_text(trust: TrustFile) -> str:
    lines = [TRUST_MAGIC,
             "# ExamSite 站点公钥（可公开）。用法：examsite verify BUNDLE --trust 本文件",
             "# key <角色> <key_id> <Ed25519 公钥 base64> <持有人>",
             f"site {trust.site_id} {trust.institution}"]
    for k in trust.keys:
        lines.append(f"key {k.role} {k.key_id} {base64.b64encode(k.public_key).decode()} {k.holder}")
    return "\n".join(lines) + "\n"


def parse_trust(text: str, key_id_of) -> TrustFile:
    """``key_id_of(raw_public) -> str`` recomputes each key id so a line cannot lie about it."""
    lines = [ln.strip() for ln in text.splitlines()]
    if not lines or lines[0] != TRUST_MAGIC:
        raise BundleFault(f"信任文件首行应为「{TRUST_MAGIC}」")
    site_id, institution, keys = "", "", []
    for n, line in enumerate(lines[1:], 2):
        if not line or line.startswith("#"):
            continue
        parts = line.split(" ", 4)
        if parts[0] == "site" and len(parts) >= 2:
            site_id = parts[1]
            institution = line.split(" ", 2)[2] if len(parts) > 2 else ""
        elif parts[0] == "key" and len(parts) >= 4:
            try:
                raw = base64.b64decode(parts[3], validate=True)
            except ValueError:
                raise BundleFault(f"信任文件第 {n} 行公钥不是 base64") from None
            if len(raw) != 32 or key_id_of(raw) != parts[2]:
                raise BundleFault(f"信任文件第 {n} 行公钥与 key_id 不符")
            keys.append(TrustedKey(parts[1], parts[2], raw, parts[4] if len(parts) > 4 else ""))
        else:
            raise BundleFault(f"信任文件第 {n} 行无法识别")
    if not site_id:
        raise BundleFault("信任文件缺少 site 行")
    return TrustFile(site_id, institution, tuple(keys))


# -- theory recomputation -------------------------------------------------------------
def decimal_of(value, where: str) -> Decimal:
    """A finite number from a bundle's JSON, or a BundleFault naming where it stood."""
    try:
        d = Decimal(str(value))
    except (InvalidOperation, ValueError):
        raise BundleFault(f"{where} 不是数值：{value!r}") from None
    if not d.is_finite():
        raise BundleFault(f"{where} 不是有限数值")
    return d


def _jsonl(name: str, data: bytes) -> list[dict]:
    out = []
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        raise BundleFault(f"{name} 不是 UTF-8 文本") from None
    for n, line in enumerate(text.splitlines(), 1):
        if line.strip():
            try:
                rec = json.loads(line)
            except ValueError:
                raise BundleFault(f"{name} 第 {n} 行不是 JSON") from None
            if not isinstance(rec, dict):
                raise BundleFault(f"{name} 第 {n} 行不是对象")
            out.append(rec)
    return out


def score_answers(papers: dict[str, dict[str, tuple[frozenset, Decimal]]], rec: dict, line: int) -> Decimal:
    where = f"{THEORY_ANSWERS} 第 {line} 行"
    paper = papers.get(rec.get("paper_id"))
    if paper is None:
        raise BundleFault(f"{where} 引用的试卷 {rec.get('paper_id')!r} 不在 {THEORY_PAPERS} 中")
    total = Decimal(0)
    seen = set()
    for a in rec.get("answers", []):
        qid = a.get("qid")
        if qid not in paper:
            raise BundleFault(f"{where} 题目 {qid!r} 不在试卷 {rec['paper_id']} 中")
        if qid in seen:
            raise BundleFault(f"{where} 题目 {qid!r} 重复作答记录")
        seen.add(qid)
        correct, points = paper[qid]
        if frozenset(map(str, a.get("chosen") or [])) == correct:
            total += points
    return total


def recompute_theory(papers_data: bytes, answers_data: bytes, results_data: bytes) -> tuple[int, str | None]:
    """Recompute every candidate's theory score and compare with results.json.
    Returns (candidates checked, first fault or None)."""
    papers: dict[str, dict[str, tuple[frozenset, Decimal]]] = {}
    for n, p in enumerate(_jsonl(THEORY_PAPERS, papers_data), 1):
        qs = {}
        for q in p.get("questions", []):
            qs[str(q["qid"])] = (frozenset(map(str, q.get("answer") or [])),
                                 decimal_of(q.get("points"), f"{THEORY_PAPERS} 第 {n} 行 {q.get('qid')} 分值"))
        papers[str(p.get("paper_id"))] = qs
    try:
        results = json.loads(results_data.decode("utf-8"))
        rows = results["candidates"]
    except (ValueError, KeyError, TypeError):
        raise BundleFault(f"{RESULTS_JSON} 格式错误") from None
    reported: dict[str, object] = {}
    for r in rows:
        reported[str(r.get("ticket_no"))] = r.get("theory")
    checked = 0
    answered = set()
    for n, rec in enumerate(_jsonl(THEORY_ANSWERS, answers_data), 1):
        ticket = str(rec.get("ticket_no"))
        if ticket in answered:
            return checked, f"理论复算：考生 {ticket} 在 {THEORY_ANSWERS} 中出现两次"
        answered.add(ticket)
        score = score_answers(papers, rec, n)
        if ticket not in reported or reported[ticket] is None:
            return checked, f"理论复算：考生 {ticket} 有作答记录，但成绩表中没有理论成绩"
        stated = decimal_of(reported[ticket], f"{RESULTS_JSON} 考生 {ticket} 理论成绩")
        if stated != score:
            return checked, f"理论复算不符：考生 {ticket} 成绩表为 {stated}，按作答与试卷复算为 {score}"
        checked += 1
    for ticket, value in reported.items():
        if value is not None and ticket not in answered:
            return checked, f"理论复算：考生 {ticket} 有理论成绩 {value}，但没有作答记录"
    return checked, None
