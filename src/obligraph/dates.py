"""Date validation and the arithmetic of treaty clauses: a period plus an alignment.

The clause data (period, alignment) lives in the graph; this module only knows how to apply a
period of days, months or years and the alignments the ontology names.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

from obligraph.errors import BadParameterError

_ISO = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def parse_user_date(value: str, what: str = "date") -> dt.date:
    """Parse a YYYY-MM-DD date typed by a user; a clear error for anything else."""
    text = value.strip()
    if not _ISO.match(text):
        raise BadParameterError(f"{what} {value!r} is not a date in the form YYYY-MM-DD")
    try:
        return dt.date.fromisoformat(text)
    except ValueError as exc:
        raise BadParameterError(f"{what} {value!r} is not a real calendar date ({exc})") from None


@dataclass(frozen=True)
class Period:
    amount: int
    unit: str  # "day", "month" or "year"

    def __str__(self) -> str:
        plural = "" if self.amount == 1 else "s"
        return f"{self.amount} {self.unit}{plural}"


UNIT_NAMES = {
    "http://www.w3.org/2006/time#unitDay": "day",
    "http://www.w3.org/2006/time#unitMonth": "month",
    "http://www.w3.org/2006/time#unitYear": "year",
}

OG = "https://w3id.org/obligraph/ontology#"


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


class UnsupportedAlignmentError(ValueError):
    pass


def apply_clause(start: dt.date, period: Period | None, alignment: str | None) -> dt.date:
    """The date a clause gives for an act on ``start``.

    ``alignment`` is the IRI of an og:DateAlignment (or None for "same day").
    """
    name = (alignment or OG + "SameDay").removeprefix(OG)
    end = add_period(start, period) if period else start
    if name in ("SameDay", "ThirtiethDayAfter", "OnDeposit", "OnReceipt", "SameDayOrLaterSpecified"):
        return end
    if name in ("FirstDayOfFollowingMonth", "FirstDayOfMonthAfter60thDay"):
        return first_of_next_month(end)
    if name == "EndOfFinancialYear":
        # Statute of the CoE Art. 7: notice in the first nine months takes effect at the end of
        # that financial year, otherwise at the end of the next one (financial year = calendar).
        year = start.year if start.month <= 9 else start.year + 1
        return dt.date(year, 12, 31)
    raise UnsupportedAlignmentError(f"no date can be computed for alignment {name}")
