"""The knowledge graph in an embedded store, and how it is loaded and queried.

The default store is pyoxigraph (measured against rdflib in ``scripts/bench_stores.py``; the
numbers are in the README). Queries take parameters as bindings, never as pasted text.
"""

from __future__ import annotations

import weakref
from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any, Protocol

import pyoxigraph as ox

from obligraph import paths
from obligraph.errors import QueryError, TurtleSyntaxError
from obligraph.store import ordering
from obligraph.store.base import Row, SparqlGraph, from_term, label_of
from obligraph.store.substitute import substitute
from obligraph.vocab import PREFIXES


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


class KnowledgeGraph:
    """Ontology plus facts in an embedded Oxigraph store."""

    def __init__(
        self,
        store: ox.Store | None = None,
        files: Sequence[Path] = (),
        scratch: Callable[[KnowledgeGraph], ox.Store] | None = None,
    ) -> None:
        """``scratch``: for a store that cannot be written (an on-disk store opened read-only,
        :mod:`obligraph.store.cache`), how to make a writable copy of it when a scenario needs
        one (:meth:`scratch_store`)."""
        self.store = store if store is not None else ox.Store()
        self.files: tuple[Path, ...] = tuple(files)
        self._make_scratch = scratch
        self._scratch: ox.Store | None = None
        # What no scenario changes, looked up once (obligraph.store.base.remembered); cleared by
        # forget() after the store is written to.
        self.memo: dict[tuple[object, ...], object] = {}
        self._releases: list[weakref.finalize[Any, Any]] = []
        # True when the store is a private copy, deleted on release: a scenario's scratch graph
        # in it need not be dropped (dropping costs a store write of about 10 ms on disk)
        self.private = False
        self.scenario = False  # True for a scenario's view: its dated answers are not remembered

    def forget(self) -> None:
        """Drop what was remembered about the graph (after its store was changed)."""
        self.memo.clear()

    def on_release(self, action: Callable[..., object], *args: object) -> None:
        """Run ``action(*args)`` when the graph is released: by :meth:`release`, when it is
        collected, or at exit, whichever comes first (a ``weakref.finalize``)."""
        self._releases.append(weakref.finalize(self, action, *args))

    def release(self) -> None:
        """Run the release actions now (a cache writes what it learnt, a private copy of the
        store is deleted); the command line calls it before it leaves."""
        for action in reversed(self._releases):
            action()

    @classmethod
    def from_files(cls, files: Iterable[Path]) -> KnowledgeGraph:
        """Parse every file into a fresh store; a syntax error names the file and line.

        The store is only returned once every file has parsed, so a bad file never leaves a
        half-loaded graph behind.
        """
        store = ox.Store()
        return cls(store, load_files(store, files))

    def scratch_is_private(self) -> bool:
        """Whether :meth:`scratch_store` is a private copy that nobody else reads."""
        return self.private or self._make_scratch is not None

    def scratch_store(self) -> ox.Store:
        """A writable store whose default graph is this graph's, for a scenario's scratch named
        graph (:class:`obligraph.store.overlay.OverlayGraph`): the store itself, or for a
        read-only store a private copy made on first use."""
        if self._make_scratch is None:
            return self.store
        if self._scratch is None:
            self._scratch = self._make_scratch(self)
        return self._scratch

    def __len__(self) -> int:
        return len(self.store)

    def query(self, text: str, bindings: Mapping[str, object] | None = None) -> list[Row]:
        """Run a SELECT or ASK query with ``bindings`` written into it as typed RDF terms.

        The terms go into the text (:func:`obligraph.store.substitute.substitute`), as for every other
        store, rather than as pyoxigraph's SEP-0007 ``substitutions``: those are applied after
        the query is planned, so the planner cannot start from the bound state. Measured on the
        73k-triple graph: ``state-status`` for RUS took 2.3 s with substitutions and 0.04 s with
        the IRI in the text, with the same rows (docs/benchmarks.md).
        """
        text = substitute(text, bindings)
        order = ordering.split(text)  # a final ORDER BY is cheaper in Python (obligraph.store.ordering)
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


def load_files(store: ox.Store, files: Iterable[Path]) -> list[Path]:
    """Parse every file into ``store``; a syntax error names the file and line."""
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
    return loaded


def default_files(root: Path | None = None) -> list[Path]:
    """The ontology and every fact file under ``graph/``, in a stable order."""
    base = root or paths.data_root()
    files = [base / "ontology" / "obligraph.ttl"]
    files += sorted((base / "graph").rglob("*.ttl"))
    return files


def load(root: Path | None = None, extra: Iterable[Path] = ()) -> KnowledgeGraph:
    """Load the ontology and all facts into an embedded store."""
    return KnowledgeGraph.from_files([*default_files(root), *extra])
