"""results, certificates, tables, verify-cert (issue 8)."""

from __future__ import annotations

import datetime as _dt
import json
import sys
from pathlib import Path

from app.cli import CliError
from app.cli import common


def register(sub) -> None:
    p = sub.add_parser("results", help="成绩、审核链与期限")
    rsub = p.add_subparsers(dest="what", metavar="ACTION")
    s = rsub.add_parser("show", help="列出认定计划的成绩与结果")
    _common(s)
    s.set_defaults(func=cmd_show)
    s = rsub.add_parser("score", help="双人复核录入一科纸质成绩：两名不同人员录入相同成绩后才计入")
    _common(s)
    s.add_argument("--ticket", required=True)
    s.add_argument("--subject", required=True, choices=["theory", "practical", "review"])
    s.add_argument("--score", required=True, help="0—100，最多一位小数；缺考写 缺考")
    s.set_defaults(func=cmd_score)
    s = rsub.add_parser("correct", help="更正已计入的成绩：两名不同人员录入相同成绩并各自写明理由后才更正，原成绩保留")
    _common(s)
    s.add_argument("--ticket", required=True)
    s.add_argument("--subject", required=True, choices=["theory", "practical", "review"])
    s.add_argument("--score", required=True, help="0—100，最多一位小数；缺考写 缺考")
    s.add_argument("--reason", required=True, help="更正理由（至少4个字）")
    s.set_defaults(func=cmd_correct)
    s = rsub.add_parser("sign", help="以当前用户签署审核链的下一步（内督审核 / 初审 / 复审），需再次输入密码")
    _common(s)
    s.set_defaults(func=cmd_sign)
    s = rsub.add_parser("deadlines", help="成绩上报、督导报告、公示期的期限")
    _common(s)
    s.set_defaults(func=cmd_deadlines)
    s = rsub.add_parser("add-review", help="为技师、高级技师批次增加综合评审（省份规则未强制时由评价机构决定）")
    _common(s)
    s.set_defaults(func=cmd_add_review)
    s = rsub.add_parser("machine-role", help="设置本机角色（证书编号只在 master 上分配）")
    common.add_site(s)
    common.add_login(s)
    s.add_argument("role", choices=["master", "terminal", "station"])
    s.set_defaults(func=cmd_machine_role)

    p = sub.add_parser("certificates", help="证书编号与证书打印")
    csub = p.add_subparsers(dest="what", metavar="ACTION")
    s = csub.add_parser("allocate", help="为合格考生分配证书编号（仅考务主机）")
    _common(s)
    s.add_argument("--issue-date", help="发证日期 YYYY-MM-DD（默认今天）")
    s.set_defaults(func=cmd_allocate)
    s = csub.add_parser("print", help="将本批次证书打印为一个 PDF（每页一张）")
    _common(s)
    s.add_argument("--out", required=True)
    s.set_defaults(func=cmd_print)

    p = sub.add_parser("tables", help="导出官方表格（.xlsx 与 PDF）")
    _common(p)
    p.add_argument("--out-dir", required=True)
    p.set_defaults(func=cmd_tables)

    p = sub.add_parser("verify-cert", help="离线校验证书二维码（只需 site.json 中的公钥，无需站点口令）")
    p.add_argument("--site", help="站点目录（读取其中的 site.json）")
    p.add_argument("--site-json", help="site.json 文件")
    g = p.add_mutually_exclusive_group(required=True)
    g.add_argument("--text", help="扫码得到的文本")
    g.add_argument("--file", help="证书 PDF 或二维码图片")
    p.set_defaults(func=cmd_verify_cert)


def _common(p) -> None:
    common.add_site(p)
    common.add_login(p)
    common.add_batch(p)


def _run(args, fn):
    with common.logged_in(args) as ctx:
        return fn(ctx)


def cmd_show(args) -> int:
    from app.services.results import ResultsService

    def go(ctx):
        svc = ResultsService(ctx)
        rows = svc.results(args.batch)
        state = svc.review_state(args.batch)
        print(f"认定计划 {args.batch}  审核状态：{state.stage_name}")
        subjects = tuple(o.subject for o in rows[0].result.subjects) if rows else ()
        for r in rows:
            print("\t".join([r.ticket_no, r.name] + [r.score_text(x) for x in subjects]
                            + [r.result.label, r.certificate_no or ""]))
        print(f"共 {len(rows)} 人，合格 {sum(r.passed for r in rows)} 人")
        return 0
    return _run(args, go)


_ENTRY_STATES = {"waiting": "已录入，等待另一人录入", "mismatch": "两人录入不一致，未计入",
                 "agreed": "两人录入一致，已计入成绩", "applied": "两人录入一致，已更正成绩（原成绩保留）"}


def cmd_score(args) -> int:
    from app.services.results import ResultsService

    def go(ctx):
        print(_ENTRY_STATES[ResultsService(ctx).enter_manual(args.ticket, args.subject, args.score)])
        return 0
    return _run(args, go)


