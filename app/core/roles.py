"""Roles of the people at a site and what each may do.

The service layer checks every call against ``CAPABILITIES``; the UI only uses
the same table to decide which workplaces to offer.  One table, one truth.
"""

from __future__ import annotations

from enum import StrEnum
from types import MappingProxyType


class Role(StrEnum):
    ADMIN = "admin"
    STAFF = "staff"
    PROCTOR = "proctor"
    GRADER = "grader"
    CHIEF_GRADER = "chief_grader"
    INTERNAL_SUPERVISOR = "internal_supervisor"
    EXTERNAL_SUPERVISOR = "external_supervisor"
    ROOM_HEAD = "room_head"


ROLE_NAMES: MappingProxyType = MappingProxyType(
    {
        Role.ADMIN: "管理员",
        Role.STAFF: "考务人员",
        Role.PROCTOR: "监考人员",
        Role.GRADER: "考评员",
        Role.CHIEF_GRADER: "考评组长",
        Role.INTERNAL_SUPERVISOR: "内部质量督导员",
        Role.EXTERNAL_SUPERVISOR: "外部质量督导员",
        Role.ROOM_HEAD: "考场负责人",
    }
)

SUPERVISOR_ROLES = frozenset({Role.INTERNAL_SUPERVISOR, Role.EXTERNAL_SUPERVISOR})
GRADING_ROLES = frozenset({Role.GRADER, Role.CHIEF_GRADER})

_ALL = frozenset(Role)
_OFFICE = frozenset({Role.ADMIN, Role.STAFF})

