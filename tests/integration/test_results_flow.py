"""Results → review chain → publication → certificate numbers → certificates → official tables,
on the real demo site (SQLCipher store, real PDFs read back with pdftotext and OpenCV)."""

from __future__ import annotations

import datetime as dt
import subprocess
import threading

import pytest

from app.core import certno
from app.core.errors import Conflict, DomainError, PermissionDenied
from app.services.base import Clock
from app.services.certificates import CertificateService, allocate_serials
from app.services.demo import DEMO_PLAN
from app.services.official_tables import CERT_DATA_COLUMNS, REGISTER_COLUMNS, TablesService
from app.services.publication import PublicationService
from app.services.results import ROAD_THEORY_EXAM, ResultsService
from app.services.roster import RosterService
from app.services.staff import StaffService
from app.formats.tables_xlsx import read_table_xlsx
from tests.results_support import scores_arrive, typed_twice


class FixedClock(Clock):
    def __init__(self, when: dt.datetime):
        self.when = when

    def now(self):
        return self.when


def _at(day: dt.date, hour: int = 2) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, hour, tzinfo=dt.timezone.utc)


def pdftext(path) -> str:
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True).stdout


@pytest.fixture
def flow(demo, demo_login):
    """Scores for everyone (two fail theory, one absent in practical) on the demo batch."""
    admin = demo_login("admin")
    StaffService(admin).add("admin2", "钱审核", "Demo-admin2-2026", ["admin"])
    batch = RosterService(admin).batches()[0]
    exam_end = batch.exam_end
    clock = FixedClock(_at(exam_end + dt.timedelta(days=1)))
    demo.clock = clock
    admin = demo_login("admin")
    res = ResultsService(admin)
    res.set_machine_role("master")
    cands = RosterService(admin).candidates(DEMO_PLAN)
    scores_arrive(admin, ROAD_THEORY_EXAM, [(c.ticket_no, "theory", 55 if i in (0, 1) else 60 + i % 40)
                                            for i, c in enumerate(cands)])
    typed_twice(demo_login("kaowu"), admin, [(c.ticket_no, "practical", None if i == 2 else 70 + i % 30)
                                             for i, c in enumerate(cands)])     # paper practical sheets
    return {"demo": demo, "login": demo_login, "clock": clock, "cands": cands, "exam_end": exam_end}


def _approve(flow):
    neidu = flow["login"]("neidu")
    assert ResultsService(neidu).sign_review(DEMO_PLAN, "Demo-neidu-2026") == "checked"
    admin = flow["login"]("admin")
    assert ResultsService(admin).sign_review(DEMO_PLAN, "Demo-admin-2026") == "first_review"
    with pytest.raises(Conflict, match="不同人员"):
        ResultsService(admin).sign_review(DEMO_PLAN, "Demo-admin-2026")
    admin2 = flow["demo"].login("admin2", "Demo-admin2-2026")
    assert ResultsService(admin2).sign_review(DEMO_PLAN, "Demo-admin2-2026") == "approved"
    return admin


def _publish_and_close(flow, admin):
    pub = PublicationService(admin).start(DEMO_PLAN)
    with pytest.raises(Conflict, match="期满"):
        PublicationService(admin).close(DEMO_PLAN)
    flow["clock"].when = _at(pub.end_date + dt.timedelta(days=1))
    PublicationService(admin).close(DEMO_PLAN)
    _numbering_on_record(flow, admin)
    return pub


def _numbering_on_record(flow, admin):
    """What must be on record before numbering (issue 18): the signed 内督 report and the 鉴定中心's
    review (who, when, reply number)."""
    from app.core import supervision as sv
    scores = {line.key: line.max_points for line in sv.FORM}
    TablesService(flow["login"]("neidu")).save_supervision(DEMO_PLAN, scores, [], "组织规范", "Demo-neidu-2026")
    CertificateService(admin).record_center_review(DEMO_PLAN, "示例市职业技能鉴定指导中心",
                                                   flow["clock"].when.date(), "示鉴审〔2026〕12号")


def test_results_pass_rules_and_review_chain_with_reopen(flow):
    admin = flow["login"]("admin")
    rows = {r.ticket_no: r for r in ResultsService(admin).results(DEMO_PLAN)}
    c = flow["cands"]
    assert not rows[c[0].ticket_no].passed and rows[c[0].ticket_no].result.label == "不合格"
    assert not rows[c[2].ticket_no].passed and rows[c[2].ticket_no].score_text("practical") == "缺考"
    assert rows[c[3].ticket_no].passed
    with pytest.raises(PermissionDenied, match="签字失败"):
        ResultsService(flow["login"]("neidu")).sign_review(DEMO_PLAN, "wrong-password-1")
    with pytest.raises(Conflict, match="内部质量督导员"):
        ResultsService(admin).sign_review(DEMO_PLAN, "Demo-admin-2026")
    _approve(flow)
    with pytest.raises(Conflict, match="重新打开"):
        scores_arrive(admin, ROAD_THEORY_EXAM, [(c[0].ticket_no, "theory", 90)])   # answers re-scored
    with pytest.raises(DomainError, match="理由"):
        ResultsService(admin).reopen(DEMO_PLAN, "", "Demo-admin-2026")
    ResultsService(admin).reopen(DEMO_PLAN, "考生申请复核理论成绩，经核查登分错误", "Demo-admin-2026")
    scores_arrive(admin, ROAD_THEORY_EXAM, [(c[0].ticket_no, "theory", 90)])
    state = ResultsService(admin).review_state(DEMO_PLAN)
    assert state.stage == "entered" and state.reopened[0]["reason"].startswith("考生申请")
    assert ResultsService(admin).results(DEMO_PLAN)[0].passed
    with flow["demo"].store.read() as s:
        from sqlalchemy import select
        from app.store.models import JournalEntry
        actions = [a for (a,) in s.execute(select(JournalEntry.action))]
    assert actions.count("results.sign") == 3 and "results.reopen" in actions
    assert sum(1 for a in actions if a == "score.record") == 81  # 80 first scores + the correction


