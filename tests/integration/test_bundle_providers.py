"""The bundle's data slots on a real demo site after a realistic flow: scores → review chain →
publication → certificates → a misconduct finding after the exam (certificate voided,
correction pending, ban) → room record and supervision report → export, countersign, verify."""

from __future__ import annotations

import json
import subprocess
import sys
import zipfile

import bagit
import pytest

from app import verifier
from app.core import bundle as layout
from app.core import supervision as sv
from app.services.bundle import ExportService
from app.services.certificates import CertificateService
from app.services.demo import DEMO_PLAN
from app.services.official_tables import TablesService
from app.formats.tables_xlsx import read_table_xlsx
from tests.integration.test_bundle import PW, _members, _zip
from tests.integration.test_misconduct import _finding
from tests.integration.test_misconduct import _decide
from tests.integration.test_results_flow import _approve, _publish_and_close, flow  # noqa: F401


@pytest.fixture
def demo(demo):
    """The demo site with its 内部督导情况报告 signed: an export needs it (issue 18 item 7)."""
    from tests.conftest import sign_supervision_report
    sign_supervision_report(demo)
    return demo



@pytest.fixture
def exported(flow, tmp_path):
    admin = _approve(flow)
    _publish_and_close(flow, admin)
    numbers = dict(CertificateService(admin).allocate(DEMO_PLAN))
    cancelled = numbers[flow["cands"][3].ticket_no]
    CertificateService(admin).cancel(cancelled, "证书信息打印错误，作废重发", "Demo-admin-2026")
    svc, fid = _finding(flow, 10, 7, 4, facts="经举报核实，该考生由他人冒名顶替参加理论考试", severity="serious",
                        occurred_on=flow["exam_end"], after_exam=True, evidence="举报材料及身份核验记录")
    svc.confirm(fid, "kaochang", "Demo-kaochang-2026")
    _decide(flow, fid)   # 第十七条: notice, statement, then the decision applies the penalty
    TablesService(flow["login"]("kaochang")).set_room_record(DEMO_PLAN, "第1考场", "theory", "09:00–10:30",
                                                             "赵敏、孙浩", "考试正常")
    scores = {line.key: line.max_points for line in sv.FORM}
    TablesService(flow["login"]("neidu")).save_supervision(DEMO_PLAN, scores, [], "组织规范", "Demo-neidu-2026")
    demo = flow["demo"]
    out = tmp_path / "bundle.zip"
    view = ExportService(demo.login("admin", PW["admin"])).make(out, PW["admin"])
    view = ExportService(demo.login("neidu", PW["neidu"])).countersign(view.seq, out, PW["neidu"])
    trust_text = ExportService(demo.login("admin", PW["admin"])).public_keys()
    (tmp_path / "trust.txt").write_text(trust_text, encoding="utf-8")
    from app.core.journal import key_id
    return {"flow": flow, "out": out, "view": view, "trust": layout.parse_trust(trust_text, key_id),
            "trust_path": tmp_path / "trust.txt", "cancelled": cancelled, "fid": fid, "numbers": numbers,
            "tmp": tmp_path}


def _cli_verify(bundle, trust) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "app.verifier", str(bundle), "--trust", str(trust)],
                          capture_output=True, text=True)


