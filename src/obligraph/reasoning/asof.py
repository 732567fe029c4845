"""Dated classes: which states fall in a time-dependent class on one date.

Memberships and participations hold over intervals, so "under the ECtHR" is true of Russia on
2022-09-15 and false on 2022-09-16: no plain OWL class can say that. This module materialises
the dated relations of one date (the named query ``dated-relations``: og:boundBy, org:memberOf,
og:subjectTo) as a snapshot graph, adds the asserted and inferred types of the things the
snapshot mentions (the inferred ones from the cached OWL-RL closure of the facts that concern no
particular state), and lets the OWL-RL rules put the states into the ontology's dated classes
(those annotated ``og:dated true``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, XSD

from obligraph import paths
from obligraph.queries import run_named
from obligraph.rdf_terms import ID, OG
from obligraph.reasoning.reason import ClassMembers, defined_classes
from obligraph.store import KnowledgeGraph


@dataclass(frozen=True)
class Relation:
    state: str
    relation: str
    object: str


@dataclass(frozen=True)
class DatedClasses:
    on: dt.date
    relations: tuple[Relation, ...]
    classes: tuple[ClassMembers, ...]

    def members(self, class_iri: str) -> tuple[str, ...]:
        for c in self.classes:
            if c.iri == class_iri:
                return c.members
        raise KeyError(class_iri)

    def related(self, state_iri: str, relation_iri: str) -> tuple[str, ...]:
        return tuple(r.object for r in self.relations if r.state == state_iri and r.relation == relation_iri)


def snapshot_iri(on: dt.date) -> URIRef:
    return URIRef(f"{ID}snapshot/{on.isoformat()}")


def relations_on(kg: KnowledgeGraph, on: dt.date) -> tuple[Relation, ...]:
    rows = run_named(kg, "dated-relations", on=on)
    return tuple(Relation(str(r["state"]), str(r["relation"]), str(r["object"])) for r in rows)


def snapshot(relations: Iterable[Relation], on: dt.date) -> Graph:
    """The dated relations as triples, with a node naming the snapshot's date."""
    graph = Graph()
    graph.bind("og", str(OG))
    node = snapshot_iri(on)
    graph.add((node, OG.snapshotDate, Literal(on.isoformat(), datatype=XSD.date)))
    for r in relations:
        graph.add((URIRef(r.state), URIRef(r.relation), URIRef(r.object)))
    return graph


def classify(
    kg: KnowledgeGraph, on: dt.date, *, context: Graph | None = None, ontology: Graph | None = None
) -> DatedClasses:
    """The members of each dated class on ``on``.

    The dated classes build on classes of the things a state is related to (a visiting body, a
    court, a treaty establishing one), so the types of those things must be known: those the
    store asserts, plus those in ``context`` (default: the cached OWL-RL closure of the graph's
    facts that concern no particular state, :func:`state_independent_closure`)."""
    from obligraph.reasoning.inference import closure_of

    tbox = ontology if ontology is not None else _ontology()
    known = context if context is not None else state_independent_closure()
    relations = relations_on(kg, on)
    data = snapshot(relations, on)
    nodes = {URIRef(r.state) for r in relations} | {URIRef(r.object) for r in relations}
    for row in kg.query("SELECT ?thing ?type WHERE { ?thing a ?type } ORDER BY ?thing ?type"):
        thing = URIRef(str(row["thing"]))
        if thing in nodes:
            data.add((thing, RDF.type, URIRef(str(row["type"]))))
    for node in nodes:
        for cls in known.objects(node, RDF.type):
            data.add((node, RDF.type, cls))
    inferred, _ = closure_of(tbox + data)
    everything = data + inferred
    classes = []
    for iri, label in defined_classes(tbox, dated=True):
        members = sorted(str(s) for s in everything.subjects(RDF.type, URIRef(iri)) if isinstance(s, URIRef))
        classes.append(ClassMembers(iri, label, tuple(members)))
    return DatedClasses(on, relations, tuple(classes))


def state_independent_closure(files: Sequence[Path] | None = None) -> Graph:
    """The inferred triples of the facts that concern no particular state (treaties, bodies,
    powers, clauses, organisations), from the cache or computed once (seconds, not minutes)."""
    from obligraph.reasoning.inference import materialise

    closure = materialise(files, sample_states=())
    return Graph().parse(closure.path, format="nt")


def _ontology() -> Graph:
    return Graph().parse(paths.data_root() / "ontology" / "obligraph.ttl", format="turtle")
