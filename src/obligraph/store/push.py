"""Load the ontology and facts into a SPARQL 1.1 store, atomically from the user's view.

1. The files are parsed locally first (a syntax error stops the push before the store is
   touched).
2. The triples go into a fresh staging graph (``urn:obligraph:staging:<uuid>``), by SPARQL
   Update ``INSERT DATA`` in chunks or, when a Graph Store Protocol URL is given, in one POST.
   Triples with blank nodes travel in one request, so a blank node stays one node.
3. The staging graph's size is checked against the local count.
4. One update request, ``MOVE SILENT GRAPH <staging> TO <target>``, replaces the target (the
   default graph, or ``--graph IRI``) with the staging graph. The store applies one request as
   one transaction, so a reader sees either the old data or the new, never a mix.

If any step fails, the staging graph is dropped (best effort) and the target is untouched: the
previous data stays queryable. Staging graphs left by a push that was killed are dropped by
the next push.

On Oxigraph the default graph is its own graph, so staging is invisible to queries. Virtuoso
answers queries without a dataset over the union of all graphs, so there push to a named graph
and query it with ``--endpoint 'URL?default-graph-uri=IRI'``: then a push in progress is never
visible.
"""

from __future__ import annotations

import urllib.error
import urllib.request
import uuid
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

import pyoxigraph as ox

from obligraph.errors import EndpointError, PushError
from obligraph.store.embedded import KnowledgeGraph
from obligraph.store.remote import RemoteGraph
from obligraph.store.substitute import IRI_PATTERN

STAGING = "urn:obligraph:staging:"
CHUNK = 1000  # triples per INSERT DATA request (Virtuoso's SPARQL compiler runs out of memory at 5000)


@dataclass(frozen=True)
class PushResult:
    target: str  # "default graph" or the graph IRI
    triples: int
    requests: int
    dropped_stale: tuple[str, ...]


Progress = Callable[[int, int], None]  # (triples sent, total)


def _ntriples(kg: KnowledgeGraph) -> tuple[list[str], list[str]]:
    """The graph as N-Triples lines: (lines without blank nodes, lines with them)."""
    plain: list[str] = []
    blank: list[str] = []
    for quad in kg.store.quads_for_pattern(None, None, None, ox.DefaultGraph()):
        line = f"{quad.subject} {quad.predicate} {quad.object} ."
        has_blank = isinstance(quad.subject, ox.BlankNode) or isinstance(quad.object, ox.BlankNode)
        (blank if has_blank else plain).append(line)
    return sorted(plain), sorted(blank)


def chunks(plain: Sequence[str], blank: Sequence[str], size: int) -> list[tuple[list[str], bool]]:
    """Requests of at most ``size`` ground triples, then one with every blank-node triple."""
    out = [(list(plain[i : i + size]), False) for i in range(0, len(plain), size)]
    if blank:
        out.append((list(blank), True))
    return out


def _insert(staging: str, lines: Sequence[str], blank: bool) -> str:
    """INSERT DATA for ground triples; blank nodes go through an INSERT template with an empty
    WHERE (one solution, so one label is one node), since Virtuoso refuses them in INSERT DATA."""
    body = f"GRAPH <{staging}> {{\n" + "\n".join(lines) + "\n}"
    return f"INSERT {{ {body} }} WHERE {{}}" if blank else f"INSERT DATA {{ {body} }}"


def _graph_ref(graph: str | None) -> str:
    return f"GRAPH <{graph}>" if graph else "DEFAULT"


def _count(remote: RemoteGraph, graph: str) -> int:
    data = remote.raw(f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}")
    rows = data.get("results", {}).get("bindings", [])
    return int(rows[0]["n"]["value"]) if rows else 0


def _stale_staging(remote: RemoteGraph) -> list[str]:
    data = remote.raw(
        f'SELECT DISTINCT ?g WHERE {{ GRAPH ?g {{ ?s ?p ?o }} FILTER(STRSTARTS(STR(?g), "{STAGING}")) }}'
    )
    return sorted(b["g"]["value"] for b in data.get("results", {}).get("bindings", []))


def _upload_gsp(remote: RemoteGraph, store_url: str, staging: str, lines: Iterable[str]) -> None:
    ep = remote.endpoint
    body = ("\n".join(lines) + "\n").encode("utf-8")
    request = urllib.request.Request(
        f"{store_url}?graph={quote(staging, safe='')}",
        data=body,
        method="POST",
        headers={"Content-Type": "application/n-triples"},
    )
    if ep.user and ep.password:
        import base64

        token = base64.b64encode(f"{ep.user}:{ep.password}".encode()).decode("ascii")
        request.add_header("Authorization", f"Basic {token}")

    def send() -> None:
        with urllib.request.urlopen(request, timeout=ep.timeout) as response:
            response.read()

    remote.with_retries(store_url, send)


def push(
    kg: KnowledgeGraph,
    remote: RemoteGraph,
    graph: str | None = None,
    store_url: str | None = None,
    chunk: int = CHUNK,
    progress: Progress | None = None,
) -> PushResult:
    """Replace ``graph`` (default: the store's default graph) with the triples of ``kg``."""
    if graph is not None and not IRI_PATTERN.match(graph):
        raise PushError(f"--graph must be an absolute http(s) IRI, not {graph!r}")
    target = graph or "default graph"
    staging = f"{STAGING}{uuid.uuid4()}"
    plain, blank = _ntriples(kg)
    total = len(plain) + len(blank)
    requests = 0
    step = "upload"
    stale: list[str] = []
    try:
        stale = _stale_staging(remote)
        for old in stale:
            remote.update(f"DROP SILENT GRAPH <{old}>")
        if store_url:
            _upload_gsp(remote, store_url, staging, [*plain, *blank])
            requests += 1
            if progress:
                progress(total, total)
        else:
            sent = 0
            for part, has_blank in chunks(plain, blank, chunk):
                remote.update(_insert(staging, part, has_blank))
                requests += 1
                sent += len(part)
                if progress:
                    progress(sent, total)
        stored = _count(remote, staging)
        if stored != total:
            raise PushError(f"the store holds {stored} of {total} triples in the staging graph", True)
        step = "switch"
        remote.update(f"MOVE SILENT GRAPH <{staging}> TO {_graph_ref(graph)}")
        requests += 1
    except (EndpointError, urllib.error.URLError, OSError) as exc:
        # Drop the staging graph only from a server that answers: after no connection or no
        # answer in time, another request would only wait again (the next push drops it).
        answered = isinstance(exc, EndpointError) and exc.answered
        if answered:
            try:
                remote.update(f"DROP SILENT GRAPH <{staging}>")
            except EndpointError:
                pass
        hint = ""
        if step == "switch" and graph is None and answered:
            hint = (
                " (this store has no plain default graph to replace, as in Virtuoso: push with "
                "--graph IRI and query with --endpoint 'URL?default-graph-uri=IRI')"
            )
        raise PushError(f"push to {target} failed, the previous data is unchanged: {exc}{hint}") from None
    return PushResult(target, total, requests, tuple(stale))


def push_files(
    files: Sequence[Path],
    remote: RemoteGraph,
    graph: str | None = None,
    store_url: str | None = None,
    progress: Progress | None = None,
) -> PushResult:
    """Parse ``files`` locally (errors name file and line), then :func:`push` them."""
    return push(KnowledgeGraph.from_files(files), remote, graph, store_url, progress=progress)
