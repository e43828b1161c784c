"""Readable on a small laptop screen: in English (the longer language) every role's main window,
with every workplace, fits 1366 pixels wide.  (`EXAMSITE_TRANS_SCALE` stretches strings further.)"""

import pytest

from tests.gui.test_accessibility import LOGINS

SMALL_LAPTOP_WIDTH = 1366


@pytest.mark.parametrize("role", list(LOGINS))
def test_main_window_fits_a_small_laptop_in_english(qapp, qtbot, demo, demo_login, role):
    from app.ui.main import setup_application
    from app.ui.main_window import MainWindow

    setup_application(qapp, "en")
    try:
        mw = MainWindow(demo, demo_login(LOGINS[role], role.value))
        qtbot.addWidget(mw)
        mw.show()
        assert mw.minimumSizeHint().width() <= SMALL_LAPTOP_WIDTH
        assert mw.status_labels[-1].text().startswith("Role:")  # it really is in English
    finally:
        setup_application(qapp, "zh_CN")
