"""Grader stations (实操评分站) against a real master link on TLS loopback (issue 17).

The rules the stations keep, from the seeds (rules-digest.md):
  "操作技能考核评分由考评人员签字负责" [002 L3858] (digest L424) -- every sheet carries its own
  grader's signature, whichever machine it was signed on;
  考评员独立评分 (blind scoring, digest §8) -- no grader sees another's values before all have
  signed, so nothing of another grader's sheet ever reaches a grader's station.
"""

from __future__ import annotations

import base64
import json

import pytest
from sqlalchemy import func, select

from app.core import grader_station as gs
from app.core import passwords, staff_keys
from app.core import stations as st
from app.core.checkin import qr_payload
from app.core.errors import DomainError, PermissionDenied
from app.net.grader_station import GraderStation
from app.net.master import MasterLink
from app.services.grader_stations import GraderStationService
from app.services.roster import RosterService
from app.services.scoring import ChiefGraderService
from app.services.stations import StationService
from app.store import models
from app.store import scoring_tables as t
from app.store.bundle_tables import StaffKey
from app.store.grader_station_tables import GraderAccount, GraderCandidate, GraderSheet
from app.store.net_tables import ReceivedRecord
from tests.scoring_support import FULL, PASSWORDS, PLAN, score, setup_scoring, signature_png
from tests.station_support import enroll_station, wait_for

STATION_PASS = "grader-station-pass-1"
GROUP = ("kaoping1", "kaoping2", "zuzhang")


@pytest.fixture
def master(demo):
    link = MasterLink(demo).start()
    yield link
    link.stop()


@pytest.fixture
def scoring(tmp_path, demo_login):
    return setup_scoring(tmp_path, demo_login, members=GROUP, chief="zuzhang")


def enroll(tmp_path, master, admin_ctx, name):
    node, machine_id = enroll_station(tmp_path, master, admin_ctx, name, st.GRADER_STATION, "实操车间", STATION_PASS)
    node.close()
    return machine_id


@pytest.fixture
def stations(tmp_path, master, demo_login, scoring):
    admin = demo_login("admin")
    ids = [enroll(tmp_path, master, admin, f"grader{i}") for i in (1, 2)]
    for mid in ids:
        assert GraderStationService(admin).provision_grader_station(mid, PLAN, 1) == 40
    opened = [GraderStation.open(tmp_path / f"grader{i}", STATION_PASS) for i in (1, 2)]
    for g in opened:
        g.node.start()
    assert wait_for(lambda: all(g.status()["candidates"] == 40 and g.node.online for g in opened))
    yield opened
    for g in opened:
        g.close()


def tickets(demo_login):
    return [c.ticket_no for c in RosterService(demo_login("admin")).candidates(PLAN)]


def sign_at(station, ticket, entries, seed=1):
    station.save(ticket, entries)
    return station.sign(ticket, signature_png(seed))


def verdicts(station):
    with station.node.store.read() as s:
        return {(x.ticket_no, x.grader): x.verdict for x in s.scalars(select(GraderSheet))}


def settled(station, n):
    """At least ``n`` signed sheets, and the master has answered every one (drafts have no answer)."""
    v = [x for x in verdicts(station).values() if x != ""]
    return len(v) >= n and "pending" not in v


def master_sheets(demo):
    with demo.store.read() as s:
        return sorted((tk, u, sh.source) for sh, tk, u in s.execute(
            select(t.ScoreSheet, models.Candidate.ticket_no, models.Staff.username)
            .join(models.Candidate, models.Candidate.id == t.ScoreSheet.candidate_id)
            .join(models.Staff, models.Staff.id == t.ScoreSheet.grader_id)
            .where(t.ScoreSheet.status == "signed")))


@pytest.fixture
def kdf_calls(monkeypatch):
    """Every Argon2 derivation a password costs: the password hash and the key's seal."""
    calls = []
    for module in (passwords, staff_keys):
        real = module._derive

        def counted(*a, _real=real, **k):
            calls.append(1)
            return _real(*a, **k)
        monkeypatch.setattr(module, "_derive", counted)
    return calls


