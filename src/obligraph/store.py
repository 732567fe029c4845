"""The knowledge graph in an embedded store, and how it is loaded and queried.

The default store is pyoxigraph (measured against rdflib in ``scripts/bench_stores.py``; the
numbers are in the README). Queries take parameters as bindings, never as pasted text.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal
from pathlib import Path
from typing import Protocol

import pyoxigraph as ox

from obligraph import ordering, paths
from obligraph.errors import QueryError, TurtleSyntaxError
from obligraph.substitute import IRI as IRI
from obligraph.substitute import substitute
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
    :class:`obligraph.rdflib_store.RdflibGraph` (rdflib in memory) and
    :class:`obligraph.remote.RemoteGraph` (any SPARQL 1.1 endpoint). Every implementation
    returns the same rows for the same query: values converted by :func:`from_term`.
    """

    def query(self, text: str, bindings: Mapping[str, object] | None = None) -> list[Row]: ...

    def ask(self, text: str, bindings: Mapping[str, object] | None = None) -> bool: ...

    def label(self, iri: str) -> str: ...


class CopyableGraph(SparqlGraph, Protocol):
    """A store that can hand over a local copy (for the consequence engine, which forks it)."""

    def to_local(self) -> KnowledgeGraph: ...


def as_local(graph: SparqlGraph) -> KnowledgeGraph:
    """``graph`` itself when embedded, else a local copy of it (fetched once per graph object).

    The consequence engine applies events to a fork of the whole graph, so it needs the triples
    at hand; with ``--endpoint`` they are downloaded once (about a second for the 73k-triple
    graph, docs/benchmarks.md).
    """
    if isinstance(graph, KnowledgeGraph):
        return graph
    to_local = getattr(graph, "to_local", None)
    if to_local is None:
        raise QueryError(f"{type(graph).__name__} cannot give a local copy of its graph")
    local: KnowledgeGraph = to_local()
    return local


LABEL_QUERY = "SELECT ?s ?l WHERE { ?s skos:prefLabel|rdfs:label ?l } ORDER BY ?l LIMIT 1"


def label_of(graph: SparqlGraph, iri: str) -> str:
    """The preferred label of ``iri`` (the first in order), or its last path segment."""
    rows = graph.query(LABEL_QUERY, {"s": IRI(iri)})
    value = rows[0]["l"] if rows else None
    return str(value) if value is not None else iri.rsplit("/", 1)[-1]


def prefix_block() -> str:
    """The PREFIX declarations of :data:`obligraph.vocab.PREFIXES`, for stores that need them."""
    return "".join(f"PREFIX {p}: <{ns}>\n" for p, ns in PREFIXES.items())


class KnowledgeGraph:
    """Ontology plus facts in an embedded Oxigraph store."""

    def __init__(self, store: ox.Store | None = None, files: Sequence[Path] = ()) -> None:
        self.store = store if store is not None else ox.Store()
        self.files: tuple[Path, ...] = tuple(files)

    @classmethod
    def from_files(cls, files: Iterable[Path]) -> KnowledgeGraph:
        """Parse every file into a fresh store; a syntax error names the file and line.

        The store is only returned once every file has parsed, so a bad file never leaves a
        half-loaded graph behind.
        """
        store = ox.Store()
        loaded: list[Path] = []
        for path in files:
            fmt = ox.RdfFormat.from_extension(path.suffix.lstrip(".")) or ox.RdfFormat.TURTLE
            try:
                store.bulk_load(path=str(path), format=fmt)
            except SyntaxError as exc:
                detail = str(exc.msg if hasattr(exc, "msg") else exc)
                raise TurtleSyntaxError(str(path), exc.lineno, detail) from None
            except OSError as exc:
                raise TurtleSyntaxError(str(path), None, f"cannot read: {exc}") from None
            loaded.append(path)
        return cls(store, loaded)

    def __len__(self) -> int:
        return len(self.store)

    def query(self, text: str, bindings: Mapping[str, object] | None = None) -> list[Row]:
        """Run a SELECT or ASK query with ``bindings`` written into it as typed RDF terms.

        The terms go into the text (:func:`obligraph.substitute.substitute`), as for every other
        store, rather than as pyoxigraph's SEP-0007 ``substitutions``: those are applied after
        the query is planned, so the planner cannot start from the bound state. Measured on the
        73k-triple graph: ``state-status`` for RUS took 2.3 s with substitutions and 0.04 s with
        the IRI in the text, with the same rows (docs/benchmarks.md).
        """
        text = substitute(text, bindings)
        order = ordering.split(text)  # a final ORDER BY is cheaper in Python (obligraph.ordering)
        result = self._checked_execute(order.body if order else text)
        if order is not None and isinstance(result, ox.QuerySolutions):
            rows = ordering.sorted_rows(result, order, from_term)
            if rows is not None:
                return rows
            result = self._checked_execute(text)
        if isinstance(result, ox.QuerySolutions):
            columns = list(enumerate(v.value for v in result.variables))
            return [{name: from_term(sol[i]) for i, name in columns} for sol in result]
        if isinstance(result, ox.QueryBoolean):
            return [{"result": bool(result)}]
        raise QueryError("only SELECT and ASK queries return rows; use construct() for graphs")

    def _checked_execute(self, text: str) -> object:
        try:
            return self._execute(text)
        except SyntaxError as exc:
            raise QueryError(f"SPARQL syntax error: {exc}") from None
        except RuntimeError as exc:  # e.g. a bound parameter the SELECT does not project
            raise QueryError(f"query cannot run: {exc}") from None

    def _execute(self, text: str) -> object:
        """The store's own query (a view over part of the store overrides this)."""
        return self.store.query(text, prefixes=PREFIXES)

    def ask(self, text: str, bindings: Mapping[str, object] | None = None) -> bool:
        rows = self.query(text, bindings)
        return bool(rows and rows[0].get("result"))

    def label(self, iri: str) -> str:
        return label_of(self, iri)


def default_files(root: Path | None = None) -> list[Path]:
    """The ontology and every fact file under ``graph/``, in a stable order."""
    base = root or paths.data_root()
    files = [base / "ontology" / "obligraph.ttl"]
    files += sorted((base / "graph").rglob("*.ttl"))
    return files


def load(root: Path | None = None, extra: Iterable[Path] = ()) -> KnowledgeGraph:
    """Load the ontology and all facts into an embedded store."""
    return KnowledgeGraph.from_files([*default_files(root), *extra])
