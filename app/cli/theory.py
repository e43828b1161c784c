"""bank (题库), papers (组卷、封存、双人解封), exam (the candidate kiosk on a terminal)."""

from __future__ import annotations

import json
import os
from pathlib import Path

from app.core.codes import level_label
from app.cli import CliError
from app.cli import common


def _bank_args(p) -> None:
    p.add_argument("--occupation", required=True, help="职业（工种）代码，如 6-31-01-03")
    p.add_argument("--level", type=int, required=True, help="等级 1～5（五级 = 5）")


def register(sub) -> None:
    p = sub.add_parser("bank", help="理论题库：导入（.xlsx / QTI 2.1）、导出、统计、模板")
    bsub = p.add_subparsers(dest="what", metavar="ACTION")
    i = bsub.add_parser("import", help="导入题库（.xlsx 或 QTI 2.1 .zip），全部成功或全部不导入")
    i.add_argument("file")
    _bank_args(i)
    i.add_argument("--images", help="试题图片文件夹（默认：文件旁的 images）")
    common.add_site(i)
    common.add_login(i)
    i.set_defaults(func=cmd_bank_import)
    e = bsub.add_parser("export", help="导出 QTI 2.1 内容包（明文，仅限交换；操作记入日志）")
    e.add_argument("--out", required=True)
    _bank_args(e)
    common.add_site(e)
    common.add_login(e)
    e.set_defaults(func=cmd_bank_export)
    s = bsub.add_parser("summary", help="题库统计（只有数量，不显示任何试题）")
    _bank_args(s)
    common.add_site(s)
    common.add_login(s)
    s.set_defaults(func=cmd_bank_summary)
    t = bsub.add_parser("template", help="写出题库导入模板 .xlsx")
    t.add_argument("out")
    t.set_defaults(func=cmd_bank_template)

    p = sub.add_parser("papers", help="试卷：组卷方案、封存（双人双锁）、解封、状态")
    psub = p.add_subparsers(dest="what", metavar="ACTION")
    b = psub.add_parser("blueprint", help="设置组卷方案（默认：判断40×0.5 + 单选60×1 + 多选10×2，90分钟，60分合格）")
    common.add_batch(b)
    b.add_argument("--file", help="组卷方案 JSON（见 Blueprint.to_dict）")
    b.add_argument("--duration", type=int, help="考试时长（分钟）")
    b.add_argument("--pass-mark", help="合格分数线")
    b.add_argument("--mode", choices=["random", "ab"], help="random：随机（每人题序/选项序不同）；ab：固定A/B卷")
    common.add_site(b)
    common.add_login(b)
    b.set_defaults(func=cmd_blueprint)
    for name, fn, help_ in (("seal", cmd_seal, "组卷并封存（两名保管人各自输入密码）"),
                            ("unlock", cmd_unlock, "两名保管人共同解封（考试当日）")):
        x = psub.add_parser(name, help=help_)
        common.add_batch(x)
        x.add_argument("--custodian", action="append", required=True,
                       help="保管人用户名（两次）；密码取自 EXAMSITE_CUSTODIAN1_PASSWORD / 2 或提示输入")
        common.add_site(x)
        common.add_login(x)
        x.set_defaults(func=fn)
    st = psub.add_parser("status", help="封存/解封状态（不显示试卷内容）")
    common.add_batch(st)
    common.add_site(st)
    common.add_login(st)
    st.set_defaults(func=cmd_status)

    tsub = common.group(sub, "terminal", "考试终端：建立终端加密库、登记到主机、写出答题包")
    t = tsub.add_parser("provision", help="为本批次建立考试终端的加密库（终端口令取自 EXAMSITE_TERMINAL_PASSPHRASE 或提示输入）")
    common.add_batch(t)
    t.add_argument("--terminal", required=True, help="终端库目录（新建）")
    common.add_site(t)
    common.add_login(t)
    t.set_defaults(func=cmd_terminal_provision)

    p = sub.add_parser("exam", help="在本终端打开考生机考窗口（全屏，由监考人员登录启动）")
    p.add_argument("--terminal", "--site", dest="site", required=True, help="终端（站点）目录")
    p.add_argument("--passphrase-file")
    common.add_batch(p)
    common.add_login(p)
    p.add_argument("--windowed", action="store_true", help="不全屏（仅供调试）")
    p.set_defaults(func=cmd_exam)


def _custodians(args) -> list[tuple[str, str]]:
    if len(args.custodian) != 2:
        raise CliError("须指定两名保管人：--custodian 用户1 --custodian 用户2", 2)
    out = []
    for n, user in enumerate(args.custodian, 1):
        out.append((user, common.password(args, f"EXAMSITE_CUSTODIAN{n}_PASSWORD", f"保管人 {user} 的密码",
                                          file_attr="__none__")))
    return out


def cmd_bank_import(args) -> int:
    from app.services.theory import BankService

    with common.logged_in(args) as ctx:
        svc = BankService(ctx)
        if args.file.lower().endswith(".zip"):
            res = svc.import_qti(args.file, args.occupation, args.level)
        else:
            res = svc.import_xlsx(args.file, args.occupation, args.level, args.images)
    print(f"已导入 {res.imported} 题；职业（工种）{res.occupation_code} {level_label(res.level)}题库现有 {res.bank_size} 题")
    if res.warning:
        print(f"注意：{res.warning}")
    return 0


def cmd_bank_export(args) -> int:
    from app.services.theory import BankService

    with common.logged_in(args) as ctx:
        n = BankService(ctx).export_qti(args.occupation, args.level, args.out)
    print(f"已导出 {n} 题到 {args.out}（QTI 2.1 内容包为明文，请妥善保管）")
    return 0