def bundle_verified(demo, tmp_path):
    """The batch's bundle made, countersigned and checked as `examsite verify` checks it."""
    from app import verifier
    from app.services.bundle import ExportService
    from tests.conftest import sign_supervision_report

    sign_supervision_report(demo)
    admin = ExportService(demo.login("admin", PASSWORDS["admin"]))
    out = tmp_path / "bundle.zip"
    view = admin.make(out, PASSWORDS["admin"], PLAN)
    ExportService(demo.login("neidu", PASSWORDS["neidu"])).countersign(view.seq, out, PASSWORDS["neidu"])
    (tmp_path / "trust.txt").write_text(admin.public_keys(), encoding="utf-8")
    report = verifier.verify_file(out, verifier.load_trust(tmp_path / "trust.txt"))
    assert report.ok, report.fault
    return report


def test_only_the_groups_candidates_and_accounts_reach_the_station(demo, demo_login, stations):
    g1, _ = stations
    status = g1.status()
    assert (status["kind"], status["plan_no"], status["group"]) == (st.GRADER_STATION, PLAN, 1)
    with g1.node.store.read() as s:
        assert sorted(s.scalars(select(GraderCandidate.ticket_no))) == sorted(tickets(demo_login))
        accounts = {a.username: a for a in s.scalars(select(GraderAccount))}
        assert set(accounts) == set(GROUP) and accounts["zuzhang"].is_chief
        with demo.store.read() as m:
            stored = {x.username: x.password_hash for x in m.scalars(select(models.Staff))}
        assert all(a.password_hash == stored[u] for u, a in accounts.items())  # the hash as the master holds it
        # nothing of the site beyond the group's slice: no roster, no staff, no ID numbers
        assert s.scalar(select(func.count()).select_from(models.Candidate)) == 0
        assert s.scalar(select(func.count()).select_from(models.Staff)) == 0
        assert "id_no" not in GraderCandidate.__table__.columns
    with pytest.raises(DomainError):
        StationService(demo_login("admin")).provision_door_desk(g1.node.machine_id, 1)
    with pytest.raises(DomainError):
        GraderStationService(demo_login("admin")).provision_grader_station(g1.node.machine_id, PLAN, 2)


def test_one_unseal_per_sitting_and_each_sheet_verifies_on_the_master(demo, demo_login, stations, kdf_calls):
    """签字负责 [002 L3858]: a run of sheets costs one Argon2 per sitting, yet each sheet carries
    its own Ed25519 signature (verified on the master against the grader's key) and drawing."""
    g1, _ = stations
    tk = tickets(demo_login)
    start = len(kdf_calls)
    g1.login("kaoping1", PASSWORDS["kaoping1"])     # first sitting anywhere: hash checked, key made
    first = len(kdf_calls)
    assert first - start == 2
    for i, x in enumerate(tk[:5]):
        sign_at(g1, x, {**FULL, "1.2": 20 + i}, seed=i + 1)
    assert len(kdf_calls) == first                  # five sheets, no Argon2
    g1.logout()
    with pytest.raises(PermissionDenied):
        g1.sign(tk[5], signature_png())
    with pytest.raises(PermissionDenied):
        g1.login("kaoping1", "wrong password")
    before = len(kdf_calls)
    g1.login("kaoping1", PASSWORDS["kaoping1"])     # second sitting: the key unsealed, nothing else
    assert len(kdf_calls) == before + 1
    for j, x in enumerate(tk[5:8]):
        sign_at(g1, x, FULL, seed=10 + j)
    assert len(kdf_calls) == before + 1
    assert wait_for(lambda: settled(g1, 8))
    assert set(verdicts(g1).values()) == {gs.ACCEPTED}
    with demo.store.read() as s:
        key = s.scalars(select(StaffKey).join(models.Staff, models.Staff.id == StaffKey.staff_id)
                        .where(models.Staff.username == "kaoping1")).one()
        from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
        pub = Ed25519PublicKey.from_public_bytes(key.public_key)
        rows = list(s.execute(select(t.ScoreSheet, models.Candidate.ticket_no)
                              .join(models.Candidate, models.Candidate.id == t.ScoreSheet.candidate_id)))
        assert len(rows) == 8
        drawings = set()
        for sh, x in rows:
            content = gs.sheet_content(sheet=sh.detail["origin_sheet"], plan_no=PLAN, ticket_no=x, grader="kaoping1",
                                       version=sh.version, entries=sh.entries, total=sh.total,
                                       template_sha256=g1.profile["template_sha256"], signature_png=sh.signature)
            pub.verify(base64.b64decode(sh.detail["ed25519"]), gs.canonical(content))  # raises if not
            assert sh.detail["key_id"] == key.key_id and sh.source == "station"
            drawings.add(sh.signature)
        assert len(drawings) == 8  # each sheet its own drawing
    assert ChiefGraderService(demo_login("zuzhang", "chief_grader")).verify_sheets(PLAN) == []


