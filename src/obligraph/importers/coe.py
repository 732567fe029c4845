"""Import the hand-curated Council of Europe record (``shared/data/coe-curated``).

Writes ``graph/generated/coe/``: CoE memberships with their events
(:mod:`obligraph.importers.coe_memberships`), participation in CoE treaties with treaty actions
(:mod:`obligraph.importers.coe_participation`), treaty clauses
(:mod:`obligraph.importers.clauses`), and denunciation steps. Every value keeps the row's source
URLs and confidence; rows that disagree become competing claims, one accepted by a documented
rule, none dropped. The curated file's treaty ids map to obligraph's through
graph/curation/source-identifiers.csv.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from rdflib import Graph, URIRef

from obligraph.importers import curation, emit, fact_checks
from obligraph.importers.clauses import build_clauses
from obligraph.importers.coe_memberships import build_memberships
from obligraph.importers.coe_participation import (
    build_participation,
    build_withdrawal_records,
    computed_entry_claims,
)
from obligraph.importers.rows import read_rows
from obligraph.store import KnowledgeGraph

GENERATOR = "obligraph import coe"
PYCOUNTRY_SOURCE = URIRef("https://pypi.org/project/pycountry/26.2.16/")


# --------------------------------------------------------------------------------------------
# Entry point
# --------------------------------------------------------------------------------------------


def run(source_dir: Path, out_dir: Path, kg: KnowledgeGraph | None = None) -> list[Path]:
    """Import everything; return the files written. With ``kg`` (ontology and treaties loaded),
    each stated entry into force gets a computed companion claim from the treaty's clause."""
    coe_dir = source_dir / "coe-curated"
    membership = read_rows(coe_dir / "coe_membership.csv")
    participation = read_rows(coe_dir / "coe_treaty_participation.csv")
    withdrawals = read_rows(coe_dir / "other_withdrawals.csv")
    clauses = read_rows(coe_dir / "treaty_clauses.csv")
    participation_graph = build_participation(participation, withdrawals, fact_checks.load())
    if kg is not None:
        computed_entry_claims(participation_graph, kg)
    outputs: list[tuple[str, Graph, Iterable[str]]] = [
        ("memberships.ttl", build_memberships(membership), ["coe-curated/coe_membership.csv"]),
        (
            "participation.ttl",
            participation_graph,
            [
                "coe-curated/coe_treaty_participation.csv",
                "coe-curated/other_withdrawals.csv",
                "graph/fact-checks/*.csv",
            ],
        ),
        (
            "withdrawals.ttl",
            build_withdrawal_records(withdrawals, _started(kg)),
            ["coe-curated/other_withdrawals.csv", "graph/compiled/*/treaty-actions.csv"],
        ),
        (
            "clauses.ttl",
            build_clauses(clauses, curation.identifiers("coe-curated"), fact_checks.load_clauses()),
            ["coe-curated/treaty_clauses.csv", "graph/fact-checks/*.csv"],
        ),
    ]
    written = []
    for name, graph, inputs in outputs:
        path = out_dir / "coe" / name
        emit.lower_unsourced(graph)  # a value no page states is low, whatever the row said
        emit.write_turtle(graph, path, GENERATOR, inputs)
        written.append(path)
    return written


def _started(kg: KnowledgeGraph | None) -> frozenset[str]:
    """Participations whose start another importer records (graph/compiled/)."""
    if kg is None:
        return frozenset()
    rows = kg.query("SELECT ?p WHERE { ?p a og:Participation ; og:during ?i . ?i time:hasBeginning ?b }")
    return frozenset(str(r["p"]) for r in rows)


def state_names(source_dir: Path) -> dict[str, str]:
    """The names the curated file uses for states (an extra alt label for each)."""
    return {r["iso3"]: r["state"] for r in read_rows(source_dir / "coe-curated" / "coe_membership.csv")}
