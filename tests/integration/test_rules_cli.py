"""The rule-gate commands: profile, scope, retention, center-review, objection (issue 18)."""

from __future__ import annotations

from app.cli import main
from app.services.demo import DEMO_PASSPHRASE, DEMO_PLAN


def test_rules_commands(demo, monkeypatch, capsys):
    """The 备案范围 is recorded from the command line; a batch outside it is then refused
    (违纪指引 第十五条 [002 L1754]); the profile and the retention register are shown."""
    site = str(demo.site_dir)
    demo.close()
    monkeypatch.setenv("EXAMSITE_PASSPHRASE", DEMO_PASSPHRASE)
    monkeypatch.setenv("EXAMSITE_PASSWORD", "Demo-admin-2026")
    assert main(["profile", "--site", site]) == 0
    assert "河南省：公示不少于7个工作日" in capsys.readouterr().out
    assert main(["scope", "set", "--site", site, "--row", "6-31-01-03,电工,,5、3"]) == 0
    assert main(["scope", "show", "--site", site]) == 0
    assert "6-31-01-03\t电工\t--\t5、3" in capsys.readouterr().out
    assert main(["checkin", "session", "add", "--site", site, "--batch", DEMO_PLAN, "--name", "理论",
                 "--subject", "theory", "--start", "2026-12-01 09:00"]) != 0
    assert "备案范围" in capsys.readouterr().err
    assert main(["retention", "--site", site]) == 0
    out = capsys.readouterr().out
    assert "考场视频录像" in out and "不少于1年，002 L3820" in out
    assert main(["center-review", "--site", site, "--batch", DEMO_PLAN, "--reviewer", "示例中心",
                 "--date", "2026-12-01", "--reply-no", "示鉴〔2026〕1号"]) == 1
    assert "复审" in capsys.readouterr().err   # not before the review chain is complete
