"""Benchmark of the consequence engine on the full real graph (a maintainer script).

Measures, in one run: the median of one `impact` (the seed question, with the engine's scenario
overlay, rules to a fixpoint, cascade and gaps; then three more impacts of other kinds), the same question asked as one SPARQL query on
pyoxigraph (`bodies-losing-access`, which answers only "which bodies lose what", without dates,
obligations or cascade), and the full withdrawal matrix. Prints the ratios and writes Markdown.

    .venv/bin/python scripts/bench_impact.py [--repeat 7] [--write docs/engine-performance.md]
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import statistics
import time
from collections.abc import Callable
from pathlib import Path

import obligraph
from obligraph.analysis import engine, matrix
from obligraph.analysis.events import Event
from obligraph.analysis.impact import assess, withdraw
from obligraph.queries import run_named
from obligraph.store import IRI

RUS = "https://w3id.org/obligraph/id/state/RUS"
ECPT = "https://w3id.org/obligraph/id/treaty/ETS-126"
ID = "https://w3id.org/obligraph/id/"


def event_impact(kind: str, state: str, target: str, on: dt.date, action: str) -> Callable[[], object]:
    """One impact of a non-withdrawal event, as `obligraph impact STATE --expel-from ...` runs it."""

    def go() -> object:
        return assess(kg_holder[0], Event(kind, ID + state, ID + target, on))

    return go


kg_holder: list[obligraph.KnowledgeGraph] = []


def median_ms(fn: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--write", type=Path)
    args = parser.parse_args()
    start = time.perf_counter()
    kg = obligraph.load()
    load_ms = (time.perf_counter() - start) * 1000
    kg_holder.append(kg)
    notified = dt.date(2025, 10, 3)
    rows = [
        ("load ontology + facts (embedded pyoxigraph)", load_ms),
        (
            "one SPARQL query: bodies-losing-access",
            median_ms(
                lambda: run_named(kg, "bodies-losing-access", state=IRI(RUS), treaty=IRI(ECPT), on=notified),
                args.repeat,
            ),
        ),
        (
            "engine: overlay + rules to fixpoint (withdraw event)",
            median_ms(lambda: engine.run(kg, [Event("withdraw", RUS, ECPT, notified)]), args.repeat),
        ),
        (
            "impact RUS --withdraw ETS-126 --notified 2025-10-03 (full answer)",
            median_ms(lambda: withdraw(kg, RUS, ECPT, notified), args.repeat),
        ),
        (
            "impact RUS --expel-from CoE --on 2022-03-16 (cascade to the ECHR)",
            median_ms(
                event_impact("expel", "state/RUS", "org/CoE", dt.date(2022, 3, 16), "expulsion"), args.repeat
            ),
        ),
        (
            "impact RUS --ratify OPCAT --on 2026-02-03 (hypothetical)",
            median_ms(
                event_impact("ratify", "state/RUS", "treaty/UN-IV-9-b", dt.date(2026, 2, 3), "ratification"),
                args.repeat,
            ),
        ),
        (
            "impact JAM --withdraw ICCPR-OP1 --notified 1997-10-23",
            median_ms(
                lambda: withdraw(kg, ID + "state/JAM", ID + "treaty/UN-IV-5", dt.date(1997, 10, 23)),
                args.repeat,
            ),
        ),
        (
            "matrix: every state x every treaty, 2026-02-03",
            median_ms(lambda: matrix.build(kg, dt.date(2026, 2, 3)), max(3, args.repeat // 2)),
        ),
    ]
    single = rows[1][1]
    lines = [
        "# Consequence engine: measured",
        "",
        f"Machine: {os.cpu_count()} CPUs, {platform.machine()}, Python {platform.python_version()}; "
        f"graph of {len(kg)} triples; medians of {args.repeat} runs; measured {dt.date.today()}.",
        "",
        "| what | median | ratio to the one-query answer |",
        "|---|---|---|",
        *(f"| {name} | {ms:.1f} ms | {ms / single:.1f}x |" for name, ms in rows),
        "",
    ]
    text = "\n".join(lines)
    print(text)
    if args.write:
        args.write.write_text(text + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
