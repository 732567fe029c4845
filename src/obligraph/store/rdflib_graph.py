"""The knowledge graph in rdflib's in-memory store, with rdflib's own SPARQL evaluator.

Useful where pyoxigraph cannot be installed and for small graphs; for the full graph at scale
it is far slower (see docs/benchmarks.md). Parameters are written into the query text as typed
terms (:mod:`obligraph.store.substitute`), not passed as ``initBindings``: rdflib appends those as a
VALUES join that a FILTER inside the pattern does not see (rdflib issue #294).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path

import pyoxigraph as ox
import rdflib
from rdflib.query import ResultRow
from rdflib.term import BNode, Literal, URIRef

from obligraph.errors import QueryError, TurtleSyntaxError
from obligraph.store.base import Row, from_term, label_of, prefix_block
from obligraph.store.embedded import KnowledgeGraph
from obligraph.store.substitute import substitute


def to_oxigraph(term: object) -> ox.NamedNode | ox.BlankNode | ox.Literal | None:
    """An rdflib term as the pyoxigraph term it denotes (so both convert to the same value)."""
    if term is None:
        return None
    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, BNode):
        return ox.BlankNode(str(term))
    if isinstance(term, Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        if term.datatype:
            return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
        return ox.Literal(str(term))
    raise QueryError(f"unexpected term in a result: {term!r}")


class RdflibGraph:
    """Ontology plus facts in an rdflib ``Graph``; the same ``query`` contract as the default."""

    def __init__(self, graph: rdflib.Graph | None = None) -> None:
        self.graph = graph if graph is not None else rdflib.Graph()

    @classmethod
    def from_files(cls, files: Iterable[Path]) -> RdflibGraph:
        graph = rdflib.Graph()
        for path in files:
            try:
                graph.parse(path, format=rdflib.util.guess_format(str(path)) or "turtle")
            except OSError as exc:
                raise TurtleSyntaxError(str(path), None, f"cannot read: {exc}") from None
            except Exception as exc:  # rdflib raises several parser-specific types
                raise TurtleSyntaxError(str(path), None, str(exc).splitlines()[0]) from None
        return cls(graph)

    def __len__(self) -> int:
        return len(self.graph)

    def query(self, text: str, bindings: Mapping[str, object] | None = None) -> list[Row]:
        try:
            result = self.graph.query(prefix_block() + substitute(text, bindings))
        except Exception as exc:  # pyparsing and evaluation errors have no common base
            raise QueryError(f"SPARQL error: {str(exc).splitlines()[0] if str(exc) else exc!r}") from None
        if result.type == "ASK":
            return [{"result": bool(result.askAnswer)}]
        if result.type != "SELECT":
            raise QueryError("only SELECT and ASK queries return rows; use construct() for graphs")
        names = [str(v) for v in result.vars or []]
        rows: list[Row] = []
        for solution in result:
            values = solution.asdict() if isinstance(solution, ResultRow) else {}
            rows.append({n: from_term(to_oxigraph(values.get(n))) for n in names})
        return rows

    def ask(self, text: str, bindings: Mapping[str, object] | None = None) -> bool:
        rows = self.query(text, bindings)
        return bool(rows and rows[0].get("result"))

    def label(self, iri: str) -> str:
        return label_of(self, iri)

    def to_local(self) -> KnowledgeGraph:
        """The same triples in an embedded store (for the consequence engine)."""
        store = ox.Store()
        store.bulk_load(self.graph.serialize(format="nt", encoding="utf-8"), format=ox.RdfFormat.N_TRIPLES)
        return KnowledgeGraph(store)
