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
