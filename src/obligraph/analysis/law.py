"""Treaty clauses as the analyses read them, and the one place where a clause gives a date.

A clause (``og:Clause``) is data: its kind, article, period (``og:period`` ->
``time:numericDuration`` + ``time:unitType``), alignment and the other parameters of its rule.
This module reads them (one reader for periods, whatever form the store gives the decimal in)
and applies them: the engine's rule files reach the same arithmetic as SPARQL extension
functions (:data:`FUNCTIONS`), and the importers call :func:`effect_date` directly.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

import pyoxigraph as ox

from obligraph import dates
from obligraph.analysis.facts import Ref, cite_name, confidence, sources
from obligraph.analysis.results import EffectiveRule
from obligraph.errors import SourceDataError, UnsupportedAlignmentError
from obligraph.store import IRI, SparqlGraph, remembered
from obligraph.vocab import FN, OG, OG_NS, TIME_NS, XSD_NS

UNIT_NAMES = {TIME_NS + "unitDay": "day", TIME_NS + "unitMonth": "month", TIME_NS + "unitYear": "year"}


def read_period(amount: object, unit: object) -> dates.Period | None:
    """A clause's period from its ``time:numericDuration`` and ``time:unitType``.

    The amount is an ``xsd:decimal``; stores return it as ``12``, ``12.0``, a Decimal or an
    int, so it is read by value. A fractional or unreadable amount is an error in the data."""
    if amount is None or unit is None:
        return None
    try:
        value = Decimal(str(amount))
    except InvalidOperation:
        raise SourceDataError(f"clause period {amount!r} is not a number") from None
    if value != value.to_integral_value() or value < 0:
        raise SourceDataError(f"clause period {amount!r} is not a whole number of units")
    name = UNIT_NAMES.get(str(unit))
    if name is None:
        raise SourceDataError(f"clause period unit {unit!r} is not day, month or year")
    return dates.Period(int(value), name)


def effect_date(start: dt.date, period: dates.Period | None, alignment: str | None) -> dt.date | None:
    """The date a clause with ``period`` and ``alignment`` gives for an act on ``start``, or
    None where the alignment has no arithmetic (a date fixed by a later decision)."""
    try:
        return dates.apply_clause(start, period, alignment)
    except UnsupportedAlignmentError:
        return None


@dataclass(frozen=True)
class Clause:
    iri: str
    kind: str  # local name of the og:ClauseKind
    article: str | None  # article IRI
    article_number: str | None
    period: dates.Period | None
    alignment: str | None
    rule_text: str
    covers_prior_acts: bool
    confidence: str | None
    sources: tuple[str, ...]
    condition: str | None = None  # a condition on the date that is not evaluated

    def describe(self, treaty_id: str) -> str:
        return f"{treaty_id} Art. {self.article_number}" if self.article_number else treaty_id


_CLAUSES = """SELECT ?treaty ?kind ?clause ?article ?number ?n ?unit ?align ?text ?prior ?condition WHERE {
  ?clause og:clauseOf ?treaty ; og:clauseKind ?kind .
  OPTIONAL { ?clause og:inArticle ?article . OPTIONAL { ?article og:articleNumber ?number } }
  OPTIONAL { ?clause og:period ?p . ?p time:numericDuration ?n ; time:unitType ?unit . }
  OPTIONAL { ?clause og:alignment ?align }
  OPTIONAL { ?clause og:ruleText ?text }
  OPTIONAL { ?clause og:coversPriorActs ?prior }
  OPTIONAL { ?clause og:effectCondition ?condition }
} ORDER BY ?clause"""


def clauses(kg: SparqlGraph, treaty: str, kind: str) -> list[Clause]:
    """The clauses of ``kind`` (an og:ClauseKind local name) of ``treaty``."""
    return list(remembered(kg, ("clauses", treaty, kind), lambda: tuple(_clauses(kg, treaty, kind))))


def _clauses(kg: SparqlGraph, treaty: str, kind: str) -> list[Clause]:
    rows = kg.query(_CLAUSES, {"treaty": IRI(treaty), "kind": IRI(OG_NS + kind)})
    return [
        Clause(
            iri=str(r["clause"]),
            kind=kind,
            article=str(r["article"]) if r["article"] else None,
            article_number=str(r["number"]) if r["number"] else None,
            period=read_period(r["n"], r["unit"]),
            alignment=str(r["align"]) if r["align"] else None,
            rule_text=str(r["text"] or ""),
            covers_prior_acts=bool(r["prior"]),
            confidence=confidence(kg, str(r["clause"])),
            sources=sources(kg, str(r["clause"])),
            condition=str(r["condition"]) if r["condition"] else None,
        )
        for r in rows
    ]


def clause_by_iri(kg: SparqlGraph, iri: str) -> tuple[Clause, str] | None:
    """The clause ``iri`` and its treaty, or None."""
    return remembered(kg, ("clause", iri), lambda: _clause_by_iri(kg, iri))


def _clause_by_iri(kg: SparqlGraph, iri: str) -> tuple[Clause, str] | None:
    rows = kg.query("SELECT ?c ?t ?kind WHERE { ?c og:clauseOf ?t ; og:clauseKind ?kind }", {"c": IRI(iri)})
    if not rows:
        return None
    treaty = str(rows[0]["t"])
    kind = str(rows[0]["kind"]).removeprefix(OG_NS)
    found = next((c for c in clauses(kg, treaty, kind) if c.iri == iri), None)
    return (found, treaty) if found else None


def rule_of(kg: SparqlGraph, c: Clause, treaty_ref: Ref) -> EffectiveRule:
    """A clause as the rule an analysis applied: article, period, alignment, confidence, sources."""
    return EffectiveRule(
        clause=c.iri,
        article=c.describe(cite_name(kg, treaty_ref.iri)),
        rule=c.rule_text,
        period=str(c.period) if c.period else None,
        alignment=kg.label(c.alignment) if c.alignment else None,
        alignment_iri=c.alignment,
        covers_prior_acts=c.covers_prior_acts,
        confidence=c.confidence,
        sources=c.sources,
        condition=c.condition,
    )


def denunciation_rule(kg: SparqlGraph, treaty: Ref) -> EffectiveRule | None:
    """The treaty's denunciation clause as a rule, or its recorded absence, or None."""
    found = clauses(kg, treaty.iri, "DenunciationClause") or clauses(kg, treaty.iri, "NoDenunciationClause")
    return rule_of(kg, found[0], treaty) if found else None


