"""Dated classes: a state's membership of a time-dependent class on a date."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from rdflib import Graph
from typer.testing import CliRunner

from obligraph.cli import app
from obligraph.reasoning.asof import DatedClasses, classify, state_independent_closure
from obligraph.store import KnowledgeGraph, load
from tests.conftest import FIXTURES, iri

OG = "https://w3id.org/obligraph/ontology#"
RUS = iri("state", "RUS")
SUBJECT_TO = OG + "subjectTo"


@pytest.fixture(scope="module")
def cache_dir(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("cache")


@pytest.fixture(scope="module")
def context(cache_dir: Path) -> Graph:
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("OBLIGRAPH_CACHE", str(cache_dir))
        return state_independent_closure()


def _on(kg: KnowledgeGraph, day: str, context: Graph) -> DatedClasses:
    return classify(kg, dt.date.fromisoformat(day), context=context)


def test_russia_under_the_ecthr_until_it_ceased_to_be_a_party(kg: KnowledgeGraph, context: Graph) -> None:
    # CM/Res(2022)3 (coe.int, 23 March 2022): Russia ceases to be a High Contracting Party to the
    # ECHR on 16 September 2022.
    before = _on(kg, "2022-09-15", context)
    assert iri("body", "ECtHR") in before.related(RUS, SUBJECT_TO)
    assert RUS in before.members(OG + "StateUnderCourt")
    for day in ("2022-09-16", "2022-09-17", "2023-01-01"):
        after = _on(kg, day, context)
        assert iri("body", "ECtHR") not in after.related(RUS, SUBJECT_TO), day
        assert RUS not in after.members(OG + "StateUnderCourt"), day


def test_russia_stays_under_the_cpt_after_leaving_the_ecthr(kg: KnowledgeGraph, context: Graph) -> None:
    # CPT President's statement (https://coe.int/ru/web/cpt/-/-1): Russia remains a party to the
    # ECPT after its expulsion; the ECPT is open to non-members since Protocol No. 1.
    for day in ("2022-09-17", "2025-10-01"):
        result = _on(kg, day, context)
        assert iri("body", "CPT") in result.related(RUS, SUBJECT_TO), day
        assert RUS in result.members(OG + "StateUnderVisitingBody"), day
        assert RUS in result.members(OG + "StateBoundByVisitingBodyTreaty"), day


def test_the_cpt_goes_when_the_denunciation_takes_effect(context: Graph) -> None:
    # With the hypothetical end of the fixture (2026-11-01, see its header), the CPT holds its
    # powers over Russia the day before and not from that day.
    kg = load(extra=[FIXTURES / "hypothetical-ecpt-denunciation.ttl"])
    before = _on(kg, "2026-10-31", context)
    assert iri("body", "CPT") in before.related(RUS, SUBJECT_TO)
    assert RUS in before.members(OG + "StateUnderVisitingBody")
    after = _on(kg, "2026-11-01", context)
    assert iri("body", "CPT") not in after.related(RUS, SUBJECT_TO)
    assert RUS not in after.members(OG + "StateUnderVisitingBody")
    assert RUS not in after.members(OG + "StateBoundByVisitingBodyTreaty")


def test_a_mandate_needs_no_consent(kg: KnowledgeGraph, context: Graph) -> None:
    # HRC resolution 49/1, adopted 4 March 2022 (ungeneva.org), mandates the Commission of
    # Inquiry on Ukraine over the conduct of Russia, party to no treaty that provides for it.
    assert RUS not in _on(kg, "2022-03-03", context).members(OG + "StateUnderConsentIndependentBody")
    assert RUS in _on(kg, "2022-03-04", context).members(OG + "StateUnderConsentIndependentBody")


def test_reason_on_a_date_for_a_state(cache_dir: Path, context: Graph, monkeypatch) -> None:
    monkeypatch.setenv("OBLIGRAPH_CACHE", str(cache_dir))
    result = CliRunner().invoke(app, ["reason", "--on", "2022-09-17", "--state", "Russia"])
    assert result.exit_code == 0, result.output
    lines = {line.split(":", 1)[0].strip(): line for line in result.output.splitlines() if ":" in line}
    assert "CPT" in lines["subject to"] and "ECtHR" not in lines["subject to"]
    assert "State under a court" in lines["not in"]
    assert "State under a visiting body" in lines["in"]


def test_state_needs_a_date() -> None:
    result = CliRunner().invoke(app, ["reason", "--state", "RUS"])
    assert result.exit_code == 2 and "--state needs --on" in result.output
