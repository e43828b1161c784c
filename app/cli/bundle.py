"""export, countersign, verify, keys public, export history / status (issue 9).

``examsite verify`` imports nothing but ``app.verifier`` (standard library, cryptography,
pure core): it runs on a clerk's machine with no Qt, no SQLCipher and no site.
"""

from __future__ import annotations

import sys
from pathlib import Path

from app.cli import CliError
from app.cli import common


def register(sub) -> None:
    p = sub.add_parser("export", help="将一个认定批次导出为签名封装的上报包（BagIt zip）")
    common.add_site(p)
    common.add_login(p)
    p.add_argument("--out", required=True, help="输出文件（.zip）")
    common.add_batch(p, required=False, help="认定计划号（站点只有一个批次时可省略）")
    p.add_argument("--photos", action="store_true", help="包含考生照片")
    p.add_argument("--supersedes", type=int, help="更正包：被取代的上报包序号")
    p.add_argument("--reason", default="", help="更正原因（更正包必填）")
    p.set_defaults(func=cmd_export)

    p = sub.add_parser("countersign", help="内部质量督导员会签上报包")
    common.add_site(p)
    common.add_login(p)
    p.add_argument("bundle")
    p.add_argument("--seq", type=int, required=True, help="上报包序号")
    p.set_defaults(func=cmd_countersign)

    p = sub.add_parser("verify", help="离线校验上报包（无需站点）；完好时退出码为 0")
    p.add_argument("bundle")
    p.add_argument("--trust", required=True, help="站点公钥文件（examsite keys public 的输出）")
    p.add_argument("--key", help="加密上报包：省级中心的 X25519 私钥（PEM）")
    p.set_defaults(func=cmd_verify)

    p = sub.add_parser("keys", help="站点与工作人员公钥")
    ksub = p.add_subparsers(dest="what", metavar="ACTION")
    k = ksub.add_parser("public", help="输出站点与工作人员公钥（--trust 读取的格式）")
    common.add_site(k)
    k.add_argument("--out", help="写入文件（默认输出到屏幕）")
    k.set_defaults(func=cmd_keys_public)

    p = sub.add_parser("exports", help="上报包历史与状态")
    esub = p.add_subparsers(dest="what", metavar="ACTION")
    ls = esub.add_parser("list", help="列出上报包及状态")
    common.add_site(ls)
    common.add_login(ls)
    ls.set_defaults(func=cmd_exports_list)
    c = esub.add_parser("copy", help="将已校验的上报包拷贝到移动介质并读回核对")
    common.add_site(c)
    common.add_login(c)
    c.add_argument("bundle")
    c.add_argument("--seq", type=int, required=True)
    c.add_argument("--to", required=True, help="目标文件夹（如 U 盘）")
    c.add_argument("--encrypt-for", help="加密给省级中心（其 X25519 公钥 PEM 文件），写出 .enc")
    c.set_defaults(func=cmd_exports_copy)
    a = esub.add_parser("ack", help="登记省级平台已确认接收")
    common.add_site(a)
    common.add_login(a)
    a.add_argument("--seq", type=int, required=True)
    a.add_argument("--note", required=True, help="回执编号、日期等")
    a.set_defaults(func=cmd_exports_ack)
    v = esub.add_parser("check", help="用本站点公钥校验上报包并登记「已校验」")
    common.add_site(v)
    common.add_login(v)
    v.add_argument("bundle")
    v.add_argument("--seq", type=int, required=True)
    v.set_defaults(func=cmd_exports_check)


def _service(args):
    """Log in; the same password (read once) re-authenticates the signature."""
    from app.core.errors import PermissionDenied
    from app.services.bundle import ExportService

    password = common.password(args)
    handle = common.open_site(args)
    try:
        ctx = handle.login(args.user, password, args.role)
    except PermissionDenied as exc:
        handle.close()
        raise CliError(str(exc), 5) from None
    ctx.handle = handle
    ctx.password = password
    return ctx, ExportService(ctx)


def cmd_export(args) -> int:
    ctx, svc = _service(args)
    try:
        view = svc.make(Path(args.out), ctx.password, args.batch, include_photos=args.photos,
                        supersedes=args.supersedes, reason=args.reason)
    finally:
        ctx.handle.close()
    print(f"已导出第 {view.seq} 号上报包：{args.out}（认定计划 {view.plan_no}）")
    print(f"  文件 SHA-256：{view.file_sha256}")
    print(f"  tagmanifest SHA-256：{view.tagmanifest_sha256}")
    print("  待内部质量督导员会签：examsite countersign BUNDLE --seq N --user <内督>")
    return 0


def _x25519_public(path: str) -> bytes:
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PublicKey

    try:
        key = serialization.load_pem_public_key(Path(path).read_bytes())
    except (OSError, ValueError) as exc:
        raise CliError(f"无法读取省级中心公钥 {path}：{exc}", 2) from None
    if not isinstance(key, X25519PublicKey):
        raise CliError("省级中心公钥应为 X25519 公钥（PEM）", 2)
    return key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)


def cmd_countersign(args) -> int:
    ctx, svc = _service(args)
    try:
        view = svc.countersign(args.seq, Path(args.bundle), ctx.password)
    finally:
        ctx.handle.close()
    print(f"已会签第 {view.seq} 号上报包；文件 SHA-256：{view.file_sha256}")
    return 0


def cmd_verify(args) -> int:
    from app import verifier

    return verifier.run(args.bundle, args.trust, args.key)


def cmd_keys_public(args) -> int:
    from app.services.bundle import public_key_text

    handle = common.open_site(args)
    try:
        text = public_key_text(handle)
    finally:
        handle.close(checkpoint=False)
    if args.out:
        Path(args.out).write_text(text, encoding="utf-8")
        print(f"公钥已写出：{args.out}")
    else:
        sys.stdout.write(text)
    return 0


def cmd_exports_list(args) -> int:
    ctx, svc = _service(args)
    try:
        rows = svc.history()
    finally:
        ctx.handle.close()
    for v in rows:
        extra = f" 取代第{v.supersedes_seq}号" if v.supersedes_seq else ""
        extra += f" 已被第{v.superseded_by}号取代" if v.superseded_by else ""
        print(f"{v.seq}\t{v.plan_no}\t{v.status_name}\t{','.join(v.signers)}\t{v.file_sha256[:16]}\t{v.file_name}{extra}")
    return 0


def cmd_exports_copy(args) -> int:
    ctx, svc = _service(args)
    try:
        recipient = _x25519_public(args.encrypt_for) if args.encrypt_for else None
        v = svc.copy_to(args.seq, Path(args.bundle), Path(args.to), recipient)
    finally:
        ctx.handle.close()
    print(f"已拷贝并读回核对：{v.copied_to}")
    return 0


def cmd_exports_ack(args) -> int:
    ctx, svc = _service(args)
    try:
        svc.acknowledge(args.seq, args.note)
    finally:
        ctx.handle.close()
    print("已登记省级确认")
    return 0


def cmd_exports_check(args) -> int:
    ctx, svc = _service(args)
    try:
        report = svc.verify(args.seq, Path(args.bundle))
    finally:
        ctx.handle.close()
    if not report.ok:
        print(report.summary(), file=sys.stderr)
        return 1
    print(report.summary())
    return 0
