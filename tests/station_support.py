"""What the station tests share: waiting for a condition, and enrolling a machine of a kind on a
real master link (the same request, grant and pinning as in the field)."""

from __future__ import annotations

import time

from app.core import stations as st
from app.net.terminal import TerminalNode
from app.services.net import NetService
from app.services.stations import StationService
from app.store.keys import TEST_KDF


def wait_for(cond, timeout=20.0) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if cond():
            return True
        time.sleep(0.05)
    return False


def enroll_station(tmp_path, master, admin_ctx, name: str, kind: str, room: str, passphrase: str):
    """A new machine store under ``tmp_path / name`` enrolled as ``kind`` (of ``room``); returns the
    open node and its machine id."""
    node = TerminalNode.create(tmp_path / name, passphrase, TEST_KDF, machine=name)
    code = node.request_enrollment(master.url, name)
    if kind == st.TERMINAL:
        machine_id = NetService(admin_ctx).grant(code, name)
    else:
        machine_id = StationService(admin_ctx).enroll(code, kind, name, room)
    assert node.complete_enrollment()
    return node, machine_id
