"""Benchmark rdflib's in-memory store against pyoxigraph on obligraph's named queries.

A maintainer script (the package never imports it). It loads the ontology and facts into a plain
rdflib ``Graph()`` and into ``obligraph.store.KnowledgeGraph`` (pyoxigraph), runs every
``queries/*.rq`` with typical parameters on both, checks that both return the same rows, and
prints medians and rdflib/pyoxigraph ratios measured in the same run.

Scale N means N copies of the fact triples plus the ontology once: copy 0 keeps its IRIs (so the
parameters still match), copy k appends ``-ck`` to every IRI under ``https://w3id.org/obligraph/id/``.

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


@dataclass
class Load:
    size: int
    rdflib_s: float
    ox_s: float
    rss: str


@dataclass
class Result:
    size: int
    query: str
    rdflib_s: float | None  # None: ran past the guard
    ox_s: float
    rdflib_rows: int | None
    ox_rows: int
    same_rows: bool

    @property
    def ok(self) -> bool:
        return self.rdflib_rows is None or (self.same_rows and self.rdflib_rows == self.ox_rows)


def rss_mb() -> float:
    """Resident set size now (Linux), or NaN."""
    try:
        return int(Path("/proc/self/statm").read_text().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20
    except (OSError, IndexError, ValueError):
        return math.nan


def timed(fn: Callable[[], Any], timeout: float) -> tuple[float | None, Any]:
    """Run ``fn``: (seconds, result), or (None, None) once it runs past ``timeout`` (SIGALRM)."""

    def alarm(signum: int, frame: object) -> None:
        raise TimeoutError

    previous = signal.signal(signal.SIGALRM, alarm)
    signal.setitimer(signal.ITIMER_REAL, timeout)
    start = time.perf_counter()
    try:
        result = fn()
        return time.perf_counter() - start, result
    except TimeoutError:
        return None, None
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def scaled_file(facts: Sequence[Path], copies: int, folder: Path) -> Path:
    """An N-Triples file of ``copies`` renamed copies of the fact triples."""

    def rename(term: Any, k: int) -> Any:
        if k and isinstance(term, ox.NamedNode) and term.value.startswith(ID_NS):
            return ox.NamedNode(f"{term.value}-c{k}")
        if k and isinstance(term, ox.BlankNode):
            return ox.BlankNode(f"{term.value}c{k}")
        return term

    triples = [q.triple for path in facts for q in ox.parse(path=str(path), format=ox.RdfFormat.TURTLE)]
    out = folder / f"facts-x{copies}.nt"
    scaled = (
        ox.Triple(rename(t.subject, k), t.predicate, rename(t.object, k))
        for k in range(copies)
        for t in triples
    )
    ox.serialize(scaled, output=str(out), format=ox.RdfFormat.N_TRIPLES)  # fmt: skip
    return out


def load_both(files: Sequence[Path]) -> tuple[rdflib.Graph, KnowledgeGraph, Load]:
    """Load ``files`` into both engines, timing each and taking the RSS growth of each."""
    gc.collect()
    rss0, start = rss_mb(), time.perf_counter()
    graph = rdflib.Graph()
    for path in files:
        graph.parse(path, format="nt" if path.suffix == ".nt" else "turtle")
    rdflib_s = time.perf_counter() - start
    gc.collect()
    rss1, start = rss_mb(), time.perf_counter()
    kg = KnowledgeGraph.from_files(files)
    ox_s = time.perf_counter() - start
    gc.collect()
    rss2 = rss_mb()
    if len(graph) != len(kg):
        print(f"MISMATCH: rdflib holds {len(graph)} triples, pyoxigraph {len(kg)}", file=sys.stderr)
    return graph, kg, Load(len(kg), rdflib_s, ox_s, f"{rss1 - rss0:.0f} MB / {rss2 - rss1:.0f} MB")


def rdflib_value(term: object) -> object:
    """An rdflib term as the Python value ``KnowledgeGraph.query`` gives for the same term."""
    if isinstance(term, BNode):
        return "_:"
    if isinstance(term, Literal) and term.datatype is not None:
        return from_term(ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype))))
    return None if term is None else str(term)


def canonical(rows: list[tuple[object, ...]]) -> list[tuple[str, ...]]:
    """Rows as sorted string tuples, blank nodes blurred, for comparing engines."""
    return sorted(tuple("_:" if str(v).startswith("_:") else str(v) for v in row) for row in rows)


def bench_query(
    graph: rdflib.Graph, kg: KnowledgeGraph, query: NamedQuery, size: int, repeat: int, timeout: float
) -> Result:
    """Median times of ``repeat`` runs on each engine; rdflib stops after one run past ``timeout``."""
    bindings = {p.name: PARAMS[p.type] for p in query.parameters}
    init = {Variable(k): URIRef(v.value) if isinstance(v, IRI) else Literal(v) for k, v in bindings.items()}

    def run_rdflib() -> tuple[list[str], list[tuple[object, ...]]]:
        result = graph.query(query.text, initNs=PREFIXES, initBindings=init)
        return [str(v) for v in result.vars or []], [tuple(row) for row in result]

    ox_times: list[float] = []
    rdflib_times: list[float] = []
    ox_rows: list[dict[str, Any]] = []
    answer: tuple[list[str], list[tuple[object, ...]]] | None = None
    timed_out = False
    for _ in range(repeat):
        seconds, ox_rows = timed(lambda: kg.query(query.text, bindings), 10 * timeout)
        if seconds is None:
            sys.exit(f"pyoxigraph ran past {10 * timeout:g} s on {query.name}; giving up")
        ox_times.append(seconds)
        if not timed_out:
            seconds, answer = timed(run_rdflib, timeout)
            timed_out = seconds is None
            rdflib_times += [] if seconds is None else [seconds]
    same, rdflib_rows = False, None
    if answer is not None and not timed_out:
        variables, rows = answer
        rdflib_rows = len(rows)
        mine = canonical([tuple(rdflib_value(v) for v in row) for row in rows])
        same = mine == canonical([tuple(row.get(v) for v in variables) for row in ox_rows])
    rdflib_s = None if timed_out else statistics.median(rdflib_times)
    return Result(size, query.name, rdflib_s, statistics.median(ox_times), rdflib_rows, len(ox_rows), same)


def fmt_time(seconds: float | None, timeout: float) -> str:
    if seconds is None:
        return f">{timeout:g} s"
    return f"{seconds * 1000:.3g} ms" if seconds < 1 else f"{seconds:.2f} s"


def fmt_ratio(x: float) -> str:
    return f"{x:.2g}×" if x < 10 else f"{x:.0f}×"


def ratio(r: Result, timeout: float) -> float:
    """rdflib/pyoxigraph; a lower bound where rdflib ran past the guard."""
    return (r.rdflib_s if r.rdflib_s is not None else timeout) / max(r.ox_s, 1e-9)


def rows_cell(r: Result) -> str:
    if r.rdflib_rows is None:
        return f"{r.ox_rows} (rdflib timed out: not compared)"
    if r.rdflib_rows != r.ox_rows:
        return f"MISMATCH: rdflib {r.rdflib_rows}, pyoxigraph {r.ox_rows}"
    return f"{r.ox_rows}" if r.same_rows else f"{r.ox_rows} (MISMATCH: same count, different rows)"


Table = tuple[list[str], list[list[str]]]


def tables(loads: list[Load], results: list[Result], timeout: float) -> list[Table]:
    load_head = ["size (triples)", "rdflib load", "pyoxigraph load", "ratio", "RSS growth rdflib / pyox."]
    load_rows = [
        [f"{x.size:,}", fmt_time(x.rdflib_s, timeout), fmt_time(x.ox_s, timeout), fmt_ratio(x.rdflib_s / x.ox_s), x.rss]
        for x in loads
    ]  # fmt: skip
    head = ["size (triples)", "query", "rdflib median", "pyoxigraph median", "ratio rdflib/pyox.", "rows"]
    body = [
        [f"{r.size:,}", r.query, fmt_time(r.rdflib_s, timeout), fmt_time(r.ox_s, timeout),
         (">" if r.rdflib_s is None else "") + fmt_ratio(ratio(r, timeout)), rows_cell(r)]
        for r in results
    ]  # fmt: skip
    return [(load_head, load_rows), (head, body)]


def conclusion(loads: list[Load], results: list[Result], timeout: float) -> str:
    """Two sentences from the numbers: geometric-mean ratio per size, then the exceptions."""
    parts = []
    for load in loads:
        mine = [r for r in results if r.size == load.size]
        ratios = [ratio(r, timeout) for r in mine]
        geo = math.exp(sum(math.log(x) for x in ratios) / len(ratios))
        bound = "at least " if any(r.rdflib_s is None for r in mine) else ""
        parts.append(
            f"{bound}{fmt_ratio(geo)} at {load.size:,} triples (per query {fmt_ratio(min(ratios))} to "
            f"{fmt_ratio(max(ratios))}; loading {fmt_ratio(load.rdflib_s / load.ox_s)})"
        )
    first = f"Over the {len(results) // len(loads)} named queries pyoxigraph was faster than rdflib by a geometric mean of {'; '.join(parts)}."
    slower = sorted({r.query for r in results if ratio(r, timeout) < 1})
    bad = [f"{r.query} at {r.size:,}" for r in results if not r.ok]
    notes = [f"rdflib was faster on {', '.join(slower)} at some size"] if slower else []
    notes += [f"the engines returned different rows for {', '.join(bad)} (MISMATCH)"] if bad else []
    if not notes:
        return f"{first} Both engines returned the same rows for every query compared, and rdflib was slower on every one."
    return f"{first} Exceptions: {'; '.join(notes)}."


def markdown(head: list[str], rows: list[list[str]]) -> str:
    lines = [head, ["---"] * len(head), *rows]
    return "\n".join("| " + " | ".join(r) + " |" for r in lines)


def plain(head: list[str], rows: list[list[str]]) -> str:
    widths = [max(len(x) for x in col) for col in zip(head, *rows, strict=True)]
    lines = ["  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)) for r in [head, *rows]]
    return "\n".join(line.rstrip() for line in lines)


def write_markdown(path: Path, args: argparse.Namespace, parts: list[Table], summary: str) -> None:
    machine = (
        f"{os.cpu_count()} CPUs (`nproc`), {platform.machine()}, {platform.system()} {platform.release()}"
    )
    text = f"""# Store choice: rdflib in memory vs pyoxigraph

