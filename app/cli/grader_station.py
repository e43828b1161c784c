"""Grader stations from the command line (issue 17): on the master, provision a grader station
with one batch's 考评组; on the station, what a script of a grader needs -- list the group's
candidates with the state of the grader's own sheets, open a sheet (ticket number or the
ticket QR's text), save a draft, sign a run of sheets (one sitting: the password opens the
signing key once), and the station's state.

The grader's password comes from ``EXAMSITE_GRADER_PASSWORD`` (never the command line)."""

from __future__ import annotations

import json
import os
import time
from pathlib import Path

from app.cli import CliError, common

PASSWORD_ENV = "EXAMSITE_GRADER_PASSWORD"


def register(sub) -> None:
    ssub = common.group(sub, "station", "站点（检录台、实操评分站、监考台）：建库、登记、下发、状态")
    p = ssub.add_parser("provision-grader", help="主机：向实操评分站下发批次、评分记录表、考评组考生及考评员账户")
    common.add_site(p)
    common.add_login(p)
    p.add_argument("--machine", required=True, help="站点编号（S001 …）")
    common.add_batch(p)
    p.add_argument("--group", type=int, default=1, help="考评组（本批次只有第 1 组）")
    p.set_defaults(func=cmd_provision)
    g = ssub.add_parser("grade", help=f"实操评分站：列出考生、打开/保存/签字评分表、状态（密码取自 {PASSWORD_ENV}）")
    g.add_argument("--folder", required=True)
    g.add_argument("--user", default="", help="考评员账户（status 不需要）")
    g.add_argument("--connect", type=float, default=3.0, help="等待连上主机的秒数（连不上则离线评分）")
    g.add_argument("--wait", type=float, default=5.0, help="签字后等待主机答复的秒数")
    g.add_argument("action", choices=["list", "open", "save", "sign", "status", "revealed", "reconcile"])
    g.add_argument("ticket", nargs="*", help="准考证号或准考证二维码文本；save 之后为 项目=得分；reconcile 之后为 裁定分")
    g.add_argument("--signature", help="sign：手写签名图像（PNG）")
    g.add_argument("--reason", default="", help="reconcile：考评组长的裁定理由")
    g.set_defaults(func=cmd_grade)


def cmd_provision(args) -> int:
    from app.services.grader_stations import GraderStationService

    with common.logged_in(args) as ctx:
        n = GraderStationService(ctx).provision_grader_station(args.machine, args.batch, args.group)
    print(f"已下发 {n} 名考生")
    return 0


def _password() -> str:
    value = os.environ.get(PASSWORD_ENV)
    if not value:
        raise CliError(f"需要考评员密码：请设置 {PASSWORD_ENV}", 2)
    return value


def _open(args):
    from app.cli.station import PASSPHRASE_ENV
    from app.net.grader_station import GraderStation

    passphrase = os.environ.get(PASSPHRASE_ENV)
    if not passphrase:
        raise CliError(f"需要站点口令：请设置 {PASSPHRASE_ENV}", 2)
    station = GraderStation.open(args.folder, passphrase)
    if station.node.identity and args.connect > 0:
        station.node.start()
        deadline = time.monotonic() + args.connect
        while time.monotonic() < deadline and not station.node.online:
            time.sleep(0.05)
    return station


def _settle(station, seconds: float) -> None:
    """Let the sender deliver what is durable already and hear the master's answers."""
    deadline = time.monotonic() + seconds
    while station.node.online and time.monotonic() < deadline and (
            station.node.backlog() > 0 or station.status()["pending"] > 0):
        time.sleep(0.05)


def _entries(pairs: list[str]) -> dict:
    out = {}
    for pair in pairs:
        code, sep, value = pair.partition("=")
        if not sep or not code.strip():
            raise CliError(f"评分项须写作 项目=得分（如 1.1=20），而不是「{pair}」", 2)
        out[code.strip()] = value.strip()
    return out


def cmd_grade(args) -> int:
    station = _open(args)
    try:
        if args.action == "status":
            print(json.dumps(station.status(), ensure_ascii=False), flush=True)
            return 0
        if not args.user:
            raise CliError("请用 --user 指定考评员账户", 2)
        station.login(args.user, _password())  # one sitting for the whole command
        if args.action == "list":
            for r in station.rows():
                print(f"{r.ticket_no}\t{r.name}\t{r.room}\t{r.seat}\t{r.status}\t{r.verdict}\t{r.scored}/{r.items}")
            return 0
        if args.action == "revealed":  # the chief: candidates every grader has signed
            _settle(station, args.wait)
            deadline = time.monotonic() + args.wait
            while station.node.online and not station.revealed() and time.monotonic() < deadline:
                time.sleep(0.1)
            for c in station.revealed():
                totals = "\t".join(f"{sh['grader']}={sh['total']}" for sh in c["sheets"])
                print(f"{c['ticket_no']}\t{c['status']}\t{c['score'] or ''}\t{totals}", flush=True)
            return 0
        if not args.ticket:
            raise CliError("请给出准考证号（或准考证二维码文本）", 2)
        if args.action == "reconcile":
            if len(args.ticket) != 2:
                raise CliError("裁定须写作：reconcile 准考证号 裁定分 --reason 理由", 2)
            seq = station.reconcile(args.ticket[0], args.ticket[1], args.reason)
            _settle(station, args.wait)
            deadline = time.monotonic() + args.wait
            while station.node.online and not station.answer(seq) and time.monotonic() < deadline:
                time.sleep(0.05)
            verdict = station.answer(seq) or "pending"
            print(f"VERDICT {verdict}\t{args.ticket[0]}", flush=True)
            return 0 if verdict in ("accepted", "pending") else 3
        if args.action == "open":
            ticket = station.ticket_of(args.ticket[0])
            sh = station.sheet(ticket)
            print(json.dumps({"ticket_no": ticket, "status": sh.status if sh else "none",
                              "entries": sh.entries if sh else {}, "total": sh.total if sh else "",
                              "verdict": sh.verdict if sh else ""}, ensure_ascii=False), flush=True)
            return 0
        if args.action == "save":
            sh = station.save(args.ticket[0], _entries(args.ticket[1:]))
            print(f"SAVED\t{sh.ticket_no}\t{len(sh.entries)}\t{sh.total}", flush=True)
            _settle(station, args.wait)
            return 0
        if not args.signature:
            raise CliError("签字须给出手写签名图像：--signature 文件.png", 2)
        png = Path(args.signature).read_bytes()
        signed = [station.sign(x, png) for x in args.ticket]
        for sh in signed:
            print(f"SIGNED {sh.seq}\t{sh.ticket_no}\t{sh.total}", flush=True)
        _settle(station, args.wait)
        refused = 0
        for sh in signed:
            verdict = (station.sheet(sh.ticket_no).verdict or "pending")
            refused += verdict not in ("accepted", "pending")
            print(f"VERDICT {verdict}\t{sh.ticket_no}", flush=True)
        return 3 if refused else 0
    finally:
        station.close()
