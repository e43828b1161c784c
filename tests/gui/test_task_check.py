"""The GUI tests' teardown check (tests/gui/conftest.py) can fail: a background task still
running is found; one that has finished is not."""

import threading

from app.ui.common.tasks import run_task, wait_for_tasks
from tests.gui.conftest import TASK_THREAD, unfinished_tasks


def test_a_task_left_running_is_found(qtbot):
    gate = threading.Event()
    run_task(None, lambda: gate.wait(30), lambda _: None, lambda _: None)
    left = unfinished_tasks(0.3)
    assert [t.name for t in left] == [TASK_THREAD]  # the name tasks.py gives its worker threads
    gate.set()
    assert wait_for_tasks(10000)
    done = []
    run_task(None, lambda: 7, done.append, lambda _: None)
    assert unfinished_tasks(10) == []
    assert wait_for_tasks(10000) and done == [7]