# capability -> roles allowed.  Services name a capability; nothing else grants access.
CAPABILITIES: MappingProxyType = MappingProxyType(
    {
        # site and accounts
        "site.view": _ALL,
        "site.configure": frozenset({Role.ADMIN}),
        "staff.manage": frozenset({Role.ADMIN}),
        "staff.list": frozenset({Role.ADMIN, Role.ROOM_HEAD, Role.INTERNAL_SUPERVISOR}),
        "batch.assign": frozenset({Role.ADMIN}),
        # roster
        "roster.import": _OFFICE,
        "roster.view": frozenset({Role.ADMIN, Role.STAFF, Role.PROCTOR, Role.ROOM_HEAD,
                                  Role.INTERNAL_SUPERVISOR, Role.EXTERNAL_SUPERVISOR}),
        "candidate.photo": frozenset({Role.ADMIN, Role.STAFF, Role.PROCTOR, Role.ROOM_HEAD}),
        # check-in desk (issue 3)
        "checkin.desk": frozenset({Role.ADMIN, Role.STAFF, Role.ROOM_HEAD}),
        "checkin.manage": _OFFICE,
        "checkin.incidents": frozenset({Role.ADMIN, Role.ROOM_HEAD, Role.INTERNAL_SUPERVISOR}),
        # journal
        "journal.view": frozenset({Role.ADMIN, Role.INTERNAL_SUPERVISOR, Role.EXTERNAL_SUPERVISOR}),
        "journal.verify": frozenset({Role.ADMIN, Role.INTERNAL_SUPERVISOR, Role.EXTERNAL_SUPERVISOR}),
        "journal.checkpoint": frozenset({Role.ADMIN, Role.INTERNAL_SUPERVISOR}),
        # practical scoring (issue 6)
        "scoring.template": _OFFICE,
        "scoring.view": frozenset({Role.ADMIN, Role.STAFF, Role.GRADER, Role.CHIEF_GRADER, Role.ROOM_HEAD,
                                   Role.INTERNAL_SUPERVISOR, Role.EXTERNAL_SUPERVISOR}),
        "scoring.group": frozenset({Role.ADMIN}),
        "scoring.avoidance": frozenset({Role.ROOM_HEAD}),
        "scoring.grade": GRADING_ROLES,
        "scoring.reconcile": frozenset({Role.CHIEF_GRADER}),
        "scoring.progress": frozenset({Role.ADMIN, Role.CHIEF_GRADER, Role.ROOM_HEAD, Role.INTERNAL_SUPERVISOR}),
        "scoring.paper": _OFFICE,
        "scoring.photo": frozenset({Role.ADMIN, Role.STAFF, Role.GRADER, Role.CHIEF_GRADER}),
        "scoring.summary": frozenset({Role.ADMIN, Role.GRADER, Role.CHIEF_GRADER, Role.ROOM_HEAD,
                                      Role.INTERNAL_SUPERVISOR, Role.EXTERNAL_SUPERVISOR}),
        # export bundle (issue 9)
        "export.make": frozenset({Role.ADMIN}),
        "export.countersign": frozenset({Role.INTERNAL_SUPERVISOR}),
        "export.view": frozenset({Role.ADMIN, Role.INTERNAL_SUPERVISOR}),
        # theory exam (机考): the bank and papers are the admin's; unlocking needs two people
        "bank.import": frozenset({Role.ADMIN}),
        "bank.view": _OFFICE,
        "bank.export": frozenset({Role.ADMIN}),
        "papers.prepare": frozenset({Role.ADMIN}),
        "papers.unlock": frozenset({Role.ADMIN, Role.STAFF, Role.ROOM_HEAD}),
        "papers.status": frozenset({Role.ADMIN, Role.STAFF, Role.ROOM_HEAD, Role.PROCTOR,
                                    Role.INTERNAL_SUPERVISOR, Role.EXTERNAL_SUPERVISOR}),
        "papers.key": frozenset({Role.ADMIN}),  # the unlocked papers' answers, on the site master only
        "exam.provision": _OFFICE,
        "exam.terminal": frozenset({Role.ADMIN, Role.STAFF, Role.PROCTOR, Role.ROOM_HEAD}),
        "exam.proctor": frozenset({Role.PROCTOR, Role.ROOM_HEAD}),
        "exam.results": frozenset({Role.ADMIN, Role.ROOM_HEAD, Role.INTERNAL_SUPERVISOR}),
        # results, misconduct, certificates (issue 8)
        "score.correct": _OFFICE,
        "score.enter": _OFFICE,
        "results.view": frozenset({Role.ADMIN, Role.STAFF, Role.INTERNAL_SUPERVISOR, Role.ROOM_HEAD,
                                   Role.EXTERNAL_SUPERVISOR}),
        "results.sign": frozenset({Role.ADMIN, Role.INTERNAL_SUPERVISOR}),
        "results.reopen": frozenset({Role.ADMIN}),
        "misconduct.view": frozenset({Role.ADMIN, Role.STAFF, Role.PROCTOR, Role.ROOM_HEAD,
                                      Role.INTERNAL_SUPERVISOR, Role.EXTERNAL_SUPERVISOR}),
        "misconduct.record": frozenset({Role.ADMIN, Role.STAFF, Role.PROCTOR, Role.ROOM_HEAD}),
        "misconduct.decide": frozenset({Role.ADMIN}),
        "ban.check": frozenset({Role.ADMIN, Role.STAFF, Role.ROOM_HEAD, Role.PROCTOR}),
        "ban.manage": frozenset({Role.ADMIN}),
        "certificate.issue": frozenset({Role.ADMIN}),
        "certificate.view": frozenset({Role.ADMIN, Role.STAFF, Role.INTERNAL_SUPERVISOR}),
        "publication.manage": frozenset({Role.ADMIN}),
        "tables.export": frozenset({Role.ADMIN, Role.INTERNAL_SUPERVISOR}),
        "supervision.report": frozenset({Role.INTERNAL_SUPERVISOR}),
        "room_record.edit": frozenset({Role.ADMIN, Role.ROOM_HEAD, Role.PROCTOR}),
        # rules (issue 18): the retention register, the 外督 registration form
        "retention.view": frozenset({Role.ADMIN, Role.INTERNAL_SUPERVISOR, Role.EXTERNAL_SUPERVISOR}),
        "supervision.external": frozenset({Role.EXTERNAL_SUPERVISOR}),
        # video monitoring (issue 7)
        "camera.view": frozenset({Role.ADMIN, Role.STAFF, Role.PROCTOR, Role.ROOM_HEAD,
                                  Role.INTERNAL_SUPERVISOR, Role.EXTERNAL_SUPERVISOR}),
        "camera.configure": frozenset({Role.ADMIN}),
        "camera.record": _OFFICE,
        "camera.snapshot": frozenset({Role.ADMIN, Role.STAFF, Role.PROCTOR, Role.ROOM_HEAD,
                                      Role.GRADER, Role.CHIEF_GRADER}),
        "camera.bookmark": frozenset({Role.ADMIN, Role.STAFF, Role.PROCTOR, Role.ROOM_HEAD}),
        "camera.export": frozenset({Role.ADMIN, Role.ROOM_HEAD, Role.INTERNAL_SUPERVISOR,
                                    Role.EXTERNAL_SUPERVISOR}),
        "camera.purge": frozenset({Role.ADMIN}),
        # site link and theory room (issue 5)
        "net.enroll": frozenset({Role.ADMIN, Role.ROOM_HEAD}),  # the room head admits the room's terminals
        "net.serve": frozenset({Role.ADMIN, Role.PROCTOR, Role.ROOM_HEAD}),
        "net.view": frozenset({Role.ADMIN, Role.STAFF, Role.PROCTOR, Role.ROOM_HEAD}),
        "net.import_pack": frozenset({Role.ADMIN, Role.STAFF, Role.ROOM_HEAD}),
        "room.console": frozenset({Role.PROCTOR, Role.ROOM_HEAD}),
        "room.control": frozenset({Role.PROCTOR, Role.ROOM_HEAD}),
        "room.authorise": frozenset({Role.PROCTOR, Role.ROOM_HEAD}),
        # readiness self-test, the evening before (issue 10)
        "readiness.run": _OFFICE,
        "readiness.view": frozenset({Role.ADMIN, Role.STAFF, Role.ROOM_HEAD, Role.INTERNAL_SUPERVISOR,
                                     Role.EXTERNAL_SUPERVISOR}),
    }
)

def allowed(role: Role | str, capability: str) -> bool:
    try:
        roles = CAPABILITIES[capability]
    except KeyError:
        raise KeyError(f"unknown capability {capability!r}") from None
    return Role(role) in roles


def assignment_conflict(existing: set[Role], new: Role) -> str | None:
    """督导规程 第十六条 [002 L1172]: a supervisor may not also grade in the same batch."""
    if new in SUPERVISOR_ROLES and existing & GRADING_ROLES:
        return "质量督导员不能兼任同批次考评工作（督导规程第十六条）"
    if new in GRADING_ROLES and existing & SUPERVISOR_ROLES:
        return "同批次的质量督导员不能担任考评员（督导规程第十六条）"
    return None
