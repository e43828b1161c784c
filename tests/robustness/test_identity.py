"""Identity fields normalised and checked the same way at every entry (issue 20 item 1).

Rule: certificate and institution codes are "阿拉伯数字" — "职业技能等级证书编码由 1 位大写英文字母和
21 位阿拉伯数字组成 … 2. 评价机构代码" [rules-digest.md L50, 002 L2506]; the 证件类型 code
table decides whether an ID number is a 居民身份证 number [rules-digest.md L557, 000 L577–581].
"""

import datetime as dt
import random

import pytest

from app.core import identity
from app.core.checkin import classify, parse_bans
from app.core.errors import DomainError, ImportRejected
from app.core.idcard import synthetic_id_number
from app.core.roster import parse_roster
from app.formats.idreader import KeyboardWedgeReader

FW = str.maketrans("0123456789X", "０１２３４５６７８９Ｘ")  # fullwidth
ARABIC_INDIC = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")
ID = synthetic_id_number(random.Random(7), sex="男")
ID2 = synthetic_id_number(random.Random(8), sex="女")
MIXED = ID[:6] + ID[6:12].translate(FW) + ID[12:]  # half ASCII, half fullwidth

PLAN = [["认定计划号", "职业编码", "职业名称", "等级", "考试开始日期"],
        ["2026-DG-0001", "6-31-01-03", "电工", "四级", "2026-12-05"]]
HEAD = ["准考证号", "姓名", "证件号码", "所在单位"]


def _roster(*rows):
    return {"认定计划": PLAN, "考生名册": [HEAD, *rows]}


def _errors(sheets, **kw):
    with pytest.raises(ImportRejected) as info:
        parse_roster(sheets, **kw)
    return info.value.errors


def test_mixed_width_id_is_stored_in_ascii_and_found_as_duplicate_in_the_file():
    data = parse_roster(_roster(["DG0001", "张三", MIXED, "甲厂"]))
    (_, cand), = data.candidates["2026-DG-0001"]
    assert cand.id_no == ID and cand.id_no.isascii()
    errs = _errors(_roster(["DG0001", "张三", ID, "甲厂"], ["DG0002", "张三", MIXED, "甲厂"]))
    assert [(e.row, e.column) for e in errs] == [(3, "证件号码")] and "重复" in errs[0].message


def test_mixed_width_id_found_as_duplicate_of_one_already_in_the_store():
    errs = _errors(_roster(["DG0009", "张三", MIXED.lower(), ""]),
                   existing_ids={"2026-DG-0001": {ID}})
    assert errs[0].column == "证件号码" and "已在此认定计划" in errs[0].message


def test_fullwidth_ticket_number_is_the_ascii_ticket():
    errs = _errors(_roster(["DG0001", "张三", ID, ""], ["ＤＧ０００１", "李四", ID2, ""]))
    assert [(e.row, e.column) for e in errs] == [(3, "准考证号")]


def test_digits_of_another_script_are_refused_with_the_value_named():
    bad = ID[:10] + ID[10:14].translate(ARABIC_INDIC) + ID[14:]
    errs = _errors(_roster(["DG0001", "张三", bad, ""]))
    assert errs[0].column == "证件号码" and bad in errs[0].message and "0—9" in errs[0].message


@pytest.mark.parametrize("name", ["张\u202e三", "张\u200b三", "张\x07三", "张\n三", "\u2066李四\u2069"])
def test_names_with_control_or_bidi_characters_are_refused(name):
    errs = _errors(_roster(["DG0001", name, ID, ""]))
    assert errs[0].column == "姓名" and "U+" in errs[0].message


def test_unit_names_with_bidi_override_and_over_long_values_are_refused():
    errs = _errors(_roster(["DG0001", "张三", ID, "某\u202e厂"], ["DG0002", "李四", ID2, "单" * 101],
                           ["DG0003", "王" * 41, synthetic_id_number(random.Random(9)), ""]))
    assert [(e.row, e.column) for e in errs] == [(2, "所在单位"), (3, "所在单位"), (4, "姓名")]
    assert "过长" in errs[1].message and "最多 100" in errs[1].message


