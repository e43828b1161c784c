"""Pure check-in rules: the ticket QR, what was typed, the door decision, seats."""

from __future__ import annotations

import datetime as _dt

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives import serialization

from app.core import checkin as r
from app.core.journal import checkpoint_message

UTC = _dt.timezone.utc
T0 = _dt.datetime(2026, 11, 23, 1, 0, tzinfo=UTC)  # 09:00 in Beijing


def _key():
    k = Ed25519PrivateKey.generate()
    pub = k.public_key().public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    return k, pub


def test_qr_round_trip_and_forgeries_refused():
    k, pub = _key()
    payload = r.qr_payload("PLAN-1", "T0001", "kid1", k.sign(r.ticket_message("site-a", "PLAN-1", "T0001")))
    code = r.verify_qr(payload, "site-a", {"kid1": pub})
    assert (code.plan_no, code.ticket_no) == ("PLAN-1", "T0001")
    # the ticket number changed on a printed code
    with pytest.raises(r.QRRejected, match="签名无效"):
        r.verify_qr(payload.replace("T0001", "T0002"), "site-a", {"kid1": pub})
    # the same code presented at another site
    with pytest.raises(r.QRRejected, match="签名无效"):
        r.verify_qr(payload, "site-b", {"kid1": pub})
    # signed by some other key under our key id
    other, _ = _key()
    forged = r.qr_payload("PLAN-1", "T0001", "kid1", other.sign(r.ticket_message("site-a", "PLAN-1", "T0001")))
    with pytest.raises(r.QRRejected, match="签名无效"):
        r.verify_qr(forged, "site-a", {"kid1": pub})
    with pytest.raises(r.QRRejected, match="不是本考点"):
        r.verify_qr(payload.replace("|kid1|", "|kid9|"), "site-a", {"kid1": pub})
    with pytest.raises(r.QRRejected, match="格式"):
        r.verify_qr("ES1|garbage", "site-a", {"kid1": pub})


def test_ticket_signatures_never_pass_as_journal_checkpoints():
    assert not r.ticket_message("s", "1", "2").startswith(checkpoint_message("s", 1, "2")[:20])
    assert r.ticket_message("s", "P", "T").startswith(b"examsite-ticket|")


def test_classify():
    assert r.classify("ES1|a|b|c|d").kind == "qr"
    q = r.classify(" 41010219900307123x ")
    assert (q.kind, q.text, q.maybe_id, q.maybe_tail) == ("text", "41010219900307123X", True, False)
    assert r.classify("07123x").maybe_tail
    assert not r.classify("DG26040001").maybe_tail


def test_door_rules_in_order():
    ban = r.Ban("X", "张三", "冒名顶替（违纪指引第七条）", _dt.date(2025, 1, 1), _dt.date(2027, 1, 1))
    prior = r.PriorCheckin(T0 + _dt.timedelta(minutes=-20), "李静", "kaowu", "present")
    late = T0 + _dt.timedelta(minutes=31)
    refusal = r.door_refusal(now=late, starts_at=T0, late_minutes=30, ban=ban, prior=prior)
    assert refusal.code == "banned" and not refusal.overridable and "2027年01月01日" in refusal.message
    refusal = r.door_refusal(now=late, starts_at=T0, late_minutes=30, ban=None, prior=prior)
    assert refusal.code == "already" and "08:40:00" in refusal.message and "李静" in refusal.message
    refusal = r.door_refusal(now=late, starts_at=T0, late_minutes=30, ban=None, prior=None)
    assert refusal.code == "late" and refusal.overridable and "09:30" in refusal.message
    assert r.door_refusal(now=T0 + _dt.timedelta(minutes=30), starts_at=T0, late_minutes=30, ban=None, prior=None) is None
    assert not ban.covers(_dt.date(2027, 1, 2)) and ban.covers(_dt.date(2027, 1, 1))


def test_undo_window_and_absent_cutoff():
    assert r.undo_problem(T0 + _dt.timedelta(seconds=60), T0) is None
    assert "60 秒" in r.undo_problem(T0 + _dt.timedelta(seconds=61), T0)
    assert r.can_mark_absent(T0 + _dt.timedelta(minutes=30), T0, 30)
    assert r.can_mark_absent(T0 + _dt.timedelta(minutes=31), T0, 30) is None


def test_seats_fixed_random_and_terminals():
    tickets = [f"T{i:03d}" for i in range(30, 0, -1)]
    plan = r.SeatPlan("第1考场", rows=5, cols=6)
    fixed = r.assign_seats(tickets, plan, "fixed")
    assert fixed["T001"] == "01" and fixed["T030"] == "30"
    a = r.assign_seats(tickets, plan, "random", seed=42)
    assert a == r.assign_seats(list(reversed(tickets)), plan, "random", seed=42)  # the seed reproduces it
    assert a != r.assign_seats(tickets, plan, "random", seed=43)
    assert sorted(a.values()) == plan.labels()
    assert plan.position("07") == (1, 0)
    with pytest.raises(ValueError, match="座位只有 30 个"):
        r.assign_seats(tickets + ["T999"], plan, "fixed")
    term = r.SeatPlan("机房", terminals=("PC-01", "PC-02"))
    assert r.assign_seats(["B", "A"], term, "fixed") == {"A": "PC-01", "B": "PC-02"}
    assert r.SeatPlan("机房", terminals=("A", "A")).problems() == ["机位编号有重复"]


def test_parse_bans_names_row_and_column():
    rows = [r.BAN_HEADERS, ("410102199003071234", "张三", "替考", "2026-01-01", "2028-01-01"),
            ("", "李四", "", "2026/13/01", None)]
    bans, errors = r.parse_bans(rows)
    assert len(bans) == 1
    text = [str(e) for e in errors]
    assert "工作表「禁考名单」第 3 行「证件号码」列：不能为空" in text
    assert any("第 3 行「开始日期」列" in t for t in text)
    assert any("第 3 行「原因」列" in t for t in text)
    assert "工作表「禁考名单」第 3 行「结束日期」列：不能为空（禁考须有截止日期）" in text
