"""The sealed export bundle for the provincial system, its signatures and its history (issue 9).

``data/`` is filled by *providers*: ``register_provider(name, fn)`` where
``fn(ctx, plan_no, folder) -> list[str]`` writes files under ``folder`` (the bag's
``data/`` directory) and returns their paths relative to it.  The exporter checks that
what a provider returns is exactly what it wrote, so nothing slips into the bag unlisted.

Built-in providers (what exists today):

    batch        batch/batch.json                 the plan, rooms, pass marks
    candidates   candidates/candidates.json       the roster without photos
    photos       candidates/photos/<ticket>.jpg   optional (``include_photos=True``)
    staff        staff/assignments.json           who held which role in the batch
    journal      journal/journal.jsonl, journal/checkpoints.jsonl, journal/journal-checkpoints.log
    keys         keys/public-keys.txt             the site's and staff's public keys (trust-file format)
    build        build/build.json                 app version and build hash

Provider slots (filled by ``app.services.bundle_providers``; layouts in docs/export-bundle.md —
the lines below are the original plan, kept for the verifier's theory layout):

    results      results/results.json (+ results/official.xlsx)              issue 8
                 results.json: {"plan_no", "candidates": [{"ticket_no", "theory", ...}]}
    theory       theory/papers.jsonl, theory/answers.jsonl (with paper seeds) issue 4
                 the verifier recomputes theory scores from these and compares with results.json
    practical    practical/sheets.jsonl (+ each grader's signature)          issue 6
    misconduct   misconduct/records.jsonl                                    issue 8
    supervision  supervision/report.json (+ .pdf)                            issue 8
    camera       camera/segments.jsonl: file, start, end, bytes, sha256, sm3  issue 7
                 (video itself goes in a separate, optional media bag)
"""

from __future__ import annotations

import base64
import datetime as _dt
import functools
import hashlib
import json
import os
import shutil
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from sqlalchemy import func, select

from app import __version__, paths
from app.core import bundle as layout
from app.core import envelope
from app.core import passwords
from app.core.errors import Conflict, DomainError, NotFound, PermissionDenied
from app.core import staff_keys
from app.core.journal import key_id as make_key_id
from app.formats import bundle as writer
from app.formats.staging import SealedStaging
from app.services.profile import site_profile
from app.services.base import Service, ServiceContext, find_batch, requires
from app.store import models
from app.store.bundle_tables import ExportRecord, StaffKey

Provider = Callable[[ServiceContext, str, Path], list[str]]


@dataclass(frozen=True)
class _Registered:
    fn: Provider
    optional: bool


PROVIDERS: dict[str, _Registered] = {}
SLOTS = ("results", "theory", "practical", "misconduct", "supervision", "camera")
STATUSES = ("made", "verified", "copied", "acknowledged")
STATUS_NAMES = {"building": "生成中", "made": "已生成", "verified": "已校验", "copied": "已拷贝",
                "acknowledged": "省级已确认", "failed": "失败", "superseded": "已被更正包取代"}


def register_provider(name: str, fn: Provider, optional: bool = False) -> None:
    """Add (or replace) a provider.  Optional providers run only when asked for by name."""
    PROVIDERS[name] = _Registered(fn, optional)


def unregister_provider(name: str) -> None:
    PROVIDERS.pop(name, None)


# -- built-in providers ----------------------------------------------------------------
_write_json = writer.write_json


def provide_batch(ctx: ServiceContext, plan_no: str, folder: Path) -> list[str]:
    with ctx.reading() as s:
        b = find_batch(s, plan_no)
        inst = s.get(models.Setting, "institution")
        value = {"plan_no": b.plan_no, "occupation_code": b.occupation_code, "occupation_name": b.occupation_name,
                 "work_type": b.work_type, "level": b.level, "exam_start": b.exam_start.isoformat(),
                 "exam_end": b.exam_end.isoformat(), "rooms": [r.name for r in b.rooms],
                 "pass_marks": dict(b.pass_marks), "site_id": ctx.store.site_id,
                 "institution": inst.value if inst else None,
                 "profile": site_profile(s).to_dict()}   # the province rules the site followed
    return [_write_json(folder, layout.BATCH_INFO, value)]


