"""The theory room of a rehearsed day: the site master and every exam terminal as their own
processes on loopback, scripted candidates sitting the real exam engine, faults injected on
a schedule, and at the end a check that the master holds exactly what every candidate
answered and that every theory score in results is the score of those answers."""

from __future__ import annotations

import datetime as _dt
import json
import os
import subprocess
import sys
import time
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from app.core.exam.questions import LABELS
from app.core.exam.scoring import score
from app import platform
from app.net.master import MasterLink
from app.net.simulate import free_port
from app.net.terminal import TerminalNode
from app.rehearsal.bank import seal_papers, unlock_papers
from app.rehearsal.day import Day
from app.rehearsal.master_host import write_json_atomically
from app.rehearsal.terminal_candidate import final_answer, knowledge, known_answer
from app.services.net import NetService, ProctorService
from app.services.results import ResultsService
from app.services.room import RoomService
from app.services.roster import RosterService
from app.services.terminal import TerminalService
from app.services.theory import AnswerKey, PaperService

ROOT = Path(__file__).resolve().parents[2]
TERMINAL_PASSPHRASE = "rehearsal-terminal-2026"
CUSTODIANS = ("admin", "kaowu")  # 双人双锁: the two who seal and unlock the papers
# Each terminal is its own PC on a site; here 60 of them share the master's two cores.  At nice 10
# a process weighs about a tenth of one at nice 0, so 60 terminals busy at once (reconnecting with
# their backlog after the master restarts) outweighed the master six to one and its screen waited;
# at 19 they weigh together about as much as one process of the master's.
TERMINAL_NICENESS = 19
WARMUP_S = 3.0  # each master start's first seconds, while its screen is built: reported apart


@dataclass
class Terminal:
    folder: Path
    room: str
    tickets: list[str]
    machine_id: str = ""
    proc: subprocess.Popen | None = None
    fault_file: Path | None = None
    starts: int = 0
    report: dict | None = None


@dataclass
class TheoryReport:
    seated: dict[str, str]                    # ticket -> terminal folder name
    answers_offered: int                      # final answers the candidates gave
    answers_on_master: int                    # of those, the same on the master
    wrong_on_master: list[str]                # tickets whose merged answers differ
    scores_recomputed: dict[str, Decimal]     # from the candidates' answers, by the core's rules
    scores_reported: dict[str, Decimal | None]  # theory scores in results
    master: dict                              # worst of the master's runs: UI stall, peak memory, cameras
    terminals: list[dict]                     # each terminal process's last report
    faults: list[str] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def scores_equal(self) -> bool:
        return self.scores_recomputed == self.scores_reported

    @property
    def lost(self) -> int:
        return self.answers_offered - self.answers_on_master


def seal(day: Day) -> None:
    """The evening before: bank, blueprint, papers sealed by both custodians."""
    custodians = [(u, day.passwords[u]) for u in CUSTODIANS]
    seal_papers(day.login(CUSTODIANS[0]), day.plan_no, custodians, seed=f"rehearsal-{day.seed}")
    day.say("理论试卷：题库导入、组卷，两名保管人分别输入密码封存（双人双锁）")


def unlock(day: Day) -> None:
    """On the exam day, in the exam window: both custodians again."""
    custodians = [(u, day.passwords[u]) for u in CUSTODIANS]
    unlock_papers(day.login(CUSTODIANS[1]), day.plan_no, custodians[::-1])
    day.say("理论试卷：两名保管人在考试时间窗口内共同解封；试卷密钥随解封加密发往前一晚登记的考试终端")


