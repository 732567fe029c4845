"""Hand-compiled facts: ``graph/compiled/<topic>/*.csv``, one row per fact, each with the URL of
the page it was read from and the page's own words, gathered by research passes with the
search tool (the topic folder's SOURCE.md says how). Written to
``graph/generated/compiled/<topic>-*.ttl``.

This module reads ``clauses.csv``: columns ``treaty, article, clause_kind, period, alignment,
condition, quote, source_url, page_kind, confidence, note`` and, where the kind needs them,
``threshold`` (a number the quote states) and ``concerns_article`` (the article whose
declaration the clause governs). Rows of one treaty, kind and article are one clause citing
every row's page. A row's treaty id is mapped through graph/curation/source-identifiers.csv
(source ``compiled``) when it is not already obligraph's.
"""

from __future__ import annotations

import re
from collections import defaultdict
from pathlib import Path

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS, XSD

from obligraph import paths
from obligraph.errors import SourceDataError
from obligraph.importers import curation, emit
from obligraph.importers.clauses import ALIGNMENTS, period_node
from obligraph.importers.rows import CONFIDENCE_RANK, Row, read_rows
from obligraph.rdf_terms import ELI, OG, article, article_key, entity, treaty

GENERATOR = "obligraph import compiled"

CLAUSE_KINDS: dict[str, URIRef] = {
    "denunciation": OG.DenunciationClause,
    "no_denunciation_clause": OG.NoDenunciationClause,
    "survival_prior_acts": OG.SurvivalOfPriorActs,
    "survival_pending_matters": OG.SurvivalOfPendingMatters,
    "entry_into_force_general": OG.EntryIntoForceGeneral,
    "entry_into_force_for_state": OG.EntryIntoForceForState,
    "temporal_jurisdiction": OG.TemporalJurisdiction,
    "ad_hoc_acceptance": OG.AdHocAcceptance,
    "opt_in_declaration": OG.OptInDeclaration,
    "opt_out_declaration": OG.OptOutDeclaration,
    "declaration_threshold": OG.DeclarationThreshold,
    "membership_condition": OG.MembershipCondition,
    "open_to_non_members": OG.OpenToNonMembers,
    "jurisdiction": OG.JurisdictionClause,
}
# Kinds whose ``condition`` qualifies the date the clause gives (og:effectCondition); for the
# others it describes the clause's scope and becomes a note.
DATED_KINDS = (OG.DenunciationClause, OG.EntryIntoForceForState, OG.EntryIntoForceGeneral)
# Kinds a research pass records that are facts of another file (a body's powers: bodies.csv).
ELSEWHERE = ("power",)
PAGE_KINDS = ("official", "secondary")
_NUMBER = re.compile(r"^\d+[a-z]?(\(\d+\)(\([a-z]\))?)?$")


def folder() -> Path:
    return paths.data_root() / "graph" / "compiled"


def treaty_code(row: Row) -> str:
    """obligraph's id for the row's treaty."""
    mapped = curation.identifiers("compiled").get(row["treaty"])
    return mapped or row["treaty"]


def build_clauses(rows: list[Row]) -> Graph:
    """One og:Clause per treaty, kind and article; every row's page is cited."""
    groups: dict[tuple[str, URIRef, str], list[Row]] = defaultdict(list)
    for row in rows:
        if row["clause_kind"] in ELSEWHERE:
            continue
        kind = CLAUSE_KINDS.get(row["clause_kind"])
        if kind is None:
            known = ", ".join(sorted(CLAUSE_KINDS))
            raise SourceDataError(f"{row.where}: unknown clause_kind {row['clause_kind']!r} (one of {known})")
        if row["article"] and not _NUMBER.match(row["article"]):
            raise SourceDataError(f"{row.where}: article {row['article']!r} is not a number like 22 or 22(8)")
        if row["confidence"] not in CONFIDENCE_RANK or row["page_kind"] not in PAGE_KINDS:
            raise SourceDataError(
                f"{row.where}: confidence must be high/medium/low and page_kind official/secondary"
            )
        if not row["source_url"].startswith(("http://", "https://")):
            raise SourceDataError(f"{row.where}: every row needs the URL of the page it was read from")
        groups[(treaty_code(row), kind, row["article"])].append(row)
    g = emit.new_graph()
    for (code, kind, number), group in sorted(groups.items()):
        _clause(g, code, kind, number, group)
    return g


