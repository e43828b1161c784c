"""Stations from the command line (issue 17): on the station, make its encrypted store,
ask to be enrolled, show its state, check candidates in at a door desk, open the station's
window, and carry records on a USB stick both ways (``pack-export`` of the station's records
for ``examsite link import-pack`` on the master; ``pack-import`` of the master's commands
written by ``examsite station pack-commands``); on the master, grant a station of a kind,
provision a door desk and list the stations."""

from __future__ import annotations

import json
import os
import time

from app.cli import CliError, common

PASSPHRASE_ENV = "EXAMSITE_STATION_PASSPHRASE"


def register(sub) -> None:
    ssub = common.group(sub, "station", "站点（检录台、实操评分站、监考台）：建库、登记、下发、状态")
    i = ssub.add_parser("init", help=f"建立站点加密库（口令取自 {PASSPHRASE_ENV}）")
    i.add_argument("--folder", required=True)
    i.set_defaults(func=cmd_init)
    e = ssub.add_parser("enroll", help="向主机申请登记为站点，显示登记码并等待准予")
    e.add_argument("--folder", required=True)
    e.add_argument("--master", required=True, help="https://主机地址:端口")
    e.add_argument("--name", required=True)
    e.add_argument("--wait", type=float, default=600.0)
    e.set_defaults(func=cmd_enroll)
    st_ = ssub.add_parser("status", help="本站点的类型、考场、场次、名册人数、检录数、链路状态（JSON）")
    st_.add_argument("--folder", required=True)
    st_.add_argument("--wait", type=float, default=0.0, help="先连主机同步这么多秒")
    st_.set_defaults(func=cmd_status)
    c = ssub.add_parser("check-in", help="检录台：检录一名考生（准考证号或证件号码）")
    c.add_argument("--folder", required=True)
    c.add_argument("ticket")
    c.add_argument("--by", default="")
    c.add_argument("--connect", type=float, default=3.0, help="等待连上主机的秒数（连不上则离线检录）")
    c.set_defaults(func=cmd_check_in)
    gu = ssub.add_parser("gui", help=f"打开站点窗口（首次运行时登记到主机；口令在窗口中输入，或取自 {PASSPHRASE_ENV}）")
    gu.add_argument("--folder", required=True)
    gu.add_argument("--master", default="", help="https://主机地址:端口（登记时预先填入）")
    gu.set_defaults(func=cmd_gui)
    pe = ssub.add_parser("pack-export", help="站点：把本站点的记录写成数据包（U盘带到主机，用 link import-pack 导入）")
    pe.add_argument("--folder", required=True)
    pe.add_argument("--out", required=True)
    pe.set_defaults(func=cmd_pack_export)
    pi = ssub.add_parser("pack-import", help="站点：导入主机写出的指令包（下发、答复；可重复导入）")
    pi.add_argument("--folder", required=True)
    pi.add_argument("file")
    pi.set_defaults(func=cmd_pack_import)
    pc = ssub.add_parser("pack-commands", help="主机：把发给某站点的全部指令写成数据包（U盘带到站点）")
    common.add_site(pc)
    common.add_login(pc)
    pc.add_argument("machine")
    pc.add_argument("--out", required=True)
    pc.set_defaults(func=cmd_pack_commands)
    g = ssub.add_parser("grant", help="主机：输入站点屏幕上的登记码，准予登记为某类站点")
    common.add_site(g)
    common.add_login(g)
    g.add_argument("code")
    g.add_argument("--kind", required=True, choices=["door_desk", "grader_station", "room_console"])
    g.add_argument("--name", default="")
    g.add_argument("--room", default="")
    g.set_defaults(func=cmd_grant)
    p = ssub.add_parser("provision", help="主机：向检录台下发场次及名册（含照片）")
    common.add_site(p)
    common.add_login(p)
    p.add_argument("machine")
    p.add_argument("--session", type=int, required=True)
    p.set_defaults(func=cmd_provision)
    ls = ssub.add_parser("list", help="主机：列出已登记的站点")
    common.add_site(ls)
    common.add_login(ls)
    ls.set_defaults(func=cmd_list)


def _passphrase() -> str:
    value = os.environ.get(PASSPHRASE_ENV)
    if not value:
        raise CliError(f"需要站点口令：请设置 {PASSPHRASE_ENV}", 2)
    return value


