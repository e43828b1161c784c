"""检录 for one exam session of the rehearsed day: the session, the printed tickets and
sheets, then every candidate at the door through the same service calls the desk makes.

Most candidates show their ticket (the signed QR is scanned, looked up, the desk photo
taken, checked in); ``absent`` never come and are recorded absent at the cut-off;
``late`` arrive after the cut-off and are refused (the refusal is journaled by the
service); ``mismatch`` are judged 人证不符 at the desk, which opens an impersonation
incident.  The theory room seats only ``DoorReport.checked_in``."""

from __future__ import annotations

import datetime as _dt
import math
import random
import time
from dataclasses import dataclass, field
from pathlib import Path

from app.formats.checkin_pdf import door_list_pdf, seat_chart_pdf, signin_sheet_pdf, tickets_pdf
from app.rehearsal.common import cst_at, hhmm
from app.rehearsal.day import Day
from app.services.checkin import IMPERSONATION, CheckinService, DoorRefused
from app.services.demo import demo_photo
from app.services.roster import RosterService

DESK = "kaowu"  # the 考务 staff at the door desk


@dataclass
class DoorReport:
    session_id: int
    session_name: str
    starts_at: _dt.datetime
    cutoff: _dt.datetime
    checked_in: list[str] = field(default_factory=list)      # tickets, in arrival order
    absent: list[str] = field(default_factory=list)          # chosen to stay away
    refused_late: list[str] = field(default_factory=list)    # came after the cut-off, refused
    mismatched: list[str] = field(default_factory=list)      # 人证不符 at the desk
    recorded_absent: list[str] = field(default_factory=list)  # what mark_absent recorded (all not checked in)
    refusals: dict[str, str] = field(default_factory=dict)   # ticket -> the refusal message
    incidents: list[int] = field(default_factory=list)       # door incident ids (impersonation suspected)
    rooms: dict[str, list[str]] = field(default_factory=dict)  # room -> tickets checked in
    files: dict[str, Path] = field(default_factory=dict)
    seconds: float = 0.0


def _seat_plan(svc: CheckinService, plan_no: str, room: str, cands) -> None:
    """The room's seat plan, keeping the seats the roster gave (the theory room uses them):
    a grid when the roster's seats are the grid's labels in ticket order, else the list
    of those seats as terminals.  Left alone when the room already has a plan."""
    from app.core.errors import NotFound
    from app.core.checkin import SeatPlan

    try:
        svc.seat_chart(plan_no, room)
        return
    except NotFound:
        pass
    ordered = sorted(cands, key=lambda c: c.ticket_no)
    seats = [c.seat for c in ordered]
    cols = 6 if len(ordered) > 30 else 5
    rows = max(1, math.ceil(len(ordered) / cols))
    grid = SeatPlan(room, rows, cols).labels()[:len(ordered)]
    if seats == grid or not all(seats) or len(set(seats)) != len(seats):
        svc.assign_seats(plan_no, room, rows=rows, cols=cols, mode="fixed")
    else:
        svc.assign_seats(plan_no, room, terminals=seats, mode="fixed")