Generated by `scripts/bench_stores.py --repeat {args.repeat} --scale {args.scale} --timeout {args.timeout:g}`;
re-run it rather than editing by hand.

- Machine: {machine}; Python {platform.python_version()}, rdflib {rdflib.__version__}, pyoxigraph {ox.__version__}; {dt.date.today().isoformat()}.
- A query time is the median of the runs of the whole call, including parsing the SPARQL text: rdflib
  `Graph.query(text, initNs=PREFIXES, initBindings=...)`; pyoxigraph `KnowledgeGraph.query(text, bindings)`
  (substitutions, rows converted to Python values). Parameters: state RUS, treaty ETS-126, organisation CoE,
  date 2023-01-01. Rows are compared as sorted value tuples, not only counted.
- The real size is the Turtle files; a larger size is N renamed copies of the facts (N-Triples) plus the
  ontology. RSS growth is rough (one process, after `gc.collect()`).

## Load

{markdown(*parts[0])}

## Named queries

{markdown(*parts[1])}

## Conclusion

{summary}
"""
    path.write_text(text, encoding="utf-8")


def main(argv: Sequence[str] | None = None) -> None:
    raw = argparse.RawDescriptionHelpFormatter
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=raw)
    add = parser.add_argument
    add("--repeat", type=int, default=5, help="runs per query; the median is reported (default 5)")
    add("--scale", default="1,8", help="comma-separated copies of the facts (default 1,8)")
    add("--timeout", type=float, default=60.0, help="rdflib guard per run, in seconds (default 60)")
    add("--write", type=Path, metavar="PATH", help="also write the tables as Markdown to PATH")
    args = parser.parse_args(argv)
    files = default_files()
    queries = list(available().values())
    loads: list[Load] = []
    results: list[Result] = []
    with tempfile.TemporaryDirectory() as tmp:
        for copies in (int(s) for s in args.scale.split(",")):
            inputs = files if copies == 1 else [files[0], scaled_file(files[1:], copies, Path(tmp))]
            graph, kg, load = load_both(inputs)
            loads.append(load)
            print(f"scale {copies}: {load.size:,} triples", file=sys.stderr, flush=True)
            for query in queries:
                results.append(bench_query(graph, kg, query, load.size, args.repeat, args.timeout))
                print(
                    f"  {query.name}: rdflib {fmt_time(results[-1].rdflib_s, args.timeout)}", file=sys.stderr
                )
            del graph, kg
    parts = tables(loads, results, args.timeout)
    summary = conclusion(loads, results, args.timeout)
    print(*(plain(*p) for p in parts), summary, sep="\n\n", flush=True)
    if args.write:
        write_markdown(args.write, args, parts, summary)
        print(f"wrote {args.write}", file=sys.stderr)


if __name__ == "__main__":
    main()
