"""Clause arithmetic, checked against dates that sources state."""

import datetime as dt

import pytest

from obligraph import dates
from obligraph.errors import BadParameterError, UnsupportedAlignmentError

OG = "https://w3id.org/obligraph/ontology#"
D = dt.date


def test_echr_58_3_six_months_after_expulsion() -> None:
    # CM/Res(2022)2: Russia ceased to be a member on 16 March 2022; CM/Res(2022)3: it ceases to be
    # an ECHR party on 16 September 2022 (coe.int news of 23 March 2022).
    assert dates.apply_clause(D(2022, 3, 16), dates.Period(6, "month"), OG + "SameDay") == D(2022, 9, 16)


def test_ecpt_19_2_first_day_of_month_after_three_months() -> None:
    # France ratified the ECPT on 9 Jan 1989; in force for France 1 May 1989 (CAT report A/45/44
    # via bayefsky.com, verify_ets005_ets126.csv).
    assert dates.apply_clause(D(1989, 1, 9), dates.Period(3, "month"), OG + "FirstDayOfFollowingMonth") == D(
        1989, 5, 1
    )


def test_ecpt_22_issue_example() -> None:
    # Issue 2: notified 2025-10-03 gives 2026-11-01 under ECPT Art. 22 (12 months, first day of
    # the following month).
    assert dates.apply_clause(
        D(2025, 10, 3), dates.Period(12, "month"), OG + "FirstDayOfFollowingMonth"
    ) == D(2026, 11, 1)


def test_cat_27_2_thirtieth_day() -> None:
    # CAT Art. 27(2): 30th day after deposit. UNTC IV-9: Afghanistan deposited 1 Apr 1987.
    assert dates.apply_clause(D(1987, 4, 1), dates.Period(30, "day"), OG + "ThirtiethDayAfter") == D(
        1987, 5, 1
    )


def test_rome_statute_127_one_year() -> None:
    # Burundi notified 27 Oct 2016; effective 27 Oct 2017 (other_withdrawals.csv, ICC sources).
    assert dates.apply_clause(D(2016, 10, 27), dates.Period(1, "year"), OG + "SameDay") == D(2017, 10, 27)


def test_statute_article_7_end_of_financial_year() -> None:
    # Statute Art. 7: a notice in the first nine months of a financial year takes effect at the end
    # of that year, a later one at the end of the next; the CoE's year ends on 31 December (the
    # numbers are clause data in graph/clause-parameters.ttl, not in this function).
    assert dates.end_of_financial_year(D(2022, 3, 15), 9, (12, 31)) == D(2022, 12, 31)
    assert dates.end_of_financial_year(D(2022, 9, 30), 9, (12, 31)) == D(2022, 12, 31)
    assert dates.end_of_financial_year(D(2022, 10, 1), 9, (12, 31)) == D(2023, 12, 31)
    assert dates.end_of_financial_year(D(1969, 12, 12), 9, (12, 31)) == D(1970, 12, 31)  # Greece
    # a financial year from 1 April to 31 March: nine months run to 31 December
    assert dates.end_of_financial_year(D(2022, 12, 31), 9, (3, 31)) == D(2023, 3, 31)
    assert dates.end_of_financial_year(D(2023, 1, 1), 9, (3, 31)) == D(2024, 3, 31)
    with pytest.raises(UnsupportedAlignmentError):
        dates.apply_clause(D(2022, 3, 15), None, OG + "EndOfFinancialYear")


def test_month_end_is_clamped() -> None:
    assert dates.add_months(D(2024, 1, 31), 1) == D(2024, 2, 29)


def test_unsupported_alignment_is_an_error() -> None:
    with pytest.raises(UnsupportedAlignmentError):
        dates.apply_clause(D(2022, 3, 16), None, OG + "DateFixedByDecision")


@pytest.mark.parametrize("text", ["2025-13-01", "2025-02-30", "03/10/2025", "yesterday", "2025-1-3"])
def test_bad_user_dates(text: str) -> None:
    with pytest.raises(BadParameterError, match="YYYY-MM-DD|real calendar date"):
        dates.parse_user_date(text)


@pytest.mark.parametrize("text", ["", "  ", "1899-12-31", "2201-01-01", "9999-12-31"])
def test_empty_and_out_of_range_dates_are_errors(text: str) -> None:
    with pytest.raises(BadParameterError, match="empty|outside the supported range"):
        dates.parse_user_date(text)


def test_clause_periods_are_read_by_value() -> None:
    # graph/un-clauses.ttl holds the decimal 1.0; stores give 12, "12.0" or Decimal("12")
    from decimal import Decimal

    from obligraph.analysis.law import read_period

    month = "http://www.w3.org/2006/time#unitMonth"
    assert read_period("1.0", "http://www.w3.org/2006/time#unitYear") == dates.Period(1, "year")
    assert read_period(Decimal("12"), month) == read_period(12, month) == read_period("12.0", month)
