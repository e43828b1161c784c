"""A made-up question bank and sealed papers for rehearsals and drills (电工 四级 style).

The bank goes in through the same door a real one does: an .xlsx imported by
``BankService``; the papers are sealed under two custodians' passwords (双人双锁) and
unlocked on the exam day by the same two."""

from __future__ import annotations

import random
import tempfile
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


def seal_papers(admin_ctx, plan_no: str, custodians: list[tuple[str, str]], questions=None,
                blueprint: Blueprint = SMALL_BLUEPRINT, seed: str = "seed-1") -> list[Question]:
    """Import the bank (.xlsx, then deleted), set the blueprint, seal under two custodians."""
    from app.formats.bank_xlsx import write_bank
    from app.services.theory import BankService, PaperService

    questions = questions or make_questions()
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "bank.xlsx"
        write_bank(path, questions)
        BankService(admin_ctx).import_xlsx(path, OCC, LEVEL)
    papers = PaperService(admin_ctx)
    papers.set_blueprint(plan_no, blueprint)
    papers.seal(plan_no, custodians, seed=seed)
    return questions


def unlock_papers(staff_ctx, plan_no: str, custodians: list[tuple[str, str]]) -> None:
    from app.services.theory import PaperService

    PaperService(staff_ctx).unlock(plan_no, custodians)