def test_blindness_no_other_graders_values_reach_a_station(demo, demo_login, stations):
    """考评员独立评分: grader A's station never holds grader B's values, before or after B signs."""
    g1, g2 = stations
    x = tickets(demo_login)[0]
    g1.login("kaoping1", PASSWORDS["kaoping1"])
    g2.login("kaoping2", PASSWORDS["kaoping2"])
    sign_at(g1, x, {**FULL, "1.2": 25})
    g2.save(x, {**FULL, "2.2": 37})               # a draft: the master hears its hash only
    sign_at(g2, x, {**FULL, "2.2": 37})
    assert wait_for(lambda: settled(g1, 1) and settled(g2, 1))
    with demo.store.read() as s:
        drafts = [r.payload for r in s.scalars(select(ReceivedRecord).where(ReceivedRecord.kind == gs.SCORING_DRAFT))]
    assert drafts and all("entries" not in p and len(p["entries_sha256"]) == 64 for p in drafts)
    with g1.node.store.read() as s:
        assert {sh.grader for sh in s.scalars(select(GraderSheet))} == {"kaoping1"}
        received = list(s.scalars(select(ReceivedRecord)))
    assert {r.kind for r in received} <= {gs.GRADER_PROFILE, gs.GRADER_ROSTER, gs.GRADER_ACCOUNTS, gs.SCORING_VERDICT}
    assert all(r.payload["grader"] == "kaoping1" for r in received if r.kind == gs.SCORING_VERDICT)
    assert not any('"37"' in str(r.payload) or "'37'" in str(r.payload) for r in received)
    # and kaoping1 cannot open kaoping2's sheet on their station: a sheet is the sitting's own
    assert g1.sheet(x).entries["2.2"] == "60"


def test_a_sheet_signed_twice_is_refused_with_its_code(demo, demo_login, stations, scoring):
    """One grader, one signed sheet per candidate: a second signature -- from another station or
    after signing on the master -- is refused by rule and the station hears the code."""
    g1, g2 = stations
    a, b = tickets(demo_login)[:2]
    score(scoring["kaoping1"], "kaoping1", a, FULL)                    # signed on the master
    g1.login("kaoping1", PASSWORDS["kaoping1"])
    sign_at(g1, a, {**FULL, "1.1": 10})
    sign_at(g1, b, FULL)
    assert wait_for(lambda: settled(g1, 2))
    g2.login("kaoping1", PASSWORDS["kaoping1"])  # the same grader at another station, key made at the first
    sign_at(g2, b, {**FULL, "1.3": 40})
    assert wait_for(lambda: settled(g2, 1))
    assert verdicts(g1) == {(a, "kaoping1"): gs.SIGNED_TWICE, (b, "kaoping1"): gs.ACCEPTED}
    assert verdicts(g2) == {(b, "kaoping1"): gs.SIGNED_TWICE}
    assert master_sheets(demo) == sorted([(a, "kaoping1", "station"), (b, "kaoping1", "station")])
    with demo.store.read() as s:
        sheet_a = s.scalars(select(t.ScoreSheet).join(models.Candidate, models.Candidate.id == t.ScoreSheet.candidate_id)
                            .where(models.Candidate.ticket_no == a)).one()
        assert sheet_a.entries["1.1"] == "20"  # the master's signature stands
    assert g1.status()["refused"] == 1
    from app.core.errors import Conflict
    with pytest.raises(Conflict):                  # and the master cannot sign over the station's sheet
        score(scoring["kaoping1"], "kaoping1", b, FULL)


def test_cut_link_then_reconnect_delivers_each_sheet_once(demo, demo_login, stations):
    g1, _ = stations
    tk = tickets(demo_login)[:4]
    g1.login("zuzhang", PASSWORDS["zuzhang"])
    g1.node.client.fault = True
    assert wait_for(lambda: not g1.node.online)
    for x in tk:
        sign_at(g1, x, FULL)
    assert master_sheets(demo) == []
    g1.node.client.fault = False
    assert wait_for(lambda: settled(g1, 4))
    assert master_sheets(demo) == sorted((x, "zuzhang", "station") for x in tk)
    with demo.store.read() as s:
        seqs = list(s.scalars(select(ReceivedRecord.seq).where(ReceivedRecord.kind == gs.SCORING_SHEET_SIGNED)))
    assert len(seqs) == len(set(seqs)) == 4


