"""A state's standing on a date: memberships, treaties in force, bodies with powers over it."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from obligraph import tables
from obligraph.analysis import coverage, facts, law
from obligraph.analysis.facts import Ref
from obligraph.analysis.results import JSON_SCHEMA_VERSION
from obligraph.dates import iso
from obligraph.queries import run_named
from obligraph.store import IRI, SparqlGraph


@dataclass(frozen=True)
class MembershipOnDate:
    organisation: Ref
    status: str
    since: dt.date | None  # None when the source gives only the year
    since_year: int | None  # the year, when that is all the source gives (UN admission)
    until: dt.date | None
    sources: tuple[str, ...]


@dataclass(frozen=True)
class TreatyInForce:
    treaty: Ref
    since: dt.date
    until: dt.date | None
    confidence: str | None
    sources: tuple[str, ...]


@dataclass(frozen=True)
class BodyPowers:
    body: Ref
    powers: tuple[str, ...]
    basis: tuple[str, ...]  # the articles (and treaties or resolutions) that give the powers
    since: dt.date | None
    # the temporal scope a declaration gives a power: "UN-IV-9 Art. 22: only for events after ..."
    limitation: str | None = None
    sources: tuple[str, ...] = ()  # the pages that state the powers


@dataclass(frozen=True)
class ResidualJurisdiction:
    """A body that keeps powers for acts before the state's participation ended."""

    body: Ref
    powers: tuple[str, ...]
    treaty: Ref
    acts_before: dt.date
    clause: str


@dataclass(frozen=True)
class UndatedParticipation:
    """The state is party, but the graph records no date on which the treaty began to bind it."""

    treaty: Ref
    note: str


@dataclass(frozen=True)
class ReservationOnDate:
    """A reservation or declaration the state has made to a treaty in force for it on the date
    and not withdrawn by then (a partial withdrawal leaves the rest, so it stays listed)."""

    treaty: Ref
    kind: str  # reservation, interpretative declaration, understanding, declaration, unlabelled
    articles: str  # the article numbers the text names, "20, 30"
    made: dt.date | None
    partly_withdrawn: dt.date | None
    text: str
    sources: tuple[str, ...]


@dataclass(frozen=True)
class AttemptedWithdrawal:
    """A notice of withdrawal that took no effect, and what the depositary said of it."""

    treaty: Ref
    notified: dt.date | None
    position: str | None
    sources: tuple[str, ...]


