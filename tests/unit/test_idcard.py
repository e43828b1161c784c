import random

import pytest

from app.core import idcard


def test_known_valid_number_and_check_digit():
    # The GB 11643 worked example: 11010519491231002X.
    assert idcard.check_digit("11010519491231002") == "X"
    assert idcard.is_valid_id_number("11010519491231002X")
    assert idcard.is_valid_id_number("11010519491231002x")  # lower-case x accepted


@pytest.mark.parametrize("value, reason", [
    ("110105194912310021", "校验码"),
    ("11010519491231002", "18位"),
    ("99010519491231002X", "省级"),
    ("110105194902300023", "出生日期"),
    ("1101051949123100AX", "18位"),
])
def test_invalid_numbers_name_the_fault(value, reason):
    assert reason in idcard.id_number_problem(value)


def test_synthetic_numbers_are_valid_and_carry_sex():
    rng = random.Random(1)
    for sex in ("男", "女"):
        for _ in range(200):
            n = idcard.synthetic_id_number(rng, sex=sex)
            assert idcard.is_valid_id_number(n)
            assert idcard.sex_from_id(n) == sex


def test_masking_for_publication():
    assert idcard.mask_id_no("11010519491231002X") == "110105********002X"
    assert idcard.mask_name("张三") == "张*"
    assert idcard.mask_name("欧阳明明") == "欧**明"
    assert idcard.mask_name("李") == "李"
