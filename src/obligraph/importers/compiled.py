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

A denunciation or entry-into-force clause the graph already holds (same treaty, kind and
provision: the curated CoE record's Rome Statute Art. 127, say) gets the rows' pages and words,
not a second clause: the engine applies one such clause per treaty. Rows of kind
``power`` (a body's power: bodies.csv holds them) and rows about an instrument that is not a
treaty (the American Declaration, the IACHR Statute) are kept as the sources and words of the
article or instrument they quote.

:func:`run` also imports the topic's ``treaty-actions.csv``
(:mod:`~obligraph.importers.compiled_actions`, :mod:`~obligraph.importers.compiled_declarations`),
``memberships.csv`` (:mod:`~obligraph.importers.compiled_memberships`) and ``bodies.csv``
(:mod:`~obligraph.importers.compiled_bodies`), reading what the graph already holds first
(:mod:`~obligraph.importers.compiled_context`).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import replace
from pathlib import Path

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS, XSD

from obligraph import paths
from obligraph.errors import SourceDataError
from obligraph.importers import compiled_context, curation, emit
from obligraph.importers.clauses import ALIGNMENTS, period_node
from obligraph.importers.compiled_actions import build_actions, split
from obligraph.importers.compiled_bodies import build_bodies
from obligraph.importers.compiled_context import Existing
from obligraph.importers.compiled_declarations import build_declarations
from obligraph.importers.compiled_memberships import build_memberships
from obligraph.importers.compiled_rows import ARTICLE
from obligraph.importers.rows import CONFIDENCE_RANK, Row, read_rows
from obligraph.rdf_terms import ELI, OG, article, article_key, entity, treaty
from obligraph.store import KnowledgeGraph
from obligraph.vocab import OG_NS

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
    "declaration_withdrawal": OG.DeclarationWithdrawalNotice,
}
# Kinds whose ``condition`` qualifies the date the clause gives (og:effectCondition); for the
# others it describes the clause's scope and becomes a note.
DATED_KINDS = (OG.DenunciationClause, OG.EntryIntoForceForState, OG.EntryIntoForceGeneral)
# Kinds a research pass records that are facts of another file (a body's powers: bodies.csv).
ELSEWHERE = ("power",)
PAGE_KINDS = ("official", "secondary")


def folder() -> Path:
    return paths.data_root() / "graph" / "compiled"


def treaty_code(row: Row) -> str:
    """obligraph's id for the row's treaty."""
    mapped = curation.identifiers("compiled").get(row["treaty"])
    return mapped or row["treaty"]


def build_clauses(rows: list[Row], existing: Existing | None = None) -> Graph:
    """One og:Clause per treaty, kind and article; every row's page is cited. With ``existing``
    (what the graph holds), a clause it already has is corroborated, and rows about instruments
    that are not treaties are kept as evidence."""
    groups: dict[tuple[str, URIRef, str], list[Row]] = defaultdict(list)
    evidence: list[Row] = []
    for row in rows:
        kind = CLAUSE_KINDS.get(row["clause_kind"])
        if row["clause_kind"] in ELSEWHERE or (
            existing is not None and kind is not None and treaty_code(row) not in existing.treaties
        ):
            evidence.append(row)
            continue
        if kind is None:
            known = ", ".join(sorted(CLAUSE_KINDS))
            raise SourceDataError(f"{row.where}: unknown clause_kind {row['clause_kind']!r} (one of {known})")
        if row["article"] and not ARTICLE.match(row["article"]):
            raise SourceDataError(f"{row.where}: article {row['article']!r} is not a number like 22 or 22(8)")
        _check(row)
        groups[(treaty_code(row), kind, row["article"])].append(row)
    g = emit.new_graph()
    for (code, kind, number), group in sorted(groups.items()):
        held = (
            existing.clause_for(code, str(kind).removeprefix(OG_NS), number)
            if existing is not None and kind in DATED_KINDS
            else None
        )
        if held is not None:
            _corroborate(g, URIRef(held), group)
        else:
            _clause(g, code, kind, number, group)
    for row in evidence:
        _evidence(g, row)
    return g


def _corroborate(g: Graph, clause: URIRef, group: list[Row]) -> None:
    """The graph has this clause already: add the rows' pages and words to it."""
    for row in group:
        _check(row)
        emit.add_sources(g, clause, row["source_url"])
        where = f"Art. {row['article']}" if row["article"] else "the treaty"
        words = f"Also read ({where}, {row['page_kind']} page, {row.where}): “{row['quote']}” {row['note']}"
        g.add((clause, OG.note, Literal(words.strip())))


def _evidence(g: Graph, row: Row) -> None:
    """A row that describes no clause of a treaty (a body's power; an instrument no state
    ratifies): its page and words on the article or instrument it quotes."""
    _check(row)
    code = treaty_code(row)
    node = article(code, row["article"]) if row["article"] else treaty(code)
    if row["article"]:
        g.add((node, RDF.type, OG.Article))
        g.add((node, OG.articleNumber, Literal(row["article"])))
        g.add((node, ELI.is_part_of, treaty(code)))
    emit.add_sources(g, node, row["source_url"])
    words = f"{row['clause_kind']} ({row.where}): “{row['quote']}” {row['condition']} {row['note']}"
    g.add((node, OG.note, Literal(" ".join(words.split()))))


def _check(row: Row) -> None:
    if row["confidence"] not in CONFIDENCE_RANK or row["page_kind"] not in PAGE_KINDS:
        raise SourceDataError(
            f"{row.where}: confidence must be high/medium/low and page_kind official/secondary"
        )
    if not row["source_url"].startswith(("http://", "https://")):
        raise SourceDataError(f"{row.where}: every row needs the URL of the page it was read from")


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
    """Import every topic's CSV files; return the files written. What the graph already holds is
    read from the hand-written files of graph/ and the Council of Europe import under
    ``out_dir`` (written before this step by :func:`obligraph.importers.build.build`)."""
    kg = KnowledgeGraph.from_files(compiled_context.base_files(out_dir))

    def rows_of(path: Path) -> list[Row]:  # named graph/compiled/<topic>/<file> in errors
        return [replace(r, file=f"graph/compiled/{path.parent.name}/{path.name}") for r in read_rows(path)]

    built: list[tuple[Graph, Path, str]] = []
    for topic in topics(base):
        name = topic.name
        clauses_csv = topic / "clauses.csv"
        if clauses_csv.is_file():
            graph = build_clauses(rows_of(clauses_csv), compiled_context.read(kg))
            compiled_context.add(kg, graph)
            built.append(
                (graph, out_dir / "compiled" / f"{name}-clauses.ttl", f"graph/compiled/{name}/clauses.csv")
            )
        ctx = compiled_context.read(kg)
        actions_csv = topic / "treaty-actions.csv"
        if actions_csv.is_file():
            acts, declarations = split(rows_of(actions_csv), ctx)
            graph = build_actions(acts, ctx) + build_declarations(declarations, ctx)
            built.append(
                (
                    graph,
                    out_dir / "compiled" / f"{name}-actions.ttl",
                    str(actions_csv.relative_to(topic.parents[2])),
                )
            )
        for file, builder in (("memberships.csv", build_memberships), ("bodies.csv", build_bodies)):
            path = topic / file
            if path.is_file():
                graph = builder(rows_of(path), ctx)
                target = out_dir / "compiled" / f"{name}-{file.removesuffix('.csv')}.ttl"
                built.append((graph, target, str(path.relative_to(topic.parents[2]))))
    written = []
    for graph, target, source in built:
        emit.write_turtle(graph, target, GENERATOR, [source])
        written.append(target)
    return written
