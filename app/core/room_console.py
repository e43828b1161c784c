"""The room console (监考台 / 考场负责人 of one room, issue 17): what the master sends it and
what it sends back, as record kinds and answer codes (data, never text).

The findings' rules are ``app.core.misconduct``'s (``witness_refusal``, ``confirm_refusal``): a
console applies them before it writes, and the master applies them again when the record
arrives, so a finding confirmed on two consoles, a witness who is the room head, or the same
person twice is refused on the master with the rule's code even when a console was cut off."""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass

from app.core import misconduct as mc

# master -> console (command records sealed to that console)
PROFILE = "room.profile"      # batch, room, subjects
ROSTER = "room.roster"        # the room's candidates: ticket, name, seat
TERMINALS = "room.terminals"  # the room's terminals: machine id, name, seat
STAFF = "room.staff"          # the room's proctors and room head: username, name, roles, password hash
BOARD = "room.board"          # terminals' state and the room's incidents (sent when it changes)
FINDINGS = "room.findings"    # the room's findings as the master holds them (sent when they change)
VERDICT = "room.verdict"      # the master's answer to one console record

# console -> master
FINDING_OPENED = "room.finding_opened"
FINDING_SIGNED = "room.finding_signed"
FINDING_CONFIRMED = "room.finding_confirmed"
RECORD_KINDS = (FINDING_OPENED, FINDING_SIGNED, FINDING_CONFIRMED)

# answer codes besides the signature rules' (app.core.misconduct)
HELD = "held"                        # the master holds it
PENDING = "pending"                  # not answered yet
UNKNOWN_FINDING = "unknown_finding"  # a signature on a finding the master never held
UNKNOWN_STAFF = "unknown_staff"      # no such active account on the master
INVALID = "invalid"                  # not in the roster, a bad article, ...
NOT_A_CONSOLE = "not_a_console"      # the sender is not a room console

STAFF_ROLES = ("proctor", "room_head")  # the batch roles a room console is sent accounts for
ROSTER_CHUNK = 100

VERDICT_NAMES = {
    HELD: "主机已收存",
    PENDING: "待主机确认",
    UNKNOWN_FINDING: "主机没有这条违纪记录",
    UNKNOWN_STAFF: "主机没有该工作人员账户",
    INVALID: "主机拒收：记录内容不符合规定",
    NOT_A_CONSOLE: "本机不是监考台",
    mc.NOT_A_SIGNER: "主机拒收：外部督导员不作为签字人",
    mc.ROOM_HEAD_WITNESS: "主机拒收：考场负责人不能作为签字的工作人员",
    mc.SIGNED_TWICE: "主机拒收：同一人重复签字",
    mc.CLOSED: "主机拒收：该记录已确认，不能再增加签字",
    mc.NOT_ROOM_HEAD: "主机拒收：确认人不是考场负责人",
    mc.CONFIRMER_WITNESS: "主机拒收：确认人已作为工作人员签字",
    mc.TOO_FEW_WITNESSES: "主机拒收：签字的工作人员不足2名",
    mc.ALREADY_CONFIRMED: "主机拒收：该记录已在其他监考台确认",
    mc.NOT_SIGNED: "主机拒收：该记录尚不能确认",
}


def verdict_name(code: str) -> str:
    return VERDICT_NAMES.get(code, "主机拒收")


def console_ref(machine_id: str, number: int) -> str:
    """A finding opened on a console is named by the console and its own number until the
    master holds it (and after: the master keeps the name beside its own number)."""
    return f"{machine_id}-{number}"


def master_ref(finding_id: int) -> str:
    """A finding the master opened (or any the master holds) named on consoles."""
    return f"M{finding_id}"


@dataclass(frozen=True)
class ConsoleAct:
    """One record of a room console, verified by the link (the console's signature and number):
    who acted there and when.  The console checked the person's password against the hash it
    was sent; the master checks the rules again."""
    machine_id: str
    seq: int
    username: str
    at: _dt.datetime
    room: str = ""  # the console's room: it records findings on that room's candidates only

    @property
    def origin(self) -> dict:
        return {"console": self.machine_id, "seq": self.seq}
