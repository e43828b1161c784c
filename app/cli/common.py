"""Arguments and secrets shared by every command."""

from __future__ import annotations

import getpass
from contextlib import contextmanager
import os
import sys
from pathlib import Path

from app.cli import CliError


def add_site(parser, required: bool = True) -> None:
    parser.add_argument("--site", required=required, help="站点目录（含 site.json 与 site.db）")
    parser.add_argument("--passphrase-file", help="从文件读取站点口令（首行）")


def add_login(parser) -> None:
    parser.add_argument("--user", default="admin", help="以哪个用户的身份执行（默认 admin）")
    parser.add_argument("--role", help="以该用户的哪个角色执行（默认第一个角色）")
    parser.add_argument("--password-file", help="从文件读取该用户的密码（首行）")


BATCH_ALIASES = ("--plan",)  # older spellings, still accepted, never shown


def add_batch(parser, required: bool = True, help: str = "认定计划号（批次）"):
    """The one option naming a batch in every command: ``--batch PLAN_NO`` (``args.batch``).
    ``--plan`` (the results commands' old spelling) is a hidden alias so that scripts keep working."""
    action = parser.add_argument("--batch", required=required, metavar="PLAN_NO", help=help)
    for alias in BATCH_ALIASES:  # parsed like --batch, absent from --help and from error messages
        parser._option_string_actions[alias] = action
    return action


MAX_SECRET_FILE_BYTES = 4096


def _secret_from_file(file: str, prompt: str) -> str:
    """The first line of a small UTF-8 text file; any other file is one clear line, never a traceback."""
    path = Path(file)
    try:
        if path.is_dir():
            raise CliError(f"{prompt}文件 {path} 是文件夹", 2)
        size = path.stat().st_size
        if size > MAX_SECRET_FILE_BYTES:
            raise CliError(f"{prompt}文件 {path} 过大（{size} 字节），应只含一行{prompt}", 2)
        data = path.read_bytes()
    except FileNotFoundError:
        raise CliError(f"找不到{prompt}文件 {path}", 2) from None
    except OSError as exc:
        raise CliError(f"无法读取{prompt}文件 {path}：{exc.strerror or exc}", 2) from None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise CliError(f"{prompt}文件 {path} 不是 UTF-8 文本", 2) from None
    lines = text.splitlines()
    value = lines[0].strip() if lines else ""
    if not value:
        raise CliError(f"{prompt}文件 {path} 的首行为空", 2)
    if any(ord(c) < 32 or ord(c) == 127 for c in value):
        raise CliError(f"{prompt}文件 {path} 含有控制字符（不是文本文件？）", 2)
    return value


def _secret(env: str, file: str | None, prompt: str) -> str:
    if file:
        return _secret_from_file(file, prompt)
    value = os.environ.get(env)
    if value:
        return value
    if not sys.stdin.isatty():
        raise CliError(f"需要{prompt}：请设置 {env} 或使用对应的 --*-file 参数", 2)
    return getpass.getpass(f"{prompt}：")


def passphrase(args) -> str:
    return _secret("EXAMSITE_PASSPHRASE", getattr(args, "passphrase_file", None), "站点口令")


def password(args, env: str = "EXAMSITE_PASSWORD", prompt: str = "密码", file_attr: str = "password_file") -> str:
    return _secret(env, getattr(args, file_attr, None), prompt)


def open_site(args):
    from app.services.site import open_site as _open

    return _open(args.site, passphrase(args))


@contextmanager
def logged_in(args):
    """``with common.logged_in(args) as ctx:`` — log in as ``--user``; the site is closed after."""
    ctx = login(args)
    try:
        yield ctx
    finally:
        ctx.handle.close()


def login(args):
    """Open the site and log in as ``--user``; the caller closes ``ctx.handle``."""
    from app.core.errors import PermissionDenied

    handle = open_site(args)
    try:
        ctx = handle.login(args.user, password(args), args.role)
    except PermissionDenied as exc:
        handle.close()
        raise CliError(str(exc), 5) from None
    ctx.handle = handle
    return ctx


def group(sub, name: str, help: str):
    """The sub-commands of ``examsite NAME``, shared by every module that adds to that group
    (e.g. `terminal provision` from the theory exam and `terminal enroll` from the site link)."""
    parser = sub.choices.get(name)
    if parser is None:
        parser = sub.add_parser(name, help=help)
        parser.set_defaults(_group=parser.add_subparsers(dest="what", metavar="ACTION"))
    return parser.get_default("_group")


def enroll_and_wait(folder, passphrase: str, master: str, name: str, wait: float) -> int:
    """Ask the master to enroll this machine (terminal or station), show the code to grant and
    wait for the grant; the confirmation code is shown for the person to compare."""
    from app.net import terminal

    node = terminal.TerminalNode.open(folder, passphrase)
    try:
        confirm = terminal.enroll_and_wait(node, master, name, wait,
                                           lambda code: print(f"登记码：{code}", flush=True))
        if not confirm:
            raise CliError("等待准予登记超时", 6)
        print(f"已登记为 {node.machine_id}；请核对主机屏幕上的确认码：{confirm}", flush=True)
        return 0
    finally:
        node.close()