def test_a_station_closed_and_reopened_keeps_its_sheets_and_needs_a_new_sitting(demo, demo_login, tmp_path, stations):
    g1, _ = stations
    x = tickets(demo_login)[0]
    g1.login("kaoping2", PASSWORDS["kaoping2"])
    g1.node.client.fault = True
    sign_at(g1, x, FULL)
    g1.close()
    again = GraderStation.open(tmp_path / "grader1", STATION_PASS)
    stations[0] = again
    assert again.grader is None and again.status()["signed"] == 1
    again.node.start()
    assert wait_for(lambda: settled(again, 1))
    assert master_sheets(demo) == [(x, "kaoping2", "station")]


def test_ticket_qr_opens_the_sheet_and_a_foreign_qr_is_refused(demo_login, stations):
    g1, _ = stations
    x = tickets(demo_login)[3]
    assert g1.ticket_of(qr_payload(PLAN, x, "k1", b"\0" * 64)) == x
    assert g1.ticket_of(f" {x} ") == x
    with pytest.raises(DomainError, match="不是本评分站的批次"):
        g1.ticket_of(qr_payload("OTHER-PLAN", x, "k1", b"\0" * 64))
    with pytest.raises(DomainError):
        g1.ticket_of("NOPE-0000")


def test_practical_score_reaches_results_through_the_road(demo, demo_login, tmp_path, stations, scoring):
    """Sheets signed on stations are the chief's to reconcile and sum up like any other: the
    summary sends the score to results (road practical_summary) and verify_sheets recomputes."""
    from app.services.results import ROAD_PRACTICAL_SUMMARY
    from app.store import results_tables as rt

    g1, g2 = stations
    tk = tickets(demo_login)
    x = tk[0]
    g1.login("kaoping1", PASSWORDS["kaoping1"])
    g2.login("kaoping2", PASSWORDS["kaoping2"])
    sign_at(g1, x, {**FULL, "1.2": 25})          # 97
    sign_at(g2, x, {**FULL, "2.2": 50})          # 96
    g1.logout()
    g1.login("zuzhang", PASSWORDS["zuzhang"])
    sign_at(g1, x, FULL)                         # 100
    assert wait_for(lambda: settled(g1, 2) and settled(g2, 1))
    chief = scoring["chief"].chief
    for c in tk[1:]:
        chief.mark_absent(PLAN, c, "未到场")
    chief.sign_summary(PLAN, PASSWORDS["zuzhang"], signature_png())
    with demo.store.read() as s:
        row = s.scalars(select(rt.SubjectScore).join(models.Candidate, models.Candidate.id == rt.SubjectScore.candidate_id)
                        .where(models.Candidate.ticket_no == x, rt.SubjectScore.subject == "practical")).one()
        assert (row.score, row.source) == ("97.7", ROAD_PRACTICAL_SUMMARY)
    assert chief.verify_sheets(PLAN) == []
    # the batch's bundle: `examsite verify` recomputes the practical score from the station-signed sheets
    report = bundle_verified(demo, tmp_path)
    assert report.practical_checked == 40 and "实操成绩按已签字评分表复算一致" in report.summary()


