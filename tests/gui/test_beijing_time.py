"""Times a person reads are Beijing time, whatever zone the laptop is set to (issue 19 item 1).

A sheet signed at 13:30 on the site (05:30 UTC) must print 13:30 on the signed 评分记录表, and the
journal and the readiness report must read 13:30 too, with the laptop on UTC and on New York time."""

from __future__ import annotations

import datetime as _dt
import os
import subprocess
import time
from pathlib import Path

import pytest

from app.core import sitetime
from app.services.roster import RosterService
from tests.scoring_support import FULL, PLAN, score, setup_scoring

SIGNED_UTC = _dt.datetime.combine(_dt.date.today(), _dt.time(5, 30, 7), tzinfo=_dt.timezone.utc)


class Fixed:
    def now(self) -> _dt.datetime:
        return SIGNED_UTC


@pytest.fixture(params=["UTC", "America/New_York"])
def laptop_zone(request):
    old = os.environ.get("TZ")
    os.environ["TZ"] = request.param
    time.tzset()
    yield request.param
    if old is None:
        os.environ.pop("TZ", None)
    else:
        os.environ["TZ"] = old
    time.tzset()


def _pdf_text(path: Path) -> str:
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True,
                          check=True).stdout


def test_site_clock_text_ignores_the_laptop_zone(laptop_zone):
    assert sitetime.text(SIGNED_UTC) == f"{SIGNED_UTC:%Y-%m-%d} 13:30"
    assert sitetime.text("2026-11-22T05:30:07.000Z", "%H:%M:%S") == "13:30:07"
    assert sitetime.text(None) == "—"


def test_signed_sheet_and_journal_read_beijing_time(qtbot, tmp_path, demo_login, laptop_zone):
    from app.ui.admin.journal_view import JournalWorkplace

    svc = setup_scoring(tmp_path, demo_login)
    for s in svc.values():
        s.ctx.clock = Fixed()
    ticket = RosterService(demo_login("admin")).candidates(PLAN)[0].ticket_no
    for seed, u in enumerate(("kaoping1", "kaoping2", "zuzhang"), 1):
        score(svc[u], u, ticket, FULL, seed)
    text = _pdf_text(svc["admin"].reports.filled_sheets_pdf(PLAN, tmp_path / "filled.pdf"))
    assert text.count("13:30") == 3, text
    assert "05:30" not in text and "00:30" not in text

    admin = demo_login("admin")
    view = JournalWorkplace(admin)
    qtbot.addWidget(view)
    shown = [view.table.item(r, 1).text() for r in range(view.table.rowCount())
             if view.table.item(r, 4).text() == "签名评分表"]
    assert len(shown) == 3 and all(t.endswith("13:30:07") for t in shown), shown
    headers = [view.table.horizontalHeaderItem(c).text() for c in range(view.table.columnCount())]
    assert not any("UTC" in h for h in headers)


def test_readiness_report_prints_beijing_time(tmp_path, laptop_zone):
    from app.core.readiness import build_report
    from app.formats.readiness_pdf import write_readiness_pdf

    report = build_report(site_id="s", plan_no="P1", machine="m", at=SIGNED_UTC.isoformat(),
                          by={"username": "admin", "name": "王管理"}, hours=8, checks=[], seconds=1.0)
    text = _pdf_text(write_readiness_pdf(tmp_path / "r.pdf", report, b"\0" * 64, "k1"))
    assert "13:30:07" in text and "05:30" not in text


def test_no_screen_or_printout_uses_the_laptops_zone():
    """``astimezone()`` without a zone converts to the laptop's zone: nothing a person reads may use it."""
    root = Path(__file__).resolve().parents[2] / "app"
    bad = [f"{p.relative_to(root)}:{i}" for sub in ("ui", "formats", "cli", "services")
           for p in (root / sub).rglob("*.py")
           for i, line in enumerate(p.read_text(encoding="utf-8").splitlines(), 1) if ".astimezone()" in line]
    assert bad == []


def test_tickets_and_camera_bookmarks_read_beijing_time(qtbot, tmp_path, demo_login, laptop_zone):
    """The ticket's session line and the camera desk's incident list: 13:30 on the wall clock."""
    from app.formats import checkin_pdf
    from app.services.camera import CameraService
    from app.services.checkin import CheckinService
    from app.services.demo import DEMO_PLAN
    from app.ui.cameras.incidents import IncidentList

    admin = demo_login("admin")
    svc = CheckinService(admin)
    svc.create_session(DEMO_PLAN, "操作技能考核", "practical", SIGNED_UTC, 30)
    pdf = tmp_path / "tickets.pdf"
    checkin_pdf.tickets_pdf(pdf, svc.tickets(DEMO_PLAN, only=["DG26040001"]))
    assert f"{SIGNED_UTC:%Y年%m月%d日} 13:30 开考，14:00 后不得入场" in _pdf_text(pdf)
    CameraService(admin).bookmark("第1考场", "考生举手", at=SIGNED_UTC)
    view = IncidentList(admin)
    qtbot.addWidget(view)
    assert view.table.item(0, 0).text() == f"{SIGNED_UTC:%Y-%m-%d} 13:30:07"
