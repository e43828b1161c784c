"""Font scaling and the high-contrast theme."""

from PySide6.QtGui import QPalette

from app.ui.main import apply_display, setup_application


def test_scaling_and_high_contrast_apply_to_the_whole_program(qapp, qtbot, demo, demo_login, monkeypatch, tmp_path):
    from PySide6.QtCore import QSettings

    QSettings.setPath(QSettings.IniFormat, QSettings.UserScope, str(tmp_path))
    from app.ui.main_window import MainWindow

    mw = MainWindow(demo, demo_login("admin"))
    qtbot.addWidget(mw)
    try:
        base = qapp.font().pointSizeF()
        mw.change_scale(+1)
        mw.change_scale(+1)
        qapp.processEvents()
        assert qapp.font().pointSizeF() > base * 1.2
        label = mw.status_labels[0]
        assert label.font().pointSizeF() > base * 1.2  # widgets follow the application font
        mw.change_scale(0)
        qapp.processEvents()
        assert abs(qapp.font().pointSizeF() - base) < 0.05
        mw.contrast_action.setChecked(True)
        pal = qapp.palette()
        assert pal.color(QPalette.Window).name() == "#000000" and pal.color(QPalette.WindowText).name() == "#ffffff"
        assert pal.color(QPalette.Highlight).name() == "#ffff00"
        mw.contrast_action.setChecked(False)
        assert qapp.palette().color(QPalette.Window).name() != "#000000"
    finally:
        apply_display(qapp, 1.0, False)
        setup_application(qapp, "zh_CN")