def test_the_chief_reconciles_at_a_station_and_only_the_chiefs_station_sees_values(demo, demo_login, stations):
    """考评员独立评分 until all have signed; then the chief (and only the chief's station) sees the
    values of that candidate and decides a discrepancy with a reason, under the master's rules."""
    from app.services.scoring import ChiefGraderService

    g1, g2 = stations
    x, y = tickets(demo_login)[:2]
    g1.login("kaoping1", PASSWORDS["kaoping1"])
    g2.login("kaoping2", PASSWORDS["kaoping2"])
    sign_at(g1, x, {**FULL, "1.3": 10})      # 76 (task weights)
    sign_at(g1, y, FULL)                     # y: one grader only, still sealed
    sign_at(g2, x, FULL)                     # 100
    g1.logout()
    g1.login("zuzhang", PASSWORDS["zuzhang"])
    sign_at(g1, x, FULL)                     # 100: spread 24 > 10, the chief decides
    assert wait_for(lambda: settled(g1, 3) and settled(g2, 1))
    with pytest.raises(PermissionDenied):
        g2.revealed()                        # a grader's sitting sees no one's values
    g1.ask_revealed()
    assert wait_for(lambda: any(c["ticket_no"] == x for c in g1.revealed()))
    [seen] = g1.revealed()
    assert seen["status"] == "discrepancy" and seen["ticket_no"] == x
    assert {sh["grader"]: sh["total"] for sh in seen["sheets"]} == {"kaoping1": "76.00", "kaoping2": "100.00",
                                                                     "zuzhang": "100.00"}
    with g2.node.store.read() as s:
        assert not list(s.scalars(select(ReceivedRecord).where(ReceivedRecord.kind == gs.GRADER_REVEALED)))
    with pytest.raises(DomainError):
        g1.reconcile(x, "94", "")            # a decision needs its reason
    seq = g1.reconcile(x, "94", "复看考件照片，按94分认定")
    assert wait_for(lambda: g1.answer(seq) != "")
    assert g1.answer(seq) == gs.ACCEPTED
    res = ChiefGraderService(demo_login("zuzhang", "chief_grader")).result(PLAN, x)
    assert (res.status, str(res.score)) == ("reconciled", "94.0")
    assert wait_for(lambda: g1.revealed()[0]["status"] == "reconciled")
    bad = g1.reconcile(y, "90", "组长认定为90分")  # y is not revealed: the master refuses by its rule
    assert wait_for(lambda: g1.answer(bad) != "")
    assert g1.answer(bad) == gs.INVALID
    # y's last signature (kaoping2, at the other station) reveals y: the chief's station hears at once
    sign_at(g1, y, FULL)
    assert wait_for(lambda: settled(g1, 4))
    assert {c["ticket_no"] for c in g1.revealed()} == {x}
    sign_at(g2, y, FULL)
    assert wait_for(lambda: {c["ticket_no"] for c in g1.revealed()} == {x, y})
    # ... and hears y alone: the master does not send every revealed candidate again per signature
    # (at 300 candidates that held the link's write lock for tens of seconds: bench/stations.py)
    with g1.node.store.read() as s:
        last = s.scalars(select(ReceivedRecord).where(ReceivedRecord.kind == gs.GRADER_REVEALED)
                         .order_by(ReceivedRecord.seq.desc())).first()
        assert [c["ticket_no"] for c in last.payload["candidates"]] == [y] and last.payload["merge"] is True
    with g2.node.store.read() as s:
        assert not list(s.scalars(select(ReceivedRecord).where(ReceivedRecord.kind == gs.GRADER_REVEALED)))


def test_a_usb_pack_carries_signed_sheets_when_the_link_is_down(demo, demo_login, tmp_path, stations):
    """One record format, one road: the station's pack on a USB stick brings its signed sheets to
    the master, each once, and the link later adds nothing twice; the station hears the codes."""
    from app.services.net import NetService

    g1, _ = stations
    tk = tickets(demo_login)[:3]
    g1.node.client.fault = True
    assert wait_for(lambda: not g1.node.online)
    g1.login("kaoping1", PASSWORDS["kaoping1"])
    for x in tk:
        sign_at(g1, x, FULL)
    pack = g1.node.write_pack(tmp_path / "grader1.pack")
    result = NetService(demo_login("admin")).import_pack(pack)
    assert result.new == 1 + 3 + 3  # the key made at this first sitting, three drafts, three signed sheets
    assert master_sheets(demo) == sorted((x, "kaoping1", "station") for x in tk)
    g1.node.client.fault = False
    assert wait_for(lambda: settled(g1, 3))
    assert set(verdicts(g1).values()) == {gs.ACCEPTED}
    assert master_sheets(demo) == sorted((x, "kaoping1", "station") for x in tk)


