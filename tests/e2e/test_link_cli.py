"""`examsite link import-pack` and `examsite terminal pack` as an operator runs them."""

import os
import subprocess
import sys
from pathlib import Path

from app.net.master import MasterLink
from app.net.terminal import TerminalNode
from app.services.net import NetService
from app.store.keys import TEST_KDF
from tests.conftest import ADMIN_PASSWORD, PASSPHRASE

ROOT = Path(__file__).resolve().parents[2]


def _run(*args):
    env = {**os.environ, "PYTHONPATH": str(ROOT), "EXAMSITE_PASSPHRASE": PASSPHRASE,
           "EXAMSITE_PASSWORD": ADMIN_PASSWORD, "EXAMSITE_TERMINAL_PASSPHRASE": "terminal-pass-1"}
    return subprocess.run([sys.executable, "-m", "app", *args], env=env, cwd=ROOT, capture_output=True, text=True,
                          timeout=120)


def test_pack_written_by_terminal_command_imports_once(site, admin, tmp_path):
    link = MasterLink(site).start()
    node = TerminalNode.create(tmp_path / "t1", "terminal-pass-1", TEST_KDF)
    try:
        NetService(admin).grant(node.request_enrollment(link.url, "一号机"))
        node.complete_enrollment()
        for q in range(3):
            node.record("answer", {"candidate": "2641000001", "q": q, "a": "A"})
    finally:
        node.close()
        link.stop()
    r = _run("terminal", "pack", "--folder", str(tmp_path / "t1"), "--out", str(tmp_path / "T001.espack"))
    assert r.returncode == 0, r.stderr
    first = _run("link", "import-pack", "--site", str(site.site_dir), str(tmp_path / "T001.espack"))
    second = _run("link", "import-pack", "--site", str(site.site_dir), str(tmp_path / "T001.espack"))
    assert first.returncode == 0 and "新增 3" in first.stdout, first.stderr
    assert second.returncode == 0 and "新增 0\t重复 3" in second.stdout
    machines = _run("link", "machines", "--site", str(site.site_dir))
    assert machines.stdout.split("\t")[0] == "T001" and "\t3\t3" in machines.stdout
    wrong = _run("link", "import-pack", "--site", str(site.site_dir), str(tmp_path / "nothing.espack"))
    assert wrong.returncode == 1 and "无法读取答题包" in wrong.stderr
