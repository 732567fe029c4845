"""Exports: RDF round trips against an independent parse of the sources, CSV tables, networks."""

from __future__ import annotations

import csv
import datetime as dt
import json
import zipfile
from decimal import Decimal
from pathlib import Path

import networkx as nx
import pytest
import rdflib
from rdflib.compare import isomorphic

from obligraph.diagrams.export import export
from obligraph.store import KnowledgeGraph, default_files
from tests.conftest import iri

ON = dt.date(2023, 1, 1)


def canonical(graph: rdflib.Graph) -> rdflib.Graph:
    """Numbers in canonical form. The store (pyoxigraph) keeps values, not lexical forms:
    "3.0"^^xsd:decimal comes back as "3", and "1"^^xsd:nonNegativeInteger as "1"^^xsd:integer."""
    out = rdflib.Graph()
    for s, p, o in graph:
        if isinstance(o, rdflib.Literal) and isinstance(o.toPython(), (int, Decimal)):
            number = o.toPython()
            if isinstance(number, Decimal):
                o = rdflib.Literal(format(number.normalize(), "f"), datatype=o.datatype)
            else:
                o = rdflib.Literal(str(number), datatype=rdflib.XSD.integer)
        out.add((s, p, o))
    return out


@pytest.fixture(scope="module")
def source_graph() -> rdflib.Graph:
    """The ontology and facts parsed by rdflib straight from the Turtle files (not via the store)."""
    g = rdflib.Graph()
    for path in default_files():
        g.parse(path, format="turtle")
    return canonical(g)


@pytest.mark.parametrize(("fmt", "parser"), [("ttl", "turtle"), ("nt", "nt"), ("jsonld", "json-ld")])
def test_whole_graph_round_trips(
    tmp_path: Path, kg: KnowledgeGraph, source_graph: rdflib.Graph, fmt: str, parser: str
) -> None:
    out = tmp_path / f"all.{fmt}"
    result = export(kg, fmt, out)
    assert result.items == len(kg)
    assert isomorphic(canonical(rdflib.Graph().parse(out, format=parser)), source_graph)


def test_jsonld_context(tmp_path: Path, kg: KnowledgeGraph) -> None:
    out = tmp_path / "rus.jsonld"
    export(kg, "jsonld", out, focus=iri("state", "RUS"), on=ON)
    data = json.loads(out.read_text())
    assert data["@context"]["og"] == "https://w3id.org/obligraph/ontology#"
    assert data["@context"]["time"] == "http://www.w3.org/2006/time#"
    ids = [n["@id"] for n in data["@graph"]]
    assert ids == sorted(ids)
    rus = next(n for n in data["@graph"] if n["@id"] == iri("state", "RUS"))
    assert "og:State" in str(rus["@type"])


def test_focus_export_keeps_the_focus_records(tmp_path: Path, kg: KnowledgeGraph) -> None:
    out = tmp_path / "rus.ttl"
    export(kg, "ttl", out, focus=iri("state", "RUS"), on=ON)
    g = rdflib.Graph().parse(out, format="turtle")
    subjects = {str(s) for s in g.subjects()}
    part = iri("participation", "RUS/ETS-126/1")
    assert part in subjects and part + "/interval" in subjects and part + "/start" in subjects
    assert iri("action", "RUS/ETS-126/1/denunciation/step/4") in subjects  # domestic steps
    assert iri("claim", "news-meduza-ratified") in subjects  # claims about the participation
    assert not any("/ALB/" in s for s in subjects), "another state's records leaked into the focus"
    start = rdflib.URIRef(part + "/start")
    time_in = rdflib.URIRef("http://www.w3.org/2006/time#inXSDDate")
    assert str(g.value(start, time_in)) == "1998-09-01"


def test_csv_one_table_per_kind(tmp_path: Path, kg: KnowledgeGraph) -> None:
    folder = tmp_path / "tables"
    export(kg, "csv", folder)
    names = {p.name for p in folder.iterdir()}
    assert {
        "state.csv",
        "treaty.csv",
        "body.csv",
        "membership.csv",
        "participation.csv",
        "claim.csv",
    } <= names
    with (folder / "state.csv").open() as f:
        states = list(csv.DictReader(f))
    # 193 UN members (country-converter's UNmember column), the observer states VAT and PSE, the
    # non-member UN treaty parties COK and NIU, and 5 historical states from ISO 3166-3 (SUHH, CSHH,
    # YUCS, DDDE, CSXX): 202.
    assert len(states) == 202 and {"iri", "id", "class"} <= set(states[0])
    with (folder / "participation.csv").open() as f:
        rows = {r["id"]: r for r in csv.DictReader(f)}
    ecpt = rows["participation/RUS/ETS-126/1"]
    assert ecpt["start"] == "1998-09-01" and ecpt["end"] == ""
    echr = rows["participation/RUS/ETS-005/1"]
    assert (echr["start"], echr["end"]) == ("1998-05-05", "2022-09-16")
    with (folder / "body.csv").open() as f:
        bodies = {r["id"]: r for r in csv.DictReader(f)}
    assert bodies["body/CPT"]["class"] == "TreatyBody"


def test_csv_zip_for_a_focus(tmp_path: Path, kg: KnowledgeGraph) -> None:
    out = tmp_path / "rus.zip"
    export(kg, "csv", out, focus=iri("state", "RUS"), on=ON)
    with zipfile.ZipFile(out) as archive:
        states = archive.read("state.csv").decode().splitlines()
    assert len(states) == 2 and "state/RUS" in states[1]  # header + Russia


@pytest.mark.parametrize("fmt", ["graphml", "gexf"])
def test_network_exports(tmp_path: Path, kg: KnowledgeGraph, fmt: str) -> None:
    out = tmp_path / f"all.{fmt}"
    export(kg, fmt, out, on=ON)
    g = nx.read_graphml(out) if fmt == "graphml" else nx.read_gexf(out)
    # Every node, whatever the date, counted by class in the Turtle sources: 202 states (as in the CSV
    # test); 4 organisations (CoE, EU, OAS, UN); 28 treaties: the 18 UN human-rights instruments, the
    # Rome Statute, ETS-001, ETS-005, ETS-126 and its Protocols ETS-151 and ETS-152, CETS-210, the OAS
    # Charter, the ACHR (OAS-B-32) and the VCLT (graph/treaties.ttl); 19 bodies: 12 of the UN (the 10 treaty bodies CERD, CESCR,
    # HRCttee, CEDAW, CAT, SPT, CRC, CMW, CRPD, CED; the Human Rights Council and the Commission of
    # Inquiry on Ukraine), 4 of the CoE (CM, ECtHR, CPT, GREVIO), 2 of the OAS (IACHR, IACtHR) and the
    # ICC; 4 resolutions (CM/Res(2022)2 and 3, ECOSOC 1985/17, HRC 49/1).
    assert g.number_of_nodes() == 202 + 4 + 28 + 19 + 4
    assert g.nodes["state/RUS"]["kind"] == "state"
