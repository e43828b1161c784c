"""检录 commands: exam sessions, seats, the ban list, tickets and sheets.

    examsite checkin session add --site DIR --batch PLAN --name 理论知识考试 --subject theory --start "2026-11-23 09:00"
    examsite checkin session list --site DIR
    examsite checkin absent --site DIR --session ID
    examsite seats assign --site DIR --batch PLAN --room 第1考场 --rows 5 --cols 6 [--mode random|fixed] [--seed N]
    examsite seats assign --site DIR --batch PLAN --room 机房 --terminals PC-01,PC-02,...
    examsite seats chart --site DIR --batch PLAN --room 第1考场 --out seats.pdf
    examsite tickets --site DIR --batch PLAN --out tickets.pdf [--ticket T1 --ticket T2]
    examsite sheets signin|door --site DIR --batch PLAN [--session ID] [--room R] --out FILE.pdf
    examsite ban add|import|check ...

Times are Beijing time (UTC+8) unless an offset is given.
"""

from __future__ import annotations

import datetime as _dt

from app.cli import CliError, common

CST = _dt.timezone(_dt.timedelta(hours=8))


def _when(text: str) -> _dt.datetime:
    try:
        value = _dt.datetime.fromisoformat(text.strip().replace("T", " "))
    except ValueError:
        raise CliError(f"时间「{text}」无法识别，应为 YYYY-MM-DD HH:MM", 2) from None
    return value if value.tzinfo else value.replace(tzinfo=CST)


def _day(text: str | None) -> _dt.date | None:
    if not text:
        return None
    try:
        return _dt.date.fromisoformat(text)
    except ValueError:
        raise CliError(f"日期「{text}」无法识别，应为 YYYY-MM-DD", 2) from None


def _cmd(sub, name, help_text, func, login=True):
    p = sub.add_parser(name, help=help_text)
    common.add_site(p)
    if login:
        common.add_login(p)
    p.set_defaults(func=func)
    return p


def register(sub) -> None:
    p = sub.add_parser("checkin", help="检录：场次、缺考")
    csub = p.add_subparsers(dest="what", metavar="ACTION")
    sp = csub.add_parser("session", help="场次")
    ssub = sp.add_subparsers(dest="action", metavar="ACTION")
    a = _cmd(ssub, "add", "新建场次（检录按场次进行）", cmd_session_add)
    common.add_batch(a)
    a.add_argument("--name", required=True, help="如：理论知识考试")
    a.add_argument("--subject", required=True, choices=["theory", "practical", "review"])
    a.add_argument("--start", required=True, help="开考时间，如 2026-11-23 09:00（北京时间）")
    a.add_argument("--late", type=int, default=30, help="开考后多少分钟不得入场（默认30）")
    ls = _cmd(ssub, "list", "列出场次", cmd_session_list)
    common.add_batch(ls, required=False)
    ab = _cmd(csub, "absent", "入场截止后，将未检录的考生记为缺考", cmd_absent)
    ab.add_argument("--session", type=int, required=True)

    p = sub.add_parser("seats", help="座位安排与座位表")
    seats = p.add_subparsers(dest="what", metavar="ACTION")
    a = _cmd(seats, "assign", "排座：行×列或机位列表；随机（种子留存）或按准考证号顺序", cmd_seats_assign)
    common.add_batch(a)
    a.add_argument("--room", required=True)
    a.add_argument("--rows", type=int, default=0)
    a.add_argument("--cols", type=int, default=0)
    a.add_argument("--terminals", default="", help="机位编号，逗号分隔")
    a.add_argument("--mode", choices=["random", "fixed"], default="random")
    a.add_argument("--seed", type=int)
    c = _cmd(seats, "chart", "打印座位表 PDF", cmd_seats_chart)
    common.add_batch(c)
    c.add_argument("--room", required=True)
    c.add_argument("--out", required=True)

    t = _cmd(sub, "tickets", "打印准考证 PDF（含签名二维码）", cmd_tickets)
    common.add_batch(t)
    t.add_argument("--out", required=True)
    t.add_argument("--ticket", action="append", help="只打印这些准考证号（可重复）")

    p = sub.add_parser("sheets", help="考生签到表、考场门贴名单")
    shs = p.add_subparsers(dest="what", metavar="KIND")
    for kind, text in (("signin", "考生签到表（含签名栏）"), ("door", "考场门贴名单（证件号码脱敏）")):
        s = _cmd(shs, kind, text, cmd_sheet)
        common.add_batch(s)
        s.add_argument("--session", type=int)
        s.add_argument("--room")
        s.add_argument("--out", required=True)

    p = sub.add_parser("ban", help="禁考名单")
    bsub = p.add_subparsers(dest="what", metavar="ACTION")
    a = _cmd(bsub, "add", "加入禁考名单", cmd_ban_add)
    a.add_argument("--id-no", required=True)
    a.add_argument("--name", default="")
    a.add_argument("--reason", required=True)
    a.add_argument("--from", dest="starts_on", required=True)
    a.add_argument("--until", dest="ends_on", required=True, help="禁考截止日期（含）")
    a.add_argument("--id-type", default="", help="证件类型代码（默认：有效身份证号为 201，否则 299）")
    i = _cmd(bsub, "import", "从 .xlsx 的「禁考名单」工作表导入（全部成功或全部不导入）", cmd_ban_import)
    i.add_argument("file")
    k = _cmd(bsub, "check", "查询某证件号码在某日是否禁考", cmd_ban_check)
    k.add_argument("--id-no", required=True)
    k.add_argument("--on", help="日期，默认今天")


