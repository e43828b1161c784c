"""Shared fixtures: a fresh real SQLCipher site per test (cheap Argon2id parameters),
a demo site built once per session and copied, and Qt offscreen."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from app.core.site import Institution
from app.store.keys import TEST_KDF

PASSPHRASE = "test-passphrase-1"
ADMIN_PASSWORD = "Admin-pass-1"
INSTITUTION = Institution(name="测试职业技能等级认定中心", category="S", institution_code="0000",
                          province="41", site_serial="010123")


@pytest.fixture
def site_dir(tmp_path) -> Path:
    return tmp_path / "site"


@pytest.fixture
def site(site_dir):
    """An empty site with one administrator ``admin``."""
    from app.services.site import create_site

    handle = create_site(site_dir, PASSPHRASE, INSTITUTION, "admin", "管理员", ADMIN_PASSWORD, kdf=TEST_KDF)
    yield handle
    _wait_for_ui_tasks()
    handle.close()


@pytest.fixture
def admin(site):
    return site.login("admin", ADMIN_PASSWORD)


@pytest.fixture(scope="session")
def _demo_template(tmp_path_factory) -> Path:
    from app.services.demo import build_demo_site

    path = tmp_path_factory.mktemp("demo-template") / "site"
    build_demo_site(path, candidates=40, seed=7, kdf=TEST_KDF)
    return path


@pytest.fixture
def demo_site_dir(_demo_template, tmp_path) -> Path:
    """A copy of the demo site (electrician level 4, 40 candidates) for this test alone."""
    target = tmp_path / "demo"
    shutil.copytree(_demo_template, target)
    return target


@pytest.fixture
def demo(demo_site_dir):
    from app.services.demo import DEMO_PASSPHRASE
    from app.services.site import open_site

    handle = open_site(demo_site_dir, DEMO_PASSPHRASE)
    yield handle
    _wait_for_ui_tasks()
    handle.close()


def _wait_for_ui_tasks() -> None:
    """A workplace's background load still reading the store when the test ends must finish before the
    store closes (else SQLCipher is used after close: a segfault that kills the whole run)."""
    import sys

    tasks = sys.modules.get("app.ui.common.tasks")
    if tasks is not None:
        tasks.wait_for_tasks()


def login(handle, username: str, role: str | None = None):
    """Log in with the demo password of ``username``."""
    from app.services.demo import DEMO_STAFF

    password = {u: p for u, _, _, p, _ in DEMO_STAFF}[username]
    return handle.login(username, password, role)


@pytest.fixture
def demo_login(demo):
    return lambda username, role=None: login(demo, username, role)


def sign_supervision_report(handle, plan_no: str | None = None) -> None:
    """The demo batch's 内督 signs a full-marks 内部督导情况报告: exports need it on record (issue 18)."""
    from app.core import supervision as sv
    from app.services.demo import DEMO_PLAN
    from app.services.official_tables import TablesService

    scores = {line.key: line.max_points for line in sv.FORM}
    TablesService(login(handle, "neidu")).save_supervision(plan_no or DEMO_PLAN, scores, [], "组织规范",
                                                          "Demo-neidu-2026")
