"""Nothing slow under the write lock (issue 16, item 2): no service method hashes a password
or derives a key with Argon2 while its write transaction is open.

The store has one write lock (``BEGIN IMMEDIATE``); while one transaction holds it every
other writer waits, the room's answers included.  Argon2id is slow on purpose (about
200 ms with the site's parameters), so a login or a signature that hashes inside its
transaction stalls the whole master for that long.

Structural, no timing: every Argon2 entry point the application imports is wrapped, and so
is the store's write transaction (``Store.write``, which every ``unit_of_work`` goes
through).  Each Argon2 derivation records whether a write transaction was open on the same
thread at that moment.  Every service method that takes a password (or the custodians'
passwords) is driven, and must have hashed at least once (so the driver really reached the
check) and never with the write transaction open.  A last test fails if a service method
with a password parameter is added without a driver here."""

from __future__ import annotations

import importlib
import inspect
import pkgutil
import sys
import threading
import traceback
from contextlib import contextmanager

import pytest
from cryptography.hazmat.primitives.kdf import argon2

import app.services
from app.core.errors import DomainError, PermissionDenied
from app.services.base import REGISTRY
from app.services.demo import DEMO_PLAN, DEMO_STAFF
from app.store.engine import Store

PW = {u: p for u, _, _, p, _ in DEMO_STAFF}
WRONG = "Not-the-password-1"

for _mod in pkgutil.iter_modules(app.services.__path__):
    importlib.import_module(f"app.services.{_mod.name}")


class Watch:
    """Argon2 derivations seen while ``on()``: (write transaction open?, where)."""

    def __init__(self):
        self._local = threading.local()
        self.active = False
        self.hashes: list[tuple[bool, str]] = []

    def depth(self) -> int:
        return getattr(self._local, "depth", 0)

    def enter(self) -> None:
        self._local.depth = self.depth() + 1

    def leave(self) -> None:
        self._local.depth = self.depth() - 1

    def derived(self) -> None:
        if self.active:
            where = "".join(traceback.format_list([f for f in traceback.extract_stack()[:-2]
                                                   if "/app/" in f.filename][-4:]))
            self.hashes.append((self.depth() > 0, where))

    @contextmanager
    def on(self):
        self.active = True
        try:
            yield self
        finally:
            self.active = False

    def under_lock(self) -> list[str]:
        return [where for locked, where in self.hashes if locked]


@pytest.fixture
def watch(monkeypatch):
    w = Watch()
    real_write = Store.write

    @contextmanager
    def write(self):
        w.enter()
        try:
            with real_write(self) as session:
                yield session
        finally:
            w.leave()

    monkeypatch.setattr(Store, "write", write)
    real = argon2.Argon2id

    class WatchedArgon2id:
        def __init__(self, *args, **kwargs):
            self._kdf = real(*args, **kwargs)

        def derive(self, data):
            w.derived()
            return self._kdf.derive(data)

        def verify(self, data, expected):
            w.derived()
            return self._kdf.verify(data, expected)

    patched = [name for name, mod in list(sys.modules.items())
               if name.startswith("app.") and getattr(mod, "Argon2id", None) is real]
    for name in patched:
        monkeypatch.setattr(sys.modules[name], "Argon2id", WatchedArgon2id)
    assert "app.core.passwords" in patched  # the password hashes go through here
    return w


def _login(demo, username, role=None):
    return demo.login(username, PW[username], role)


@contextmanager
def _refused_or_done():
    """The driver only needs the password check to run; a refusal after it is fine."""
    try:
        yield
    except DomainError:
        pass


# -- drivers: one per service method that takes a password ----------------------------------------
def login(demo, watch, tmp_path, demo_login):
    with watch.on():
        demo.login("kaowu", PW["kaowu"])
        with pytest.raises(PermissionDenied):
            demo.login("kaowu", WRONG)


def staff_add(demo, watch, tmp_path, demo_login):
    from app.services.staff import StaffService

    svc = StaffService(_login(demo, "admin"))
    with watch.on():
        svc.add("xinren", "新人", "Xinren-pass-2026", ["staff"])


def staff_reset_password(demo, watch, tmp_path, demo_login):
    from app.services.staff import StaffService

    svc = StaffService(_login(demo, "admin"))
    with watch.on():
        svc.reset_password("kaowu", "Reset-pass-2026")


