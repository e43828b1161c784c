"""init, import roster, user, journal verify, demo, template."""

from __future__ import annotations

import sys
from pathlib import Path

from app.cli import CliError
from app.cli import common
from app.core.roster import PLAN_COLUMNS as PLAN_FIELD_OPTIONS


def register(sub) -> None:
    p = sub.add_parser("init", help="新建站点（加密数据库、站点密钥、首个管理员）")
    common.add_site(p)
    p.add_argument("--name", required=True, help="评价机构名称（与备案一致）")
    p.add_argument("--category", choices=["Y", "S"], required=True, help="评价机构类别：Y 用人单位 / S 社会培训评价组织")
    p.add_argument("--institution-code", default="0000", help="评价机构代码（省级备案为 0000）")
    p.add_argument("--province", required=True, help="省级代码，如 41")
    p.add_argument("--site-serial", required=True, help="评价机构（站点）序列码，6位")
    p.add_argument("--profile", choices=_profile_keys(), default="national",
                   help="省份规则：national 全国默认 / hunan 湖南 / henan 河南 / nanxun 浙江南浔（建站后不可更改）")
    p.add_argument("--admin", default="admin", help="首个管理员用户名")
    p.add_argument("--admin-name", default="管理员")
    p.add_argument("--admin-password-file", help="从文件读取管理员密码（或设置 EXAMSITE_ADMIN_PASSWORD）")
    p.set_defaults(func=cmd_init)

    p = sub.add_parser("import", help="导入数据")
    isub = p.add_subparsers(dest="what", metavar="WHAT")
    r = isub.add_parser("roster", help="导入认定计划与考生名册（.xlsx/.xls/.csv），全部成功或全部不导入")
    r.add_argument("file")
    r.add_argument("--photos", help="照片文件夹（文件名为准考证号或证件号码）")
    plan = r.add_argument_group("认定计划信息（文件中没有「认定计划」工作表时填写）")
    for key, (title, _aliases) in PLAN_FIELD_OPTIONS.items():
        if key == "plan_no":  # a batch is always --batch PLAN_NO
            common.add_batch(plan, required=False, help=title)
        else:
            plan.add_argument("--" + key.replace("_", "-"), dest="plan_" + key, help=title)
    common.add_site(r)
    common.add_login(r)
    r.set_defaults(func=cmd_import_roster)

    p = sub.add_parser("user", help="工作人员账户")
    usub = p.add_subparsers(dest="what", metavar="ACTION")
    a = usub.add_parser("add", help="新建账户（新密码取自 EXAMSITE_NEW_PASSWORD 或提示输入）")
    common.add_site(a)
    common.add_login(a)
    a.add_argument("username")
    a.add_argument("--name", required=True)
    a.add_argument("--roles", required=True, help="逗号分隔：admin,staff,proctor,grader,chief_grader,"
                                                   "internal_supervisor,external_supervisor,room_head")
    a.add_argument("--unit", default="")
    a.add_argument("--id-no", default="")
    a.add_argument("--card-no", default="", help="督导员证卡编号（内督/外督必填）")
    _grader_options(a, "grader-")
    a.add_argument("--new-password-file")
    a.set_defaults(func=cmd_user_add)
    qf = usub.add_parser("qualify", help="登记或更正考评员资格（考评员证号、等级、考评职业）")
    common.add_site(qf)
    common.add_login(qf)
    qf.add_argument("username")
    _grader_options(qf, "")
    qf.set_defaults(func=cmd_user_qualify)
    ls = usub.add_parser("list", help="列出账户")
    common.add_site(ls)
    common.add_login(ls)
    ls.set_defaults(func=cmd_user_list)
    asg = usub.add_parser("assign", help="指定某人在某认定批次中的角色")
    common.add_site(asg)
    common.add_login(asg)
    asg.add_argument("username")
    common.add_batch(asg)
    asg.add_argument("--as", dest="as_role", required=True)
    asg.set_defaults(func=cmd_user_assign)

    p = sub.add_parser("journal", help="操作日志")
    jsub = p.add_subparsers(dest="what", metavar="ACTION")
    v = jsub.add_parser("verify", help="校验日志哈希链与签名检查点；完好时退出码为 0")
    common.add_site(v)
    v.set_defaults(func=cmd_journal_verify)

    p = sub.add_parser("demo", help="生成演示站点（电工 四级，约40名考生）")
    p.add_argument("--site", required=True)
    p.add_argument("--candidates", type=int, default=40)
    p.add_argument("--seed", type=int, default=2026)
    p.add_argument("--profile", choices=_profile_keys(), default="henan",
                   help="演示站点的省份规则（national / hunan / henan / nanxun）")
    p.add_argument("--full", action="store_true",
                   help="并模拟完整的考试日：检录、多终端理论机考、违纪、实操评分、成绩、证书与上报数据包")
    p.add_argument("--out", help="--full 的产出目录（默认：站点目录旁的 <站点>-演练）")
    p.add_argument("--terminals", type=int, default=3, help="--full：每个考场的考试终端数")
    p.set_defaults(func=cmd_demo)

    p = sub.add_parser("template", help="写出名册导入模板 .xlsx")
    p.add_argument("out")
    p.set_defaults(func=cmd_template)


