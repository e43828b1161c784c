"""Building a bank, a blueprint and unlocked papers on the demo site, for the theory tests."""

from __future__ import annotations

import datetime as _dt
import random
from decimal import Decimal
from pathlib import Path

from app.core.exam.blueprint import Blueprint, Section
from app.core.exam.questions import LABELS, TRUE_FALSE_TEXTS, Option, Question, QType

OCC, LEVEL = "6-31-01-03", 4
# 10 判断 × 2 + 10 单选 × 4 + 5 多选 × 8 = 100
SMALL_BLUEPRINT = Blueprint((Section(QType.TRUE_FALSE, 10, Decimal(2)), Section(QType.SINGLE, 10, Decimal(4)),
                             Section(QType.MULTIPLE, 5, Decimal(8))), resume_limit_min=10)


def stem_of(code: str) -> str:
    return f"题干{code}：关于低压配电线路绝缘电阻测量的规定，下列说法"


def make_questions(n_tf=30, n_single=30, n_multi=15, seed=1, prefix="Q") -> list[Question]:
    rng = random.Random(seed)
    out = []
    kinds = [(QType.TRUE_FALSE, n_tf), (QType.SINGLE, n_single), (QType.MULTIPLE, n_multi)]
    i = 0
    for qtype, n in kinds:
        for _ in range(n):
            i += 1
            code = f"{prefix}{i:05d}"
            if qtype is QType.TRUE_FALSE:
                opts = tuple(Option(LABELS[k], t) for k, t in enumerate(TRUE_FALSE_TEXTS))
                ans = frozenset(rng.choice("AB"))
            else:
                k = rng.randint(4, 6)
                opts = tuple(Option(LABELS[j], f"{code}选项{j}", fixed=(j == k - 1 and i % 3 == 0)) for j in range(k))
                ans = frozenset(rng.choice(LABELS[:k])) if qtype is QType.SINGLE else \
                    frozenset(rng.sample(LABELS[:k], rng.randint(2, k - 1)))
            out.append(Question(code, qtype, stem_of(code), opts, ans, Decimal(1), rng.randint(1, 5),
                                f"A-{rng.randint(1, 4):02d}-{rng.randint(1, 3):03d}"))
    return out


class FixedClock:
    def __init__(self, at: _dt.datetime):
        self.at = at

    def now(self) -> _dt.datetime:
        return self.at


def exam_day_clock(handle) -> FixedClock:
    from app.services.demo import DEMO_PLAN
    from app.store import models
    from sqlalchemy import select

    with handle.store.read() as s:
        b = s.scalars(select(models.Batch).where(models.Batch.plan_no == DEMO_PLAN)).one()
    local = _dt.datetime.combine(b.exam_start, _dt.time(9, 0)).astimezone()
    return FixedClock(local.astimezone(_dt.timezone.utc))


PASSWORDS = {"admin": "Demo-admin-2026", "kaowu": "Demo-kaowu-2026", "jiankao1": "Demo-jiankao-2026",
             "kaochang": "Demo-kaochang-2026"}


def prepare_exam(demo, demo_login, tmp_path: Path, questions=None, blueprint=SMALL_BLUEPRINT, unlock=True):
    """Import a bank, set the blueprint, seal (admin + kaowu), unlock on exam day.  Returns the questions."""
    from app.formats.bank_xlsx import write_bank
    from app.services.demo import DEMO_PLAN
    from app.services.theory import BankService, PaperService

    questions = questions or make_questions()
    path = tmp_path / "bank.xlsx"
    write_bank(path, questions)
    demo.clock = exam_day_clock(demo)
    admin = demo_login("admin")
    admin.clock = demo.clock
    BankService(admin).import_xlsx(path, OCC, LEVEL)
    path.unlink()
    papers = PaperService(admin)
    papers.set_blueprint(DEMO_PLAN, blueprint)
    papers.seal(DEMO_PLAN, [("admin", PASSWORDS["admin"]), ("kaowu", PASSWORDS["kaowu"])], seed="seed-1")
    if unlock:
        staff = demo_login("kaowu")
        staff.clock = demo.clock
        PaperService(staff).unlock(DEMO_PLAN, [("kaowu", PASSWORDS["kaowu"]), ("admin", PASSWORDS["admin"])])
    return questions


def demo_id_tail(demo, ticket: str) -> str:
    from sqlalchemy import select

    from app.store import models

    with demo.store.read() as s:
        return s.scalars(select(models.Candidate.id_no).where(models.Candidate.ticket_no == ticket)).one()[-6:]