def test_a_station_killed_mid_run_loses_no_signed_sheet(demo, demo_login, tmp_path, stations):
    """A grader station process SIGKILLed while signing: every sheet it acknowledged (and any it
    made durable after) reaches the master exactly once when it is started again."""
    import os
    import signal
    import subprocess
    import sys
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    tk = tickets(demo_login)[:20]
    stations[1].close()  # grader2's folder is driven by the child process now
    child = subprocess.Popen([sys.executable, "-m", "tests.integration.grader_station_child", str(tmp_path / "grader2"),
                              STATION_PASS, "kaoping2", *tk], cwd=root, env={**os.environ, "PYTHONPATH": str(root)},
                             stdout=subprocess.PIPE, text=True)
    acked: list[str] = []
    try:
        assert child.stdout.readline().strip() == "READY"
        while len(acked) < 5:
            line = child.stdout.readline()
            assert line, "the station process ended early"
            acked.append(line.split()[2])
        child.send_signal(signal.SIGKILL)
        child.wait(30)
    finally:
        if child.poll() is None:
            child.kill()
    assert child.returncode == -signal.SIGKILL
    again = GraderStation.open(tmp_path / "grader2", STATION_PASS)
    stations[1] = again
    with again.node.store.read() as s:
        made = sorted(x.ticket_no for x in s.scalars(select(GraderSheet).where(GraderSheet.status == "signed")))
    assert set(acked) <= set(made)
    again.node.start()
    assert wait_for(lambda: settled(again, len(made)), 30)
    held = master_sheets(demo)
    assert held == sorted((x, "kaoping2", "station") for x in made)


def test_an_idle_sitting_forgets_the_key(demo_login, stations):
    """The unsealed key lives for the sitting only: after SITTING_IDLE_MINUTES without use the
    station asks for the password again."""
    import datetime as _dt

    from app.net.grader_station import NoSitting

    g1, _ = stations
    x = tickets(demo_login)[0]
    g1.login("kaoping1", PASSWORDS["kaoping1"])
    g1.save(x, FULL)
    real = g1.node.clock

    class Later:
        def now(self):
            return real.now() + _dt.timedelta(minutes=gs.SITTING_IDLE_MINUTES + 1)

    g1.node.clock = Later()
    try:
        assert g1.grader is None
        with pytest.raises(NoSitting):
            g1.sign(x, signature_png())
    finally:
        g1.node.clock = real
    assert g1.grader is None
    g1.login("kaoping1", PASSWORDS["kaoping1"])  # the password again; the draft is still here
    assert g1.sheet(x).status == "draft" and len(g1.sheet(x).entries) == len(FULL)


def test_wrong_passwords_lock_the_account_at_the_station(demo_login, stations, kdf_calls):
    """Signing needs the person's own password: guessing at a station is stopped after
    MAX_FAILED_LOGINS tries (as at the master's login), without another Argon2 while locked."""
    from app.core.site import MAX_FAILED_LOGINS

    g1, _ = stations
    for _ in range(MAX_FAILED_LOGINS - 1):
        with pytest.raises(PermissionDenied, match="密码错误"):
            g1.login("kaoping1", "guess")
    with pytest.raises(PermissionDenied, match="锁定"):
        g1.login("kaoping1", "guess")
    before = len(kdf_calls)
    with pytest.raises(PermissionDenied, match="锁定"):
        g1.login("kaoping1", PASSWORDS["kaoping1"])   # even the right password, until the lock ends
    assert len(kdf_calls) == before
    g1.login("kaoping2", PASSWORDS["kaoping2"])       # another account is not locked


def test_a_grader_in_avoidance_cannot_sign_that_candidates_sheet_at_a_station(demo, demo_login, stations):
    """"派遣遵循回避制、轮换制、考评组长负责制" [003 L326] (digest L430): a sheet signed at a station
    by a grader who must avoid the candidate (a declared relation, not waived by the room head) is
    refused by the master with a code; the same grader's other candidates are accepted."""
    from app.services.scoring import ScoringSetupService
    g1, _ = stations
    tk = tickets(demo_login)
    ScoringSetupService(demo_login("admin")).declare_relation(PLAN, "kaoping1", tk[0], "考评员的亲属")
    g1.login("kaoping1", PASSWORDS["kaoping1"])
    sign_at(g1, tk[0], FULL, seed=1)
    sign_at(g1, tk[1], FULL, seed=2)
    assert wait_for(lambda: settled(g1, 2))
    v = verdicts(g1)
    assert v[(tk[0], "kaoping1")] == gs.INVALID
    assert v[(tk[1], "kaoping1")] == gs.ACCEPTED
    assert [(x, u) for x, u, _ in master_sheets(demo)] == [(tk[1], "kaoping1")]


# -- corrections at a grader station: a new version with a reason, signed in the sitting ------------------------
REASON = "第1.1项复核后应为16分"


