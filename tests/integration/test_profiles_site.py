"""The province profile is chosen at init, stored with the site, journaled, shown and bundled."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import select

from app.core.errors import DomainError
from app.services.site import SiteService, create_site
from app.store import models
from app.store.keys import TEST_KDF
from tests.conftest import ADMIN_PASSWORD, INSTITUTION, PASSPHRASE


def test_profile_chosen_at_init_is_stored_and_journaled(tmp_path):
    """Where the seeds of different provinces differ, the site's province profile decides
    (issue 18); e.g. Nanxun "成绩须公示5个工作日" [003 L49]."""
    handle = create_site(tmp_path / "s", PASSPHRASE, INSTITUTION, "admin", "管理员", ADMIN_PASSWORD,
                         kdf=TEST_KDF, profile="nanxun")
    try:
        ctx = handle.login("admin", ADMIN_PASSWORD)
        p = SiteService(ctx).profile()
        assert p.key == "nanxun" and p.publication_min_workdays == 5
        with handle.store.read() as s:
            actions = [e.action for e in s.scalars(select(models.JournalEntry))]
        assert "site.profile" in actions
    finally:
        handle.close()
    with pytest.raises(DomainError):
        create_site(tmp_path / "t", PASSPHRASE, INSTITUTION, "admin", "管理员", ADMIN_PASSWORD, kdf=TEST_KDF,
                    profile="atlantis")


def test_profile_is_carried_into_the_bundle(tmp_path, admin):
    from app.services.bundle import provide_batch
    from app.services.demo import DEMO_PLAN, demo_roster
    from app.services.roster import RosterService
    import datetime as _dt

    path = demo_roster(tmp_path, 4, 1, _dt.date(2026, 6, 1))
    RosterService(admin).import_roster(path, tmp_path / "photos")
    rel = provide_batch(admin, DEMO_PLAN, tmp_path / "out")[0]
    value = json.loads((tmp_path / "out" / rel).read_text(encoding="utf-8"))
    assert value["profile"]["key"] == "national"
    assert value["profile"]["publication_min_workdays"] == 7


@pytest.mark.parametrize("key", ["national", "hunan", "henan", "nanxun"])
def test_demo_site_for_each_profile(tmp_path, key):
    """`examsite demo --profile KEY` makes a demo site that follows that profile (its own institution,
    the filed scope, and on Nanxun the second 内督 per 工种 [003 L41])."""
    import datetime as _dt

    from app.services.demo import build_demo_site
    from app.services.site import open_site
    from app.services.staff import StaffService

    info = build_demo_site(tmp_path / key, candidates=4, seed=2, kdf=TEST_KDF, profile=key,
                           exam_day=_dt.date(2026, 6, 1))
    handle = open_site(info.site_dir, info.passphrase)
    try:
        admin = handle.login("admin", "Demo-admin-2026")
        assert SiteService(admin).profile().key == key
        assert SiteService(admin).filed_scope()[0].occupation_name == "电工"
        supervisors = [u for u, r in StaffService(admin).assignments(info.plan_no) if r == "internal_supervisor"]
        assert len(supervisors) == (2 if key == "nanxun" else 1)
    finally:
        handle.close()
