"""What the graph covers, system by system: the treaties, organisations and bodies of each system
(graph/systems.ttl), how many states have dated facts, the facts by confidence, and when the
sources were captured; and, for one state, the systems the graph holds nothing about it in.

The systems are data (a skos:ConceptScheme of og:System, each treaty, organisation and body
``og:inSystem`` one of them); nothing here names one.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter, defaultdict
from dataclasses import dataclass

from obligraph.analysis import facts
from obligraph.analysis.facts import Ref
from obligraph.queries import run_named
from obligraph.store import IRI, SparqlGraph

CONFIDENCES = ("high", "medium", "low", "unstated")


@dataclass(frozen=True)
class TreatyCoverage:
    treaty: Ref
    parties_dated: int  # states with a participation whose start is recorded
    parties_undated: int  # states with a participation whose start is not


@dataclass(frozen=True)
class SystemCoverage:
    system: Ref  # id: the system's notation (UN, CoE, EU, ICC, Inter-American, African)
    treaties: tuple[TreatyCoverage, ...]
    instruments: tuple[Ref, ...]  # legal resources no state ratifies (a declaration, a statute)
    organisations: tuple[Ref, ...]
    bodies: tuple[Ref, ...]
    states_with_dated_facts: int
    facts: tuple[tuple[str, int], ...]  # (confidence, number of facts), in CONFIDENCES order
    undated_facts: int
    facts_by_kind: tuple[tuple[str, int], ...]  # (participation, membership, ...; number)
    captured: tuple[dt.date, ...]


@dataclass(frozen=True)
class Coverage:
    systems: tuple[SystemCoverage, ...]


def coverage(kg: SparqlGraph) -> Coverage:
    contents = run_named(kg, "system-contents")
    systems: dict[str, Ref] = {}
    things: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    captured: dict[str, list[dt.date]] = defaultdict(list)
    for r in contents:
        iri = str(r["system"])
        systems[iri] = Ref(str(r["notation"]), str(r["label"]), iri)
        if r["thing"] is not None:
            things[iri][str(r["kind"])].append(str(r["thing"]))
        elif isinstance(r["captured"], dt.date):
            captured[iri].append(r["captured"])
    confidence: dict[str, Counter[str]] = defaultdict(Counter)
    undated: Counter[str] = Counter()
    kinds: dict[str, Counter[str]] = defaultdict(Counter)
    for r in run_named(kg, "coverage-facts"):
        iri, n = str(r["system"]), int(str(r["facts"]))
        kinds[iri][str(r["what"])] += n
        if r["dating"] == "dated":
            confidence[iri][str(r["confidence"])] += n
        else:
            undated[iri] += n
    states: Counter[str] = Counter(str(r["system"]) for r in run_named(kg, "coverage-states"))
    parties: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    for r in run_named(kg, "coverage-treaties"):
        parties[(str(r["system"]), str(r["treaty"]))][str(r["dating"])] += int(str(r["states"]))
    out = []
    for iri, ref in systems.items():
        held = things[iri]
        treaties = tuple(
            TreatyCoverage(facts.ref(kg, t), parties[(iri, t)]["dated"], parties[(iri, t)]["undated"])
            for t in held["treaty"]
        )
        out.append(
            SystemCoverage(
                system=ref,
                treaties=tuple(sorted(treaties, key=lambda t: _natural(t.treaty.id))),
                instruments=_refs(kg, held["instrument"]),
                organisations=_refs(kg, held["organisation"]),
                bodies=_refs(kg, held["body"]),
                states_with_dated_facts=states[iri],
                facts=tuple((c, confidence[iri][c]) for c in CONFIDENCES),
                undated_facts=undated[iri],
                facts_by_kind=tuple(sorted(kinds[iri].items())),
                captured=tuple(sorted(set(captured[iri]))),
            )
        )
    return Coverage(tuple(out))


def _natural(text: str) -> tuple[object, ...]:
    """``UN-IV-2`` before ``UN-IV-11``: numbers compare as numbers."""
    return tuple(int(part) if part.isdigit() else part for part in re.split(r"(\d+)", text))


def _refs(kg: SparqlGraph, iris: list[str]) -> tuple[Ref, ...]:
    return tuple(sorted((facts.ref(kg, i) for i in set(iris)), key=lambda r: r.id))


def uncovered_systems(kg: SparqlGraph, state: str) -> tuple[Ref, ...]:
    """The systems in which the graph holds no fact about ``state`` (its IRI)."""
    held = {str(r["system"]) for r in run_named(kg, "state-systems", state=IRI(state))}
    every = {str(r["system"]): r for r in run_named(kg, "system-contents")}
    return tuple(
        Ref(str(r["notation"]), str(r["label"]), iri)
        for iri, r in sorted(every.items(), key=lambda item: str(item[1]["notation"]))
        if iri not in held
    )
