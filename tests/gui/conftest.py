import pytest

# How long a background task (app.ui.common.tasks.run_task) may still run once the test body has
# returned.  The fixtures (site, widgets) are still alive then, so a task that is merely slow
# delivers into them; one that is still running after this is a leak or a hang, and the test fails.
TASK_GRACE_MS = 20000


@pytest.fixture(autouse=True)
def _qt_setup(qapp):
    from app.ui.main import setup_application

    setup_application(qapp, "zh_CN")
    yield


@pytest.hookimpl(wrapper=True)
def pytest_runtest_call(item):
    """Fails the test (in its call phase, before any fixture is torn down) if a background task
    it started has not delivered its result within TASK_GRACE_MS."""
    result = yield
    from app.ui.common import tasks

    if not tasks.wait_for_tasks(TASK_GRACE_MS):
        left = len(tasks._alive)
        tasks._alive.clear()  # so that the next test is judged on its own tasks
        raise AssertionError(f"{left} background task(s) still running {TASK_GRACE_MS} ms after the test")
    return result
