import time

import pytest

# A background task (app.ui.common.tasks.run_task hands each to a kept worker thread of this name)
# that has not finished TASK_GRACE_S after its test is a hang or a leak, and fails that test.  The
# check only waits for the tasks (it processes no Qt events, so it changes no test's timing or
# delivery order).
TASK_THREAD = "examsite-task"
TASK_GRACE_S = 20.0
_reported: set[int] = set()  # hung tasks already blamed on a test, not blamed again


def unfinished_tasks(timeout_s: float) -> list:
    """The tasks still unfinished after waiting up to ``timeout_s`` for all of them; they are
    blamed once (so that the next test is judged on its own tasks)."""
    from app.ui.common.tasks import unfinished_jobs

    deadline = time.monotonic() + timeout_s
    while True:
        left = [j for j in unfinished_jobs() if j.number not in _reported]
        if not left or time.monotonic() >= deadline:
            break
        time.sleep(0.01)
    _reported.update(j.number for j in left)
    return left


@pytest.fixture(autouse=True)
def _qt_setup(qapp):
    from app.ui.main import setup_application

    setup_application(qapp, "zh_CN")
    yield
    # (Was `assert not tasks.busy() or True`, which could never fail.)
    left = unfinished_tasks(TASK_GRACE_S)
    assert not left, f"{len(left)} background task(s) still running {TASK_GRACE_S:g} s after the test"
