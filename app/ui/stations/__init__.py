"""The station application (issue 17): one window on a station laptop -- the enrollment screen
the first time, then the station shell (``app.ui.stations.app``): a header that always shows
the station's kind, room, machine id and link state, and a body chosen by kind from the one
list below.

``STATION_VIEWS``: kind (``app.core.stations``) -> ``"module:Factory"``.  A factory takes
``(node, parent)`` -- ``node`` the station's started ``app.net.terminal.TerminalNode`` -- and
returns a QWidget; it is imported only when a station of that kind opens, so a fault in one
kind never stops another.  A kind not listed here (or not yet provisioned by the master)
shows a waiting page."""

from __future__ import annotations

import importlib

from app.core import stations as st

STATION_VIEWS: dict[str, str] = {
    st.DOOR_DESK: "app.ui.stations.door:DoorDeskView",
    st.GRADER_STATION: "app.ui.stations.grader:grader_station_page",
    st.ROOM_CONSOLE: "app.ui.stations.room:room_console_page",
}


def view_factory(kind: str):
    """The factory for ``kind``, or None when no view is listed for it."""
    target = STATION_VIEWS.get(kind or "")
    if target is None:
        return None
    module, _, name = target.partition(":")
    return getattr(importlib.import_module(module), name)
