"""The rule gates in the workplaces (issue 18): the profile line in 站点管理, the 鉴定中心 review
recorded from the results workplace before numbering."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QLabel, QLineEdit

from app.core.errors import Conflict
from app.services.certificates import CertificateService
from app.services.demo import DEMO_PLAN
from app.ui.admin.site_admin import InstitutionTab
from app.ui.common.tasks import wait_for_tasks
from app.ui.results.workplace import ResultsWorkplace
from tests.integration.test_results_flow import flow  # noqa: F401


def test_site_admin_shows_the_profile_read_only(qtbot, demo_login):
    """The site's province profile is shown in 站点管理 (chosen at init, not editable)."""
    tab = InstitutionTab(demo_login("admin"))
    qtbot.addWidget(tab)
    texts = [lbl.text() for lbl in tab.findChildren(QLabel)]
    assert any("河南省：公示不少于7个工作日" in t for t in texts)
    assert not tab.findChildren(QLineEdit)


def test_center_review_recorded_from_the_results_workplace(qtbot, flow):
    """"考核鉴定成绩须经当地鉴定中心审核认定" [002 L3862]: the workplace records the review, then numbers."""
    from tests.integration.test_results_flow import _approve
    from app.services.publication import PublicationService
    from app.core import supervision as sv
    from app.services.official_tables import TablesService
    import datetime as dt
    from tests.integration.test_results_flow import _at

    admin = _approve(flow)
    pub = PublicationService(admin).start(DEMO_PLAN)
    flow["clock"].when = _at(pub.end_date + dt.timedelta(days=1))
    admin = flow["login"]("admin")
    PublicationService(admin).close(DEMO_PLAN)
    TablesService(flow["login"]("neidu")).save_supervision(DEMO_PLAN, {x.key: x.max_points for x in sv.FORM}, [],
                                                           "", "Demo-neidu-2026")
    with pytest.raises(Conflict, match="鉴定中心"):
        CertificateService(admin).allocate(DEMO_PLAN)
    w = ResultsWorkplace(admin)
    qtbot.addWidget(w)
    with qtbot.waitSignal(w.loaded, timeout=10000):
        pass
    with qtbot.waitSignal(w.loaded, timeout=10000):
        w.record_center_review("示例职业技能鉴定指导中心", "示鉴审〔2026〕9号")
    assert len(CertificateService(admin).allocate(DEMO_PLAN)) == 37
    wait_for_tasks()
