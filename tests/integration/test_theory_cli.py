"""`examsite bank …` and `examsite papers …` end to end on a copy of the demo site."""

from __future__ import annotations

import datetime as _dt

from app.cli import main
from app.formats.bank_xlsx import write_bank
from app.services.demo import DEMO_PASSPHRASE, DEMO_PLAN
from app.services.site import open_site
from app.store.unit import Clock
from tests.theory_support import LEVEL, OCC, PASSWORDS, exam_day_clock, make_questions


def _the_day_before(site_dir, monkeypatch) -> None:
    """The CLI reads the real clock; pin it to the day before the demo's exam day, so the test does not
    depend on whether the run crosses Beijing midnight after the demo template was built."""
    handle = open_site(site_dir, DEMO_PASSPHRASE)
    try:
        before = exam_day_clock(handle).now() - _dt.timedelta(days=1)
    finally:
        handle.close()
    monkeypatch.setattr(Clock, "now", lambda self: before)


def test_bank_and_papers_commands(demo_site_dir, tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("EXAMSITE_PASSPHRASE", DEMO_PASSPHRASE)
    monkeypatch.setenv("EXAMSITE_PASSWORD", PASSWORDS["admin"])
    site = ["--site", str(demo_site_dir)]
    _the_day_before(demo_site_dir, monkeypatch)
    assert main(["bank", "template", str(tmp_path / "t.xlsx")]) == 0
    bank = tmp_path / "bank.xlsx"
    write_bank(bank, make_questions(60, 80, 20))
    assert main(["bank", "import", str(bank), "--occupation", OCC, "--level", str(LEVEL), *site]) == 0
    out = capsys.readouterr().out
    assert "已导入 160 题" in out and "少于规定的 600 题" in out
    assert main(["bank", "summary", "--occupation", OCC, "--level", str(LEVEL), *site]) == 0
    out = capsys.readouterr().out
    assert "共 160 题" in out and "题干" not in out
    assert main(["papers", "blueprint", "--batch", DEMO_PLAN, "--duration", "100", *site]) == 0
    assert "110 题，100 分钟" in capsys.readouterr().out
    monkeypatch.setenv("EXAMSITE_CUSTODIAN1_PASSWORD", PASSWORDS["admin"])
    monkeypatch.setenv("EXAMSITE_CUSTODIAN2_PASSWORD", PASSWORDS["kaowu"])
    args = ["--batch", DEMO_PLAN, "--custodian", "admin", "--custodian", "kaowu", *site]
    assert main(["papers", "seal", *args]) == 0
    assert "保管人 王立新、李静" in capsys.readouterr().out
    # the day before the exam: no unlock (解封 only within the exam's window)
    assert main(["papers", "unlock", *args]) == 1
    assert "时间窗口" in capsys.readouterr().err
    assert main(["papers", "status", "--batch", DEMO_PLAN, *site]) == 0
    out = capsys.readouterr().out
    assert "已封存" in out and "已解封" not in out
    monkeypatch.setenv("EXAMSITE_TERMINAL_PASSPHRASE", "terminal-pass-01")
    assert main(["terminal", "provision", "--batch", DEMO_PLAN, "--terminal", str(tmp_path / "t01"), *site]) == 0
    assert (tmp_path / "t01" / "site.db").exists()
    monkeypatch.setenv("EXAMSITE_PASSWORD", "wrong")
    assert main(["bank", "summary", "--occupation", OCC, "--level", str(LEVEL), *site]) == 5
