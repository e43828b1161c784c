"""Scores arriving by their roads, for tests whose subject is what happens after them.

The roads themselves are proven end to end elsewhere: the theory exam scored on the master
from signed answers (tests/integration/test_room_exam.py), the chief's signed practical summary
(tests/integration/test_wiring_practical.py), the door's cut-off and 双人复核 and corrections
(tests/integration/test_score_roads.py).  Here a test stands in for the service that holds a
road's proof and hands results the score through the one public entry, as that service does."""

from __future__ import annotations

from collections.abc import Iterable

from app.services.results import ResultsService


def scores_arrive(ctx, road: str, rows: Iterable[tuple[str, str, object]]) -> None:
    """``rows``: (ticket_no, subject, score); a score of None arrives as 缺考."""
    results = ResultsService(ctx)
    with ctx.unit_of_work() as uow:
        for ticket, subject, score in rows:
            results.receive_score(uow, road, ticket, subject, score, absent=score is None)


def typed_twice(first, second, rows: Iterable[tuple[str, str, object]]) -> None:
    """双人复核: two different people type each score from paper; ``rows`` as for scores_arrive."""
    for ticket, subject, score in rows:
        text = "缺考" if score is None else str(score)
        ResultsService(first).enter_manual(ticket, subject, text)
        state = ResultsService(second).enter_manual(ticket, subject, text)
        assert state == "agreed", (ticket, subject, state)
