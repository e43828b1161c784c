"""Running service calls off the UI thread, with a progress dialog for anything slow.

The UI thread never waits on disk, camera or network (Anki's "operations"): a call
runs on a QThreadPool worker and its result or error comes back as a signal.
"""

from __future__ import annotations

import traceback
from typing import Any, Callable

from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, QTimer, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget


class _Signals(QObject):
    done = Signal(object)
    failed = Signal(object)


class _Job(QRunnable):
    def __init__(self, fn: Callable[[], Any]):
        super().__init__()
        self.fn = fn
        self.signals = _Signals()

    def run(self) -> None:
        try:
            result = self.fn()
        except Exception as exc:  # noqa: BLE001 - handed to the UI as-is
            exc.__traceback_text__ = traceback.format_exc()
            self.signals.failed.emit(exc)
        else:
            self.signals.done.emit(result)


_alive: set = set()


def run_task(parent: QWidget | None, fn: Callable[[], Any], on_done: Callable[[Any], None],
             on_error: Callable[[Exception], None], label: str = "", progress_after_ms: int = 400) -> None:
    """Run ``fn`` on a worker.  If it takes longer than ``progress_after_ms`` a busy
    progress dialog with ``label`` appears until it ends."""
    job = _Job(fn)
    dialog: list[QProgressDialog] = []

    def show_progress():
        if job in _alive and label:
            d = QProgressDialog(label, None, 0, 0, parent)
            d.setWindowTitle("请稍候")
            d.setWindowModality(Qt.WindowModal)
            d.setMinimumDuration(0)
            d.show()
            dialog.append(d)

    def finish():
        _alive.discard(job)
        for d in dialog:
            d.close()

    job.signals.done.connect(lambda r: (finish(), on_done(r)))
    job.signals.failed.connect(lambda e: (finish(), on_error(e)))
    _alive.add(job)
    QTimer.singleShot(progress_after_ms, show_progress)
    QThreadPool.globalInstance().start(job)


def wait_for_tasks(timeout_ms: int = 10000) -> bool:
    return QThreadPool.globalInstance().waitForDone(timeout_ms)
