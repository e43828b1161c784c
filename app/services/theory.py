"""The question bank, the paper blueprint, sealing the papers and the two-person unlock.

双人双锁 (dual control), as done here: sealing assembles the batch's papers and
encrypts them (AES-256-GCM) with a fresh random paper key K.  K is never stored while
sealed: it is split into two XOR shares, and each share is wrapped (AES-GCM) with a
key derived by Argon2id from one custodian's password.  The two custodians are two
different staff members who both authenticate at sealing.  Unlocking needs both of
them again, inside the batch's exam window: each password unwraps one share, and only
both shares give K.  Neither custodian alone, nor the administrator, can open the
papers, and both names are journaled with the unlock.  Re-locking after the exam
forgets K again.
"""

from __future__ import annotations

import base64
import datetime as _dt
import hashlib
import hmac
import json
import os
import secrets
import dataclasses
from dataclasses import dataclass
from pathlib import Path

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.argon2 import Argon2id
from sqlalchemy import func, insert, select

from app.core import codes
from app.core.sitetime import site_date
from app.core.errors import CellError, Conflict, DomainError, ImportRejected, NotFound, PermissionDenied
from app.core.exam import assembly
from app.core.exam.blueprint import Blueprint
from app.core.exam.questions import QTYPE_NAMES, Question, QType
from app.core.roles import Role
from app.formats import bank_xlsx, qti
from app.services.paper_key import queue_paper_key
from app.services.base import PasswordCheck, Service, check_password_early, find_batch, requires
from app.store import models
from app.store import theory_tables as tt

MIN_BANK_SIZE = 600
CUSTODIAN_ROLES = {Role.ADMIN.value, Role.STAFF.value, Role.ROOM_HEAD.value}


@dataclass(frozen=True)
class BankImportResult:
    occupation_code: str
    level: int
    imported: int
    bank_size: int
    warning: str


@dataclass(frozen=True)
class BankSummary:
    occupation_code: str
    level: int
    size: int
    by_type: dict[str, int]
    by_difficulty: dict[int, int]
    by_kp: dict[str, int]


@dataclass(frozen=True)
class SealStatus:
    plan_no: str
    sealed: bool
    sealed_at: _dt.datetime | None
    custodians: tuple[str, ...]
    unlocked: bool
    unlocked_at: _dt.datetime | None
    unlocked_by: tuple[str, ...]
    question_count: int
    content_sha256: str
    key_sent_to: tuple[str, ...] = ()  # terminals the paper key was sent to by this unlock


@dataclass(frozen=True)
class AnswerKey:
    """A batch's unlocked papers with every question's answer (``PaperService.answer_key``)."""

    plan_no: str
    blueprint: Blueprint
    questions: dict[str, Question]  # code -> question, its answer included


def load_bank(session, occupation_code: str, level: int) -> list[Question]:
    rows = session.scalars(select(tt.Question.content).where(tt.Question.occupation_code == occupation_code,
                                                             tt.Question.level == level))
    return [Question.from_dict(c) for c in rows]


def _aad(site_id: str, plan_no: str, what: str) -> bytes:
    return f"examsite|{site_id}|{plan_no}|{what}".encode()


def paper_site_id(store) -> str:
    """The site the papers were sealed at (a terminal store names it in ``terminal_of``)."""
    with store.read() as s:
        row = s.get(models.Setting, "terminal_of")
    return row.value["site_id"] if row is not None else store.site_id


def _wrap_key(password: str, salt: bytes, kdf: dict) -> bytes:
    return Argon2id(salt=salt, length=32, iterations=kdf["t"], lanes=kdf["p"],
                    memory_cost=kdf["m"]).derive(password.encode("utf-8"))


def _xor(a: bytes, b: bytes) -> bytes:
    return bytes(x ^ y for x, y in zip(a, b))