def _profile_keys() -> list[str]:
    from app.core.profiles import PROFILES

    return list(PROFILES)


def cmd_init(args) -> int:
    from app.core.site import Institution
    from app.services.site import create_site

    from app.core import identity

    # fullwidth ０００１ is 0001; a digit of another script or a control character is refused by name
    inst = Institution(name=identity.clean("institution_name", args.name), category=args.category,
                       institution_code=identity.clean("institution_code", args.institution_code),
                       province=identity.clean("province", args.province),
                       site_serial=identity.clean("site_serial", args.site_serial))
    passphrase = common.passphrase(args)
    admin_password = common.password(args, "EXAMSITE_ADMIN_PASSWORD", "管理员密码", "admin_password_file")
    handle = create_site(args.site, passphrase, inst, args.admin, args.admin_name, admin_password,
                         profile=args.profile)
    handle.close()
    print(f"站点已创建：{Path(args.site).resolve()}（管理员 {args.admin}）")
    return 0


def cmd_import_roster(args) -> int:
    from app.services.roster import RosterService

    given = {key: getattr(args, "batch" if key == "plan_no" else "plan_" + key) for key in PLAN_FIELD_OPTIONS}
    plan = {key: value for key, value in given.items() if value}
    with common.logged_in(args) as ctx:
        result = RosterService(ctx).import_roster(args.file, args.photos, plan=plan or None)
    print(f"已导入：认定计划 {len(result.batches)} 个，考生 {result.candidates} 名，照片 {result.photos} 张")
    if result.missing_photos:
        print(f"注意：{len(result.missing_photos)} 名考生没有照片（如 {', '.join(result.missing_photos[:5])}）")
    return 0


def _grader_options(parser, prefix: str) -> None:
    """考评员资格: the 考评组 refuses a grader without them (考评员证号, 等级, 考评职业)."""
    parser.add_argument(f"--{prefix}card-no", dest="grader_card_no", default="", help="考评员证号")
    parser.add_argument(f"--{prefix}level", dest="grader_level", default=None,
                        help="考评员本人的职业技能等级（如 三级、高级工、3）")
    parser.add_argument(f"--{prefix}occupation", dest="grader_occupation", default="",
                        help="考评职业（职业名称或职业编码，如 电工）")


def cmd_user_qualify(args) -> int:
    from app.services.staff import StaffService

    with common.logged_in(args) as ctx:
        StaffService(ctx).set_grader_qualification(args.username, args.grader_card_no, args.grader_level,
                                                   args.grader_occupation)
    print(f"已登记 {args.username} 的考评员资格")
    return 0


def cmd_user_add(args) -> int:
    from app.services.staff import StaffService

    with common.logged_in(args) as ctx:
        new_pw = common.password(args, "EXAMSITE_NEW_PASSWORD", f"用户 {args.username} 的新密码", "new_password_file")
        StaffService(ctx).add(args.username, args.name, new_pw, [r.strip() for r in args.roles.split(",") if r.strip()],
                              id_no=args.id_no, unit=args.unit, card_no=args.card_no,
                              grader_card_no=args.grader_card_no, grader_level=args.grader_level,
                              grader_occupation=args.grader_occupation)
    print(f"已创建用户 {args.username}")
    return 0


