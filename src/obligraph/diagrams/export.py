"""Export the graph, whole or around a focus, for other tools: Turtle, N-Triples and JSON-LD (with
a context of the vocabularies' prefixes), CSV (one table per kind, for pandas and R), GraphML and
GEXF (the relationship network, for Gephi).

The focus of an RDF or CSV export is the set of resources a relationship diagram of the focus
draws (its nodes and the records behind its edges), closed over what describes them: intervals
and their instants, the treaty actions that start or end a participation, membership events and
domestic steps, the articles granting powers, and the claims made about any of these.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
import zipfile
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox
import rdflib

from obligraph.diagrams import formats, graphml
from obligraph.diagrams.model import Diagram, build, whole
from obligraph.errors import BadParameterError
from obligraph.store import IRI, KnowledgeGraph
from obligraph.vocab import PREFIXES

EXPORT_FORMATS = ("ttl", "nt", "jsonld", "csv", "graphml", "gexf")
_RDF = {"ttl": "turtle", "nt": "nt", "jsonld": "json-ld"}
OG = PREFIXES["og"]
_FOLLOW = {
    OG + "during",
    "http://www.w3.org/ns/org#memberDuring",
    "http://www.w3.org/2006/time#hasBeginning",
    "http://www.w3.org/2006/time#hasEnd",
    OG + "establishedByAction",
    OG + "endedByAction",
    OG + "grantedBy",
    OG + "establishedBy",
    OG + "period",
    OG + "computedBy",
    "http://www.w3.org/2008/05/skos-xl#altLabel",  # a short name and its source
}
_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
# Tables of the CSV export: classes folded into one table per kind.
_TABLE_OF = {
    "HistoricalState": "state",
    "Protocol": "treaty",
    "OrganBody": "body",
    "MonitoringBody": "body",
    "TreatyBody": "body",
    "Court": "body",
    "MandateBody": "body",
    "NewsReport": "source",
    "DataSet": "source",
}


@dataclass(frozen=True)
class ExportResult:
    path: Path
    format: str
    items: int  # triples, table rows, or nodes
    what: str  # "triples", "rows in 14 tables", "nodes"


def export(
    kg: KnowledgeGraph,
    fmt: str,
    out: Path,
    focus: str | None = None,
    on: dt.date | None = None,
    depth: int = 1,
    force: bool = False,
) -> ExportResult:
    """Write ``kg`` (or the neighbourhood of the ``focus`` IRI) to ``out`` in ``fmt``. A path in
    the project's own ontology/, graph/ or queries/ is refused unless ``force``."""
    if fmt not in EXPORT_FORMATS:
        raise BadParameterError(f"unknown export format {fmt!r}; choose one of {', '.join(EXPORT_FORMATS)}")
    if fmt == "csv" and out.suffix.lower() != ".zip":
        _check_folder(out, force)
    else:
        formats.check_writable(out, force)
    day = on or dt.date.today()
    if fmt in ("graphml", "gexf"):
        diagram = build(kg, focus, day, depth, max_nodes=10**6) if focus else whole(kg, day)
        data = graphml.to_graphml(diagram) if fmt == "graphml" else graphml.to_gexf(diagram)
        formats.write_bytes(out, data)
        return ExportResult(out, fmt, len(diagram.nodes), "nodes")
    resources = focus_resources(kg, build(kg, focus, day, depth, max_nodes=10**6)) if focus else None
    if fmt == "csv":
        tables = csv_tables(kg, resources)
        if out.suffix.lower() == ".zip":
            formats.write_bytes(out, _zip(tables))
        else:
            out.mkdir(exist_ok=True)
            for name, text in tables.items():
                formats.write_bytes(out / name, text.encode("utf-8"))
        rows = sum(len(t.splitlines()) - 1 for t in tables.values())
        return ExportResult(out, fmt, rows, f"rows in {len(tables)} tables")
    graph = rdf_graph(kg, resources)
    formats.write_bytes(out, serialize(graph, fmt))
    return ExportResult(out, fmt, len(graph), "triples")


def focus_resources(kg: KnowledgeGraph, diagram: Diagram) -> set[str]:
    """The IRIs an export of ``diagram``'s focus covers (see the module docstring)."""
    seeds = {n.iri for n in diagram.nodes if n.iri}
    for e in diagram.edges:
        seeds.update((e.fact or "").split())
    found: set[str] = set()
    todo = sorted(seeds)
    while todo:
        iri = todo.pop()
        if iri in found:
            continue
        found.add(iri)
        for r in kg.query("SELECT ?s ?p ?o WHERE { ?s ?p ?o } ORDER BY ?p ?o", {"s": IRI(iri)}):
            o = r["o"]
            if isinstance(o, str) and o.startswith("http") and (r["p"] in _FOLLOW or o.startswith(iri + "/")):
                todo.append(o)
        for r in kg.query(
            "SELECT ?p ?action WHERE { ?p og:party ?state ; og:treaty ?treaty . "
            "?action og:actor ?state ; og:treaty ?treaty } ORDER BY ?action",
            {"p": IRI(iri)},
        ):
            todo.append(str(r["action"]))  # every treaty action behind a participation, pending ones too
        for r in kg.query(
            "SELECT ?x ?p ?o WHERE { ?x ?p ?o . FILTER(?p IN (og:claimAbout, og:stepOf, "
            "og:startsMembership, og:endsMembership)) } ORDER BY ?x",
            {"o": IRI(iri)},
        ):
            todo.append(str(r["x"]))
    return found


