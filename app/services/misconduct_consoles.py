"""The part of ``MisconductService`` that takes a room console's records (issue 17): a finding
opened, signed by a witness, or confirmed on a console, applied once by the link inside its
ingest transaction.  The actor is the console's machine (its record is signed), so no login
role applies; the person named in the record must be an active account, and the rules are the
ones the master's screens apply (``app.services.misconduct_steps``).  Each call returns the
answer code for the console (``app.core.room_console``) and the master's finding number."""

from __future__ import annotations

import datetime as _dt

from sqlalchemy import select

from app.core import room_console as rcn
from app.core.errors import DomainError
from app.services import misconduct_steps as steps
from app.services.base import Service
from app.store import models
from app.store import results_tables as rt
from app.store.room_console_tables import ConsoleFindingRef


def _staff(session, username: str) -> models.Staff | None:
    staff = session.scalars(select(models.Staff).where(models.Staff.username == username)).first()
    return staff if staff is not None and staff.active else None


def finding_of_ref(session, ref: str) -> int | None:
    """The master's finding number for a name a console uses (``M12`` or ``S002-3``)."""
    if ref.startswith("M") and ref[1:].isdigit():
        return int(ref[1:])
    row = session.get(ConsoleFindingRef, ref)
    return row.finding_id if row is not None else None


class ConsoleFindings(Service):
    def receive_from_console(self, uow, act: rcn.ConsoleAct, kind: str, payload: dict) -> tuple[str, int | None]:
        """Apply one console record (``room.finding_opened`` / ``_signed`` / ``_confirmed``).
        Returns (code, finding id): ``held``, or the code of the rule that refuses it (journaled
        ``misconduct.console_refused``); never raises for a refusal."""
        s = uow.session
        ref = str(payload.get("ref", ""))
        staff = _staff(s, act.username)
        finding_id = finding_of_ref(s, ref)
        try:
            if staff is None:
                code = rcn.UNKNOWN_STAFF
            elif kind == rcn.FINDING_OPENED:
                if finding_id is not None:  # cannot happen: the link applies each record once
                    return rcn.HELD, finding_id
                code, finding_id = self._open(uow, act, staff, ref, payload)
            elif finding_id is None or s.get(rt.MisconductFinding, finding_id) is None:
                code = rcn.UNKNOWN_FINDING
            elif kind == rcn.FINDING_SIGNED:
                steps.add_witness(uow, steps.get_finding(s, finding_id), staff, act.at, act.origin)
                code = rcn.HELD
            elif kind == rcn.FINDING_CONFIRMED:
                steps.add_confirmation(uow, steps.get_finding(s, finding_id), staff, act.at, act.origin)
                code = rcn.HELD
            else:
                code = rcn.INVALID
        except steps.FindingRefused as exc:
            code = exc.code
        except DomainError as exc:  # not in the roster, a bad article: the console hears the code
            uow.journal("misconduct.console_invalid", ref, {**act.origin, "kind": kind, "error": str(exc)})
            code = rcn.INVALID
        if code != rcn.HELD:
            uow.journal("misconduct.console_refused", ref, {**act.origin, "kind": kind, "code": code,
                                                            "by": act.username, "finding": finding_id})
        return code, finding_id

    def _open(self, uow, act: rcn.ConsoleAct, staff: models.Staff, ref: str, p: dict) -> tuple[str, int]:
        from app.services import results_common as rc

        s = uow.session
        cand = rc.candidate(s, str(p["ticket_no"]))
        if act.room and cand.room != act.room:
            raise DomainError(f"考生 {cand.ticket_no} 不在{act.room}，本监考台不能记录其违纪")
        facts = str(p.get("facts", "")).strip()
        if len(facts) < 6:
            raise DomainError("须写明违纪事实（时间、地点、经过）")
        on = _dt.date.fromisoformat(p["occurred_on"]) if p.get("occurred_on") else rc.local_today(act.at)
        f = steps.create(uow, cand, subject=str(p["subject"]), article=int(p["article"]), item=int(p["item"]),
                         facts=facts, evidence=str(p.get("evidence", "")), bookmark_id=None, photo=None,
                         warning=p.get("warning"), severity=p.get("severity"), occurred_on=on, after_exam=False,
                         created_by=staff.username, at=act.at, origin={**act.origin, "ref": ref})
        s.add(ConsoleFindingRef(ref=ref, machine_id=act.machine_id, seq=act.seq, finding_id=f.id))
        return rcn.HELD, f.id
