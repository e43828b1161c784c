"""Working days (工作日) with a configurable holiday calendar, and the deadlines that count them.

A calendar is weekends off, minus listed 节假日 (holidays), plus listed 调休 working
weekend days.  The State Council publishes the year's list each December; the site
administrator enters it (there is no reliable rule to compute it).

Deadlines [rules-digest §4.4, §4.7]: results to the 鉴定中心 within 10 working days
after the assessment; supervision report within 5 working days after the
supervision ends; publication (公示) period configurable, default 5 working days.
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass, field

RESULTS_DUE_WORKDAYS = 10
SUPERVISION_REPORT_WORKDAYS = 5
DEFAULT_PUBLICATION_WORKDAYS = 5


@dataclass(frozen=True)
class HolidayCalendar:
    holidays: frozenset[_dt.date] = field(default_factory=frozenset)
    workdays: frozenset[_dt.date] = field(default_factory=frozenset)  # 调休: weekend days worked

    @classmethod
    def from_lists(cls, holidays=(), workdays=()) -> "HolidayCalendar":
        def dates(items):
            return frozenset(d if isinstance(d, _dt.date) else _dt.date.fromisoformat(str(d)) for d in items)
        return cls(dates(holidays), dates(workdays))

    def to_dict(self) -> dict:
        return {"holidays": sorted(d.isoformat() for d in self.holidays),
                "workdays": sorted(d.isoformat() for d in self.workdays)}

    def is_workday(self, day: _dt.date) -> bool:
        if day in self.workdays:
            return True
        if day in self.holidays:
            return False
        return day.weekday() < 5


def add_workdays(start: _dt.date, n: int, calendar: HolidayCalendar | None = None) -> _dt.date:
    """The n-th working day after ``start`` (``start`` itself never counts)."""
    if n < 0:
        raise ValueError("n must be >= 0")
    cal = calendar or HolidayCalendar()
    day, left = start, n
    while left:
        day += _dt.timedelta(days=1)
        if cal.is_workday(day):
            left -= 1
    return day


def publication_end(start: _dt.date, n: int, calendar: HolidayCalendar | None = None) -> _dt.date:
    """Last day of a period of n working days that begins on ``start`` (counted if a working day)."""
    if n < 1:
        raise ValueError("公示期至少1个工作日")
    cal = calendar or HolidayCalendar()
    day = start
    while not cal.is_workday(day):
        day += _dt.timedelta(days=1)
    return add_workdays(day, n - 1, cal)


def workdays_between(start: _dt.date, end: _dt.date, calendar: HolidayCalendar | None = None) -> int:
    """Working days in (start, end]; negative when end is before start."""
    cal = calendar or HolidayCalendar()
    if end < start:
        return -workdays_between(end, start, cal)
    return sum(1 for i in range(1, (end - start).days + 1) if cal.is_workday(start + _dt.timedelta(days=i)))


@dataclass(frozen=True)
class Deadline:
    key: str
    label: str
    due: _dt.date
    done: bool = False

    def status(self, today: _dt.date, calendar: HolidayCalendar | None = None) -> str:
        if self.done:
            return "done"
        if today > self.due:
            return "overdue"
        return "soon" if workdays_between(today, self.due, calendar) <= 2 else "open"

    def workdays_left(self, today: _dt.date, calendar: HolidayCalendar | None = None) -> int:
        return workdays_between(today, self.due, calendar)


def batch_deadlines(exam_end: _dt.date, calendar: HolidayCalendar | None = None, *,
                    publication: tuple[_dt.date, _dt.date] | None = None,
                    results_done: bool = False, report_done: bool = False) -> list[Deadline]:
    out = [
        Deadline("results", "成绩报鉴定中心审核（考后10个工作日）",
                 add_workdays(exam_end, RESULTS_DUE_WORKDAYS, calendar), results_done),
        Deadline("supervision_report", "内部督导情况报告（督导结束后5个工作日）",
                 add_workdays(exam_end, SUPERVISION_REPORT_WORKDAYS, calendar), report_done),
    ]
    if publication:
        out.append(Deadline("publication", "公示期结束", publication[1]))
    return out
