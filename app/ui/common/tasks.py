"""Running service calls off the UI thread, with a progress dialog for anything slow.

The UI thread never waits on disk, camera or network (Anki's "operations"): a call
runs on a Python worker thread and its result or error is handed back to the UI
thread through a queued signal.  (A Python QRunnable subclass was tried first and
crashes PySide under load: refcounting of auto-deleted runnables.)
"""

from __future__ import annotations

import threading
import traceback
from typing import Any, Callable

from PySide6.QtCore import QObject, Qt, QTimer, Signal, Slot
from PySide6.QtWidgets import QApplication, QProgressDialog, QWidget


class _Task(QObject):
    finished = Signal(bool, object)

    def __init__(self, fn, on_done, on_error, parent_widget, label, progress_after_ms):
        super().__init__()
        self.moveToThread(QApplication.instance().thread())
        self.fn, self.on_done, self.on_error = fn, on_done, on_error
        self.parent_widget, self.label = parent_widget, label
        self.dialog: QProgressDialog | None = None
        self.running = True
        self.finished.connect(self._deliver, Qt.QueuedConnection)
        if label:
            QTimer.singleShot(progress_after_ms, self._show_progress)

    def work(self) -> None:
        try:
            result = self.fn()
        except Exception as exc:  # noqa: BLE001 - handed to the UI as-is
            exc.__traceback_text__ = traceback.format_exc()
            self.finished.emit(False, exc)
        else:
            self.finished.emit(True, result)

    @Slot()
    def _show_progress(self) -> None:
        if self.running:
            self.dialog = QProgressDialog(self.label, None, 0, 0, self.parent_widget)
            self.dialog.setWindowTitle(QApplication.translate("ExamSite", "请稍候"))
            self.dialog.setWindowModality(Qt.WindowModal)
            self.dialog.setMinimumDuration(0)
            self.dialog.show()

    @Slot(bool, object)
    def _deliver(self, ok: bool, value: object) -> None:
        self.running = False
        if self.dialog is not None:
            self.dialog.close()
            self.dialog = None
        _alive.discard(self)
        (self.on_done if ok else self.on_error)(value)


_alive: set[_Task] = set()


def run_task(parent: QWidget | None, fn: Callable[[], Any], on_done: Callable[[Any], None],
             on_error: Callable[[Exception], None], label: str = "", progress_after_ms: int = 400) -> None:
    """Run ``fn`` on a worker thread; ``on_done``/``on_error`` run on the UI thread.  If it takes
    longer than ``progress_after_ms`` a busy progress dialog with ``label`` shows until it ends."""
    task = _Task(fn, on_done, on_error, parent, label, progress_after_ms)
    _alive.add(task)
    threading.Thread(target=task.work, name="examsite-task", daemon=True).start()


def busy() -> bool:
    return bool(_alive)


def wait_for_tasks(timeout_ms: int = 10000) -> bool:
    """Process events until every task has delivered its result (tests, orderly shutdown)."""
    import time

    deadline = time.monotonic() + timeout_ms / 1000
    app = QApplication.instance()
    while _alive and time.monotonic() < deadline:
        app.processEvents()
        time.sleep(0.005)
    return not _alive
