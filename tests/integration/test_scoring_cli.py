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


def test_cli_export_import_verify(tmp_path, demo_site_dir, monkeypatch, capsys):
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
    monkeypatch.setenv("EXAMSITE_PASSWORD", PASSWORDS["kaoping1"])
    out = tmp_path / "k1.exsc"
    assert main(["scoring", "export-sheets", "--batch", PLAN, str(out), "--user", "kaoping1", "--role", "grader"]
                + site) == 0
    assert "已导出 1 份" in capsys.readouterr().out
    monkeypatch.setenv("EXAMSITE_PASSWORD", PASSWORDS["admin"])
    assert main(["scoring", "import-sheets", "--batch", PLAN, str(out)] + site) == 0
    assert "已导入 0 份" in capsys.readouterr().out          # the sheet is already here
    assert main(["scoring", "verify", "--batch", PLAN] + site) == 0
