"""Which widget each workplace opens.  Feature areas add one line here.

A factory is named by "module:callable" and imported only when the workplace is
opened, so a fault in one workplace never stops the others from starting.  The
callable takes (ctx: ServiceContext, parent: QWidget | None) and returns a QWidget.
"""

from __future__ import annotations

import importlib

FACTORIES: dict[str, str] = {
    "home": "app.ui.home:HomeWorkplace",
    "site_admin": "app.ui.admin.site_admin:SiteAdminWorkplace",
    "roster": "app.ui.admin.roster_view:RosterWorkplace",
    "journal": "app.ui.admin.journal_view:JournalWorkplace",
    "checkin": "app.ui.checkin.workplace:CheckinArea",
    "scoring": "app.ui.scoring.workplace:ScoringWorkplace",
    "export": "app.ui.export.workplace:ExportWorkplace",
    "theory": "app.ui.admin.theory_view:TheoryWorkplace",
    "results": "app.ui.results.workplace:ResultsWorkplace",
    "cameras": "app.ui.cameras.workplace:CamerasWorkplace",
    "proctor": "app.ui.proctor.console:ProctorWorkplace",
}


def factory(key: str):
    target = FACTORIES.get(key)
    if target is None:
        return None
    module, _, name = target.partition(":")
    return getattr(importlib.import_module(module), name)
