"""What the hand-compiled rows of graph/compiled/ have in common: checks every row must pass,
which of several rows is accepted, and competing claims.

A row must name its page (``source_url``) and quote it (``quote``); ``page_kind`` is official or
secondary and ``confidence`` high, medium or low (high only from an official page). A row whose
note begins ``COMPUTED`` holds a date the research pass computed (no page states it): it must not
be high. A row whose note says ``CONFLICT`` (or begins ``[same act]``) is another page's value for
the same fact as a neighbouring row.

Acceptance rule, where rows disagree: a row not flagged as conflicting before a flagged one; a
stated value before a computed one; then the more precise date (day, month, year); then the
higher confidence; then an official page; then the earlier row of the file. Every row stays as a
claim (og:Claim) with ``og:accepted`` true for the one chosen.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS, XSD

from obligraph.errors import SourceDataError
from obligraph.importers import curation, emit
from obligraph.importers.rows import CONFIDENCE_RANK, Row
from obligraph.rdf_terms import ELI, OG, PROV, article, entity, state, treaty

PAGE_KINDS = ("official", "secondary")
_PRECISION = {XSD.date: 3, XSD.gYearMonth: 2, XSD.gYear: 1}
# An article as the rows write it: 62, 34(6), 5(3), 13(b), D(2), 18(g), 55-56, 24-26.
ARTICLE = re.compile(r"^(\d+|[A-Z])[a-z]?(\((\d+|[a-z])\)(\([a-z]\))?)?(-\d+)?$")


def check(row: Row, *, needs_date: bool = False) -> None:
    """Refuse a row without its page, its words, a known page kind or confidence."""
    if not row["source_url"].startswith(("http://", "https://")):
        raise SourceDataError(f"{row.where}: every row needs the URL of the page it was read from")
    if not row["quote"]:
        raise SourceDataError(f"{row.where}: every row needs the page's own words (quote)")
    if row["confidence"] not in CONFIDENCE_RANK or row["page_kind"] not in PAGE_KINDS:
        raise SourceDataError(
            f"{row.where}: confidence must be high/medium/low and page_kind official/secondary"
        )
    if row["confidence"] == "high" and row["page_kind"] != "official":
        raise SourceDataError(f"{row.where}: confidence high needs an official page")
    if computed(row) and row["confidence"] == "high":
        raise SourceDataError(f"{row.where}: a computed date cannot have confidence high")
    if row["date"] and emit.date_literal(row["date"]) is None:
        raise SourceDataError(f"{row.where}: date {row['date']!r} is not YYYY-MM-DD, YYYY-MM or YYYY")
    if needs_date and not row["date"]:
        raise SourceDataError(f"{row.where}: this event needs a date")
    if row["article"] and not ARTICLE.match(row["article"]):
        raise SourceDataError(f"{row.where}: article {row['article']!r} is not a number like 22 or 22(8)")


def computed(row: Row) -> bool:
    return row["note"].startswith("COMPUTED")


def competing(row: Row) -> bool:
    return "CONFLICT" in row["note"] or row["note"].startswith("[same act]")


def precision(value: str) -> int:
    literal = emit.date_literal(value)
    return _PRECISION.get(literal.datatype, 0) if literal is not None and literal.datatype else 0


def rank(row: Row) -> tuple[int, int, int, int, int, int]:
    return (
        0 if competing(row) else 1,
        0 if computed(row) else 1,
        precision(row["date"]),
        CONFIDENCE_RANK[row["confidence"]],
        1 if row["page_kind"] == "official" else 0,
        -row.number,
    )


def best(rows: Iterable[Row]) -> Row:
    return max(rows, key=rank)


def full_date(value: str) -> str | None:
    return value if emit.parse_date(value) else None


def code(identifier: str, source: str = "compiled") -> str:
    """obligraph's id for a research pass's id (graph/curation/source-identifiers.csv)."""
    return curation.identifiers(source).get(identifier, identifier)


def claims(
    g: Graph,
    about: URIRef,
    prop: URIRef,
    rows: list[Row],
    accepted: str | None,
    clause: str | None = None,
    known: frozenset[str] = frozenset(),
) -> None:
    """One claim per row (its page, its words, its confidence); ``accepted`` is the value used.
    A computed row's claim names the clause it was computed by, where the graph has one. A claim
    the graph already holds (``known``: the same page's same value, from another import) is not
    written again."""
    for row in rows:
        digest = hashlib.sha1(f"{about}|{prop}|{row['date']}|{row['source_url']}".encode()).hexdigest()[:12]
        if str(entity("claim", digest)) in known:
            continue
        node = emit.claim(
            g,
            about,
            prop,
            row["date"],
            row["source_url"],
            confidence=row["confidence"],
            note=f"“{row['quote']}” {row['note']}".strip(),
            accepted=row["date"] == accepted,
            row=row.where,
        )
        if node is not None and computed(row) and clause:
            g.add((node, OG.computedBy, URIRef(clause)))


def computed_claim(g: Graph, about: URIRef, prop: URIRef, value: str, clause: str, accepted: bool) -> None:
    """A date obligraph computes from a clause of the graph (no page states it)."""
    digest = hashlib.sha1(f"{about}|{prop}|{value}|{clause}".encode()).hexdigest()[:12]
    node = entity("claim", "computed", digest)
    g.add((node, RDF.type, OG.Claim))
    g.add((node, OG.claimAbout, about))
    g.add((node, OG.claimedProperty, prop))
    g.add((node, OG.claimedValue, Literal(value, datatype=XSD.date)))
    g.add((node, OG.computedBy, URIRef(clause)))
    g.add((node, PROV.wasDerivedFrom, URIRef(clause)))
    g.add((node, OG.accepted, Literal(accepted)))
    g.add((node, OG.note, Literal("computed by obligraph from the treaty's clause; no page states it")))


def cite(g: Graph, node: URIRef, rows: Iterable[Row]) -> None:
    for row in rows:
        emit.add_sources(g, node, row["source_url"])


def action(g: Graph, node: URIRef, iso3: str, code: str, kind: URIRef, rows: list[Row]) -> None:
    top = best(rows)
    g.add((node, RDF.type, OG.TreatyAction))
    g.add((node, OG.actor, state(iso3)))
    g.add((node, OG.treaty, treaty(code)))
    g.add((node, OG.actionKind, kind))
    g.add((node, OG.confidence, Literal(top["confidence"])))
    g.add((node, OG.sourceRow, Literal(top.where)))
    cite(g, node, rows)


def dated(g: Graph, node: URIRef, prop: URIRef, rows: list[Row], assert_it: bool = True) -> str | None:
    """Assert the accepted row's date (a full date only) and keep every row as a claim."""
    value = full_date(best(rows)["date"])
    if value and assert_it:
        g.add((node, prop, Literal(value, datatype=XSD.date)))
    claims(g, node, prop, rows, value)
    return value


def article_node(
    g: Graph, code: str, number: str, source: str, known: frozenset[str] = frozenset()
) -> URIRef:
    """The article ``number`` of the instrument ``code``; labelled as users write it unless the
    graph already describes it (``known``)."""
    node = article(code, number)
    g.add((node, RDF.type, OG.Article))
    g.add((node, OG.articleNumber, Literal(number)))
    g.add((node, ELI.is_part_of, treaty(code)))
    if str(node) not in known:
        g.add((node, RDFS.label, Literal(f"{code} Art. {number}", lang="en")))
    emit.add_sources(g, node, source)
    return node