def rdf_graph(kg: KnowledgeGraph, resources: set[str] | None = None) -> rdflib.Graph:
    """An rdflib graph of every triple (or those whose subject is in ``resources``)."""
    graph = rdflib.Graph()
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace)
    if resources is None:
        quads: Iterable[ox.Quad] = kg.store.quads_for_pattern(None, None, None, None)
    else:
        quads = (
            q for iri in sorted(resources) for q in kg.store.quads_for_pattern(ox.NamedNode(iri), None, None)
        )
    for q in quads:
        graph.add((_term(q.subject), _term(q.predicate), _term(q.object)))
    return graph


def serialize(graph: rdflib.Graph, fmt: str) -> bytes:
    """Stable text: N-Triples sorted, Turtle as rdflib sorts it, JSON-LD sorted by subject."""
    if fmt == "nt":
        lines = sorted(line for line in graph.serialize(format="nt").splitlines() if line.strip())
        return ("\n".join(lines) + "\n").encode("utf-8")
    if fmt == "jsonld":
        return jsonld(graph).encode("utf-8")
    return graph.serialize(format=_RDF[fmt]).encode("utf-8")


def jsonld_context() -> dict[str, object]:
    return {"@context": dict(sorted(PREFIXES.items()))}


def jsonld(graph: rdflib.Graph) -> str:
    text = graph.serialize(format="json-ld", context=jsonld_context()["@context"], auto_compact=True)
    data = json.loads(text)
    nodes = data.get("@graph", [data] if "@id" in data else [])
    for node in nodes:
        for key, value in node.items():
            if isinstance(value, list):
                node[key] = sorted(value, key=lambda v: json.dumps(v, sort_keys=True))
    ordered = {
        "@context": data.get("@context", jsonld_context()["@context"]),
        "@graph": sorted(nodes, key=lambda n: str(n.get("@id"))),
    }
    return json.dumps(ordered, indent=1, sort_keys=True, ensure_ascii=False) + "\n"


def csv_tables(kg: KnowledgeGraph, resources: set[str] | None = None) -> dict[str, str]:
    """One CSV text per kind (file name -> text). Columns: iri, id, class, then one per property
    (local name; several values joined with ' | '); intervals become ``start`` and ``end``."""
    intervals: dict[str, tuple[str, str]] = {}
    for r in kg.query(
        "SELECT ?i ?start ?end WHERE { ?i a time:Interval . "
        "OPTIONAL { ?i time:hasBeginning/time:inXSDDate ?start } OPTIONAL { ?i time:hasEnd/time:inXSDDate ?end } } ORDER BY ?i"
    ):
        intervals[str(r["i"])] = (_cell(r["start"]), _cell(r["end"]))
    rows: dict[str, dict[str, dict[str, list[str]]]] = defaultdict(
        lambda: defaultdict(lambda: defaultdict(list))
    )
    for r in kg.query(
        "SELECT ?s ?class ?p ?o WHERE { ?s a ?class ; ?p ?o . FILTER(STRSTARTS(STR(?class), STR(og:))) } ORDER BY ?s ?p ?o"
    ):
        subject = str(r["s"])
        if resources is not None and subject not in resources:
            continue
        cls = str(r["class"]).removeprefix(OG)
        table = _TABLE_OF.get(cls, _snake(cls))
        row = rows[table][subject]
        if cls not in row["class"]:
            row["class"].append(cls)
        prop = re.split(r"[#/]", str(r["p"]))[-1]
        if prop == "type":
            continue
        value = r["o"]
        if isinstance(value, str) and value in intervals:
            start, end = intervals[value]
            row["start"].append(start)
            row["end"].append(end)
            continue
        text = _cell(value)
        if text not in row[prop]:
            row[prop].append(text)
    out: dict[str, str] = {}
    for table, subjects in sorted(rows.items()):
        columns = sorted({c for row in subjects.values() for c in row} - {"class", "start", "end"})
        extra = [c for c in ("start", "end") if any(c in row for row in subjects.values())]
        header = ["iri", "id", "class", *extra, *columns]
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow(header)
        for subject, row in sorted(subjects.items()):
            writer.writerow(
                [subject, subject.rsplit("/id/", 1)[-1], " | ".join(sorted(row["class"]))]
                + [" | ".join(row.get(c, [])) for c in [*extra, *columns]]
            )
        out[f"{table}.csv"] = buffer.getvalue()
    return out


def _check_folder(out: Path, force: bool) -> None:
    """A CSV export goes to a folder (created if missing) or a .zip file."""
    if out.exists() and not out.is_dir():
        raise BadParameterError(
            f"cannot write CSV tables to {out}: it is a file (give a folder or a .zip name)"
        )
    formats.check_writable(out, force)
    formats.check_writable(out / "state.csv" if out.is_dir() else out, force)


def _zip(tables: dict[str, str]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in sorted(tables.items()):
            info = zipfile.ZipInfo(name, date_time=(2000, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, text)
    return buffer.getvalue()


def _term(term: object) -> rdflib.term.Node:
    if isinstance(term, ox.NamedNode):
        return rdflib.URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return rdflib.BNode(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return rdflib.Literal(term.value, lang=term.language)
        if term.datatype.value == _XSD_STRING:  # RDF 1.1: a simple literal is an xsd:string
            return rdflib.Literal(term.value)
        return rdflib.Literal(term.value, datatype=rdflib.URIRef(term.datatype.value))
    raise TypeError(f"unexpected term {term!r}")


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.date):
        return value.isoformat()
    text = str(value)
    return text.removeprefix(OG) if text.startswith(OG) else text


def _snake(name: str) -> str:
    return re.sub(r"(?<!^)(?=[A-Z])", "_", name).lower()