def cmd_correct(args) -> int:
    from app.services.results import ResultsService

    def go(ctx):
        print(_ENTRY_STATES[ResultsService(ctx).correct_score(args.ticket, args.subject, args.score, args.reason)])
        return 0
    return _run(args, go)


def cmd_sign(args) -> int:
    from app.services.results import ResultsService
    from app.core.results import STAGE_NAMES

    def go(ctx):
        stage = ResultsService(ctx).sign_review(args.batch, common.password(args, prompt="签字确认：请再次输入密码"))
        print(f"已签字，当前状态：{STAGE_NAMES[stage]}")
        return 0
    return _run(args, go)


def cmd_deadlines(args) -> int:
    from app.services.results import ResultsService

    names = {"done": "已完成", "overdue": "已逾期", "soon": "即将到期", "open": "进行中"}

    def go(ctx):
        for d in ResultsService(ctx).deadlines(args.batch):
            print(f"{d['label']}\t{d['due'].isoformat()}\t{names[d['status']]}\t剩余 {d['workdays_left']} 个工作日")
        return 0
    return _run(args, go)


def cmd_add_review(args) -> int:
    from app.services.results import ResultsService

    def go(ctx):
        added = ResultsService(ctx).add_comprehensive_review(args.batch)
        print("已增加综合评审：成绩与证书编号将等待综合评审成绩" if added else "本批次已有综合评审")
        return 0
    return _run(args, go)


def cmd_machine_role(args) -> int:
    from app.services.results import ResultsService

    return _run(args, lambda ctx: ResultsService(ctx).set_machine_role(args.role) or 0)


def cmd_allocate(args) -> int:
    from app.services.certificates import CertificateService

    day = _dt.date.fromisoformat(args.issue_date) if args.issue_date else None

    def go(ctx):
        out = CertificateService(ctx).allocate(args.batch, day)
        for ticket, number in out:
            print(f"{ticket}\t{number}")
        print(f"已分配 {len(out)} 个证书编号")
        return 0
    return _run(args, go)


def cmd_print(args) -> int:
    from app.services.certificates import CertificateService

    def progress(i, total):
        print(f"\r打印证书 {i}/{total}", end="", file=sys.stderr, flush=True)

    def go(ctx):
        n = CertificateService(ctx).render(args.batch, args.out, progress)
        print(f"\n已生成 {n} 张证书：{args.out}")
        return 0
    return _run(args, go)


def cmd_tables(args) -> int:
    from app.services.official_tables import write_tables

    out = Path(args.out_dir)
    out.mkdir(parents=True, exist_ok=True)

    def go(ctx):
        result = write_tables(ctx, args.batch, out)  # the one list of official tables
        for f in result.files:
            print(f)
        for name, reason in result.skipped:  # not ready yet: said, the other tables are still written
            print(f"{name}未导出：{reason}", file=sys.stderr)
        return 0
    return _run(args, go)


def _qr_texts(path: Path) -> list[str]:
    """The QR texts of an image or PDF file; a missing, huge or unreadable file is one line."""
    import subprocess

    from app.formats import limits
    from app.formats.qr import decode_file

    if not path.is_file():
        raise CliError(f"找不到文件 {path}" if not path.exists() else f"{path} 不是文件", 6)
    size = path.stat().st_size
    if size > limits.current().file_bytes:
        raise CliError(f"文件 {path.name} 过大（上限 {limits.current().describe('file_bytes')}）", 6)
    if path.suffix.lower() != ".pdf":
        problem = limits.image_problem(path.read_bytes(), any_format=True)
        if problem:
            raise CliError(f"{path.name}：{problem}", 6)
    try:
        return decode_file(path)
    except (ValueError, OSError, subprocess.CalledProcessError):
        raise CliError(f"无法读取 {path.name}（应为证书的 PNG/JPEG 图片或 PDF）", 6) from None


def cmd_verify_cert(args) -> int:
    """Offline: the site's public keys from site.json; no passphrase, no store."""
    from app.core.certificate import verify_qr
    from app.store.keys import unb64

    if not (args.site or args.site_json):
        raise CliError("需要 --site 或 --site-json", 2)
    path = Path(args.site_json) if args.site_json else Path(args.site) / "site.json"
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        keys = {kid: unb64(v) for kid, v in data["public_keys"].items()}
    except (OSError, ValueError, KeyError) as exc:
        raise CliError(f"无法读取站点公钥 {path}：{exc}", 4) from None
    if args.text:
        texts = [args.text]
    else:
        texts = _qr_texts(Path(args.file))
        if not texts:
            raise CliError("文件中没有找到二维码", 6)
    bad = 0
    for text in texts:
        try:
            c = verify_qr(text, keys)
        except ValueError as exc:
            print(f"无效：{exc}")
            bad += 1
            continue
        f = c.fields
        print(f"有效：{f['certificate_no']}  {f['name']}  {f['id_no_masked']}  {f['occupation_name']}"
              f"（{f['work_type']}）  {f['level']}级  发证日期 {f['issue_date']}  {f['institution_name']}")
    return 7 if bad else 0
