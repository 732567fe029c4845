"""Treaty clauses from a hand-compiled CSV (one row per clause: treaty, article, kind, period,
alignment, rule text, sources, confidence) into Turtle. The kinds and alignments are the
ontology's; a row's treaty id is mapped to obligraph's through graph/curation/."""

from __future__ import annotations

import re

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS, TIME, XSD

from obligraph.errors import SourceDataError
from obligraph.importers import emit
from obligraph.importers.rows import Row
from obligraph.rdf_terms import OG, article, article_key, entity, treaty

CLAUSE_KINDS = {
    "entry_into_force_general": OG.EntryIntoForceGeneral,
    "entry_into_force_for_state": OG.EntryIntoForceForState,
    "denunciation": OG.DenunciationClause,
    "membership_condition": OG.MembershipCondition,
    "open_to_non_members": OG.OpenToNonMembers,
    "optional_competence_declaration": OG.OptInDeclaration,
    "opt_out_declaration": OG.OptOutDeclaration,
}
ALIGNMENTS = {
    "same_day": OG.SameDay,
    "first_day_of_following_month": OG.FirstDayOfFollowingMonth,
    "30th_day_after": OG.ThirtiethDayAfter,
    "thirtieth_day_after": OG.ThirtiethDayAfter,
    "first_day_of_month_after_60th_day": OG.FirstDayOfMonthAfter60thDay,
    "end_of_financial_year_if_notified_in_months_1_to_9_else_end_of_next_financial_year": (
        OG.EndOfFinancialYear
    ),
    "date_fixed_by_committee_of_ministers": OG.DateFixedByDecision,
    "on_deposit_of_accession_instrument": OG.OnDeposit,
    "same_day_or_later_date_specified": OG.SameDayOrLaterSpecified,
    "on_receipt_of_declaration": OG.OnReceipt,
    "on_receipt_of_notification": OG.OnReceipt,
}
UNITS = {"D": TIME.unitDay, "M": TIME.unitMonth, "Y": TIME.unitYear}
# Clause texts that say the state stays answerable for earlier acts. Read from the curated
# paraphrase, which quotes the article; the engine then treats them as "for acts after DATE".
PRIOR_ACTS = re.compile(
    r"earlier acts|acts done before|before the denunciation|release for earlier|"
    r"violations committed before|obligations \(including financial\) arising"
)


# --------------------------------------------------------------------------------------------
# Clauses
# --------------------------------------------------------------------------------------------


def build_clauses(rows: list[Row], identifiers: dict[str, str]) -> Graph:
    """One og:Clause per row whose treaty ``identifiers`` maps to an obligraph id."""
    g = emit.new_graph()
    for row in rows:
        code = identifiers.get(row["treaty"])
        if code is None:
            continue
        number_match = re.match(r"^\d+(\(\d+\))?(-\(\d+\))?", row["article"])
        kind = CLAUSE_KINDS.get(row["clause_kind"])
        if kind is None:
            raise SourceDataError(f"{row.where}: unknown clause kind {row['clause_kind']!r}")
        if row["clause_kind"] == "denunciation" and not row["period"] and not number_match:
            kind = OG.NoDenunciationClause
        key = article_key(number_match.group(0)) if number_match else "none"
        node = entity("clause", code, f"{row['clause_kind'].replace('_', '-')}-{key}")
        g.add((node, RDF.type, OG.Clause))
        g.add((node, OG.clauseKind, kind))
        g.add((node, OG.clauseOf, treaty(code)))
        g.add((node, OG.ruleText, Literal(row["rule_text_paraphrased"])))
        g.add((node, OG.confidence, Literal(row["confidence"])))
        g.add((node, OG.sourceRow, Literal(row.where)))
        if row["note"]:
            g.add((node, OG.note, Literal(row["note"])))
        emit.add_sources(g, node, row["source_url"])
        if number_match:
            art = article(code, number_match.group(0))
            g.add((art, RDF.type, OG.Article))
            g.add((art, OG.articleNumber, Literal(number_match.group(0))))
            g.add((art, ELI_IS_PART_OF, treaty(code)))
            g.add((node, OG.inArticle, art))
            emit.add_sources(g, art, row["source_url"])
        label_article = row["article"] if row["article"] != "(none)" else "no article"
        g.add(
            (
                node,
                RDFS.label,
                Literal(f"{code} {label_article}: {row['clause_kind'].replace('_', ' ')}", lang="en"),
            )
        )
        if row["period"]:
            period_node(g, node, row["period"])
        if row["alignment"]:
            alignment = ALIGNMENTS.get(row["alignment"])
            if alignment is None:
                g.add((node, OG.note, Literal(f"alignment not modelled: {row['alignment']}")))
            else:
                g.add((node, OG.alignment, alignment))
        if kind in (OG.DenunciationClause, OG.MembershipCondition) and PRIOR_ACTS.search(
            row["rule_text_paraphrased"]
        ):
            g.add((node, OG.coversPriorActs, Literal(True)))
    return g


ELI_IS_PART_OF = URIRef("http://data.europa.eu/eli/ontology#is_part_of")


def period_node(g: Graph, clause: URIRef, period: str) -> None:
    match = re.fullmatch(r"P(\d+)([DMY])", period)
    if not match:
        raise SourceDataError(f"clause {clause}: unsupported period {period!r}")
    node = URIRef(f"{clause}/period")
    g.add((node, RDF.type, TIME.Duration))
    g.add((node, TIME.numericDuration, Literal(match.group(1), datatype=XSD.decimal)))
    g.add((node, TIME.unitType, UNITS[match.group(2)]))
    g.add((clause, OG.period, node))
