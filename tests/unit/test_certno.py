import pytest

from app.core import certno
from app.core.certno import CertificatePrefix


# National examples [002 L2586–2604] with the placeholder XXXXXX filled in.
@pytest.mark.parametrize("text, category, code, province", [
    ("Y000123123456195000001", "Y", "0001", "23"),
    ("S000123123456195000001", "S", "0001", "23"),
    ("Y000011123456195000001", "Y", "0000", "11"),
    ("S000011123456195000001", "S", "0000", "11"),
])
def test_national_examples(text, category, code, province):
    n = certno.parse(text)
    assert (n.prefix.category, n.prefix.institution_code, n.prefix.province) == (category, code, province)
    assert (n.year, n.level, n.serial) == (19, 5, 1)
    assert str(n) == text


# Henan examples [002 L4272–4296], printed with spaces between segments.
@pytest.mark.parametrize("text, city", [
    ("Y 0001 41 00 0123 19 5 000001", "00"),
    ("S 0001 41 00 0123 19 5 000001", "00"),
    ("Y 0000 41 00 0123 19 5 000001", "00"),
    ("S 0000 41 00 0123 19 5 000001", "00"),
    ("Y 0000 41 12 0123 19 5 000001", "12"),
])
def test_henan_examples(text, city):
    n = certno.parse(text)
    assert n.prefix.henan_city == city
    assert certno.spaced(n) == text


@pytest.mark.parametrize("text, fragment", [
    ("Y00012312345619500000", "22位"),
    ("X000123123456195000001", "22位"),
    ("Y000199123456195000001", "省级代码"),
    ("Y000123123456196000001", "等级"),
    ("Y000123123456195000000", "000001"),
    ("Y000141290123195000001", "00–28"),  # Henan city 29 does not exist
])
def test_invalid_numbers(text, fragment):
    with pytest.raises(ValueError) as err:
        certno.parse(text)
    assert fragment in str(err.value)


def test_compose_uses_issue_year_and_validates():
    prefix = CertificatePrefix("S", "0000", "41", "010123")
    n = certno.compose(prefix, 2027, 4, 12)
    assert str(n) == "S00004101012327" + "4000012"
    with pytest.raises(ValueError):
        certno.compose(prefix, 2027, 6, 1)
    with pytest.raises(ValueError):
        certno.compose(prefix, 2027, 4, 1_000_000)


def test_technical_school_position_ten():
    school = CertificatePrefix("Y", "0000", "41", "019001")
    assert certno.prefix_problems(school, technical_school=True) == []
    assert certno.prefix_problems(CertificatePrefix("Y", "0000", "41", "010001"), technical_school=True)


def test_henan_technical_school_numbers_compose_and_parse():
    """豫职鉴〔2021〕1号: 技工院校（技师学院）职业技能等级认定中心 "机构类别代码为 Y，编码第 10 位取值为 9"
    [002 L4537]; enterprises "编码第10位…取值范围为0—8" [002 L4501–4503].  A Henan Y number with
    position 10 = 9 is therefore a valid 技工院校 number: it composes (for a school) and parses."""
    school = CertificatePrefix("Y", "0000", "41", "019001")
    n = certno.compose(school, 2026, 4, 7, technical_school=True)
    assert str(n) == "Y00004101900126" + "4000007"
    back = certno.parse(str(n))
    assert back == n and certno.spaced(back) == "Y 0000 41 01 9001 26 4 000007"
    assert certno.parse("Y000141009123195000001").prefix.site_serial == "009123"
    # an enterprise prefix with position 10 = 9 is still refused where the institution is configured
    with pytest.raises(ValueError, match="0—8"):
        certno.compose(school, 2026, 4, 7)
