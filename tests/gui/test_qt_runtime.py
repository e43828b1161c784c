import sys


def test_process_events_keeps_none_alive(qapp):
    """PySide6 6.12.0 dropped a reference to None on every processEvents(); on Python 3.11 that
    ends in 'Fatal Python error: none_dealloc'.  The pinned version must not."""
    before = sys.getrefcount(None)
    for _ in range(2000):
        qapp.processEvents()
    assert sys.getrefcount(None) - before > -50


def test_chinese_font_is_loaded(qapp):
    from PySide6.QtGui import QFontMetrics

    metrics = QFontMetrics(qapp.font())
    assert all(metrics.inFontUcs4(ord(ch)) for ch in "考点管理系统检录")