def provide_candidates(ctx: ServiceContext, plan_no: str, folder: Path) -> list[str]:
    with ctx.reading() as s:
        b = find_batch(s, plan_no)
        rows = s.execute(select(models.Candidate.ticket_no, models.Candidate.name, models.Candidate.sex,
                                models.Candidate.id_type, models.Candidate.id_no, models.Candidate.unit,
                                models.Candidate.room, models.Candidate.seat,
                                models.Candidate.photo.is_not(None))
                         .where(models.Candidate.batch_id == b.id).order_by(models.Candidate.ticket_no)).all()
    keys = ("ticket_no", "name", "sex", "id_type", "id_no", "unit", "room", "seat", "has_photo")
    return [_write_json(folder, "candidates/candidates.json",
                        {"plan_no": plan_no, "candidates": [dict(zip(keys, r)) for r in rows]})]


def provide_photos(ctx: ServiceContext, plan_no: str, folder: Path) -> list[str]:
    out = []
    with ctx.reading() as s:
        b = find_batch(s, plan_no)
        for ticket, photo in s.execute(select(models.Candidate.ticket_no, models.Candidate.photo)
                                       .where(models.Candidate.batch_id == b.id, models.Candidate.photo.is_not(None))
                                       .order_by(models.Candidate.ticket_no)):
            rel = f"candidates/photos/{ticket}.jpg"
            (folder / rel).parent.mkdir(parents=True, exist_ok=True)
            (folder / rel).write_bytes(photo)
            out.append(rel)
    return out


def provide_staff(ctx: ServiceContext, plan_no: str, folder: Path) -> list[str]:
    with ctx.reading() as s:
        b = find_batch(s, plan_no)
        rows = s.execute(select(models.Staff.username, models.Staff.name, models.Staff.unit, models.Staff.card_no,
                                models.BatchAssignment.role)
                         .join(models.BatchAssignment, models.BatchAssignment.staff_id == models.Staff.id)
                         .where(models.BatchAssignment.batch_id == b.id)
                         .order_by(models.BatchAssignment.role, models.Staff.username)).all()
    keys = ("username", "name", "unit", "card_no", "role")
    return [_write_json(folder, "staff/assignments.json",
                        {"plan_no": plan_no, "assignments": [dict(zip(keys, r)) for r in rows]})]


def provide_journal(ctx: ServiceContext, plan_no: str, folder: Path) -> list[str]:
    """The whole journal up to its last signed checkpoint (the exporter signs one first),
    its checkpoints and the side file of anchors, all from one read snapshot."""
    (folder / "journal").mkdir(parents=True, exist_ok=True)
    with ctx.reading() as s:
        cps = list(s.scalars(select(models.JournalCheckpoint).order_by(models.JournalCheckpoint.seq)))
        upto = cps[-1].seq if cps else 0
        J = models.JournalEntry
        rows = s.execute(select(J.seq, J.ts, J.actor, J.role, J.machine, J.action, J.subject, J.prev_hash, J.hash,
                                J.payload).where(J.seq <= upto).order_by(J.seq)).all()
        keys = ("seq", "ts", "actor", "role", "machine", "action", "subject", "prev_hash", "hash")
        with open(folder / layout.JOURNAL_ENTRIES, "w", encoding="utf-8") as fh:
            dumps = json.JSONEncoder(ensure_ascii=False).encode
            for row in rows:
                # The payload is stored as canonical JSON text: embedded as it is, not re-encoded.
                head = dumps(dict(zip(keys, row[:9])))
                fh.write(f'{head[:-1]},"payload":{row[9]}}}\n')
    with open(folder / layout.JOURNAL_CHECKPOINTS, "w", encoding="utf-8") as fh:
        for c in cps:
            fh.write(json.dumps({"seq": c.seq, "hash": c.entry_hash, "ts": c.ts, "key_id": c.key_id,
                                 "sig": base64.b64encode(c.signature).decode()}, sort_keys=True) + "\n")
    out = [layout.JOURNAL_ENTRIES, layout.JOURNAL_CHECKPOINTS]
    anchor = ctx.store.journal.anchor_path
    if anchor.exists():
        lines = [ln for ln in anchor.read_text(encoding="utf-8").splitlines()
                 if ln.strip() and json.loads(ln)["seq"] <= upto]
        (folder / layout.JOURNAL_ANCHORS).write_text("".join(ln + "\n" for ln in lines), encoding="utf-8")
        out.append(layout.JOURNAL_ANCHORS)
    return out


