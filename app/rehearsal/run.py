"""A whole exam day, from the evening before to the sealed bundle, on a fresh demo site.

    the evening before  bank and papers sealed (双人双锁), cameras configured, terminals
                        provisioned and enrolled, the readiness self-test signed
    08:20–09:30         the door (检录) on two door desk processes: tickets scanned, a second
                        check-in at the other desk refused, absentees, a late arrival refused,
                        an identity mismatch
    09:00               the theory exam on terminal processes over the LAN (loopback), cameras
                        recording, a misconduct finding during the exam, faults if asked for
    13:30               practical scoring at grader station processes, one reconciliation by
                        the chief at the chief's station
    afterwards          review chain, publication, certificate numbers and PDFs, official
                        tables, the export bundle signed and verified offline

``run_day`` returns a ``DayReport``; ``examsite demo --full`` prints it and
``bench/exam_day.py`` runs it at scale with faults."""

from __future__ import annotations

import datetime as _dt
import json
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from app.core import readiness as readiness_rules
from app.core.sitetime import site_date
from app.rehearsal.common import cst_at
from app.rehearsal.day import Day, DayClock


@dataclass
class DayPlan:
    candidates: int = 40
    rooms: int = 2
    terminals_per_room: int = 3
    graders: int = 4              # the demo has kaoping1–3 and the chief zuzhang; more are created
    door_desks: int = 2           # 检录台 processes at the door
    stations_per_grader: int = 1  # 实操评分站 processes each grader signs at (one sitting at each)
    absent: int = 2
    late: int = 1
    mismatch: int = 1
    pace: float = 0.05            # seconds between a candidate's answers
    cameras: int = 2
    camera_size: tuple[int, int] = (320, 240)
    segment_seconds: float = 20
    baseline_seconds: float = 0.0  # the master idle before the exam: the baseline of its UI stall
    seed: int = 2026
    kdf: dict | None = None       # None: the real Argon2id parameters
    profile: str = "henan"        # the demo site's province profile (app.core.profiles)


@dataclass
class DayReport:
    site_dir: Path
    out: Path
    phases: dict[str, float] = field(default_factory=dict)   # phase -> seconds
    readiness: object = None
    door: object = None
    theory: object = None
    finding: object = None
    practical: object = None
    closing: object = None
    cli_verify: tuple[int, str] = (0, "")
    artefacts: dict[str, Path] = field(default_factory=dict)
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        return (self.cli_verify[0] == 0 and self.closing is not None and self.closing.verify_ok
                and self.theory is not None and self.theory.lost == 0 and not self.theory.wrong_on_master
                and self.theory.scores_equal and not self.practical.mismatches)


    def summary(self) -> dict:
        """The day's figures, as written to 演练报告.json beside the artefacts."""
        th, pr, cl, door = self.theory, self.practical, self.closing, self.door
        return {
            "ok": self.ok, "seconds": round(self.seconds, 1),
            "phases": {k: round(v, 1) for k, v in self.phases.items()},
            "readiness": self.readiness.verdict if self.readiness else None,
            "door": door and {"checked_in": len(door.checked_in), "absent": door.absent,
                              "refused_late": door.refused_late, "mismatched": door.mismatched,
                              "by_desk": door.by_desk, "doubles_refused": {t: v[0] for t, v in door.doubles.items()}},
            "theory": th and {"candidates": len(th.seated), "terminals": len(th.terminals),
                              "answers_offered": th.answers_offered, "answers_on_master": th.answers_on_master,
                              "wrong_on_master": th.wrong_on_master, "scores_equal": th.scores_equal,
                              "master": th.master, "faults": th.faults},
            "finding": self.finding and {"ticket_no": self.finding.ticket_no, "ref": self.finding.ref},
            "practical": pr and {"sheets_signed": pr.sheets_signed, "reconciled": sorted(pr.reconciled),
                                 "mismatches": pr.mismatches, "stations": len(pr.stations),
                                 "sheets_at_stations": pr.sheets_at_stations,
                                 "reconciled_at_station": sorted(t for r in pr.stations.values()
                                                                 for t in r["reconciled"])},
            "closing": cl and {"passed": cl.passed, "failed": cl.failed, "certificates": cl.certificates,
                               "bundle": str(cl.bundle), "trust": str(cl.trust), "verify_ok": cl.verify_ok},
            "examsite_verify": {"exit": self.cli_verify[0], "output": self.cli_verify[1]},
            "artefacts": {k: str(v) for k, v in self.artefacts.items()},
        }


