"""The OWL-RL closure (owlrl): inferred triples, the cache keyed by the inputs, and queries
that use it."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import OWL, RDF
from typer.testing import CliRunner

from obligraph import paths
from obligraph.cli import app
from obligraph.reasoning.inference import input_key, load_with_inferences, materialise
from tests.conftest import FIXTURES, iri

OG = "https://w3id.org/obligraph/ontology#"
ONTOLOGY = paths.data_root() / "ontology" / "obligraph.ttl"
BODIES = paths.data_root() / "graph" / "coe-bodies.ttl"


@pytest.fixture
def cache(monkeypatch, tmp_path: Path) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv("OBLIGRAPH_CACHE", str(folder))
    return folder


def test_closure_is_computed_once_then_read_from_the_cache(cache: Path) -> None:
    first = materialise([ONTOLOGY, BODIES])
    assert not first.from_cache and first.path.parent == cache and first.path.is_file()
    again = materialise([ONTOLOGY, BODIES])
    assert again.from_cache and again.key == first.key and again.inferred == first.inferred
    refreshed = materialise([ONTOLOGY, BODIES], refresh=True)
    assert not refreshed.from_cache


def test_a_changed_input_changes_the_key(cache: Path, tmp_path: Path) -> None:
    copy = tmp_path / "coe-bodies.ttl"
    shutil.copy(BODIES, copy)
    before = input_key([ONTOLOGY, copy])
    with copy.open("a", encoding="utf-8") as handle:
        handle.write("\n<https://example.org/x> a <https://w3id.org/obligraph/ontology#Court> .\n")
    assert input_key([ONTOLOGY, copy]) != before


def test_inferred_triples_are_plain_and_useful(cache: Path) -> None:
    closure = materialise([ONTOLOGY, BODIES])
    inferred = Graph().parse(closure.path, format="nt")
    # ECPT Art. 1 and 7(1) (graph/coe-bodies.ttl): the CPT visits; nothing asserts VisitingBody.
    assert (URIRef(iri("body", "CPT")), RDF.type, URIRef(OG + "VisitingBody")) in inferred
    # og:holdsPower is the inverse of og:heldBy: inferred from the power's og:heldBy.
    assert (
        URIRef(iri("body", "CPT")),
        URIRef(OG + "holdsPower"),
        URIRef(iri("power", "CPT-visits")),
    ) in inferred
    assert not any(isinstance(s, Literal) for s in inferred.subjects())
    assert not any(s == o for s, o in inferred.subject_objects(OWL.sameAs))
    assert (None, RDF.type, OWL.Thing) not in inferred


def test_load_with_inferences_answers_queries_about_inferred_classes(cache: Path) -> None:
    kg = load_with_inferences([ONTOLOGY, BODIES])
    rows = kg.query("SELECT ?b WHERE { ?b a og:VisitingBody } ORDER BY ?b")
    assert [r["b"] for r in rows] == [iri("body", "CPT")]


def test_query_inferred_option(cache: Path, monkeypatch, tmp_path: Path) -> None:
    home = tmp_path / "home"
    for part in ("ontology", "queries"):
        shutil.copytree(paths.data_root() / part, home / part)
    (home / "graph").mkdir()
    shutil.copy(BODIES, home / "graph" / "coe-bodies.ttl")
    monkeypatch.setenv("OBLIGRAPH_HOME", str(home))
    runner = CliRunner()
    query = str(FIXTURES / "visiting-bodies.rq")
    plain = runner.invoke(app, ["query", query, "--format", "csv"])
    assert plain.exit_code == 0, plain.output
    assert "body/CPT" not in plain.output
    inferred = runner.invoke(app, ["query", query, "--format", "csv", "--inferred"])
    assert inferred.exit_code == 0, inferred.output
    assert inferred.output.splitlines() == ["body", iri("body", "CPT")]


def test_the_cache_keeps_a_few_entries_per_scope(cache: Path, tmp_path: Path) -> None:
    from obligraph.reasoning.inference import KEEP_PER_SCOPE

    copy = tmp_path / "coe-bodies.ttl"
    shutil.copy(BODIES, copy)
    for n in range(KEEP_PER_SCOPE + 1):
        with copy.open("a", encoding="utf-8") as handle:
            handle.write(f"\n<https://example.org/x{n}> a <https://w3id.org/obligraph/ontology#Court> .\n")
        materialise([ONTOLOGY, copy])
    assert len(list(cache.glob("closure-all-*.json"))) == KEEP_PER_SCOPE
    assert len(list(cache.glob("closure-all-*.nt"))) == KEEP_PER_SCOPE
