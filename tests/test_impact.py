"""The seed question: Russia withdrawing from the ECPT, and other withdrawals."""

import datetime as dt

import pytest

from obligraph.analysis.impact import withdraw
from obligraph.errors import NotApplicableError
from tests.conftest import iri

RUS = iri("state", "RUS")
ECPT = iri("treaty", "ETS-126")


@pytest.fixture(scope="module")
def seed(kg):
    return withdraw(kg, RUS, ECPT, dt.date(2025, 10, 3))


def test_effective_date_from_article_22(seed) -> None:
    # ECPT Art. 22(2): "Such denunciation shall become effective on the first day of the month
    # following the expiration of a period of twelve months after the date of receipt of the
    # notification" (the Dutch government's English text, graph/fact-checks/coe-clauses.csv line 2):
    # notified 2025-10-03 -> 2026-11-01.
    assert seed.effective == dt.date(2026, 11, 1)
    assert seed.effective_rule.article == "ECPT Art. 22"  # cited by the treaty's short name (graph/names.ttl)
    # the text was read on a copy of an official page (a secondary source): medium, no longer low
    assert seed.effective_rule.confidence == "medium"
    assert any("statengeneraal/laws-markdown" in s for s in seed.effective_rule.sources)
    assert not any("low confidence" in w for w in seed.warnings)


def test_cpt_loses_visits(seed) -> None:
    losing = {b.body.id: b for b in seed.bodies_losing_access}
    assert set(losing) == {"CPT"}
    assert "visits" in losing["CPT"].powers
    assert losing["CPT"].from_ == dt.date(2026, 11, 1)
    assert "ECPT Art. 2" in losing["CPT"].basis


def test_un_bodies_keep_powers(seed) -> None:
    kept = {b.body.id: b for b in seed.bodies_retaining_access}
    assert "state-reporting" in kept["CAT"].powers  # CAT Art. 19, Russia party since 1987
    assert "HRCttee" in kept
    assert "SPT" not in kept  # Russia never joined OPCAT
    assert "ECtHR" not in kept  # ceased 16 Sep 2022


def test_prohibition_of_torture_remains(seed) -> None:
    remaining = {o.obligation.id: o for o in seed.obligations_remaining}
    bases = remaining["prohibit-torture"].remaining_bases
    assert "ICCPR Art. 7" in bases and "CAT Art. 2" in bases
    assert not any(b.startswith("ECHR") for b in bases)  # the ECHR no longer binds Russia
    ceasing = {o.obligation.id for o in seed.obligations_ceasing}
    assert {"permit-cpt-visits", "cooperate-with-cpt"} <= ceasing


def test_explanation_cites_sources(seed) -> None:
    assert seed.explanation
    assert all(step.sources for step in seed.explanation)


def test_without_notification_date_effective_is_unknown(kg) -> None:
    # No stored page gives the date Russia's notification reached the Secretary General
    # (coe-curated SOURCE.md, "Still open"): the tool must not invent it.
    result = withdraw(kg, RUS, ECPT, today=dt.date(2025, 12, 1))
    assert result.notified is None and result.notified_from == "unknown"
    assert result.effective is None
    assert {b.body.id for b in result.bodies_losing_access} == {"CPT"}
    assert any("2025-09-29" in s.text for s in result.explanation)  # law signed (interfax.com.ua)


def test_cat_denunciation_keeps_prior_acts(kg) -> None:
    # CAT Art. 31: effect one year after receipt; no release for earlier acts.
    result = withdraw(kg, RUS, iri("treaty", "UN-IV-9"), dt.date(2025, 1, 15))
    assert result.effective == dt.date(2026, 1, 15)
    cat = {b.body.id: b for b in result.bodies_losing_access}["CAT"]
    assert cat.limitation == "for acts after 2026-01-15"


def test_iccpr_has_no_denunciation_clause(kg) -> None:
    # OPIL commentary and HRC General Comment 26: the ICCPR has no denunciation clause; under VCLT
    # Art. 56(1) the withdrawal is not permitted (tests/test_legal_model.py has the details).
    result = withdraw(kg, RUS, iri("treaty", "UN-IV-4"), dt.date(2025, 1, 15))
    assert result.effective is None
    assert result.legal_status is not None and result.legal_status.status == "not-permitted"


def test_not_party_is_an_error(kg) -> None:
    with pytest.raises(NotApplicableError, match="Russia has never been bound by the OPCAT"):
        withdraw(kg, RUS, iri("treaty", "UN-IV-9-b"), dt.date(2025, 1, 1))
    with pytest.raises(NotApplicableError, match="ceased to be bound by the ECHR on 2022-09-16"):
        withdraw(kg, RUS, iri("treaty", "ETS-005"), dt.date(2025, 1, 1))
