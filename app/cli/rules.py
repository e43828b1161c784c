"""profile, scope, center-review, objection, import-numbers, retention (issue 18: the rule gates)."""

from __future__ import annotations

import datetime as _dt
import json

from app.cli import CliError
from app.cli import common


def _plan(p) -> None:
    common.add_site(p)
    common.add_login(p)
    common.add_batch(p)


def register(sub) -> None:
    p = sub.add_parser("profile", help="显示本站点的省份规则（建站时选定）")
    common.add_site(p)
    common.add_login(p)
    p.set_defaults(func=cmd_profile)

    p = sub.add_parser("scope", help="评价机构备案范围（职业、工种、等级）")
    ssub = p.add_subparsers(dest="what", metavar="ACTION")
    s = ssub.add_parser("set", help="登记备案范围：每行一个工种，如 --row \"6-31-01-03,电工,,5、4、3\"")
    common.add_site(s)
    common.add_login(s)
    s.add_argument("--row", action="append", required=True, help="职业编码,职业名称,工种（无则留空）,级别")
    s.set_defaults(func=cmd_scope_set)
    s = ssub.add_parser("show", help="列出备案范围")
    common.add_site(s)
    common.add_login(s)
    s.set_defaults(func=cmd_scope_show)

    p = sub.add_parser("center-review", help="登记鉴定中心对本批次成绩的审核（审核单位、日期、回复文号）")
    _plan(p)
    p.add_argument("--reviewer", required=True)
    p.add_argument("--date", required=True, help="审核日期 YYYY-MM-DD")
    p.add_argument("--reply-no", required=True, help="回复文号")
    p.add_argument("--imported", action="store_true", help="审核结果由鉴定中心数据导入")
    p.set_defaults(func=cmd_center_review)

    p = sub.add_parser("objection", help="公示异议：登记与处理")
    osub = p.add_subparsers(dest="what", metavar="ACTION")
    s = osub.add_parser("add", help="登记对某考生的异议")
    _plan(s)
    s.add_argument("--ticket", required=True)
    s.add_argument("--text", required=True)
    s.set_defaults(func=cmd_objection_add)
    s = osub.add_parser("resolve", help="处理异议（dismissed 不成立 / upheld 成立），须写明理由")
    common.add_site(s)
    common.add_login(s)
    s.add_argument("id", type=int)
    s.add_argument("--outcome", required=True, choices=["dismissed", "upheld"])
    s.add_argument("--reason", required=True)
    s.set_defaults(func=cmd_objection_resolve)

    p = sub.add_parser("import-numbers", help="导入人社部门赋码的证书编号（JSON：{准考证号: 证书编号}），全部成功或全部不导入")
    _plan(p)
    p.add_argument("file")
    p.add_argument("--issue-date", required=True, help="发证日期 YYYY-MM-DD")
    p.set_defaults(func=cmd_import_numbers)

    p = sub.add_parser("retention", help="保存期限登记：各批次材料保存至何时及依据")
    common.add_site(p)
    common.add_login(p)
    p.set_defaults(func=cmd_retention)


def _date(text: str) -> _dt.date:
    try:
        return _dt.date.fromisoformat(text)
    except ValueError:
        raise CliError(f"日期「{text}」应为 YYYY-MM-DD", 2) from None


def cmd_profile(args) -> int:
    from app.services.site import SiteService

    with common.logged_in(args) as ctx:
        p = SiteService(ctx).profile()
    print(p.summary())
    for f in p.retention:
        print(f"  保存期限 {f.cls}：不少于 {f.years} 年（{f.ref}）")
    return 0


def cmd_scope_set(args) -> int:
    from app.services.site import SiteService

    rows = []
    for text in args.row:
        parts = [x.strip() for x in text.split(",")]
        if len(parts) != 4:
            raise CliError(f"备案范围行「{text}」应为 职业编码,职业名称,工种,级别", 2)
        rows.append({"occupation_code": parts[0], "occupation_name": parts[1], "work_type": parts[2],
                     "levels": parts[3]})
    with common.logged_in(args) as ctx:
        SiteService(ctx).set_filed_scope(rows)
    print(f"已登记备案范围 {len(rows)} 行")
    return 0


def cmd_scope_show(args) -> int:
    from app.services.site import SiteService

    with common.logged_in(args) as ctx:
        for r in SiteService(ctx).filed_scope():
            print(f"{r.occupation_code}\t{r.occupation_name}\t{r.work_type or '--'}\t{'、'.join(map(str, r.levels))}")
    return 0


def cmd_center_review(args) -> int:
    from app.services.certificates import CertificateService

    with common.logged_in(args) as ctx:
        CertificateService(ctx).record_center_review(args.batch, args.reviewer, _date(args.date), args.reply_no,
                                                     imported=args.imported)
    print("已登记鉴定中心审核结果")
    return 0


def cmd_objection_add(args) -> int:
    from app.services.publication import PublicationService

    with common.logged_in(args) as ctx:
        oid = PublicationService(ctx).record_objection(args.batch, args.ticket, args.text)
    print(f"已登记异议 {oid}；处理前该考生不予核发证书")
    return 0


def cmd_objection_resolve(args) -> int:
    from app.services.publication import PublicationService

    with common.logged_in(args) as ctx:
        PublicationService(ctx).resolve_objection(args.id, args.outcome, args.reason)
    print("已处理")
    return 0


def cmd_import_numbers(args) -> int:
    from app.services.certificates import CertificateService

    try:
        numbers = json.loads(open(args.file, encoding="utf-8").read())
    except (OSError, ValueError) as exc:
        raise CliError(f"无法读取证书编号文件：{exc}", 2) from None
    with common.logged_in(args) as ctx:
        out = CertificateService(ctx).import_numbers(args.batch, numbers, _date(args.issue_date))
    print(f"已导入证书编号 {len(out)} 个")
    return 0


def cmd_retention(args) -> int:
    from app.services.retention import RetentionService

    with common.logged_in(args) as ctx:
        rows = RetentionService(ctx).register()
    for r in rows:
        count = "" if r.count is None else f"{r.count} 项，"
        print(f"{r.plan_no}\t{r.what}\t{count}保存至 {r.keep_until.isoformat()}（不少于{r.years}年，{r.ref}）")
    return 0