def cmd_bank_summary(args) -> int:
    from app.services.theory import BankService

    with common.logged_in(args) as ctx:
        s = BankService(ctx).summary(args.occupation, args.level)
    print(f"题库 {s.occupation_code} {level_label(s.level)}：共 {s.size} 题")
    print("  题型：" + "，".join(f"{k} {v}" for k, v in s.by_type.items()))
    print("  难度：" + "，".join(f"{k}级 {v}" for k, v in sorted(s.by_difficulty.items())))
    print(f"  鉴定点：{len(s.by_kp)} 个")
    return 0


def cmd_bank_template(args) -> int:
    from app.formats.bank_xlsx import sample_questions, write_bank

    write_bank(args.out, sample_questions())
    print(f"已写出题库导入模板：{args.out}")
    return 0


def _blueprint_file(path: Path):
    from decimal import InvalidOperation

    from app.core.exam.blueprint import Blueprint
    from app.formats import limits

    limits.check_file(path, "组卷方案文件")
    try:
        return Blueprint.from_dict(json.loads(path.read_text(encoding="utf-8")))
    except UnicodeDecodeError:
        raise CliError(f"组卷方案文件 {path.name} 不是 UTF-8 文本（应为 JSON）", 2) from None
    except json.JSONDecodeError as exc:
        raise CliError(f"组卷方案文件 {path.name} 不是有效的 JSON（第 {exc.lineno} 行）", 2) from None
    except (KeyError, TypeError, ValueError, AttributeError, InvalidOperation) as exc:
        raise CliError(f"组卷方案文件 {path.name} 内容有误（{type(exc).__name__}：{str(exc)[:60]}）", 2) from None


def cmd_blueprint(args) -> int:
    from decimal import Decimal

    from app.core.exam.blueprint import Blueprint, standard_blueprint
    from app.services.theory import PaperService

    bp = _blueprint_file(Path(args.file)) if args.file else standard_blueprint()
    d = bp.to_dict()
    if args.duration:
        d["duration_min"] = args.duration
    if args.pass_mark:
        d["pass_mark"] = str(Decimal(args.pass_mark))
    if args.mode:
        d["mode"] = args.mode
    with common.logged_in(args) as ctx:
        PaperService(ctx).set_blueprint(args.batch, Blueprint.from_dict(d))
    print(f"已设置认定计划 {args.batch} 的组卷方案：{Blueprint.from_dict(d).question_count} 题，"
          f"{d['duration_min']} 分钟，合格线 {d['pass_mark']} 分")
    return 0


def _print_status(st) -> None:
    if not st.sealed:
        print(f"{st.plan_no}：试卷未封存")
        return
    print(f"{st.plan_no}：已封存（{st.sealed_at:%Y-%m-%d %H:%M}，保管人 {'、'.join(st.custodians)}，"
          f"{st.question_count} 题，摘要 {st.content_sha256[:16]}…）")
    if st.unlocked:
        print(f"  已解封：{st.unlocked_at:%Y-%m-%d %H:%M}，由 {'、'.join(st.unlocked_by)} 共同解封")


def cmd_seal(args) -> int:
    from app.services.theory import PaperService

    with common.logged_in(args) as ctx:
        st = PaperService(ctx).seal(args.batch, _custodians(args))
    _print_status(st)
    return 0


def cmd_unlock(args) -> int:
    from app.services.theory import PaperService

    with common.logged_in(args) as ctx:
        st = PaperService(ctx).unlock(args.batch, _custodians(args))
    _print_status(st)
    return 0


def cmd_status(args) -> int:
    from app.services.theory import PaperService

    with common.logged_in(args) as ctx:
        _print_status(PaperService(ctx).status(args.batch))
    return 0


def cmd_terminal_provision(args) -> int:
    from app.services.terminal import TerminalService

    with common.logged_in(args) as ctx:
        secret = common.password(args, "EXAMSITE_TERMINAL_PASSPHRASE", "终端库口令", file_attr="__none__")
        site_id = TerminalService(ctx).provision(args.terminal, secret, args.batch)
    print(f"考试终端库已建立：{Path(args.terminal).resolve()}（{site_id}）")
    return 0


def cmd_exam(args) -> int:
    from PySide6.QtWidgets import QApplication

    from app.services.exam import ExamTerminal
    from app.ui.exam.kiosk import ExamWindow

    ctx = common.login(args)
    link = _terminal_link(ctx)
    term = ExamTerminal(ctx, link=link)
    if link is not None:  # enrolled: stream every exam record, follow the master's commands
        import threading

        lock = threading.Lock()

        def follow(_record=None):
            with lock:
                term.follow(link.commands())

        follow()
        link.on_command.append(follow)
        link.start()
    app = QApplication.instance() or QApplication(["examsite-exam"])
    window = ExamWindow(term, args.batch)
    if args.windowed or os.environ.get("QT_QPA_PLATFORM") == "offscreen":
        window.show()
    else:
        window.showFullScreen()
    try:
        return app.exec()
    finally:
        window.worker.wait()
        if link is not None:
            link.stop()
        ctx.handle.close()


def _terminal_link(ctx):
    """The site link of an enrolled terminal store (same store, same transactions), or None."""
    from app.net.terminal import IDENTITY, TerminalNode
    from app.store import models

    with ctx.store.read() as s:
        if s.get(models.Setting, IDENTITY) is None:
            return None
    return TerminalNode(ctx.store, ctx.clock)