def test_a_score_change_during_review_sends_the_batch_back(flow):
    neidu = flow["login"]("neidu")
    ResultsService(neidu).sign_review(DEMO_PLAN, "Demo-neidu-2026")
    admin = flow["login"]("admin")
    scores_arrive(admin, ROAD_THEORY_EXAM, [(flow["cands"][5].ticket_no, "theory", 88)])
    assert ResultsService(admin).review_state(DEMO_PLAN).stage == "entered"


def test_manual_double_entry_counts_only_when_two_people_agree(flow):
    kaowu, admin = flow["login"]("kaowu"), flow["login"]("admin")
    t = flow["cands"][7].ticket_no
    assert ResultsService(kaowu).enter_manual(t, "theory", "72") == "waiting"
    assert ResultsService(admin).enter_manual(t, "theory", "27") == "mismatch"
    view = [e for e in ResultsService(admin).entries(DEMO_PLAN, "theory") if e.ticket_no == t][0]
    assert view.state == "mismatch" and {view.first_score, view.second_score} == {"72.0", "27.0"}
    before = {r.ticket_no: r for r in ResultsService(admin).results(DEMO_PLAN)}[t].scores["theory"]
    assert str(before) != "72.0"  # the disagreement changed nothing
    neidu = flow["login"]("neidu")
    with pytest.raises(Conflict, match="不一致"):
        ResultsService(neidu).sign_review(DEMO_PLAN, "Demo-neidu-2026")
    with pytest.raises(Conflict, match="两人"):
        ResultsService(StaffLogin.third(flow)).enter_manual(t, "theory", "72")
    # the two now agree, but the candidate's theory score already arrived by the theory exam's road:
    # typing it again is a correction (two people, each with a reason), not a second road
    with pytest.raises(Conflict, match="更正须两人"):
        ResultsService(admin).enter_manual(t, "theory", "72")
    after = {r.ticket_no: r for r in ResultsService(admin).results(DEMO_PLAN)}[t]
    assert after.scores["theory"] == before
    with pytest.raises(PermissionDenied):
        ResultsService(flow["login"]("jiankao1")).enter_manual(t, "theory", "72")


class StaffLogin:
    @staticmethod
    def third(flow):
        admin = flow["login"]("admin")
        StaffService(admin).add("kaowu2", "何录入", "Demo-kaowu2-2026", ["staff"])
        return flow["demo"].login("kaowu2", "Demo-kaowu2-2026")


