"""公示, numbering, filed-scope and supervision gates (issue 18 items 4–7), on the real demo site."""

from __future__ import annotations

import datetime as dt

import pytest

from app.core import certno
from app.core import supervision as sv
from app.core.errors import Conflict, DomainError
from app.services.bundle import ExportService
from app.services.certificates import CertificateService
from app.services.checkin import CheckinService
from app.services.demo import DEMO_PLAN
from app.services.official_tables import TablesService
from app.services.publication import PublicationService
from app.services.results import ResultsService
from app.services.site import SiteService
from tests.integration.test_results_flow import _approve, _at, _numbering_on_record, flow, pdftext  # noqa: F401

SCORES = {line.key: line.max_points for line in sv.FORM}


def _published(flow):
    admin = _approve(flow)
    pub = PublicationService(admin).start(DEMO_PLAN)
    return admin, pub


def test_publication_shorter_than_profile_minimum_refused(flow):
    """Hunan "公示期不少于7个工作日" [000 L97]; the national default and Henan take the stricter 7;
    Nanxun 5 [003 L49].  The demo site is Henan: 5 working days are refused, 7 is the default."""
    admin = _approve(flow)
    with pytest.raises(DomainError, match="不得少于7个工作日"):
        PublicationService(admin).start(DEMO_PLAN, workdays=5)
    with pytest.raises(DomainError, match="不得少于7个工作日"):
        ResultsService(admin).set_publication_workdays(5)
    pub = PublicationService(admin).start(DEMO_PLAN)
    assert pub.workdays == 7


def test_objection_blocks_numbering_until_resolved_with_reason(flow, tmp_path):
    """A recorded objection blocks that candidate's certificate number until resolved with a reason;
    the 公示结果确认单 ("以上共 名人员…经公示无异议" [003 L691–731]) never says 经公示无异议 when
    there was one."""
    admin, pub = _published(flow)
    t = flow["cands"][6].ticket_no
    pubs = PublicationService(admin)
    oid = pubs.record_objection(DEMO_PLAN, t, "实名反映：该考生实操考核时由他人代为操作")
    flow["clock"].when = _at(pub.end_date + dt.timedelta(days=1))
    pubs = PublicationService(flow["login"]("admin"))
    pubs.close(DEMO_PLAN)
    pubs.confirmation_pdf(DEMO_PLAN, tmp_path / "qr.pdf")
    text = pdftext(tmp_path / "qr.pdf").replace("\n", "")
    assert "经公示无异议" not in text and "收到异议" in text and "尚未处理" in text
    _numbering_on_record(flow, flow["login"]("admin"))
    certs = CertificateService(flow["login"]("admin"))
    out = dict(certs.allocate(DEMO_PLAN))
    assert t not in out and len(out) == 36
    with pytest.raises(DomainError, match="理由"):
        pubs.resolve_objection(oid, "dismissed", "")
    pubs.resolve_objection(oid, "dismissed", "经调阅实操视频，系考生本人操作，异议不成立")
    assert [x[0] for x in certs.allocate(DEMO_PLAN)] == [t]
    pubs.confirmation_pdf(DEMO_PLAN, tmp_path / "qr2.pdf")
    assert "经公示无异议" not in pdftext(tmp_path / "qr2.pdf").replace("\n", "")


def test_numbering_needs_the_center_review_recorded(flow):
    """"考核鉴定成绩须经当地鉴定中心审核认定" [002 L3862]: no number before the review is recorded
    (who, when, the reply's document number)."""
    admin, pub = _published(flow)
    flow["clock"].when = _at(pub.end_date + dt.timedelta(days=1))
    admin = flow["login"]("admin")
    PublicationService(admin).close(DEMO_PLAN)
    TablesService(flow["login"]("neidu")).save_supervision(DEMO_PLAN, SCORES, [], "", "Demo-neidu-2026")
    with pytest.raises(Conflict, match="鉴定中心"):
        CertificateService(admin).allocate(DEMO_PLAN)
    with pytest.raises(DomainError, match="回复文号"):
        CertificateService(admin).record_center_review(DEMO_PLAN, "示例中心", flow["clock"].when.date(), "")
    CertificateService(admin).record_center_review(DEMO_PLAN, "示例中心", flow["clock"].when.date(), "示鉴〔2026〕3号")
    assert len(CertificateService(admin).allocate(DEMO_PLAN)) == 37