@dataclass(frozen=True)
class StateStatus:
    state: Ref
    on: dt.date
    memberships: tuple[MembershipOnDate, ...]
    treaties_in_force: tuple[TreatyInForce, ...]
    bodies: tuple[BodyPowers, ...]
    residual: tuple[ResidualJurisdiction, ...]
    undated: tuple[UndatedParticipation, ...]
    uncovered_systems: tuple[Ref, ...] = ()  # systems in which the graph holds no fact about the state
    attempted_withdrawals: tuple[AttemptedWithdrawal, ...] = ()
    reservations: tuple[ReservationOnDate, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        """The documented JSON of ``obligraph status --json`` (docs/json.md)."""
        return {
            "schema": JSON_SCHEMA_VERSION,
            "state": self.state.to_dict(),
            "on": self.on.isoformat(),
            "memberships": [
                {
                    **m.organisation.to_dict(),
                    "status": m.status,
                    "since": iso(m.since),
                    "since_year": m.since_year,
                    "until": iso(m.until),
                    "sources": list(m.sources),
                }
                for m in self.memberships
            ],
            "treaties_in_force": [
                {
                    **t.treaty.to_dict(),
                    "since": iso(t.since),
                    "until": iso(t.until),
                    "confidence": t.confidence,
                    "sources": list(t.sources),
                }
                for t in self.treaties_in_force
            ],
            "bodies": [
                {
                    **b.body.to_dict(),
                    "powers": list(b.powers),
                    "basis": list(b.basis),
                    "since": iso(b.since),
                    "limitation": b.limitation,
                    "sources": list(b.sources),
                }
                for b in self.bodies
            ],
            "residual_jurisdiction": [
                {
                    **r.body.to_dict(),
                    "powers": list(r.powers),
                    "treaty": r.treaty.id,
                    "acts_before": iso(r.acts_before),
                    "clause": r.clause,
                }
                for r in self.residual
            ],
            "undated_participation": [{**u.treaty.to_dict(), "note": u.note} for u in self.undated],
            "attempted_withdrawals": [
                {
                    **a.treaty.to_dict(),
                    "notified": iso(a.notified),
                    "depositary_position": a.position,
                    "sources": list(a.sources),
                }
                for a in self.attempted_withdrawals
            ],
            "systems_not_covered": [r.to_dict() for r in self.uncovered_systems],
            "reservations": [
                {
                    "treaty": r.treaty.id,
                    "kind": r.kind,
                    "articles": r.articles,
                    "made": iso(r.made),
                    "partly_withdrawn": iso(r.partly_withdrawn),
                    "text": r.text,
                    "sources": list(r.sources),
                }
                for r in self.reservations
            ],
        }

    def to_frame(self) -> Any:
        """One row per membership, treaty in force, body with powers and residual jurisdiction
        (pandas; columns: what, id, name, status, powers, basis, since, until)."""
        rows: list[dict[str, object]] = [
            {
                "what": "membership",
                "id": m.organisation.id,
                "name": m.organisation.name,
                "status": m.status,
                "since": m.since,
                "until": m.until,
            }
            for m in self.memberships
        ]
        rows += [
            {
                "what": "treaty",
                "id": t.treaty.id,
                "name": t.treaty.name,
                "status": "in force",
                "since": t.since,
                "until": t.until,
            }
            for t in self.treaties_in_force
        ]
        rows += [
            {
                "what": "body",
                "id": b.body.id,
                "name": b.body.name,
                "powers": ", ".join(b.powers),
                "basis": "; ".join(b.basis),
                "since": b.since,
            }
            for b in self.bodies
        ]
        rows += [
            {
                "what": "residual",
                "id": r.body.id,
                "name": r.body.name,
                "powers": ", ".join(r.powers),
                "basis": r.clause,
                "until": r.acts_before,
            }
            for r in self.residual
        ]
        return tables.frame(rows, ["what", "id", "name", "status", "powers", "basis", "since", "until"])


def state_status(kg: SparqlGraph, state: str, on: dt.date) -> StateStatus:
    """``state`` is the state's IRI (resolve names first with :class:`obligraph.resolve.Resolver`)."""
    memberships: list[MembershipOnDate] = []
    treaties: list[TreatyInForce] = []
    for row in run_named(kg, "state-status", state=IRI(state), on=on):
        item = facts.ref(kg, str(row["item"]))
        since = row["since"] if isinstance(row["since"], dt.date) else None
        until = row["until"] if isinstance(row["until"], dt.date) else None
        fact = str(row["fact"])
        if row["kind"] == "membership":
            status = facts.kind_name(str(row["status"]))
            year = int(str(row["sinceYear"])) if row["sinceYear"] else None
            memberships.append(MembershipOnDate(item, status, since, year, until, facts.sources(kg, fact)))
        elif since is not None:
            treaties.append(
                TreatyInForce(item, since, until, facts.confidence(kg, fact), facts.sources(kg, fact))
            )
    return StateStatus(
        state=facts.ref(kg, state),
        on=on,
        memberships=tuple(memberships),
        treaties_in_force=tuple(treaties),
        bodies=tuple(
            group_powers(kg, facts.powers_over(kg, state, on), facts.declaration_scopes(kg, state, on))
        ),
        residual=tuple(_residual(kg, state, on)),
        undated=tuple(_undated(kg, state, on)),
        uncovered_systems=coverage.uncovered_systems(kg, state),
        attempted_withdrawals=tuple(_attempts(kg, state, on)),
        reservations=tuple(_reservations(kg, state, on, [t.treaty for t in treaties])),
    )


def _reservations(kg: SparqlGraph, state: str, on: dt.date, treaties: list[Ref]) -> list[ReservationOnDate]:
    """The reservations and declarations in effect on the date, treaty by treaty (named query
    ``reservations``): made by then, and not withdrawn, or withdrawn only in part."""
    out: list[ReservationOnDate] = []
    for treaty in treaties:
        rows = run_named(kg, "reservations", state=IRI(state), treaty=IRI(treaty.iri))
        sources: dict[str, list[str]] = defaultdict(list)
        for row in rows:
            if row["source"] and str(row["source"]) not in sources[str(row["reservation"])]:
                sources[str(row["reservation"])].append(str(row["source"]))
        seen: set[str] = set()
        for row in rows:
            iri = str(row["reservation"])
            made = row["made"] if isinstance(row["made"], dt.date) else None
            withdrawn = row["withdrawn"] if isinstance(row["withdrawn"], dt.date) else None
            partial = row["partial"] is True
            if iri in seen or (made and made > on) or (withdrawn and withdrawn <= on and not partial):
                continue
            seen.add(iri)
            out.append(
                ReservationOnDate(
                    treaty,
                    str(row["kind"]),
                    str(row["articles"] or ""),
                    made,
                    withdrawn if withdrawn and withdrawn <= on else None,
                    str(row["text"]),
                    tuple(sources[iri]),
                )
            )
    return out


def group_powers(
    kg: SparqlGraph, rows: list[facts.PowerRow], scopes: dict[str, str] | None = None
) -> list[BodyPowers]:
    """One entry per body: its power kinds and the articles that grant them; ``scopes`` (article
    IRI -> a limitation, :func:`obligraph.analysis.facts.declaration_scopes`) are attached."""
    limits: dict[str, list[str]] = defaultdict(list)
    kinds: dict[str, list[str]] = defaultdict(list)
    bases: dict[str, list[str]] = defaultdict(list)
    starts: dict[str, list[dt.date]] = defaultdict(list)
    sources: dict[str, set[str]] = defaultdict(set)
    for r in rows:
        sources[r.body].update(facts.sources(kg, r.power))
        if r.kind not in kinds[r.body]:
            kinds[r.body].append(r.kind)
        label = facts.article_label(kg, r.article)
        if label not in bases[r.body]:
            bases[r.body].append(label)
        if r.since:
            starts[r.body].append(r.since)
        scope = (scopes or {}).get(r.article)
        if scope and scope not in limits[r.body]:
            limits[r.body].append(scope)
    return [
        BodyPowers(
            facts.ref(kg, body),
            tuple(sorted(kinds[body])),
            tuple(sorted(bases[body])),
            min(starts[body], default=None),
            "; ".join(limits[body]) or None,
            tuple(sorted(sources[body])),
        )
        for body in sorted(kinds, key=lambda b: facts.ref(kg, b).id)
    ]


def _residual(kg: SparqlGraph, state: str, on: dt.date) -> list[ResidualJurisdiction]:
    """Treaties the state has left whose clause keeps earlier acts covered (ECHR Art. 58(2))."""
    out = []
    for p in facts.participations(kg, state):
        if p.until is None or p.until > on or p.since is None:
            continue
        ended_by = kg.query(
            "SELECT ?p ?kind WHERE { ?p og:endedByAction ?a . ?a og:actionKind ?kind } ORDER BY ?kind",
            {"p": IRI(p.iri)},
        )
        by_membership = any(str(r["kind"]).endswith("CessationByMembershipCondition") for r in ended_by)
        kinds = ("MembershipCondition", "DenunciationClause") if by_membership else ("DenunciationClause",)
        covering = [c for kind in kinds for c in law.clauses(kg, p.treaty, kind) if c.covers_prior_acts]
        if not covering:
            continue
        day_before = p.until - dt.timedelta(days=1)
        treaty_ref = facts.ref(kg, p.treaty)
        for body in group_powers(kg, facts.powers_through(kg, state, p.treaty, day_before)):
            out.append(
                ResidualJurisdiction(
                    body.body,
                    body.powers,
                    treaty_ref,
                    p.until,
                    covering[0].describe(facts.cite_name(kg, p.treaty)),
                )
            )
    return out


def _undated(kg: SparqlGraph, state: str, on: dt.date) -> list[UndatedParticipation]:
    out = []
    for p in facts.participations(kg, state):
        if p.since is None and (p.until is None or p.until > on):
            listed = kg.query("SELECT ?p ?by WHERE { ?p og:partyNoLaterThan ?by }", {"p": IRI(p.iri)})
            by = min((r["by"] for r in listed if isinstance(r["by"], dt.date)), default=None)
            if by is not None and by > on:
                continue  # a page lists it as a party only from a later date
            notes = kg.query("SELECT ?p ?note WHERE { ?p og:note ?note } ORDER BY ?note", {"p": IRI(p.iri)})
            said = [str(n["note"]) for n in notes]
            if by is not None:
                said.insert(
                    0, f"listed as a party by {by.isoformat()}; no page gives the date of its instrument"
                )
            text = "; ".join(said) or "entry into force for the state not recorded"
            out.append(UndatedParticipation(facts.ref(kg, p.treaty), text))
    return out


def _attempts(kg: SparqlGraph, state: str, on: dt.date) -> list[AttemptedWithdrawal]:
    """Withdrawal notices on record before ``on`` that took no effect (the treaty still binds)."""
    rows = kg.query(
        """SELECT ?state ?action ?treaty ?notified ?position WHERE {
             ?action og:actor ?state ; og:treaty ?treaty ; og:actionKind og:DenunciationNotification ;
                     og:tookEffect false .
             OPTIONAL { ?action og:depositDate ?notified }
             OPTIONAL { ?action og:depositaryPosition ?position }
           } ORDER BY ?notified ?action""",
        {"state": IRI(state)},
    )
    return [
        AttemptedWithdrawal(
            facts.ref(kg, str(r["treaty"])),
            r["notified"] if isinstance(r["notified"], dt.date) else None,
            str(r["position"]) if r["position"] else None,
            facts.sources(kg, str(r["action"])),
        )
        for r in rows
        if not isinstance(r["notified"], dt.date) or r["notified"] <= on
    ]
