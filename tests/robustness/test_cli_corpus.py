"""The `examsite` file-taking commands as real processes, fed broken files: stderr never
holds a traceback, the exit code is not 0, and no row is written (issue 20 item 2: an answer
pack with a malformed header, missing files for `verify-cert --file`, an empty, missing or
binary `--passphrase-file`; the scoring-sheet exchange file that item also named is gone:
signed sheets travel in station packs, `link import-pack`)."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from tests.conftest import ADMIN_PASSWORD, INSTITUTION, PASSPHRASE
from tests.robustness import corpus
from tests.robustness.test_broken_files import SMALL_LIMITS, row_count

pytestmark = pytest.mark.slow


def run(*args, env_extra=None):
    env = {k: v for k, v in os.environ.items() if not k.startswith("EXAMSITE_")}
    env.update({"EXAMSITE_PASSPHRASE": PASSPHRASE, "EXAMSITE_PASSWORD": ADMIN_PASSWORD, **SMALL_LIMITS})
    env.update(env_extra or {})
    return subprocess.run([sys.executable, "-m", "app", *map(str, args)], capture_output=True, text=True,
                          env=env, timeout=120, stdin=subprocess.DEVNULL)


@pytest.fixture(scope="module")
def cli_site(tmp_path_factory):
    from app.services.roster import RosterService
    from app.services.site import create_site
    from app.store.keys import TEST_KDF

    root = tmp_path_factory.mktemp("cli")
    handle = create_site(root / "site", PASSPHRASE, INSTITUTION, "admin", "管理员", ADMIN_PASSWORD, kdf=TEST_KDF)
    roster = root / "roster.xlsx"
    roster.write_bytes(corpus.xlsx_bytes(corpus.roster_rows()))
    RosterService(handle.login("admin", ADMIN_PASSWORD)).import_roster(roster)
    handle.close()
    return root


def _rows(site_dir):
    from app.services.site import open_site

    handle = open_site(site_dir, PASSPHRASE)
    try:
        return row_count(handle)
    finally:
        handle.close()


def _refused(result, *words):
    assert "Traceback" not in result.stderr, result.stderr
    assert result.returncode != 0, result.stdout
    lines = [ln for ln in result.stderr.splitlines() if ln.strip()]
    assert lines and lines[0].startswith("examsite: "), result.stderr
    for word in words:
        assert word in result.stderr, result.stderr


def test_file_commands_refuse_broken_files_without_traceback_or_rows(cli_site):
    site = cli_site / "site"
    tables = corpus.table_corpus(cli_site / "tables")
    qti = corpus.qti_corpus(cli_site / "qti")
    packs = corpus.pack_corpus(cli_site / "packs")
    before = _rows(site)
    cases = [
        (("import", "roster", tables["directory"]), ["文件夹"]),
        (("import", "roster", tables["html-as-xls"]), ["网页"]),
        (("import", "roster", tables["garbage-ole-xls"]), [".xls"]),
        (("import", "roster", tables["shared-strings-bomb"]), ["sharedStrings"]),
        (("import", "roster", tables["superscript-level"]), ["⁴级²"]),
        (("ban", "import", tables["binary-csv"]), []),
        (("bank", "import", tables["bad-crc-xlsx"], "--occupation", "6-31-01-03", "--level", "4"), []),
        (("bank", "import", qti["qti-bad-crc"], "--occupation", "6-31-01-03", "--level", "4"), ["损坏"]),
        (("bank", "import", qti["qti-non-numeric-maxchoices"], "--occupation", "6-31-01-03", "--level", "4"),
         ["maxChoices"]),
        (("scoring", "import", tables["truncated-xlsx"], "--batch", "2026-DG-0001"), []),
        (("link", "import-pack", packs["pack-header-list"]), ["头部"]),
        (("link", "import-pack", packs["pack-missing"]), []),
        (("papers", "blueprint", "--batch", "2026-DG-0001", "--file", tables["text-as-xlsx"]), ["JSON"]),
    ]
    for args, words in cases:
        _refused(run(*args, "--site", site), *words)
    assert _rows(site) == before


def test_passphrase_file_empty_missing_binary_or_directory(cli_site, tmp_path):
    site = cli_site / "site"
    empty, binary, blank = tmp_path / "empty", tmp_path / "binary", tmp_path / "blank"
    empty.write_bytes(b"")
    binary.write_bytes(bytes(range(256)))
    blank.write_text("\n\nsecret\n")
    for f, word in ((empty, "首行为空"), (binary, "UTF-8"), (blank, "首行为空"), (tmp_path / "none", "找不到"),
                    (tmp_path, "文件夹")):
        r = run("journal", "verify", "--site", site, "--passphrase-file", f, env_extra={"EXAMSITE_PASSPHRASE": ""})
        _refused(r, word)
    good = tmp_path / "good"
    good.write_text(PASSPHRASE + "\n")
    assert run("journal", "verify", "--site", site, "--passphrase-file", good).returncode == 0


def test_verify_cert_file_missing_garbage_or_bomb(cli_site):
    site = cli_site / "site"
    images = corpus.image_corpus(cli_site / "img")
    for name, word in (("missing", "找不到"), ("not-image", ""), ("png-bomb", "像素过多"), ("directory", "不是文件")):
        _refused(run("verify-cert", "--site", site, "--file", images[name]), word)


def test_init_normalises_a_fullwidth_institution_code_and_refuses_other_digits(tmp_path):
    """"评价机构代码 … 4 位" arabic digits [rules-digest.md L59]."""
    base = ("init", "--name", "测试中心", "--category", "S", "--province", "41", "--site-serial", "010123")
    env = {"EXAMSITE_ADMIN_PASSWORD": ADMIN_PASSWORD}
    r = run(*base, "--site", tmp_path / "bad", "--institution-code", "٠٠٠١", env_extra=env)
    _refused(r, "评价机构代码", "٠٠٠١")
    assert not (tmp_path / "bad").exists()
    r = run(*base, "--site", tmp_path / "bidi", "--name", "测试\u202e中心", env_extra=env)
    _refused(r, "U+202E")
    r = run(*base, "--site", tmp_path / "ok", "--institution-code", "０００１", env_extra=env)
    assert r.returncode == 0, r.stderr
    from app.services.site import SiteService, open_site

    handle = open_site(tmp_path / "ok", PASSPHRASE)
    try:
        assert SiteService(handle.login("admin", ADMIN_PASSWORD)).institution().institution_code == "0001"
    finally:
        handle.close()
