import subprocess

from app.cli import main
from app.services.demo import DEMO_PASSPHRASE
from tests.scoring_support import PASSWORDS, PLAN


def test_cli_template_import_group_summary_pdf(tmp_path, demo_site_dir, monkeypatch, capsys):
    monkeypatch.setenv("EXAMSITE_PASSPHRASE", DEMO_PASSPHRASE)
    monkeypatch.setenv("EXAMSITE_PASSWORD", PASSWORDS["admin"])
    site = ["--site", str(demo_site_dir)]
    assert main(["scoring", "template", str(tmp_path / "t.xlsx")]) == 0
    assert main(["scoring", "import", str(tmp_path / "t.xlsx"), "--batch", PLAN] + site) == 0
    assert main(["scoring", "group", "--batch", PLAN, "--members", "kaoping1,kaoping2", "--chief", "zuzhang"]
                + site) == 1
    assert "至少需要 3" in capsys.readouterr().err
    assert main(["scoring", "group", "--batch", PLAN, "--members", "kaoping1,kaoping2,zuzhang", "--chief", "zuzhang"]
                + site) == 0
    pdf = tmp_path / "s.pdf"
    assert main(["scoring", "summary", "--batch", PLAN, "--pdf", str(pdf), "--contact", "李静"] + site) == 0
    out = capsys.readouterr().out
    assert "评分未完成" in out and "DG26040001" in out
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert "考评组长（签字）" in text and "DG26040040" in text and "李静" in text
    assert main(["scoring", "sheets", "--batch", PLAN, str(tmp_path / "b.pdf")] + site) == 0
    assert main(["scoring", "verify", "--batch", PLAN] + site) == 0
    assert "一致" in capsys.readouterr().out


def test_cli_verify_checks_signed_sheets(tmp_path, demo_site_dir, monkeypatch, capsys):
    """`examsite scoring verify` recomputes each signed sheet against the hash journaled at signing."""
    from app.services.site import open_site
    from tests.scoring_support import FULL, login_any, score, setup_scoring

    handle = open_site(demo_site_dir, DEMO_PASSPHRASE)
    try:
        svc = setup_scoring(tmp_path, login_any(handle))
        score(svc["kaoping1"], "kaoping1", "DG26040001", FULL)
    finally:
        handle.close()
    monkeypatch.setenv("EXAMSITE_PASSPHRASE", DEMO_PASSPHRASE)
    site = ["--site", str(demo_site_dir)]
    monkeypatch.setenv("EXAMSITE_PASSWORD", PASSWORDS["admin"])
    capsys.readouterr()
    assert main(["scoring", "verify", "--batch", PLAN] + site) == 0
    assert "全部已签字评分表与签字时的记录一致" in capsys.readouterr().out


def test_cli_grader_qualification_and_rotation(demo_site_dir, monkeypatch, capsys):
    """`examsite user add/qualify` carry the 考评员资格; `examsite scoring rotation` shows it with the earlier
    batches of the same occupation."""
    monkeypatch.setenv("EXAMSITE_PASSPHRASE", DEMO_PASSPHRASE)
    monkeypatch.setenv("EXAMSITE_PASSWORD", PASSWORDS["admin"])
    monkeypatch.setenv("EXAMSITE_NEW_PASSWORD", "Demo-kaoping-2026")
    site = ["--site", str(demo_site_dir)]
    assert main(["user", "add", "kaoping7", "--name", "新考评员", "--roles", "grader", "--grader-card-no", "kp-07",
                 "--grader-level", "四级", "--grader-occupation", "电工"] + site) == 0
    assert main(["scoring", "group", "--batch", PLAN, "--members", "kaoping1,kaoping7,zuzhang", "--chief", "zuzhang"]
                + site) == 1
    assert "考评员「新考评员」为四级/中级工" in capsys.readouterr().err
    assert main(["user", "qualify", "kaoping7", "--card-no", "KP-07", "--level", "三级", "--occupation", "电工"]
                + site) == 0
    assert main(["scoring", "group", "--batch", PLAN, "--members", "kaoping1,kaoping7,zuzhang", "--chief", "zuzhang"]
                + site) == 0
    capsys.readouterr()
    assert main(["scoring", "rotation", "--batch", PLAN] + site) == 0
    out = capsys.readouterr().out
    assert "kaoping7\t新考评员\t电工 三级/高级工 KP-07\t此前考评：无" in out
    assert main(["user", "list"] + site) == 0
    assert "考评员：电工 三级/高级工 KP-07" in capsys.readouterr().out


def test_cli_review_panel_subject(tmp_path, demo_site_dir, monkeypatch, capsys):
    """`--subject review`: the 综合评审 panel's template, group, summary and check, only on a batch that
    has a 综合评审 ("技师以上级别可增加综合评审环节" [002 L4065])."""
    from app.services.results import ResultsService
    from app.services.site import open_site
    from app.services.staff import StaffService
    from tests.integration.test_comprehensive_review import TECHNICIAN_PLAN, TICKETS, _technician_batch

    handle = open_site(demo_site_dir, DEMO_PASSPHRASE)
    try:
        admin = handle.login("admin", PASSWORDS["admin"])
        _technician_batch(admin, tmp_path)
        for n, u in enumerate(("kaoping1", "kaoping2", "zuzhang"), 1):
            StaffService(admin).set_grader_qualification(u, f"KP-2026-4{n}", "高级技师", "电工")
    finally:
        handle.close()
    monkeypatch.setenv("EXAMSITE_PASSPHRASE", DEMO_PASSPHRASE)
    monkeypatch.setenv("EXAMSITE_PASSWORD", PASSWORDS["admin"])
    site = ["--site", str(demo_site_dir)]
    group = ["scoring", "group", "--batch", TECHNICIAN_PLAN, "--members", "kaoping1,kaoping2,zuzhang",
             "--chief", "zuzhang", "--subject", "review"] + site
    assert main(["scoring", "template", str(tmp_path / "t.xlsx")]) == 0
    assert main(["scoring", "import", str(tmp_path / "t.xlsx"), "--batch", TECHNICIAN_PLAN, "--subject", "review"]
                + site) == 1
    err = capsys.readouterr().err
    assert "没有综合评审" in err and err.strip().count("\n") == 0
    handle = open_site(demo_site_dir, DEMO_PASSPHRASE)
    try:
        ResultsService(handle.login("admin", PASSWORDS["admin"])).add_comprehensive_review(TECHNICIAN_PLAN)
    finally:
        handle.close()
    assert main(["scoring", "import", str(tmp_path / "t.xlsx"), "--batch", TECHNICIAN_PLAN, "--subject", "review"]
                + site) == 0
    assert main(group) == 0
    assert "综合评审组已组建" in capsys.readouterr().out
    assert main(["scoring", "summary", "--batch", TECHNICIAN_PLAN, "--subject", "review"] + site) == 0
    out = capsys.readouterr().out
    assert TICKETS[0] in out and "评分未完成" in out
    assert main(["scoring", "summary", "--batch", TECHNICIAN_PLAN] + site) == 1   # the practical group: none yet
    assert "尚未导入评分记录表" in capsys.readouterr().err
    assert main(["scoring", "verify", "--batch", TECHNICIAN_PLAN, "--subject", "review"] + site) == 0
