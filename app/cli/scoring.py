"""`examsite scoring ...`: scoring-sheet template, grader group, summary and printables."""

from __future__ import annotations

from pathlib import Path

from app.cli import common


def register(sub) -> None:
    p = sub.add_parser("scoring", help="实操评分：评分记录表、考评组、汇总表")
    ssub = p.add_subparsers(dest="what", metavar="ACTION")

    t = ssub.add_parser("template", help="写出评分记录表导入模板 .xlsx")
    t.add_argument("out")
    t.set_defaults(func=cmd_template)

    i = ssub.add_parser("import", help="导入某认定计划的评分记录表（.xlsx），全部成功或全部不导入")
    i.add_argument("file")
    common.add_batch(i, help="认定计划号")
    _add_subject(i)
    common.add_site(i)
    common.add_login(i)
    i.set_defaults(func=cmd_import)

    g = ssub.add_parser("group", help="组建考评组（至少 3 人，默认单数）")
    common.add_batch(g)
    g.add_argument("--members", required=True, help="考评员用户名，逗号分隔")
    g.add_argument("--chief", required=True, help="考评组长用户名")
    _add_subject(g)
    common.add_site(g)
    common.add_login(g)
    g.set_defaults(func=cmd_group)

    r = ssub.add_parser("rotation", help="考评员资格与轮换：每名考评员此前考评过的同职业批次")
    common.add_batch(r)
    common.add_site(r)
    common.add_login(r)
    r.set_defaults(func=cmd_rotation)

    s = ssub.add_parser("summary", help="列出实操成绩汇总；--pdf 写出实操（综合成绩）汇总表")
    common.add_batch(s)
    s.add_argument("--pdf", help="写出 PDF 的路径")
    s.add_argument("--contact", default="", help="考务联系人")
    s.add_argument("--phone", default="", help="联系方式")
    _add_subject(s)
    common.add_site(s)
    common.add_login(s)
    s.set_defaults(func=cmd_summary)

    b = ssub.add_parser("sheets", help="写出评分记录表 PDF（默认空白表：每名考生每名考评员一页）")
    common.add_batch(b)
    b.add_argument("--filled", action="store_true", help="已签字的评分表（全部考评员签字后）")
    b.add_argument("out")
    common.add_site(b)
    common.add_login(b)
    b.set_defaults(func=cmd_sheets)

    v = ssub.add_parser("verify", help="核对每份已签字评分表与签字时记入操作日志的哈希")
    common.add_batch(v)
    _add_subject(v)
    common.add_site(v)
    common.add_login(v)
    v.set_defaults(func=cmd_verify)


def _add_subject(p) -> None:
    p.add_argument("--subject", choices=("practical", "review"), default="practical",
                   help="评分组：practical 实操考评组（默认），review 综合评审组（技师、高级技师批次）")


def cmd_verify(args) -> int:
    from app.cli import CliError
    from app.services.scoring import ChiefGraderService

    with common.logged_in(args) as ctx:
        problems = ChiefGraderService(ctx).verify_sheets(args.batch, subject=args.subject)
    if problems:
        for p in problems:
            print(p)
        raise CliError(f"{len(problems)} 份评分表与签字时的记录不符", 6)
    print("全部已签字评分表与签字时的记录一致")
    return 0


def cmd_template(args) -> int:
    from app.formats.scoring_template import write_template

    write_template(Path(args.out))
    print(f"已写出评分记录表模板：{args.out}")
    return 0


def cmd_import(args) -> int:
    from app.services.scoring import ScoringSetupService

    with common.logged_in(args) as ctx:
        t = ScoringSetupService(ctx).import_template(args.batch, args.file, subject=args.subject)
    print(f"已导入评分记录表「{t.title}」：考核项目 {len(t.tasks)} 个，评分项 {len(t.items())} 个")
    return 0


def cmd_group(args) -> int:
    from app.services.scoring import ScoringSetupService

    with common.logged_in(args) as ctx:
        conflicts = ScoringSetupService(ctx).set_group(args.batch, [m.strip() for m in args.members.split(",")
                                                                    if m.strip()], args.chief,
                                                       subject=args.subject)
    print("综合评审组已组建" if args.subject == "review" else "考评组已组建")
    if conflicts:
        print(f"注意：{len(conflicts)} 处回避情形，须更换考评员或由考场负责人允许后才能开始评分：")
        for c in conflicts:
            print(f"  {c.grader_name}（{c.grader}） — {c.ticket_no}：{c.reason}")
    return 0


def cmd_rotation(args) -> int:
    from app.services.scoring import ScoringSetupService

    with common.logged_in(args) as ctx:
        rows = ScoringSetupService(ctx).rotation(args.batch)
    if rows and rows[0].rotation_required:
        print("本站点省份规则实行轮换制：同职业上一批次的考评员不能连续进入考评组")
    for x in rows:
        previous = "、".join(x.previous) or "无"
        flag = "（上一批次已考评）" if x.in_previous_batch else ""
        print(f"{x.username}\t{x.name}\t{x.qualification or '未登记考评员资格'}\t此前考评：{previous}{flag}"
              + (f"\t{x.qualification_problem}" if x.qualification_problem else ""))
    return 0


def cmd_summary(args) -> int:
    from app.services.scoring import (
        RESULT_NAMES,
        ChiefGraderService,
        ScoringReportsService,
    )

    with common.logged_in(args) as ctx:
        rows = ChiefGraderService(ctx).practical_summary(args.batch, subject=args.subject)
        for r in rows:
            score = "" if r.score is None else f"{r.score}"
            print(f"{r.seq:>4} {r.ticket_no:<14} {r.name:<6} {score:>6}  {RESULT_NAMES[r.status]} {r.remark}")
        if args.pdf:
            out = ScoringReportsService(ctx).summary_pdf(args.batch, args.pdf, args.contact, args.phone)
            print(f"已写出：{out}")
    return 0


def cmd_sheets(args) -> int:
    from app.services.scoring import ScoringReportsService

    with common.logged_in(args) as ctx:
        svc = ScoringReportsService(ctx)
        out = svc.filled_sheets_pdf(args.batch, args.out) if args.filled else svc.blank_sheets_pdf(args.batch, args.out)
    print(f"已写出：{out}")
    return 0
