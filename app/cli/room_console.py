"""Room consoles from the command line (issue 17), in the ``examsite station`` group: on the
master, provision a console with its room of a batch; on the console, its state, the room's
findings, and a finding opened, signed by a proctor or confirmed by the room head.  The signer's
password comes from ``EXAMSITE_PASSWORD``, ``--password-file`` or a prompt, never the command
line; the console's store passphrase from ``EXAMSITE_STATION_PASSPHRASE``."""

from __future__ import annotations

import json
import time

from app.cli import CliError, common

PASSPHRASE_ENV = "EXAMSITE_STATION_PASSPHRASE"


def register(sub) -> None:
    ssub = common.group(sub, "station", "站点（检录台、实操评分站、监考台）：建库、登记、下发、状态")
    p = ssub.add_parser("provision-room", help="主机：向监考台下发其考场（考生、终端、监考人员与考场负责人账户）")
    common.add_site(p)
    common.add_login(p)
    p.add_argument("--machine", required=True, help="监考台的机器号（S00x）")
    common.add_batch(p)
    p.add_argument("--staff", default="", help="本考场的监考人员与考场负责人用户名，逗号分隔（默认本批次全部）")
    p.add_argument("--terminals", default="", help="本考场的考试终端机器号，逗号分隔（默认按座位安排与在考考生）")
    p.set_defaults(func=cmd_provision_room)
    s = ssub.add_parser("room-status", help="监考台：考场、考生、终端、违纪记录、链路状态（JSON）")
    s.add_argument("--folder", required=True)
    s.add_argument("--wait", type=float, default=0.0, help="先连主机同步这么多秒")
    s.set_defaults(func=cmd_room_status)
    f = ssub.add_parser("findings", help="监考台：本考场的违纪记录（编号、准考证号、状态、签字）")
    f.add_argument("--folder", required=True)
    f.set_defaults(func=cmd_findings)
    o = ssub.add_parser("finding-open", help="监考台：监考人员记录一起违纪（须输入本人密码）")
    _signer(o)
    o.add_argument("--ticket", required=True)
    o.add_argument("--article", type=int, required=True, help="违纪指引条款：5、6 或 7")
    o.add_argument("--item", type=int, required=True, help="该条的第几项")
    o.add_argument("--facts", required=True, help="违纪事实（时间、地点、经过）")
    o.add_argument("--subject", default="theory", choices=["theory", "practical"])
    o.add_argument("--severity", choices=["minor", "serious"], help="第七条：情节轻微或严重")
    o.set_defaults(func=cmd_open)
    g = ssub.add_parser("finding-sign", help="监考台：监考人员在违纪记录上签字（须输入本人密码）")
    _signer(g)
    g.add_argument("ref", help="违纪记录编号（如 S002-1）")
    g.set_defaults(func=cmd_sign)
    c = ssub.add_parser("finding-confirm", help="监考台：考场负责人确认违纪记录（须输入本人密码）")
    _signer(c)
    c.add_argument("ref")
    c.set_defaults(func=cmd_confirm)


def _signer(parser) -> None:
    parser.add_argument("--folder", required=True)
    parser.add_argument("--by", required=True, help="签字人用户名")
    parser.add_argument("--password-file", help="从文件读取签字人的密码（首行）")
    parser.add_argument("--connect", type=float, default=3.0, help="等待连上主机的秒数（连不上则先存本机）")


def _console(args):
    import os

    from app.net.room_console import RoomConsole

    passphrase = os.environ.get(PASSPHRASE_ENV)
    if not passphrase:
        raise CliError(f"需要站点口令：请设置 {PASSPHRASE_ENV}", 2)
    return RoomConsole.open(args.folder, passphrase)


def _connect(console, seconds: float) -> None:
    if not console.node.identity or seconds <= 0:
        return
    console.node.start()
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline and not console.node.online:
        time.sleep(0.05)


def _act(args, fn) -> int:
    """Run one console action: saved here first, then delivered and answered if the link is up."""
    from app.core import room_console as rcn
    from app.net.room_console import ConsoleRefused

    password = common.password(args, prompt=f"{args.by} 的密码")
    console = _console(args)
    try:
        _connect(console, args.connect)
        try:
            ref = fn(console, password)
        except ConsoleRefused as exc:
            print(f"REFUSED {exc.code}\t{exc}", flush=True)
            return 3
        answered = console.node.online and console.wait_answered(10.0)
        verdict = _verdict(console, ref) if answered else rcn.PENDING
        print(f"SAVED {ref}\t{verdict}\t{rcn.verdict_name(verdict)}", flush=True)
        return 0 if verdict in (rcn.HELD, rcn.PENDING) else 3
    finally:
        console.close()


def _verdict(console, ref: str) -> str:
    mine = [x.verdict for x in console.signatures(ref) if x.seq is not None]
    if mine:
        return mine[-1]
    return next((f.verdict for f in console.findings() if f.ref == ref), "")


def cmd_open(args) -> int:
    return _act(args, lambda c, pw: c.open_finding(args.by, pw, args.ticket, args.article, args.item, args.facts,
                                                   subject=args.subject, severity=args.severity))


def cmd_sign(args) -> int:
    return _act(args, lambda c, pw: (c.sign(args.ref, args.by, pw), args.ref)[1])


def cmd_confirm(args) -> int:
    return _act(args, lambda c, pw: (c.confirm(args.ref, args.by, pw), args.ref)[1])


def cmd_room_status(args) -> int:
    console = _console(args)
    try:
        if args.wait > 0:
            _connect(console, args.wait)
            time.sleep(min(args.wait, 1.0))
        print(json.dumps(console.status(), ensure_ascii=False), flush=True)
    finally:
        console.close()
    return 0


def cmd_findings(args) -> int:
    from app.core import room_console as rcn
    from app.core.misconduct import STATUS_NAMES

    console = _console(args)
    try:
        for f in console.findings():
            sigs = console.signatures(f.ref)
            names = "、".join(x.name for x in sigs if x.kind == "witness" and x.verdict in (rcn.HELD, rcn.PENDING))
            head = next((x.name for x in sigs if x.kind == "confirm" and x.verdict in (rcn.HELD, rcn.PENDING)), "")
            print(f"{f.ref}\t{f.ticket_no}\t{f.name}\t{f.status}\t{STATUS_NAMES.get(f.status, f.status)}\t"
                  f"{names}\t{head}\t{rcn.verdict_name(f.verdict)}", flush=True)
    finally:
        console.close()
    return 0


def cmd_provision_room(args) -> int:
    from app.services.room_consoles import RoomConsoleService

    split = lambda text: [x.strip() for x in (text or "").split(",") if x.strip()]  # noqa: E731
    with common.logged_in(args) as ctx:
        n = RoomConsoleService(ctx).provision_room_console(args.machine, args.batch, split(args.staff) or None,
                                                           split(args.terminals) or None)
    print(f"已下发考生 {n['candidates']} 名、终端 {n['terminals']} 台、监考人员与考场负责人 {n['staff']} 名")
    return 0