def open_package(store, plan_no: str, seal: tt.PaperSeal) -> dict:
    """The decrypted paper package of an unlocked batch (services only; never shown on admin screens)."""
    if seal.paper_key is None:
        raise PermissionDenied("试卷尚未由两名保管人共同解封")
    data = AESGCM(seal.paper_key).decrypt(seal.sealed[:12], seal.sealed[12:],
                                          _aad(paper_site_id(store), plan_no, "paper"))
    return json.loads(data)


class BankService(Service):
    def _store_bank(self, questions: list[Question], images: dict[str, bytes], occupation_code: str, level: int,
                    source: str, sha: str, sheet: str) -> BankImportResult:
        if not occupation_code.strip() or not 1 <= int(level) <= 5:
            raise DomainError("请指定职业（工种）代码和等级（1～5）")
        with self.ctx.unit_of_work() as uow:
            s = uow.session
            existing = set(s.scalars(select(tt.Question.code).where(tt.Question.occupation_code == occupation_code,
                                                                    tt.Question.level == level)))
            clash = [CellError(sheet, i + 2 if sheet == bank_xlsx.SHEET else 0, "试题编号",
                               f"试题编号「{q.code}」已在题库中")
                     for i, q in enumerate(questions) if q.code in existing]
            if clash:
                raise ImportRejected(clash)
            imp = tt.BankImport(occupation_code=occupation_code, level=level, source=source[:200], sha256=sha,
                                count=len(questions), imported_at=self.ctx.now())
            s.add(imp)
            s.flush()
            s.execute(insert(tt.Question), [
                {"occupation_code": occupation_code, "level": level, "code": q.code, "qtype": q.qtype.value,
                 "kp_code": q.kp_code, "difficulty": q.difficulty, "points": str(q.points), "content": q.to_dict(),
                 "import_id": imp.id} for q in questions])
            for name, data in images.items():
                row = s.scalars(select(tt.BankImage).where(tt.BankImage.occupation_code == occupation_code,
                                                           tt.BankImage.level == level,
                                                           tt.BankImage.name == name)).first()
                if row is None:
                    s.add(tt.BankImage(occupation_code=occupation_code, level=level, name=name, data=data))
                else:
                    row.data = data
            size = len(existing) + len(questions)
            warning = (f"职业（工种）{occupation_code} {codes.level_label(level)}题库现有 {size} 题，少于规定的 {MIN_BANK_SIZE} 题"
                       if size < MIN_BANK_SIZE else "")
            uow.journal("bank.import", f"{occupation_code}/{level}",
                        {"source": Path(source).name, "sha256": sha, "count": len(questions), "bank_size": size,
                         "images": len(images), "warning": warning})
        return BankImportResult(occupation_code, level, len(questions), size, warning)

    @requires("bank.import")
    def import_xlsx(self, path: Path | str, occupation_code: str, level: int,
                    image_dir: Path | str | None = None) -> BankImportResult:
        """All or nothing; errors name the row and column."""
        questions, images = bank_xlsx.read_bank(path, image_dir)
        sha = hashlib.sha256(Path(path).read_bytes()).hexdigest()
        return self._store_bank(questions, images, occupation_code, level, str(path), sha, bank_xlsx.SHEET)

    @requires("bank.import")
    def import_qti(self, path: Path | str, occupation_code: str, level: int) -> BankImportResult:
        questions, images = qti.import_package(path)
        sha = hashlib.sha256(Path(path).read_bytes()).hexdigest()
        return self._store_bank(questions, images, occupation_code, level, str(path), sha, Path(path).name)

    @requires("bank.export")
    def export_qti(self, occupation_code: str, level: int, out: Path | str) -> int:
        """A QTI 2.1 content package of the bank (for exchange with the provincial bank).
        The package is plain by nature: the export is journaled and admin-only."""
        with self.ctx.unit_of_work() as uow:
            questions = sorted(load_bank(uow.session, occupation_code, level), key=lambda q: q.code)
            if not questions:
                raise NotFound(f"职业（工种）{occupation_code} {codes.level_label(level)}题库为空")
            images = {r.name: r.data for r in uow.session.scalars(
                select(tt.BankImage).where(tt.BankImage.occupation_code == occupation_code,
                                           tt.BankImage.level == level))}
            data = qti.export_package(questions, images)
            Path(out).write_bytes(data)
            uow.journal("bank.export_qti", f"{occupation_code}/{level}",
                        {"file": Path(out).name, "count": len(questions),
                         "sha256": hashlib.sha256(data).hexdigest()})
        return len(questions)

    @requires("bank.view")
    def summary(self, occupation_code: str, level: int) -> BankSummary:
        """Counts only: no stem, option or answer ever leaves through this."""
        with self.ctx.reading() as s:
            base = (tt.Question.occupation_code == occupation_code, tt.Question.level == level)
            by_type = dict(s.execute(select(tt.Question.qtype, func.count()).where(*base).group_by(tt.Question.qtype)).all())
            by_diff = dict(s.execute(select(tt.Question.difficulty, func.count()).where(*base)
                                     .group_by(tt.Question.difficulty)).all())
            by_kp = dict(s.execute(select(tt.Question.kp_code, func.count()).where(*base)
                                   .group_by(tt.Question.kp_code)).all())
        return BankSummary(occupation_code, level, sum(by_type.values()),
                           {QTYPE_NAMES[QType(k)]: v for k, v in by_type.items()}, by_diff, by_kp)

    @requires("bank.view")
    def banks(self) -> list[tuple[str, int, int]]:
        with self.ctx.reading() as s:
            return [tuple(r) for r in s.execute(
                select(tt.Question.occupation_code, tt.Question.level, func.count())
                .group_by(tt.Question.occupation_code, tt.Question.level)).all()]


