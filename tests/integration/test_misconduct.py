"""Misconduct findings on the real store: signatures, confirmation, penalties on results, the ban list
across batches, voiding issued certificates (第八条), notice PDF and appeal."""

from __future__ import annotations

import datetime as dt
import subprocess

import pytest

from app.core.errors import Conflict, DomainError, PermissionDenied
from app.services.bans import BanService
from app.services.certificates import CertificateService
from app.services.demo import DEMO_PLAN
from app.services.misconduct import MisconductService
from app.services.results import ResultsService
from tests.integration.test_results_flow import _approve, _publish_and_close, flow  # noqa: F401


def _finding(flow, idx, article, item, **kw):
    proctor = flow["login"]("jiankao1")
    svc = MisconductService(proctor)
    fid = svc.open_finding(flow["cands"][idx].ticket_no, kw.pop("subject", "theory"), article, item,
                           kw.pop("facts", "09:40 监考发现考生使用手机查看答案，当场收缴"), **kw)
    assert svc.sign(fid, "jiankao1", "Demo-jiankao-2026") == 1
    with pytest.raises(Conflict, match="2名"):
        svc.confirm(fid, "kaochang", "Demo-kaochang-2026")
    with pytest.raises(Conflict, match="另一名"):
        svc.sign(fid, "jiankao1", "Demo-jiankao-2026")
    assert svc.sign(fid, "jiankao2", "Demo-jiankao-2026") == 2
    return svc, fid


def _decide(flow, fid, statement: str | None = None):
    """Notice (告知), the candidate's statement (or waiver), then the institution's decision."""
    admin = flow["login"]("admin")
    svc = MisconductService(admin)
    svc.notify(fid, "当面送达")
    if statement is None:
        svc.record_statement(fid, waived=True)
    else:
        svc.record_statement(fid, statement)
    return svc.decide(fid)


def test_article_6_voids_all_subjects_and_bans_for_the_year(flow, tmp_path):
    on = flow["exam_end"]
    svc, fid = _finding(flow, 5, 6, 1, evidence="收缴手机一部", bookmark_id="cam2-0940", photo=b"\xff\xd8jpeg",
                        occurred_on=on)
    with pytest.raises(PermissionDenied, match="角色"):
        svc.confirm(fid, "jiankao2", "Demo-jiankao-2026")  # not a room head
    penalty = svc.confirm(fid, "kaochang", "Demo-kaochang-2026")
    assert penalty["tier"] == "B" and penalty["void_subjects"] == ["practical", "theory"]
    admin = flow["login"]("admin")
    with pytest.raises(Conflict, match="告知"):
        MisconductService(admin).decide(fid)
    MisconductService(admin).notice_pdf(fid, tmp_path / "notice.pdf")
    _decide(flow, fid)
    r = {x.ticket_no: x for x in ResultsService(admin).results(DEMO_PLAN)}[flow["cands"][5].ticket_no]
    assert not r.passed and r.result.label == "成绩取消" and r.score_text("theory") == "取消"
    bans = BanService(flow["login"]("kaowu"))
    ban = bans.is_banned(flow["cands"][5].id_no, on + dt.timedelta(days=1))
    assert ban is not None and ban.until_date == dt.date(on.year, 12, 31) and "第六条（一）" in ban.reason
    assert bans.is_banned(flow["cands"][5].id_no, dt.date(on.year + 1, 1, 1)) is None
    assert bans.is_banned(flow["cands"][6].id_no, on) is None
    # the printable 处理决定告知书 (made before the decision)
    text = subprocess.run(["pdftotext", str(tmp_path / "notice.pdf"), "-"], capture_output=True, text=True).stdout
    assert "处理决定告知书" in text and "第六条（一）" in text and "收缴手机" in text.replace("\n", "")
    assert flow["cands"][5].name in text
    # appeal: revoked -> scores count again, ban lifted
    aid = MisconductService(admin).file_appeal(fid, "本人手机已关机，未使用")
    MisconductService(admin).review_appeal(aid, "revoked", "视频显示手机放于指定位置外但未使用，改按第五条处理",
                                           "Demo-admin-2026")
    assert bans.is_banned(flow["cands"][5].id_no, on) is None
    r = {x.ticket_no: x for x in ResultsService(admin).results(DEMO_PLAN)}[flow["cands"][5].ticket_no]
    assert r.result.label != "成绩取消"
    views = {v.id: v for v in MisconductService(admin).findings(DEMO_PLAN)}
    assert views[fid].status == "withdrawn" and views[fid].witnesses == ("赵敏", "孙浩")


