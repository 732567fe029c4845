"""Every state's standing towards a treaty, or an optional procedure, on a date: what the
explorer's world map colours and its table lists.

The facts come from named queries only: ``treaty-record`` (each participation, with the deposit
of its instrument and the dates the treaty was in force for the party; each signature and
withdrawal of a signature), ``procedure-acceptances`` (the declarations accepting an article's
procedure in force on the date) and ``state-codes`` (every state, with its ISO 3166-1 numeric
code, which a map's features carry). A state's standing is the first of :data:`STANDINGS` its
facts give on the date. Nothing here names a treaty or a state.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from obligraph.analysis import facts
from obligraph.analysis.facts import Ref
from obligraph.analysis.results import JSON_SCHEMA_VERSION
from obligraph.dates import iso
from obligraph.queries import run_named
from obligraph.resolve import short_id
from obligraph.store import IRI, SparqlGraph, remembered

# (standing, what it means), in the order they win: a state that is a party and accepts the
# procedure is "accepting"; one whose participation ended and who has signed again is "former-party".
STANDINGS: tuple[tuple[str, str], ...] = (
    ("accepting", "accepts the procedure (its declaration is in force)"),
    ("party", "party: the treaty is in force for it"),
    ("consented", "instrument deposited; the treaty not yet in force for it"),
    ("party-undated", "party; the graph records no date of entry into force"),
    ("former-party", "former party: its participation has ended"),
    ("signatory", "signatory (signed, not ratified)"),
    ("signature-withdrawn", "signature withdrawn"),
    ("none", "none of these in the graph"),
)
_RANK = {name: rank for rank, (name, _) in enumerate(STANDINGS)}
_SIGNATURE = ("signatory", "signature-withdrawn")


@dataclass(frozen=True)
class Standing:
    """One state's standing on the date: the standing, the date it holds since (the treaty in
    force, the deposit, the end of the participation, the signature or the declaration; None
    where no date is recorded), and the record it rests on, with its sources and confidence."""

    state: Ref
    numeric: str | None  # ISO 3166-1 numeric code (a map's feature id); None for a historical state
    standing: str
    since: dt.date | None = None
    record: str | None = None
    confidence: str | None = None
    sources: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            **self.state.to_dict(),
            "numeric": self.numeric,
            "standing": self.standing,
            "since": iso(self.since),
            "record": self.record,
            "confidence": self.confidence,
            "sources": list(self.sources),
        }


@dataclass(frozen=True)
class Standings:
    """Every state of the graph and its standing towards ``of`` (a treaty, or an article whose
    procedure needs a declaration) on ``on``; ``first`` the earliest date the graph records for
    the treaty (a signature, a deposit, an entry into force): history starts there."""

    of: Ref
    kind: str  # "treaty" or "article"
    treaty: Ref
    on: dt.date
    first: dt.date | None
    states: tuple[Standing, ...]

    def counts(self) -> dict[str, int]:
        out = {name: 0 for name, _ in STANDINGS}
        for s in self.states:
            out[s.standing] += 1
        return out

    def legend(self) -> list[dict[str, Any]]:
        """``{standing, text, count}`` for each standing offered ("accepting" only for a procedure)."""
        counts = self.counts()
        return [
            {"standing": name, "text": text, "count": counts[name]}
            for name, text in STANDINGS
            if counts[name] or name != "accepting" or self.kind == "article"
        ]

    def to_dict(self) -> dict[str, Any]:
        return {
            "schema": JSON_SCHEMA_VERSION,
            "of": self.of.to_dict(),
            "kind": self.kind,
            "treaty": self.treaty.to_dict(),
            "on": self.on.isoformat(),
            "first": iso(self.first),
            "legend": self.legend(),
            "states": [s.to_dict() for s in self.states],
        }


@dataclass(frozen=True)
class _Fact:
    standing: str
    since: dt.date | None
    record: str
    confidence: str | None


def standings(kg: SparqlGraph, of: str, on: dt.date) -> Standings:
    """The standing of every state towards ``of`` (a treaty IRI, or an article IRI: then a state
    whose declaration accepting the article's procedure is in force is ``accepting``) on ``on``."""
    treaty = facts.treaty_of(kg, of)
    kind = "article" if treaty else "treaty"
    treaty = treaty or of
    records = run_named(kg, "treaty-record", treaty=IRI(treaty))
    found: dict[str, list[_Fact]] = {}
    for party, fact in _record_facts(records, on):
        found.setdefault(party, []).append(fact)
    for party, listed in found.items():  # of its signatures and their withdrawals, the last counts
        signed = [f for f in listed if f.standing in _SIGNATURE]
        last = max(
            signed, key=lambda f: (_ordinal(f.since), f.standing == "signature-withdrawn"), default=None
        )
        found[party] = [f for f in listed if f.standing not in _SIGNATURE or f is last]
    if kind == "article":
        for row in run_named(kg, "procedure-acceptances", article=IRI(of), on=on):
            made = row.get("effectiveFrom") or row.get("made")
            fact = _Fact("accepting", _date(made), str(row["declaration"]), None)
            found.setdefault(str(row["state"]), []).append(fact)
    states = []
    for state, numeric in _state_codes(kg):
        best = min(found.get(state, ()), key=lambda f: (_RANK[f.standing], -_ordinal(f.since)), default=None)
        ref = facts.ref(kg, state)
        if best is None:
            states.append(Standing(ref, numeric, "none"))
            continue
        sources = facts.sources(kg, best.record)
        confidence = best.confidence or facts.confidence(kg, best.record)
        states.append(Standing(ref, numeric, best.standing, best.since, best.record, confidence, sources))
    label = facts.article_label(kg, of) if kind == "article" else None
    of_ref = facts.ref(kg, of) if label is None else Ref(short_id(of), label, of, label)
    dates = [d for r in records for d in (_date(r.get("date")), _date(r.get("since"))) if d is not None]
    return Standings(of_ref, kind, facts.ref(kg, treaty), on, min(dates, default=None), tuple(states))


def _record_facts(rows: Iterable[Mapping[str, object]], on: dt.date) -> Iterable[tuple[str, _Fact]]:
    """(party, what one record of ``treaty-record`` says of it on ``on``), for the records that
    say anything by that date."""
    for row in rows:
        record, kind = str(row["record"]), str(row["kind"])
        date, since, until = _date(row.get("date")), _date(row.get("since")), _date(row.get("until"))
        confidence = None if row.get("confidence") is None else str(row["confidence"])
        standing: str | None = None
        when = None
        if kind == "participation":
            if until is not None and until <= on:
                standing, when = "former-party", until
            elif since is not None and since <= on:
                standing, when = "party", since
            elif since is None and until is not None:  # an unknown start: a party until it ended
                standing = "party"
            elif date is not None and date <= on:
                standing, when = "consented", date
            elif since is None and date is None:
                known_by = _date(row.get("knownBy"))  # a page lists it as a party by then
                if known_by is None or known_by <= on:
                    standing = "party-undated"  # its start is unknown: no "since"
        elif date is not None and date <= on:
            standing, when = ("signatory" if kind == "signature" else "signature-withdrawn"), date
        if standing is not None:
            yield str(row["party"]), _Fact(standing, when, record, confidence)


def _state_codes(kg: SparqlGraph) -> list[tuple[str, str | None]]:
    def look() -> list[list[str | None]]:
        rows = run_named(kg, "state-codes")
        return [[str(r["state"]), None if r.get("numeric") is None else str(r["numeric"])] for r in rows]

    return [(str(s), n) for s, n in remembered(kg, ("state-codes",), look)]


def _date(value: object) -> dt.date | None:
    return value if isinstance(value, dt.date) else None


def _ordinal(day: dt.date | None) -> int:
    return day.toordinal() if day else 0
