"""Clause arithmetic, checked against dates that sources state."""

import datetime as dt

import pytest

from obligraph import dates
from obligraph.errors import BadParameterError

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
    # Statute Art. 7: a notice in the first nine months takes effect at the end of that year.
    assert dates.apply_clause(D(2022, 3, 15), None, OG + "EndOfFinancialYear") == D(2022, 12, 31)
    assert dates.apply_clause(D(2022, 11, 2), None, OG + "EndOfFinancialYear") == D(2023, 12, 31)


def test_month_end_is_clamped() -> None:
    assert dates.add_months(D(2024, 1, 31), 1) == D(2024, 2, 29)


def test_unsupported_alignment_is_an_error() -> None:
    with pytest.raises(dates.UnsupportedAlignmentError):
        dates.apply_clause(D(2022, 3, 16), None, OG + "DateFixedByDecision")


@pytest.mark.parametrize("text", ["2025-13-01", "2025-02-30", "03/10/2025", "yesterday", "2025-1-3"])
def test_bad_user_dates(text: str) -> None:
    with pytest.raises(BadParameterError, match="YYYY-MM-DD|real calendar date"):
        dates.parse_user_date(text)
