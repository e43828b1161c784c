"""The rehearsal's skilled candidates know questions as a person does (by stem and option
texts), from a file the rehearsal writes on the master's side from the answer key; on the
terminal they find the right shown labels whatever order the options were shuffled into."""

from dataclasses import replace

from app.core.exam.questions import LABELS
from app.rehearsal.bank import make_questions
from app.rehearsal.terminal_candidate import final_answer, knowledge, known_answer


def test_a_known_question_is_answered_right_in_any_shown_order():
    qs = make_questions(n_tf=3, n_single=3, n_multi=3)
    knows = knowledge(qs)
    assert set(knows) == {q.stem for q in qs}
    for q in qs:
        text = {o.label: o.text for o in q.options}
        order = [o.label for o in reversed(q.options)]  # shown A is the bank's last option, ...
        shown = [(LABELS[i], text[label]) for i, label in enumerate(order)]
        right = "".join(sorted(LABELS[order.index(c)] for c in q.answer))
        assert known_answer(q.stem, shown, knows) == right
        assert known_answer(q.stem, shown, None) is None


def test_nobody_knows_an_ambiguous_question():
    a, b = make_questions(n_tf=0, n_single=2, n_multi=0)
    twin = replace(b, stem=a.stem)  # two questions with one stem: which answer is meant?
    assert a.stem not in knowledge([a, twin])
    assert known_answer(a.stem, [(o.label, o.text) for o in a.options], knowledge([a, twin])) is None


def test_a_skilled_candidate_mostly_gives_the_right_answer():
    labels = list("ABCD")
    right = sum(final_answer(f"T{n:04d}", q, labels, "single", "C") == "C" for n in range(20) for q in range(25))
    unskilled = sum(final_answer(f"T{n:04d}", q, labels, "single", None) == "C" for n in range(20) for q in range(25))
    assert right > 0.5 * 500 > unskilled