def scoring_sign_sheet(demo, watch, tmp_path, demo_login):
    from app.rehearsal.common import signature_png
    from app.services.scoring import GradingService

    svc = GradingService(_login(demo, "kaoping1"))
    with watch.on(), _refused_or_done():
        svc.sign_sheet(DEMO_PLAN, "DG26040001", WRONG, signature_png("吴晓东"))


def scoring_sign_summary(demo, watch, tmp_path, demo_login):
    from app.rehearsal.common import signature_png
    from app.services.scoring import ChiefGraderService

    svc = ChiefGraderService(_login(demo, "zuzhang", "chief_grader"))
    with watch.on(), _refused_or_done():
        svc.sign_summary(DEMO_PLAN, PW["zuzhang"], signature_png("陈德明"))


def misconduct_sign(demo, watch, tmp_path, demo_login):
    from app.services.misconduct import MisconductService

    svc = MisconductService(_login(demo, "kaowu"))
    with watch.on():
        with pytest.raises(PermissionDenied):
            svc.sign(1, "jiankao1", WRONG)
        with _refused_or_done():
            svc.sign(1, "jiankao1", PW["jiankao1"])


def misconduct_confirm(demo, watch, tmp_path, demo_login):
    from app.services.misconduct import MisconductService

    svc = MisconductService(_login(demo, "kaowu"))
    with watch.on(), pytest.raises(PermissionDenied):
        svc.confirm(1, "kaochang", WRONG)


def misconduct_review_appeal(demo, watch, tmp_path, demo_login):
    from app.services.misconduct import MisconductService

    svc = MisconductService(_login(demo, "admin"))
    with watch.on(), pytest.raises(PermissionDenied):
        svc.review_appeal(1, "upheld", "事实清楚，维持原认定", WRONG)


def results_sign_review(demo, watch, tmp_path, demo_login):
    from app.services.results import ResultsService

    svc = ResultsService(_login(demo, "neidu"))
    with watch.on(), pytest.raises(PermissionDenied):
        svc.sign_review(DEMO_PLAN, WRONG)


def results_reopen(demo, watch, tmp_path, demo_login):
    from app.services.results import ResultsService

    svc = ResultsService(_login(demo, "admin"))
    with watch.on(), _refused_or_done():
        svc.reopen(DEMO_PLAN, "复核发现录入有误", PW["admin"])


def tables_save_supervision(demo, watch, tmp_path, demo_login):
    from app.core import supervision as sv
    from app.services.official_tables import TablesService

    svc = TablesService(_login(demo, "neidu"))
    scores = {line.key: line.max_points for line in sv.FORM}
    with watch.on(), pytest.raises(PermissionDenied):
        svc.save_supervision(DEMO_PLAN, scores, [], "组织规范", WRONG)


def tables_veto_and_resume(demo, watch, tmp_path, demo_login):
    from app.core import supervision as sv
    from app.services.official_tables import TablesService

    svc = TablesService(_login(demo, "neidu"))
    scores = {line.key: line.max_points for line in sv.FORM}
    svc.save_supervision(DEMO_PLAN, scores, ["disorder"], "第2考场秩序混乱", PW["neidu"])  # a veto suspends
    with watch.on():
        with pytest.raises(PermissionDenied):
            svc.resolve_suspension(DEMO_PLAN, "已调整考场座位并加派监考人员", WRONG)
        svc.resolve_suspension(DEMO_PLAN, "已调整考场座位并加派监考人员，秩序恢复", PW["neidu"])


def tables_external_supervision(demo, watch, tmp_path, demo_login):
    from app.core import supervision as sv
    from app.services.official_tables import TablesService

    svc = TablesService(_login(demo, "waidu"))
    scores = {line.key: line.max_points for line in sv.EXTERNAL_FORM}
    with watch.on():
        with pytest.raises(PermissionDenied):
            svc.save_external_supervision(DEMO_PLAN, scores, [], "组织规范", WRONG)
        svc.save_external_supervision(DEMO_PLAN, scores, [], "组织规范", PW["waidu"])


def certificates_cancel(demo, watch, tmp_path, demo_login):
    from app.services.certificates import CertificateService

    svc = CertificateService(_login(demo, "admin"))
    with watch.on(), pytest.raises(PermissionDenied):
        svc.cancel("S000000000000000", "证书信息有误", WRONG)