def test_article_5_needs_a_refused_warning_and_voids_one_subject(flow):
    proctor = flow["login"]("jiankao1")
    with pytest.raises(DomainError, match="提醒"):
        MisconductService(proctor).open_finding(flow["cands"][8].ticket_no, "practical", 5, 2,
                                                "考生未经允许离开工位，在考场内走动")
    svc, fid = _finding(flow, 8, 5, 2, subject="practical", facts="考生未经允许离开工位，在考场内走动",
                        warning={"at": "10:05", "by": "jiankao1", "response": "拒不回到工位", "refused": True})
    penalty = svc.confirm(fid, "kaochang", "Demo-kaochang-2026")
    assert penalty["tier"] == "A" and penalty["void_subjects"] == ["practical"] and penalty["ban_until"] is None
    _decide(flow, fid, "承认离开工位")
    r = {x.ticket_no: x for x in ResultsService(flow["login"]("admin")).results(DEMO_PLAN)}[flow["cands"][8].ticket_no]
    assert r.score_text("practical") == "取消" and r.score_text("theory") not in ("取消", "")
    assert BanService(flow["login"]("kaowu")).is_banned(flow["cands"][8].id_no, flow["exam_end"]) is None


def test_article_7_after_the_exam_voids_issued_certificates_and_flags_correction(flow):
    admin = _approve(flow)
    _publish_and_close(flow, admin)
    out = dict(CertificateService(admin).allocate(DEMO_PLAN))
    t = flow["cands"][10].ticket_no
    number = out[t]
    later = flow["clock"].when.date()
    svc, fid = _finding(flow, 10, 7, 4, facts="经举报核实，该考生由他人冒名顶替参加理论考试", severity="serious",
                        occurred_on=flow["exam_end"], after_exam=True)
    penalty = svc.confirm(fid, "kaochang", "Demo-kaochang-2026")
    assert penalty["tier"] == "C" and penalty["referral"]
    _decide(flow, fid)
    ban_until = dt.date.fromisoformat(penalty["ban_until"])
    assert ban_until.year == flow["exam_end"].year + 5
    views = {v.certificate_no: v for v in CertificateService(admin).certificates(DEMO_PLAN)}
    assert views[number].status == "cancelled" and "misconduct" in views[number].cancel_reason
    corrections = MisconductService(admin).corrections()
    assert [(c["certificate_no"], c["action"], c["finding"]) for c in corrections] == [(number, "void", fid)]
    # banned across batches: the check-in question for any later date in the window
    assert BanService(flow["login"]("kaowu")).is_banned(flow["cands"][10].id_no, later + dt.timedelta(days=900))
    # the number is never given again
    assert CertificateService(admin).allocate(DEMO_PLAN) == []


def test_external_ban_list_entries_and_lifting(flow):
    admin = flow["login"]("admin")
    bans = BanService(admin)
    with pytest.raises(DomainError):
        bans.add("110101199003074215", "201", "外某", dt.date(2026, 1, 1), dt.date(2027, 12, 31), "")
    bid = bans.add("110101199003074215", "201", "外某", dt.date(2026, 1, 1), dt.date(2027, 12, 31),
                   "其他评价机构通报：第七条（四）情节轻微", "外部通报 2026-07")
    assert bans.is_banned("110101199003074215", dt.date(2026, 6, 1)).id == bid
    bans.lift(bid, "上级部门复核撤销")
    assert bans.is_banned("110101199003074215", dt.date(2026, 6, 1)) is None
    with pytest.raises(PermissionDenied):
        BanService(flow["login"]("kaowu")).add("110101199003074215", "201", "外某", dt.date(2026, 1, 1),
                                               dt.date(2027, 12, 31), "x")