def provide_keys(ctx: ServiceContext, plan_no: str, folder: Path) -> list[str]:
    rel = "keys/public-keys.txt"
    (folder / rel).parent.mkdir(parents=True, exist_ok=True)
    (folder / rel).write_text(layout.trust_text(trust_of(ctx.store)), encoding="utf-8")
    return [rel]


@functools.lru_cache(maxsize=1)
def build_hash() -> tuple[str, str]:
    """(kind, sha256): the frozen executable, or every app/ source file by path and content."""
    if getattr(sys, "frozen", False):
        return "frozen", writer.file_sha256(Path(sys.executable))
    h = hashlib.sha256()
    root = paths.root()
    for p in sorted((root / "app").rglob("*.py")):
        rel = p.relative_to(root).as_posix()
        h.update(rel.encode() + b"\0" + hashlib.sha256(p.read_bytes()).hexdigest().encode() + b"\n")
    return "source", h.hexdigest()


def provide_build(ctx: ServiceContext, plan_no: str, folder: Path) -> list[str]:
    kind, digest = build_hash()
    return [_write_json(folder, layout.BUILD_INFO, {"app": "ExamSite", "version": __version__, "build_kind": kind,
                                                    "build_sha256": digest, "python": sys.version.split()[0]})]


for _name, _fn in (("batch", provide_batch), ("candidates", provide_candidates), ("staff", provide_staff),
                   ("journal", provide_journal), ("keys", provide_keys), ("build", provide_build)):
    register_provider(_name, _fn)
register_provider("photos", provide_photos, optional=True)

# The slots of the other features (results, theory, practical, misconduct, supervision, camera).
from app.services.bundle_providers import SLOT_PROVIDERS  # noqa: E402

for _name, _fn in SLOT_PROVIDERS:
    register_provider(_name, _fn)


# -- public keys ----------------------------------------------------------------------
def trust_of(store) -> layout.TrustFile:
    """The site's and every person's public keys (active or retired): public material only."""
    with store.read() as s:
        inst = s.get(models.Setting, "institution")
        staff_keys = s.execute(select(StaffKey.role, StaffKey.key_id, StaffKey.public_key, models.Staff.username)
                               .join(models.Staff, models.Staff.id == StaffKey.staff_id).order_by(StaffKey.id)).all()
    keys = [layout.TrustedKey("site", kid, raw, store.site_id) for kid, raw in store.journal.public_keys().items()]
    keys += [layout.TrustedKey(role, kid, raw, user) for role, kid, raw, user in staff_keys]
    name = (inst.value.get("name", "") if inst else "").replace("\n", " ")
    return layout.TrustFile(store.site_id, name, tuple(keys))


def public_key_text(handle) -> str:
    """``examsite keys public``: the trust file of an open site (no secret is read)."""
    return layout.trust_text(trust_of(handle.store))


# -- personal signing keys ------------------------------------------------------------
def _kek(password: str, kdf: dict) -> bytes:
    return staff_keys.kek(password, kdf)


