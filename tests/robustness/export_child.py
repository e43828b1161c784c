"""Run as a separate process by test_export_crash.py: start an export of the demo site with
one extra provider at the end that says READY and then waits to be killed."""

from __future__ import annotations

import sys
import time
from pathlib import Path


def main(site_dir: str, out: str) -> None:
    from app.services import bundle
    from app.services.bundle import ExportService
    from app.services.demo import DEMO_PASSPHRASE, DEMO_STAFF
    from app.services.site import open_site

    password = {u: p for u, _, _, p, _ in DEMO_STAFF}["admin"]

    def hang(ctx, plan_no, folder: Path) -> list[str]:
        (folder / "zz-last.txt").write_text("not secret\n", encoding="utf-8")
        print("READY", flush=True)
        time.sleep(600)
        return ["zz-last.txt"]

    bundle.register_provider("zz_hang", hang)
    handle = open_site(site_dir, DEMO_PASSPHRASE)
    ExportService(handle.login("admin", password)).make(Path(out), password)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