def _cameras(day: Day, plan: DayPlan) -> None:
    """Video files stand in for the room cameras (a site laptop here has none)."""
    from app.camera.synthetic import write_test_video
    from app.services.camera import CameraService

    svc = CameraService(day.login("admin"))
    rooms = svc.rooms()
    for i in range(plan.cameras):
        room = rooms[i % len(rooms)]
        video = write_test_video(day.out / "camera-sources" / f"C{i + 1:02d}.avi", 15 * 20, 15.0, plan.camera_size,
                                 f"ROOM {i % len(rooms) + 1}")
        svc.add_camera(f"C{i + 1:02d}", f"{room} 前方全景" if i < len(rooms) else f"{room} 后方",
                       room, f"R{i % len(rooms) + 1:02d}", str(video), loop=True)
    day.say(f"视频监控：{plan.cameras} 路摄像头已登记（以视频文件代替摄像头，循环播放）")


def _phase(report: DayReport, name: str, fn: Callable, *args, **kwargs):
    t0 = time.perf_counter()
    value = fn(*args, **kwargs)
    report.phases[name] = report.phases.get(name, 0.0) + time.perf_counter() - t0
    return value


def run_day(site_dir: Path, out: Path, plan: DayPlan | None = None, *, say: Callable[[str], None] = print,
            schedule: list | None = None, finding_at: float = 3.0) -> DayReport:
    """Build the demo site in ``site_dir`` and run the whole day; artefacts go to ``out``.
    ``schedule``: (seconds after the theory exam starts, action(room)) faults to inject."""
    from app.rehearsal import closing, door, practical, theory
    from app.services.demo import DEMO_PASSPHRASE, DEMO_PLAN, DEMO_STAFF, build_demo_site
    from app.services.readiness import ReadinessService
    from app.services.site import open_site

    plan = plan or DayPlan()
    t0 = time.perf_counter()
    report = DayReport(Path(site_dir), Path(out))
    exam_day = site_date(_dt.datetime.now(_dt.timezone.utc)) + _dt.timedelta(days=1)  # tomorrow, site time
    say(f"== 生成演示站点：{site_dir}（考生 {plan.candidates} 名，{plan.rooms} 个考场）")
    info = _phase(report, "站点", build_demo_site, Path(site_dir), candidates=plan.candidates, seed=plan.seed,
                  kdf=plan.kdf, exam_day=exam_day, profile=plan.profile,
                  rooms=[f"第{i}考场" for i in range(1, plan.rooms + 1)])
    handle = open_site(site_dir, DEMO_PASSPHRASE)
    try:
        clock = DayClock(cst_at(exam_day - _dt.timedelta(days=1), 18, 0))
        day = Day(handle, DEMO_PLAN, clock, exam_day, Path(out), {u: p for u, _, _, p, _ in DEMO_STAFF},
                  say=say, seed=plan.seed, passphrase=info.passphrase)

        say("== 考前一日：题库与试卷封存、考试终端准备与登记（试卷仍封存）、摄像头")
        _phase(report, "考前准备", theory.seal, day)
        room = _phase(report, "考前准备", theory.TheoryRoom, day, plan.terminals_per_room, pace=plan.pace,
                      segment_seconds=plan.segment_seconds, baseline_seconds=plan.baseline_seconds)
        _phase(report, "考前准备", _cameras, day, plan)

        say("== 考试当日 07:30：试卷解封（密钥经局域网自动发往已登记的终端）、考前自检")
        day.clock.jump_to(cst_at(exam_day, 7, 30))
        _phase(report, "考前准备", theory.unlock, day)
        readiness = _phase(report, "考前自检", ReadinessService(day.login("admin")).run, day.plan_no, hours=8)
        report.readiness = readiness
        for c in readiness.checks:
            say(f"  自检 {readiness_rules.MARKS[c.status]} {readiness_rules.STATUS_NAMES[c.status]:<3} {c.title}：{c.message}")

        say("== 考试当日 检录")
        report.door = _phase(report, "检录", door.run_door, day, absent=plan.absent, late=plan.late,
                             mismatch=plan.mismatch, desks=plan.door_desks, port=room.port)
        present = list(report.door.checked_in)
        say(f"  实到 {len(present)}（" + "，".join(f"{k} {v} 名" for k, v in report.door.by_desk.items())
            + f"），缺考 {len(report.door.absent)}，迟到拒入 {len(report.door.refused_late)}，"
            f"人证不符 {len(report.door.mismatched)}，跨检录台重复检录被拒 {len(report.door.doubles)}")

        say("== 理论机考（局域网，多台终端进程）")
        room.seat(present)
        offender = day.rng.choice(present)

        def finding(r):
            report.finding = closing.record_finding(day, offender)
            say(f"  违纪：{offender} {report.finding.ref}（两名监考签字、考场负责人确认）")

        report.theory = _phase(report, "理论机考", room.run, list(schedule or []) + [(finding_at, finding)])
        th = report.theory
        say(f"  作答：考生作答 {th.answers_offered} 项，主机收到且一致 {th.answers_on_master} 项；"
            f"复算成绩与登记成绩{'一致' if th.scores_equal else '不一致'}；主机界面最长卡顿 "
            f"{th.master.get('ui_stall_max_ms')} 毫秒，峰值内存 {th.master.get('peak_rss_mb')} MB")

        # the door's absentees (absent, late, mismatched) are 缺考 in theory: check-in's cut-off
        # (CheckinService.mark_absent, in the door phase) sent them to results by the door's road

        say("== 实操考核评分")
        graders = ["kaoping1", "kaoping2", "kaoping3"]
        report.practical = _phase(report, "实操评分", practical.run_practical, day, present=present,
                                  graders=graders, chief="zuzhang", extra_graders=max(0, plan.graders - 4),
                                  port=room.port, stations_per_grader=plan.stations_per_grader)
        pr = report.practical
        say(f"  评分站 {len(pr.stations)} 个，在评分站签字并被主机接受的评分表 {pr.sheets_at_stations} 张，"
            f"组长在评分站裁定 {len(pr.reconciled)} 名")

        say("== 成绩、公示、证书、上报数据包")
        report.closing = _phase(report, "成绩与上报", closing.run_closing, day)
        cl = report.closing
        r = subprocess.run([sys.executable, "-m", "app", "verify", str(cl.bundle), "--trust", str(cl.trust)],
                           capture_output=True, text=True)
        report.cli_verify = (r.returncode, (r.stdout + r.stderr).strip())
        say(f"  examsite verify：退出码 {r.returncode}，{report.cli_verify[1].splitlines()[-1] if report.cli_verify[1] else ''}")
        report.artefacts = dict(day.artefacts)
    finally:
        handle.close()
    report.seconds = time.perf_counter() - t0
    path = Path(out) / "演练报告.json"
    report.artefacts["演练报告（JSON）"] = path
    path.write_text(json.dumps(report.summary(), ensure_ascii=False, indent=1, default=str), encoding="utf-8")
    return report


def describe(report: DayReport) -> str:
    lines = ["", "== 一日演练完成" if report.ok else "== 一日演练完成，但有检查未通过", f"站点：{report.site_dir.resolve()}",
             f"产出目录：{report.out.resolve()}"]
    for label, path in report.artefacts.items():
        lines.append(f"  {label:<18} {path}")
    lines.append("各环节耗时：" + "，".join(f"{k} {v:.1f} 秒" for k, v in report.phases.items())
                 + f"；合计 {report.seconds:.1f} 秒")
    if report.closing is not None:
        lines.append(f"核验数据包：examsite verify {report.closing.bundle} --trust {report.closing.trust}")
    return "\n".join(lines)
