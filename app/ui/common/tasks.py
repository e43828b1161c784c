"""The one road for slow work in the UI: ``run_task``.

The UI thread never waits on disk, camera, network, Argon2 or the store's write lock
(Anki's "operations"): a call runs on a Python worker thread and its result or error is
handed back to the UI thread through a queued signal.  (A Python QRunnable subclass was
tried first and crashes PySide under load: refcounting of auto-deleted runnables.)

- ``lane``: calls that must happen one after another, in order (the exam kiosk's
  answers, flags and ticks) share a lane; calls without a lane run at once, each on a
  worker thread of its own (workers are kept and reused: see ``_Workers``).
- ``changes``: what the operation changed, a few names from ``CHANGES`` (Anki's
  OpChanges).  Once it has succeeded the names are announced on the UI thread, and every
  open view that asked with ``on_changes`` refreshes itself from them.
- The answer is dropped when the widget that asked is gone by then (a workplace closed
  at logout while a lookup was in flight); the changes are still announced.
"""

from __future__ import annotations

import gc
import itertools
import logging
import queue
import threading
import time
import traceback
from collections import deque
from collections.abc import Callable, Iterable
from typing import Any

import shiboken6
from PySide6.QtCore import QObject, Qt, QTimer, Signal, Slot
from PySide6.QtWidgets import QApplication, QProgressDialog, QWidget

# What an operation may report as changed.  A view refreshes when one of its names comes.
CHANGES = frozenset({
    "staff",        # accounts, roles, lockouts
    "roster",       # batches, candidates, photos
    "checkin",      # sessions, seats, check-ins, absentees, door incidents
    "theory",       # bank, blueprint, papers sealed / unlocked
    "sittings",     # theory sittings, answers, terminals
    "scoring",      # templates, groups, avoidance, sheets, reconciliations, summary signatures
    "results",      # scores, review, publication, certificates
    "misconduct",   # findings and their steps
    "cameras",      # cameras, settings, recordings, bookmarks
    "exports",      # bundles written or read
    "journal",      # anything journaled: every write is, so every announcement carries it
})


class _Task(QObject):
    finished = Signal(bool, object)

    def __init__(self, fn, on_done, on_error, parent_widget, label, progress_after_ms, lane, changes):
        super().__init__()
        self.moveToThread(QApplication.instance().thread())
        self.fn, self.on_done, self.on_error = fn, on_done, on_error
        self.parent_widget, self.label = parent_widget, label
        self.lane, self.changes = lane, changes
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

    def _owner_alive(self) -> bool:
        return self.parent_widget is None or shiboken6.isValid(self.parent_widget)

    @Slot()
    def _show_progress(self) -> None:
        if self.running and self._owner_alive():
            self.dialog = QProgressDialog(self.label, None, 0, 0, self.parent_widget)
            self.dialog.setWindowTitle(QApplication.translate("ExamSite", "请稍候"))
            self.dialog.setWindowModality(Qt.WindowModal)
            self.dialog.setMinimumDuration(0)
            self.dialog.show()

    @Slot(bool, object)
    def _deliver(self, ok: bool, value: object) -> None:
        self.running = False
        if self.dialog is not None and shiboken6.isValid(self.dialog):
            self.dialog.close()
        self.dialog = None
        _alive.discard(self)
        try:
            if self._owner_alive():
                (self.on_done if ok else self.on_error)(value)
        finally:
            if ok and self.changes:
                announce(self.changes)


_alive: set[_Task] = set()


class _Job:
    """One call handed to the workers; unfinished from the moment it is handed over."""

    name = "examsite-task"
    _numbers = itertools.count(1)

    def __init__(self, fn: Callable[[], None]):
        self.fn = fn
        self.number = next(self._numbers)  # never reused, unlike id()


class _Workers:
    """Worker threads kept for the next task.  ``Thread.start`` makes its caller wait until the
    new thread has run, and on a loaded master (a room pushing, cameras recording) that kept the
    UI thread waiting up to tens of milliseconds on every refresh; a kept worker is handed its
    task through a queue instead.  A new worker starts only when none is idle."""

    def __init__(self):
        self._work: queue.SimpleQueue = queue.SimpleQueue()
        self._idle = 0
        self._lock = threading.Lock()
        self.unfinished: set[_Job] = set()  # handed over and not yet returned

    def submit(self, fn: Callable[[], None]) -> None:
        job = _Job(fn)
        with self._lock:
            self.unfinished.add(job)
            spawn = self._idle == 0
            if not spawn:
                self._idle -= 1  # an idle worker is waiting in get(): it takes this one
        self._work.put(job)
        if spawn:
            threading.Thread(target=self._serve, name=_Job.name, daemon=True).start()

    def _serve(self) -> None:
        while True:
            job = self._work.get()
            try:
                job.fn()
            except Exception:  # a task's own errors reach the UI through _Task.work; this is a last guard
                logging.getLogger(__name__).exception("background task failed")
            with self._lock:
                self.unfinished.discard(job)
                self._idle += 1


