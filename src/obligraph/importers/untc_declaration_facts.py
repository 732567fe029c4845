"""Declarations as facts: one participant's declaration under one article (:class:`Made`),
the acts that date it (:class:`Acts`), and the triples written for it. The reading is in
:mod:`obligraph.importers.untc_declarations`."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import PROV, RDF, XSD

from obligraph.importers import emit
from obligraph.importers.untc_competence import Procedures
from obligraph.importers.untc_names import clean_name
from obligraph.importers.untc_pages import DeclarationText
from obligraph.rdf_terms import OG, article, entity

CAPTURED = "page captured 2026-02-03"
CLASSES = {
    "accepts": OG.CompetenceAccepted,
    "excludes": OG.CompetenceExcluded,
    "future-intent": OG.FutureIntent,
}


@dataclass(frozen=True)
class Acts:
    """A participant's own acts, from the participants table (or a predecessor's end-note)."""

    signature: dt.date | None
    consent: dt.date | None
    consent_code: str
    in_force: dt.date | None  # the treaty's entry into force for the participant

    def upon(self, act: str) -> tuple[dt.date | None, str]:
        """The date of the act a heading names, and the words for the note."""
        if act == "signature" and self.signature:
            return self.signature, "signature"
        if self.consent:
            kind = {"a": "accession", "d": "succession", "A": "acceptance", "AA": "approval"}.get(
                self.consent_code, "ratification"
            )
            return self.consent, kind
        return self.signature, "signature"


@dataclass
class Made:
    """One declaration of one participant under one article, before it becomes triples."""

    key: str
    party: URIRef
    number: str  # the article whose power it switches
    stance: str
    date: dt.date
    words: str
    where: str
    notes: list[str] = field(default_factory=list)
    effective_from: dt.date | None = None
    until: dt.date | None = None
    withdrawn: dt.date | None = None
    later_part: dt.date | None = None
    carried_from: URIRef | None = None
    other_dates: list[tuple[dt.date, str]] = field(default_factory=list)
    confidence: str = "high"
    covers_after: dt.date | None = None  # the competence covers only events after this date
    scope_words: str = ""

    @property
    def starts(self) -> dt.date:
        return self.effective_from or self.date

    @property
    def ends(self) -> dt.date | None:
        candidates = [d for d in (self.until, self.withdrawn) if d]
        return min(candidates) if candidates else None


def write(g: Graph, m: Made, code: str, url: URIRef, procedures: Procedures) -> None:
    node = entity("declaration", m.key, code, f"{m.stance}-art{m.number}-{m.date.isoformat()}")
    clause_article = next((c for c, target in procedures.opt_out_clause.items() if target == m.number), None)
    under = (
        clause_article
        if m.stance == "excludes" and m.number in procedures.opt_out and clause_article
        else m.number
    )
    g.add((node, RDF.type, OG.Declaration))
    g.add((node, OG.declarant, m.party))
    g.add((node, OG.underArticle, article(code, under)))
    g.add((node, OG.classification, CLASSES[m.stance]))
    if m.stance == "accepts" and m.number in procedures.opt_in:
        g.add((node, OG.accepts, article(code, m.number)))
    if m.stance == "excludes" and m.number in procedures.opt_out:
        g.add((node, OG.excludes, article(code, m.number)))
    g.add((node, PROV.wasDerivedFrom, url))
    g.add((node, OG.confidence, Literal(m.confidence)))
    g.add((node, OG.sourceRow, Literal(m.where)))
    g.add((node, OG.note, Literal(f"The page's words: '{m.words[:1200]}'")))
    for note in m.notes:
        g.add((node, OG.note, Literal(note)))
    g.add((node, OG.declarationDate, date_literal(m.date)))
    for prop, value in (
        (OG.effectiveFrom, m.effective_from),
        (OG.effectiveUntil, m.until),
        (OG.withdrawalDate, m.withdrawn),
        (OG.laterPartDate, m.later_part),
    ):
        if value:
            g.add((node, prop, date_literal(value)))
    if m.covers_after is not None:
        g.add((node, OG.coversEventsAfter, date_literal(m.covers_after)))
        g.add((node, OG.scopeNote, Literal(f"'{m.scope_words}'")))
    if m.carried_from is not None:
        g.add((node, OG.carriedFrom, m.carried_from))
    for other, said in m.other_dates:
        emit.claim(
            g,
            node,
            OG.declarationDate,
            other.isoformat(),
            str(url),
            confidence="high",
            accepted=False,
            note=f"also deposited on {other}: {said}",
            row=m.where,
        )


def date_literal(value: dt.date) -> Literal:
    return Literal(value.isoformat(), datatype=XSD.date)


def where(code: str, piece: DeclarationText) -> str:
    table = (
        "declarations under articles" if piece.table == "under-article" else "declarations and reservations"
    )
    dated = f", part dated {piece.date_mark}" if piece.date_mark else ""
    return (
        f"UNTC {code.removeprefix('UN-')}, {table}, row '{clean_name(piece.participant)}'{dated} ({CAPTURED})"
    )