def papers_seal_and_unlock(demo, watch, tmp_path, demo_login):
    from app.rehearsal.bank import unlock_papers
    from tests.theory_support import PASSWORDS, prepare_exam

    with watch.on():
        prepare_exam(demo, demo_login, tmp_path, unlock=False)   # bank, blueprint, seal(admin + kaowu)
    from app.services.theory import PaperService

    staff = demo_login("kaowu")
    staff.clock = demo.clock
    with watch.on():
        with pytest.raises(PermissionDenied):
            PaperService(staff).unlock(DEMO_PLAN, [("kaowu", PASSWORDS["kaowu"]), ("admin", WRONG)])
        unlock_papers(staff, DEMO_PLAN, [("kaowu", PASSWORDS["kaowu"]), ("admin", PASSWORDS["admin"])])


def exam_proctor(demo, watch, tmp_path, demo_login):
    from app.services.exam import ExamTerminal
    from tests.theory_support import FixedClock, demo_id_tail, prepare_exam

    prepare_exam(demo, demo_login, tmp_path)
    ctx = demo_login("jiankao1")
    ctx.clock = FixedClock(demo.clock.now())
    term = ExamTerminal(ctx)
    sit = term.login(DEMO_PLAN, "DG26040001", demo_id_tail(demo, "DG26040001"))
    with watch.on():
        with pytest.raises(PermissionDenied):
            term.authorise_resume(sit, "jiankao2", WRONG)
        term.authorise_resume(sit, "jiankao2", PW["jiankao2"])
        with pytest.raises(PermissionDenied):
            term.release_kiosk(sit, "jiankao2", WRONG)
        term.release_kiosk(sit, "jiankao2", PW["jiankao2"])


def export_make_and_countersign(demo, watch, tmp_path, demo_login):
    from app.services.bundle import ExportService
    from tests.conftest import sign_supervision_report

    sign_supervision_report(demo)  # an export needs the 内督 report on record (issue 18)
    out = tmp_path / "bundle.zip"
    with watch.on():
        view = ExportService(_login(demo, "admin")).make(out, PW["admin"])
        ExportService(_login(demo, "neidu")).countersign(view.seq, out, PW["neidu"])
        # again: the personal keys now exist and are opened, not made
        view = ExportService(_login(demo, "admin")).make(tmp_path / "second.zip", PW["admin"])


DRIVERS = {
    "SiteHandle.login": login,
    "StaffService.add": staff_add,
    "StaffService.reset_password": staff_reset_password,
    "GradingService.sign_sheet": scoring_sign_sheet,
    "ChiefGraderService.sign_summary": scoring_sign_summary,
    "TablesService.resolve_suspension": tables_veto_and_resume,
    "TablesService.save_external_supervision": tables_external_supervision,
    "MisconductService.sign": misconduct_sign,
    "MisconductService.confirm": misconduct_confirm,
    "MisconductService.review_appeal": misconduct_review_appeal,
    "ResultsService.sign_review": results_sign_review,
    "ResultsService.reopen": results_reopen,
    "TablesService.save_supervision": tables_save_supervision,
    "CertificateService.cancel": certificates_cancel,
    "PaperService.seal": papers_seal_and_unlock,
    "PaperService.unlock": papers_seal_and_unlock,
    "ExamRoom.authorise_resume": exam_proctor,
    "ExamRoom.release_kiosk": exam_proctor,
    "ExportService.make": export_make_and_countersign,
    "ExportService.countersign": export_make_and_countersign,
}


@pytest.mark.parametrize("driver", sorted(set(DRIVERS.values()), key=lambda f: f.__name__),
                         ids=lambda f: f.__name__)
def test_no_argon2_while_the_write_transaction_is_open(driver, demo, demo_login, tmp_path, watch):
    driver(demo, watch, tmp_path, demo_login)
    assert watch.hashes, "the driver never reached a password check"
    locked = watch.under_lock()
    assert not locked, (f"{len(locked)} of {len(watch.hashes)} Argon2 derivations ran with the write "
                        "transaction open:\n" + "\n".join(locked))


def _takes_a_password(fn) -> bool:
    names = inspect.signature(fn).parameters
    return any("password" in n or n == "custodians" for n in names)


def test_every_service_method_that_takes_a_password_is_driven_here():
    with_password = {qualname for qualname, _, fn in REGISTRY if _takes_a_password(fn)}
    assert len(with_password) >= 15
    assert with_password <= set(DRIVERS), sorted(with_password - set(DRIVERS))
