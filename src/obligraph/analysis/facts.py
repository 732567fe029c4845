"""Small typed look-ups over the graph shared by the analyses (status, impact, sources).

Every function takes IRIs or dates (never user text) and binds them as parameters.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass

from obligraph import wording
from obligraph.queries import run_named
from obligraph.resolve import short_id
from obligraph.store import IRI, SparqlGraph, name_of, remembered, short_name_of
from obligraph.store.base import describe
from obligraph.vocab import OG_NS


@dataclass(frozen=True)
class Ref:
    """A thing in the graph as users see it: short id, label (the full title), IRI, and the name
    researchers write (``ICCPR``, ``Russia``; the label where the graph gives no short name)."""

    id: str
    label: str
    iri: str
    name: str = ""

    def __post_init__(self) -> None:
        if not self.name:
            object.__setattr__(self, "name", self.label)

    def to_dict(self) -> dict[str, str]:
        """``label``: the name researchers write (ICCPR, Russia); ``title``: the full title."""
        return {"id": self.id, "label": self.name, "title": self.label}


def ref(kg: SparqlGraph, iri: str) -> Ref:
    label, short = describe(kg, iri)
    return Ref(short_id(iri), label, iri, short or label)


def named(kg: SparqlGraph, iri: str, kind: str) -> str:
    """``iri`` as a sentence names it: ``the ECPT``, ``the Council of Europe``, ``Russia``,
    ``the United States`` (``kind``: state, treaty or organisation)."""
    return wording.the(name_of(kg, iri), kind)


_RECORD = """SELECT ?x ?who ?what ?kind WHERE {
  { ?x og:party ?who ; og:treaty ?what . BIND("participation in" AS ?kind) }
  UNION { ?x org:member ?who ; org:organization ?what . BIND("membership of" AS ?kind) }
  UNION { ?x og:actor ?who ; og:treaty ?what . BIND("treaty action on" AS ?kind) }
} ORDER BY ?kind LIMIT 1"""


def record_name(kg: SparqlGraph, iri: str) -> str | None:
    """A participation, membership or treaty action as a sentence names it: "Russia's
    participation in the ECPT"; None for anything else."""
    rows = kg.query(_RECORD, {"x": IRI(iri)})
    if not rows:
        return None
    kind = str(rows[0]["kind"])
    target = named(kg, str(rows[0]["what"]), "organisation" if kind == "membership of" else "treaty")
    return f"{wording.possessive(named(kg, str(rows[0]['who']), 'state'))} {kind} {target}"


def cite_name(kg: SparqlGraph, iri: str) -> str:
    """How an article citation names its treaty: the short name (``ICCPR``), else the id."""
    return short_name_of(kg, iri) or short_id(iri)


def sources(kg: SparqlGraph, iri: str) -> tuple[str, ...]:
    def look() -> tuple[str, ...]:
        rows = kg.query(
            "SELECT ?thing ?src WHERE { ?thing prov:wasDerivedFrom ?src } ORDER BY ?src",
            {"thing": IRI(iri)},
        )
        return tuple(str(r["src"]) for r in rows)

    return remembered(kg, ("sources", iri), look)


def confidence(kg: SparqlGraph, iri: str) -> str | None:
    def look() -> str | None:
        rows = kg.query("SELECT ?thing ?c WHERE { ?thing og:confidence ?c } ORDER BY ?c", {"thing": IRI(iri)})
        order = {"low": 0, "medium": 1, "high": 2}
        values = sorted((str(r["c"]) for r in rows), key=lambda c: order.get(c, 3))
        return values[0] if values else None

    return remembered(kg, ("confidence", iri), look)


def kind_name(iri: str) -> str:
    """``og:VisitPower`` -> the notation users read (``visits``)."""
    return _KIND_NOTATIONS.get(iri.removeprefix(OG_NS), iri.removeprefix(OG_NS))


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
    "CollectiveComplaints": "collective-complaints",
    "CountryMonitoring": "country-monitoring",
    "ProvisionalMeasures": "provisional-measures",
    "AdvisoryOpinions": "advisory-opinions",
    "StatusMember": "member",
    "StatusSuspended": "suspended",
    "StatusAssociate": "associate",
}


@dataclass(frozen=True)
class Participation:
    iri: str
    treaty: str
    since: dt.date | None
    until: dt.date | None


def participations(kg: SparqlGraph, state: str) -> list[Participation]:
    """The state's participations in treaties, with their dates (remembered as plain data, which
    the store cache can keep between processes)."""
    rows = remembered(
        kg,
        ("participations", state),
        lambda: [[p.iri, p.treaty, _iso(p.since), _iso(p.until)] for p in _participations(kg, state)],
        dated=True,
    )
    return [Participation(str(r[0]), str(r[1]), _day(r[2]), _day(r[3])) for r in rows]


