"""实操评分 on the rehearsed day: the office imports the scoring sheet (评分记录表), the
administrator forms the 考评组, every grader scores every present candidate at grader stations
(实操评分站: each its own process and encrypted store, enrolled to the master process and sent
the group), opening a sitting with their password (the signing key unsealed once) and signing
each sheet (key + drawn signature); the chief grader reconciles, at the chief's station, the
candidates whose graders' totals differ beyond the threshold; the summary
(汇总表) is signed, which hands the scores to results (source ``practical-summary``).

The scores are then recomputed independently from the signed sheets with the pure rules
(app.core.scoring) so a checker can compare "recomputed" with "reported".

A batch has exactly one 考评组 (ScoringSetupService keeps one group per batch): at scale all
graders sit in that one group and each scores every candidate."""

from __future__ import annotations

import datetime as _dt
import time
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

from app.core import grader_station as gs
from app.core import scoring as rules
from app.formats.scoring_template import (
    EXAMPLE_ITEMS,
    EXAMPLE_SETTINGS,
    EXAMPLE_TASKS,
    write_template_workbook,
)
from app.rehearsal.common import cst_at, signature_png
from app.rehearsal.day import Day
from app.services.results import ResultsService
from app.services.scoring import (
    ChiefGraderService,
    ScoringReportsService,
    ScoringSetupService,
)
from app.services.staff import StaffService

_EXTRA_NAMES = ["韩卫东", "曹永刚", "彭丽娟", "曾宪明", "田国栋", "董秀梅", "袁志刚", "潘建华", "蒋红霞", "蔡文斌",
                "魏长青", "吕晓峰"]
_RECONCILE_REASON = ("经回看实操录像并查验接线工件，考生第一次通电试验即成功；{who}误记为通电不成功，"
                     "按其余考评员评分裁定")


@dataclass
class PracticalReport:
    members: list[str]                       # the one 考评组 of the batch (usernames)
    chief: str
    present: list[str]
    absent: list[str]                        # recorded absent from practical
    reported: dict[str, Decimal | None]      # ticket -> final practical score, as ChiefGraderService reports it
    recomputed: dict[str, Decimal | None]    # ticket -> recomputed from the signed sheets (app.core.scoring)
    in_results: dict[str, Decimal | None]    # ticket -> the practical score results now hold
    reconciled: dict[str, Decimal]           # ticket -> the chief's decision
    totals: dict[str, dict[str, Decimal]]    # ticket -> grader -> sheet total
    mismatches: list[str] = field(default_factory=list)   # tickets where recomputed != reported (or != results)
    sheet_problems: list[str] = field(default_factory=list)  # ChiefGraderService.verify_sheets
    created: list[str] = field(default_factory=list)      # grader accounts this phase created
    sheets_signed: int = 0
    sign_seconds: float = 0.0                # signing work at the stations: one key unsealed per sitting + each sheet
    seconds: float = 0.0
    files: dict[str, Path] = field(default_factory=dict)
    stations: dict[str, dict] = field(default_factory=dict)  # grader station name -> its process's report
    station_stats: dict = field(default_factory=dict)        # the master process's figures meanwhile

    @property
    def sheets_at_stations(self) -> int:
        """Signed sheets the master accepted from grader stations."""
        return sum(r["verdicts"].get(gs.ACCEPTED, 0) for r in self.stations.values())

    @property
    def consistent(self) -> bool:
        return not self.mismatches and not self.sheet_problems


def _add_graders(day: Day, n: int) -> list[str]:
    """``n`` more 考评员 accounts, assigned to the batch (passwords into ``day.passwords``)."""
    from app.services.demo import DEMO_INSTITUTION, demo_grader_qualification

    admin = day.login("admin")
    staff = StaffService(admin)
    existing = {s.username for s in staff.list()}
    out = []
    k = 1
    while len(out) < n:
        u = f"kaoping{k}"
        k += 1
        if u in existing:
            continue
        pw = f"Demo-{u}-2026"
        staff.add(u, _EXTRA_NAMES[len(out) % len(_EXTRA_NAMES)] + ("" if len(out) < len(_EXTRA_NAMES) else str(k)),
                  pw, ["grader"], unit=DEMO_INSTITUTION.name, **demo_grader_qualification(u))
        staff.assign(day.plan_no, u, "grader")
        day.passwords[u] = pw
        out.append(u)
    return out


def _q(x: float) -> Decimal:
    """To the sheet's 0.5 step."""
    return (Decimal(str(x)) * 2).quantize(Decimal(1), ROUND_HALF_UP) / 2


def _entries(day: Day, items, ability: float, bias: float) -> dict:
    out = {}
    for _task, code, _title, points, *_rest, veto in items:
        if veto != "否":
            out[code] = "否"
            continue
        pts = float(points)
        v = _q(pts * min(1.0, max(0.0, ability + bias + day.rng.uniform(-0.02, 0.02))))
        out[code] = str(min(Decimal(points), max(Decimal(0), v)))
    return out


