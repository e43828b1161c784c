"""Packs both ways for stations (issue 17, "packs both ways"): the USB stick is the road when
the site link is down.  A door desk's check-ins go to the master in the answer pack format the
theory terminals use (``examsite link import-pack``), and the master's commands for a station
(its provisioning, the answers to its records) go to it in the same format the other way.
Each record is applied once, whichever road it took and however often it is carried.

The rule behind "once" (rules-digest.md §7.1): "职工**凭准考证和身份证**进入考场" (Nanxun)
[003 L48] -- one admission per candidate: a check-in carried twice, or carried and then sent
over the link as well, is one admission, never two.
"""

from __future__ import annotations

import datetime as _dt

import pytest
from sqlalchemy import func, select

from app.core import records as rec
from app.core import stations as st
from app.formats.answer_pack import PackRejected
from app.net.master import MasterLink
from app.net.station import DoorDesk
from app.services.checkin import CheckinService
from app.services.demo import DEMO_PLAN
from app.services.net import NetService
from app.services.station_admin import StationAdmin
from app.services.stations import StationService
from app.store.net_tables import ReceivedRecord
from tests.integration.test_door_desks import DESK_PASS, door_records, enroll_desk, master_checkins, tickets
from tests.station_support import wait_for


@pytest.fixture
def master(demo):
    link = MasterLink(demo).start()
    yield link
    link.stop()


@pytest.fixture
def session_id(demo_login):
    start = _dt.datetime.now(_dt.timezone.utc) + _dt.timedelta(hours=1)
    return CheckinService(demo_login("admin")).create_session(DEMO_PLAN, "理论知识考试", "theory", start, 30)


def commands_held(desk: DoorDesk) -> int:
    with desk.node.store.read() as s:
        return s.scalar(select(func.count()).select_from(ReceivedRecord)
                        .where(ReceivedRecord.machine_id == rec.MASTER)) or 0


def test_checkins_carried_on_a_stick_are_applied_once_whichever_road(demo, demo_login, tmp_path, master,
                                                                     session_id):
    admin = demo_login("admin")
    mid = enroll_desk(tmp_path, master, admin, "desk1")
    StationService(admin).provision_door_desk(mid, session_id)
    desk = DoorDesk.open(tmp_path / "desk1", DESK_PASS)
    try:
        desk.node.start()
        assert wait_for(lambda: desk.status()["candidates"] == 40 and desk.node.online)
        desk.node.client.fault = True  # the link is cut for the rest of the morning
        assert wait_for(lambda: not desk.node.online)
        t = tickets(demo)[:3]
        assert [desk.check_in(x).state for x in t] == ["admitted_local"] * 3
        assert master_checkins(demo, session_id) == []

        # station -> master: the desk's records in an answer pack, imported on the master
        pack = desk.node.write_pack(tmp_path / "desk1.espack")
        net = NetService(admin)
        first = net.import_pack(pack)
        assert (first.new, first.duplicates) == (3, 0)
        held = master_checkins(demo, session_id)
        assert held == [(x, f"machine:{mid}") for x in t]
        again = net.import_pack(pack)  # carried twice: nothing changes
        assert (again.new, again.duplicates) == (0, 3)
        assert master_checkins(demo, session_id) == held and len(door_records(demo)) == 3

        # master -> station: the answers to those records go back on the stick too
        back = tmp_path / "to-desk1.espack"
        assert StationAdmin(admin).write_command_pack(mid, back) == 3 + 3  # profile, 2 roster chunks, 3 verdicts
        assert desk.node.read_command_pack(back) == 3
        assert [r.verdict for r in desk.check_ins()] == [st.ADMITTED] * 3
        assert desk.node.read_command_pack(back) == 0  # read twice: nothing new

        # the link comes back: the desk sends the same records, the master keeps them once
        desk.node.client.fault = False
        assert wait_for(lambda: desk.node.online and desk.node.backlog() == 0)
        assert master_checkins(demo, session_id) == held and len(door_records(demo)) == 3
        assert commands_held(desk) == 6  # nothing pulled twice over the link
        assert [r.verdict for r in desk.check_ins()] == [st.ADMITTED] * 3
    finally:
        desk.close()


def test_a_desk_is_provisioned_from_a_stick_without_the_link(demo, demo_login, tmp_path, master, session_id):
    admin = demo_login("admin")
    mid = enroll_desk(tmp_path, master, admin, "desk1")
    other = enroll_desk(tmp_path, master, admin, "desk2")
    StationService(admin).provision_door_desk(mid, session_id)
    StationService(admin).provision_door_desk(other, session_id)
    stick = tmp_path / "desk1-commands.espack"
    assert StationAdmin(admin).write_command_pack(mid, stick) == 3
    desk = DoorDesk.open(tmp_path / "desk1", DESK_PASS)  # never started: no link at all
    try:
        assert desk.profile is None
        assert desk.node.read_command_pack(stick) == 3
        status = desk.status()
        assert (status["kind"], status["session_id"], status["candidates"]) == (st.DOOR_DESK, session_id, 40)
        assert desk.check_in(tickets(demo)[7]).state == "admitted_local"  # the replica is enough
        assert desk.node.read_command_pack(stick) == 0
        # a pack for another desk, or a station's own answer pack, is refused whole, in one line
        elsewhere = tmp_path / "desk2-commands.espack"
        StationAdmin(admin).write_command_pack(other, elsewhere)
        with pytest.raises(PackRejected, match="不是主机发给本机"):
            desk.node.read_command_pack(elsewhere)
        with pytest.raises(PackRejected, match="不是主机发给本机"):
            desk.node.read_command_pack(desk.node.write_pack(tmp_path / "own.espack"))
        assert commands_held(desk) == 3
        # later the link is up: the commands already carried are not taken again
        desk.node.start()
        assert wait_for(lambda: desk.node.online and desk.node.backlog() == 0)
        assert wait_for(lambda: len(master_checkins(demo, session_id)) == 1)
        assert wait_for(lambda: [r.verdict for r in desk.check_ins()] == [st.ADMITTED])
        assert commands_held(desk) == 4  # the three carried + the verdict, each once
    finally:
        desk.close()


def test_a_command_pack_for_no_station_is_one_clear_line(demo_login, tmp_path):
    from app.core.errors import NotFound

    with pytest.raises(NotFound, match="S099"):
        StationAdmin(demo_login("admin")).write_command_pack("S099", tmp_path / "x.espack")
