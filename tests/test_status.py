"""State status on dates, with expected values from the sources named in each test."""

import datetime as dt

from obligraph.analysis.status import state_status
from tests.conftest import iri

RUS = iri("state", "RUS")


def _bodies(status):
    return {b.body.id: set(b.powers) for b in status.bodies}


def test_russia_2021(kg) -> None:
    # 2021-06-01: Russia a CoE member (joined 28 Feb 1996) and party to the ECHR (in force
    # 5 May 1998, coe.int impact page), the ECPT (1 Sep 1998), CAT (USSR ratification 3 Mar 1987,
    # UNTC IV-9); never a party to OPCAT (absent from UNTC IV-9-b).
    s = state_status(kg, RUS, dt.date(2021, 6, 1))
    bodies = _bodies(s)
    assert "visits" in bodies["CPT"]
    assert {"individual-complaints", "binding-judgments"} <= bodies["ECtHR"]
    assert "state-reporting" in bodies["CAT"]
    assert "SPT" not in bodies
    # CoE since 28 Feb 1996; UN since 1945 (country-converter, year only)
    assert {m.organisation.id for m in s.memberships} == {"CoE", "UN"}
    treaties = {t.treaty.id: t.since for t in s.treaties_in_force}
    assert treaties["ETS-005"] == dt.date(1998, 5, 5)
    assert treaties["ETS-126"] == dt.date(1998, 9, 1)
    # CAT entered into force generally on 26 June 1987 (Art. 27(1)); the USSR deposited earlier.
    assert treaties["UN-IV-9"] == dt.date(1987, 6, 26)
    assert "UN-IV-9-b" not in treaties


def test_russia_cat_opt_ins_from_untc(kg) -> None:
    # UNTC IV-9: USSR declarations under Arts. 21 and 22 of 1 Oct 1991; the Art. 28 reservation
    # against the Art. 20 inquiry was withdrawn on 1 Oct 1991 (end-note 18).
    before = _bodies(state_status(kg, RUS, dt.date(1990, 1, 1)))["CAT"]
    after = _bodies(state_status(kg, RUS, dt.date(1992, 1, 1)))["CAT"]
    assert "individual-complaints" not in before and "inquiry" not in before
    assert {"individual-complaints", "inter-state-complaints", "inquiry"} <= after


def test_russia_2023(kg) -> None:
    # CM/Res(2022)2: membership ceased 16 March 2022. CM/Res(2022)3: ECHR party until 16 Sep 2022,
    # still party to conventions open to non-members (CPT President's statement, coe.int).
    s = state_status(kg, RUS, dt.date(2023, 1, 1))
    assert {m.organisation.id for m in s.memberships} == {"UN"}
    bodies = _bodies(s)
    assert "ECtHR" not in bodies
    assert "visits" in bodies["CPT"]
    residual = {r.body.id: r for r in s.residual}
    assert residual["ECtHR"].acts_before == dt.date(2022, 9, 16)
    assert "ETS-005" not in {t.treaty.id for t in s.treaties_in_force}


def test_russia_suspended_in_march_2022(kg) -> None:
    # Suspended under Statute Art. 8 on 25 Feb 2022 (dirittoue.info), expelled 16 March 2022.
    s = state_status(kg, RUS, dt.date(2022, 3, 1))
    assert ("CoE", "suspended") in {(m.organisation.id, m.status) for m in s.memberships}


def test_ukraine_has_spt(kg) -> None:
    # UNTC IV-9-b: Ukraine ratified OPCAT on 19 Sep 2006; in force 30 days later (Art. 28(2)).
    s = state_status(kg, iri("state", "UKR"), dt.date(2023, 1, 1))
    assert "visits" in _bodies(s)["SPT"]
    since = {t.treaty.id: t.since for t in s.treaties_in_force}
    assert since["UN-IV-9-b"] == dt.date(2006, 10, 19)