def cmd_init(args) -> int:
    from app.net.terminal import TerminalNode

    TerminalNode.create(args.folder, _passphrase()).close()
    return 0


def cmd_enroll(args) -> int:
    return common.enroll_and_wait(args.folder, _passphrase(), args.master, args.name, args.wait)


def _desk(args):
    from app.net.station import DoorDesk

    return DoorDesk.open(args.folder, _passphrase())


def _station(node):
    """The station in this store as its kind: a grader station once provisioned as one."""
    from app.net.grader_station import GraderStation
    from app.net.station import DoorDesk

    return GraderStation(node) if GraderStation.provisioned(node) else DoorDesk(node)


def _connect(desk, seconds: float) -> None:
    if not desk.node.identity:
        return
    desk.node.start()
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline and not desk.node.online:
        time.sleep(0.05)


def cmd_status(args) -> int:
    from app.net.terminal import TerminalNode

    node = TerminalNode.open(args.folder, _passphrase())
    try:
        if args.wait > 0 and node.identity:
            node.start()
            deadline = time.monotonic() + args.wait
            while time.monotonic() < deadline and not node.online:
                time.sleep(0.05)
            time.sleep(min(args.wait, 1.0))
        print(json.dumps(_station(node).status(), ensure_ascii=False), flush=True)
    finally:
        node.close()
    return 0


def cmd_check_in(args) -> int:
    from app.core import sitetime
    from app.net.station import DeskRefused

    desk = _desk(args)
    try:
        _connect(desk, args.connect)
        try:
            r = desk.check_in(args.ticket, by_name=args.by)
        except DeskRefused as exc:
            print(f"REFUSED {exc.code}\t{exc}", flush=True)
            return 3
        print(f"{r.state.upper()} {r.seq}\t{r.ticket_no}\t{r.name}\t{r.room}\t{r.seat}\t"
              f"{sitetime.text(r.at, '%H:%M:%S')}", flush=True)
        # the record is durable already; give the sender a moment to deliver it
        deadline = time.monotonic() + 5.0
        while desk.node.online and desk.node.backlog() > 0 and time.monotonic() < deadline:
            time.sleep(0.05)
    finally:
        desk.close()
    return 0


def cmd_grant(args) -> int:
    from app.services.stations import StationService

    with common.logged_in(args) as ctx:
        print(StationService(ctx).enroll(args.code, args.kind, args.name, args.room))
    return 0


def cmd_provision(args) -> int:
    from app.services.stations import StationService

    with common.logged_in(args) as ctx:
        n = StationService(ctx).provision_door_desk(args.machine, args.session)
    print(f"已下发 {n} 名考生")
    return 0


def cmd_list(args) -> int:
    from app.services.stations import StationService

    with common.logged_in(args) as ctx:
        for v in StationService(ctx).stations():
            print(f"{v.machine_id}\t{v.name}\t{v.kind}\t{v.kind_name}\t{v.room}\t{v.session_id or ''}\t{v.candidates}")
    return 0


def cmd_gui(args) -> int:
    from app.ui.stations.app import run

    return run(args.folder, os.environ.get(PASSPHRASE_ENV, ""), args.master)


def cmd_pack_export(args) -> int:
    from app.net.terminal import TerminalNode

    node = TerminalNode.open(args.folder, _passphrase())
    try:
        n = len(node.outbox())
        print(f"{node.write_pack(args.out)}\t记录 {n} 条", flush=True)
    finally:
        node.close()
    return 0


def cmd_pack_import(args) -> int:
    from app.core import stations as st
    from app.net.station import DoorDesk
    from app.net.terminal import TerminalNode

    node = TerminalNode.open(args.folder, _passphrase())
    try:
        new = node.read_command_pack(args.file)
        if any(r.header.kind == st.STATION_PROFILE and r.payload.get("kind") == st.DOOR_DESK
               for r in node.commands()):
            DoorDesk(node)  # copies what the master sent into the desk's tables (as on every start)
        print(f"{args.file}\t新增指令 {new} 条", flush=True)
    finally:
        node.close()
    return 0


def cmd_pack_commands(args) -> int:
    from app.services.station_admin import StationAdmin

    with common.logged_in(args) as ctx:
        n = StationAdmin(ctx).write_command_pack(args.machine, args.out)
    print(f"{args.out}\t指令 {n} 条")
    return 0