def test_numbering_needs_the_supervision_report(flow):
    """Nanxun: after 公示 "内督人员填写《职业技能等级认定公示结果确认单》（附件4）、《职业技能等级认定内部督导
    情况报告》" [003 L49] — no certificate numbers without the signed report."""
    admin, pub = _published(flow)
    flow["clock"].when = _at(pub.end_date + dt.timedelta(days=1))
    admin = flow["login"]("admin")
    PublicationService(admin).close(DEMO_PLAN)
    CertificateService(admin).record_center_review(DEMO_PLAN, "示例中心", flow["clock"].when.date(), "示鉴〔2026〕3号")
    with pytest.raises(Conflict, match="内部督导情况报告"):
        CertificateService(admin).allocate(DEMO_PLAN)


def test_veto_suspends_the_batch_until_resolved(flow, tmp_path):
    """否决项: "触犯任何一项即本次内督得分为0，且暂停本次认定" [003 L371]: a veto suspends the batch —
    no numbering, no export, no new session — until the 内督 resolves it with a reason."""
    neidu = flow["login"]("neidu")
    assert TablesService(neidu).save_supervision(DEMO_PLAN, SCORES, ["disorder"], "第2考场秩序混乱",
                                                 "Demo-neidu-2026") == 0
    admin = flow["login"]("admin")
    with pytest.raises(Conflict, match="暂停"):
        ExportService(admin).make(tmp_path / "b.zip", "Demo-admin-2026")
    with pytest.raises(Conflict, match="暂停"):
        CheckinService(flow["login"]("kaowu")).create_session(DEMO_PLAN, "补考", "theory",
                                                             dt.datetime(2026, 12, 1, 1, tzinfo=dt.timezone.utc))
    with pytest.raises(DomainError):
        TablesService(neidu).resolve_suspension(DEMO_PLAN, "", "Demo-neidu-2026")
    TablesService(neidu).resolve_suspension(DEMO_PLAN, "已调整考场座位并加派监考人员，秩序恢复", "Demo-neidu-2026")
    TablesService(neidu).save_supervision(DEMO_PLAN, SCORES, [], "整改后复查合格", "Demo-neidu-2026")
    ExportService(admin).make(tmp_path / "b.zip", "Demo-admin-2026")


def test_batch_outside_filed_scope_refused(flow, tmp_path):
    """违纪指引 第十五条 [002 L1754]: "超范围上传证书数据的，撤销其上传的违规证书数据"; 第十四条（二）
    "严重超出备案范围开展评价工作" [002 L1741–1752].  The demo batch is 电工 四级; filed 5、3 only,
    it is refused before it starts, and numbering and export check again."""
    admin = flow["login"]("admin")
    SiteService(admin).set_filed_scope([{"occupation_code": "6-31-01-03", "occupation_name": "电工",
                                         "work_type": "", "levels": "5、3"}])
    with pytest.raises(Conflict, match="备案"):
        CheckinService(flow["login"]("kaowu")).create_session(DEMO_PLAN, "理论", "theory",
                                                             dt.datetime(2026, 12, 1, 1, tzinfo=dt.timezone.utc))
    TablesService(flow["login"]("neidu")).save_supervision(DEMO_PLAN, SCORES, [], "", "Demo-neidu-2026")
    with pytest.raises(Conflict, match="备案范围"):
        ExportService(admin).make(tmp_path / "b.zip", "Demo-admin-2026")
    admin, pub = _published(flow)
    flow["clock"].when = _at(pub.end_date + dt.timedelta(days=1))
    admin = flow["login"]("admin")
    PublicationService(admin).close(DEMO_PLAN)
    CertificateService(admin).record_center_review(DEMO_PLAN, "示例中心", flow["clock"].when.date(), "示鉴〔2026〕3号")
    with pytest.raises(Conflict, match="备案范围"):
        CertificateService(admin).allocate(DEMO_PLAN)
    SiteService(admin).set_filed_scope([{"occupation_code": "6-31-01-03", "occupation_name": "电工",
                                         "work_type": "", "levels": "5、4、3"}])
    assert len(CertificateService(admin).allocate(DEMO_PLAN)) == 37


