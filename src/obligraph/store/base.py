"""What every store shares: the row values, the term conversion, the query protocol and labels."""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable, Mapping
from decimal import Decimal
from typing import Any, Protocol, TypeVar

import pyoxigraph as ox

from obligraph.errors import QueryError
from obligraph.store.substitute import IRI as IRI
from obligraph.vocab import PREFIXES

Value = str | int | float | bool | dt.date | Decimal | None
Row = dict[str, Value]

XSD = "http://www.w3.org/2001/XMLSchema#"


def to_term(value: object) -> ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple:
    """A Python value as an RDF term for binding. Dates become xsd:date, IRI() a NamedNode."""
    if isinstance(value, IRI):
        return ox.NamedNode(value.value)
    if isinstance(value, bool):
        return ox.Literal("true" if value else "false", datatype=ox.NamedNode(XSD + "boolean"))
    if isinstance(value, dt.date):
        return ox.Literal(value.isoformat(), datatype=ox.NamedNode(XSD + "date"))
    if isinstance(value, int):
        return ox.Literal(str(value), datatype=ox.NamedNode(XSD + "integer"))
    if isinstance(value, str):
        return ox.Literal(value)
    raise QueryError(f"cannot bind a value of type {type(value).__name__}")


_PLAIN = (XSD + "string", "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString")
_INTEGERS = (XSD + "integer", XSD + "int", XSD + "long", XSD + "nonNegativeInteger")


@functools.lru_cache(maxsize=65536)
def _date(text: str) -> dt.date:
    return dt.date.fromisoformat(text[:10])


def from_term(term: object) -> Value:
    """An RDF term as a plain Python value: IRIs as str, typed literals as Python types.

    Called for every cell of every result, so the common cases come first (measured: 25% of a
    43k-row query's time at 1M triples went here before)."""
    kind = type(term)
    if kind is ox.NamedNode:
        return str(term.value)  # type: ignore[attr-defined]
    if term is None:
        return None
    if kind is ox.Literal:
        text: str = term.value  # type: ignore[attr-defined]
        datatype = term.datatype.value  # type: ignore[attr-defined]
        if datatype in _PLAIN:
            return text
        try:
            if datatype == XSD + "date":
                return _date(text)
            if datatype == XSD + "boolean":
                return text in ("true", "1")
            if datatype in _INTEGERS:
                return int(text)
            if datatype == XSD + "decimal":
                return Decimal(text)
        except ValueError:
            return text
        return text
    if kind is ox.BlankNode:
        return f"_:{term.value}"  # type: ignore[attr-defined]
    return str(term)


class SparqlGraph(Protocol):
    """What the analyses need from a store: SELECT/ASK with bound parameters, and labels.

    Implemented by :class:`KnowledgeGraph` (embedded pyoxigraph, the default),
    :class:`obligraph.store.rdflib_graph.RdflibGraph` (rdflib in memory) and
    :class:`obligraph.store.remote.RemoteGraph` (any SPARQL 1.1 endpoint). Every implementation
    returns the same rows for the same query: values converted by :func:`from_term`.
    """

    def query(self, text: str, bindings: Mapping[str, object] | None = None) -> list[Row]: ...

    def ask(self, text: str, bindings: Mapping[str, object] | None = None) -> bool: ...

    def label(self, iri: str) -> str: ...


DESCRIBE_QUERY = """SELECT ?s ?label ?short WHERE {
  { ?s skos:prefLabel|rdfs:label ?label }
  UNION { ?s skosxl:altLabel ?name . ?name a og:ShortName ; skosxl:literalForm ?short }
}"""

T = TypeVar("T")


def remembered(graph: object, key: tuple[object, ...], compute: Callable[[], T], dated: bool = False) -> T:
    """``compute()``, remembered per graph under ``key`` for what no scenario changes (labels,
    names, article labels, sources, clauses). A graph without a ``memo`` dict remembers nothing;
    a scenario overlay shares its base graph's (:class:`obligraph.store.overlay.OverlayGraph`).
    ``dated``: an answer a scenario may change (who holds which power on a day), remembered only
    on a graph that is not a scenario's view."""
    memo: dict[tuple[object, ...], Any] | None = getattr(graph, "memo", None)
    if memo is None or (dated and getattr(graph, "scenario", False)):
        return compute()
    try:
        value: T = memo[key]
    except KeyError:
        value = memo[key] = compute()
    return value


def _describe(graph: SparqlGraph, iri: str) -> tuple[str, str | None]:
    rows = graph.query(DESCRIBE_QUERY, {"s": IRI(iri)})
    labels = sorted(str(r["label"]) for r in rows if r["label"] is not None)
    shorts = sorted(str(r["short"]) for r in rows if r["short"] is not None)
    return (labels[0] if labels else iri.rsplit("/", 1)[-1]), (shorts[0] if shorts else None)


def describe(graph: SparqlGraph, iri: str) -> tuple[str, str | None]:
    """``iri``'s label (its preferred label, the first in order, or its last path segment) and
    its short name (the og:ShortName researchers write: ICCPR, Russia), if it has one."""
    return remembered(graph, ("describe", iri), lambda: _describe(graph, iri))


def label_of(graph: SparqlGraph, iri: str) -> str:
    """The preferred label of ``iri`` (the first in order), or its last path segment."""
    return describe(graph, iri)[0]


def short_name_of(graph: SparqlGraph, iri: str) -> str | None:
    """The short name researchers write for ``iri`` (``ICCPR``, ``Russia``), or None."""
    return describe(graph, iri)[1]


def name_of(graph: SparqlGraph, iri: str) -> str:
    """The name an answer shows for ``iri``: its short name, else its label."""
    label, short = describe(graph, iri)
    return short or label


def prefix_block() -> str:
    """The PREFIX declarations of :data:`obligraph.vocab.PREFIXES`, for stores that need them."""
    return "".join(f"PREFIX {p}: <{ns}>\n" for p, ns in PREFIXES.items())
