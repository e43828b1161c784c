"""Signed sheets carried between a grader station working on a copy of the site and the main
station, as a file (its own format: signed with the site key, encrypted with the site file key)."""

from __future__ import annotations

import datetime as _dt
import hashlib
import json
import os
from pathlib import Path

from sqlalchemy import select

from app.core import practical_recheck
from app.core.errors import DomainError, NotFound
from app.services.base import Service, find_batch, requires
from app.services.scoring import queries as q
from app.services.scoring.views import GROUP_NAMES, PRACTICAL, ST_SIGNED, canonical, digest
from app.store import models
from app.store import scoring_tables as t

EXCHANGE_FORMAT = "examsite-scoring-sheets/1"
EXCHANGE_MAGIC = b"EXSCORE1"


class SheetExchangeService(Service):
    @requires("scoring.grade")
    def export_sheets(self, plan_no: str, path: Path | str, subject: str = PRACTICAL) -> int:
        """The caller's signed sheets of this batch as a file for the main station: signed with
        the site key (Ed25519) and encrypted with the site file key (AES-GCM).  For stations
        that work on a copy of the site while the site link is not available."""
        from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
        from cryptography.hazmat.primitives.ciphers.aead import AESGCM

        from app.store.engine import active_site_key
        from app.store.keys import b64

        with self.ctx.unit_of_work() as uow:
            s = uow.session
            batch = find_batch(s, plan_no)
            me = q.member(s, batch, self.ctx.actor.staff_id, subject)
            rows = list(s.execute(select(t.ScoreSheet, models.Candidate.ticket_no)
                                  .join(models.Candidate, models.Candidate.id == t.ScoreSheet.candidate_id)
                                  .where(t.ScoreSheet.batch_id == batch.id, t.ScoreSheet.subject == subject,
                                         t.ScoreSheet.grader_id == me.staff_id,
                                         t.ScoreSheet.status == ST_SIGNED, t.ScoreSheet.source == "station")
                                  .order_by(models.Candidate.ticket_no, t.ScoreSheet.version)))
            if not rows:
                raise DomainError("没有已签字的评分表可导出")
            body = {"format": EXCHANGE_FORMAT, "site_id": self.ctx.store.site_id, "plan_no": plan_no,
                    **({} if subject == PRACTICAL else {"subject": subject}),   # the file names its group
                    "grader": self.ctx.actor.username, "template": q.template_hash(s, batch, subject),
                    "exported_at": self.ctx.now().isoformat(),
                    "sheets": [{"ticket_no": tk, "version": sh.version, "entries": sh.entries, "total": sh.total,
                                "signed_at": sh.signed_at.isoformat(), "signature": b64(sh.signature or b""),
                                "content_sha256": sh.content_sha256,
                                "origin_sheet": sh.detail.get("origin_sheet", sh.id),
                                "origin_supersedes": sh.detail.get("origin_supersedes", sh.supersedes_id),
                                "correction_reason": sh.correction_reason, "after_reveal": sh.after_reveal}
                               for sh, tk in rows]}
            key = active_site_key(s)
            signed = {"body": body, "key_id": key.key_id,
                      "signature": b64(Ed25519PrivateKey.from_private_bytes(key.private_key).sign(canonical(body)))}
            nonce = os.urandom(12)
            blob = EXCHANGE_MAGIC + nonce + AESGCM(self.ctx.store.keys.file_key).encrypt(
                nonce, canonical(signed), EXCHANGE_FORMAT.encode() + b"|" + self.ctx.store.site_id.encode())
            from app.store.keys import atomic_write

            atomic_write(Path(path), blob)
            uow.journal("scoring.export_sheets", plan_no, {"sheets": len(rows), "file": Path(path).name,
                                                           "file_sha256": hashlib.sha256(blob).hexdigest()})
            return len(rows)

    @requires("scoring.template")
    def import_sheets(self, plan_no: str, path: Path | str) -> int:
        """Take in a grader station's exported sheets: all or nothing; the signature, the site,
        the template and every sheet's content hash must match.  Sheets already here are skipped."""
        from cryptography.exceptions import InvalidSignature, InvalidTag
        from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
        from cryptography.hazmat.primitives.ciphers.aead import AESGCM

        from app.store.keys import unb64

        path = Path(path)
        blob = path.read_bytes()
        if not blob.startswith(EXCHANGE_MAGIC) or len(blob) < len(EXCHANGE_MAGIC) + 28:
            raise DomainError(f"「{path.name}」不是评分表交换文件")
        nonce = blob[len(EXCHANGE_MAGIC):len(EXCHANGE_MAGIC) + 12]
        try:
            signed = json.loads(AESGCM(self.ctx.store.keys.file_key).decrypt(
                nonce, blob[len(EXCHANGE_MAGIC) + 12:],
                EXCHANGE_FORMAT.encode() + b"|" + self.ctx.store.site_id.encode()))
        except InvalidTag:
            raise DomainError(f"「{path.name}」不属于本站点或已被改动，未导入") from None
        body = signed["body"]
        trusted = self.ctx.store.site.public_keys.get(signed.get("key_id"))
        try:
            if trusted is None:
                raise InvalidSignature()
            Ed25519PublicKey.from_public_bytes(unb64(trusted)).verify(unb64(signed["signature"]), canonical(body))
        except (InvalidSignature, ValueError):
            raise DomainError(f"「{path.name}」的站点签名无效，未导入") from None
        if body.get("format") != EXCHANGE_FORMAT or body.get("plan_no") != plan_no:
            raise DomainError(f"「{path.name}」不是认定计划「{plan_no}」的评分表")
        added = 0
        subject = body.get("subject", PRACTICAL)
        if subject not in GROUP_NAMES:
            raise DomainError(f"「{path.name}」的评分组无法识别，未导入")
        with self.ctx.unit_of_work() as uow:
            s = uow.session
            batch = find_batch(s, plan_no)
            try:
                template_hash = q.template_hash(s, batch, subject)
            except NotFound:
                raise DomainError(f"本站尚无该{GROUP_NAMES[subject]}的评分表，未导入") from None
            if body["template"] != template_hash:
                raise DomainError("文件中的评分表与本站的评分记录表不一致，未导入")
            g = q.staff(s, body["grader"])
            if g.id not in {st.id for _, st in q.members(s, batch, subject)}:
                raise DomainError(f"「{g.name}」不是本批次{GROUP_NAMES[subject]}成员，未导入")
            problems = []
            local_by_origin: dict[int, int] = {}
            for x in body["sheets"]:
                c = q.candidate(s, batch, x["ticket_no"])
                content = {"sheet": x["origin_sheet"], "plan_no": plan_no, "ticket_no": x["ticket_no"],
                           "grader": g.username, "version": x["version"], "entries": x["entries"], "total": x["total"],
                           "template": body["template"],
                           "signature_sha256": hashlib.sha256(unb64(x["signature"])).hexdigest(),
                           "supersedes": x["origin_supersedes"], "correction_reason": x["correction_reason"]}
                content = practical_recheck.with_subject(content, subject)
                if digest(content) != x["content_sha256"]:
                    problems.append(f"考生「{x['ticket_no']}」第 {x['version']} 版：内容与签字时的哈希不符")
                    continue
                here = s.scalars(select(t.ScoreSheet).where(t.ScoreSheet.candidate_id == c.id,
                                                            t.ScoreSheet.subject == subject,
                                                            t.ScoreSheet.grader_id == g.id,
                                                            t.ScoreSheet.version == x["version"])).first()
                if here is not None:
                    if here.content_sha256 != x["content_sha256"]:
                        problems.append(f"考生「{x['ticket_no']}」第 {x['version']} 版：本站已有不同的评分表")
                    local_by_origin[x["origin_sheet"]] = here.id
                    continue
                sh = t.ScoreSheet(batch_id=batch.id, subject=subject, candidate_id=c.id, grader_id=g.id,
                                  version=x["version"],
                                  source="station", entries=x["entries"], total=x["total"],
                                  detail={"origin_sheet": x["origin_sheet"],
                                          "origin_supersedes": x["origin_supersedes"], "imported_from": path.name},
                                  status=ST_SIGNED, created_at=self.ctx.now(), updated_at=self.ctx.now(),
                                  signed_at=_dt.datetime.fromisoformat(x["signed_at"]),
                                  signature=unb64(x["signature"]), content_sha256=x["content_sha256"],
                                  supersedes_id=local_by_origin.get(x["origin_supersedes"]),
                                  correction_reason=x["correction_reason"], after_reveal=x["after_reveal"])
                s.add(sh)
                s.flush()
                local_by_origin[x["origin_sheet"]] = sh.id
                uow.journal("scoring.sheet_import", x["ticket_no"], {
                    "sheet": sh.id, "origin_sheet": x["origin_sheet"], "grader": g.username,
                    "version": x["version"], "content_sha256": x["content_sha256"],
                    "file_sha256": hashlib.sha256(blob).hexdigest()})
                added += 1
            if problems:
                raise DomainError("评分表交换文件未导入：" + "；".join(problems[:5]))
        return added
