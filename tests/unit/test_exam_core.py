"""Pure rules of the theory exam: question checks, assembly from a seed, scoring, the clock."""

from __future__ import annotations

from collections import Counter
from decimal import Decimal

import pytest

from app.core.exam import assembly, timing
from app.core.exam.blueprint import Blueprint, Section, standard_blueprint
from app.core.exam.questions import Option, Question, QType, parse_answer, parse_points, question_problems
from app.core.exam.scoring import score
from tests.theory_support import SMALL_BLUEPRINT, make_questions


def test_standard_blueprint_is_100_points_90_minutes_pass_60():
    bp = standard_blueprint()
    assert bp.problems() == []
    assert (bp.total, bp.duration_min, bp.pass_mark) == (Decimal(100), 90, Decimal(60))
    bad = Blueprint((Section(QType.SINGLE, 10, Decimal(1)),))
    assert any("应为 100 分" in p for p in bad.problems())
    assert Blueprint.from_dict(bp.to_dict()) == bp


def test_answers_and_points_are_checked():
    assert parse_answer(QType.TRUE_FALSE, "对", "AB") == frozenset("A")
    assert parse_answer(QType.MULTIPLE, "a,c", "ABCD") == frozenset("AC")
    with pytest.raises(ValueError, match="不存在的选项"):
        parse_answer(QType.SINGLE, "E", "ABCD")
    with pytest.raises(ValueError, match="至少有两个"):
        parse_answer(QType.MULTIPLE, "A", "ABCD")
    assert parse_points("0.5") == Decimal("0.5")
    with pytest.raises(ValueError):
        parse_points("0.3")
    q = Question("X", QType.SINGLE, "", (Option("A", "x"),), frozenset("A"), Decimal(1), 7, "")
    fields = {f for f, _ in question_problems(q)}
    assert {"stem", "kp", "difficulty", "options"} <= fields


def test_assembly_is_deterministic_and_follows_the_blueprint():
    bank = make_questions(seed=3)
    p1 = assembly.select_paper(bank, SMALL_BLUEPRINT, "s")
    p2 = assembly.select_paper(list(reversed(bank)), SMALL_BLUEPRINT, "s")
    assert p1 == p2  # bank order doesn't matter: the seed alone decides
    assert assembly.select_paper(bank, SMALL_BLUEPRINT, "t") != p1
    by = {q.code: q for q in bank}
    assert [len(s) for s in p1] == [10, 10, 5]
    for sec, codes in zip(SMALL_BLUEPRINT.sections, p1):
        assert all(by[c].qtype is sec.qtype for c in codes)
    assert len({c for s in p1 for c in s}) == 25


def test_difficulty_mix_and_knowledge_point_sections():
    bank = make_questions(n_tf=200, n_single=200, n_multi=100, seed=5)
    bp = Blueprint((Section(QType.TRUE_FALSE, 20, Decimal(1)), Section(QType.SINGLE, 10, Decimal(2), kp="A-01"),
                    Section(QType.SINGLE, 30, Decimal(1)), Section(QType.MULTIPLE, 15, Decimal(2))),
                   difficulty_mix={1: 0.2, 3: 0.5, 5: 0.3})
    paper = assembly.select_paper(bank, bp, "mix")
    by = {q.code: q for q in bank}
    assert Counter(by[c].difficulty for c in paper[0]) == {1: 4, 3: 10, 5: 6}
    assert all(by[c].kp_code.startswith("A-01") for c in paper[1])
    with pytest.raises(assembly.AssemblyError, match="题库不足"):
        assembly.select_paper(bank[:30], bp, "mix")


def test_personal_order_rebuilds_exactly_and_fixed_options_stay():
    bank = make_questions(seed=3)
    qs = {q.code: q for q in bank}
    paper = assembly.select_paper(bank, SMALL_BLUEPRINT, "s")
    a = assembly.personalise(paper, qs, SMALL_BLUEPRINT, "s", "T1")
    assert a == assembly.personalise(paper, qs, SMALL_BLUEPRINT, "s", "T1")
    b = assembly.personalise(paper, qs, SMALL_BLUEPRINT, "s", "T2")
    assert [i.code for i in a] != [i.code for i in b]
    assert sorted(i.code for i in a) == sorted(i.code for i in b)
    moved = 0
    for item in a:
        q = qs[item.code]
        for pos, o in enumerate(q.options):
            if o.fixed:
                assert item.option_order[pos] == o.label
        if q.qtype is QType.TRUE_FALSE:
            assert item.option_order == ("A", "B")
        moved += item.option_order != tuple(o.label for o in q.options)
    assert moved > 5
    ab = Blueprint(SMALL_BLUEPRINT.sections, mode="ab")
    pa = assembly.personalise(paper, qs, ab, "s", "T1")
    assert pa == assembly.personalise(paper, qs, ab, "s", "T9")  # fixed paper: same for everyone


def test_scoring_per_question_per_point_total_and_partial_credit():
    tf = Question("1", QType.TRUE_FALSE, "s", (Option("A", "正确"), Option("B", "错误")), frozenset("A"),
                  Decimal(1), 1, "K1")
    mc = Question("2", QType.MULTIPLE, "s", tuple(Option(c, c) for c in "ABCD"), frozenset("ABC"),
                  Decimal(1), 1, "K2")
    bp = Blueprint((Section(QType.TRUE_FALSE, 1, Decimal(40)), Section(QType.MULTIPLE, 1, Decimal(60))))
    items = [(1, tf, Decimal(40)), (2, mc, Decimal(60))]
    r = score(items, {1: frozenset("A"), 2: frozenset("AB")}, bp)
    assert r.total == Decimal(40) and not r.passed
    assert r.by_kp == {"K1": (Decimal(40), Decimal(40)), "K2": (Decimal(0), Decimal(60))}
    partial = Blueprint(bp.sections, partial_credit=Decimal("0.5"))
    assert score(items, {1: frozenset("A"), 2: frozenset("AB")}, partial).total == Decimal(70)
    assert score(items, {1: frozenset("A"), 2: frozenset("ABD")}, partial).total == Decimal(40)
    assert score(items, {1: frozenset("A"), 2: frozenset("ABC")}, bp).passed


def test_clock_uses_monotonic_deltas_and_pauses_gaps():
    assert timing.advance(1000, 5_000_000_000, 7_000_000_000) == 3000
    assert timing.advance(1000, 5, 1) == 1000  # never backwards
    last = timing.Mark(60_000, "boot1", 10_000_000_000, 1_700_000_000_000)
    g = timing.gap(last, "boot1", 70_000_000_000, 0, limit_ms=600_000)  # wall clock nonsense: ignored
    assert (g.ms, g.reliable, g.needs_proctor) == (60_000, True, False)
    g = timing.gap(last, "boot1", 10_000_000_000 + 601_000 * 1_000_000, 0, limit_ms=600_000)
    assert g.needs_proctor
    g = timing.gap(last, "boot2", 5, 1_700_000_000_000 - 1, limit_ms=600_000)  # reboot, clock went back
    assert g.needs_proctor and not g.reliable
    g = timing.gap(last, "boot2", 5, 1_700_000_120_000, limit_ms=600_000)
    assert (g.ms, g.reliable, g.needs_proctor) == (120_000, False, False)
    assert timing.warnings_due(14 * 60_000, frozenset()) == [15]
    assert timing.warnings_due(4 * 60_000, frozenset({15})) == [5]
