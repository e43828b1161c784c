"""`examsite`: the same services as the GUI, headless.

``COMMAND_MODULES`` is the one list of command modules: each has a ``register(sub)``
function, and a feature area adds one line here.  A batch is named by ``--batch PLAN_NO``
in every command (``app.cli.common.add_batch``).  Secrets never come on the command line:
the site passphrase comes from ``EXAMSITE_PASSPHRASE``, ``--passphrase-file`` or a prompt;
a user's password from ``EXAMSITE_PASSWORD``, ``--password-file`` or a prompt.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys

from app import __version__

COMMAND_MODULES = [
    "app.cli.gui",
    "app.cli.foundation",
    "app.cli.checkin",
    "app.cli.scoring",
    "app.cli.bundle",
    "app.cli.theory",
    "app.cli.results",
    "app.cli.camera",
    "app.cli.net",
    "app.cli.station",
    "app.cli.room_console",
    "app.cli.grader_station",
    "app.cli.readiness",
    "app.cli.rules",
]


class CliError(Exception):
    """A one-line message for the person at the terminal; exit code attached."""

    def __init__(self, message: str, code: int = 1):
        super().__init__(message)
        self.code = code


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="examsite", description="ExamSite 考点管理系统（离线）")
    parser.add_argument("--version", action="version", version=f"ExamSite {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMAND_MODULES:
        importlib.import_module(name).register(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else list(argv)
    if argv[:1] == ["verify"]:
        # The offline verifier runs on a clerk's machine: no Qt, no SQLCipher, no SQLAlchemy.
        from app import verifier

        return verifier.main(argv[1:], prog="examsite verify")
    from app.core.errors import DomainError
    from app.store.engine import StoreCorrupt
    from app.store.keys import NotASite, WrongPassphrase

    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help()
        return 2
    try:
        return int(args.func(args) or 0)
    except CliError as exc:
        print(f"examsite: {exc}", file=sys.stderr)
        return exc.code
    except WrongPassphrase as exc:
        print(f"examsite: {exc}", file=sys.stderr)
        return 3
    except (NotASite, StoreCorrupt, FileExistsError) as exc:
        print(f"examsite: {exc}", file=sys.stderr)
        return 4
    except DomainError as exc:
        print(f"examsite: {exc}", file=sys.stderr)
        errors = getattr(exc, "errors", None)
        if errors and len(errors) > 1:
            for err in errors:
                print(f"  - {err}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("examsite: 已中断", file=sys.stderr)
        return 130
    except OSError as exc:
        # a file named on the command line that cannot be read or written: one line, not a traceback
        where = f" {exc.filename}" if getattr(exc, "filename", None) else ""
        print(f"examsite: 文件操作失败{where}：{exc.strerror or exc}", file=sys.stderr)
        return 4
    except Exception as exc:  # the last guard: a person never reads a traceback
        if os.environ.get("EXAMSITE_DEBUG"):
            raise
        print(f"examsite: 未能完成（{type(exc).__name__}：{str(exc)[:200]}）；"
              "设置 EXAMSITE_DEBUG=1 可查看详细信息", file=sys.stderr)
        return 70
