"""Shared set-up for the practical-scoring tests: the demo site with a template and a group."""

from __future__ import annotations

from pathlib import Path

from app.formats.scoring_template import (
    EXAMPLE_ITEMS,
    EXAMPLE_SETTINGS,
    EXAMPLE_TASKS,
    write_template_workbook,
)
from app.rehearsal.common import signature_png  # the tests draw signatures the same way
from app.services.demo import DEMO_PLAN, DEMO_STAFF
from app.services.scoring import ScoringServices

PLAN = DEMO_PLAN
PASSWORDS = {u: p for u, _, _, p, _ in DEMO_STAFF}
FULL = {"1.1": 20, "1.2": 30, "1.3": 50, "1.4": "否", "2.1": 40, "2.2": 60, "2.3": "否"}


def login_any(handle):
    """Log in demo staff and staff a test added (passwords in PASSWORDS)."""
    return lambda username, role=None: handle.login(username, PASSWORDS[username], role)


def write_template(path: Path, settings=None, tasks=None, items=None) -> Path:
    write_template_workbook(path, settings if settings is not None else EXAMPLE_SETTINGS,
                            tasks if tasks is not None else EXAMPLE_TASKS,
                            items if items is not None else EXAMPLE_ITEMS)
    return path


def setup_scoring(tmp_path: Path, demo_login, members=("kaoping1", "kaoping2", "zuzhang"), chief="zuzhang",
                  settings=None) -> dict:
    """Template imported by the office, group formed by the admin.  Returns logged-in services."""
    admin = ScoringServices.of(demo_login("admin"))
    admin.setup.import_template(PLAN, write_template(tmp_path / "tpl.xlsx", settings=settings))
    conflicts = admin.setup.set_group(PLAN, list(members), chief)
    assert conflicts == []
    svc = {"admin": admin}
    for u in members:
        svc[u] = ScoringServices.of(demo_login(u, "grader"))
    svc["chief"] = ScoringServices.of(demo_login(chief, "chief_grader"))
    return svc


def score(svc: ScoringServices, username: str, ticket: str, entries: dict, seed: int = 1):
    svc.grading.save_sheet(PLAN, ticket, entries)
    return svc.grading.sign_sheet(PLAN, ticket, PASSWORDS[username], signature_png(seed))