def cmd_user_list(args) -> int:
    from app.core.roles import ROLE_NAMES, Role
    from app.services.staff import StaffService

    with common.logged_in(args) as ctx:
        for s in StaffService(ctx).list():
            roles = "、".join(ROLE_NAMES[Role(r)] for r in s.roles)
            flags = ("" if s.active else " [已停用]") + (" [已锁定]" if s.locked else "")
            qualification = f"\t考评员：{s.qualification_text}" if s.qualification_text else ""
            print(f"{s.username}\t{s.name}\t{roles}{flags}{qualification}")
    return 0


def cmd_user_assign(args) -> int:
    from app.services.staff import StaffService

    with common.logged_in(args) as ctx:
        StaffService(ctx).assign(args.batch, args.username, args.as_role)
    print("已指定")
    return 0


def cmd_journal_verify(args) -> int:
    handle = common.open_site(args)
    try:
        report = handle.store.journal.verify()
    finally:
        handle.close(checkpoint=False)
    if not report.ok:
        print(f"日志校验失败：{report.fault}", file=sys.stderr)
        return 1
    print(f"日志完好：{report.entries} 条，签名检查点 {report.checkpoints} 个（最后一个在第 {report.last_checkpoint_seq} 条）")
    return 0


def cmd_demo(args) -> int:
    from app.services import demo

    if args.full:
        return _demo_full(args)
    site = Path(args.site)
    info = demo.build_demo_site(site, candidates=args.candidates, seed=args.seed, profile=args.profile)
    saved = _accounts_file(site)
    text = demo.describe(info)
    saved.write_text(text + "\n", encoding="utf-8")
    print(text)
    print(f"（演示账户和密码已保存到 {saved.resolve()}）")
    return 0


def _accounts_file(site: Path) -> Path:
    """Where the demo's accounts are written, beside the site folder (demo passwords are not secret)."""
    return site.with_name(site.name + ".accounts.txt")


def _demo_full(args) -> int:
    from app.rehearsal.run import DayPlan, describe, run_day

    site = Path(args.site)
    if site.exists() and any(site.iterdir()):
        raise CliError(f"站点目录 {site} 已存在且不为空；完整演练需要一个新目录", 2)
    out = Path(args.out) if args.out else site.with_name(site.name + "-演练")
    if out.exists() and any(out.iterdir()):
        raise CliError(f"产出目录 {out} 已存在且不为空", 2)
    report = run_day(site, out, DayPlan(candidates=args.candidates, seed=args.seed,
                                        terminals_per_room=args.terminals, profile=args.profile),
                     say=lambda line: print(line, flush=True))
    print(describe(report))
    from app.core.roles import ROLE_NAMES, Role
    from app.rehearsal.closing import SECOND_ADMIN
    from app.services.demo import DEMO_PASSPHRASE, DEMO_STAFF

    saved = _accounts_file(site)
    lines = [f"演示站点 {site.resolve()}，站点口令 {DEMO_PASSPHRASE}", "演示账户（用户名、密码、姓名、角色）："]
    lines += [f"  {u:<10} {pw:<20} {name}（{'、'.join(ROLE_NAMES[Role(r)] for r in roles)}）"
              for u, name, roles, pw, _ in DEMO_STAFF]
    lines.append(f"  {SECOND_ADMIN[0]:<10} {SECOND_ADMIN[2]:<20} {SECOND_ADMIN[1]}（管理员，复审）")
    saved.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"演示账户和密码：已保存到 {saved.resolve()}（用 bash scripts/run-demo.sh 打开界面时，"
          f"把 EXAMSITE_DEMO_SITE 设为 {site} 即可查看这一天的数据）")
    return 0 if report.ok else 1


def cmd_template(args) -> int:
    from app.formats.roster_template import write_template

    write_template(Path(args.out))
    print(f"模板已写出：{args.out}")
    return 0