def _iso(day: dt.date | None) -> str | None:
    return day.isoformat() if day else None


def _day(text: object) -> dt.date | None:
    return dt.date.fromisoformat(text) if isinstance(text, str) else None


def _participations(kg: SparqlGraph, state: str) -> list[Participation]:
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
    def look() -> list[list[str | None]]:
        return [_plain(_power_row(r)) for r in run_named(kg, "bodies-with-powers", state=IRI(state), on=on)]

    return [_from_plain(r) for r in remembered(kg, ("powers-over", state, on.isoformat()), look, dated=True)]


def powers_through(kg: SparqlGraph, state: str, treaty: str, on: dt.date) -> list[PowerRow]:
    def look() -> list[list[str | None]]:
        rows = run_named(kg, "bodies-losing-access", state=IRI(state), treaty=IRI(treaty), on=on)
        return [_plain(_power_row({**r, "instrument": treaty, "basis": treaty})) for r in rows]

    key = ("powers-through", state, treaty, on.isoformat())
    return [_from_plain(r) for r in remembered(kg, key, look, dated=True)]


def _plain(r: PowerRow) -> list[str | None]:
    """A power row as plain data (remembered, and kept by the store cache between processes)."""
    return [r.body, r.power, r.kind, r.article, r.instrument, r.basis, _iso(r.since)]


def _from_plain(r: list[str | None]) -> PowerRow:
    return PowerRow(str(r[0]), str(r[1]), str(r[2]), str(r[3]), str(r[4]), str(r[5]), _day(r[6]))


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
    """An article as researchers cite it: ``ICCPR Art. 7``, ``ECPT Art. 22`` (the treaty's short
    name, else its id: ``ETS-001 Art. 8``)."""

    def look() -> str:
        rows = kg.query(
            """SELECT ?article ?number ?doc WHERE {
                 ?article eli:is_part_of ?doc . OPTIONAL { ?article og:articleNumber ?number }
               } ORDER BY ?doc""",
            {"article": IRI(article)},
        )
        if not rows:
            return kg.label(article)
        number = rows[0]["number"]
        doc = cite_name(kg, str(rows[0]["doc"]))
        numbered = bool(number) and bool(_ARTICLE_NUMBER.match(str(number)))  # 22, 22(8), or C, D(2)
        return f"{doc} Art. {number}" if numbered else f"{doc} ({number})"

    return remembered(kg, ("article", article), look)


def treaty_of(kg: SparqlGraph, article: str) -> str | None:
    """The treaty (or protocol) an article is part of; None for anything that is no article."""

    def look() -> str | None:
        rows = kg.query(
            "SELECT ?article ?treaty WHERE { ?article eli:is_part_of ?treaty } ORDER BY ?treaty LIMIT 1",
            {"article": IRI(article)},
        )
        return str(rows[0]["treaty"]) if rows else None

    return remembered(kg, ("treaty-of", article), look)


_ARTICLE_NUMBER = re.compile(r"^(\d|[A-Z](\(|$))")


_ACRONYM = re.compile(r"^(?=(?:.*[A-Z]){2})[A-Za-z][A-Za-z0-9-]{1,9}$")


def short_name(alts: list[str], ident: str) -> str | None:
    """The shortest acronym-like alternative label (ECPT, ICCPR) other than the id itself."""
    return min((a for a in alts if _ACRONYM.match(a) and a != ident), key=lambda a: (len(a), a), default=None)


def declaration_scopes(kg: SparqlGraph, state: str, on: dt.date) -> dict[str, str]:
    """Article IRI -> the temporal scope of the state's declaration accepting it, in effect on
    ``on``, where its text limits the competence to later events (og:coversEventsAfter)."""
    rows = kg.query(
        """SELECT ?state ?article ?after ?made ?from ?to ?until WHERE {
             ?d og:declarant ?state ; og:accepts ?article ; og:coversEventsAfter ?after ; og:declarationDate ?made .
             OPTIONAL { ?d og:effectiveFrom ?from }
             OPTIONAL { ?d og:withdrawalDate ?to }
             OPTIONAL { ?d og:effectiveUntil ?until }
           } ORDER BY ?article ?made""",
        {"state": IRI(state)},
    )
    out: dict[str, str] = {}
    for r in rows:
        start = r["from"] if isinstance(r["from"], dt.date) else r["made"]
        ends = [d for d in (r["to"], r["until"]) if isinstance(d, dt.date)]
        if isinstance(start, dt.date) and start <= on and not any(d <= on for d in ends):
            out[str(r["article"])] = (
                f"{article_label(kg, str(r['article']))}: only for events after {r['after']} "
                f"(its declaration of {r['made']})"
            )
    return out
