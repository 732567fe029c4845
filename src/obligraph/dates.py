"""Dates: the one place where a date a user types is read and checked, and the calendar
arithmetic that treaty clauses need (a period, then an alignment).

The clause data (period, alignment, a financial year's end and notice months) lives in the
graph and reaches this module through :mod:`obligraph.analysis.law`; nothing here knows a
treaty.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

from obligraph.errors import BadParameterError, UnsupportedAlignmentError

_ISO = re.compile(r"^\d{4}-\d{2}-\d{2}$")

# The range of dates a user may give (and every date the engine computes stays inside
# datetime's range from it): from before the first treaty in the graph to well past any
# notice period.
EARLIEST = dt.date(1900, 1, 1)
LATEST = dt.date(2200, 12, 31)


def iso(day: dt.date | None) -> str | None:
    """A date as the JSON answers write it (``YYYY-MM-DD``), or None."""
    return day.isoformat() if day else None


def parse_user_date(value: object, what: str = "date") -> dt.date:
    """Read a YYYY-MM-DD date typed by a user (or a date a file already parsed); a clear
    one-line error for anything else: an empty string, another form, a day that does not
    exist, or a date outside 1900-01-01 .. 2200-12-31."""
    if isinstance(value, dt.datetime):
        raise BadParameterError(f"{what} {value.isoformat()!r} has a time; give a date YYYY-MM-DD")
    if isinstance(value, dt.date):
        day = value
    else:
        text = str(value).strip() if isinstance(value, str) else None
        if text is None:
            raise BadParameterError(f"{what} must be a date YYYY-MM-DD, not {type(value).__name__}")
        if not text:
            raise BadParameterError(f"{what} is empty; give a date YYYY-MM-DD")
        if not _ISO.match(text):
            raise BadParameterError(f"{what} {value!r} is not a date in the form YYYY-MM-DD")
        try:
            day = dt.date.fromisoformat(text)
        except ValueError as exc:
            raise BadParameterError(f"{what} {value!r} is not a real calendar date ({exc})") from None
    if not EARLIEST <= day <= LATEST:
        raise BadParameterError(
            f"{what} {day.isoformat()} is outside the supported range {EARLIEST} .. {LATEST}"
        )
    return day


@dataclass(frozen=True)
class Period:
    amount: int
    unit: str  # "day", "month" or "year"

    def __str__(self) -> str:
        plural = "" if self.amount == 1 else "s"
        return f"{self.amount} {self.unit}{plural}"


def add_months(day: dt.date, months: int) -> dt.date:
    month_index = day.month - 1 + months
    year = day.year + month_index // 12
    month = month_index % 12 + 1
    last = calendar.monthrange(year, month)[1]
    return dt.date(year, month, min(day.day, last))


def add_period(day: dt.date, period: Period) -> dt.date:
    if period.unit == "day":
        return day + dt.timedelta(days=period.amount)
    if period.unit == "month":
        return add_months(day, period.amount)
    if period.unit == "year":
        return add_months(day, 12 * period.amount)
    raise ValueError(f"unknown unit {period.unit!r}")


def first_of_next_month(day: dt.date) -> dt.date:
    return add_months(day.replace(day=1), 1)


# Alignments (og:DateAlignment, by local name) that fall on the day the period ends, and those
# that move it to the first day of the next month.
SAME_DAY = ("SameDay", "ThirtiethDayAfter", "OnDeposit", "OnReceipt", "SameDayOrLaterSpecified")
NEXT_MONTH = ("FirstDayOfFollowingMonth", "FirstDayOfMonthAfter60thDay")


def apply_clause(start: dt.date, period: Period | None, alignment: str | None) -> dt.date:
    """The date a clause gives for an act on ``start``: the period, then the alignment
    (the local name of an og:DateAlignment; None for the same day)."""
    name = (alignment or "SameDay").rsplit("#", 1)[-1]
    end = add_period(start, period) if period else start
    if name in SAME_DAY:
        return end
    if name in NEXT_MONTH:
        return first_of_next_month(end)
    raise UnsupportedAlignmentError(f"no date can be computed for alignment {name}")


def end_of_financial_year(notice: dt.date, notice_months: int, year_end: tuple[int, int]) -> dt.date:
    """The end of the financial year in which ``notice`` falls if it falls within the first
    ``notice_months`` months of that year, else the end of the next financial year.
    ``year_end`` is the (month, day) on which every financial year ends."""
    month, day = year_end
    end = dt.date(notice.year, month, day)
    if end < notice:
        end = dt.date(notice.year + 1, month, day)
    start = dt.date(end.year - 1, month, day) + dt.timedelta(days=1)
    within = notice < add_months(start, notice_months)
    return end if within else dt.date(end.year + 1, month, day)