def test_slots_filled_verified_and_bagit_valid(exported):
    e, flow = exported, exported["flow"]
    r = _cli_verify(e["out"], e["trust_path"])
    assert r.returncode == 0, r.stderr
    with zipfile.ZipFile(e["out"]) as zf:
        zf.extractall(e["tmp"] / "x")
    top, m = _members(e["out"])
    assert bagit.Bag(str(e["tmp"] / "x" / top)).is_valid()

    # results: every candidate, subject scores, pass/fail, review chain with its signers
    res = json.loads(m["data/results/results.json"])
    assert res["plan_no"] == DEMO_PLAN and res["theory_recomputable"] is False
    rows = {c["ticket_no"]: c for c in res["candidates"]}
    assert list(rows) == sorted(rows) and len(rows) == 40
    c0, c1, c2 = (rows[flow["cands"][i].ticket_no] for i in (0, 1, 2))
    assert c0["subjects"]["theory"]["score"] == "55" and c0["subjects"]["theory"]["passed"] is False
    assert c0["passed"] is False and c0["theory"] is None
    assert c2["subjects"]["practical"]["absent"] is True and c2["overall"]
    ok = rows[flow["cands"][4].ticket_no]
    assert ok["passed"] is True and ok["subjects"]["practical"]["source"] == "manual"   # 双人复核
    voided = rows[flow["cands"][10].ticket_no]
    assert voided["passed"] is False and voided["subjects"]["theory"]["void"] is True
    assert res["review"]["stage"] == "approved"
    assert [s["username"] for s in res["review"]["signatures"]] == ["neidu", "admin", "admin2"]
    # certificates: the cancelled ones keep their number and reason
    certs = {c["certificate_no"]: c for c in res["certificates"]}
    assert len(certs) == 37
    assert certs[e["cancelled"]]["status"] == "cancelled" and "打印错误" in certs[e["cancelled"]]["cancel_reason"]
    void_no = e["numbers"][flow["cands"][10].ticket_no]
    assert certs[void_no]["status"] == "cancelled"
    assert [(c["certificate_no"], c["action"], c["finding_id"]) for c in res["correction_pending"]] == \
        [(e["cancelled"], "void", None), (void_no, "void", e["fid"])]
    # ...and the rows carried by this export are marked, so the next export does not send them again
    from app.services.misconduct import MisconductService
    corr = MisconductService(flow["login"]("admin")).corrections()
    assert [c["exported_in"] for c in corr] == [e["view"].external_id] * 2
    # official tables, read back
    header, table = read_table_xlsx(e["tmp"] / "x" / top / "data" / "results" / "证书数据表.xlsx", "姓名")
    assert len(table) == 35 and e["cancelled"] not in {r[7] for r in table}
    assert "data/results/证书核发登记表.xlsx" in m and "data/results/证书数据表.pdf" in m

    # theory: only what the site store holds, empty recomputation files
    th = json.loads(m["data/theory/sealed-paper.json"])
    assert th["answers_included"] is False and "局域网链路" in th["note"]  # no sitting came over the link here
    assert m["data/theory/answers.jsonl"] == b"" and m["data/theory/papers.jsonl"] == b""

    # misconduct: the finding with its signatures (no password material), room-head confirmation, ban
    mis = json.loads(m["data/misconduct/records.json"])
    (f,) = mis["findings"]
    assert (f["article"], f["item"], f["ticket_no"]) == (7, 4, flow["cands"][10].ticket_no)
    assert f["evidence"] == "举报材料及身份核验记录" and f["room_head_confirmed"] is True
    assert [s["username"] for s in f["signatures"]] == ["jiankao1", "jiankao2", "kaochang"]
    assert all(set(s) == {"username", "name", "kind", "signed_at"} for s in f["signatures"])
    (ban,) = mis["bans"]
    assert ban["finding_ref"] == f"misconduct:{e['fid']}" and ban["id_no"] == flow["cands"][10].id_no

    # supervision: 附件2 and the room record, as JSON and as the official tables
    sup = json.loads(m["data/supervision/report.json"])
    assert sup["report"]["total"] == 100 and sup["report"]["supervisor"] == "neidu"
    assert [(r["room"], r["subject"], r["notes"]) for r in sup["room_records"]] == [("第1考场", "theory", "考试正常")]
    assert "data/supervision/内部质量督导报告.xlsx" in m and "data/supervision/考场情况记录单.pdf" in m

    # practical and camera: no data on the demo site yet, files present and empty
    prac = json.loads(m["data/practical/sheets.json"])
    assert prac["sheets"] == [] and prac["summary"] == [] and prac["template"] is None
    cam = json.loads(m["data/camera/segments.json"])
    assert cam["segments"] == [] and cam["gaps"] == [] and cam["rooms"]

    # deterministic JSON: sorted keys, UTF-8, no ASCII escapes
    for rel in ("data/results/results.json", "data/misconduct/records.json", "data/supervision/report.json"):
        text = m[rel].decode("utf-8")
        assert json.dumps(json.loads(text), ensure_ascii=False, indent=1, sort_keys=True) + "\n" == text


