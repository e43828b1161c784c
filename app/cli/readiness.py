"""`examsite selftest`: the readiness self-test (考前自检) the evening before, on each laptop."""

from __future__ import annotations

import json
from pathlib import Path

from app.cli import CliError, common


def register(sub) -> None:
    p = sub.add_parser("selftest", help="考前自检：磁盘、摄像头、供电、时钟、数据库、密钥、终端、打印机（报告经站点密钥签名）")
    common.add_site(p)
    common.add_login(p)
    common.add_batch(p, required=False, help="认定计划编号（报告随该批次保存并进入上报数据包）")
    p.add_argument("--hours", type=float, help="预计录像小时数（默认：每个考试日 8 小时）")
    p.add_argument("--master", metavar="URL", help="考点主机链路地址（本机为副机时用于核对时钟）")
    p.add_argument("--pin", help="考点主机证书指纹（与 --master 一起使用）")
    p.add_argument("--out", help="另存报告：.pdf（可打印，含签字栏）或 .json（报告与签名）")
    p.set_defaults(func=cmd_selftest)


def cmd_selftest(args) -> int:
    from app.core import readiness as core
    from app.services.readiness import ReadinessService
    from app.services.site import SiteService

    out = Path(args.out) if args.out else None
    if out is not None and out.suffix.lower() not in (".pdf", ".json"):
        raise CliError("--out 须为 .pdf 或 .json 文件", 2)
    with common.logged_in(args) as ctx:
        stored = ReadinessService(ctx).run(args.batch, args.hours, args.master, args.pin)
        inst = SiteService(ctx).institution()
    for c in stored.checks:
        print(f"{c.mark} {c.title}：{c.message}")
    report = stored.report
    print(f"结论：{core.MARKS[report['verdict']]} {report['verdict_text']}（用时 {report['seconds']:.1f} 秒，"
          f"第 {stored.id} 号报告，站点密钥 {stored.key_id} 签名）")
    if out is not None:
        if out.suffix.lower() == ".json":
            out.write_text(json.dumps(stored.bundle_entry(), ensure_ascii=False, sort_keys=True, indent=1) + "\n",
                           encoding="utf-8")
        else:
            from app.formats.readiness_pdf import write_readiness_pdf

            write_readiness_pdf(out, report, stored.signature, stored.key_id, inst.name if inst else "")
        print(f"报告已写出：{out}")
    return 1 if report["verdict"] == core.FAIL else 0
