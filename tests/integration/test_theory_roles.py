"""Every theory/exam service method refuses every role its capability does not name."""

from __future__ import annotations

import inspect

import pytest

from app.core.actor import Actor
from app.core.errors import PermissionDenied
from app.core.roles import CAPABILITIES, Role
from app.services import exam, terminal, theory  # registers the methods
from app.services.base import REGISTRY, ServiceContext

CLASSES = {"BankService": theory.BankService, "PaperService": theory.PaperService,
           "ExamTerminal": exam.ExamTerminal, "ExamRoom": exam.ExamTerminal,
           "TerminalService": terminal.TerminalService}


def test_each_method_checks_its_capability(site):
    methods = [(q, cap, fn) for q, cap, fn in REGISTRY if q.split(".")[0] in CLASSES]
    assert len(methods) >= 20
    for qualname, cap, fn in methods:
        service_cls = CLASSES[qualname.split(".")[0]]
        nargs = len(inspect.signature(fn).parameters) - 1
        for role in Role:
            if role in CAPABILITIES[cap]:
                continue
            ctx = ServiceContext(site.store, Actor(1, "x", "x", role))
            with pytest.raises(PermissionDenied):
                fn(service_cls(ctx), *([None] * nargs))
    assert Role.GRADER not in CAPABILITIES["papers.unlock"]
    assert CAPABILITIES["bank.import"] == {Role.ADMIN}
