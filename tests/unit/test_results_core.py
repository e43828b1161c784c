"""Pure rules of issue 8: working days, results, review chain, misconduct penalties, certificate
numbers against the documents' examples, the certificate wording, the supervision form."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from app.core import certificate as cert
from app.core import certno, misconduct, results, supervision, workdays
from app.core.certno import CertificatePrefix

D = dt.date


# -- working days -------------------------------------------------------------------------
def test_workdays_skip_weekends_and_holidays_and_count_makeup_days():
    cal = workdays.HolidayCalendar.from_lists(["2026-10-01", "2026-10-02", "2026-10-05", "2026-10-06",
                                               "2026-10-07", "2026-10-08"], ["2026-10-10"])
    # Wed 30 Sep + 1 working day: Oct 1–8 holidays/weekend except makeup Sat Oct 10? Oct 9 (Fri) is a working day
    assert workdays.add_workdays(D(2026, 9, 30), 1, cal) == D(2026, 10, 9)
    assert workdays.add_workdays(D(2026, 9, 30), 2, cal) == D(2026, 10, 10)  # 调休 Saturday
    assert workdays.add_workdays(D(2026, 9, 30), 3, cal) == D(2026, 10, 12)
    assert workdays.add_workdays(D(2026, 11, 20), 10) == D(2026, 12, 4)  # Friday + 10 working days
    assert workdays.workdays_between(D(2026, 11, 20), D(2026, 12, 4)) == 10


def test_publication_period_counts_its_first_day_and_starts_on_a_working_day():
    assert workdays.publication_end(D(2026, 11, 23), 5) == D(2026, 11, 27)  # Mon..Fri
    assert workdays.publication_end(D(2026, 11, 21), 5) == D(2026, 11, 27)  # Saturday start -> Monday
    with pytest.raises(ValueError):
        workdays.publication_end(D(2026, 11, 23), 0)


def test_batch_deadlines_results_10_and_report_5_working_days():
    ds = {d.key: d for d in workdays.batch_deadlines(D(2026, 11, 20))}
    assert ds["results"].due == D(2026, 12, 4)
    assert ds["supervision_report"].due == D(2026, 11, 27)
    assert ds["results"].status(D(2026, 12, 7)) == "overdue"
    assert ds["results"].status(D(2026, 12, 3)) == "soon"
    assert ds["results"].status(D(2026, 11, 23)) == "open"


# -- results --------------------------------------------------------------------------------
def test_overall_pass_needs_every_required_subject_and_review_for_levels_1_2():
    r = results.compute(4, {"theory": 60, "practical": 75})
    assert r.passed and r.label == "合格"
    assert not results.compute(4, {"theory": Decimal("59.9"), "practical": 90}).passed
    r2 = results.compute(2, {"theory": 80, "practical": 80})
    assert not r2.complete and not r2.passed and r2.label == "待录入"
    assert results.compute(2, {"theory": 80, "practical": 80, "review": 60}).passed


def test_pass_mark_per_subject_from_the_batch_and_void_and_absent():
    marks = {"theory": 70}
    assert not results.compute(4, {"theory": 65, "practical": 90}, marks).passed
    assert results.compute(4, {"theory": 70, "practical": 60}, marks).passed
    r = results.compute(4, {"theory": 90, "practical": 90}, void_subjects={"practical"})
    assert not r.passed and r.label == "成绩取消" and r.outcome("practical").label == "成绩取消"
    r = results.compute(4, {"theory": 90}, absent={"practical"})
    assert r.complete and not r.passed


@pytest.mark.parametrize("bad", ["", "abc", "-1", "100.5", "61.25", None, "nan"])
def test_scores_are_0_to_100_with_one_decimal(bad):
    with pytest.raises(ValueError):
        results.parse_score(bad)


def test_score_parse_and_format():
    assert results.parse_score("61.50") == Decimal("61.5")
    assert results.fmt_score(Decimal("80.0")) == "80" and results.fmt_score(Decimal("80.5")) == "80.5"


def test_double_entry_states():
    assert results.double_entry_state(Decimal(80), None) == "waiting"
    assert results.double_entry_state(Decimal(80), Decimal(81)) == "mismatch"
    assert results.double_entry_state(Decimal(80), Decimal("80.0")) == "agreed"


def test_review_chain_order_roles_and_distinct_signers():
    results.check_sign("entered", "checked", "neidu", "internal_supervisor", [], True, 0)
    with pytest.raises(results.ReviewError, match="内部质量督导员"):
        results.check_sign("entered", "checked", "admin", "admin", [], True, 0)
    with pytest.raises(results.ReviewError, match="下一步"):
        results.check_sign("entered", "first_review", "admin", "admin", [], True, 0)
    with pytest.raises(results.ReviewError, match="不同人员"):
        results.check_sign("first_review", "approved", "admin", "admin", ["neidu", "admin"], True, 0)
    with pytest.raises(results.ReviewError, match="不一致"):
        results.check_sign("entered", "checked", "neidu", "internal_supervisor", [], True, 2)
    with pytest.raises(results.ReviewError, match="未录入"):
        results.check_sign("entered", "checked", "neidu", "internal_supervisor", [], False, 0)
    with pytest.raises(results.ReviewError, match="重新打开"):
        results.next_stage("approved")


# -- misconduct: every article's penalty -------------------------------------------------------
SUBJ = ("theory", "practical")
ON = D(2026, 11, 20)


@pytest.mark.parametrize("it", [i for i in misconduct.ITEMS if i.article == 5], ids=lambda i: i.ref)
def test_article_5_voids_only_that_subject(it):
    p = misconduct.penalty(5, it.item, subject="practical", subjects=SUBJ, on=ON, warning_refused=True)
    assert p.tier == "A" and p.void_subjects == {"practical"} and p.ban_until is None
    assert p.text == "取消其当次该科目的评价成绩"


@pytest.mark.parametrize("number", [1, 2, 3])
def test_article_5_items_1_to_3_need_a_refused_warning(number):
    with pytest.raises(misconduct.MisconductError, match="提醒"):
        misconduct.penalty(5, number, subject="theory", subjects=SUBJ, on=ON)


def test_article_5_item_4_needs_no_warning():
    assert misconduct.penalty(5, 4, subject="theory", subjects=SUBJ, on=ON).void_subjects == {"theory"}


@pytest.mark.parametrize("it", [i for i in misconduct.ITEMS if i.article == 6], ids=lambda i: i.ref)
def test_article_6_voids_all_and_bars_for_the_rest_of_the_year(it):
    p = misconduct.penalty(6, it.item, subject="theory", subjects=SUBJ, on=ON)
    assert p.tier == "B" and p.void_subjects == set(SUBJ)
    assert (p.ban_from, p.ban_until) == (ON, D(2026, 12, 31))


@pytest.mark.parametrize("it", [i for i in misconduct.ITEMS if i.article == 7], ids=lambda i: i.ref)
def test_article_7_voids_all_and_bars_2_or_5_years(it):
    minor = misconduct.penalty(7, it.item, subject="theory", subjects=SUBJ, on=ON, severity="minor")
    serious = misconduct.penalty(7, it.item, subject="theory", subjects=SUBJ, on=ON, severity="serious")
    assert minor.void_subjects == serious.void_subjects == set(SUBJ)
    assert minor.ban_until == D(2028, 11, 19) and serious.ban_until == D(2031, 11, 19)
    assert serious.referral and not minor.referral
    with pytest.raises(misconduct.MisconductError, match="情节"):
        misconduct.penalty(7, it.item, subject="theory", subjects=SUBJ, on=ON)


def test_articles_as_data_are_complete():
    counts = {a: sum(1 for i in misconduct.ITEMS if i.article == a) for a in (5, 6, 7)}
    assert counts == {5: 4, 6: 5, 7: 7}
    with pytest.raises(misconduct.MisconductError):
        misconduct.item(6, 6)
    assert misconduct.signature_problem(["a", "a"], True)
    assert misconduct.signature_problem(["a", "b"], False)
    assert misconduct.signature_problem(["a", "b"], True) is None


# -- certificate numbers against the documents' examples (rules-digest §1.1, §1.2) -------------------
@pytest.mark.parametrize("category,inst,prov,serial,expected", [
    ("Y", "0001", "23", "123456", "Y000123123456195000001"),  # national 示例1 (XXXXXX = 123456)
    ("S", "0001", "23", "123456", "S000123123456195000001"),  # 示例2
    ("Y", "0000", "11", "123456", "Y000011123456195000001"),  # 示例3
    ("S", "0000", "11", "123456", "S000011123456195000001"),  # 示例4
    ("Y", "0001", "41", "000123", "Y000141000123195000001"),  # Henan 示例1: 省直 00
    ("S", "0001", "41", "000123", "S000141000123195000001"),  # Henan 示例2
    ("Y", "0000", "41", "000123", "Y000041000123195000001"),  # Henan 示例3
    ("S", "0000", "41", "000123", "S000041000123195000001"),  # Henan 示例4
    ("Y", "0000", "41", "120123", "Y000041120123195000001"),  # Henan 示例5: 三门峡 12
])
def test_certificate_numbers_match_the_document_examples(category, inst, prov, serial, expected):
    number = certno.compose(CertificatePrefix(category, inst, prov, serial), 2019, 5, 1)
    assert str(number) == expected
    assert certno.parse(expected) == number


def test_henan_spacing_matches_the_printed_example():
    assert certno.spaced("Y000041120123195000001") == "Y 0000 41 12 0123 19 5 000001"


# -- certificate content -------------------------------------------------------------------------
def _data(**kw):
    base = dict(certificate_no="S00004101012326400001", name="张三", id_type="201", id_no="410102199001011234",
                occupation_name="电工", work_type=None, level=4, issue_date=D(2026, 11, 30),
                institution_name="河南示例职业技能等级认定中心")
    base.update(kw)
    return cert.CertificateData(**base)


def test_certificate_fields_dashes_and_level_text():
    d = _data()
    fields = {label: v for label, _, v in d.fields()}
    assert fields["工种/职业方向"] == "--" and fields["职业技能等级"] == "四级/中级工"
    assert cert.missing_fields(d) == [] and cert.missing_fields(_data(name=" ")) == ["姓名"]
    assert cert.prohibited_words(d.checked_text()) == []
    assert cert.prohibited_words(_data(institution_name="中国某某国家职业技能鉴定中心").checked_text())


def test_qr_payload_signature_verifies_and_detects_tampering():
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
    from cryptography.hazmat.primitives import serialization

    key = Ed25519PrivateKey.generate()
    pub = key.public_key().public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    payload = _data().qr_payload()
    text = cert.qr_text(payload, "k1", key.sign(cert.SIGN_CONTEXT + payload.encode()))
    content = cert.verify_qr(text, {"k1": pub})
    assert content.fields["certificate_no"] == "S00004101012326400001"
    assert content.fields["id_no_masked"] == "410102********1234"
    with pytest.raises(ValueError, match="签名无效"):
        cert.verify_qr(text.replace("张三", "李四"), {"k1": pub})
    with pytest.raises(ValueError, match="公钥"):
        cert.verify_qr(text, {"k2": pub})


# -- supervision form ------------------------------------------------------------------------
def test_supervision_form_is_100_points_and_vetoes_zero_it():
    full = {line.key: line.max_points for line in supervision.FORM}
    assert supervision.total(full, set()) == 100
    assert supervision.total(full, {"leak"}) == 0
    assert supervision.score_problems(full) == []
    bad = dict(full, org_graders=9)
    assert "不符合评估标准" in supervision.score_problems(bad)[0]
    assert supervision.score_problems({k: v for k, v in full.items() if k != "complaints"})
