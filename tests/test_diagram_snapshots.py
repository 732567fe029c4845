"""Golden files for a small fixed focus: the Commission of Inquiry on Ukraine on 2023-01-01.

Regenerate with ``pytest tests/test_diagram_snapshots.py --snapshot-update`` and review the diff.
DOT and Mermaid are compared as text; JSON-LD (and Turtle) by RDF graph isomorphism after
dropping volatile triples (timestamps), so serialiser ordering never makes a false failure.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import rdflib
from rdflib.compare import graph_diff, isomorphic, to_isomorphic

from obligraph.diagrams import to_dot, to_mermaid
from obligraph.diagrams.export import focus_resources, rdf_graph, serialize
from obligraph.diagrams.model import Diagram, build
from obligraph.store import KnowledgeGraph
from tests.conftest import iri

SNAPSHOTS = Path(__file__).parent / "__snapshots__"
VOLATILE = {
    rdflib.URIRef("http://www.w3.org/ns/prov#generatedAtTime"),
    rdflib.URIRef("http://purl.org/dc/terms/modified"),
}


@pytest.fixture(scope="module")
def coi(kg: KnowledgeGraph) -> Diagram:
    # HRC resolution 49/1 of 4 March 2022 set up the Commission (graph/un-bodies.ttl, ungeneva.org);
    # its mandate concerns Russia and Ukraine, so on 2023-01-01 it has powers over both.
    return build(kg, iri("body", "COI-Ukraine"), dt.date(2023, 1, 1), depth=1)


def check_text(request: pytest.FixtureRequest, name: str, actual: str) -> None:
    path = SNAPSHOTS / name
    if request.config.getoption("--snapshot-update"):
        path.write_text(actual, encoding="utf-8")
        return
    assert path.is_file(), f"{path} is missing: run pytest with --snapshot-update"
    assert actual == path.read_text(encoding="utf-8"), f"{name} differs from its golden file"


def stable(graph: rdflib.Graph) -> rdflib.Graph:
    out = rdflib.Graph()
    for triple in graph:
        if triple[1] not in VOLATILE:
            out.add(triple)
    return out


def check_rdf(request: pytest.FixtureRequest, name: str, actual: str, fmt: str) -> None:
    path = SNAPSHOTS / name
    if request.config.getoption("--snapshot-update"):
        path.write_text(actual, encoding="utf-8")
        return
    assert path.is_file(), f"{path} is missing: run pytest with --snapshot-update"
    got = stable(rdflib.Graph().parse(data=actual, format=fmt))
    want = stable(rdflib.Graph().parse(path, format=fmt))
    if not isomorphic(got, want):
        _, only_got, only_want = graph_diff(to_isomorphic(got), to_isomorphic(want))
        pytest.fail(
            f"{name}: graphs differ\nonly in output:\n{only_got.serialize(format='nt')}\n"
            f"only in golden file:\n{only_want.serialize(format='nt')}"
        )


def test_focus_is_what_the_sources_say(coi: Diagram) -> None:
    keys = {n.key for n in coi.nodes}
    assert keys == {"body/COI-Ukraine", "org/UN", "resolution/HRC-49-1", "state/RUS", "state/UKR"}
    powers = {(e.source, e.target) for e in coi.edges if e.relation == "has-power-over"}
    assert powers == {("body/COI-Ukraine", "state/RUS"), ("body/COI-Ukraine", "state/UKR")}
    established = [e for e in coi.edges if e.relation == "establishes"]
    assert [(e.source, e.target) for e in established] == [("resolution/HRC-49-1", "body/COI-Ukraine")]


def test_dot_snapshot(request: pytest.FixtureRequest, coi: Diagram) -> None:
    check_text(request, "coi-ukraine-2023-01-01.dot", to_dot(coi))


def test_mermaid_snapshot(request: pytest.FixtureRequest, coi: Diagram) -> None:
    check_text(request, "coi-ukraine-2023-01-01.mmd", to_mermaid(coi))


def test_jsonld_snapshot(request: pytest.FixtureRequest, kg: KnowledgeGraph, coi: Diagram) -> None:
    graph = rdf_graph(kg, focus_resources(kg, coi))
    check_rdf(request, "coi-ukraine-2023-01-01.jsonld", serialize(graph, "jsonld").decode(), "json-ld")


def test_turtle_snapshot(request: pytest.FixtureRequest, kg: KnowledgeGraph, coi: Diagram) -> None:
    graph = rdf_graph(kg, focus_resources(kg, coi))
    check_rdf(request, "coi-ukraine-2023-01-01.ttl", serialize(graph, "ttl").decode(), "turtle")
