"""Printables render Chinese text (pdftotext) and the ticket QR decodes from the printed
page (pdftoppm -> OpenCV) and passes the desk's verification."""

from __future__ import annotations

import datetime as _dt
import subprocess

import cv2
import pytest

from app.core import checkin as rules
from app.formats import checkin_pdf
from app.services.checkin import CheckinService
from app.services.demo import DEMO_PLAN

START = _dt.datetime(2026, 11, 23, 1, 0, tzinfo=_dt.timezone.utc)


def text_of(pdf):
    return subprocess.run(["pdftotext", "-layout", str(pdf), "-"], check=True, capture_output=True,
                          text=True).stdout


@pytest.fixture
def svc(demo_login):
    s = CheckinService(demo_login("admin"))
    s.sid = s.create_session(DEMO_PLAN, "理论知识考试", "theory", START, 30)
    return s


def test_tickets_pdf_chinese_and_qr_verifies(svc, demo, tmp_path):
    sheets = svc.tickets(DEMO_PLAN, only=["DG26040001", "DG26040002", "DG26040003"])
    pdf = tmp_path / "tickets.pdf"
    assert checkin_pdf.tickets_pdf(pdf, sheets) == 3
    text = text_of(pdf)
    for needle in ("职业技能等级认定 准考证", "准考证号", "DG26040001", sheets[0].name, "电工", "考生须知",
                   "冒名顶替", "第1考场", "理论知识考试：2026年11月23日 09:00 开考，09:30 后不得入场"):
        assert needle in text, needle
    assert sheets[0].id_no not in text  # the full ID number is never printed on the ticket
    subprocess.run(["pdftoppm", "-r", "150", "-png", "-f", "1", "-l", "1", str(pdf), str(tmp_path / "page")], check=True)
    page = cv2.imread(str(next(tmp_path.glob("page*.png"))))
    half = page.shape[0] // 2  # two tickets per page; a scanner sees one at a time
    decoded = [cv2.QRCodeDetectorAruco().detectAndDecode(part)[0] for part in (page[:half], page[half:])]
    assert decoded == [sheets[0].qr, sheets[1].qr]
    code = rules.verify_qr(decoded[0], demo.store.site_id, demo.store.journal.public_keys())
    assert code.plan_no == DEMO_PLAN
    found = svc.lookup(svc.sid, decoded[0])  # the printed code works at the desk
    assert found.via == "qr" and found.matches[0].ticket_no == code.ticket_no


def test_signin_sheet_door_list_and_seat_chart(svc, tmp_path):
    svc.assign_seats(DEMO_PLAN, "第1考场", rows=4, cols=5, mode="random", seed=7)
    svc.assign_seats(DEMO_PLAN, "第2考场", terminals=[f"PC-{i:02d}" for i in range(1, 21)], mode="fixed")
    rows = svc.sheet_rows(DEMO_PLAN)
    sheet = tmp_path / "signin.pdf"
    assert checkin_pdf.signin_sheet_pdf(sheet, "电工 四级 2026-41-DG-0001", "理论知识考试", rows) == 40
    text = text_of(sheet)
    assert "考生签到表" in text and "考生签名" in text and "考场负责人签名" in text and rows[0].name in text
    assert rows[0].id_no not in text and rows[0].id_no[:6] in text
    door = tmp_path / "door.pdf"
    checkin_pdf.door_list_pdf(door, "电工 四级", rows)
    text = text_of(door)
    assert "第1考场　考生名单" in text or "第1考场 考生名单" in text
    assert all(r.id_no not in text for r in rows) and rows[5].name in text
    chart = svc.seat_chart(DEMO_PLAN, "第1考场")
    seat_pdf = tmp_path / "seats.pdf"
    checkin_pdf.seat_chart_pdf(seat_pdf, "电工 四级", chart)
    text = text_of(seat_pdf)
    assert "座位表" in text and "讲" in text and "种子 7" in text
    first = chart.seats["01"][1]
    assert first in text
    terms = tmp_path / "terms.pdf"
    checkin_pdf.seat_chart_pdf(terms, "电工 四级", svc.seat_chart(DEMO_PLAN, "第2考场"))
    assert "PC-20" in text_of(terms)


def test_ticket_notice_stays_inside_the_card_with_three_sessions(svc, tmp_path):
    """Issue 19 item 7: the 考生须知 ends above the card's bottom edge (the QR caption's line), even when
    three sessions take their lines first; the masked ID stays on one line."""
    import re

    svc.create_session(DEMO_PLAN, "操作技能考核", "practical", START + _dt.timedelta(hours=4), 15)
    svc.create_session(DEMO_PLAN, "操作技能考核（第二场）", "practical", START + _dt.timedelta(hours=6), 15)
    sheets = svc.tickets(DEMO_PLAN, only=["DG26040001"])
    pdf = tmp_path / "tickets.pdf"
    checkin_pdf.tickets_pdf(pdf, sheets)
    xml = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], check=True, capture_output=True, text=True).stdout
    words = [(float(m[1]), float(m[2]), float(m[3]), float(m[4]), m[5]) for m in
             re.finditer(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>', xml)]
    caption = next(w for w in words if "检录扫码" in w[4])
    notice_end = max(w[3] for w in words if w[0] < caption[0] and w[1] > next(
        v for v in words if "考生须知" in v[4])[1])
    assert notice_end <= caption[3] + 1, (notice_end, caption)
    masked = [w for w in words if "*" in w[4]]
    assert len(masked) == 1 and re.fullmatch(r"\d{6}\*{8}\d{3}[\dX]", masked[0][4])
