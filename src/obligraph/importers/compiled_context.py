"""What the graph already holds when the hand-compiled facts are imported: the hand-written files
of graph/, the Council of Europe import (graph/generated/coe/) and the topic's own clauses.

The importer of graph/compiled/ writes onto the same individuals rather than beside them: a
participation the curated CoE record already holds (a Rome Statute withdrawal with no start) gets
its start here; a clause or power the graph already has gets the rows' pages as corroboration,
not a second clause or power. This module reads, once, what those decisions need.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox
from rdflib import Graph

from obligraph import paths
from obligraph.importers.treaty_rules import Rule, load_rule
from obligraph.store import KnowledgeGraph
from obligraph.vocab import ID_NS, OG_NS


def _key(iri: object) -> str:
    """``…/id/treaty/UN-XVIII-10`` -> ``UN-XVIII-10``."""
    return str(iri).removeprefix(ID_NS).split("/", 1)[1]


@dataclass(frozen=True)
class Participation:
    iri: str
    start: dt.date | None
    end: dt.date | None


@dataclass(frozen=True)
class Existing:
    treaties: frozenset[str] = frozenset()  # og:Treaty (and protocols)
    instruments: frozenset[str] = frozenset()  # any legal resource named under id/treaty/
    clauses: tuple[tuple[str, str, str, str], ...] = ()  # (treaty, kind, clause IRI, article number)
    participations: dict[tuple[str, str], Participation] = field(default_factory=dict)  # (iso3, treaty)
    action_dates: dict[str, dict[str, str]] = field(default_factory=dict)  # action IRI -> {property: date}
    actions: frozenset[str] = frozenset()  # treaty action IRIs
    claims: frozenset[str] = frozenset()  # claim IRIs (a page's value already recorded)
    articles: frozenset[str] = frozenset()  # article IRIs the graph already labels
    powers: dict[tuple[str, str, str], str] = field(default_factory=dict)  # (body, kind, treaty) -> IRI
    bodies: frozenset[str] = frozenset()
    organisations: frozenset[str] = frozenset()
    states: frozenset[str] = frozenset()
    constituent: dict[str, str] = field(default_factory=dict)  # organisation -> treaty
    successions: tuple[tuple[str, str, dt.date, str], ...] = ()  # (from, to, date, event IRI)
    rules: dict[str, Rule] = field(default_factory=dict)
    opt_in: frozenset[tuple[str, str]] = frozenset()  # (treaty, article number) of opt-in clauses
    clause_confidence: dict[str, str] = field(default_factory=dict)  # clause IRI -> confidence
    # clause IRI -> (amount, unit IRI, alignment IRI) of its period
    clause_timing: dict[str, tuple[object, object, str | None]] = field(default_factory=dict)

    def clause_for(self, treaty: str, kind: str, article: str) -> str | None:
        """An existing clause of the treaty and kind in the same article (or one of its
        paragraphs: 127 and 127(1) are the same provision for this purpose)."""
        head = _head(article)
        for t, k, iri, number in self.clauses:
            if t == treaty and k == kind and (_head(number) == head):
                return iri
        return None

    def accepts(self, treaty: str, article: str) -> bool:
        """Whether a declaration under the article switches a power on (an opt-in clause sits in it)."""
        head = _head(article)
        return any(t == treaty and _head(n) == head for t, n in self.opt_in)


def _head(article: str) -> str:
    return article.split("(", 1)[0].strip()


def base_files(out_dir: Path) -> list[Path]:
    root = paths.data_root()
    return [
        root / "ontology" / "obligraph.ttl",
        *sorted((root / "graph").glob("*.ttl")),
        *sorted(p for p in [out_dir / "states.ttl"] if p.is_file()),
        *sorted((out_dir / "coe").glob("*.ttl")),
    ]


def add(kg: KnowledgeGraph, g: Graph) -> None:
    """Put an importer's graph into the store (a topic's clauses, before its parties are read)."""
    data = g.serialize(format="nt", encoding="utf-8")
    kg.store.load(data, format=ox.RdfFormat.N_TRIPLES)


def read(kg: KnowledgeGraph) -> Existing:
    q = kg.query
    treaties = {_key(r["t"]) for r in q("SELECT ?t WHERE { { ?t a og:Treaty } UNION { ?t a og:Protocol } }")}
    prefix = ID_NS + "treaty/"
    instruments = {
        _key(r["t"])
        for r in q(f'SELECT DISTINCT ?t WHERE {{ ?t a ?c . FILTER(STRSTARTS(STR(?t), "{prefix}")) }}')
        if "/" not in _key(r["t"])
    }
    clauses = tuple(
        sorted(
            (_key(r["t"]), str(r["k"]).removeprefix(OG_NS), str(r["c"]), str(r["n"] or ""))
            for r in q(
                "SELECT ?c ?t ?k ?n WHERE { ?c og:clauseOf ?t ; og:clauseKind ?k . "
                "OPTIONAL { ?c og:inArticle ?a . ?a og:articleNumber ?n } }"
            )
        )
    )
    participations: dict[tuple[str, str], Participation] = {}
    for r in q(
        """SELECT ?p ?s ?t ?since ?until WHERE { ?p a og:Participation ; og:party ?s ; og:treaty ?t .
             OPTIONAL { ?p og:during ?i . OPTIONAL { ?i time:hasBeginning ?b . ?b time:inXSDDate ?since }
                        OPTIONAL { ?i time:hasEnd ?e . ?e time:inXSDDate ?until } } }"""
    ):
        since, until = r["since"], r["until"]
        participations[(_key(r["s"]), _key(r["t"]))] = Participation(
            str(r["p"]),
            since if isinstance(since, dt.date) else None,
            until if isinstance(until, dt.date) else None,
        )
    action_dates: dict[str, dict[str, str]] = {}
    for r in q(
        "SELECT ?a ?p ?d WHERE { ?a a og:TreatyAction ; ?p ?d . "
        "FILTER(?p IN (og:depositDate, og:effectiveDate)) }"
    ):
        action_dates.setdefault(str(r["a"]), {})[str(r["p"]).removeprefix(OG_NS)] = str(r["d"])
    powers = {
        (_key(r["b"]), str(r["k"]).removeprefix(OG_NS), _key(r["t"])): str(r["p"])
        for r in q(
            "SELECT ?p ?b ?k ?t WHERE { ?p og:heldBy ?b ; og:powerKind ?k ; og:grantedBy ?a . "
            "?a eli:is_part_of ?t }"
        )
    }
    bodies = {_key(r["b"]) for r in q("SELECT ?b WHERE { ?b og:establishedBy ?x }")}
    organisations = {_key(r["o"]) for r in q("SELECT ?o WHERE { ?o a og:InternationalOrganisation }")}
    states = {_key(r["s"]) for r in q("SELECT ?s WHERE { ?s a og:State }")}
    constituent = {_key(r["o"]): _key(r["t"]) for r in q("SELECT ?o ?t WHERE { ?o og:constituentTreaty ?t }")}
    successions = tuple(
        sorted(
            (_key(r["a"]), _key(r["b"]), r["d"], str(r["e"]))
            for r in q(
                "SELECT ?e ?a ?b ?d WHERE { ?e org:originalOrganization ?a ; org:resultingOrganization ?b ; "
                "og:eventDate ?d . FILTER NOT EXISTS { ?e og:eventOf ?state } }"
            )
            if isinstance(r["d"], dt.date)
        )
    )
    general = {
        _key(r["t"]): r["d"]
        for r in q("SELECT ?t ?d WHERE { ?t eli:first_date_entry_in_force ?d }")
        if isinstance(r["d"], dt.date)
    }
    rules = {code: load_rule(kg, code, general.get(code)) for code in sorted(treaties)}
    opt_in = {
        (_key(r["t"]), str(r["n"]))
        for r in q(
            "SELECT ?t ?n WHERE { ?c og:clauseOf ?t ; og:clauseKind og:OptInDeclaration ; "
            "og:inArticle ?a . ?a og:articleNumber ?n }"
        )
    }
    clause_confidence = {
        str(r["c"]): str(r["v"]) for r in q("SELECT ?c ?v WHERE { ?c a og:Clause ; og:confidence ?v }")
    }
    clause_timing: dict[str, tuple[object, object, str | None]] = {
        str(r["c"]): (r["n"], r["u"], str(r["a"]) if r["a"] else None)
        for r in q(
            "SELECT ?c ?n ?u ?a WHERE { ?c og:period ?p . ?p time:numericDuration ?n ; time:unitType ?u . "
            "OPTIONAL { ?c og:alignment ?a } }"
        )
    }
    actions = {str(r["a"]) for r in q("SELECT ?a WHERE { ?a a og:TreatyAction }")}
    claims = {str(r["c"]) for r in q("SELECT ?c WHERE { ?c a og:Claim }")}
    articles = {str(r["a"]) for r in q("SELECT ?a WHERE { ?a og:articleNumber ?n ; rdfs:label ?l }")}
    return Existing(
        articles=frozenset(articles),
        actions=frozenset(actions),
        claims=frozenset(claims),
        clause_timing=clause_timing,
        clause_confidence=clause_confidence,
        treaties=frozenset(treaties),
        instruments=frozenset(instruments),
        clauses=clauses,
        participations=participations,
        action_dates=action_dates,
        powers=powers,
        bodies=frozenset(bodies),
        organisations=frozenset(organisations),
        states=frozenset(states),
        constituent=constituent,
        successions=successions,
        rules=rules,
        opt_in=frozenset(opt_in),
    )
