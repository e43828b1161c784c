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