class TheoryRoom:
    """Terminals provisioned and enrolled, candidates seated by room, then the exam run."""

    def __init__(self, day: Day, terminals_per_room: int, *, pace: float = 0.05, change_rate: float = 0.1,
                 record_cameras: bool = True, segment_seconds: float = 20, baseline_seconds: float = 0.0):
        """The evening before: ``terminals_per_room`` terminals for each of the batch's rooms,
        provisioned from the sealed batch and enrolled to the master."""
        self.day = day
        self.work = day.out / "theory-room"
        self.work.mkdir(parents=True, exist_ok=True)
        self.pace, self.change_rate = pace, change_rate
        self.record_cameras, self.segment_seconds = record_cameras, segment_seconds
        self.baseline_seconds = baseline_seconds
        self.port = free_port()
        self.master: subprocess.Popen | None = None
        self.master_runs: list[Path] = []  # each run's stats file
        self.master_starts = 0
        self.faults: list[str] = []
        self.disk_fault = self.work / "disk-nearly-full"
        self.room_ready = self.work / "room-ready"  # every terminal on and waiting: the master's warm-up ends
        self.go_file = self.work / "room-started"  # the proctor started the room: the candidates log in
        self.key: AnswerKey | None = None  # the unlocked papers' answers, read on the master's side
        rooms = next(b.rooms for b in RosterService(day.login("kaowu")).batches() if b.plan_no == day.plan_no)
        self.terminals = [Terminal(self.work / f"T{r + 1}{i + 1:02d}", room, [])
                          for r, room in enumerate(rooms) for i in range(terminals_per_room)]
        self._provision(day.login("kaowu"))

    def seat(self, present: list[str]) -> None:
        """The morning: the candidates who came through the door, spread over their room's
        terminals (each terminal seats its candidates one after another)."""
        cands = {c.ticket_no: c for c in RosterService(self.day.login("kaowu")).candidates(self.day.plan_no)}
        self.tails = {t: cands[t].id_no[-6:] for t in present}
        (self.work / "tails.json").write_text(json.dumps(self.tails))
        for room in {t.room for t in self.terminals}:
            here = [t for t in self.terminals if t.room == room]
            seated = sorted(t for t in present if cands[t].room == room)
            for i, term in enumerate(here):
                term.tickets = seated[i::len(here)]
        self.terminals = [t for t in self.terminals if t.tickets]

    # -- set-up -------------------------------------------------------------------------
    def _provision(self, office) -> None:
        """Each terminal store made from the batch and enrolled against the master's link."""
        day = self.day
        link = MasterLink(day.handle, "127.0.0.1", self.port).start()
        try:
            admin = NetService(day.login("admin"))
            for t in self.terminals:
                TerminalService(office).provision(t.folder, TERMINAL_PASSPHRASE, day.plan_no)
                node = TerminalNode.open(t.folder, TERMINAL_PASSPHRASE)
                try:
                    admin.grant(node.request_enrollment(link.url, t.folder.name), t.folder.name)
                    node.complete_enrollment()
                    t.machine_id = node.machine_id
                finally:
                    node.close()
        finally:
            link.stop()
        day.say(f"考试终端：{len(self.terminals)} 台已准备并登记到考务主机（局域网，回环地址）")

    def _env(self) -> dict:
        return {**os.environ, "PYTHONPATH": str(ROOT), "QT_QPA_PLATFORM": "offscreen",
                "EXAMSITE_PASSPHRASE": self.day.passphrase,
                "EXAMSITE_TERMINAL_PASSPHRASE": TERMINAL_PASSPHRASE,
                "EXAMSITE_REHEARSAL_PASSWORDS": json.dumps({u: self.day.passwords[u] for u in ("jiankao1", "kaowu")})}

    # -- processes ----------------------------------------------------------------------
    def start_master(self) -> None:
        self.master_starts += 1
        stats = self.work / f"master-{self.master_starts}.json"
        offset = (self.day.clock.now() - _dt.datetime.now(_dt.timezone.utc)).total_seconds()
        cmd = [sys.executable, "-m", "app.rehearsal.master_host", "--site", str(self.day.handle.site_dir),
               "--port", str(self.port), "--stats", str(stats), "--clock-offset", f"{offset:.3f}",
               "--segment-seconds", str(self.segment_seconds), "--disk-fault", str(self.disk_fault),
               "--baseline-seconds", str(self.baseline_seconds if self.master_starts == 1 else 0),
               "--warmup-seconds", str(WARMUP_S if self.baseline_seconds else 0),
               "--ready-file", str(self.room_ready)]
        if self.record_cameras:
            cmd.append("--record")
        with open(self.work / f"master-{self.master_starts}.log", "w") as log:
            self.master = subprocess.Popen(cmd, env=self._env(), cwd=ROOT, stdout=subprocess.PIPE, stderr=log, text=True,
                                           **platform.child_kwargs())
        line = self.master.stdout.readline()
        if not line.startswith("READY"):
            raise RuntimeError(f"考务主机未能启动：{line!r}（见 {self.work}/master-{self.master_starts}.log）")
        self.master_runs.append(stats)

    def stop_master(self) -> None:
        if self.master and self.master.poll() is None:
            platform.ask_to_stop(self.master)
            try:
                self.master.wait(timeout=60)
            except subprocess.TimeoutExpired:
                self.master.kill()
                self.master.wait()

    def start_terminal(self, t: Terminal) -> None:
        t.starts += 1
        t.fault_file = self.work / f"{t.folder.name}.cut"
        cmd = [sys.executable, "-m", "app.rehearsal.terminal_candidate", str(t.folder), "--go", str(self.go_file),
               "--tails", str(self.work / "tails.json"), "--plan", self.day.plan_no, "--pace", str(self.pace),
               "--change-rate", str(self.change_rate), "--fault", str(t.fault_file),
               "--knows", str(self.work / "knows.json")]
        for ticket in t.tickets:
            cmd += ["--ticket", ticket]
        # each terminal is its own PC on a real site; here they share the master's cores, so they
        # run at a lower priority to leave the master what its own laptop would give it
        with open(self.work / f"{t.folder.name}-{t.starts}.log", "w") as log:
            t.proc = subprocess.Popen(cmd, env=self._env(), cwd=ROOT, stdout=subprocess.PIPE, stderr=log, text=True,
                                      **platform.child_kwargs(TERMINAL_NICENESS))

    # -- faults -------------------------------------------------------------------------
    def note(self, text: str) -> None:
        self.faults.append(text)
        self.day.say(f"  故障注入：{text}")

    def kill_terminal(self, t: Terminal) -> None:
        if t.proc and t.proc.poll() is None:
            platform.kill(t.proc)
            t.proc.wait()
            self.note(f"终端 {t.folder.name} 被强制结束（SIGKILL），随即重启，考生重新登录续考")
            self.start_terminal(t)

    def restart_master(self, down_seconds: float = 2.0) -> None:
        if self.master and self.master.poll() is None:
            platform.kill(self.master)
            self.master.wait()
            self.note(f"考务主机被强制结束（SIGKILL），{down_seconds:g} 秒后重启")
            time.sleep(down_seconds)
            self.start_master()

    def cut_link(self, terms: list[Terminal]) -> None:
        for t in terms:
            t.fault_file.write_text("cut")
        self.note(f"{len(terms)} 台终端网线断开")

    def mend_link(self, terms: list[Terminal]) -> None:
        for t in terms:
            t.fault_file.unlink(missing_ok=True)
        self.note(f"{len(terms)} 台终端网线恢复")

    def camera_gone(self, source: Path, on: bool) -> None:
        """The camera's cable pulled (its video file moved away) and plugged back."""
        away = source.with_name(source.name + ".gone")
        if on and source.exists():
            source.rename(away)
        elif not on and away.exists():
            away.rename(source)
        self.note(f"摄像头信号{'中断' if on else '恢复'}（{source.name}）")

    def disk_nearly_full(self, on: bool) -> None:
        if on:
            self.disk_fault.write_text("full")
        else:
            self.disk_fault.unlink(missing_ok=True)
        self.note("考务主机磁盘接近写满（低于告警线）" if on else "考务主机磁盘空间恢复")

    # -- the exam -----------------------------------------------------------------------
    def run(self, schedule: list[tuple[float, callable]] | None = None, timeout: float = 1800) -> TheoryReport:
        """Start the master and every terminal; run ``schedule`` (seconds after the start, action);
        wait until every terminal has finished and the master holds all it made."""
        day = self.day
        # what the skilled candidates know: from the answer key the admin reads on the master
        # (a terminal's own services never hand out answers)
        self.key = PaperService(day.login("admin")).answer_key(day.plan_no)
        (self.work / "knows.json").write_text(json.dumps(knowledge(self.key.questions.values()), ensure_ascii=False),
                                              encoding="utf-8")
        self.start_master()
        # the terminals are switched on before the exam, each on its own PC at a site: here their
        # processes start now, and the candidates wait at the login screen until the room starts
        for t in self.terminals:
            self.start_terminal(t)
        for t in self.terminals:
            line = t.proc.stdout.readline()
            if not line.startswith("READY"):
                raise RuntimeError(f"终端 {t.folder.name} 未能就绪，见 {self.work}/{t.folder.name}-{t.starts}.log")
        self.room_ready.write_text("ready")
        if self.baseline_seconds:  # the master with its room connected, before the start: the baseline of its UI stall
            time.sleep(WARMUP_S + self.baseline_seconds)
        t0 = time.monotonic()
        proctor = ProctorService(day.login("jiankao1"))
        for room in sorted({t.room for t in self.terminals}):
            proctor.room("start", room, [t.machine_id for t in self.terminals if t.room == room])
        self.go_file.write_text("start")
        day.say(f"理论机考开考：{sum(len(t.tickets) for t in self.terminals)} 名考生，"
                f"{len(self.terminals)} 台终端进程")
        pending = sorted(schedule or [], key=lambda e: e[0])
        last_progress = 0.0
        try:
            while True:
                now = time.monotonic() - t0
                while pending and pending[0][0] <= now:
                    pending.pop(0)[1](self)
                for t in self.terminals:
                    if t.report is None and t.proc.poll() is not None:
                        out = t.proc.stdout.read()
                        if t.proc.returncode != 0:
                            raise RuntimeError(f"终端 {t.folder.name} 异常退出（{t.proc.returncode}），"
                                               f"见 {self.work}/{t.folder.name}-{t.starts}.log")
                        t.report = json.loads(out.strip().splitlines()[-1])
                if self.master.poll() is not None:
                    raise RuntimeError(f"考务主机异常退出，见 {self.work}/master-{self.master_starts}.log")
                done = sum(t.report is not None for t in self.terminals)
                if done == len(self.terminals) and not pending:
                    break
                if now > timeout:
                    raise RuntimeError(f"理论机考 {timeout:.0f} 秒内未结束（{done}/{len(self.terminals)} 台终端完成）")
                if now - last_progress >= 10:
                    last_progress = now
                    views = RoomService(day.login("jiankao1")).sittings(day.plan_no)
                    day.say(f"  {now:4.0f} 秒：已交卷 {sum(v.status == 'submitted' for v in views)}/"
                            f"{sum(len(t.tickets) for t in self.terminals)}，终端完成 {done}/{len(self.terminals)}")
                time.sleep(0.2)
            for room in sorted({t.room for t in self.terminals}):
                proctor.room("end", room, [t.machine_id for t in self.terminals if t.room == room])
        finally:
            for t in self.terminals:
                if t.proc and t.proc.poll() is None:
                    t.proc.kill()
                    t.proc.wait()
                if t.fault_file:
                    t.fault_file.unlink(missing_ok=True)
            self.disk_fault.unlink(missing_ok=True)
            self.stop_master()
        report = self.check()
        report.seconds = time.monotonic() - t0
        return report

    # -- the check ----------------------------------------------------------------------
    def check(self) -> TheoryReport:
        """What the candidates answered (their fixed rule, on the paper the master holds for
        them) against what the master merged, and the score of those answers against results."""
        day = self.day
        # the drill's oracle: the papers as unlocked on the master, with their answers
        key = self.key or PaperService(day.login("admin")).answer_key(day.plan_no)
        knows = knowledge(key.questions.values())
        room = RoomService(day.login("jiankao1"))
        items = {t: st["items"] for t, st in room.snapshot(day.plan_no)["sittings"].items()}
        bp, qs = key.blueprint, key.questions
        reported = {r.ticket_no: r.scores.get("theory") for r in ResultsService(day.login("kaowu")).results(day.plan_no)}
        offered = on_master = 0
        wrong, recomputed, seated = [], {}, {}
        for t in self.terminals:
            for ticket in t.tickets:
                seated[ticket] = t.folder.name
                expected = {}
                for qno, code, sec, order in items.get(ticket, []):
                    q = qs[code]  # shown as the exam engine shows it: options in the sitting's order
                    text = {o.label: o.text for o in q.options}
                    options = [(LABELS[i], text[label]) for i, label in enumerate(order)]
                    shown = final_answer(ticket, qno, [lbl for lbl, _ in options], q.qtype.value,
                                         known_answer(q.stem, options, knows))
                    expected[qno] = "".join(sorted(order[LABELS.index(c)] for c in shown))
                if not expected:  # the master never heard of this sitting: everything is lost
                    offered += sum(sec.count for sec in bp.sections)
                    wrong.append(ticket)
                    continue
                merged = room.answers(day.plan_no, ticket)
                offered += len(expected)
                on_master += sum(1 for q, c in expected.items() if merged.get(q) == c)
                if merged != expected:
                    wrong.append(ticket)
                marks = [(qno, qs[code], bp.sections[sec].points) for qno, code, sec, _ in items[ticket]]
                recomputed[ticket] = Decimal(score(marks, {q: frozenset(c) for q, c in expected.items()}, bp).total)
        master = {}
        for stats in self.master_runs:
            try:
                st = json.loads(stats.read_text())
            except (OSError, ValueError):
                continue
            master["ui_stall_max_ms"] = max(master.get("ui_stall_max_ms", 0), st["ui_stall_max_ms"])
            master["ui_stall_startup_max_ms"] = max(master.get("ui_stall_startup_max_ms", 0),
                                                    st.get("ui_stall_warmup_max_ms") or 0)
            master["ui_stall_p99_ms"] = max(master.get("ui_stall_p99_ms", 0), st["ui_stall_p99_ms"])
            master["peak_rss_mb"] = max(master.get("peak_rss_mb", 0), st["peak_rss_mb"])
            master["ui_stall_baseline_max_ms"] = max(master.get("ui_stall_baseline_max_ms", 0),
                                                     st.get("ui_stall_baseline_max_ms", 0))
            master.setdefault("cameras", []).append(st["cameras"])
            # the link's own figures (it runs as the master's supervised child process)
            master["lock_hold_max_ms"] = max(master.get("lock_hold_max_ms", 0), st.get("lock_hold_max_ms") or 0)
            master["push_p99_ms"] = max(master.get("push_p99_ms", 0), (st.get("push_ms") or {}).get("p99", 0))
            master["push_max_ms"] = max(master.get("push_max_ms", 0), (st.get("push_ms") or {}).get("max", 0))
            master["pushes"] = master.get("pushes", 0) + (st.get("pushes") or 0)
            master["link_restarts"] = master.get("link_restarts", 0) + (st.get("link_restarts") or 0)
            master.setdefault("starts", []).append({k: st.get(k) for k in (
                "uptime_s", "ui_stall_warmup_max_ms", "ui_stall_max_ms", "ui_stall_p99_ms", "ui_stall_worst",
                "gc_pause_max_ms",
                "gc_pause_generation", "gc_tracked_gen2", "gc_frozen", "gc_stats",
                "lock_hold_max_ms", "lock_hold_max_kinds")})
        master["runs"] = len(self.master_runs)
        write_json_atomically(self.work / "master-summary.json", master)
        return TheoryReport(seated, offered, on_master, wrong, recomputed,
                            {t: reported.get(t) for t in recomputed}, master,
                            [t.report or {} for t in self.terminals], list(self.faults))
