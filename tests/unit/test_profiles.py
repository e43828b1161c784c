"""Province profiles (issue 18 item 1): the seeds' differences as data, with their line refs."""

from __future__ import annotations

import pytest

from app.core import profiles


def test_publication_minimum_workdays_by_profile():
    """"成绩须公示5个工作日" [003 L49] (Nanxun); "公示期不少于7个工作日" [000 L97, L690] (Hunan);
    the national default is the stricter of the two."""
    assert profiles.NANXUN.publication_min_workdays == 5
    assert profiles.HUNAN.publication_min_workdays == 7
    assert profiles.NATIONAL.publication_min_workdays == 7
    assert profiles.HENAN.publication_min_workdays == 7   # Henan seeds set none: national default
    assert profiles.publication_period_problem(profiles.HUNAN, 6)
    assert profiles.publication_period_problem(profiles.NANXUN, 5) is None


def test_hrss_assigns_numbers_only_in_nanxun():
    """Nanxun: "公示结束后，人力社保部门完成证书赋码" [003 L49]; nationally positions 14–22
    "由评价机构赋码" [002 L2506]."""
    assert profiles.NANXUN.hrss_assigns_numbers
    assert not any(p.hrss_assigns_numbers for p in (profiles.HUNAN, profiles.HENAN, profiles.NATIONAL))


def test_strictest_retention_floor_wins():
    """Video "保留一年以上" [002 L3820]; Hunan "电子材料不少于5年" [000 L97]: a video file is
    electronic material, so on a Hunan site it is kept 5 years; on a Henan site 1 year."""
    assert profiles.retention_floor(profiles.HUNAN, (profiles.VIDEO, profiles.ELECTRONIC))[0] == 5
    assert profiles.retention_floor(profiles.HENAN, (profiles.VIDEO, profiles.ELECTRONIC))[0] == 1
    assert profiles.retention_floor(profiles.HENAN, (profiles.ANSWERS, profiles.ELECTRONIC)) == (3, "002 L3856")


def test_nanxun_two_internal_supervisors_per_work_type():
    """"每项认定的工种最少需配有考评人员3名、内部质量督导员2名" [003 L41]."""
    assert profiles.NANXUN.min_internal_supervisors_per_work_type == 2
    assert profiles.HENAN.min_internal_supervisors_per_work_type == 0


def test_unknown_profile_refused_and_missing_is_national():
    with pytest.raises(profiles.ProfileError):
        profiles.get("atlantis")
    assert profiles.get(None) is profiles.NATIONAL
