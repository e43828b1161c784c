"""Check-in (检录) rules: what the desk may accept, pure and clock-free.

* The ticket QR carries the plan_no, the ticket_no and an Ed25519 signature by the
  site key over a message with its own prefix (never confusable with a journal
  checkpoint).  A forged or altered code fails verification.
* What was typed or scanned is classified: QR payload, ticket_no, full ID number or
  the last six characters of an ID number.
* The door decision: ban list, second check-in, late arrival after the cut-off
  (a room head may override with a reason).
* Seats: plans of rows x columns or a list of terminals, fixed or seeded-random
  assignment.
"""

from __future__ import annotations

import base64
import datetime as _dt
import random
import re
import unicodedata
from dataclasses import dataclass

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

from app.core import identity, sitetime

QR_PREFIX = "ES1"
TICKET_SIGNING_DOMAIN = "examsite-ticket"
UNDO_SECONDS = 60
DEFAULT_LATE_MINUTES = 30

_TAIL = re.compile(r"^[0-9]{5}[0-9Xx]$")
_FULL_ID = re.compile(r"^[0-9]{17}[0-9Xx]$")


class QRRejected(ValueError):
    """The scanned code is not a valid ticket code of this site (message is Chinese)."""


# -- ticket QR ------------------------------------------------------------------

def ticket_message(site_id: str, plan_no: str, ticket_no: str) -> bytes:
    return f"{TICKET_SIGNING_DOMAIN}|{site_id}|{plan_no}|{ticket_no}".encode()


def _b64u(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).decode().rstrip("=")