def _run(args, fn):
    with common.logged_in(args) as ctx:
        return fn(ctx)


def cmd_session_add(args) -> int:
    from app.services.checkin import CheckinService

    sid = _run(args, lambda ctx: CheckinService(ctx).create_session(args.batch, args.name, args.subject,
                                                                      _when(args.start), args.late))
    print(f"已创建场次 {sid}：{args.name}")
    return 0


def cmd_session_list(args) -> int:
    from app.services.checkin import CheckinService

    for s in _run(args, lambda ctx: CheckinService(ctx).sessions(args.batch)):
        print(f"{s.id}\t{s.plan_no}\t{s.name}\t{s.starts_at.astimezone(CST):%Y-%m-%d %H:%M}\t"
              f"{s.late_minutes} 分钟后不得入场")
    return 0


def cmd_absent(args) -> int:
    from app.services.checkin import CheckinService

    tickets = _run(args, lambda ctx: CheckinService(ctx).mark_absent(args.session))
    print(f"已记缺考 {len(tickets)} 名")
    return 0


def cmd_seats_assign(args) -> int:
    from app.services.checkin import CheckinService

    terminals = [t.strip() for t in args.terminals.split(",") if t.strip()]
    seats = _run(args, lambda ctx: CheckinService(ctx).assign_seats(
        args.batch, args.room, rows=args.rows, cols=args.cols, terminals=terminals, mode=args.mode, seed=args.seed))
    print(f"考场「{args.room}」已排座 {len(seats)} 人（{'随机' if args.mode == 'random' else '按准考证号顺序'}）")
    return 0


def cmd_seats_chart(args) -> int:
    from app.formats.checkin_pdf import seat_chart_pdf
    from app.services.checkin import CheckinService

    chart = _run(args, lambda ctx: CheckinService(ctx).seat_chart(args.batch, args.room))
    seat_chart_pdf(args.out, args.batch, chart)
    print(f"座位表已写出：{args.out}")
    return 0


def cmd_tickets(args) -> int:
    from app.formats.checkin_pdf import tickets_pdf
    from app.services.checkin import CheckinService

    sheets = _run(args, lambda ctx: CheckinService(ctx).tickets(args.batch, args.ticket))
    n = tickets_pdf(args.out, sheets)
    print(f"准考证已写出：{args.out}（{n} 张）")
    return 0


def cmd_sheet(args) -> int:
    from app.formats.checkin_pdf import door_list_pdf, signin_sheet_pdf
    from app.services.checkin import CheckinService

    def work(ctx):
        svc = CheckinService(ctx)
        session = next((s for s in svc.sessions(args.batch) if s.id == args.session), None)
        if args.session is not None and session is None:
            raise CliError(f"场次 {args.session} 不属于认定计划 {args.batch}", 2)
        return svc.sheet_rows(args.batch, args.room, args.session), session

    rows, session = _run(args, work)
    if args.what == "signin":
        n = signin_sheet_pdf(args.out, args.batch, session.name if session else "", rows)
    else:
        n = door_list_pdf(args.out, args.batch, rows)
    print(f"已写出：{args.out}（{n} 人）")
    return 0


def cmd_ban_add(args) -> int:
    from app.core.idcard import is_valid_id_number
    from app.services.bans import BanService

    id_type = args.id_type or ("201" if is_valid_id_number(args.id_no) else "299")
    _run(args, lambda ctx: BanService(ctx).add(args.id_no, id_type, args.name, _day(args.starts_on),
                                               _day(args.ends_on), args.reason))
    print("已加入禁考名单")
    return 0


def cmd_ban_import(args) -> int:
    from app.services.checkin import BanImportService

    n = _run(args, lambda ctx: BanImportService(ctx).import_file(args.file))
    print(f"已导入禁考名单 {n} 条")
    return 0


def cmd_ban_check(args) -> int:
    from app.services.bans import BanService

    day = _day(args.on) or _dt.datetime.now(CST).date()
    ban = _run(args, lambda ctx: BanService(ctx).is_banned(args.id_no, day))
    if ban is None:
        print(f"{day:%Y-%m-%d} 不在禁考名单中")
        return 0
    print(f"禁考：{ban.reason}（{ban.from_date:%Y-%m-%d} 至 {ban.until_date:%Y-%m-%d}）")
    return 1
