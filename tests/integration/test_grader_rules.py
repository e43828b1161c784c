"""考评员 qualification and rotation (轮换) (issue 18 item 7), on the real demo sites."""

from __future__ import annotations

import datetime as dt
import random

import pytest

from app.core.errors import Conflict, DomainError
from app.core.idcard import synthetic_id_number
from app.formats.roster_template import write_roster
from app.services.demo import DEMO_PLAN, build_demo_site, demo_grader_qualification
from app.services.roster import RosterService
from app.services.scoring import ScoringSetupService
from app.services.site import open_site
from app.services.staff import StaffService
from app.store.keys import TEST_KDF

SECOND_PLAN = "2026-41-DG-0002"
GROUP = ["kaoping1", "kaoping2", "zuzhang"]


def _second_batch(admin, tmp_path, day: dt.date, occupation=("6-31-01-03", "电工")) -> None:
    """Another batch of the same occupation, a week after the demo batch."""
    rng = random.Random(5)
    rows = [[SECOND_PLAN, f"DG2607{i:04d}", "张三李四王五"[i - 1:i] + "明", "男", "201", synthetic_id_number(rng, "410102", "男"),
             "示例单位", "第1考场", f"{i:02d}"] for i in range(1, 4)]
    plan = [[SECOND_PLAN, occupation[0], occupation[1], "", "四级", day.isoformat(), day.isoformat(), "第1考场",
             60, 60, ""]]
    write_roster(tmp_path / "second.xlsx", plan, rows)
    RosterService(admin).import_roster(tmp_path / "second.xlsx")


def _add_graders(admin, names: list[str]) -> None:
    for u in names:
        StaffService(admin).add(u, "轮换" + u[-1], "Demo-kaoping-2026", ["grader"], unit="示例",
                                **demo_grader_qualification(u))


def test_unqualified_grader_refused(demo_login):
    """"考评人员必须具有三级职业资格 / 高级工或中级专业技术职务以上资格" [002 L3834]; the Henan form
    records "考评员证书情况: 考评职业 / 证书编号" [002 L3112–3113].  A grader account without a 考评员证号,
    level and 考评职业, or qualified for another occupation, is refused with one line naming the grader."""
    admin = demo_login("admin")
    StaffService(admin).add("kaoping8", "无证考评员", "Demo-kaoping-2026", ["grader"], unit="示例")
    setup = ScoringSetupService(admin)
    with pytest.raises(DomainError, match="考评员「无证考评员」未登记考评员证号、考评员等级、考评职业"):
        setup.set_group(DEMO_PLAN, ["kaoping1", "kaoping8", "zuzhang"], "zuzhang")
    StaffService(admin).set_grader_qualification("kaoping8", "KP-2026-08", "三级", "焊工")
    with pytest.raises(DomainError, match="考评员「无证考评员」的考评职业为「焊工」，不能考评「电工」"):
        setup.set_group(DEMO_PLAN, ["kaoping1", "kaoping8", "zuzhang"], "zuzhang")
    assert setup.group(DEMO_PLAN).members == ()          # nothing was formed
    StaffService(admin).set_grader_qualification("kaoping8", "KP-2026-08", "三级", "电工")
    setup.set_group(DEMO_PLAN, ["kaoping1", "kaoping8", "zuzhang"], "zuzhang")
    row = next(r for r in setup.rotation(DEMO_PLAN) if r.username == "kaoping8")
    assert row.qualification == "电工 三级/高级工 KP-2026-08" and row.qualification_problem == ""


def test_grader_level_below_batch_refused(demo_login):
    """Henan [002 L3834] "考评人员必须具有三级职业资格…考评二级职业资格 / 技师的考评人员必须具有一级职业资格";
    Hunan [000 L93, L686] "认定高级及以下等级的考评员须具备相关职业高级（三级）及以上职业资格".  A 四级
    grader may not grade a 四级 batch (三级 and above may)."""
    admin = demo_login("admin")
    StaffService(admin).set_grader_qualification("kaoping2", "KP-2026-02", "四级", "电工")
    setup = ScoringSetupService(admin)
    with pytest.raises(DomainError, match="考评员「郑海燕」为四级/中级工，考评四级/中级工须具有三级/高级工及以上资格"):
        setup.set_group(DEMO_PLAN, GROUP, "zuzhang")
    problem = next(r for r in setup.rotation(DEMO_PLAN) if r.username == "kaoping2").qualification_problem
    assert "须具有三级/高级工及以上资格" in problem
    with pytest.raises(DomainError, match="考评员等级「七级」无法识别"):
        StaffService(admin).set_grader_qualification("kaoping2", "KP-2026-02", "七级", "电工")
    StaffService(admin).set_grader_qualification("kaoping2", "KP-2026-02", "高级工", "电工")
    setup.set_group(DEMO_PLAN, GROUP, "zuzhang")


def test_rotation_enforced_where_profile_requires(tmp_path, demo_login):
    """Nanxun "派遣遵循回避制、轮换制、考评组长负责制" [003 L326]; the seeds give no rotation interval
    (rules-digest §4.3), so on a Nanxun site a grader of the immediately previous batch of the same
    occupation may not sit in the next one's 考评组.  The Henan profile records no rotation rule: the
    same group is allowed there, and the earlier batches are shown either way."""
    info = build_demo_site(tmp_path / "nx", candidates=4, seed=3, kdf=TEST_KDF, profile="nanxun",
                           exam_day=dt.date(2026, 6, 1))
    handle = open_site(info.site_dir, info.passphrase)
    try:
        admin = handle.login("admin", "Demo-admin-2026")
        setup = ScoringSetupService(admin)
        setup.set_group(DEMO_PLAN, GROUP, "zuzhang")
        _second_batch(admin, tmp_path, dt.date(2026, 6, 8))
        with pytest.raises(Conflict, match=f"考评员「吴晓东」已在同职业上一批次（{DEMO_PLAN}）考评.*轮换制"):
            setup.set_group(SECOND_PLAN, GROUP, "zuzhang")
        rows = {r.username: r for r in setup.rotation(SECOND_PLAN)}
        assert rows["kaoping1"].previous == (DEMO_PLAN,) and rows["kaoping1"].in_previous_batch
        assert rows["kaoping3"].previous == () and rows["kaoping1"].rotation_required
        _add_graders(admin, ["kaoping4", "kaoping5"])
        StaffService(admin).set_roles("kaoping5", ["grader", "chief_grader"])
        setup.set_group(SECOND_PLAN, ["kaoping3", "kaoping4", "kaoping5"], "kaoping5")
        assert setup.group(SECOND_PLAN).chief == "kaoping5"
    finally:
        handle.close()
    # the Henan demo site: no rotation rule in its seeds, the same group may grade again
    admin = demo_login("admin")
    setup = ScoringSetupService(admin)
    setup.set_group(DEMO_PLAN, GROUP, "zuzhang")
    _second_batch(admin, tmp_path, dt.date(2099, 1, 8))
    setup.set_group(SECOND_PLAN, GROUP, "zuzhang")
    row = next(r for r in setup.rotation(SECOND_PLAN) if r.username == "kaoping1")
    assert row.previous == (DEMO_PLAN,) and not row.rotation_required
