import threading
import time

import pytest

# How long a background task (app.ui.common.tasks.run_task, a thread of this name) may still run
# once the test body has returned.  The fixtures (site, widgets) are still alive then, so a task
# that is merely slow finishes against them; one still running after this is a leak or a hang,
# and the test fails.  Results are delivered as before, whenever Qt next processes events.
TASK_THREAD = "examsite-task"
TASK_GRACE_S = 20.0
_reported: set[int] = set()  # hung threads already blamed on a test, not blamed again


def unfinished_tasks(timeout_s: float) -> list[threading.Thread]:
    """The task threads still running after waiting up to ``timeout_s`` for all of them."""
    deadline = time.monotonic() + timeout_s
    left = []
    for t in threading.enumerate():
        if t.name == TASK_THREAD and t.ident not in _reported:
            t.join(max(0.0, deadline - time.monotonic()))
            if t.is_alive():
                left.append(t)
    return left


@pytest.fixture(autouse=True)
def _qt_setup(qapp):
    from app.ui.main import setup_application

    setup_application(qapp, "zh_CN")
    yield


@pytest.hookimpl(wrapper=True)
def pytest_runtest_call(item):
    """Fails the test, in its call phase (before any fixture is torn down, so no task is left
    running against a closed site), if a background task has not finished within TASK_GRACE_S."""
    result = yield
    left = unfinished_tasks(TASK_GRACE_S)
    if left:
        _reported.update(t.ident for t in left)
        raise AssertionError(f"{len(left)} background task(s) still running {TASK_GRACE_S:g} s after the test")
    return result
