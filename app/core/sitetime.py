"""The site's clock: China Standard Time, whatever time zone the laptop happens to be set to.

Every date a rule depends on (the exam window for unlocking papers, the day of a proctor
code, the batch a camera segment belongs to) and every time shown to people is read here,
so a laptop left on UTC or another zone agrees with the check-in desk."""

from __future__ import annotations

import datetime as _dt

SITE_TZ = _dt.timezone(_dt.timedelta(hours=8), "CST")


def local(ts: _dt.datetime) -> _dt.datetime:
    """``ts`` as the people on the site read it on the wall clock."""
    return ts.astimezone(SITE_TZ)


def site_date(ts: _dt.datetime) -> _dt.date:
    return local(ts).date()


def at(day: _dt.date, hh: int, mm: int = 0) -> _dt.datetime:
    """``hh:mm`` site time on ``day``, as UTC."""
    return _dt.datetime.combine(day, _dt.time(hh, mm), tzinfo=SITE_TZ).astimezone(_dt.timezone.utc)


def text(ts: _dt.datetime | str | None, fmt: str = "%Y-%m-%d %H:%M", empty: str = "—") -> str:
    """``ts`` (an aware datetime, or an ISO-8601 text such as the journal's ``…Z``) written as the
    site's wall clock reads it; ``empty`` for None.  Naive datetimes are taken as UTC (the store's)."""
    if ts is None or ts == "":
        return empty
    if isinstance(ts, str):
        ts = _dt.datetime.fromisoformat(ts.replace("Z", "+00:00"))
    if ts.tzinfo is None:
        ts = ts.replace(tzinfo=_dt.timezone.utc)
    return local(ts).strftime(fmt)
