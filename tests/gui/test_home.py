"""The first workplace after login says what is due next for this batch and this person, with one
click to it (issue 19 item 2)."""

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton

from app.core.roles import Role
from app.ui.workplaces import workplaces_for
from app.ui import tour


def _home(qtbot, demo, username, role):
    from app.services.demo import DEMO_STAFF

    password = {u: p for u, _, _, p, _ in DEMO_STAFF}[username]
    mw = tour.open_window(demo, username, password, role, (1366, 768))
    qtbot.addWidget(mw)
    home = mw.pages["home"]
    qtbot.waitUntil(lambda: bool(home.items) or "尚无" in home.heading.text(), timeout=10000)
    return mw, home


@pytest.mark.parametrize("role", list(Role))
def test_home_is_every_roles_first_workplace(role):
    assert workplaces_for(role)[0] == "home"


def test_administrator_sees_the_setup_checklist_and_one_click_opens_the_place(qtbot, demo):
    mw, home = _home(qtbot, demo, "admin", "admin")
    texts = [i.text for i in home.items]
    assert mw.nav.currentRow() == 0 and mw.stack.currentWidget() is home
    # the demo site has its institution and roster but no bank, sealed papers, cameras or self-test yet
    assert any("评价机构信息已填写" in t for t in texts) and any("考生名册已导入：40 名考生" in t for t in texts)
    todo = {i.text: i.key for i in home.items if i.state == "todo"}
    assert "导入本职业、本等级的理论题库" in todo and "登记考场摄像头" in todo and "开考前运行考前自检并签名" in todo
    assert any(t.startswith("理论知识考试：还有 40 名考生没有成绩") for t in todo)  # the office's part
    button = next(b for b in home.findChildren(QPushButton) if b.accessibleName().endswith("登记考场摄像头"))
    qtbot.mouseClick(button, Qt.LeftButton)
    assert mw.stack.currentWidget() is mw.pages["cameras"]


def test_grader_sees_candidates_still_to_score(qtbot, demo, demo_login, tmp_path):
    from tests.scoring_support import setup_scoring

    setup_scoring(tmp_path, demo_login)
    mw, home = _home(qtbot, demo, "kaoping1", "grader")
    [item] = [i for i in home.items if i.key == "scoring"]
    assert item.text.startswith("还有 40 名考生待评分并签字") and item.state == "todo"


def test_room_head_sees_late_arrivals_waiting_for_a_decision(qtbot, demo, demo_login):
    """A candidate refused at the door for lateness waits for the room head's decision (迟到须考场负责人同意)."""
    import datetime as _dt

    from app.services.checkin import CheckinService
    from app.services.roster import RosterService
    from app.services.demo import DEMO_PLAN

    office = demo_login("kaowu")
    svc = CheckinService(office)
    starts = _dt.datetime.now(_dt.timezone.utc) - _dt.timedelta(hours=2)
    session = svc.create_session(DEMO_PLAN, "理论知识考试", "theory", starts)
    ticket = RosterService(office).candidates(DEMO_PLAN)[0].ticket_no
    refusal = svc.record_refusal(session, ticket)
    assert refusal is not None and refusal.code == "late"
    mw, home = _home(qtbot, demo, "kaochang", "room_head")
    late = [i for i in home.items if ticket in i.text]
    assert late and late[0].key == "checkin" and "迟到考生" in late[0].text