def _unb64u(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def qr_payload(plan_no: str, ticket_no: str, key_id: str, signature: bytes) -> str:
    return "|".join((QR_PREFIX, plan_no, ticket_no, key_id, _b64u(signature)))


def looks_like_qr(text: str) -> bool:
    return (text or "").strip().startswith(QR_PREFIX + "|")


def qr_ticket(text: str) -> tuple[str, str] | None:
    """(plan_no, ticket_no) printed in a ticket's QR, unverified (the scoring station opens a
    sheet from it; check-in verifies the signature with ``verify_qr``); None if not one."""
    parts = (text or "").strip().split("|")
    if len(parts) != 5 or parts[0] != QR_PREFIX or not parts[1] or not parts[2]:
        return None
    return parts[1], parts[2]


@dataclass(frozen=True)
class TicketCode:
    plan_no: str
    ticket_no: str
    key_id: str


def verify_qr(text: str, site_id: str, public_keys: dict[str, bytes]) -> TicketCode:
    """Parse and check a scanned ticket code; raise ``QRRejected`` with a reason."""
    parts = (text or "").strip().split("|")
    if len(parts) != 5 or parts[0] != QR_PREFIX:
        raise QRRejected("二维码格式不对，不是本系统打印的准考证")
    _, plan_no, ticket_no, key_id, sig_text = parts
    pub = public_keys.get(key_id)
    if pub is None:
        raise QRRejected("二维码不是本考点签发的（签名密钥不属于本考点），请核对准考证并报告考场负责人")
    try:
        signature = _unb64u(sig_text)
        Ed25519PublicKey.from_public_bytes(pub).verify(signature, ticket_message(site_id, plan_no, ticket_no))
    except (InvalidSignature, ValueError):
        raise QRRejected("二维码签名无效：准考证可能被伪造或改动，请人工核对并报告考场负责人") from None
    return TicketCode(plan_no, ticket_no, key_id)


# -- what was typed -------------------------------------------------------------

@dataclass(frozen=True)
class Query:
    kind: str  # "qr" | "text"
    text: str
    maybe_id: bool  # an 18-character ID number
    maybe_tail: bool  # six characters that could be the end of an ID number


def classify(raw: str) -> Query:
    text = (raw or "").strip()
    if looks_like_qr(text):
        return Query("qr", text, False, False)
    text = unicodedata.normalize("NFKC", text).strip().upper()  # ４１０… typed in fullwidth is 410…
    return Query("text", text, bool(_FULL_ID.match(text)), bool(_TAIL.match(text)))


# -- door rules -----------------------------------------------------------------

@dataclass(frozen=True)
class Ban:
    id_no: str
    name: str
    reason: str
    starts_on: _dt.date
    ends_on: _dt.date | None  # None: until lifted

    def covers(self, day: _dt.date) -> bool:
        return self.starts_on <= day and (self.ends_on is None or day <= self.ends_on)

    def describe(self) -> str:
        until = f"至 {self.ends_on:%Y年%m月%d日}" if self.ends_on else "（未定期限）"
        return f"{self.reason}；禁考期 {self.starts_on:%Y年%m月%d日}{until}"


@dataclass(frozen=True)
class PriorCheckin:
    at: _dt.datetime
    by_name: str
    by_username: str
    status: str  # "present" | "absent"


@dataclass(frozen=True)
class Refusal:
    code: str  # banned | already | late | absent_marked
    message: str
    overridable: bool


def local(ts: _dt.datetime) -> _dt.datetime:
    """Times shown to people are China Standard Time (the site's clock)."""
    return sitetime.local(ts)


def late_cutoff(starts_at: _dt.datetime, late_minutes: int) -> _dt.datetime:
    return starts_at + _dt.timedelta(minutes=late_minutes)


def door_refusal(*, now: _dt.datetime, starts_at: _dt.datetime, late_minutes: int,
                 ban: Ban | None, prior: PriorCheckin | None) -> Refusal | None:
    """The first rule a candidate fails at the door, or None.  Order matters: a ban is
    never overridable; a second check-in names when and by whom; lateness last."""
    if ban is not None:
        return Refusal("banned", f"禁止入场：该考生在禁考名单中（{ban.describe()}）", False)
    if prior is not None and prior.status == "present":
        return Refusal("already", f"重复检录：该考生已于 {local(prior.at):%m月%d日 %H:%M:%S} "
                                  f"由 {prior.by_name}（{prior.by_username}）检录入场", False)
    cutoff = late_cutoff(starts_at, late_minutes)
    if now > cutoff:
        return Refusal("late", f"迟到：开考 {late_minutes} 分钟后（{local(cutoff):%H:%M} 起）不得入场，"
                               f"须考场负责人同意并说明理由", True)
    if prior is not None and prior.status == "absent":
        return Refusal("absent_marked", "该考生已被记为缺考，须考场负责人同意并说明理由", True)
    return None


def can_mark_absent(now: _dt.datetime, starts_at: _dt.datetime, late_minutes: int) -> str | None:
    cutoff = late_cutoff(starts_at, late_minutes)
    if now <= cutoff:
        return f"入场截止时间（{local(cutoff):%H:%M}）未到，不能记缺考"
    return None


def undo_problem(now: _dt.datetime, checked_in_at: _dt.datetime) -> str | None:
    age = (now - checked_in_at).total_seconds()
    if age > UNDO_SECONDS:
        return f"检录已超过 {UNDO_SECONDS} 秒，不能撤销；如确有错误请报告考场负责人"
    return None


# -- seats ----------------------------------------------------------------------

@dataclass(frozen=True)
class SeatPlan:
    room: str
    rows: int = 0
    cols: int = 0
    terminals: tuple[str, ...] = ()

    def labels(self) -> list[str]:
        if self.terminals:
            return list(self.terminals)
        width = max(2, len(str(self.rows * self.cols)))
        return [f"{n:0{width}d}" for n in range(1, self.rows * self.cols + 1)]

    def position(self, label: str) -> tuple[int, int] | None:
        """(row, col), 0-based, of a grid seat; seats run row by row from the front."""
        if self.terminals or not (label.isascii() and label.isdigit()):
            return None
        n = int(label) - 1
        if not 0 <= n < self.rows * self.cols:
            return None
        return divmod(n, self.cols)

    def problems(self) -> list[str]:
        out = []
        if not self.room.strip():
            out.append("考场名称不能为空")
        if self.terminals:
            if len(set(self.terminals)) != len(self.terminals):
                out.append("机位编号有重复")
            if any(not t.strip() or len(t) > 20 for t in self.terminals):
                out.append("机位编号应为1—20个字符")
        elif not (1 <= self.rows <= 50 and 1 <= self.cols <= 50):
            out.append("座位行数、列数应在1—50之间")
        return out


def assign_seats(tickets: list[str], plan: SeatPlan, mode: str, seed: int | None = None) -> dict[str, str]:
    """ticket_no -> seat label.  ``fixed``: in ticket order; ``random``: a shuffle that
    the stored seed reproduces exactly."""
    labels = plan.labels()
    if len(tickets) > len(labels):
        raise ValueError(f"考场「{plan.room}」有考生 {len(tickets)} 名，座位只有 {len(labels)} 个")
    ordered = sorted(tickets)
    if mode == "random":
        if seed is None:
            raise ValueError("随机排座需要种子")
        random.Random(seed).shuffle(ordered)
    elif mode != "fixed":
        raise ValueError(f"未知排座方式「{mode}」")
    return dict(zip(ordered, labels))


# -- counters -------------------------------------------------------------------

@dataclass(frozen=True)
class RoomCount:
    room: str
    expected: int
    present: int
    absent: int

    @property
    def waiting(self) -> int:
        return max(self.expected - self.present - self.absent, 0)


# -- ban list import --------------------------------------------------------------

BAN_SHEET = "禁考名单"
BAN_HEADERS = ("证件号码", "姓名", "原因", "开始日期", "结束日期")


def _as_date(value) -> _dt.date | None:
    if value is None or value == "":
        return None
    if isinstance(value, _dt.datetime):
        return value.date()
    if isinstance(value, _dt.date):
        return value
    text = str(value).strip().replace("/", "-").replace(".", "-")
    try:
        return _dt.date.fromisoformat(text)
    except ValueError:
        raise ValueError(f"日期「{value}」无法识别，应为 YYYY-MM-DD") from None


def parse_bans(rows: list[tuple], sheet: str = BAN_SHEET):
    """Rows of the ban sheet (header first) -> (bans, cell errors).  The caller writes
    nothing when any error is found."""
    from app.core.errors import CellError

    errors: list[CellError] = []
    bans: list[Ban] = []
    if not rows:
        return bans, [CellError(sheet, 1, "", "工作表为空")]
    header = [str(h or "").strip() for h in rows[0]]
    index = {}
    for name in BAN_HEADERS:
        if name not in header:
            errors.append(CellError(sheet, 1, name, "缺少此列"))
        else:
            index[name] = header.index(name)
    if errors:
        return bans, errors
    for n, row in enumerate(rows[1:], 2):
        cells = {k: (row[i] if i < len(row) else None) for k, i in index.items()}
        if all(v in (None, "") for v in cells.values()):
            continue
        id_no = identity.normalise_id_no(cells["证件号码"])
        name = identity.normalise("name", cells["姓名"])
        reason = str(cells["原因"] or "").strip()
        if not id_no:
            errors.append(CellError(sheet, n, "证件号码", "不能为空"))
        elif identity.problem("id_no", id_no):
            errors.append(CellError(sheet, n, "证件号码", identity.problem("id_no", id_no)))
            id_no = ""
        if name and identity.problem("name", name):
            errors.append(CellError(sheet, n, "姓名", identity.problem("name", name)))
        if identity.bad_character(reason):
            errors.append(CellError(sheet, n, "原因", identity.problem("reason", reason)))
        if not reason:
            errors.append(CellError(sheet, n, "原因", "不能为空（应写明违纪认定及依据）"))
        try:
            starts = _as_date(cells["开始日期"])
            if starts is None:
                errors.append(CellError(sheet, n, "开始日期", "不能为空"))
        except ValueError as exc:
            errors.append(CellError(sheet, n, "开始日期", str(exc)))
            starts = None
        try:
            ends = _as_date(cells.get("结束日期"))
            if ends is None:
                errors.append(CellError(sheet, n, "结束日期", "不能为空（禁考须有截止日期）"))
        except ValueError as exc:
            errors.append(CellError(sheet, n, "结束日期", str(exc)))
            ends = None
        if starts and ends and ends < starts:
            errors.append(CellError(sheet, n, "结束日期", "早于开始日期"))
        if id_no and reason and starts:
            bans.append(Ban(id_no, name, reason, starts, ends))
    if not bans and not errors:
        errors.append(CellError(sheet, 2, "", "没有任何数据行"))
    return bans, errors