def _aad(site_id: str, username: str, role: str, kid: str) -> bytes:
    return staff_keys.aad(site_id, username, role, kid)


def reauthenticate(ctx: ServiceContext, password: str) -> None:
    """Signing needs the person's password again; a wrong one is journaled and refused."""
    actor = ctx.actor
    with ctx.reading() as s:
        staff = s.get(models.Staff, actor.staff_id) if actor.staff_id else None
        ok = (staff is not None and staff.active and staff.username == actor.username
              and passwords.check_password(password or "", staff.password_hash))
    if not ok:
        with ctx.unit_of_work() as uow:
            uow.journal("auth.reauth_failed", actor.username, {"purpose": "sign"})
        raise PermissionDenied("密码错误：签名前须重新验证身份")


@dataclass(frozen=True)
class _SignerKeys:
    """The acting person's signing key, opened (or made) with their password *before* the
    write transaction: Argon2 is slow on purpose and the transaction holds the write lock."""
    row_id: int | None          # the active key's row as read then (None: there was none)
    private: bytes | None       # its private key, if the password opened it
    fresh: tuple | None         # (kid, raw_pub, sealed, kdf, raw_priv): a new key, if one is needed


def _fresh_key(ctx: ServiceContext, password: str, username: str, role: str) -> tuple:
    return staff_keys.new_sealed(password, ctx.store.site.kdf, ctx.store.site_id, username, role, make_key_id)


def _open_key(row, password: str, site_id: str, username: str, role: str) -> bytes | None:
    try:
        return AESGCM(_kek(password, row.kdf)).decrypt(row.sealed_private[:12], row.sealed_private[12:],
                                                       _aad(site_id, username, role, row.key_id))
    except InvalidTag:
        return None


def _active_key(s, staff_id: int, role: str):
    return s.scalars(select(StaffKey).where(StaffKey.staff_id == staff_id, StaffKey.role == role,
                                            StaffKey.active.is_(True)).order_by(StaffKey.id.desc())).first()


def _prepare_signer(ctx: ServiceContext, password: str) -> _SignerKeys:
    """Read the active key (no write lock), open it with the password, or make the new one."""
    role, site_id = ctx.actor.role_value, ctx.store.site_id
    with ctx.reading() as s:
        staff = s.get(models.Staff, ctx.actor.staff_id)
        row = _active_key(s, staff.id, role)
        username = staff.username
        private = _open_key(row, password, site_id, username, role) if row is not None else None
        row_id = row.id if row is not None else None
    fresh = _fresh_key(ctx, password, username, role) if private is None else None
    return _SignerKeys(row_id, private, fresh)


def _staff_signer(ctx: ServiceContext, uow, password: str,
                  prepared: _SignerKeys | None = None) -> tuple[str, Callable[[bytes], bytes]]:
    """Return (key_id, sign) for the acting person's key in their current role, making the
    key on first use.  Written in the caller's transaction.  With ``prepared`` (made before
    the transaction) nothing is derived here unless the key changed in between."""
    s = uow.session
    staff = s.get(models.Staff, ctx.actor.staff_id)
    role = ctx.actor.role_value
    site_id = ctx.store.site_id
    row = _active_key(s, staff.id, role)
    if prepared is None or prepared.row_id != (row.id if row is not None else None):
        prepared = None  # the key changed since it was read: open it here
    if row is not None:
        raw = prepared.private if prepared is not None else _open_key(row, password, site_id, staff.username, role)
        if raw is not None:
            return row.key_id, Ed25519PrivateKey.from_private_bytes(raw).sign
        # The password was reset since the key was made: retire it, make a new one.
        row.active = False
        uow.journal("staff_key.retire", staff.username, {"role": role, "key_id": row.key_id,
                                                         "reason": "password_changed"})
    fresh = prepared.fresh if prepared is not None and prepared.fresh is not None \
        else _fresh_key(ctx, password, staff.username, role)
    kid, raw_pub, sealed, kdf, raw_priv = fresh
    s.add(StaffKey(staff_id=staff.id, role=role, key_id=kid, public_key=raw_pub, sealed_private=sealed, kdf=kdf,
                   created_at=ctx.now(), active=True))
    uow.journal("staff_key.create", staff.username, {"role": role, "key_id": kid,
                                                     "public_key": base64.b64encode(raw_pub).decode()})
    return kid, Ed25519PrivateKey.from_private_bytes(raw_priv).sign