def test_corrections_go_in_one_export_only_unless_it_failed(exported, tmp_path):
    e, flow = exported, exported["flow"]
    admin = ExportService(flow["demo"].login("admin", PW["admin"]))
    second = admin.make(tmp_path / "second.zip", PW["admin"])
    _, m = _members(tmp_path / "second.zip")
    assert json.loads(m["data/results/results.json"])["correction_pending"] == []
    # An export that fails after the results provider ran leaves its rows to the next one.
    from app.services.misconduct import MisconductService
    from tests.integration.test_bundle import _swapped

    def broken(ctx, plan_no, folder):
        raise RuntimeError("disk full")

    another = e["numbers"][flow["cands"][5].ticket_no]
    CertificateService(flow["login"]("admin")).cancel(another, "姓名有误，作废重发", "Demo-admin-2026")
    with _swapped(camera=broken), pytest.raises(RuntimeError):  # camera runs after results
        admin.make(tmp_path / "third.zip", PW["admin"])
    assert admin.history()[0].status == "failed"
    fourth = admin.make(tmp_path / "fourth.zip", PW["admin"])
    _, m = _members(tmp_path / "fourth.zip")
    rows = json.loads(m["data/results/results.json"])["correction_pending"]
    assert [r["certificate_no"] for r in rows] == [another]
    corr = {c["certificate_no"]: c for c in MisconductService(flow["login"]("admin")).corrections()}
    assert corr[another]["exported_in"] == fourth.external_id
    assert corr[e["cancelled"]]["exported_in"] == e["view"].external_id != second.external_id


def test_editing_results_fails_verification(exported):
    e = exported
    top, m = _members(e["out"])
    res = json.loads(m["data/results/results.json"])
    row = next(c for c in res["candidates"] if c["subjects"]["theory"]["score"] == "55")
    row["subjects"]["theory"]["score"] = "65"
    changed = dict(m)
    changed["data/results/results.json"] = json.dumps(res, ensure_ascii=False, indent=1, sort_keys=True).encode()
    bad = e["tmp"] / "bad.zip"
    bad.write_bytes(_zip(top, changed))
    r = _cli_verify(bad, e["trust_path"])
    assert r.returncode == 1 and "results/results.json" in (r.stdout + r.stderr)
    report = verifier.verify_file(bad, e["trust"])
    assert not report.ok and "results/results.json" in report.fault


def _export_plain(demo, out):
    view = ExportService(demo.login("admin", PW["admin"])).make(out, PW["admin"])
    from app.core.journal import key_id
    trust = layout.parse_trust(ExportService(demo.login("admin", PW["admin"])).public_keys(), key_id)
    report = verifier.verify_file(out, trust, required=("site", "admin"))
    assert report.ok, report.fault
    return view, _members(out)[1]


