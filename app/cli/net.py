"""The site link from the command line: serve it on the master, enroll terminals, import packs."""

from __future__ import annotations

import json
import os
import threading

from app import platform
from app.core import sitetime
from app.cli import CliError
from app.cli import common


def register(sub) -> None:
    p = sub.add_parser("link", help="考点局域网链路（主机服务、终端登记、答题包导入）")
    lsub = p.add_subparsers(dest="what", metavar="ACTION")
    s = lsub.add_parser("serve", help="在本机提供考点链路服务（HTTPS），直到收到停止信号")
    common.add_site(s)
    s.add_argument("--host", default="0.0.0.0")
    s.add_argument("--port", type=int, default=8443)
    s.set_defaults(func=cmd_serve)
    g = lsub.add_parser("grant", help="输入终端屏幕上的登记码，准予登记")
    common.add_site(g)
    common.add_login(g)
    g.add_argument("code")
    g.add_argument("--name", default="")
    g.set_defaults(func=cmd_grant)
    pe = lsub.add_parser("pending", help="列出待登记的终端")
    common.add_site(pe)
    common.add_login(pe)
    pe.set_defaults(func=cmd_pending)
    m = lsub.add_parser("machines", help="列出已登记的终端及已收到的记录数")
    common.add_site(m)
    common.add_login(m)
    m.set_defaults(func=cmd_machines)
    ip = lsub.add_parser("import-pack", help="导入终端或站点的答题包（可重复导入，不会重复计入）")
    common.add_site(ip)
    common.add_login(ip)
    ip.add_argument("files", nargs="+")
    ip.set_defaults(func=cmd_import_pack)

    tsub = common.group(sub, "terminal", "考试终端：建立终端加密库、登记到主机、写出答题包")
    ti = tsub.add_parser("init", help="建立终端目录（口令取自 EXAMSITE_TERMINAL_PASSPHRASE）")
    ti.add_argument("--folder", required=True)
    ti.set_defaults(func=cmd_terminal_init)
    te = tsub.add_parser("enroll", help="向主机申请登记，显示登记码并等待准予")
    te.add_argument("--folder", required=True)
    te.add_argument("--master", required=True, help="https://主机地址:端口")
    te.add_argument("--name", required=True)
    te.add_argument("--wait", type=float, default=600.0)
    te.set_defaults(func=cmd_terminal_enroll)
    tp = tsub.add_parser("pack", help="把本机全部记录写成答题包（可写到U盘）")
    tp.add_argument("--folder", required=True)
    tp.add_argument("--out", required=True)
    tp.set_defaults(func=cmd_terminal_pack)


def _terminal_passphrase() -> str:
    value = os.environ.get("EXAMSITE_TERMINAL_PASSPHRASE")
    if not value:
        raise CliError("需要终端口令：请设置 EXAMSITE_TERMINAL_PASSPHRASE", 2)
    return value


def cmd_serve(args) -> int:
    from app.net.master import MasterLink

    from app.net.lan_http import tune_link_process

    tune_link_process()
    handle = common.open_site(args)
    link = MasterLink(handle, args.host, args.port, writer="process").start()
    print(f"READY {link.url} {link.fingerprint}", flush=True)
    done = threading.Event()
    platform.on_stop(lambda *_: done.set())
    done.wait()
    link.stop()
    print("STATS " + json.dumps(link.stats.summary()), flush=True)  # push latency, write-lock holds
    handle.close()
    return 0


def cmd_grant(args) -> int:
    from app.services.net import NetService

    with common.logged_in(args) as ctx:
        print(NetService(ctx).grant(args.code, args.name))
    return 0


def cmd_pending(args) -> int:
    from app.services.net import NetService

    with common.logged_in(args) as ctx:
        for p in NetService(ctx).pending_enrollments():
            print(f"{p.code}\t{p.name}\t{sitetime.text(p.requested_at, '%Y-%m-%d %H:%M:%S')}")
    return 0


def cmd_machines(args) -> int:
    from app.services.net import NetService

    with common.logged_in(args) as ctx:
        for m in NetService(ctx).machines():
            print(f"{m.machine_id}\t{m.name}\t{m.records_held}\t{m.contiguous_seq}\t{m.kind}")
    return 0


def cmd_import_pack(args) -> int:
    from app.services.net import NetService

    with common.logged_in(args) as ctx:
        for f in args.files:
            r = NetService(ctx).import_pack(f)
            print(f"{f}\t新增 {r.new}\t重复 {r.duplicates}")
    return 0


def cmd_terminal_init(args) -> int:
    from app.net.terminal import TerminalNode

    TerminalNode.create(args.folder, _terminal_passphrase()).close()
    return 0


def cmd_terminal_enroll(args) -> int:
    return common.enroll_and_wait(args.folder, _terminal_passphrase(), args.master, args.name, args.wait)


def cmd_terminal_pack(args) -> int:
    from app.net.terminal import TerminalNode

    node = TerminalNode.open(args.folder, _terminal_passphrase())
    try:
        path = node.write_pack(args.out)
        print(path)
    finally:
        node.close()
    return 0