def versions_at(station, ticket):
    """(version, verdict) of every version of the station's sheets for this candidate."""
    with station.node.store.read() as s:
        return [(x.version, x.verdict) for x in s.scalars(select(GraderSheet).where(GraderSheet.ticket_no == ticket)
                                                          .order_by(GraderSheet.version))]


def correct_at(station, ticket, reason, entries, seed=4):
    station.start_correction(ticket, reason)
    station.save(ticket, entries)
    return station.sign(ticket, signature_png(seed))


def chief_versions(demo_login, ticket, grader="kaoping1"):
    return [(v.grader, v.version, str(v.total), v.correction_reason)
            for v in ChiefGraderService(demo_login("zuzhang", "chief_grader")).sheets(PLAN, ticket) if v.grader == grader]


def corrections_journaled(demo, ticket):
    with demo.store.read() as s:
        return [(e.action, json.loads(e.payload)) for e in s.scalars(
            select(models.JournalEntry).where(models.JournalEntry.subject == ticket,
                                              models.JournalEntry.action.in_(("scoring.sheet_correct",
                                                                             "scoring.sheet_refused")))
            .order_by(models.JournalEntry.seq))]


def test_a_correction_signed_at_a_station_reaches_the_master_once(demo, demo_login, stations, scoring, kdf_calls):
    """A signed sheet is never changed: the grader corrects it at the station as a new version with
    a reason, signed in the open sitting (no Argon2 again); the master holds it as its own
    correction -- the chief sees both versions, the sheets verify, the result takes the corrected
    total."""
    from decimal import Decimal

    g1, _ = stations
    x = tickets(demo_login)[0]
    g1.login("kaoping1", PASSWORDS["kaoping1"])
    sign_at(g1, x, {**FULL, "1.1": 15})                               # 97.00
    assert wait_for(lambda: settled(g1, 1))
    with pytest.raises(DomainError, match="更正理由"):
        g1.start_correction(x, "改分")                                # the master's rule: at least 4 characters
    before = len(kdf_calls)
    correct_at(g1, x, REASON, {**FULL, "1.1": 16})                    # 97.60
    assert len(kdf_calls) == before
    assert g1.sheet(x).version == 2 and g1.sheet(x).status == "signed"
    assert wait_for(lambda: versions_at(g1, x) == [(1, gs.ACCEPTED), (2, gs.ACCEPTED)])
    with pytest.raises(DomainError):
        g1.save(x, FULL)                                              # the correction is signed: immutable too
    for u in ("kaoping2", "zuzhang"):
        score(scoring[u], u, x, FULL)
    assert chief_versions(demo_login, x) == [("kaoping1", 1, "97.00", ""), ("kaoping1", 2, "97.60", REASON)]
    chief = ChiefGraderService(demo_login("zuzhang", "chief_grader"))
    assert chief.verify_sheets(PLAN) == []
    assert chief.result(PLAN, x).score == Decimal("99.2")              # (97.6 + 100 + 100) / 3
    with demo.store.read() as s:
        assert s.scalar(select(func.count()).select_from(ReceivedRecord)
                        .where(ReceivedRecord.kind == gs.SCORING_SHEET_SIGNED)) == 2
        v1, v2 = s.scalars(select(t.ScoreSheet).join(models.Staff, models.Staff.id == t.ScoreSheet.grader_id)
                           .where(models.Staff.username == "kaoping1").order_by(t.ScoreSheet.version))
        assert (v2.supersedes_id, v2.source, v2.after_reveal) == (v1.id, "station", False)
    [(action, p)] = corrections_journaled(demo, x)
    assert (action, p["version"], p["supersedes"], p["reason"], p["station"]) == \
        ("scoring.sheet_correct", 2, v1.id, REASON, g1.node.machine_id)
    assert g1.status()["signed"] == 1 and g1.status()["refused"] == 0


def signed_at_station_and_accepted(g1, demo_login, scoring):
    """The first candidate scored on the master by kaoping2 and the chief, and by kaoping1 at the
    station (97.00), accepted by the master; returns the ticket."""
    x = tickets(demo_login)[0]
    for u in ("kaoping2", "zuzhang"):
        score(scoring[u], u, x, FULL)
    g1.login("kaoping1", PASSWORDS["kaoping1"])
    sign_at(g1, x, {**FULL, "1.1": 15})
    assert wait_for(lambda: settled(g1, 1))
    return x


