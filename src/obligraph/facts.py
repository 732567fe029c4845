"""Small typed look-ups over the graph shared by the analyses (status, impact, sources).

Every function takes IRIs or dates (never user text) and binds them as parameters.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal

from obligraph import dates
from obligraph.queries import run_named
from obligraph.resolve import short_id
from obligraph.store import IRI, SparqlGraph

OG = "https://w3id.org/obligraph/ontology#"


@dataclass(frozen=True)
class Ref:
    """A thing in the graph as users see it: short id, label and IRI."""

    id: str
    label: str
    iri: str


def ref(kg: SparqlGraph, iri: str) -> Ref:
    return Ref(short_id(iri), kg.label(iri), iri)


def sources(kg: SparqlGraph, iri: str) -> tuple[str, ...]:
    rows = kg.query(
        "SELECT ?thing ?src WHERE { ?thing prov:wasDerivedFrom ?src } ORDER BY ?src",
        {"thing": IRI(iri)},
    )
    return tuple(str(r["src"]) for r in rows)


def confidence(kg: SparqlGraph, iri: str) -> str | None:
    rows = kg.query("SELECT ?thing ?c WHERE { ?thing og:confidence ?c } ORDER BY ?c", {"thing": IRI(iri)})
    order = {"low": 0, "medium": 1, "high": 2}
    values = sorted((str(r["c"]) for r in rows), key=lambda c: order.get(c, 3))
    return values[0] if values else None


def kind_name(iri: str) -> str:
    """``og:VisitPower`` -> the notation users read (``visits``)."""
    return _KIND_NOTATIONS.get(iri.removeprefix(OG), iri.removeprefix(OG))


_KIND_NOTATIONS = {
    "VisitPower": "visits",
    "StateReporting": "state-reporting",
    "IndividualComplaints": "individual-complaints",
    "InterStateComplaints": "inter-state-complaints",
    "InquiryPower": "inquiry",
    "BindingJudgments": "binding-judgments",
    "SupervisionOfJudgments": "judgment-supervision",
    "Investigation": "investigation",
    "CriminalJurisdiction": "criminal-jurisdiction",
    "StatusMember": "member",
    "StatusSuspended": "suspended",
    "StatusAssociate": "associate",
}


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
        where = f"{treaty_id} Art. {self.article_number}" if self.article_number else treaty_id
        return where


def clauses(kg: SparqlGraph, treaty: str, kind: str) -> list[Clause]:
    rows = kg.query(
        """SELECT ?treaty ?kind ?clause ?article ?number ?n ?unit ?align ?text ?prior ?condition WHERE {
             ?clause og:clauseOf ?treaty ; og:clauseKind ?kind .
             OPTIONAL { ?clause og:inArticle ?article . OPTIONAL { ?article og:articleNumber ?number } }
             OPTIONAL { ?clause og:period ?p . ?p time:numericDuration ?n ; time:unitType ?unit . }
             OPTIONAL { ?clause og:alignment ?align }
             OPTIONAL { ?clause og:ruleText ?text }
             OPTIONAL { ?clause og:coversPriorActs ?prior }
             OPTIONAL { ?clause og:effectCondition ?condition }
           } ORDER BY ?clause""",
        {"treaty": IRI(treaty), "kind": IRI(OG + kind)},
    )
    out = []
    for r in rows:
        period = None
        if r["n"] is not None and r["unit"] is not None:
            # by value: stores write the xsd:decimal 12.0 as "12", "12.0" or an integer
            period = dates.Period(int(Decimal(str(r["n"]))), dates.UNIT_NAMES[str(r["unit"])])
        iri = str(r["clause"])
        out.append(
            Clause(
                iri=iri,
                kind=kind,
                article=str(r["article"]) if r["article"] else None,
                article_number=str(r["number"]) if r["number"] else None,
                period=period,
                alignment=str(r["align"]) if r["align"] else None,
                rule_text=str(r["text"] or ""),
                covers_prior_acts=bool(r["prior"]),
                confidence=confidence(kg, iri),
                sources=sources(kg, iri),
                condition=str(r["condition"]) if r["condition"] else None,
            )
        )
    return out


@dataclass(frozen=True)
class Participation:
    iri: str
    treaty: str
    since: dt.date | None
    until: dt.date | None


def participations(kg: SparqlGraph, state: str) -> list[Participation]:
    rows = kg.query(
        """SELECT ?state ?p ?treaty ?since ?until WHERE {
             ?p og:party ?state ; og:treaty ?treaty .
             OPTIONAL { ?p og:during ?i .
                        OPTIONAL { ?i time:hasBeginning ?b . OPTIONAL { ?b time:inXSDDate ?since } }
                        OPTIONAL { ?i time:hasEnd ?e . OPTIONAL { ?e time:inXSDDate ?until } } }
           } ORDER BY ?treaty ?since""",
        {"state": IRI(state)},
    )
    return [
        Participation(
            str(r["p"]),
            str(r["treaty"]),
            r["since"] if isinstance(r["since"], dt.date) else None,
            r["until"] if isinstance(r["until"], dt.date) else None,
        )
        for r in rows
    ]


def in_force(p: Participation, on: dt.date) -> bool:
    return p.since is not None and p.since <= on and (p.until is None or p.until > on)


@dataclass(frozen=True)
class PowerRow:
    body: str
    power: str
    kind: str
    article: str
    instrument: str
    basis: str
    since: dt.date | None


def powers_over(kg: SparqlGraph, state: str, on: dt.date) -> list[PowerRow]:
    rows = run_named(kg, "bodies-with-powers", state=IRI(state), on=on)
    return [_power_row(r) for r in rows]


def powers_through(kg: SparqlGraph, state: str, treaty: str, on: dt.date) -> list[PowerRow]:
    rows = run_named(kg, "bodies-losing-access", state=IRI(state), treaty=IRI(treaty), on=on)
    return [_power_row({**r, "instrument": treaty, "basis": treaty}) for r in rows]


def _power_row(r: Mapping[str, object]) -> PowerRow:
    since = r.get("since")
    return PowerRow(
        body=str(r["body"]),
        power=str(r["power"]),
        kind=kind_name(str(r["kind"])),
        article=str(r["article"]),
        instrument=str(r["instrument"]),
        basis=str(r["basis"]),
        since=since if isinstance(since, dt.date) else None,
    )


def article_label(kg: SparqlGraph, article: str) -> str:
    """``ETS-126 Art. 2`` style label for an article IRI."""
    rows = kg.query(
        """SELECT ?article ?number ?doc WHERE {
             ?article eli:is_part_of ?doc . OPTIONAL { ?article og:articleNumber ?number }
           } ORDER BY ?doc""",
        {"article": IRI(article)},
    )
    if not rows:
        return kg.label(article)
    number = rows[0]["number"]
    doc = short_id(str(rows[0]["doc"]))
    return f"{doc} Art. {number}" if number and str(number)[0].isdigit() else f"{doc} ({number})"