def test_publication_numbers_certificates_and_tables(flow, tmp_path):
    admin = _approve(flow)
    with pytest.raises(Conflict, match="公示"):
        CertificateService(admin).allocate(DEMO_PLAN)
    pub = _publish_and_close(flow, admin)
    assert (pub.end_date - pub.start_date).days >= 4
    # the masked list, as xlsx and PDF
    PublicationService(admin).export(DEMO_PLAN, tmp_path / "gs.xlsx", tmp_path / "gs.pdf")
    header, rows = read_table_xlsx(tmp_path / "gs.xlsx", "序号")
    assert header == pub.columns and len(rows) == 40
    full = {c.ticket_no: c for c in flow["cands"]}
    for row in rows:
        c = full[row[1]]
        assert row[2] != c.name and row[2][0] == c.name[0] and "*" in row[2]
        assert row[3] == c.id_no[:6] + "********" + c.id_no[-4:]
    text = pdftext(tmp_path / "gs.pdf")
    assert "认定结果公示" in text and flow["cands"][0].id_no not in text
    PublicationService(admin).confirmation_pdf(DEMO_PLAN, tmp_path / "qr.pdf")
    assert "经公示无异议" in pdftext(tmp_path / "qr.pdf")

    # numbers only on the master
    ResultsService(admin).set_machine_role("terminal")
    with pytest.raises(PermissionDenied, match="考务主机"):
        CertificateService(admin).allocate(DEMO_PLAN)
    ResultsService(admin).set_machine_role("master")
    issue = flow["clock"].when.date()
    out = CertificateService(admin).allocate(DEMO_PLAN, issue)
    assert len(out) == 37  # 2 failed theory, 1 absent
    numbers = [n for _, n in out]
    yy = issue.year % 100
    assert numbers == [f"S000041010123{yy:02d}4{i:06d}" for i in range(1, 38)]
    assert all(certno.is_valid(n) for n in numbers)
    assert CertificateService(admin).allocate(DEMO_PLAN, issue) == []  # nobody twice

    # cancellation keeps the number; the next allocation never reuses it
    CertificateService(admin).cancel(numbers[4], "证书信息打印错误，作废重发", "Demo-admin-2026")
    again = CertificateService(admin).allocate(DEMO_PLAN, issue)
    assert again == [(out[4][0], f"S000041010123{yy:02d}4{38:06d}")]
    views = {v.certificate_no: v for v in CertificateService(admin).certificates(DEMO_PLAN)}
    assert views[numbers[4]].status == "cancelled" and "打印错误" in views[numbers[4]].cancel_reason

    # certificate PDFs: Chinese text, '--' for no work type, no prohibited wording, QR verifies
    progress = []
    n = CertificateService(admin).render(DEMO_PLAN, tmp_path / "certs.pdf", lambda i, t: progress.append((i, t)),
                                         numbers=numbers[:3])
    assert n == 3 and progress[-1] == (3, 3)
    text = pdftext(tmp_path / "certs.pdf")
    assert text.count("职业技能等级证书") == 3 and "四级/中级工" in text and "--" in text
    assert numbers[0] in text and "http://jndj.osta.org.cn" in text
    from app.core.certificate import PROHIBITED
    assert [w for w in PROHIBITED if w in text] == []
    from app.formats.qr import decode_file
    codes = decode_file(tmp_path / "certs.pdf")
    assert len(codes) == 3
    checked = [CertificateService(admin).verify(c) for c in codes]
    assert [c["certificate_no"] for c in checked] == numbers[:3] and checked[0]["status"] == "issued"

    # official tables read back
    tables = TablesService(admin)
    x, p = tables.certificate_data(tmp_path / "证书数据表", DEMO_PLAN)
    header, rows = read_table_xlsx(x, "姓名")
    assert header == CERT_DATA_COLUMNS and len(rows) == 37
    by_no = {r[7]: r for r in rows}
    assert numbers[4] not in by_no  # cancelled numbers are not reported
    certs = {v.certificate_no: v for v in CertificateService(admin).certificates(DEMO_PLAN, include_cancelled=False)}
    for no, v in certs.items():
        r = by_no[no]
        assert (r[0], r[1], r[2], r[3], r[4], r[5] or "", r[6], r[8]) == \
            (v.name, "201", v.id_no, v.unit, "电工", "", 4, issue.isoformat())
    assert "证书数据表" in pdftext(p)
    x, p = tables.compliance(tmp_path / "合规审核表", DEMO_PLAN, reporter="李静", phone="0371-12345678")
    header, rows = read_table_xlsx(x, "序号")
    assert rows == [(1, "电工", "--", "四级/中级工", 37)]
    x, p = tables.issue_register(tmp_path / "核发登记表", DEMO_PLAN)
    header, rows = read_table_xlsx(x, "序号")
    assert header == REGISTER_COLUMNS and len(rows) == 37
    results = {r.name: r for r in ResultsService(admin).results(DEMO_PLAN)}
    for row in rows:
        assert row[10] in certs and row[8] == results[row[1]].score_text("theory")
    assert "核发登记表" in pdftext(p) and "复核人" in pdftext(p)
    report = flow["demo"].store.journal.verify()
    assert report.ok, report.fault
    with flow["demo"].store.read() as s:
        from sqlalchemy import select
        from app.store.models import JournalEntry
        actions = {a for (a,) in s.execute(select(JournalEntry.action))}
    assert {"publication.start", "publication.close", "certificate.allocate", "certificate.cancel",
            "certificate.print", "tables.certificate_data"} <= actions


def test_two_threads_allocating_at_once_never_duplicate(demo):
    store = demo.store
    got: list[int] = []
    lock = threading.Lock()
    errors = []

    def worker():
        try:
            for _ in range(15):
                with store.write() as s:
                    serials = allocate_serials(s, "S00004101012", 26, 4, 3)
                with lock:
                    got.extend(serials)
        except Exception as exc:  # noqa: BLE001
            errors.append(exc)

    threads = [threading.Thread(target=worker) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    assert sorted(got) == list(range(1, 91))  # no duplicate, no gap


def test_roles_are_enforced_in_the_services(flow):
    grader = flow["login"]("kaoping1")
    for call in (lambda: CertificateService(grader).allocate(DEMO_PLAN),
                 lambda: ResultsService(grader).results(DEMO_PLAN),
                 lambda: PublicationService(grader).start(DEMO_PLAN),
                 lambda: TablesService(grader).certificate_data("x", DEMO_PLAN)):
        with pytest.raises(PermissionDenied):
            call()
    chief = flow["login"]("zuzhang", "chief_grader")   # the chief's road is the signed summary, not a typed score
    with pytest.raises(PermissionDenied):
        ResultsService(chief).correct_score(flow["cands"][9].ticket_no, "practical", 81, "组长直接改分")
