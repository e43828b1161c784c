"""What every kind of station shares: the master's command records copied into the station's
own tables, once each and in order, again on every start (a station killed between receiving a
command and copying it loses nothing).

Each kind keeps its own settings key for the last command it copied and its own ``copy``
function (kind of command, payload) -> its tables; this module does the rest."""

from __future__ import annotations

from typing import Callable

from sqlalchemy import select

from app.core import records as rec
from app.store import models
from app.store.net_tables import ReceivedRecord


def setting(node, key: str):
    """A value the station keeps in its settings (None when absent)."""
    with node.store.read() as s:
        row = s.get(models.Setting, key)
        return row.value if row else None


def put_setting(session, key: str, value) -> None:
    row = session.get(models.Setting, key)
    if row is None:
        session.add(models.Setting(key=key, value=value))
    else:
        row.value = value


def copy_commands(node, applied_key: str, copy: Callable[[object, str, dict], None]) -> bool:
    """Copy the master's commands after the last one copied (``applied_key``) with ``copy(uow,
    kind, payload)``, in one transaction with the new mark and a journal entry.  Returns
    whether anything was copied."""
    applied = setting(node, applied_key) or 0
    with node.store.read() as s:
        rows = list(s.scalars(select(ReceivedRecord).where(ReceivedRecord.machine_id == rec.MASTER,
                                                           ReceivedRecord.seq > applied)
                              .order_by(ReceivedRecord.seq)))
    if not rows:
        return False
    with node.ctx.unit_of_work() as uow:
        for r in rows:
            copy(uow, r.kind, r.payload)
        put_setting(uow.session, applied_key, rows[-1].seq)
        uow.journal("station.commands_applied", rec.MASTER, {"first": rows[0].seq, "last": rows[-1].seq})
    return True