def run_door(day: Day, *, absent: int = 2, late: int = 1, mismatch: int = 1, session_name: str = "理论知识考试",
             subject: str = "theory", starts_at: _dt.datetime | None = None, late_minutes: int = 30,
             desk: str = DESK) -> DoorReport:
    t0 = time.perf_counter()
    exam_day = day.exam_day
    starts_at = starts_at or cst_at(exam_day, 9, 0)
    day.clock.jump_to(starts_at - _dt.timedelta(minutes=40))
    office = day.login(desk)
    svc = CheckinService(office)
    cands = RosterService(office).candidates(day.plan_no)
    if absent + late + mismatch > len(cands):
        raise ValueError("缺考、迟到、人证不符的人数超过考生人数")
    day.say(f"检录：{session_name}，{hhmm(starts_at)} 开考，考生 {len(cands)} 名")

    # -- before the door opens: the session, seats, tickets and sheets -------------------
    sid = svc.create_session(day.plan_no, session_name, subject, starts_at, late_minutes)
    session = next(s for s in svc.sessions(day.plan_no) if s.id == sid)
    report = DoorReport(sid, session_name, starts_at, session.cutoff)
    by_room: dict[str, list] = {}
    for c in cands:
        by_room.setdefault(c.room, []).append(c)
    out = day.out / "检录"
    out.mkdir(parents=True, exist_ok=True)
    for room, members in sorted(by_room.items()):
        _seat_plan(svc, day.plan_no, room, members)
        path = out / f"座位表-{room}.pdf"
        seat_chart_pdf(path, day.plan_no, svc.seat_chart(day.plan_no, room))
        report.files[f"座位表 {room}"] = day.artefact(f"座位表 {room}", path)
    sheets = svc.tickets(day.plan_no)
    n = tickets_pdf(out / "准考证.pdf", sheets)
    report.files["准考证"] = day.artefact("准考证", out / "准考证.pdf")
    rows = svc.sheet_rows(day.plan_no, session_id=sid)
    signin_sheet_pdf(out / f"签到表-{session_name}.pdf", day.plan_no, session_name, rows)
    door_list_pdf(out / "考场门贴名单.pdf", day.plan_no, rows)
    report.files["签到表"] = day.artefact(f"签到表 {session_name}", out / f"签到表-{session_name}.pdf")
    report.files["门贴名单"] = day.artefact("考场门贴名单", out / "考场门贴名单.pdf")
    day.say(f"检录：已打印准考证 {n} 张、签到表、门贴名单、座位表 {len(by_room)} 份")

    # -- who does what (deterministic from the day's seed) -------------------------------
    tickets = [c.ticket_no for c in cands]
    chosen = day.rng.sample(tickets, absent + late + mismatch)
    report.absent = sorted(chosen[:absent])
    late_ones = sorted(chosen[absent:absent + late])
    mismatch_ones = set(chosen[absent + late:])
    by_ticket = {c.ticket_no: c for c in cands}
    arriving = [t for t in tickets if t not in set(report.absent) | set(late_ones)]
    day.rng.shuffle(arriving)

    # -- the door opens: arrivals spread over the time before the cut-off ----------------
    day.clock.jump_to(starts_at - _dt.timedelta(minutes=30))
    window = (session.cutoff - _dt.timedelta(minutes=2) - day.clock.now()).total_seconds()
    step = max(1.0, min(20.0, window / max(1, len(arriving))))
    for i, t in enumerate(arriving):
        c = by_ticket[t]
        qr = svc.ticket_code(t)              # the signed code on the printed ticket, scanned
        found = svc.lookup(sid, qr)
        assert found.via == "qr" and found.matches[0].ticket_no == t
        if t in mismatch_ones:
            stranger = demo_photo(random.Random(day.rng.random()), "女" if c.sex == "男" else "男")
            report.incidents.append(svc.report_mismatch(sid, t, stranger, "持证人与准考证、证件照片不符，疑似冒名顶替"))
            report.mismatched.append(t)
            day.say(f"检录：{t} {c.name} 人证不符，未予入场，已报告考场负责人")
        else:
            res = svc.check_in(sid, t, demo_photo(random.Random(day.rng.random()), c.sex))
            report.checked_in.append(t)
            report.rooms.setdefault(res.room, []).append(t)
        if (i + 1) % 50 == 0:
            day.say(f"检录：已检录 {len(report.checked_in)} 名")
        day.clock.advance(seconds=step)

    # -- after the cut-off: the late ones are refused, then the absences are recorded ----
    day.clock.jump_to(session.cutoff + _dt.timedelta(minutes=3))
    for t in late_ones:
        svc.lookup(sid, svc.ticket_code(t))
        try:
            svc.check_in(sid, t, demo_photo(random.Random(day.rng.random()), by_ticket[t].sex))
        except DoorRefused as exc:
            if exc.code != "late":
                raise
            report.refused_late.append(t)
            report.refusals[t] = str(exc)
            day.say(f"检录：{t} {by_ticket[t].name} 迟到，拒绝入场（{exc}）")
        else:
            raise AssertionError(f"迟到考生 {t} 被允许入场")
        day.clock.advance(seconds=30)
    report.recorded_absent = svc.mark_absent(sid)
    kinds = [i.kind for i in CheckinService(day.login("kaochang")).incidents(sid)]
    assert kinds.count(IMPERSONATION) == len(report.mismatched)
    counts = svc.counts(sid)
    signin_sheet_pdf(out / f"签到表-{session_name}-已检录.pdf", day.plan_no, session_name,
                     svc.sheet_rows(day.plan_no, session_id=sid))
    report.files["签到表（已检录）"] = day.artefact(f"签到表 {session_name}（检录结果）",
                                                out / f"签到表-{session_name}-已检录.pdf")
    for rc in counts:
        day.say(f"检录：{rc.room} 应到 {rc.expected}，实到 {rc.present}，缺考 {rc.absent}")
    report.seconds = time.perf_counter() - t0
    day.say(f"检录结束：入场 {len(report.checked_in)} 名，缺考 {len(report.absent)} 名，迟到拒入 "
            f"{len(report.refused_late)} 名，人证不符 {len(report.mismatched)} 名（用时 {report.seconds:.1f} 秒）")
    return report
