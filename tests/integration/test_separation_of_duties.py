"""Separation of duties at every 内督 signature, not only at assignment (issue 18 item 3)."""

from __future__ import annotations

import datetime as dt

import pytest

from app.core import supervision as sv
from app.core.errors import Conflict
from app.services.demo import DEMO_PLAN, build_demo_site
from app.services.official_tables import TablesService
from app.services.results import ResultsService
from app.services.site import open_site
from app.services.staff import StaffService
from app.store.keys import TEST_KDF
from tests.integration.test_results_flow import flow  # noqa: F401

SCORES = {line.key: line.max_points for line in sv.FORM}


def test_batch_proctor_cannot_sign_its_internal_review(flow):
    """督导规程 第十六条 [002 L1172]: "质量督导员…不能兼任同场次考评工作"; a person who proctors the
    batch is part of what the 内督 reviews, so the signature itself checks the batch's assignments."""
    admin = flow["login"]("admin")
    staff = StaffService(admin)
    staff.add("neiduj", "兼职内督", "Demo-neiduj-2026", ["internal_supervisor", "proctor"],
              card_no="S010123260009")
    staff.assign(DEMO_PLAN, "neiduj", "proctor")
    staff.assign(DEMO_PLAN, "neiduj", "internal_supervisor")
    who = flow["demo"].login("neiduj", "Demo-neiduj-2026", "internal_supervisor")
    with pytest.raises(Conflict, match="监考人员"):
        ResultsService(who).sign_review(DEMO_PLAN, "Demo-neiduj-2026")
    with pytest.raises(Conflict, match="监考人员"):
        TablesService(who).save_supervision(DEMO_PLAN, SCORES, [], "", "Demo-neiduj-2026")


def test_batch_grader_cannot_sign_internal_review(flow):
    """A 内督 account that grades this batch (and is not its assigned 内督) cannot sign the 成绩审核
    (督导规程 第十六条 [002 L1172]; Nanxun "经内督人员审核后上传系统" [003 L49])."""
    admin = flow["login"]("admin")
    staff = StaffService(admin)
    staff.add("kpnd", "考评兼内督", "Demo-kpnd-2026", ["internal_supervisor", "grader"], card_no="S010123260008")
    staff.assign(DEMO_PLAN, "kpnd", "grader")
    who = flow["demo"].login("kpnd", "Demo-kpnd-2026", "internal_supervisor")
    with pytest.raises(Conflict, match="未被委派"):
        ResultsService(who).sign_review(DEMO_PLAN, "Demo-kpnd-2026")
    # the batch's real 内督 still signs
    assert ResultsService(flow["login"]("neidu")).sign_review(DEMO_PLAN, "Demo-neidu-2026") == "checked"


def test_nanxun_needs_two_internal_supervisors_per_work_type(tmp_path):
    """"每项认定的工种最少需配有考评人员3名、内部质量督导员2名" [003 L41]; "内督人员数量符合要求
    （至少2人）" [003 L631] — on a Nanxun site the 内督 report is refused with one 内督 on the batch."""
    info = build_demo_site(tmp_path / "nx", candidates=4, seed=3, kdf=TEST_KDF, profile="nanxun",
                           exam_day=dt.date(2026, 6, 1))
    handle = open_site(info.site_dir, info.passphrase)
    try:
        neidu = handle.login("neidu", "Demo-neidu-2026")
        assert TablesService(neidu).save_supervision(DEMO_PLAN, SCORES, [], "", "Demo-neidu-2026") == 100
        admin = handle.login("admin", "Demo-admin-2026")
        from app.store import models
        from sqlalchemy import delete, select
        with admin.unit_of_work() as uow:   # the second 内督 withdrawn from the batch
            sid = uow.session.scalar(select(models.Staff.id).where(models.Staff.username == "neidu2"))
            uow.session.execute(delete(models.BatchAssignment).where(models.BatchAssignment.staff_id == sid))
            uow.journal("test.unassign", "neidu2", {})
        with pytest.raises(Conflict, match="至少配备2名"):
            TablesService(neidu).save_supervision(DEMO_PLAN, SCORES, [], "", "Demo-neidu-2026")
    finally:
        handle.close()