def test_practical_signed_sheets_decisions_and_summary_never_drafts(tmp_path, demo_login, demo):
    import base64

    from app.services.roster import RosterService
    from tests.scoring_support import FULL, score, setup_scoring, signature_png

    svc = setup_scoring(tmp_path, demo_login)
    t1, t2 = [c.ticket_no for c in RosterService(demo_login("admin")).candidates(DEMO_PLAN)[:2]]
    score(svc["kaoping1"], "kaoping1", t1, FULL, seed=11)                       # 100
    score(svc["kaoping2"], "kaoping2", t1, {**FULL, "1.3": 20}, seed=12)        # 82
    score(svc["zuzhang"], "zuzhang", t1, {**FULL, "1.3": 40}, seed=13)          # 94
    svc["chief"].chief.reconcile(DEMO_PLAN, t1, "94.0", "复看考件照片，按94分认定")
    svc["kaoping1"].grading.save_sheet(DEMO_PLAN, t2, {**FULL, "1.1": 3})                # a draft: never exported
    _, m = _export_plain(demo, tmp_path / "p.zip")
    prac = json.loads(m["data/practical/sheets.json"])
    assert prac["template"]["file_sha256"]
    sheets = prac["sheets"]
    assert sorted((x["ticket_no"], x["grader"], x["total"]) for x in sheets) == \
        [(t1, "kaoping1", "100.00"), (t1, "kaoping2", "82.00"), (t1, "zuzhang", "94.00")]
    assert all(x["signed_at"] and x["content_sha256"] for x in sheets)
    png = {x["grader"]: base64.b64decode(x["signature_png_base64"]) for x in sheets}
    assert png["kaoping2"] == signature_png(12) and png["kaoping2"].startswith(b"\x89PNG")
    assert t2 not in {x["ticket_no"] for x in sheets}
    assert [(d["ticket_no"], d["score"], d["chief"]) for d in prac["decisions"]] == [(t1, "94.0", "zuzhang")]
    summary = {r["ticket_no"]: r for r in prac["summary"]}
    assert summary[t1]["status"] == "reconciled" and summary[t1]["score"] == "94"
    assert summary[t2]["score"] is None


def test_camera_index_for_the_batch_rooms_and_dates_without_video(tmp_path, demo_login, demo):
    import datetime as dt
    import hashlib

    import cv2
    import numpy as np

    from app.camera.recorder import ClosedSegment
    from app.services.camera import CameraService
    from app.services.roster import RosterService

    admin = demo_login("admin")
    batch = RosterService(admin).batches()[0]
    room = json.loads(_export_plain(demo, tmp_path / "a.zip")[1]["data/batch/batch.json"])["rooms"][0]
    cams = CameraService(admin)
    cams.add_camera("CAM01", "前门", room, "R01", "0")
    media = cams.media_dir / "CAM01"
    media.mkdir(parents=True, exist_ok=True)

    def segment(name, start):
        path = media / name
        w = cv2.VideoWriter(str(path), cv2.VideoWriter_fourcc(*"MJPG"), 5, (64, 48))
        for i in range(10):
            w.write(np.full((48, 64, 3), i * 20, np.uint8))
        w.release()
        data = path.read_bytes()
        seg = ClosedSegment("CAM01", path, start, start + dt.timedelta(seconds=2), 5.0, 10, len(data),
                            hashlib.sha256(data).hexdigest())
        cams.index_segment("CAM01", seg)
        return path

    on_day = dt.datetime.combine(batch.exam_start, dt.time(1, 0), tzinfo=dt.timezone.utc)
    inside = segment("in.avi", on_day)
    segment("later.avi", on_day + dt.timedelta(days=40))                    # another day: not this batch
    cams.record_gap("CAM01", on_day + dt.timedelta(minutes=5), on_day + dt.timedelta(minutes=6), "断流")
    _, m = _export_plain(demo, tmp_path / "c.zip")
    cam = json.loads(m["data/camera/segments.json"])
    (seg,) = cam["segments"]
    assert (seg["camera"], seg["room"], seg["frames"]) == ("CAM01", room, 10)
    assert seg["sha256"] == hashlib.sha256(inside.read_bytes()).hexdigest() and seg["path"].endswith("in.avi")
    assert not seg["path"].startswith("/")
    assert [g["reason"] for g in cam["gaps"]] == ["断流"]
    assert not any(p.endswith(".avi") for p in m)                            # no video in the bundle
