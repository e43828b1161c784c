"""Station kinds (issue 17): machines of the site LAN other than the theory terminals.

A station is enrolled exactly as a terminal is (same request, code, pinning, signed
records); the administrator says what kind it is when granting.  Only the door desk
(检录台) does anything yet; the grader station and room console are declared so the
next slice can give them their work without a new enrollment road."""

from __future__ import annotations

TERMINAL = "terminal"
DOOR_DESK = "door_desk"
GRADER_STATION = "grader_station"
ROOM_CONSOLE = "room_console"

KIND_NAMES = {
    TERMINAL: "考试终端",
    DOOR_DESK: "检录台",
    GRADER_STATION: "实操评分站",
    ROOM_CONSOLE: "监考台",
}
STATION_KINDS = (DOOR_DESK, GRADER_STATION, ROOM_CONSOLE)
WORKING_KINDS = (DOOR_DESK, GRADER_STATION, ROOM_CONSOLE)  # kinds that can be provisioned

# record kinds a station sends to the master, and command kinds the master sends back
DOOR_CHECKIN = "door.checkin"
STATION_PROFILE = "station.profile"
STATION_ROSTER = "station.roster"
DOOR_VERDICT = "door.verdict"

# the master's answer to a door check-in record: data, never text
ADMITTED = "admitted"          # the master holds this desk's check-in
ALREADY = "already"            # refused: checked in at another desk (the link was up)
FLAGGED = "flagged"            # both desks admitted while apart: an incident for the room head
SAME_DESK = "same_desk"        # this desk had already admitted them (a retry): nothing new

ROSTER_CHUNK = 20  # candidates (with photos) per roster command record


def kind_name(kind: str) -> str:
    return KIND_NAMES.get(kind, kind)


def machine_prefix(kind: str) -> str:
    """Terminals are T001..; stations S001.. (one numbering for all machines)."""
    return "T" if kind == TERMINAL else "S"
