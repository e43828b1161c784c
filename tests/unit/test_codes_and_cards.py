import pytest

from app.core import codes
from app.core.roles import CAPABILITIES, Role, assignment_conflict
from app.core.supervisor_card import card_problem


@pytest.mark.parametrize("text", [4, "4", "四级", "中级工", "中级", "四级/中级工"])
def test_level_parsing(text):
    assert codes.parse_level(text) == 4


def test_level_label_matches_certificate_form():
    assert codes.level_label(1) == "一级/高级技师"


@pytest.mark.parametrize("text", ["六级", "0", "高级工程师"])
def test_bad_levels(text):
    with pytest.raises(ValueError):
        codes.parse_level(text)


def test_id_types_by_code_or_name():
    assert codes.parse_id_type("201") == "201"
    assert codes.parse_id_type("居民身份证") == "201"
    assert codes.parse_id_type("外国护照") == "208"
    assert len(codes.ID_TYPES) == 12
    with pytest.raises(ValueError):
        codes.parse_id_type("驾驶证")


def test_province_table_is_complete_and_correct():
    assert len(codes.PROVINCES) == 35  # the digest says 34 but lists 35 (incl. 66 兵团)
    assert codes.PROVINCES["14"] == "山西省"  # the Henan copy misprints this
    assert len(codes.HENAN_CITIES) == 29


@pytest.mark.parametrize("card, kind, ok", [
    ("R41210012", "external", True),
    ("R00260001", "external", True),
    ("R99210012", "external", False),
    ("R4121001", "external", False),
    ("R41210000", "external", False),
    ("Y012345220007", "internal", True),
    ("H000001220001", "internal", True),
    ("X012345220007", "internal", False),
    ("Y01234522007", "internal", False),
])
def test_supervisor_cards(card, kind, ok):
    assert (card_problem(card, kind) is None) == ok


def test_supervisor_never_grades_in_same_batch():
    assert assignment_conflict({Role.GRADER}, Role.INTERNAL_SUPERVISOR)
    assert assignment_conflict({Role.EXTERNAL_SUPERVISOR}, Role.CHIEF_GRADER)
    assert assignment_conflict({Role.PROCTOR}, Role.GRADER) is None


def test_every_capability_names_known_roles():
    for roles in CAPABILITIES.values():
        assert roles and all(isinstance(r, Role) for r in roles)
