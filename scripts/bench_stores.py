"""Benchmark rdflib's in-memory store against pyoxigraph on obligraph's named queries.

A maintainer script (the package never imports it). It loads the ontology and facts into a plain
rdflib ``Graph()`` and into ``obligraph.store.KnowledgeGraph`` (pyoxigraph), runs every
``queries/*.rq`` with typical parameters on both, checks that both return the same rows, and
prints medians and rdflib/pyoxigraph ratios measured in the same run.

Scale N means N copies of the fact triples plus the ontology once: copy 0 keeps its IRIs (so the
parameters still match), copy k appends ``-ck`` to every IRI under ``https://w3id.org/obligraph/id/``.

    .venv/bin/python scripts/bench_stores.py --scale 1,2 --write docs/store-choice.md
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


class GuardTimeoutError(BaseException):
    """Raised by SIGALRM; a BaseException so that no ``except Exception`` in an engine swallows it."""


@dataclass
class Load:
    size: int
    rdflib_s: float
    ox_s: float
    rss: str

    def cells(self, timeout: float) -> list[str]:
        times = [fmt_time(self.rdflib_s, timeout), fmt_time(self.ox_s, timeout)]
        return [f"{self.size:,}", *times, fmt_ratio(self.rdflib_s / self.ox_s), self.rss]


@dataclass
class Result:
    size: int
    query: str
    rdflib_s: float | None  # None: ran past the guard
    ox_s: float | None
    rdflib_rows: int | None  # None: not compared
    ox_rows: int | None
    same_rows: bool

    def ratio(self, timeout: float) -> float:
        """rdflib/pyoxigraph, a run past the guard counted as ``timeout`` (so a bound); NaN if both were."""
        if self.rdflib_s is None and self.ox_s is None:
            return math.nan
        return (timeout if self.rdflib_s is None else self.rdflib_s) / (
            timeout if self.ox_s is None else self.ox_s
        )

    def cells(self, timeout: float) -> list[str]:
        times = [fmt_time(self.rdflib_s, timeout), fmt_time(self.ox_s, timeout)]
        bound = ">" if self.rdflib_s is None else "<" if self.ox_s is None else ""
        ratio = "?" if math.isnan(self.ratio(timeout)) else bound + fmt_ratio(self.ratio(timeout))
        late = [name for name, t in (("rdflib", self.rdflib_s), ("pyoxigraph", self.ox_s)) if t is None]
        if late:
            rows = f"{'?' if self.ox_rows is None else self.ox_rows} ({' and '.join(late)} timed out: not compared)"
        elif self.rdflib_rows != self.ox_rows:
            rows = f"MISMATCH: rdflib {self.rdflib_rows}, pyoxigraph {self.ox_rows}"
        else:
            rows = f"{self.ox_rows}" + ("" if self.same_rows else " (MISMATCH: same count, different rows)")
        return [f"{self.size:,}", self.query, *times, ratio, rows]


def fmt_time(seconds: float | None, timeout: float) -> str:
    if seconds is None:
        return f">{timeout:g} s"
    return f"{seconds * 1000:.3g} ms" if seconds < 1 else f"{seconds:.2f} s"


def fmt_ratio(x: float) -> str:
    return f"{x:.2g}×" if x < 10 else f"{x:.0f}×"


def rss_mb() -> float:
    """Resident set size now (Linux), or NaN."""
    try:
        return int(Path("/proc/self/statm").read_text().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20
    except (OSError, IndexError, ValueError):
        return math.nan


def timed(fn: Callable[[], Any], timeout: float) -> tuple[float | None, Any]:
    """Run ``fn``: (seconds, result), or (None, None) once it runs past ``timeout`` (SIGALRM)."""

    def alarm(signum: int, frame: object) -> None:
        raise GuardTimeoutError

    previous = signal.signal(signal.SIGALRM, alarm)
    signal.setitimer(signal.ITIMER_REAL, timeout)
    start = time.perf_counter()
    try:
        result = fn()
        return time.perf_counter() - start, result
    except GuardTimeoutError:
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
    ox.serialize(scaled, output=str(out), format=ox.RdfFormat.N_TRIPLES)
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
    """Median times of ``repeat`` runs on each engine; an engine stops after one run past ``timeout``."""
    bindings = {p.name: PARAMS[p.type] for p in query.parameters}
    init = {Variable(k): URIRef(v.value) if isinstance(v, IRI) else Literal(v) for k, v in bindings.items()}

    def run_rdflib() -> tuple[list[str], list[tuple[object, ...]]]:
        result = graph.query(query.text, initNs=PREFIXES, initBindings=init)
        return [str(v) for v in result.vars or []], [tuple(row) for row in result]

    runs: dict[str, Callable[[], Any]] = {"ox": lambda: kg.query(query.text, bindings), "rdflib": run_rdflib}
    times: dict[str, list[float]] = {"ox": [], "rdflib": []}
    answers: dict[str, Any] = {}
    late: set[str] = set()  # engines that ran past the guard: no more runs
    for _ in range(repeat):
        for engine, fn in runs.items():
            if engine not in late:
                seconds, answer = timed(fn, timeout)
                late |= {engine} if seconds is None else set()
                times[engine] += [] if seconds is None else [seconds]
                answers[engine] = answer
    median = {e: None if e in late else statistics.median(times[e]) for e in runs}
    count = {e: None if e in late else len(answers[e][1] if e == "rdflib" else answers[e]) for e in runs}
    same = False
    if not late:
        variables, rows = answers["rdflib"]
        mine = canonical([tuple(rdflib_value(v) for v in row) for row in rows])
        same = mine == canonical([tuple(row.get(v) for v in variables) for row in answers["ox"]])
    return Result(size, query.name, median["rdflib"], median["ox"], count["rdflib"], count["ox"], same)


def conclusion(loads: list[Load], results: list[Result], timeout: float) -> str:
    """Two sentences from the numbers: geometric-mean ratio per size, then the exceptions."""
    parts = []
    for load in loads:
        ratios = [r.ratio(timeout) for r in results if r.size == load.size]
        ratios = [x for x in ratios if not math.isnan(x)]
        if not ratios:
            continue
        geo = math.exp(sum(math.log(x) for x in ratios) / len(ratios))
        parts.append(
            f"{fmt_ratio(geo)} at {load.size:,} triples (per query {fmt_ratio(min(ratios))} to "
            f"{fmt_ratio(max(ratios))}; loading {fmt_ratio(load.rdflib_s / load.ox_s)})"
        )
    guarded = sum(1 for r in results if r.rdflib_s is None or r.ox_s is None)
    guard = (
        f", a run past the {timeout:g} s guard counted as {timeout:g} s ({guarded} such)" if guarded else ""
    )
    first = f"Over the {len(results) // len(loads)} named queries the ratio rdflib/pyoxigraph had a geometric mean of {'; '.join(parts)}{guard}."
    slower = [
        f"{r.query} ({fmt_ratio(r.ratio(timeout))} at {r.size:,})" for r in results if r.ratio(timeout) < 1
    ]
    bad = [
        f"{r.query} at {r.size:,}"
        for r in results
        if None not in (r.rdflib_rows, r.ox_rows) and not r.same_rows
    ]
    notes = [f"rdflib was faster on {', '.join(slower)}"] if slower else []
    notes += [f"the engines returned different rows for {', '.join(bad)} (MISMATCH)"] if bad else []
    if not notes:
        return f"{first} Both engines returned the same rows for every query compared, and rdflib was slower on every one."
    return f"{first} Exceptions: {'; '.join(notes)}."


def markdown(head: list[str], rows: list[list[str]]) -> str:
    """A Markdown table, padded so that it also reads as plain text."""
    widths = [max(len(x) for x in col) for col in zip(head, *rows, strict=True)]
    lines = [head, ["-" * w for w in widths], *rows]
    return "\n".join(
        "| " + " | ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)) + " |" for r in lines
    )


def write_markdown(path: Path, args: argparse.Namespace, parts: list[str], summary: str) -> None:
    machine = (
        f"{os.cpu_count()} CPUs (`nproc`), {platform.machine()} {platform.system()} {platform.release()}"
    )
    versions = f"Python {platform.python_version()}, rdflib {rdflib.__version__}, pyoxigraph {ox.__version__}"
    text = f"""# Store choice: rdflib in memory vs pyoxigraph

