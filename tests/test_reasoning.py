"""HermiT through owlready2 (and the OWL-RL fallback): consistency, culprits, unsatisfiable
classes, and the members inferred for the ontology's defined classes."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from rdflib import Graph

from obligraph import paths
from obligraph.reasoning.reason import Reasoning, java, quickxplain, reason
from obligraph.reasoning.sampling import sample_facts
from obligraph.store import default_files
from tests.conftest import FIXTURES, iri

OG = "https://w3id.org/obligraph/ontology#"
ONTOLOGY = paths.data_root() / "ontology" / "obligraph.ttl"
# Skips only off CI: with CI=true, .ci/run has installed a JRE and these tests must run.
needs_java = pytest.mark.skipif(
    java() is None and os.environ.get("CI", "").lower() != "true",
    reason="HermiT needs Java (CI installs default-jre-headless)",
)


def _ontology() -> Graph:
    return Graph().parse(ONTOLOGY)


def _facts(*names: str) -> Graph:
    g = Graph()
    for name in names:
        g.parse(FIXTURES / name)
    return g


@pytest.fixture(scope="session")
def sample_result() -> Reasoning:
    if java() is None and os.environ.get("CI", "").lower() != "true":
        pytest.skip("HermiT needs Java")
    return reason(_ontology(), sample_facts(default_files()[1:]), engine="hermit")


def _members(result: Reasoning, name: str) -> set[str]:
    return {m for c in result.inferred if c.iri == OG + name for m in c.members}


@needs_java
def test_hermit_finds_the_sample_consistent(sample_result: Reasoning) -> None:
    assert sample_result.engine.startswith("HermiT")
    assert sample_result.consistent and sample_result.unsatisfiable == ()


@needs_java
def test_visiting_bodies_are_inferred(sample_result: Reasoning) -> None:
    # ECPT Art. 1 establishes the CPT, which examines "by means of visits" (likumi.lv text of the
    # ECPT, cited in graph/coe-bodies.ttl); OPCAT Art. 11(a): the SPT visits places of
    # deprivation of liberty (OPIL commentary, cited in graph/un-bodies.ttl).
    assert {iri("body", "CPT"), iri("body", "SPT")} <= _members(sample_result, "VisitingBody")
    assert iri("body", "ECtHR") not in _members(sample_result, "VisitingBody")
    treaties = _members(sample_result, "TreatyEstablishingVisitingBody")
    assert {iri("treaty", "ETS-126"), iri("treaty", "UN-IV-9-b")} <= treaties
    assert iri("treaty", "ETS-005") not in treaties
    # Russia ratified the ECPT (coe.int/ru/web/cpt/-/-1): a party, at some time, to such a treaty.
    assert iri("state", "RUS") in _members(sample_result, "PartyToVisitingBodyTreaty")


@needs_java
def test_consent_based_and_consent_independent_bodies(sample_result: Reasoning) -> None:
    # The Commission of Inquiry on Ukraine has its mandate from HRC resolution 49/1 (ungeneva.org,
    # 4 March 2022), not from a treaty; the CPT and the ECtHR from ECPT Art. 1 and ECHR Art. 19.
    independent = _members(sample_result, "ConsentIndependentBody")
    consent_based = _members(sample_result, "ConsentBasedBody")
    assert iri("body", "COI-Ukraine") in independent
    assert iri("body", "COI-Ukraine") not in consent_based
    assert {iri("body", "CPT"), iri("body", "ECtHR")} <= consent_based
    assert not ({iri("body", "CPT"), iri("body", "ECtHR")} & independent)


@needs_java
def test_treaties_open_to_non_members(sample_result: Reasoning) -> None:
    # ECPT: "open for signature by the member States and for accession by non-member States"
    # (coe.int treaty page, since Protocol No. 1); ECHR Art. 59(1): open to members only
    # (nwb.de text).
    open_treaties = _members(sample_result, "TreatyOpenToNonMembers")
    assert iri("treaty", "ETS-126") in open_treaties
    assert iri("treaty", "ETS-005") not in open_treaties


@needs_java
def test_hermit_finds_the_inconsistent_fixture_and_names_the_individual() -> None:
    result = reason(_ontology(), _facts("inconsistent-state-organisation.ttl"), engine="hermit")
    assert not result.consistent
    assert result.culprits == ("https://example.org/fixture/state-and-organisation",)
    assert result.explanation[0].startswith("owlready2: OwlReadyInconsistentOntologyError")
    assert any("Disjoint classes" in line and "state-and-organisation" in line for line in result.explanation)


@needs_java
def test_hermit_names_every_culprit_of_a_two_subject_inconsistency() -> None:
    result = reason(_ontology(), _facts("inconsistent-declarant.ttl"), engine="hermit")
    assert not result.consistent
    assert set(result.culprits) == {
        "https://example.org/fixture/declaration",
        "https://example.org/fixture/organisation",
    }


@needs_java
def test_hermit_names_an_unsatisfiable_class() -> None:
    result = reason(_ontology(), _facts("unsatisfiable-class.ttl"), engine="hermit")
    assert result.consistent
    assert result.unsatisfiable == ("https://example.org/fixture/Chimera",)
    assert not result.clean


def test_without_java_it_says_so_and_falls_back_to_owlrl(monkeypatch, tmp_path: Path) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))  # a PATH with no java on it
    assert java() is None
    result = reason(_ontology(), _facts("inconsistent-state-organisation.ttl"))
    assert result.engine == "OWL-RL (owlrl)"
    assert any("Java was not found" in note for note in result.notes)
    assert not result.consistent
    assert any("Disjoint classes" in line for line in result.explanation)


def test_owlrl_infers_the_defined_classes_too() -> None:
    facts = Graph().parse(paths.data_root() / "graph" / "coe-bodies.ttl")
    result = reason(_ontology(), facts, engine="owlrl")
    assert result.consistent
    # ECPT Art. 1 and 7(1): the CPT visits places of detention (graph/coe-bodies.ttl).
    assert _members(result, "VisitingBody") == {iri("body", "CPT")}


def test_quickxplain_finds_a_minimal_conflict() -> None:
    items = list("abcdefgh")

    def consistent(chosen) -> bool:
        return not {"c", "f"} <= set(chosen)

    assert sorted(quickxplain(items, consistent)) == ["c", "f"]
    assert quickxplain(items, lambda chosen: True) == []

    def two_conflicts(chosen) -> bool:
        return not ({"b"} <= set(chosen) or {"e", "g"} <= set(chosen))

    found = set(quickxplain(items, two_conflicts))
    assert found in ({"b"}, {"e", "g"})
