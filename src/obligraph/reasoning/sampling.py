"""A small, deterministic sample of the facts for the description-logic reasoner.

HermiT needs tens of seconds on the whole graph (measured in the README), so CI and `obligraph
reason` give it the ontology, every hand-written fact file in full, and, from the importers'
bulk output (``graph/generated/``), only what concerns a few sample states: every subject that
names one of them, what those subjects point to (intervals, instants, actions, sources), and
the claims and events about them.
"""

from __future__ import annotations

import csv
import functools
from collections.abc import Iterable, Sequence
from pathlib import Path

from rdflib import Graph, URIRef
from rdflib.namespace import RDF
from rdflib.term import Node

from obligraph import paths, vocab
from obligraph.errors import SourceDataError
from obligraph.rdf_terms import OG

_FORWARD_DEPTH = 4


@functools.lru_cache(maxsize=1)
def default_states() -> tuple[str, ...]:
    """The states whose bulk facts form the sample by default: graph/curation/reasoning-sample.csv."""
    path = paths.data_root() / "graph" / "curation" / "reasoning-sample.csv"
    try:
        with path.open(newline="", encoding="utf-8") as handle:
            states = tuple(row["iso3"] for row in csv.DictReader(handle))
    except (OSError, KeyError) as exc:
        raise SourceDataError(f"{path}: cannot read the reasoner's sample states ({exc})") from None
    if not states:
        raise SourceDataError(f"{path}: lists no state")
    return states


def is_bulk(path: Path) -> bool:
    """Whether a file is importer output (sampled) rather than hand-written (kept whole)."""
    try:
        path.resolve().relative_to(paths.generated_dir().resolve())
    except ValueError:
        return False
    return True


def sample_facts(files: Iterable[Path], states: Sequence[str] | None = None) -> Graph:
    """Hand-written files in full; from bulk files, everything except what concerns states
    outside ``states`` (their participations, actions, memberships, claims and so on; by default
    :func:`default_states`)."""
    return sample_parsed([(path, Graph().parse(path, format="turtle")) for path in files], states)


def sample_parsed(parts: Sequence[tuple[Path, Graph]], states: Sequence[str] | None = None) -> Graph:
    """:func:`sample_facts` over files already parsed, as (path, graph) pairs."""
    if states is None:
        states = default_states()
    whole = Graph()
    bulk = Graph()
    for path, part in parts:
        target = bulk if is_bulk(path) else whole
        target += part
    keep = {URIRef(str(vocab.state(code))) for code in states}
    every_state = {s for g in (whole, bulk) for s in g.subjects(RDF.type, OG.State) if isinstance(s, URIRef)}
    dropped = neighbourhood(bulk, every_state - keep) - neighbourhood(bulk, keep)
    for s, p, o in bulk:
        if s not in dropped:
            whole.add((s, p, o))
    return whole


def neighbourhood(graph: Graph, seeds: set[URIRef]) -> set[Node]:
    """The seeds, the subjects that name one (participations, actions, memberships, events),
    the subjects that point at those (claims, domestic steps), and everything they lead to
    (intervals, instants, sources)."""
    direct: set[Node] = set(seeds)
    for s, _, o in graph:
        if o in seeds:
            direct.add(s)
    chosen = set(direct)
    for s, _, o in graph:
        if o in direct and o not in seeds:
            chosen.add(s)
    return _forward(graph, chosen)


def _forward(graph: Graph, chosen: set[Node]) -> set[Node]:
    frontier = set(chosen)
    for _ in range(_FORWARD_DEPTH):
        reached = {o for s in frontier for o in graph.objects(s) if (o, None, None) in graph}
        frontier = reached - chosen
        if not frontier:
            break
        chosen |= frontier
    return chosen