def test_hrss_assigned_numbers_are_imported_not_allocated(flow):
    """Nanxun "公示结束后，人力社保部门完成证书赋码" [003 L49]: where the profile says so the site
    imports the numbers (all or nothing) instead of allocating them."""
    from app.store import models
    admin, pub = _published(flow)
    with flow["demo"].system_context().unit_of_work() as uow:   # this site follows the Nanxun profile
        uow.session.get(models.Setting, "profile").value = {"key": "nanxun"}
        uow.journal("test.profile", "nanxun", {})
    from app.services.staff import StaffService
    StaffService(flow["login"]("admin")).add("neidu2", "内督二", "Demo-neidu-2026", ["internal_supervisor"],
                                            card_no="S010123260002")
    StaffService(flow["login"]("admin")).assign(DEMO_PLAN, "neidu2", "internal_supervisor")  # Nanxun: 2 per 工种
    flow["clock"].when = _at(pub.end_date + dt.timedelta(days=1))
    admin = flow["login"]("admin")
    PublicationService(admin).close(DEMO_PLAN)
    _numbering_on_record(flow, admin)
    certs = CertificateService(admin)
    with pytest.raises(Conflict, match="人力社保部门赋码"):
        certs.allocate(DEMO_PLAN)
    issue = flow["clock"].when.date()
    inst = SiteService(admin).institution()
    passed = [r.ticket_no for r in ResultsService(admin).results(DEMO_PLAN) if r.passed]
    numbers = {t: str(certno.compose(inst.prefix, issue.year, 4, 100 + i)) for i, t in enumerate(passed)}
    bad = dict(numbers, **{passed[0]: str(certno.compose(inst.prefix, issue.year, 3, 1))})
    with pytest.raises(DomainError, match="等级"):
        certs.import_numbers(DEMO_PLAN, bad, issue)
    assert CertificateService(admin).certificates(DEMO_PLAN) == []   # all or nothing
    assert len(certs.import_numbers(DEMO_PLAN, numbers, issue)) == len(passed) == 37


def test_external_supervision_form_signed_by_the_external_supervisor(flow, tmp_path):
    """Nanxun 附件3《技能人才评价专家资格认定外督情况登记表》[003 L402–687]: 100 points, 否决项 "发生任何一项
    当次外督得分为0分"; signed by the 外督 dispatched to the batch, who carries a valid card [002 L1134]."""
    scores = {line.key: line.max_points for line in sv.EXTERNAL_FORM}
    with pytest.raises(Exception):
        TablesService(flow["login"]("neidu")).save_external_supervision(DEMO_PLAN, scores, [], "", "Demo-neidu-2026")
    waidu = TablesService(flow["login"]("waidu"))
    with pytest.raises(DomainError, match="考场秩序"):
        waidu.save_external_supervision(DEMO_PLAN, dict(scores, x_order=10), [], "", "Demo-waidu-2026")
    assert waidu.save_external_supervision(DEMO_PLAN, scores, [], "组织规范", "Demo-waidu-2026") == 100
    assert waidu.save_external_supervision(DEMO_PLAN, scores, ["accident"], "现场安全事故", "Demo-waidu-2026") == 0
    x, p = TablesService(flow["login"]("admin")).external_supervision_form(tmp_path / "外督", DEMO_PLAN)
    text = pdftext(p)
    assert "外督情况登记表" in text and "杨光" in text and "R41260007" in text