def _clause(g: Graph, code: str, kind: URIRef, number: str, group: list[Row]) -> None:
    best = max(group, key=lambda r: (CONFIDENCE_RANK[r["confidence"]], r["page_kind"] == "official"))
    slug = group[0]["clause_kind"].replace("_", "-")
    node = entity("clause", code, f"{slug}-{emit_key(number)}")
    g.add((node, RDF.type, OG.Clause))
    g.add((node, OG.clauseKind, kind))
    g.add((node, OG.clauseOf, treaty(code)))
    g.add(
        (
            node,
            RDFS.label,
            Literal(f"{code} {('Art. ' + number) if number else 'no article'}: {slug}", lang="en"),
        )
    )
    g.add((node, OG.confidence, Literal(best["confidence"])))
    g.add((node, OG.ruleText, Literal(f"Evidence: “{best['quote']}”")))
    g.add((node, OG.sourceRow, Literal(best.where)))
    for row in group:
        emit.add_sources(g, node, row["source_url"])
        remark = (
            row["note"] if row is best else f"{row['source_url']}: “{row['quote']}” {row['note']}".strip()
        )
        if remark:
            g.add((node, OG.note, Literal(remark)))
    if number:
        art = article(code, number)
        g.add((art, RDF.type, OG.Article))
        g.add((art, OG.articleNumber, Literal(number)))
        g.add((art, ELI.is_part_of, treaty(code)))
        g.add((node, OG.inArticle, art))
        emit.add_sources(g, art, best["source_url"])
    with_period = next((r for r in sorted(group, key=lambda r: r is not best) if r["period"]), None)
    if with_period is not None:
        period_node(g, node, with_period["period"])
    aligned = next((r["alignment"] for r in group if r["alignment"]), "")
    if aligned:
        if aligned not in ALIGNMENTS:
            raise SourceDataError(f"{best.where}: unknown alignment {aligned!r}")
        g.add((node, OG.alignment, ALIGNMENTS[aligned]))
    condition = next((r["condition"] for r in group if r["condition"]), "")
    if condition and kind in DATED_KINDS:  # a condition on the date that obligraph does not evaluate
        g.add((node, OG.effectCondition, Literal(condition)))
    elif condition:
        g.add((node, OG.note, Literal(f"scope: {condition}")))
    threshold = next((r["threshold"] for r in group if r["threshold"]), "")
    if threshold:
        if not threshold.isdigit():
            raise SourceDataError(f"{best.where}: threshold {threshold!r} is not a whole number")
        g.add((node, OG.threshold, Literal(int(threshold), datatype=XSD.integer)))
    concerns = next((r["concerns_article"] for r in group if r["concerns_article"]), "")
    if concerns:
        target = article(code, concerns)
        g.add((target, RDF.type, OG.Article))
        g.add((target, OG.articleNumber, Literal(concerns)))
        g.add((target, ELI.is_part_of, treaty(code)))
        g.add((node, OG.concernsArticle, target))


def emit_key(number: str) -> str:
    return article_key(number) if number else "none"


def topics(base: Path | None = None) -> list[Path]:
    root = base or folder()
    return sorted(p for p in root.iterdir() if p.is_dir()) if root.is_dir() else []


def run(out_dir: Path, base: Path | None = None) -> list[Path]:
    """Import every topic's clauses.csv; return the files written."""
    written = []
    for topic in topics(base):
        path = topic / "clauses.csv"
        if not path.is_file():
            continue
        graph = build_clauses(read_rows(path))
        target = out_dir / "compiled" / f"{topic.name}-clauses.ttl"
        emit.write_turtle(graph, target, GENERATOR, [f"graph/compiled/{topic.name}/clauses.csv"])
        written.append(target)
    return written