def clause_note(kg: SparqlGraph, clause: str) -> str:
    def look() -> str:
        rows = kg.query("SELECT ?c ?note WHERE { ?c og:note ?note } ORDER BY ?note", {"c": IRI(clause)})
        return "; ".join(str(r["note"]) for r in rows) or "see its sources"

    return remembered(kg, ("clause-note", clause), look)


# --------------------------------------------------------------------------------------------
# The same arithmetic for the rule files, as SPARQL extension functions
# --------------------------------------------------------------------------------------------


def date_of(term: object) -> dt.date | None:
    if isinstance(term, ox.Literal) and term.datatype.value == XSD_NS + "date":
        return dt.date.fromisoformat(term.value)
    return None


def _literal(day: dt.date | None) -> ox.Literal | None:
    return None if day is None else ox.Literal(day.isoformat(), datatype=ox.NamedNode(XSD_NS + "date"))


def _apply_clause(
    date: object, amount: object = None, unit: object = None, alignment: object = None
) -> ox.Literal | None:
    """``fn:applyClause(date, amount, unit, alignment)``: the date a clause gives for an act."""
    start = date_of(date)
    if start is None:
        return None
    period = None
    if isinstance(amount, ox.Literal) and isinstance(unit, ox.NamedNode):
        try:
            period = read_period(amount.value, unit.value)
        except SourceDataError:
            return None
    align = alignment.value if isinstance(alignment, ox.NamedNode) else None
    return _literal(effect_date(start, period, align))


def _end_of_financial_year(date: object, months: object = None, year_end: object = None) -> ox.Literal | None:
    """``fn:endOfFinancialYear(notice, noticeMonths, "--MM-DD")``: the end of the financial year
    if the notice falls within its first ``noticeMonths`` months, else the end of the next."""
    start = date_of(date)
    if start is None or not isinstance(months, ox.Literal) or not isinstance(year_end, ox.Literal):
        return None
    try:
        month, day = (int(part) for part in year_end.value.removeprefix("--").split("-"))
        return _literal(dates.end_of_financial_year(start, int(Decimal(months.value)), (month, day)))
    except (ValueError, InvalidOperation):
        return None


Term = ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple
FUNCTIONS: dict[ox.NamedNode, Callable[..., Term | None]] = {
    ox.NamedNode(FN + "applyClause"): _apply_clause,
    ox.NamedNode(FN + "endOfFinancialYear"): _end_of_financial_year,
}

__all__ = ["FUNCTIONS", "OG", "Clause", "clauses", "effect_date", "read_period", "rule_of"]