def _stations(day: Day, admin, members: list[str], chief: str, sheets: dict[str, list], chief_job: dict,
              port: int | None, work: Path, *, per_grader: int = 1, pace: float = 0.0,
              floor_options: dict | None = None) -> tuple[dict[str, dict], dict]:
    """Grader stations enrolled to the master process and provisioned with the batch's group,
    ``per_grader`` for each member (a grader opens one sitting at each and signs the share of
    their sheets there); the chief decides the discrepancies at the chief's last station."""
    from app.core import stations as st
    from app.rehearsal.stations import StationFloor
    from app.services.grader_stations import GraderStationService

    floor = StationFloor(day, work, port, **(floor_options or {}))
    floor.start_master()
    try:
        n = 0
        for u in members:
            for k in range(per_grader):
                n += 1
                name = f"评分站{n}"
                mid = floor.enroll(work / f"grader{n}", st.GRADER_STATION, name, "实操车间")
                expect = GraderStationService(admin).provision_grader_station(mid, day.plan_no, 1)
                floor.spawn(name, {"kind": "grader", "folder": str(work / f"grader{n}"), "expect": expect,
                                   "username": u, "password": day.passwords[u], "sheets": sheets[u][k::per_grader],
                                   "pace": pace,
                                   "chief": chief_job if u == chief and k == per_grader - 1 else None})
        day.say(f"实操：{n} 个评分站（各自的进程与加密库）已登记到考务主机并收到考评组、考生名单与评分记录表")
        reports = floor.collect()
    finally:
        stats = floor.stop()
    for name, r in reports.items():
        if set(r["verdicts"]) != {gs.ACCEPTED}:
            raise AssertionError(f"{name} 的评分表未全部被主机接受：{r['verdicts']}")
    return reports, stats


