"""Benchmark the reasoning steps of `obligraph validate` and `obligraph reason`.

A maintainer script (the package never imports it). In one run, on this machine, it times:

- HermiT (owlready2) on the ontology with the sample of the facts that CI uses, and on all facts;
- HermiT on the same sample with the defined classes written with hasValue on an individual
  (a nominal) instead of a one-member class, the form the ontology avoids;
- the OWL-RL closure (owlrl) of the facts that concern no particular state (what the dated
  classes need) and of all facts, both computed into a fresh cache, and a read from that cache;
- pySHACL on all facts, for reference.

It prints a Markdown table with each time and its ratio to HermiT on the sample.

    .venv/bin/python scripts/bench_reasoning.py [--skip-full-closure] [--write docs/reasoning-bench.md]
"""

from __future__ import annotations

import argparse
import os
import platform
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from rdflib import Graph, URIRef
from rdflib.namespace import OWL

from obligraph.reasoning import sampling
from obligraph.reasoning.reason import java, reason
from obligraph.store import default_files

OG = "https://w3id.org/obligraph/ontology#"


def timed(label: str, step: Callable[[], object]) -> tuple[str, float]:
    print(f"  {label} ...", file=sys.stderr, flush=True)
    started = time.perf_counter()
    step()
    seconds = time.perf_counter() - started
    print(f"  {label}: {seconds:.1f} s", file=sys.stderr, flush=True)
    return label, seconds


def with_nominals(ontology: Graph) -> Graph:
    """The ontology with each someValuesFrom of a one-member kind class replaced by hasValue of
    its member (og:VisitPowerKind -> og:VisitPower, og:OpenToNonMembersClauseKind -> ...)."""
    members = {URIRef(OG + "VisitPowerKind"): URIRef(OG + "VisitPower")}
    members[URIRef(OG + "OpenToNonMembersClauseKind")] = URIRef(OG + "OpenToNonMembers")
    variant = Graph()
    variant += ontology
    for restriction, kind in list(variant.subject_objects(OWL.someValuesFrom)):
        if kind in members:
            variant.remove((restriction, OWL.someValuesFrom, kind))
            variant.add((restriction, OWL.hasValue, members[kind]))
    return variant


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--skip-full-closure", action="store_true", help="skip owlrl on all facts (minutes)")
    parser.add_argument("--write", type=Path, help="also write the table to this Markdown file")
    args = parser.parse_args()
    if java() is None:
        sys.exit("HermiT needs Java on the PATH")

    files = default_files()
    ontology = Graph().parse(files[0], format="turtle")
    everything = Graph()
    for path in files[1:]:
        everything.parse(path, format="turtle")
    sample = sampling.sample_facts(files[1:])
    rows: list[tuple[str, int, float]] = []

    def run(label: str, triples: int, step: Callable[[], object]) -> None:
        rows.append((label, triples, timed(label, step)[1]))

    run(
        "HermiT, ontology + sample (reference)", len(ontology) + len(sample), lambda: reason(ontology, sample)
    )
    run("HermiT, ontology + all facts", len(ontology) + len(everything), lambda: reason(ontology, everything))
    nominal = with_nominals(ontology)
    run(
        "HermiT, sample, kinds as hasValue (nominals)",
        len(nominal) + len(sample),
        lambda: reason(nominal, sample),
    )
    run("pySHACL, all facts", len(everything), lambda: _shacl(everything))

    with tempfile.TemporaryDirectory() as cache:
        os.environ["OBLIGRAPH_CACHE"] = cache
        from obligraph.reasoning.inference import materialise

        static = sampling.sample_facts(files[1:], ())
        run(
            "owlrl closure, state-independent facts",
            len(ontology) + len(static),
            lambda: materialise(sample_states=()),
        )
        run(
            "  the same inputs again: cache lookup",
            len(ontology) + len(static),
            lambda: materialise(sample_states=()),
        )
        if not args.skip_full_closure:
            run("owlrl closure, all facts", len(ontology) + len(everything), lambda: materialise())
            run(
                "  the same inputs again: cache lookup",
                len(ontology) + len(everything),
                lambda: materialise(),
            )

    reference = rows[0][2]
    machine = f"{os.cpu_count()} CPUs, {platform.machine()}, load average {os.getloadavg()[0]:.1f} at the end"
    lines = [
        f"Reasoning benchmark ({machine}); ratios against the first row, measured in the same run.",
        "",
        "| step | triples | seconds | ratio |",
        "|---|---:|---:|---:|",
    ]
    lines += [
        f"| {label} | {triples} | {seconds:.1f} | {seconds / reference:.2f} |"
        for label, triples, seconds in rows
    ]
    text = "\n".join(lines) + "\n"
    print(text)
    if args.write:
        args.write.write_text(text, encoding="utf-8")


def _shacl(data: Graph) -> None:
    from pyshacl import validate

    shapes = Graph().parse(default_files()[0].parent / "shapes.ttl", format="turtle")
    validate(data, shacl_graph=shapes, inference="none", advanced=False)


if __name__ == "__main__":
    main()