Generated by `scripts/bench_stores.py --repeat {args.repeat} --scale {args.scale} --timeout {args.timeout:g}`;
re-run it rather than editing by hand.

- Machine: {machine}; {versions}; run on {dt.date.today().isoformat()}; load average {os.getloadavg()[0]:.1f}
  when written (other work on the machine inflates times; the two engines' runs alternate).
- Query time: median of whole calls, SPARQL parsing included: rdflib `Graph.query(text, initNs, initBindings)`,
  pyoxigraph `KnowledgeGraph.query(text, bindings)`. Parameters: state RUS, treaty ETS-126, organisation CoE,
  on 2023-01-01. Rows are compared as sorted value tuples, not only counted. The larger sizes are renamed
  copies of the facts (N-Triples) plus the ontology. RSS growth is rough (one process, after `gc.collect()`).

## Load

{parts[0]}

## Named queries

{parts[1]}

## Conclusion

{summary}
"""
    path.write_text(text, encoding="utf-8")


def main(argv: Sequence[str] | None = None) -> None:
    raw = argparse.RawDescriptionHelpFormatter
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=raw)
    add = parser.add_argument
    add("--repeat", type=int, default=5, help="runs per query; the median is reported (default 5)")
    add("--scale", default="1,2", help="comma-separated copies of the facts (default 1,2)")
    add("--timeout", type=float, default=60.0, help="guard per run and engine, in seconds (default 60)")
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
                if any(p.type not in PARAMS for p in query.parameters):
                    print(f"  {query.name}: skipped, no typical value for its parameters", file=sys.stderr)
                    continue
                results.append(bench_query(graph, kg, query, load.size, args.repeat, args.timeout))
                print("  " + "  ".join(results[-1].cells(args.timeout)[1:]), file=sys.stderr)
            del graph, kg
    load_head = ["size (triples)", "rdflib load", "pyoxigraph load", "ratio", "RSS growth rdflib / pyox."]
    head = ["size (triples)", "query", "rdflib median", "pyoxigraph median", "ratio rdflib/pyox.", "rows"]
    tables = [
        (load_head, [x.cells(args.timeout) for x in loads]),
        (head, [r.cells(args.timeout) for r in results]),
    ]
    summary = conclusion(loads, results, args.timeout)
    print(*(markdown(*t) for t in tables), summary, sep="\n\n", flush=True)
    if args.write:
        write_markdown(args.write, args, [markdown(*t) for t in tables], summary)
        print(f"wrote {args.write}", file=sys.stderr)


if __name__ == "__main__":
    main()