def test_non_resident_id_numbers_are_bounded_and_cleaned():
    rows = {"认定计划": PLAN, "考生名册": [["准考证号", "姓名", "性别", "证件类型", "证件号码"],
                                           ["DG0001", "Anna", "女", "外国护照", "ｅ１２３４５６７８"],
                                           ["DG0002", "Bob", "男", "208", "E1\u202e2345"],
                                           ["DG0003", "Carl", "男", "208", "E" * 31]]}
    errs = _errors(rows)
    assert [(e.row, e.column) for e in errs] == [(3, "证件号码"), (4, "证件号码")]
    ok = parse_roster({"认定计划": PLAN, "考生名册": rows["考生名册"][:2]})
    assert ok.candidates["2026-DG-0001"][0][1].id_no == "E12345678"


def test_ban_list_import_normalises_so_the_desk_finds_the_ban():
    rows = [["证件号码", "姓名", "原因", "开始日期", "结束日期"],
            [MIXED, "张三", "替考", "2026-01-01", "2027-12-31"]]
    bans, errors = parse_bans(rows)
    assert errors == [] and bans[0].id_no == ID
    # what the desk types (or scans) becomes the same string
    assert classify(ID.translate(FW)).text == ID and classify(ID.translate(FW)).maybe_id
    bans, errors = parse_bans([rows[0], [ID, "张\u202e三", "替考", "2026-01-01", "2027-12-31"]])
    assert [e.column for e in errors] == ["姓名"]


def test_banned_with_ascii_id_is_found_when_typed_mixed(admin):
    from app.services.bans import BanService

    svc = BanService(admin)
    svc.add(MIXED, "201", "张三", dt.date(2026, 1, 1), dt.date(2027, 12, 31), "替考")
    assert svc.is_banned(ID, dt.date(2026, 12, 5)) is not None
    assert svc.is_banned(ID.translate(FW), dt.date(2026, 12, 5)) is not None
    assert svc.list()[0].id_no == ID
    with pytest.raises(DomainError) as info:
        svc.add(ID2, "201", "李\u202e四", dt.date(2026, 1, 1), dt.date(2027, 12, 31), "替考")
    assert "U+202E" in str(info.value)


def test_id_card_reader_normalises_and_refuses_bidi_names():
    card = KeyboardWedgeReader.parse(f"张三|{ID.translate(FW)}")
    assert card.id_no == ID and card.name == "张三"
    assert KeyboardWedgeReader.parse(f"张\u202e三|{ID}") is None


def test_staff_account_fields_are_checked(admin):
    from app.services.staff import StaffService

    svc = StaffService(admin)
    with pytest.raises(DomainError) as info:
        svc.add("kaowu", "李\u202e静", "Right-pass-1", ["staff"])
    assert "U+202E" in str(info.value)
    with pytest.raises(DomainError):
        svc.add("kaowu", "李静", "Right-pass-1", ["staff"], unit="单" * 101)
    svc.add("kaowu", "李静", "Right-pass-1", ["staff"], id_no=ID.translate(FW))
    assert [s.username for s in svc.list()] == ["admin", "kaowu"]


@pytest.mark.parametrize("typed,result", [("0000", "0000"), ("０００１", "0001"), ("００01", "0001")])
def test_fullwidth_institution_code_is_normalised(typed, result):
    assert identity.clean("institution_code", typed) == result


@pytest.mark.parametrize("typed", ["٠٠٠١", "000", "00001", "00a1", "0\u200b001", "²²²²"])
def test_institution_code_of_other_digits_or_shape_is_refused(typed):
    from app.core.certno import CertificatePrefix, prefix_problems

    if typed != "²²²²":  # NFKC makes ² a 2: that one is normalised, not refused
        with pytest.raises(identity.IdentityRejected):
            identity.clean("institution_code", typed)
    # the certificate rule itself refuses anything but ASCII digits, however it arrives
    assert prefix_problems(CertificatePrefix("Y", typed, "41", "010001"))


def test_grader_qualification_fields_are_checked(admin):
    """考评员证号 and 考评职业 enter through app.core.identity like every identity field."""
    from app.services.staff import StaffService

    svc = StaffService(admin)
    svc.add("kaoping", "吴晓东", "Right-pass-1", ["grader"], grader_card_no="ｋｐ－０１", grader_level="高级工",
            grader_occupation="电工")
    view = next(s for s in svc.list() if s.username == "kaoping")
    assert (view.grader_card_no, view.grader_level, view.grader_occupation) == ("KP-01", 3, "电工")
    with pytest.raises(DomainError) as info:
        svc.set_grader_qualification("kaoping", "KP01", 3, "电\u202e工")
    assert "U+202E" in str(info.value)
    with pytest.raises(DomainError):
        svc.set_grader_qualification("kaoping", "KP 01", 3, "电工")
