"""The withdrawal matrix: for every state and every treaty it is bound by on a date, what its
withdrawal would remove: bodies and powers held only through that treaty, and obligations left
with no basis. Built from three whole-graph queries (an index per load), not one scenario each."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass

from obligraph.analysis import facts
from obligraph.queries import run_named
from obligraph.store import KnowledgeGraph


@dataclass(frozen=True)
class MatrixRow:
    state: str
    treaty: str
    bodies: tuple[str, ...]
    powers: tuple[str, ...]
    obligations_ceasing: tuple[str, ...]


def build(
    kg: KnowledgeGraph, on: dt.date, progress: Callable[[int, int], None] | None = None
) -> list[MatrixRow]:
    short = {}

    def sid(iri: str) -> str:
        if iri not in short:
            short[iri] = facts.ref(kg, iri).id
        return short[iri]

    bound: dict[str, set[str]] = defaultdict(set)
    for r in run_named(kg, "treaty-bindings-on-date", on=on):
        bound[str(r["party"])].add(str(r["treaty"]))
    powers: dict[tuple[str, str], set[tuple[str, str]]] = defaultdict(set)
    for r in run_named(kg, "powers-on-date", on=on):
        powers[(str(r["state"]), str(r["instrument"]))].add((str(r["body"]), facts.kind_name(str(r["kind"]))))
    bases: dict[str, list[tuple[str | None, bool]]] = defaultdict(list)
    for r in kg.query(
        """SELECT ?obligation ?doc ?custom WHERE { ?obligation og:legalBasis ?b .
             OPTIONAL { ?b eli:is_part_of ?doc } OPTIONAL { ?b a og:CustomaryRule . BIND(true AS ?custom) } }
           ORDER BY ?obligation"""
    ):
        bases[str(r["obligation"])].append((str(r["doc"]) if r["doc"] else None, bool(r["custom"])))
    rows: list[MatrixRow] = []
    states = sorted(bound)
    for n, state in enumerate(states, start=1):
        for treaty in sorted(bound[state]):
            held = powers.get((state, treaty), set())
            ceasing = [
                o
                for o, bs in bases.items()
                if any(doc == treaty for doc, _ in bs)
                and not any(custom or (doc != treaty and doc in bound[state]) for doc, custom in bs)
            ]
            rows.append(
                MatrixRow(
                    sid(state),
                    sid(treaty),
                    tuple(sorted({sid(b) for b, _ in held})),
                    tuple(sorted(f"{sid(b)}:{k}" for b, k in held)),
                    tuple(sorted(sid(o) for o in ceasing)),
                )
            )
        if progress:
            progress(n, len(states))
    return rows
