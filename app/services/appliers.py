"""The composition root of the site link: which feature applies which record kind.

Terminals send records of several kinds; the master's link (``app.net``) verifies and
stores them and, for each new one, calls the applier registered here with the ingest
transaction's unit of work.  A feature that adds a record kind adds its appliers to
``_FEATURES`` below -- the only place -- and net never imports a service."""

from __future__ import annotations

from types import MappingProxyType

from app.net.ingest import Appliers
from app.services import door_records, grader_records, room, room_console_records

_FEATURES: list[Appliers] = [room.APPLIERS, door_records.APPLIERS, grader_records.APPLIERS,
                             room_console_records.APPLIERS]


def _merge(features: list[Appliers]) -> Appliers:
    out: dict = {}
    for appliers in features:
        for kind, fn in appliers.items():
            if kind in out:
                raise RuntimeError(f"record kind {kind!r} has two appliers")
            out[kind] = fn
    return MappingProxyType(out)


RECORD_APPLIERS: Appliers = _merge(_FEATURES)
