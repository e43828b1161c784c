"""The printable readiness report (考前自检报告): the checks, the verdict, the site-key signature's
fingerprint and lines for the people who sign the paper copy."""

from __future__ import annotations

import hashlib
from pathlib import Path

from app.core import sitetime
from app.core import readiness as core
from app.formats.pdf import TableDoc, write_table_pdf


def write_readiness_pdf(path: Path | str, report: dict, signature: bytes, key_id: str,
                        institution: str = "") -> Path:
    rows = [[c["title"], f"{core.MARKS[c['status']]} {core.STATUS_NAMES[c['status']]}", c["message"],
             core.figure_summary(c.get("figures", {}))] for c in report["checks"]]
    by = report.get("by", {})
    header = [f"评价机构：{institution}" if institution else f"站点：{report['site_id']}",
              f"认定计划：{report['plan_no'] or '（未指定）'}　　计算机：{report['machine']}",
              f"检查时间：{sitetime.text(report['at'], '%Y-%m-%d %H:%M:%S')}（北京时间）　　用时 {report['seconds']:.1f} 秒　　预计录像 {report['hours']:g} 小时",
              f"执行人：{by.get('name', '')}（{by.get('username', '')}）",
              f"结论：{core.MARKS[report['verdict']]} {report['verdict_text']}"]
    sha = hashlib.sha256(core.canonical(report)).hexdigest()
    after = [f"本报告由站点签名密钥 {key_id} 以 Ed25519 签名（对报告规范化 JSON 签名）。"
             f"报告 SHA-256：{sha}；签名：{signature.hex()[:32]}…"]
    footer = ["检查人（签字）：＿＿＿＿＿＿＿＿　　日期：＿＿＿＿＿＿",
              "考点负责人（签字）：＿＿＿＿＿＿＿＿　　日期：＿＿＿＿＿＿"]
    return write_table_pdf(path, TableDoc("考前自检报告", ["检查项", "结果", "说明", "测量值"], rows, header=header,
                                          footer=footer, widths_mm=[22, 18, 80, 60], paragraphs_after=after))