def test_room_head_cannot_witness(flow):
    """第十六条: "经2名（含）以上工作人员签字报考场负责人确认" [002 L1760] — the room head confirms what
    two other staff signed; the batch's room head never counts as one of the two witnesses."""
    proctor = flow["login"]("jiankao1")
    svc = MisconductService(proctor)
    fid = svc.open_finding(flow["cands"][4].ticket_no, "theory", 6, 1, "09:40 监考发现考生使用手机查看答案，当场收缴")
    svc.sign(fid, "jiankao1", "Demo-jiankao-2026")
    with pytest.raises(Conflict, match="考场负责人"):
        svc.sign(fid, "kaochang", "Demo-kaochang-2026")
    # nor can someone who signed as a witness confirm as room head
    admin = flow["login"]("admin")
    from app.services.staff import StaffService
    StaffService(admin).add("kaochang2", "韩副", "Demo-kaochang2-2026", ["room_head", "staff"])
    svc.sign(fid, "kaochang2", "Demo-kaochang2-2026")
    with pytest.raises(Conflict, match="已作为工作人员签字"):
        svc.confirm(fid, "kaochang2", "Demo-kaochang2-2026")
    svc.confirm(fid, "kaochang", "Demo-kaochang-2026")


def test_confirmation_records_facts_only_and_the_decision_applies_the_penalty(flow, tmp_path):
    """第十七条: "作出处理决定前，应当告知…拟作出的处理决定及相关事实、理由和依据" and the decision is
    "以书面形式送达" [002 L1764–1766]: the room head's confirmation applies nothing; the notice and the
    statement period come first; only the decision voids subjects and bans; notice and decision are
    two documents."""
    t = flow["cands"][7]
    svc, fid = _finding(flow, 7, 7, 4, facts="检录后核实，该考生由他人冒名顶替参加理论考试", severity="minor",
                        occurred_on=flow["exam_end"])
    svc.confirm(fid, "kaochang", "Demo-kaochang-2026")
    admin = flow["login"]("admin")
    bans = BanService(flow["login"]("kaowu"))
    r = {x.ticket_no: x for x in ResultsService(admin).results(DEMO_PLAN)}[t.ticket_no]
    assert r.result.label != "成绩取消" and bans.is_banned(t.id_no, flow["exam_end"]) is None
    mis = MisconductService(admin)
    reply_by = mis.notify(fid, "当面送达")
    with pytest.raises(Conflict, match="陈述"):
        mis.decide(fid)   # neither a statement nor the end of the period
    r = {x.ticket_no: x for x in ResultsService(admin).results(DEMO_PLAN)}[t.ticket_no]
    assert r.result.label != "成绩取消"
    with pytest.raises(Conflict, match="尚未作出处理决定"):
        mis.decision_pdf(fid, tmp_path / "decision.pdf")
    flow["clock"].when = flow["clock"].when.replace(year=reply_by.year, month=reply_by.month,
                                                    day=reply_by.day) + dt.timedelta(days=1)
    mis = MisconductService(flow["login"]("admin"))
    mis.decide(fid)
    r = {x.ticket_no: x for x in ResultsService(admin).results(DEMO_PLAN)}[t.ticket_no]
    assert r.result.label == "成绩取消" and bans.is_banned(t.id_no, flow["exam_end"]) is not None
    notice = mis.notice_pdf(fid, tmp_path / "notice.pdf")
    decision = mis.decision_pdf(fid, tmp_path / "decision.pdf")
    nt = subprocess.run(["pdftotext", str(notice), "-"], capture_output=True, text=True).stdout.replace("\n", "")
    dt_ = subprocess.run(["pdftotext", str(decision), "-"], capture_output=True, text=True).stdout.replace("\n", "")
    assert "处理决定告知书" in nt and "拟作出的处理决定" in nt and "不是处理决定" in nt
    assert "违纪违规行为处理决定书" in dt_ and "未提出陈述和申辩" in dt_ and "复核" in dt_
