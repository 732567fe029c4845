"""A scenario's view of the graph: the base store's default graph plus a scratch named graph.

The consequence engine used to copy the whole base store for every scenario (about 150-300 ms
for the 88k-triple graph, docs/engine-performance.md). An overlay instead writes the scenario's
triples into a fresh named graph of the *same* store and queries the union of the default graph
and that named graph (pyoxigraph's ``default_graph=[...]``). The base default graph is never
written to, so every other reader of the base store sees nothing of the scenario, and the
scratch graph is dropped when the overlay is closed or garbage-collected.

An overlay can only add triples. Where a scenario must replace a base triple (an interval that
already has an end), the engine falls back to a full copy (:meth:`OverlayGraph.to_fork`).
"""

from __future__ import annotations

import os
import weakref
from collections.abc import Callable, Iterator, Mapping

import pyoxigraph as ox

from obligraph.store.embedded import KnowledgeGraph
from obligraph.vocab import PREFIXES

SCRATCH_PREFIX = "urn:obligraph:scenario:"


def _drop(store: ox.Store, graph: ox.NamedNode) -> None:
    try:
        store.remove_graph(graph)
    except (OSError, RuntimeError):  # the store is already gone
        pass


class OverlayGraph(KnowledgeGraph):
    """The base default graph plus one scratch named graph, queried as their union."""

    def __init__(self, base: KnowledgeGraph) -> None:
        store = base.scratch_store()  # the base store, or a writable copy of a read-only one
        super().__init__(store, base.files)
        self.memo = base.memo  # labels, names and sources are the base's: rules add only dated effects
        self.scenario = True
        self.graph = ox.NamedNode(SCRATCH_PREFIX + os.urandom(16).hex())
        self._view: list[ox.NamedNode | ox.BlankNode | ox.DefaultGraph] = [ox.DefaultGraph(), self.graph]
        # the scratch graph goes with the overlay, unless the whole store is a private copy
        self._finalizer = weakref.finalize(self, _drop, store, self.graph)
        if base.scratch_is_private():
            self._finalizer.detach()

    # -- writing (only into the scratch graph) ---------------------------------------------
    def add(
        self, s: ox.NamedNode | ox.BlankNode, p: ox.NamedNode, o: ox.NamedNode | ox.BlankNode | ox.Literal
    ) -> bool:
        """Add a triple unless the view already holds it; True when it was new."""
        if self.contains(s, p, o):
            return False
        self.store.add(ox.Quad(s, p, o, self.graph))
        return True

    # -- reading the union -----------------------------------------------------------------
    def contains(self, s: object, p: object, o: object) -> bool:
        return any(
            next(self.store.quads_for_pattern(s, p, o, g), None) is not None  # type: ignore[arg-type]
            for g in self._view
        )

    def objects(
        self, s: ox.NamedNode | ox.BlankNode, p: ox.NamedNode
    ) -> list[ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple]:
        return [q.object for g in self._view for q in self.store.quads_for_pattern(s, p, None, g)]

    def scenario_has(self, p: ox.NamedNode, o: ox.NamedNode | None = None) -> bool:
        """Whether the scenario itself (not the base) holds a triple with this predicate (and object)."""
        return next(self.store.quads_for_pattern(None, p, o, self.graph), None) is not None

    def scenario_quads(self, p: ox.NamedNode, o: ox.NamedNode | None = None) -> Iterator[ox.Quad]:
        """The scenario's own triples (not the base's) with this predicate (and object)."""
        return iter(self.store.quads_for_pattern(None, p, o, self.graph))

    def has_subject_with(self, s: object, p: ox.NamedNode) -> bool:
        """Whether the view holds a triple of subject ``s`` with predicate ``p``."""
        return self.contains(s, p, None)

    def raw_query(
        self,
        text: str,
        prefixes: Mapping[str, str] | None = None,
        custom_functions: Mapping[ox.NamedNode, Callable[..., object]] | None = None,
    ) -> object:
        """The store's own query over the union (pyoxigraph result objects)."""
        return self.store.query(
            text,
            prefixes=dict(prefixes or PREFIXES),
            default_graph=self._view,
            custom_functions=custom_functions,  # type: ignore[arg-type]
        )

    def _execute(self, text: str) -> object:
        return self.raw_query(text)

    def __len__(self) -> int:
        return sum(1 for g in self._view for _ in self.store.quads_for_pattern(None, None, None, g))

    # -- leaving the overlay -----------------------------------------------------------------
    def to_fork(self) -> KnowledgeGraph:
        """A separate store holding the union in its default graph (for edits an overlay
        cannot express); the scratch graph is dropped."""
        store = ox.Store()
        default = ox.DefaultGraph()
        store.bulk_extend(
            ox.Quad(q.subject, q.predicate, q.object, default)
            for g in self._view
            for q in self.store.quads_for_pattern(None, None, None, g)
        )
        self.close()
        fork = KnowledgeGraph(store, self.files)
        fork.memo, fork.scenario = self.memo, True
        return fork

    def close(self) -> None:
        """Drop the scratch graph now (it is dropped anyway when the overlay is collected)."""
        self._finalizer()