def test_a_usb_pack_carries_a_correction_when_the_link_is_down(demo, demo_login, tmp_path, stations, scoring):
    """The pack is the fallback road for corrections too: the master applies the correction once,
    and the link, back, adds nothing twice."""
    from app.services.net import NetService

    g1, _ = stations
    x = signed_at_station_and_accepted(g1, demo_login, scoring)
    g1.node.client.fault = True
    assert wait_for(lambda: not g1.node.online)
    correct_at(g1, x, REASON, {**FULL, "1.1": 16})
    result = NetService(demo_login("admin")).import_pack(g1.node.write_pack(tmp_path / "grader1.pack"))
    assert result.new == 2                                            # the correction's draft hash and its sheet
    assert chief_versions(demo_login, x) == [("kaoping1", 1, "97.00", ""), ("kaoping1", 2, "97.60", REASON)]
    g1.node.client.fault = False
    assert wait_for(lambda: versions_at(g1, x) == [(1, gs.ACCEPTED), (2, gs.ACCEPTED)])
    assert chief_versions(demo_login, x) == [("kaoping1", 1, "97.00", ""), ("kaoping1", 2, "97.60", REASON)]
    assert [a for a, _ in corrections_journaled(demo, x)] == ["scoring.sheet_correct"]


def test_a_correction_of_a_version_no_longer_current_is_refused_with_its_code(demo, demo_login, stations, scoring):
    """The grader corrected the sheet on the master meanwhile: the station's correction supersedes a
    version that is no longer the current one, and the master refuses it (``not_current``)."""
    g1, _ = stations
    x = signed_at_station_and_accepted(g1, demo_login, scoring)
    scoring["kaoping1"].grading.start_correction(PLAN, x, "在主机上更正第1.1项")
    score(scoring["kaoping1"], "kaoping1", x, {**FULL, "1.1": 18}, seed=3)
    correct_at(g1, x, REASON, {**FULL, "1.1": 16})
    assert wait_for(lambda: versions_at(g1, x)[-1][1] not in ("", "pending"))
    assert versions_at(g1, x) == [(1, gs.ACCEPTED), (2, gs.NOT_CURRENT)]
    assert [v[:2] + v[3:] for v in chief_versions(demo_login, x)] == [("kaoping1", 1, ""),
                                                                       ("kaoping1", 2, "在主机上更正第1.1项")]
    assert [(a, p.get("reason")) for a, p in corrections_journaled(demo, x)][-1] == \
        ("scoring.sheet_refused", gs.NOT_CURRENT)
    assert g1.status()["refused"] == 1
    with pytest.raises(DomainError, match="拒收"):                    # nothing more to correct here
        g1.start_correction(x, REASON)


def test_a_correction_after_the_chief_signed_the_summary_is_refused(demo, demo_login, tmp_path, stations, scoring):
    """Once the chief signed the group's summary no sheet is corrected (the master's rule, here for a
    correction signed at a station: ``summary_signed``), and the batch's bundle verifies with the
    correction made at the station before."""
    g1, _ = stations
    tk = tickets(demo_login)
    x = tk[0]
    g1.login("kaoping1", PASSWORDS["kaoping1"])
    sign_at(g1, x, {**FULL, "1.1": 15})
    assert wait_for(lambda: settled(g1, 1))
    correct_at(g1, x, REASON, {**FULL, "1.1": 16})
    assert wait_for(lambda: versions_at(g1, x) == [(1, gs.ACCEPTED), (2, gs.ACCEPTED)])
    for u in ("kaoping2", "zuzhang"):
        score(scoring[u], u, x, FULL)
    chief = scoring["chief"].chief
    for c in tk[1:]:
        chief.mark_absent(PLAN, c, "未到场")
    chief.sign_summary(PLAN, PASSWORDS["zuzhang"], signature_png())
    correct_at(g1, x, "第1.2项复核后应为25分", {**FULL, "1.1": 16, "1.2": 25}, seed=5)
    assert wait_for(lambda: versions_at(g1, x)[-1][1] not in ("", "pending"))
    assert versions_at(g1, x) == [(1, gs.ACCEPTED), (2, gs.ACCEPTED), (3, gs.SUMMARY_SIGNED)]
    assert [v[1] for v in chief_versions(demo_login, x)] == [1, 2]
    assert chief.verify_sheets(PLAN) == []
    assert bundle_verified(demo, tmp_path).practical_checked == 40
