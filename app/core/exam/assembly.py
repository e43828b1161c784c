"""Assembly (组卷): choosing the questions of a paper from the bank, and each
candidate's order of questions and options.  Everything follows from a stored seed,
so any candidate's paper can be rebuilt exactly for audit."""

from __future__ import annotations

import hashlib
import random
from collections import defaultdict
from dataclasses import dataclass
from typing import Iterable, Sequence

from app.core.errors import DomainError
from app.core.exam.blueprint import Blueprint, Section
from app.core.exam.questions import QTYPE_NAMES, Question, QType


class AssemblyError(DomainError):
    pass


def _rng(*parts: str) -> random.Random:
    digest = hashlib.sha256("\x1f".join(parts).encode("utf-8")).digest()
    return random.Random(int.from_bytes(digest[:16], "big"))


def _difficulty_targets(count: int, mix: dict[int, float]) -> dict[int, int]:
    """Largest-remainder split of ``count`` over the difficulty shares."""
    if not mix:
        return {}
    raw = {d: count * share for d, share in mix.items()}
    out = {d: int(v) for d, v in raw.items()}
    rest = count - sum(out.values())
    for d in sorted(raw, key=lambda d: (-(raw[d] - out[d]), d))[:rest]:
        out[d] += 1
    return {d: n for d, n in out.items() if n}


def _spread(pool: list[Question], n: int, rng: random.Random) -> list[Question]:
    """``n`` questions from ``pool``, spread over the knowledge points (round robin over
    the points in random order, each point's questions in random order)."""
    by_kp: dict[str, list[Question]] = defaultdict(list)
    for q in pool:
        by_kp[q.kp_code].append(q)
    kps = sorted(by_kp)
    rng.shuffle(kps)
    for kp in kps:
        rng.shuffle(by_kp[kp])
    out: list[Question] = []
    while len(out) < n:
        for kp in kps:
            if by_kp[kp] and len(out) < n:
                out.append(by_kp[kp].pop())
    return out


def _matches(q: Question, s: Section) -> bool:
    return q.qtype is s.qtype and (not s.kp or q.kp_code == s.kp or q.kp_code[len(s.kp):len(s.kp) + 1] in ("-", ".") and q.kp_code.startswith(s.kp))


def select_paper(bank: Iterable[Question], blueprint: Blueprint, seed: str, variant: str = "") -> list[list[str]]:
    """The question codes of one paper, section by section (blueprint order)."""
    problems = blueprint.problems()
    if problems:
        raise AssemblyError("组卷方案有误：" + "；".join(problems))
    questions = sorted(bank, key=lambda q: q.code)
    rng = _rng("paper", seed, variant)
    used: set[str] = set()
    chosen: dict[int, list[str]] = {}
    # sections bound to a knowledge point first, so general sections don't eat their questions
    order = sorted(range(len(blueprint.sections)), key=lambda i: (not blueprint.sections[i].kp, i))
    for i in order:
        s = blueprint.sections[i]
        pool = [q for q in questions if q.code not in used and _matches(q, s)]
        where = f"{QTYPE_NAMES[s.qtype]}" + (f"（鉴定点 {s.kp}）" if s.kp else "")
        targets = _difficulty_targets(s.count, blueprint.difficulty_mix)
        picked: list[Question] = []
        if targets:
            for d, n in sorted(targets.items()):
                sub = [q for q in pool if q.difficulty == d]
                if len(sub) < n:
                    raise AssemblyError(f"题库不足：{where}难度{d}需要 {n} 题，题库仅有 {len(sub)} 题")
                picked += _spread(sub, n, rng)
        else:
            if len(pool) < s.count:
                raise AssemblyError(f"题库不足：{where}需要 {s.count} 题，题库仅有 {len(pool)} 题")
            picked = _spread(pool, s.count, rng)
        used.update(q.code for q in picked)
        chosen[i] = sorted(q.code for q in picked)
    return [chosen[i] for i in range(len(blueprint.sections))]


@dataclass(frozen=True)
class PaperItem:
    """One question as one candidate sees it: number on the paper, bank code, the order
    of the bank's option labels as shown (shown label = LABELS[position])."""

    qno: int
    code: str
    section: int
    option_order: tuple[str, ...]


def _option_order(q: Question, rng: random.Random, shuffle: bool) -> tuple[str, ...]:
    labels = [o.label for o in q.options]
    if not shuffle or q.qtype is QType.TRUE_FALSE:
        return tuple(labels)
    movable = [o.label for o in q.options if not o.fixed]
    rng.shuffle(movable)
    it = iter(movable)
    return tuple(o.label if o.fixed else next(it) for o in q.options)


def personalise(paper: Sequence[Sequence[str]], questions: dict[str, Question], blueprint: Blueprint,
                seed: str, ticket_no: str) -> list[PaperItem]:
    """The candidate's paper: sections in blueprint order, questions (within a section)
    and options in the candidate's own order.  Fixed A/B papers are the same for all."""
    fixed = blueprint.mode == "ab"
    rng = _rng("candidate", seed, ticket_no)
    items: list[PaperItem] = []
    for si, codes in enumerate(paper):
        codes = list(codes)
        if blueprint.shuffle_questions and not fixed:
            rng.shuffle(codes)
        for code in codes:
            order = _option_order(questions[code], rng, blueprint.shuffle_options and not fixed)
            items.append(PaperItem(len(items) + 1, code, si, order))
    return items


def ab_variant(index: int) -> str:
    """Fixed papers alternate by seat order so that neighbours hold different papers."""
    return "AB"[index % 2]