# -- the service ----------------------------------------------------------------------
@dataclass(frozen=True)
class ExportView:
    seq: int
    plan_no: str
    external_id: str
    path: str
    tagmanifest_sha256: str
    file_sha256: str
    size: int
    status: str
    supersedes_seq: int | None
    superseded_by: int | None
    signers: tuple[str, ...]
    created_by: str
    created_at: _dt.datetime
    copied_to: str
    note: str

    @property
    def file_name(self) -> str:
        return Path(self.path).name

    @property
    def status_name(self) -> str:
        return STATUS_NAMES.get(self.status, self.status)


def _view(r: ExportRecord) -> ExportView:
    return ExportView(r.seq, r.plan_no, r.external_id, r.path, r.tagmanifest_sha256, r.file_sha256, r.size,
                      r.status, r.supersedes_seq, r.superseded_by, tuple(r.signers), r.created_by, r.created_at,
                      r.copied_to, r.note)


class ExportService(Service):
    @requires("export.view")
    def batches(self) -> list[str]:
        with self.ctx.reading() as s:
            return list(s.scalars(select(models.Batch.plan_no).order_by(models.Batch.exam_start)))

    def _only_batch(self, plan_no: str | None) -> str:
        plans = self.batches()
        if plan_no:
            if plan_no not in plans:
                raise NotFound(f"认定计划「{plan_no}」不存在")
            return plan_no
        if len(plans) == 1:
            return plans[0]
        if not plans:
            raise DomainError("站点中没有认定批次，无可导出")
        raise DomainError(f"站点中有 {len(plans)} 个认定批次，请用 --batch 指定其一：{'、'.join(plans)}")

    @requires("export.make")
    def make(self, out: Path | str, password: str, plan_no: str | None = None, *, include_photos: bool = False,
             supersedes: int | None = None, reason: str = "", optional: tuple[str, ...] = (),
             progress: Callable[[str], None] | None = None) -> ExportView:
        """Export one batch as a sealed bundle signed by the site and by the administrator.
        ``supersedes`` names the earlier export this correction replaces (a reason is required)."""
        out = Path(out)
        plan_no = self._only_batch(plan_no)
        say = progress or (lambda _msg: None)
        if supersedes is not None and not reason.strip():
            raise DomainError("更正包须写明更正原因")
        with self.ctx.reading() as s:   # supervision report signed, no veto pending, inside the filed scope
            from app.services.gates import export_problems
            problems = export_problems(s, find_batch(s, plan_no))
        if problems:
            raise Conflict("；".join(problems))
        reauthenticate(self.ctx, password)
        prepared = _prepare_signer(self.ctx, password)
        with self.ctx.unit_of_work() as uow:
            s = uow.session
            if supersedes is not None:
                old = s.scalars(select(ExportRecord).where(ExportRecord.seq == supersedes)).first()
                if old is None or old.plan_no != plan_no:
                    raise NotFound(f"第 {supersedes} 号上报包不存在或不属于认定计划 {plan_no}")
                if old.superseded_by is not None:
                    raise Conflict(f"第 {supersedes} 号上报包已被第 {old.superseded_by} 号取代")
                if old.status in ("building", "failed"):
                    raise Conflict(f"第 {supersedes} 号上报包未生成成功，不能被更正")
            seq = (s.scalar(select(func.max(ExportRecord.seq))) or 0) + 1
            kid, sign = _staff_signer(self.ctx, uow, password, prepared)
            external_id = f"{self.ctx.store.site_id}/{plan_no}/{seq}"
            s.add(ExportRecord(seq=seq, plan_no=plan_no, external_id=external_id, path=str(out.resolve()),
                               status="building", supersedes_seq=supersedes, reason=reason.strip(), signers=[],
                               created_by=self.ctx.actor.username, created_at=self.ctx.now()))
            uow.journal("export.begin", plan_no, {"seq": seq, "supersedes": supersedes, "reason": reason.strip(),
                                                  "photos": include_photos})
            supersedes_text = ""
            if supersedes is not None:
                supersedes_text = f"{old.external_id} sha256:{old.tagmanifest_sha256}"
            inst = s.get(models.Setting, "institution")
        names = [n for n, p in PROVIDERS.items() if not p.optional or n in optional
                 or (n == "photos" and include_photos)]
        try:
            # Sign the journal up to and including export.begin, so the bundle's journal is whole.
            self.ctx.store.journal.checkpoint_if_behind()
            # Staged in the site folder, each provider's files sealed with the site file key as
            # soon as it returns (app.formats.staging): a killed export leaves nothing readable.
            bag_name = f"examsite-{plan_no}-{seq:04d}"
            with SealedStaging(self.ctx.store.site_dir, f"export-{seq:04d}", self.ctx.store.keys.file_key) as staging:
                data = staging.work
                for name in names:
                    say(f"收集：{name}")
                    self._run_provider(name, plan_no, data)
                    staging.seal()
                now = self.ctx.now()
                info = [("Source-Organization", (inst.value.get("name", "") if inst else "").replace("\n", " ")),
                        ("External-Identifier", external_id),
                        ("Bagging-Date", now.date().isoformat()),
                        ("Bag-Software-Agent", f"ExamSite {__version__}"),
                        ("ExamSite-Site", self.ctx.store.site_id),
                        ("ExamSite-Batch", plan_no),
                        ("ExamSite-Export-Seq", str(seq)),
                        ("ExamSite-Exported-At", now.isoformat(timespec="seconds")),
                        ("ExamSite-Exported-By", self.ctx.actor.username),
                        ("ExamSite-Supersedes", supersedes_text or "none")]
                if reason.strip():
                    info.append(("ExamSite-Correction-Reason", " ".join(reason.split())))
                say("计算 SHA-256 / SM3 并签名")
                signers = [("site", self.ctx.store.journal.key_id, self.ctx.store.site_id, self.ctx.store.journal.sign),
                           (self.ctx.actor.role_value, kid, self.ctx.actor.username, sign)]
                built, tags = writer.build_sealed_bag(staging, bag_name, info, signers)
                say("写出 zip")
                out.parent.mkdir(parents=True, exist_ok=True)
                digest = writer.zip_sealed_bag(staging, bag_name, tags, out)
        except BaseException:
            out.with_name(out.name + ".part").unlink(missing_ok=True)
            with self.ctx.unit_of_work() as uow:
                rec = uow.session.scalars(select(ExportRecord).where(ExportRecord.seq == seq)).one()
                rec.status = "failed"
                uow.journal("export.failed", plan_no, {"seq": seq})
            raise
        with self.ctx.unit_of_work() as uow:
            s = uow.session
            rec = s.scalars(select(ExportRecord).where(ExportRecord.seq == seq)).one()
            rec.status, rec.tagmanifest_sha256, rec.file_sha256 = "made", built.tagmanifest_sha256, digest
            rec.size, rec.signers = out.stat().st_size, ["site", self.ctx.actor.role_value]
            if supersedes is not None:
                old = s.scalars(select(ExportRecord).where(ExportRecord.seq == supersedes)).one()
                old.superseded_by = seq
            uow.journal("export.made", plan_no, {"seq": seq, "file": out.name, "file_sha256": digest,
                                                 "tagmanifest_sha256": built.tagmanifest_sha256, "files": built.files,
                                                 "payload_bytes": built.payload_bytes, "supersedes": supersedes})
            return _view(rec)

    def _run_provider(self, name: str, plan_no: str, data: Path) -> None:
        before = set(writer.payload_files(data))
        returned = PROVIDERS[name].fn(self.ctx, plan_no, data)
        written = set(writer.payload_files(data)) - before
        claimed = {"data/" + Path(p).as_posix() for p in returned}
        if claimed != written:
            raise DomainError(f"数据提供者「{name}」写出的文件与其声明不符："
                              f"{sorted(claimed ^ written)[:3]}")

    def _record(self, s, seq: int) -> ExportRecord:
        rec = s.scalars(select(ExportRecord).where(ExportRecord.seq == seq)).first()
        if rec is None:
            raise NotFound(f"第 {seq} 号上报包不存在")
        return rec

    def _check_file(self, rec: ExportRecord, path: Path) -> None:
        if not path.exists():
            raise NotFound(f"找不到文件 {path}")
        top, signed = writer.read_signed_file(path)
        if hashlib.sha256(signed).hexdigest() != rec.tagmanifest_sha256:
            raise DomainError(f"{path.name} 不是第 {rec.seq} 号上报包（内容摘要不符）")

    @requires("export.countersign")
    def countersign(self, seq: int, path: Path | str, password: str) -> ExportView:
        """The internal supervisor checks the bundle against this site and adds their signature."""
        path = Path(path)
        with self.ctx.reading() as s:
            rec = self._record(s, seq)
            assigned = s.scalar(select(func.count()).select_from(models.BatchAssignment)
                                .join(models.Batch, models.Batch.id == models.BatchAssignment.batch_id)
                                .where(models.Batch.plan_no == rec.plan_no,
                                       models.BatchAssignment.staff_id == self.ctx.actor.staff_id,
                                       models.BatchAssignment.role == "internal_supervisor"))
            if assigned:   # an assigned 内督 who also grades or proctors the batch may not countersign either
                from app.services.gates import check_internal_reviewer
                check_internal_reviewer(s, find_batch(s, rec.plan_no), self.ctx.actor.staff_id, self.ctx.actor.name)
        if not assigned:
            raise PermissionDenied(f"您未被指定为认定计划 {rec.plan_no} 的内部质量督导员，不能会签")
        if "internal_supervisor" in rec.signers:
            raise Conflict(f"第 {seq} 号上报包已会签")
        self._check_file(rec, path)
        report = self._verify_against_site(path, allow_missing=("internal_supervisor",))
        if not report.ok:
            raise DomainError(f"上报包未通过校验，不能会签：{report.fault}")
        reauthenticate(self.ctx, password)
        prepared = _prepare_signer(self.ctx, password)
        with self.ctx.unit_of_work() as uow:
            kid, sign = _staff_signer(self.ctx, uow, password, prepared)
            _, signed = writer.read_signed_file(path)
            record = layout.SignatureRecord(role="internal_supervisor", key_id=kid, signer=self.ctx.actor.username,
                                            signature=sign(signed))
            digest = writer.add_signature(path, record)
            rec = self._record(uow.session, seq)
            rec.signers = list(rec.signers) + ["internal_supervisor"]
            rec.file_sha256, rec.size = digest, path.stat().st_size
            uow.journal("export.countersign", rec.plan_no, {"seq": seq, "key_id": kid, "file_sha256": digest})
            return _view(rec)

    def _verify_against_site(self, path: Path, allow_missing: tuple[str, ...] = ()):
        from app import verifier

        required = tuple(r for r in layout.REQUIRED_SIGNERS if r not in allow_missing)
        return verifier.verify_file(path, trust_of(self.ctx.store), required=required)

    @requires("export.view")
    def verify(self, seq: int, path: Path | str):
        """Run the offline verifier against this site's own keys; a pass moves 'made' to 'verified'."""
        path = Path(path)
        with self.ctx.reading() as s:
            rec = self._record(s, seq)
        self._check_file(rec, path)
        report = self._verify_against_site(path)
        with self.ctx.unit_of_work() as uow:
            rec = self._record(uow.session, seq)
            if report.ok and rec.status == "made":
                rec.status = "verified"
                from app.services.camera import export_verified; export_verified(uow, rec.plan_no, rec.file_sha256 or "", self.ctx.now())  # noqa: E702 -- WIRING (camera retention): the one hook line
            uow.journal("export.verify", rec.plan_no, {"seq": seq, "ok": report.ok, "fault": report.fault,
                                                       "file_sha256": writer.file_sha256(path)})
        return report

    @requires("export.make")
    def copy_to(self, seq: int, path: Path | str, dest_dir: Path | str,
                encrypt_for: bytes | None = None) -> ExportView:
        """Copy a verified bundle to removable media and read it back before calling it copied.
        With ``encrypt_for`` (raw X25519 public key of the provincial centre) the copy is the
        encrypted envelope ``<name>.enc`` (format in ``app.core.envelope``)."""
        path, dest_dir = Path(path), Path(dest_dir)
        with self.ctx.reading() as s:
            rec = self._record(s, seq)
        if rec.status not in ("verified", "copied", "acknowledged"):
            raise DomainError(f"第 {seq} 号上报包尚未校验通过，不能拷贝上报")
        self._check_file(rec, path)
        if not dest_dir.is_dir():
            raise NotFound(f"目标文件夹不存在：{dest_dir}")
        target = dest_dir / (path.name + (".enc" if encrypt_for is not None else ""))
        tmp = target.with_name(target.name + ".part")
        if encrypt_for is None:
            shutil.copyfile(path, tmp)
            expected = writer.file_sha256(path)
        else:
            blob = envelope.seal(path.read_bytes(), encrypt_for)
            tmp.write_bytes(blob)
            expected = hashlib.sha256(blob).hexdigest()
        with open(tmp, "rb+") as fh:
            os.fsync(fh.fileno())
        os.replace(tmp, target)
        copied = writer.file_sha256(target)
        if copied != expected:
            raise DomainError(f"拷贝后读回校验不符：{target}")
        with self.ctx.unit_of_work() as uow:
            rec = self._record(uow.session, seq)
            if rec.status == "verified":
                rec.status = "copied"
            rec.copied_to = str(target)
            uow.journal("export.copy", rec.plan_no, {"seq": seq, "to": str(target), "file_sha256": copied,
                                                     "encrypted": encrypt_for is not None})
            return _view(rec)

    @requires("export.make")
    def acknowledge(self, seq: int, note: str) -> ExportView:
        """Record that the provincial centre acknowledged the bundle (receipt number, date...)."""
        if not note.strip():
            raise DomainError("请填写省级平台回执（如回执编号、日期）")
        with self.ctx.unit_of_work() as uow:
            rec = self._record(uow.session, seq)
            if rec.status not in ("copied", "acknowledged"):
                raise DomainError(f"第 {seq} 号上报包尚未拷贝上报，不能登记省级确认")
            rec.status, rec.note = "acknowledged", note.strip()
            uow.journal("export.acknowledge", rec.plan_no, {"seq": seq, "note": note.strip()})
            return _view(rec)

    @requires("export.view")
    def history(self, plan_no: str | None = None) -> list[ExportView]:
        with self.ctx.reading() as s:
            q = select(ExportRecord).order_by(ExportRecord.seq.desc())
            if plan_no:
                q = q.where(ExportRecord.plan_no == plan_no)
            return [_view(r) for r in s.scalars(q)]

    @requires("export.view")
    def public_keys(self) -> str:
        return layout.trust_text(trust_of(self.ctx.store))
