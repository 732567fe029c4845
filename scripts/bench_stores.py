"""Benchmark rdflib's in-memory store against pyoxigraph on obligraph's named queries.

A maintainer script (the package never imports it). It loads the ontology and facts into a plain
rdflib ``Graph()`` and into ``obligraph.store.KnowledgeGraph`` (pyoxigraph), at the real size and
at scaled sizes, runs every ``queries/*.rq`` with typical parameters on both, checks that both
engines return the same rows, and prints medians and rdflib/pyoxigraph ratios from the same run.

Scale N means N copies of the fact triples (the ontology once): copy 0 keeps its IRIs so the
parameters still match, copy k appends ``-ck`` to every IRI under ``https://w3id.org/obligraph/id/``.

    .venv/bin/python scripts/bench_stores.py --scale 1,8 --write docs/store-choice.md
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import math
import os
import platform
import signal
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pyoxigraph as ox
import rdflib
from rdflib.term import BNode, Literal, URIRef, Variable

from obligraph.queries import NamedQuery, available
from obligraph.store import IRI, KnowledgeGraph, default_files, from_term
from obligraph.vocab import PREFIXES

ID_NS = "https://w3id.org/obligraph/id/"
PARAMS: dict[str, object] = {  # typical values, by parameter type
    "state": IRI(ID_NS + "state/RUS"),
    "treaty": IRI(ID_NS + "treaty/ETS-126"),
    "organisation": IRI(ID_NS + "org/CoE"),
    "date": dt.date(2023, 1, 1),
}


class QueryTimeoutError(Exception):
    pass


@dataclass
class Load:
    size: int
    rdflib_s: float
    ox_s: float
    rdflib_mb: float | None
    ox_mb: float | None


@dataclass
class Result:
    size: int
    query: str
    rdflib_s: float | None  # None: timed out
    ox_s: float
    rdflib_rows: int | None
    ox_rows: int
    same_rows: bool | None


def rss_mb() -> float | None:
    try:
        pages = int(Path("/proc/self/statm").read_text().split()[1])
    except (OSError, IndexError, ValueError):
        return None
    return pages * os.sysconf("SC_PAGE_SIZE") / 2**20


def timed(fn: Callable[[], Any], timeout: float) -> tuple[float | None, Any]:
    """Run ``fn``; (seconds, result), or (None, None) if it ran past ``timeout`` (SIGALRM)."""

    def alarm(signum: int, frame: object) -> None:
        raise QueryTimeoutError

    previous = signal.signal(signal.SIGALRM, alarm)
    signal.setitimer(signal.ITIMER_REAL, timeout)
    start = time.perf_counter()
    try:
        result = fn()
        return time.perf_counter() - start, result
    except QueryTimeoutError:
        return None, None
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def scaled_file(facts: Sequence[Path], copies: int, folder: Path) -> Path:
    """N-Triples of ``copies`` renamed copies of the facts (not the ontology)."""

    def rename(term: Any, k: int) -> Any:
        if k and isinstance(term, ox.NamedNode) and term.value.startswith(ID_NS):
            return ox.NamedNode(f"{term.value}-c{k}")
        if k and isinstance(term, ox.BlankNode):
            return ox.BlankNode(f"{term.value}c{k}")
        return term

    triples = [q.triple for path in facts for q in ox.parse(path=str(path), format=ox.RdfFormat.TURTLE)]
    out = folder / f"facts-x{copies}.nt"
    scaled = (
        ox.Triple(rename(t.subject, k), t.predicate, rename(t.object, k)) for k in range(copies) for t in triples
    )
    ox.serialize(scaled, output=str(out), format=ox.RdfFormat.N_TRIPLES)
    return out


def load_both(files: Sequence[Path]) -> tuple[rdflib.Graph, KnowledgeGraph, Load]:
    gc.collect()
    before = rss_mb()
    start = time.perf_counter()
    graph = rdflib.Graph()
    for path in files:
        graph.parse(path, format="nt" if path.suffix == ".nt" else "turtle")
    rdflib_s = time.perf_counter() - start
    gc.collect()
    middle = rss_mb()
    start = time.perf_counter()
    kg = KnowledgeGraph.from_files(files)
    ox_s = time.perf_counter() - start
    gc.collect()
    after = rss_mb()
    rdflib_mb = middle - before if before is not None and middle is not None else None
    ox_mb = after - middle if after is not None and middle is not None else None
    return graph, kg, Load(len(kg), rdflib_s, ox_s, rdflib_mb, ox_mb)


def rdflib_term(value: object) -> rdflib.term.Identifier:
    return URIRef(value.value) if isinstance(value, IRI) else Literal(value)


def rdflib_value(term: object) -> object:
    """An rdflib term as the Python value that ``KnowledgeGraph.query`` gives for the same term."""
    if isinstance(term, URIRef):
        return str(term)
    if isinstance(term, BNode):
        return "_:"
    if isinstance(term, Literal):
        if term.datatype is not None:
            return from_term(ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype))))
        return from_term(ox.Literal(str(term), language=term.language) if term.language else ox.Literal(str(term)))
    return term


def canonical(rows: list[tuple[object, ...]]) -> list[tuple[str, ...]]:
    norm = [tuple("_:" if isinstance(v, str) and v.startswith("_:") else str(v) for v in row) for row in rows]
    return sorted(norm)


def bench_query(graph: rdflib.Graph, kg: KnowledgeGraph, query: NamedQuery, size: int, args: argparse.Namespace) -> Result:
    bindings = {p.name: PARAMS[p.type] for p in query.parameters}
    init = {Variable(k): rdflib_term(v) for k, v in bindings.items()}
    ox_times: list[float] = []
    rdflib_times: list[float] = []
    ox_rows: list[dict[str, Any]] = []
    rdflib_rows: list[tuple[object, ...]] | None = None
    variables: list[str] = []
    timed_out = False
    for _ in range(args.repeat):
        seconds, rows = timed(lambda: kg.query(query.text, bindings), 10 * args.timeout)
        if seconds is None:
            sys.exit(f"pyoxigraph ran past {10 * args.timeout} s on {query.name}; giving up")
        ox_times.append(seconds)
        ox_rows = rows
        if timed_out:
            continue

        def run_rdflib() -> tuple[list[str], list[tuple[object, ...]]]:
            result = graph.query(query.text, initNs=PREFIXES, initBindings=init)
            return [str(v) for v in result.vars or []], [tuple(r) for r in result]

        seconds, answer = timed(run_rdflib, args.timeout)
        if seconds is None:
            timed_out = True
            continue
        rdflib_times.append(seconds)
        variables, rdflib_rows = answer
    same: bool | None = None
    if rdflib_rows is not None:
        mine = canonical([tuple(rdflib_value(v) for v in row) for row in rdflib_rows])
        theirs = canonical([tuple(row.get(v) for v in variables) for row in ox_rows])
        same = mine == theirs
    return Result(
        size,
        query.name,
        None if timed_out else statistics.median(rdflib_times),
        statistics.median(ox_times),
        None if timed_out or rdflib_rows is None else len(rdflib_rows),
        len(ox_rows),
        same,
    )


def fmt_time(seconds: float | None, timeout: float) -> str:
    if seconds is None:
        return f">{timeout:g} s"
    return f"{seconds * 1000:.3g} ms" if seconds < 1 else f"{seconds:.2f} s"


def ratio(r: Result, timeout: float) -> float:
    """rdflib/pyoxigraph; a lower bound where rdflib timed out."""
    return (r.rdflib_s if r.rdflib_s is not None else timeout) / max(r.ox_s, 1e-9)


def rows_cell(r: Result) -> str:
    if r.rdflib_rows is None:
        return f"{r.ox_rows} (rdflib timed out, not compared)"
    if r.rdflib_rows != r.ox_rows:
        return f"MISMATCH rdflib {r.rdflib_rows} / pyoxigraph {r.ox_rows}"
    return f"{r.ox_rows}" if r.same_rows else f"{r.ox_rows} (MISMATCH: same count, different rows)"


def tables(loads: list[Load], results: list[Result], timeout: float) -> tuple[list[str], list[list[str]], list[str], list[list[str]]]:
    mb = lambda v: "n/a" if v is None else f"{v:.0f} MB"  # noqa: E731
    load_head = ["size (triples)", "rdflib load", "pyoxigraph load", "ratio", "RSS delta rdflib / pyoxigraph"]
    load_rows = [
        [f"{x.size:,}", fmt_time(x.rdflib_s, timeout), fmt_time(x.ox_s, timeout), f"{x.rdflib_s / x.ox_s:.1f}×", f"{mb(x.rdflib_mb)} / {mb(x.ox_mb)}"]
        for x in loads
    ]
    head = ["size (triples)", "query", "rdflib median", "pyoxigraph median", "ratio rdflib/pyoxigraph", "rows"]
    body = [
        [f"{r.size:,}", r.query, fmt_time(r.rdflib_s, timeout), fmt_time(r.ox_s, timeout),
         (">" if r.rdflib_s is None else "") + f"{ratio(r, timeout):.1f}×", rows_cell(r)]
        for r in results
    ]
    return load_head, load_rows, head, body


def conclusion(loads: list[Load], results: list[Result], timeout: float) -> str:
    parts = []
    for load in loads:
        ratios = [ratio(r, timeout) for r in results if r.size == load.size]
        geo = math.exp(sum(math.log(x) for x in ratios) / len(ratios))
        bound = "at least " if any(r.rdflib_s is None for r in results if r.size == load.size) else ""
        parts.append(f"{bound}{geo:.0f}× at {load.size:,} triples (range {min(ratios):.0f}–{max(ratios):.0f}×, load {load.rdflib_s / load.ox_s:.1f}×)")
    first = "Over obligraph's named queries pyoxigraph was faster than rdflib's in-memory store by a geometric mean of " + "; ".join(parts) + "."
    bad = [r for r in results if r.rdflib_rows is not None and not (r.same_rows and r.rdflib_rows == r.ox_rows)]
    skipped = [r for r in results if r.rdflib_rows is None]
    if bad:
        second = f"{len(bad)} query/size pair(s) gave different rows on the two engines (marked MISMATCH), which must be explained before the numbers are trusted."
    else:
        second = "Both engines returned the same rows for every query compared, so pyoxigraph stays the default store."
    if skipped:
        second += f" ({len(skipped)} rdflib run(s) passed the {timeout:g} s guard and were not compared.)"
    return f"{first} {second}"


def markdown(head: list[str], rows: list[list[str]]) -> str:
    return "\n".join(["| " + " | ".join(head) + " |", "|" + "---|" * len(head)] + ["| " + " | ".join(r) + " |" for r in rows])


def plain(head: list[str], rows: list[list[str]]) -> str:
    widths = [max(len(x) for x in col) for col in zip(head, *rows, strict=True)]
    return "\n".join("  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)) for r in [head, *rows])


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeat", type=int, default=5, help="runs per query; the median is reported (default 5)")
    parser.add_argument("--scale", default="1,8", help="comma-separated copies of the facts (default 1,8)")
    parser.add_argument("--timeout", type=float, default=60.0, help="rdflib guard per run, seconds (default 60)")
    parser.add_argument("--write", type=Path, help="also write the tables as Markdown to this path")
    args = parser.parse_args(argv)
    files = default_files()
    ontology, facts = files[0], files[1:]
    queries = list(available().values())
    loads: list[Load] = []
    results: list[Result] = []
    with tempfile.TemporaryDirectory() as tmp:
        for copies in (int(s) for s in args.scale.split(",")):
            inputs = files if copies == 1 else [ontology, scaled_file(facts, copies, Path(tmp))]
            graph, kg, load = load_both(inputs)
            if len(graph) != len(kg):
                print(f"MISMATCH: rdflib holds {len(graph)} triples, pyoxigraph {len(kg)}", file=sys.stderr)
            loads.append(load)
            print(f"scale {copies}: {load.size:,} triples loaded", file=sys.stderr)
            for query in queries:
                results.append(bench_query(graph, kg, query, load.size, args))
                print(f"  {query.name}: done", file=sys.stderr)
            del graph, kg
    load_head, load_rows, head, body = tables(loads, results, args.timeout)
    summary = conclusion(loads, results, args.timeout)
    print(plain(load_head, load_rows), plain(head, body), summary, sep="\n\n")
    if args.write:
        header = [
            "# Store choice: rdflib in memory vs pyoxigraph",
            "",
            "Generated by `scripts/bench_stores.py` (do not edit by hand; re-run it). Command: "
            f"`scripts/bench_stores.py --repeat {args.repeat} --scale {args.scale} --timeout {args.timeout:g}`.",
            "",
            f"- Machine: {os.cpu_count()} CPUs (`nproc`), {platform.machine()}, {platform.system()} {platform.release()}",
            f"- Python {platform.python_version()}, rdflib {rdflib.__version__}, pyoxigraph {ox.__version__}",
            f"- Date: {dt.date.today().isoformat()}",
            "- Times are medians of the runs; a query is the full call including parsing the SPARQL text "
            "(rdflib: `Graph.query` with `initBindings`; pyoxigraph: `KnowledgeGraph.query` with substitutions, "
            "converting rows to Python values). Parameters: state RUS, treaty ETS-126, organisation CoE, date 2023-01-01.",
            "- Scaled sizes are N renamed copies of the facts plus the ontology, loaded from N-Triples; "
            "the real size is the Turtle files. RSS deltas are rough (one process, after `gc.collect()`).",
            "",
            "## Load",
            "",
            markdown(load_head, load_rows),
            "",
            "## Named queries",
            "",
            markdown(head, body),
            "",
            "## Conclusion",
            "",
            summary,
            "",
        ]
        args.write.write_text("\n".join(header), encoding="utf-8")
        print(f"\nwrote {args.write}", file=sys.stderr)


if __name__ == "__main__":
    main()
