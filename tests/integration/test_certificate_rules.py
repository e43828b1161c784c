"""Certificates and the room record (issue 18 item 9): the holder's photo, the seal positions of
样式2021, and the 考场情况记录单 reporting what happened in the room."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
import subprocess

import pytest

from app.core import certificate as cert
from app.core.errors import DomainError
from app.formats import certificate_pdf
from app.formats.tables_xlsx import read_table_xlsx
from app.services.certificates import CertificateService
from app.services.checkin import CheckinService
from app.services.demo import DEMO_PLAN
from app.services.official_tables import ROOM_COLUMNS, TablesService
from app.store import models
from tests.integration.test_results_flow import _approve, _publish_and_close, flow  # noqa: F401

DATA = cert.CertificateData("S00004101012326400000" + "1", "张三", "201", "410102199001011234", "电工", None, 4,
                            dt.date(2026, 12, 20), "示例职业技能等级认定中心示例分中心",
                            seal_names=("示例职业技能等级认定中心", "示例分中心"))


def _words(pdf) -> list[tuple[str, float, float, float, float]]:
    """(word, xMin, yMin, xMax, yMax) in mm from the bottom-left corner."""
    html = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    page_h = float(re.search(r'<page width="[\d.]+" height="([\d.]+)"', html).group(1))
    pt = 25.4 / 72
    out = []
    for m in re.finditer(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>', html):
        x0, y0, x1, y1 = (float(v) for v in m.groups()[:4])
        out.append((m.group(5), x0 * pt, (page_h - y1) * pt, x1 * pt, (page_h - y0) * pt))
    return out


def _touches(seal: cert.SealPosition, box) -> bool:
    _, x0, y0, x1, y1 = box
    nx, ny = min(max(seal.cx, x0), x1), min(max(seal.cy, y0), y1)
    return (nx - seal.cx) ** 2 + (ny - seal.cy) ** 2 < seal.r ** 2


def test_certificate_never_produced_without_photo(flow, tmp_path):
    """样式2021 required content includes "持证人照片" [002 L2747], "证书照片处需粘贴或打印本人近半年内
    一寸彩色白底照片" [002 L2761]: no certificate with an empty photo box."""
    with pytest.raises(ValueError, match="照片"):
        certificate_pdf.render(tmp_path / "x.pdf", [(DATA, None, "ESC1.test")])
    admin = _approve(flow)
    _publish_and_close(flow, admin)
    out = dict(CertificateService(admin).allocate(DEMO_PLAN))
    t = flow["cands"][3].ticket_no
    with flow["demo"].system_context().unit_of_work() as uow:   # the photo lost before printing
        c = uow.session.query(models.Candidate).filter_by(ticket_no=t).one()
        c.photo = None
        uow.journal("test.photo_removed", t, {})
    with pytest.raises(DomainError, match="持证人照片"):
        CertificateService(admin).render(DEMO_PLAN, tmp_path / "c.pdf", numbers=[out[t]])


def test_certificate_layout_leaves_the_seal_positions_branch_two_seals(tmp_path):
    """样式2021 [002 L2767–2775]: the institution's seal; issued by a 分支机构, both seals, "评价机构印章在
    左侧，分支机构印章在右侧".  Nothing but the issuer names and the date lies under the seal circles."""
    photo = _jpeg()
    for data in (DATA, dataclasses.replace(DATA, institution_name="示例职业技能等级认定中心",
                                           seal_names=("示例职业技能等级认定中心",))):
        pdf = tmp_path / f"c{len(data.seal_names)}.pdf"
        certificate_pdf.render(pdf, [(data, photo, "ESC1.test")])
        seals = cert.seal_positions(data.seal_names)
        assert len(seals) == len(data.seal_names)
        if len(seals) == 2:
            assert seals[0].holder == "示例职业技能等级认定中心" and seals[1].holder == "示例分中心"
            assert seals[0].cx < seals[1].cx and not _overlap(seals[0], seals[1])
        allowed = set(data.seal_names) | {"发证日期：2026年12月20日", "Issued", "date:", "2026-12-20"}
        for seal in seals:
            under = [w for w in _words(pdf) if _touches(seal, w)]
            assert under, "the issuer's name is printed under its seal"
            assert all(w[0] in allowed for w in under), [w[0] for w in under]


def _overlap(a: cert.SealPosition, b: cert.SealPosition) -> bool:
    return (a.cx - b.cx) ** 2 + (a.cy - b.cy) ** 2 < (a.r + b.r) ** 2


def _jpeg() -> bytes:
    import random
    from app.services.demo import demo_photo
    return demo_photo(random.Random(1), "男")


def test_room_record_reports_incidents_and_findings_of_the_room(flow, tmp_path):
    """An impersonation case at the room's door (违纪指引 第七条（四）"由他人冒名顶替参加评价" [002 L1679])
    appears on that room's 考场情况记录单, which then never says 考试秩序正常 (Nanxun: "出现个别违纪违规
    行为，能按规定及时处理，并做好完整记录" [003 L638])."""
    c = flow["cands"][1]
    desk = CheckinService(flow["login"]("kaowu"))
    sid = desk.create_session(DEMO_PLAN, "理论", "theory", dt.datetime(2026, 12, 1, 1, tzinfo=dt.timezone.utc))
    desk.report_mismatch(sid, c.ticket_no, note="检录时人证不符，疑似冒名顶替")
    TablesService(flow["login"]("kaochang")).set_room_record(DEMO_PLAN, c.room, "theory", "09:00—10:30",
                                                             "赵敏、孙浩", "考试秩序正常")
    x, _ = TablesService(flow["login"]("admin")).room_records(tmp_path / "考场情况记录单", DEMO_PLAN)
    header, rows = read_table_xlsx(x, "考场")
    assert header == ROOM_COLUMNS
    row = next(r for r in rows if r[0] == c.room and r[1] == "理论知识考试")
    assert row[7] == 1 and c.ticket_no in row[8] and "冒名顶替" in row[8]
    assert "正常" not in str(row[10])