def run_practical(day: Day, *, present: list[str], graders: list[str], chief: str, extra_graders: int = 0,
                  reconcile: int = 1, starts_at: _dt.datetime | None = None, office: str = "kaowu",
                  members_sign_summary: bool = True, port: int | None = None, stations_per_grader: int = 1,
                  sheet_pace: float = 0.0, floor_options: dict | None = None) -> PracticalReport:
    t0 = time.perf_counter()
    starts_at = starts_at or cst_at(day.exam_day, 13, 30)
    day.clock.jump_to(starts_at - _dt.timedelta(minutes=30))
    created = _add_graders(day, extra_graders) if extra_graders else []
    members = list(dict.fromkeys([*graders, chief, *created]))
    admin = day.login("admin")
    everyone = [c.ticket_no for c in ResultsService(admin).results(day.plan_no)]
    present = [t for t in everyone if t in set(present)]
    absent = [t for t in everyone if t not in set(present)]
    if reconcile > len(present):
        raise ValueError("需裁定的考生多于实到考生")
    day.say(f"实操：考评组 {len(members)} 人（组长 {day.login(chief).actor.name}），实到考生 {len(present)} 名，缺考 {len(absent)} 名")

    # -- the scoring sheet and the group ------------------------------------------------------
    out = day.out / "实操"
    out.mkdir(parents=True, exist_ok=True)
    settings = [list(r) for r in EXAMPLE_SETTINGS]
    even = len(members) % 2 == 0
    if even:  # the example sheet wants an odd group; the demo's group has four
        settings = [[k, "是"] if k == rules.SETTINGS_KEYS["allow_even"][0] else [k, v] for k, v in settings]
    tpl_path = out / "评分记录表模板.xlsx"
    write_template_workbook(tpl_path, settings, EXAMPLE_TASKS, EXAMPLE_ITEMS)
    template = ScoringSetupService(day.login(office)).import_template(day.plan_no, tpl_path)
    conflicts = ScoringSetupService(admin).set_group(day.plan_no, members, chief)
    if conflicts:
        head = ScoringSetupService(day.login("kaochang"))
        for c in conflicts:
            head.allow_avoidance(day.plan_no, c.grader, c.ticket_no, "经核实无利害关系，同意评分")
    chief_login = day.login(chief, "chief_grader")
    chief_svc = ChiefGraderService(chief_login)
    grader_logins = {u: day.login(u, "grader") for u in members}
    signatures = {u: signature_png(u) for u in members}
    for t in absent:
        chief_svc.mark_absent(day.plan_no, t, "未参加实操考核")

    # -- every grader scores every present candidate, independently, at grader stations --------
    day.clock.jump_to(starts_at)
    disagree = set(day.rng.sample(present, reconcile))
    odd_one = next(u for u in members if u != chief)
    names = {m[0]: m[1] for m in ScoringSetupService(chief_login).group(day.plan_no).members}
    sheets: dict[str, list] = {u: [] for u in members}
    for t in present:
        ability = min(0.98, max(0.35, day.rng.gauss(0.8, 0.12)))
        for u in members:
            entries = _entries(day, EXAMPLE_ITEMS, ability, day.rng.uniform(-0.015, 0.015))
            if t in disagree and u == odd_one:
                entries["1.3"] = "0"   # recorded two failed power-ups: 50 points of task 1 gone
            sheets[u].append([t, entries])
    chief_job = {"candidates": len(present), "odd_one": odd_one, "odd_name": names[odd_one],
                 "reason": _RECONCILE_REASON}
    stations, station_stats = _stations(day, admin, members, chief, sheets, chief_job, port,
                                        out / "评分站", per_grader=stations_per_grader, pace=sheet_pace,
                                        floor_options=floor_options)
    signed = sum(r["signed"] for r in stations.values())
    sign_seconds = sum(sum(r["sign_seconds"]) + r["unseal_seconds"] for r in stations.values())
    reconciled: dict[str, Decimal] = {}
    for r in stations.values():
        for t, (score, answer, spread) in r["reconciled"].items():
            reconciled[t] = Decimal(score)
            day.say(f"实操：{t} 考评员总分相差 {spread} 分，超过阈值 {template.rules.spread}，"
                    f"组长在评分站裁定 {score} 分（主机答复：{'已接受' if answer == gs.ACCEPTED else answer}）")
    day.say(f"实操：{len(stations)} 个评分站签字评分表 {signed} 张，主机全部接受"
            f"（每次登录解封一次签名密钥，签字合计 {sign_seconds:.1f} 秒）")
    if set(reconciled) != disagree:
        raise AssertionError(f"分差超限的考生 {sorted(reconciled)} 与安排的 {sorted(disagree)} 不一致")
    day.clock.advance(minutes=20)
    if members_sign_summary:
        for u in members:
            if u != chief:
                ChiefGraderService(grader_logins[u]).sign_summary(day.plan_no, day.passwords[u], signatures[u])
    chief_svc.sign_summary(day.plan_no, day.passwords[chief], signatures[chief])
    day.say("实操：考评组长已签署汇总表，实操成绩已转入成绩")
    reports = ScoringReportsService(chief_login)
    summary_pdf = reports.summary_pdf(day.plan_no, out / "实操成绩汇总表.pdf")
    sheets_pdf = reports.filled_sheets_pdf(day.plan_no, out / "评分记录表（已签字）.pdf")
    files = {"汇总表": day.artefact("实操成绩汇总表", summary_pdf),
             "评分记录表": day.artefact("评分记录表（已签字）", sheets_pdf),
             "评分记录表模板": tpl_path}

    # -- what the service reports, and the same recomputed from the signed sheets -------------
    reported = {r.ticket_no: r.score for r in chief_svc.practical_summary(day.plan_no)}
    results = {r.ticket_no: r.scores.get("practical") for r in ResultsService(admin).results(day.plan_no)}
    recomputed: dict[str, Decimal | None] = {t: None for t in absent}
    totals: dict[str, dict[str, Decimal]] = {}
    viewer = ChiefGraderService(admin)
    tpl = ScoringSetupService(admin).template(day.plan_no)
    for t in present:
        latest: dict[str, object] = {}
        for sh in viewer.sheets(day.plan_no, t):
            if sh.status == "signed" and (sh.grader not in latest or sh.version > latest[sh.grader].version):
                latest[sh.grader] = sh
        totals[t] = {g: rules.score_sheet(tpl, sh.entries).total for g, sh in sorted(latest.items())}
        values = list(totals[t].values())
        recomputed[t] = (reconciled.get(t) if rules.discrepant(values, tpl.rules.spread)
                         else rules.aggregate(values, tpl.rules.aggregation))
    mismatches = sorted(t for t in everyone
                        if recomputed.get(t) != reported.get(t) or
                        (results.get(t) is not None and Decimal(results[t]) != reported.get(t)) or
                        (results.get(t) is None) != (reported.get(t) is None))
    problems = viewer.verify_sheets(day.plan_no)

    seconds = time.perf_counter() - t0
    report = PracticalReport(members, chief, present, absent, reported, recomputed, results, reconciled, totals,
                             mismatches, problems, created, signed, sign_seconds, seconds, files, stations,
                             station_stats)
    day.say(f"实操结束：签字评分表 {signed} 张，组长裁定 {len(reconciled)} 名；复算与汇总"
            f"{'一致' if report.consistent else '不一致：' + '、'.join(mismatches[:5])}（用时 {seconds:.1f} 秒，"
            f"其中签字 {sign_seconds:.1f} 秒）")
    return report
