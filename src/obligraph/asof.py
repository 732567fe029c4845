"""Dated classes: which states fall in a time-dependent class on one date.

Memberships and participations hold over intervals, so "under the ECtHR" is true of Russia on
2022-09-15 and false on 2022-09-16: no plain OWL class can say that. This module materialises
the dated relations of one date (the named query ``dated-relations``: og:boundBy, org:memberOf,
og:subjectTo) as a snapshot graph, adds what is known of the things the snapshot mentions (their
asserted and, when the store holds the OWL-RL closure, inferred types), and lets the OWL-RL
rules put the states into the ontology's dated classes (those annotated ``og:dated true``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, XSD

from obligraph import paths
from obligraph.queries import run_named
from obligraph.reason import ClassMembers, defined_classes
from obligraph.store import KnowledgeGraph
from obligraph.vocab import ID, OG


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


def classify(kg: KnowledgeGraph, on: dt.date, ontology: Graph | None = None) -> DatedClasses:
    """The members of each dated class on ``on``. Load ``kg`` with
    :func:`obligraph.inference.load_with_inferences` so the classes the dated ones build on
    (a visiting body, a court, ...) are known; with asserted facts alone only asserted types are."""
    from obligraph.inference import closure_of

    tbox = ontology if ontology is not None else _ontology()
    relations = relations_on(kg, on)
    data = snapshot(relations, on)
    nodes = {URIRef(r.state) for r in relations} | {URIRef(r.object) for r in relations}
    for row in kg.query("SELECT ?thing ?type WHERE { ?thing a ?type } ORDER BY ?thing ?type"):
        thing = URIRef(str(row["thing"]))
        if thing in nodes:
            data.add((thing, RDF.type, URIRef(str(row["type"]))))
    inferred, _ = closure_of(tbox + data)
    everything = data + inferred
    classes = []
    for iri, label in defined_classes(tbox, dated=True):
        members = sorted(str(s) for s in everything.subjects(RDF.type, URIRef(iri)) if isinstance(s, URIRef))
        classes.append(ClassMembers(iri, label, tuple(members)))
    return DatedClasses(on, relations, tuple(classes))


def _ontology() -> Graph:
    return Graph().parse(paths.data_root() / "ontology" / "obligraph.ttl", format="turtle")
