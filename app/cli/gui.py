"""`examsite gui`: the graphical program (Qt is imported only when it runs)."""

from __future__ import annotations


def register(sub) -> None:
    gui = sub.add_parser("gui", help="打开图形界面")
    gui.add_argument("--site", help="站点目录")
    gui.set_defaults(func=cmd_gui)


def cmd_gui(args) -> int:
    from app.ui.main import run

    return run(["examsite"] + (["--site", args.site] if args.site else []))
