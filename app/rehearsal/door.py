"""检录 for one exam session of the rehearsed day: the session, the printed tickets and
sheets, then every candidate at the door.

Most candidates show their ticket at one of two door desks (检录台: each its own process and
encrypted store, enrolled to the master process and sent the session's roster slice; the
master answers each check-in); one of them shows it again at the other desk and is refused
there (``DoorReport.doubles``); ``absent`` never come and are recorded absent at the cut-off;
``late`` arrive after the cut-off and are refused (the refusal is journaled by the
service); ``mismatch`` are judged 人证不符 and sent to the 考务 office, whose desk on the master opens an impersonation
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
    desks: dict[str, dict] = field(default_factory=dict)       # desk name -> its process's report
    doubles: dict[str, list] = field(default_factory=dict)     # ticket -> [code at the 2nd desk, seconds]
    desk_stats: dict = field(default_factory=dict)             # the master process's figures meanwhile
    seconds: float = 0.0

    @property
    def by_desk(self) -> dict[str, int]:
        """Check-ins the master admitted, per door desk."""
        return {name: len(d["admitted"]) for name, d in self.desks.items()}


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


def _desks(day: Day, svc: CheckinService, sid: int, arrivals: list, n: int, port: int | None, work: Path, *,
           double: int = 1, floor_options: dict | None = None) -> tuple[dict[str, dict], dict]:
    """``n`` door desks enrolled to the master process, provisioned with the session's roster
    slice, each checking in its share of ``arrivals`` (ticket, sex, photo seed) from its own
    process; then ``double`` of desk 1's candidates show their ticket at desk 2 as well."""
    from app.core import stations as st
    from app.rehearsal.stations import StationFloor
    from app.services.stations import StationService

    floor = StationFloor(day, work, port, **(floor_options or {}))
    floor.start_master()
    try:
        shares = [arrivals[i::n] for i in range(n)]
        names = [f"检录台{i + 1}" for i in range(n)]
        for i, name in enumerate(names):
            mid = floor.enroll(work / f"desk{i + 1}", st.DOOR_DESK, name)
            expect = StationService(svc.ctx).provision_door_desk(mid, sid)
            again = shares[0][:double] if i == 1 else []
            floor.spawn(name, {"kind": "door", "folder": str(work / f"desk{i + 1}"), "expect": expect,
                               "checkins": shares[i], "again": again, "by_name": name,
                               "done_file": str(work / f"desk{i + 1}.done"), "other_done": str(work / "desk1.done")})
        day.say(f"检录：{n} 个检录台（各自的进程与加密库）已登记到考务主机并收到名册，开始检录")
        reports = dict(zip(names, floor.collect().values()))
    finally:
        stats = floor.stop()
    for name, r in reports.items():
        if r["refused"]:
            raise AssertionError(f"{name} 检录被拒：{r['refused']}")
        for t, (code, _) in r["doubles"].items():
            if code != st.ALREADY:
                raise AssertionError(f"{t} 在两个检录台重复检录未被拒绝（{code}）")
    return reports, stats


def run_door(day: Day, *, absent: int = 2, late: int = 1, mismatch: int = 1, session_name: str = "理论知识考试",
             subject: str = "theory", starts_at: _dt.datetime | None = None, late_minutes: int = 30,
             desk: str = DESK, desks: int = 2, port: int | None = None, double: int = 1,
             floor_options: dict | None = None) -> DoorReport:
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

    # -- the door opens: two door desks (their own processes and stores) check the arrivals in
    day.clock.jump_to(starts_at - _dt.timedelta(minutes=30))
    arrivals = [(t, by_ticket[t].sex, day.rng.random()) for t in arriving if t not in mismatch_ones]
    report.desks, report.desk_stats = _desks(day, svc, sid, arrivals, desks, port, out / "检录台",
                                                double=double, floor_options=floor_options)
    admitted = {t for d in report.desks.values() for t in d["admitted"]}
    report.checked_in = [t for t, _, _ in arrivals if t in admitted]
    for t in report.checked_in:
        report.rooms.setdefault(by_ticket[t].room, []).append(t)
    report.doubles = {t: v for d in report.desks.values() for t, v in d["doubles"].items()}
    day.say("检录：" + "，".join(f"{name} 检录入场 {len(d['admitted'])} 名" for name, d in report.desks.items())
            + "".join(f"；{t} 在另一检录台再次出示准考证，{v[1] * 1000:.0f} 毫秒内被拒绝（已在其他检录台入场）"
                      for t, v in report.doubles.items()))
    # 人证不符 is the room head's business: the desk sends the person to the 考务 office, where
    # the master's desk records it (the desks have no incident screen)
    for t in arriving:
        if t in mismatch_ones:
            c = by_ticket[t]
            qr = svc.ticket_code(t)
            assert svc.lookup(sid, qr).matches[0].ticket_no == t
            stranger = demo_photo(random.Random(day.rng.random()), "女" if c.sex == "男" else "男")
            report.incidents.append(svc.report_mismatch(sid, t, stranger, "持证人与准考证、证件照片不符，疑似冒名顶替"))
            report.mismatched.append(t)
            day.say(f"检录：{t} {c.name} 人证不符，未予入场，已报告考场负责人")

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
