"""The one list of workplaces: key, title, the roles that see it, and the widget it opens.
A feature area adds one line to ``WORKPLACES``.

A factory is named by "module:callable" and imported only when the workplace is
opened, so a fault in one workplace never stops the others from starting.  The
callable takes (ctx: ServiceContext, parent: QWidget | None) and returns a QWidget.
Which role may *do* what is decided in the services (``app.core.roles.CAPABILITIES``);
this list only decides what a role is shown.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass

from PySide6.QtCore import QT_TRANSLATE_NOOP

from app.core.roles import Role

_OFFICE = frozenset({Role.ADMIN, Role.STAFF, Role.ROOM_HEAD})


@dataclass(frozen=True)
class Workplace:
    title: str  # Chinese, shown through QCoreApplication.translate("ExamSite", title)
    roles: frozenset[Role]
    factory: str  # "module:callable"


WORKPLACES: dict[str, Workplace] = {
    "home": Workplace(QT_TRANSLATE_NOOP("ExamSite", "首页"), frozenset(Role), "app.ui.home:HomeWorkplace"),
    "site_admin": Workplace(QT_TRANSLATE_NOOP("ExamSite", "站点管理"), frozenset({Role.ADMIN}),
                            "app.ui.admin.site_admin:SiteAdminWorkplace"),
    "roster": Workplace(QT_TRANSLATE_NOOP("ExamSite", "认定批次与考生名册"),
                        frozenset({Role.ADMIN, Role.STAFF, Role.ROOM_HEAD, Role.INTERNAL_SUPERVISOR,
                                   Role.EXTERNAL_SUPERVISOR}),
                        "app.ui.admin.roster_view:RosterWorkplace"),
    "checkin": Workplace(QT_TRANSLATE_NOOP("ExamSite", "检录"), _OFFICE, "app.ui.checkin.workplace:CheckinArea"),
    "theory": Workplace(QT_TRANSLATE_NOOP("ExamSite", "理论机考"), frozenset({Role.ADMIN, Role.STAFF}),
                        "app.ui.admin.theory_view:TheoryWorkplace"),
    "proctor": Workplace(QT_TRANSLATE_NOOP("ExamSite", "监考台"), frozenset({Role.PROCTOR, Role.ROOM_HEAD}),
                         "app.ui.proctor.console:ProctorWorkplace"),
    "scoring": Workplace(QT_TRANSLATE_NOOP("ExamSite", "实操评分"),
                         frozenset({Role.ADMIN, Role.STAFF, Role.GRADER, Role.CHIEF_GRADER, Role.ROOM_HEAD,
                                    Role.INTERNAL_SUPERVISOR}),
                         "app.ui.scoring.workplace:ScoringWorkplace"),
    "cameras": Workplace(QT_TRANSLATE_NOOP("ExamSite", "视频监控"),
                         frozenset({Role.ADMIN, Role.STAFF, Role.ROOM_HEAD, Role.PROCTOR}),
                         "app.ui.cameras.workplace:CamerasWorkplace"),
    "results": Workplace(QT_TRANSLATE_NOOP("ExamSite", "成绩与证书"),
                         frozenset({Role.ADMIN, Role.INTERNAL_SUPERVISOR, Role.ROOM_HEAD}),
                         "app.ui.results.workplace:ResultsWorkplace"),
    "export": Workplace(QT_TRANSLATE_NOOP("ExamSite", "数据封装上报"),
                        frozenset({Role.ADMIN, Role.INTERNAL_SUPERVISOR}),
                        "app.ui.export.workplace:ExportWorkplace"),
    "journal": Workplace(QT_TRANSLATE_NOOP("ExamSite", "操作日志"),
                         frozenset({Role.ADMIN, Role.INTERNAL_SUPERVISOR, Role.EXTERNAL_SUPERVISOR}),
                         "app.ui.admin.journal_view:JournalWorkplace"),
}


def workplaces_for(role: Role | str) -> list[str]:
    """The keys of the workplaces ``role`` sees, in the order of the list."""
    return [key for key, w in WORKPLACES.items() if Role(role) in w.roles]


def factory(key: str):
    w = WORKPLACES.get(key)
    if w is None:
        return None
    module, _, name = w.factory.partition(":")
    return getattr(importlib.import_module(module), name)