_workers = _Workers()
_lanes: dict[str, deque] = {}
_lanes_lock = threading.Condition()


def _run_lane(name: str) -> None:
    while True:
        with _lanes_lock:
            work = _lanes[name][0]
        work()
        with _lanes_lock:
            waiting = _lanes[name]
            waiting.popleft()
            if not waiting:
                del _lanes[name]
                _lanes_lock.notify_all()
                return


def run_task(parent: QWidget | None, fn: Callable[[], Any], on_done: Callable[[Any], None],
             on_error: Callable[[Exception], None] | None = None, label: str = "", progress_after_ms: int = 400,
             *, lane: str | None = None, changes: Iterable[str] = ()) -> None:
    """Run ``fn`` on a worker thread; ``on_done``/``on_error`` run on the UI thread (not at all
    if ``parent`` is gone by then; no ``on_error``: a message box).  If it takes longer than
    ``progress_after_ms`` a busy progress dialog with ``label`` shows until it ends.  Calls
    with the same ``lane`` run one at a time in the order given.  ``changes`` (names from
    ``CHANGES``) are announced to ``on_changes`` listeners once ``fn`` has succeeded."""
    changes = frozenset(changes)
    unknown = changes - CHANGES
    if unknown:
        raise ValueError(f"unknown change names: {sorted(unknown)}")
    if on_error is None:
        from app.ui.common.widgets import show_error

        def on_error(exc, parent=parent):
            show_error(parent, exc)
    task = _Task(fn, on_done, on_error, parent, label, progress_after_ms, lane, changes)
    _alive.add(task)
    if lane is None:
        _workers.submit(task.work)
        return
    with _lanes_lock:
        waiting = _lanes.get(lane)
        if waiting is None:
            _lanes[lane] = deque([task.work])
            _workers.submit(lambda: _run_lane(lane))
        else:
            waiting.append(task.work)


def unfinished_jobs() -> list[_Job]:
    """Calls handed to the workers that have not returned (the GUI tests' check that no task
    outlives its test); each has the ``name`` of the workers' threads."""
    with _workers._lock:
        return list(_workers.unfinished)


def busy() -> bool:
    return bool(_alive)


def pending(lane: str) -> int:
    """Tasks of ``lane`` whose answer has not reached the UI thread yet."""
    return sum(1 for t in list(_alive) if t.lane == lane)


def drain(lane: str, timeout_ms: int = 10000) -> bool:
    """Block until every call queued on ``lane`` has run (not delivered): the kiosk closing
    after its last answer is durable.  True when the lane is empty."""
    deadline = time.monotonic() + timeout_ms / 1000
    with _lanes_lock:
        while lane in _lanes:
            left = deadline - time.monotonic()
            if left <= 0:
                return False
            _lanes_lock.wait(left)
    return True


def wait_for_tasks(timeout_ms: int = 10000) -> bool:
    """Process events until every task has delivered its result (tests, orderly shutdown)."""
    deadline = time.monotonic() + timeout_ms / 1000
    app = QApplication.instance()
    while _alive and time.monotonic() < deadline:
        app.processEvents()
        time.sleep(0.005)
    return not _alive


# -- what changed ----------------------------------------------------------------------------
class _ChangeBus(QObject):
    changed = Signal(object)  # frozenset[str], on the UI thread


_bus: _ChangeBus | None = None


def _the_bus() -> _ChangeBus:
    global _bus
    if _bus is None:
        _bus = _ChangeBus()
        _bus.moveToThread(QApplication.instance().thread())
    return _bus


def announce(changes: Iterable[str]) -> None:
    """Tell the open views what changed (``run_task`` does this after a successful operation)."""
    changes = frozenset(changes)
    if changes:
        _the_bus().changed.emit(changes | {"journal"})


def on_changes(widget: QWidget, names: Iterable[str], refresh: Callable[[frozenset], None]) -> None:
    """Call ``refresh(changes)`` on the UI thread whenever an operation reports one of ``names``,
    for as long as ``widget`` exists."""
    wanted = frozenset(names)
    unknown = wanted - CHANGES
    if unknown:
        raise ValueError(f"unknown change names: {sorted(unknown)}")
    bus = _the_bus()

    def slot(changes):
        if not shiboken6.isValid(widget):
            return
        hit = changes & wanted
        if hit:
            refresh(hit)

    bus.changed.connect(slot)

    def gone(*_):
        try:
            bus.changed.disconnect(slot)
        except (RuntimeError, TypeError):
            pass

    widget.destroyed.connect(gone)


def screen_built() -> None:
    """A workplace's screen has just been built: its widgets, and the modules behind them, live
    as long as it does.  ``gc.freeze`` moves every object alive now out of the collector's
    generations, so a later full collection scans only what the work since has made (the
    master's screen once paused 289 ms in a full collection during a rehearsed exam day)."""
    gc.freeze()