class PaperService(Service):
    @requires("papers.prepare")
    def set_blueprint(self, plan_no: str, blueprint: Blueprint) -> None:
        problems = blueprint.problems()
        if problems:
            raise DomainError("组卷方案有误：" + "；".join(problems))
        with self.ctx.unit_of_work() as uow:
            batch = find_batch(uow.session, plan_no)
            seal = uow.session.scalars(select(tt.PaperSeal).where(tt.PaperSeal.batch_id == batch.id)).first()
            if seal is not None:
                raise Conflict("试卷已封存，不能再修改组卷方案（如需修改请先作废封存）")
            row = uow.session.scalars(select(tt.Blueprint).where(tt.Blueprint.batch_id == batch.id)).first()
            before = row.data if row else None
            if row is None:
                uow.session.add(tt.Blueprint(batch_id=batch.id, data=blueprint.to_dict(), updated_at=self.ctx.now()))
            else:
                row.data, row.updated_at = blueprint.to_dict(), self.ctx.now()
            uow.journal("papers.blueprint", plan_no, {"before": before, "after": blueprint.to_dict()})

    @requires("papers.status")
    def blueprint(self, plan_no: str) -> Blueprint | None:
        with self.ctx.reading() as s:
            batch = find_batch(s, plan_no)
            row = s.scalars(select(tt.Blueprint).where(tt.Blueprint.batch_id == batch.id)).first()
            return Blueprint.from_dict(row.data) if row else None

    def _custodian(self, session, username: str, check: PasswordCheck) -> models.Staff:
        staff = session.scalars(select(models.Staff).where(models.Staff.username == username)).first()
        if staff is None or not staff.active or not check.holds(staff.password_hash):
            raise PermissionDenied(f"保管人「{username}」身份验证失败")
        if not CUSTODIAN_ROLES & set(staff.roles):
            raise PermissionDenied(f"「{staff.name}」不是管理员、考务人员或考场负责人，不能保管试卷")
        return staff

    @requires("papers.prepare")
    def seal(self, plan_no: str, custodians: list[tuple[str, str]], seed: str | None = None) -> SealStatus:
        """Assemble and seal the batch's papers under two custodians' keys."""
        if len(custodians) != 2 or custodians[0][0] == custodians[1][0]:
            raise DomainError("封存试卷须由两名不同的保管人分别输入密码（双人双锁）")
        seed = seed or secrets.token_hex(16)
        # Argon2 (password checks and the two wrapping keys) before BEGIN IMMEDIATE.
        checks = [check_password_early(self.ctx, p or "", username=u, mind_lock=False) for u, p in custodians]
        kdf = dict(self.ctx.store.site.kdf)
        wraps = [(salt, _wrap_key(p, salt, kdf)) for salt, (_, p) in zip((os.urandom(16), os.urandom(16)), custodians)] \
            if all(c.ok for c in checks) else None
        with self.ctx.unit_of_work() as uow:
            s = uow.session
            batch = find_batch(s, plan_no)
            people = [self._custodian(s, u, c) for (u, _), c in zip(custodians, checks)]
            old = s.scalars(select(tt.PaperSeal).where(tt.PaperSeal.batch_id == batch.id)).first()
            if old is not None and (old.paper_key is not None or s.scalar(
                    select(func.count()).select_from(tt.ExamSession).where(tt.ExamSession.batch_id == batch.id))):
                raise Conflict("试卷已解封或已有考生开考，不能重新封存")
            row = s.scalars(select(tt.Blueprint).where(tt.Blueprint.batch_id == batch.id)).first()
            if row is None:
                raise DomainError("请先设置本批次的组卷方案")
            bp = Blueprint.from_dict(row.data)
            bank = load_bank(s, batch.occupation_code, batch.level)
            variants = ["A", "B"] if bp.mode == "ab" else [""]
            papers = {v: assembly.select_paper(bank, bp, seed, v) for v in variants}
            used = {c for p in papers.values() for sec in p for c in sec}
            by_code = {q.code: q for q in bank}
            images = {r.name: base64.b64encode(r.data).decode() for r in s.scalars(
                select(tt.BankImage).where(tt.BankImage.occupation_code == batch.occupation_code,
                                           tt.BankImage.level == batch.level))
                if any(by_code[c].image == r.name for c in used)}
            package = json.dumps({"plan_no": plan_no, "blueprint": bp.to_dict(), "seed": seed, "papers": papers,
                                  "questions": {c: by_code[c].to_dict() for c in sorted(used)}, "images": images},
                                 ensure_ascii=False, sort_keys=True).encode("utf-8")
            key = AESGCM.generate_key(256)
            nonce = os.urandom(12)
            sealed = nonce + AESGCM(key).encrypt(nonce, package, _aad(self.ctx.store.site_id, plan_no, "paper"))
            share1 = os.urandom(32)
            shares = []
            if wraps is None:  # a password hash changed since the early check, and still holds
                wraps = [(salt, _wrap_key(p, salt, kdf)) for salt, (_, p) in zip((os.urandom(16), os.urandom(16)),
                                                                                  custodians)]
            for person, (salt, wrap_key), share in zip(people, wraps, (share1, _xor(key, share1))):
                n = os.urandom(12)
                wrapped = n + AESGCM(wrap_key).encrypt(
                    n, share, _aad(self.ctx.store.site_id, plan_no, person.username))
                shares.append({"username": person.username, "name": person.name, "salt": base64.b64encode(salt).decode(),
                               "kdf": kdf, "wrapped": base64.b64encode(wrapped).decode()})
            digest = hashlib.sha256(package).hexdigest()
            if old is not None:
                s.delete(old)
                s.flush()
            s.add(tt.PaperSeal(batch_id=batch.id, sealed=sealed, content_sha256=digest, shares=shares,
                               sealed_at=self.ctx.now(), unlocked_by=[]))
            uow.journal("papers.seal", plan_no, {"custodians": [p.username for p in people],
                                                 "custodian_names": [p.name for p in people],
                                                 "questions": len(used), "variants": variants,
                                                 "sha256": digest, "resealed": old is not None})
        return self.status(plan_no)

    @requires("papers.unlock")
    def unlock(self, plan_no: str, custodians: list[tuple[str, str]]) -> SealStatus:
        """Both custodians, in the exam window.  Every attempt is journaled."""
        now = self.ctx.now()
        failure: DomainError | None = None
        early = self._wrapping_keys(plan_no, custodians, now)
        with self.ctx.unit_of_work() as uow:
            s = uow.session
            batch = find_batch(s, plan_no)
            seal = s.scalars(select(tt.PaperSeal).where(tt.PaperSeal.batch_id == batch.id)).first()
            names = [u for u, _ in custodians]
            if seal is None:
                raise DomainError("本批次试卷尚未封存")
            if seal.paper_key is not None:
                return self._status(s, plan_no, batch, seal)
            from app.services.gates import check_start
            check_start(s, batch)   # the exam starts here: filed scope (违纪指引 第十五条), no 内督 veto pending
            local_day = site_date(now)
            expected = {sh["username"]: sh for sh in seal.shares}
            if not batch.exam_start <= local_day <= batch.exam_end:
                failure = DomainError(f"不在考试时间窗口内（{batch.exam_start}～{batch.exam_end}），不能解封试卷")
            elif len(custodians) != 2 or len(set(names)) != 2 or set(names) != set(expected):
                failure = PermissionDenied("须由封存时登记的两名保管人（"
                                           + "、".join(sh["name"] for sh in seal.shares) + "）共同解封")
            else:
                parts = []
                for username, password in custodians:
                    sh = expected[username]
                    blob = base64.b64decode(sh["wrapped"])
                    try:
                        salt_kdf, wrap_key = early.get(username, (None, b""))
                        if salt_kdf != (sh["salt"], sh["kdf"]):  # resealed since the early read
                            wrap_key = _wrap_key(password, base64.b64decode(sh["salt"]), sh["kdf"])
                        wrap = AESGCM(wrap_key)
                        parts.append((username, wrap.decrypt(blob[:12], blob[12:],
                                                             _aad(paper_site_id(self.ctx.store), plan_no, username))))
                    except InvalidTag:
                        failure = PermissionDenied(f"保管人「{sh['name']}」密码错误，试卷未解封")
                        break
                if failure is None:
                    shares = dict(parts)
                    key = _xor(shares[seal.shares[0]["username"]], shares[seal.shares[1]["username"]])
                    seal.paper_key = key
                    try:
                        package = open_package(self.ctx.store, plan_no, seal)
                    except InvalidTag:
                        seal.paper_key = None
                        failure = DomainError("试卷密文校验失败（可能被篡改），未解封")
                    else:
                        digest = hashlib.sha256(json.dumps(package, ensure_ascii=False, sort_keys=True)
                                                .encode("utf-8")).hexdigest()
                        seal.unlocked_at = now
                        seal.unlocked_by = [{"username": u, "name": expected[u]["name"]} for u in names]
                        uow.journal("papers.unlock", plan_no, {"custodians": names,
                                                               "custodian_names": [expected[u]["name"] for u in names],
                                                               "sha256_ok": digest == seal.content_sha256})
                        # terminals prepared the evening before get the key now, with the unlock
                        sent = queue_paper_key(uow, plan_no, seal, now)
            if failure is not None:
                uow.journal("papers.unlock_refused", plan_no, {"custodians": names, "reason": str(failure)})
            else:
                return dataclasses.replace(self._status(s, plan_no, batch, seal), key_sent_to=tuple(sent))
        raise failure

    def _wrapping_keys(self, plan_no: str, custodians: list[tuple[str, str]], now) -> dict:
        """Each custodian's wrapping key, derived (Argon2) from the salt in the seal as read
        now, before the write transaction; nothing is derived for an attempt the
        transaction will refuse anyway (no seal, already open, outside the window, wrong pair)."""
        with self.ctx.reading() as s:
            batch = s.scalars(select(models.Batch).where(models.Batch.plan_no == plan_no)).first()
            seal = s.scalars(select(tt.PaperSeal).where(tt.PaperSeal.batch_id == batch.id)).first() \
                if batch is not None else None
            if seal is None or seal.paper_key is not None or not batch.exam_start <= site_date(now) <= batch.exam_end:
                return {}
            expected = {sh["username"]: sh for sh in seal.shares}
        names = [u for u, _ in custodians]
        if len(custodians) != 2 or len(set(names)) != 2 or set(names) != set(expected):
            return {}
        return {u: ((expected[u]["salt"], expected[u]["kdf"]),
                    _wrap_key(p, base64.b64decode(expected[u]["salt"]), expected[u]["kdf"]))
                for u, p in custodians}

    @requires("papers.unlock")
    def relock(self, plan_no: str) -> None:
        """After the exam window: forget the paper key again."""
        with self.ctx.unit_of_work() as uow:
            batch = find_batch(uow.session, plan_no)
            seal = uow.session.scalars(select(tt.PaperSeal).where(tt.PaperSeal.batch_id == batch.id)).first()
            if seal is None or seal.paper_key is None:
                return
            seal.paper_key = None
            uow.journal("papers.relock", plan_no, {})

    @requires("papers.status")
    def status(self, plan_no: str) -> SealStatus:
        with self.ctx.reading() as s:
            batch = find_batch(s, plan_no)
            seal = s.scalars(select(tt.PaperSeal).where(tt.PaperSeal.batch_id == batch.id)).first()
            return self._status(s, plan_no, batch, seal)

    @requires("papers.key")
    def answer_key(self, plan_no: str) -> AnswerKey:
        """The batch's unlocked papers with their answers, for checking theory scores (a drill's
        checker, a dispute).  On the site master only: a terminal store refuses, so nothing a
        terminal can call hands out the answers.  Each read is journaled."""
        if paper_site_id(self.ctx.store) != self.ctx.store.site_id:
            raise PermissionDenied("考试终端上不能查看试题答案")
        with self.ctx.reading() as s:
            batch = find_batch(s, plan_no)
            seal = s.scalars(select(tt.PaperSeal).where(tt.PaperSeal.batch_id == batch.id)).first()
            if seal is None:
                raise NotFound("本批次试卷尚未封存")
            package = open_package(self.ctx.store, plan_no, seal)
            sha = seal.content_sha256
        with self.ctx.unit_of_work() as uow:
            uow.journal("papers.answer_key_read", plan_no, {"content_sha256": sha})
        return AnswerKey(plan_no, Blueprint.from_dict(package["blueprint"]),
                         {c: Question.from_dict(d) for c, d in package["questions"].items()})

    @staticmethod
    def _status(s, plan_no, batch, seal) -> SealStatus:
        if seal is None:
            return SealStatus(plan_no, False, None, (), False, None, (), 0, "")
        bp_row = s.scalars(select(tt.Blueprint).where(tt.Blueprint.batch_id == batch.id)).first()
        n = Blueprint.from_dict(bp_row.data).question_count if bp_row else 0
        return SealStatus(plan_no, True, seal.sealed_at, tuple(sh["name"] for sh in seal.shares),
                          seal.paper_key is not None, seal.unlocked_at,
                          tuple(u["name"] for u in seal.unlocked_by or []), n, seal.content_sha256)


PROCTOR_KEY_SETTING = "proctor_code_key"


def proctor_key(store) -> bytes:
    """The key behind proctor codes: the site's (derived from its file key); a terminal
    store provisioned from the site holds a copy, so codes read out at the site work there."""
    with store.read() as s:
        row = s.get(models.Setting, PROCTOR_KEY_SETTING)
    if row is not None:
        return base64.b64decode(row.value)
    return hmac.new(store.keys.file_key, b"examsite-proctor-code-key", hashlib.sha256).digest()


def proctor_code(store, plan_no: str, ticket_no: str, day: _dt.date) -> str:
    """A six-digit code for one candidate on one day: the proctor reads it out, any
    terminal of the site can check it without a network."""
    mac = hmac.new(proctor_key(store), f"proctor-code|{plan_no}|{ticket_no}|{day.isoformat()}".encode(),
                   hashlib.sha256).digest()
    return f"{int.from_bytes(mac[:8], 'big') % 1_000_000:06d}"
