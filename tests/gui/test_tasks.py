"""``run_task``, the one road for slow work in the UI: answers on the UI thread, lanes in
order, changes announced to the open views, answers for a closed widget dropped."""

from __future__ import annotations

import threading
import time

import pytest
from PySide6.QtWidgets import QLabel, QWidget

from app.ui.common import tasks


def test_answer_comes_back_on_the_ui_thread(qtbot):
    seen = []
    tasks.run_task(None, threading.current_thread, lambda t: seen.append((t, threading.current_thread())), None)
    qtbot.waitUntil(lambda: bool(seen), timeout=5000)
    worker, ui = seen[0]
    assert worker is not threading.main_thread() and ui is threading.main_thread()


def test_a_finished_worker_takes_the_next_task_and_busy_ones_are_not_waited_for(qtbot):
    """Starting a thread makes the UI thread wait until it runs: a worker that is free is reused;
    while one is busy, another task still runs at once beside it."""
    seen = []
    tasks.run_task(None, threading.current_thread, seen.append, None)
    assert tasks.wait_for_tasks(5000)
    qtbot.waitUntil(lambda: not tasks.unfinished_jobs(), timeout=5000)
    workers = set(threading.enumerate())  # the one that ran it, and any kept from earlier tests
    tasks.run_task(None, threading.current_thread, seen.append, None)
    assert tasks.wait_for_tasks(5000) and seen[1] in workers  # no thread started for it
    gate = threading.Event()
    tasks.run_task(None, lambda: gate.wait(10), lambda _: None, None)
    tasks.run_task(None, threading.current_thread, seen.append, None)
    qtbot.waitUntil(lambda: len(seen) == 3, timeout=5000)  # did not wait for the gate
    gate.set()
    assert tasks.wait_for_tasks(5000)


def test_a_lane_runs_in_the_order_given(qtbot):
    """The kiosk's answers: a slow first call is still saved before a fast second one."""
    done, ran = [], []

    def call(i, pause):
        def fn():
            time.sleep(pause)
            ran.append(i)
            return i
        return fn

    for i, pause in enumerate((0.2, 0.0, 0.1, 0.0)):
        tasks.run_task(None, call(i, pause), done.append, None, lane="test-lane")
    assert tasks.pending("test-lane") == 4
    assert tasks.drain("test-lane", 5000) and ran == [0, 1, 2, 3]
    assert tasks.wait_for_tasks(5000) and done == [0, 1, 2, 3] and tasks.pending("test-lane") == 0


def test_changes_reach_the_views_that_asked(qtbot):
    roster_view, camera_view = QWidget(), QWidget()
    qtbot.addWidget(roster_view)
    qtbot.addWidget(camera_view)
    heard = {"roster": [], "cameras": []}
    tasks.on_changes(roster_view, {"roster"}, heard["roster"].append)
    tasks.on_changes(camera_view, {"cameras"}, heard["cameras"].append)
    tasks.run_task(None, lambda: 1, lambda _: None, None, changes={"roster"})
    qtbot.waitUntil(lambda: bool(heard["roster"]), timeout=5000)
    assert heard == {"roster": [frozenset({"roster"})], "cameras": []}
    tasks.run_task(None, lambda: 1 / 0, lambda _: None, lambda exc: None, changes={"cameras"})
    assert tasks.wait_for_tasks(5000) and heard["cameras"] == []            # a failed operation changed nothing
    with pytest.raises(ValueError):
        tasks.run_task(None, lambda: 1, lambda _: None, None, changes={"rosters"})   # names are checked


def test_answer_for_a_closed_widget_is_dropped_but_the_change_is_told(qtbot):
    view = QWidget()
    qtbot.addWidget(view)
    heard = []
    tasks.on_changes(view, {"checkin"}, heard.append)
    owner = QLabel()
    answers = []
    gate = threading.Event()
    tasks.run_task(owner, lambda: gate.wait(5) and "late", answers.append, answers.append, changes={"checkin"})
    owner.deleteLater()
    qtbot.waitUntil(lambda: not _alive(owner), timeout=5000)
    gate.set()
    assert tasks.wait_for_tasks(5000)
    assert answers == [] and heard == [frozenset({"checkin"})]


def _alive(widget) -> bool:
    import shiboken6

    return shiboken6.isValid(widget)
