"""One station of a rehearsed day as its own process: a door desk (检录台) checking candidates
in, or a grader station (实操评分站) where one grader opens a sitting and signs their sheets
(the chief also reconciles there).  Each works from its own encrypted store, over the link to
the master process, through the station objects of ``app.net`` -- as a station PC would.

    EXAMSITE_STATION_PASSPHRASE=... python -m app.rehearsal.station_worker JOB.json

``JOB.json`` says what to do (written by ``app.rehearsal.stations``); the last line printed is
the station's report (JSON): what it did and, per action, how long until the master's answer
was back at the station (the station's own durable write comes first)."""

from __future__ import annotations

import json
import os
import random
import sys
import threading
import time
from decimal import Decimal
from pathlib import Path

from app.core import grader_station as gs
from app.core import scoring as rules
from app.core import stations as st
from app.net.terminal import TerminalNode
from app.rehearsal.common import signature_png
from app.rehearsal.master_host import OffsetClock


def _open(job: dict) -> TerminalNode:
    node = TerminalNode.open(job["folder"], os.environ["EXAMSITE_STATION_PASSPHRASE"])
    node.clock = node.ctx.clock = OffsetClock(float(job.get("clock_offset", 0.0)))  # the rehearsed day's time
    return node


def _wait(cond, timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while not cond():
        if time.monotonic() > deadline:
            raise RuntimeError(f"{what}：{timeout:.0f} 秒内未完成")
        time.sleep(0.05)


def _settled(desk, ticket: str, timeout: float = 120) -> str:
    """The master's verdict on the desk's check-in of ``ticket`` once it is heard (the desk said
    "not answered yet": the record is kept and goes on its own; asking again would record twice)."""
    def verdict():
        return next((r.verdict for r in desk.check_ins() if r.ticket_no == ticket), "pending")
    _wait(lambda: verdict() != "pending", timeout, "主机答复检录")
    return verdict()


def door(job: dict) -> dict:
    from app.net.station import DeskRefused, DoorDesk, VerdictPending
    from app.services.demo import demo_photo

    desk = DoorDesk(_open(job))
    desk.node.start()
    try:
        _wait(lambda: desk.node.online and desk.status()["candidates"] >= job["expect"], 120, "检录台名册下发")
        admitted, refused, seconds = [], {}, []
        for ticket, sex, seed in job["checkins"]:
            photo = demo_photo(random.Random(seed), sex)
            t0 = time.perf_counter()
            try:
                res = desk.check_in(ticket, photo, by_name=job.get("by_name", ""))
            except DeskRefused as exc:
                state = exc.code
            except VerdictPending:
                state = _settled(desk, ticket)
            else:
                state = res.state
            seconds.append(time.perf_counter() - t0)
            if state in (st.ADMITTED, st.SAME_DESK):
                admitted.append(ticket)
            else:
                refused[ticket] = state
        Path(job["done_file"]).write_text("done")
        doubles = {}
        if job.get("again"):  # candidates the other desk admitted, shown here too
            _wait(lambda: Path(job["other_done"]).exists(), 600, "另一检录台检录")
            for ticket, sex, seed in job["again"]:
                photo = demo_photo(random.Random(seed), sex)
                t0 = time.perf_counter()
                try:
                    code = desk.check_in(ticket, photo).state
                except DeskRefused as exc:
                    code = exc.code
                except VerdictPending:
                    code = _settled(desk, ticket)
                doubles[ticket] = [code, time.perf_counter() - t0]
        return {"machine_id": desk.node.machine_id, "admitted": admitted, "refused": refused,
                "checkin_seconds": seconds, "doubles": doubles, "status": desk.status()}
    finally:
        desk.close()


def grader(job: dict) -> dict:
    from app.net.grader_station import GraderStation
    from app.services.scoring import R_DISCREPANCY

    node = _open(job)
    answered: dict[int, float] = {}
    lock = threading.Lock()

    def heard(record) -> None:  # the master's answer to a sheet record, as it arrives
        if record.header.kind == gs.SCORING_VERDICT:
            with lock:
                answered.setdefault(int(record.payload["seq"]), time.perf_counter())

    node.on_command.append(heard)
    station = GraderStation(node)
    node.start()
    try:
        _wait(lambda: node.online and station.status()["candidates"] >= job["expect"], 120, "评分站名单下发")
        signature = signature_png(job["username"])
        t0 = time.perf_counter()
        station.login(job["username"], job["password"])  # one Argon2: the key unsealed for the sitting
        unseal = time.perf_counter() - t0
        signed_at: dict[int, float] = {}
        sign_seconds = []
        for ticket, entries in job["sheets"]:
            station.save(ticket, entries)
            t0 = time.perf_counter()
            sh = station.sign(ticket, signature)
            signed_at[sh.seq] = time.perf_counter()
            sign_seconds.append(signed_at[sh.seq] - t0)
            time.sleep(float(job.get("pace", 0.0)))  # the grader turns to the next work-piece
        _wait(lambda: station.status()["pending"] == 0, 600, "主机答复评分表")
        verdicts: dict[str, int] = {}
        for ticket, _ in job["sheets"]:
            sh = station.sheet(ticket)
            verdicts[sh.verdict] = verdicts.get(sh.verdict, 0) + 1
        latency = [answered[s] - t for s, t in signed_at.items() if s in answered]
        reconciled = {}
        chief = job.get("chief")
        if chief:  # the 考评组长's sitting: wait for every candidate revealed, decide the discrepancies
            station.ask_revealed()  # this station is the chief's last: the revealed sheets come here
            _wait(lambda: len(station.revealed()) >= chief["candidates"], 900, "全部评分表签字后公开")
            tpl = station.template
            for c in station.revealed():
                if c["status"] != R_DISCREPANCY:
                    continue
                totals = [Decimal(x["total"]) for x in c["sheets"] if x["grader"] != chief["odd_one"]]
                score = rules.aggregate(totals or [Decimal(x["total"]) for x in c["sheets"]], tpl.rules.aggregation)
                seq = station.reconcile(c["ticket_no"], str(score), chief["reason"].format(who=chief["odd_name"]))
                _wait(lambda: station.answer(seq) != "", 120, "主机答复裁定")
                reconciled[c["ticket_no"]] = [str(score), station.answer(seq), c["spread"]]
        station.logout()
        return {"machine_id": node.machine_id, "username": job["username"], "signed": len(signed_at),
                "verdicts": verdicts, "unseal_seconds": unseal, "sign_seconds": sign_seconds,
                "answer_seconds": latency, "reconciled": reconciled, "status": station.status()}
    finally:
        station.close()


def main(argv=None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    job = json.loads(Path(argv[0]).read_text(encoding="utf-8"))
    report = {"door": door, "grader": grader}[job["kind"]](job)
    print(json.dumps(report, ensure_ascii=False), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
