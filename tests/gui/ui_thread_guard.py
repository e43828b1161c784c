"""Catching slow work on the UI thread: Argon2 and write transactions.

``UiThreadGuard`` instruments the two real entry points:

- Argon2id: the ``Argon2id`` class of ``cryptography`` is replaced, in that module and in
  every loaded ``app.*`` module that imported it (password hashes, the site key, custodian
  and bundle keys), by a spy that notes the thread and then derives for real;
- write transactions: a listener on every SQLAlchemy engine's ``begin`` that notes the thread
  when the connection is one of the store's write connections (``immediate``, the option that
  makes ``app.store.engine`` send ``BEGIN IMMEDIATE``).

Inside ``with guard.watch("what"):`` every such call is recorded with its thread; on leaving,
the block fails if one ran on the Qt main thread (naming the call site), or if none ran at
all of a kind the block said it ``expects`` (so a watch that sees nothing cannot pass by
accident).
"""

from __future__ import annotations

import sys
import threading
import traceback
from contextlib import contextmanager
from dataclasses import dataclass

from cryptography.hazmat.primitives.kdf import argon2 as _argon2
from sqlalchemy import event
from sqlalchemy.engine import Engine

from app.ui.common.tasks import wait_for_tasks


@dataclass
class Call:
    kind: str          # "argon2" or "write"
    ui_thread: bool
    where: str


def _on_ui_thread() -> bool:
    from PySide6.QtCore import QThread
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance()
    return app is not None and QThread.currentThread() is app.thread() or \
        threading.current_thread() is threading.main_thread()


def _where() -> str:
    frames = [f for f in traceback.extract_stack()[:-3] if "/app/" in f.filename]
    return " <- ".join(f"{f.filename.rsplit('/app/', 1)[-1]}:{f.lineno} {f.name}" for f in reversed(frames[-6:]))


class UiThreadGuard:
    def __init__(self, monkeypatch):
        self.calls: list[Call] = []
        self.recording = False
        real = _argon2.Argon2id
        guard = self

        def spy(*args, **kwargs):
            guard._note("argon2")
            return real(*args, **kwargs)

        monkeypatch.setattr(_argon2, "Argon2id", spy)
        for name, module in list(sys.modules.items()):
            if (name == "app" or name.startswith("app.")) and getattr(module, "Argon2id", None) is real:
                monkeypatch.setattr(module, "Argon2id", spy)
        self.patched = [name for name, m in sys.modules.items() if getattr(m, "Argon2id", None) is spy]

        def begin(conn):
            if conn.get_execution_options().get("immediate"):
                guard._note("write")

        event.listen(Engine, "begin", begin)
        self._begin = begin

    def close(self) -> None:
        event.remove(Engine, "begin", self._begin)

    def _note(self, kind: str) -> None:
        if self.recording:
            self.calls.append(Call(kind, _on_ui_thread(), _where()))

    @contextmanager
    def watch(self, what: str, expects: frozenset[str] | set[str] = frozenset()):
        """Record while the block drives the UI; the block itself waits for its results."""
        start = len(self.calls)
        self.recording = True
        try:
            yield
            assert wait_for_tasks(30000), f"{what}: background tasks did not finish"
        finally:
            self.recording = False
        calls = self.calls[start:]
        bad = [c for c in calls if c.ui_thread]
        assert not bad, f"{what}: ran on the UI thread:\n" + "\n".join(f"  {c.kind} at {c.where}" for c in bad)
        seen = {c.kind for c in calls}
        assert set(expects) <= seen, f"{what}: expected {sorted(expects)} off the UI thread, saw {sorted(seen)}"
