"""A state's history as lanes of dated spans and events: memberships of organisations and treaty
participation, with signatures, deposits, suspensions, expulsions, denunciations (notified and
effective) and domestic steps. Dates that sources dispute, dates recorded with low confidence,
dates known only to the year (UN admission) and dates no source gives are kept as such, so the
figure can draw them as uncertain.

A protocol's lane names its family: the lane of the treaty it supplements or amends, when the
state has one (OP1 and the ICCPR), so the figure can draw a family together.

Pure data; :mod:`obligraph.diagrams.timeline_plot` draws it with matplotlib.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, replace

from obligraph.analysis import facts
from obligraph.analysis.facts import Ref
from obligraph.queries import run_named
from obligraph.store import IRI, KnowledgeGraph, short_name_of
from obligraph.vocab import OG_NS

# Treaty action kinds (og:TreatyActionKind) and membership event kinds, as timeline event kinds.
_ACTION_KINDS = {
    "Signature": "signature",
    "Ratification": "deposit",
    "AccessionToTreaty": "deposit",
    "Succession": "deposit",
    "Acceptance": "deposit",
    "Approval": "deposit",
    "FormalConfirmation": "deposit",
    "DenunciationNotification": "denunciation notified",
    "Withdrawal": "denunciation notified",
    "CessationByMembershipCondition": "ceased",
    "SignatureWithdrawal": "signature withdrawn",
    "ConsentWithdrawal": "consent withdrawn",
    "DeclarationWithdrawal": "declaration withdrawn",
}
_EVENT_KINDS = {
    "Accession": "joined",
    "Readmission": "joined",
    "Suspension": "suspended",
    "Expulsion": "expelled",
    "WithdrawalFromOrganisation": "withdrawal notified",
    "WithdrawalEffective": "withdrawal effective",
    "SuspensionLifted": "suspension lifted",
}
_WORDS = {
    "signature": "signed",
    "deposit": "instrument deposited",
    "in force": "in force for the state",
    "denunciation notified": "denunciation notified",
    "denunciation effective": "denunciation takes effect",
    "ceased": "ceased to be a party",
    "joined": "joined",
    "suspended": "rights suspended",
    "expelled": "expelled",
    "withdrawal notified": "withdrawal notified",
    "withdrawal effective": "withdrawal takes effect",
    "suspension lifted": "suspension lifted",
    "signature withdrawn": "signature withdrawn (no intention to become a party)",
    "consent withdrawn": "instrument withdrawn before entry into force",
    "declaration withdrawn": "declaration withdrawn",
    "domestic step": "domestic step",
}
_PROPERTY_WORDS = {
    "ratificationDateAsReported": "ratification date as reported",
    "domesticDecisionDate": "domestic decision date",
    "eventDate": "event date",
    "entryIntoForceDate": "entry into force",
    "signatureDate": "signature date",
    "denunciationNotifiedDate": "denunciation notified",
    "denunciationEffectiveDate": "denunciation effective",
}


@dataclass(frozen=True)
class Span:
    start: dt.date | None  # None: the start is not recorded (drawn from ``drawn_from``)
    end: dt.date | None  # None: still running on the timeline's date
    status: str  # member, suspended, associate, party
    confidence: str | None
    drawn_from: dt.date | None = None  # for an undated start: the earliest date known (deposit)
    note: str = ""
    start_year: int | None = None  # the source gives only the year of the start (start is None)


@dataclass(frozen=True)
class Event:
    on: dt.date
    kind: str  # signature, deposit, denunciation notified, ceased, joined, suspended, ...
    text: str
    confidence: str | None
    took_effect: bool = True


@dataclass(frozen=True)
class ClaimedDate:
    value: str  # as the source gives it: 1996, 1998-03-28
    start: dt.date  # the first day the value can mean
    end: dt.date  # the last day (a year: 31 December)
    accepted: bool | None
    confidence: str | None


@dataclass(frozen=True)
class Dispute:
    """Sources that disagree about one date."""

    what: str  # "ratification date as reported"
    claims: tuple[ClaimedDate, ...]


@dataclass(frozen=True)
class Lane:
    key: str  # "org/CoE", "treaty/ETS-126"
    subject: Ref
    short: str | None
    kind: str  # "membership" or "treaty"
    spans: tuple[Span, ...]
    events: tuple[Event, ...]
    disputes: tuple[Dispute, ...]
    unknown: tuple[str, ...]  # dates no source gives: "denunciation notified"
    family: str | None = None  # key of the lane of the treaty this protocol supplements or amends


@dataclass(frozen=True)
class Timeline:
    state: Ref
    as_of: dt.date
    lanes: tuple[Lane, ...]


def state_timeline(kg: KnowledgeGraph, state: str, as_of: dt.date | None = None) -> Timeline:
    """The timeline of ``state`` (an IRI) up to ``as_of`` (default today)."""
    today = as_of or dt.date.today()
    spans: dict[str, list[Span]] = defaultdict(list)
    events: dict[str, list[Event]] = defaultdict(list)
    unknown: dict[str, list[str]] = defaultdict(list)
    kinds: dict[str, str] = {}
    for r in run_named(kg, "state-memberships", state=IRI(state)):
        org = str(r["organisation"])
        kinds[org] = "membership"
        since = _d(r["since"])
        year = int(str(r["sinceYear"])) if since is None and r["sinceYear"] else None
        status = facts.kind_name(str(r["status"]))
        confidence = facts.confidence(kg, str(r["fact"]))
        note = "start: the source gives the year only" if year else ""
        spans[org].append(Span(since, _d(r["until"]), status, confidence, note=note, start_year=year))
    for r in run_named(kg, "state-membership-events", state=IRI(state)):
        if not r["organisation"]:
            continue
        org = str(r["organisation"])
        kinds.setdefault(org, "membership")
        kind = _EVENT_KINDS.get(_local(r["kind"]), _local(r["kind"]).lower())
        decided = f" ({kg.label(str(r['decidedBy']))})" if r["decidedBy"] else ""
        took = r["took"] is not False
        text = _WORDS.get(kind, kind) + decided + ("" if took else " (did not take effect)")
        events[org].append(Event(_req(r["date"]), kind, text, _c(r["confidence"]), took))
    for p in facts.participations(kg, state):
        kinds[p.treaty] = "treaty"
        confidence = facts.confidence(kg, p.iri)
        if p.since is None:
            spans[p.treaty].append(
                Span(None, p.until, "party", confidence, note="entry into force not recorded")
            )
        else:
            spans[p.treaty].append(Span(p.since, p.until, "party", confidence))
            events[p.treaty].append(Event(p.since, "in force", _WORDS["in force"], confidence))
    seen: set[tuple[object, ...]] = set()
    for r in run_named(kg, "state-treaty-actions", state=IRI(state)):
        treaty = str(r["treaty"])
        kinds.setdefault(treaty, "treaty")
        kind = _ACTION_KINDS.get(_local(r["kind"]), "action")
        took = r["took"] is not False
        suffix = "" if took else " (did not take effect)"
        confidence = _c(r["confidence"])
        deposit, effective = _d(r["deposit"]), _d(r["effective"])
        row_key = tuple(v for k, v in r.items() if k != "unknown")  # one row per unknown date
        first = row_key not in seen
        seen.add(row_key)
        if first and deposit:
            events[treaty].append(Event(deposit, kind, _WORDS.get(kind, kind) + suffix, confidence, took))
        if first and effective and kind in ("denunciation notified", "ceased"):
            word = "ceased" if kind == "ceased" else "denunciation effective"
            events[treaty].append(Event(effective, word, _WORDS[word] + suffix, confidence, took))
        if r["unknown"]:
            missing = str(r["unknown"])
            what = {"depositDate": "notified", "effectiveDate": "takes effect"}.get(missing, missing)
            noun = "denunciation" if kind == "denunciation notified" else kind
            unknown[treaty].append(f"{noun} {what}: date not recorded in any source")
    for r in run_named(kg, "state-domestic-steps", state=IRI(state)):
        treaty = str(r["treaty"])
        note = str(r["note"] or "domestic step").split(";")[0].rstrip(".")
        events[treaty].append(Event(_req(r["date"]), "domestic step", note, _c(r["confidence"])))
    for key in list(events):  # nothing after the timeline's date
        events[key] = [e for e in events[key] if e.on <= today]
    for key in list(spans):
        spans[key] = [
            replace(s, end=s.end if s.end and s.end <= today else None)
            for s in spans[key]
            if (s.start is None or s.start <= today) and (s.start_year is None or s.start_year <= today.year)
        ]
    undated_from = _undated_starts(events)
    disputes = _disputes(kg, state)
    lanes = []
    for key in kinds:
        if not spans[key] and not events[key]:
            continue  # everything on this lane is after the timeline's date
        ref = facts.ref(kg, key)
        lane_spans = tuple(
            replace(s, drawn_from=undated_from.get(key)) if s.start is None and s.start_year is None else s
            for s in spans[key]
        )
        lanes.append(
            Lane(
                key=key.rsplit("/id/", 1)[-1],
                subject=ref,
                short=_short(kg, key),
                kind=kinds[key],
                spans=lane_spans,
                events=tuple(sorted(events[key], key=lambda e: (e.on, e.kind))),
                disputes=tuple(disputes.get(key, ())),
                unknown=tuple(dict.fromkeys(unknown[key])),
            )
        )
    return Timeline(facts.ref(kg, state), today, _in_order(_with_families(kg, lanes), today))


def _with_families(kg: KnowledgeGraph, lanes: list[Lane]) -> list[Lane]:
    """Each protocol lane with the key of the lane of the treaty it supplements or amends (the
    root of the chain, when a protocol amends a protocol the state is also party to)."""
    keys = {lane.subject.iri: lane.key for lane in lanes}
    parent = {
        str(r["source"]): str(r["target"])
        for r in run_named(kg, "structure-links")
        if r["relation"] in ("supplements", "amends")
        and str(r["source"]) in keys
        and str(r["target"]) in keys
    }
    out = []
    for lane in lanes:
        root, seen = lane.subject.iri, set()
        while root in parent and root not in seen:
            seen.add(root)
            root = parent[root]
        out.append(replace(lane, family=keys[root]) if root != lane.subject.iri else lane)
    return out


def _in_order(lanes: list[Lane], today: dt.date) -> tuple[Lane, ...]:
    """Memberships first, then treaty families by their first date, each treaty followed by its
    protocols in order of their first date."""
    first = {lane.key: _first(lane) or today for lane in lanes}
    family_first: dict[str, dt.date] = {}
    for lane in lanes:
        head = lane.family or lane.key
        family_first[head] = min(family_first.get(head, first[lane.key]), first[lane.key])

    def order(lane: Lane) -> tuple[bool, dt.date, str, bool, dt.date, str]:
        head = lane.family or lane.key
        return (
            lane.kind != "membership",
            family_first[head],
            head,
            lane.family is not None,
            first[lane.key],
            lane.key,
        )

    return tuple(sorted(lanes, key=order))


def _undated_starts(events: dict[str, list[Event]]) -> dict[str, dt.date]:
    """Where a participation has no recorded start, the deposit of the instrument is the earliest
    date the state can have been bound; the figure draws the span from there, as uncertain."""
    return {
        key: min(e.on for e in items if e.kind == "deposit")
        for key, items in events.items()
        if any(e.kind == "deposit" for e in items)
    }


def _disputes(kg: KnowledgeGraph, state: str) -> dict[str, list[Dispute]]:
    grouped: dict[tuple[str, str, str], list[ClaimedDate]] = defaultdict(list)
    for r in run_named(kg, "state-claims", state=IRI(state)):
        claimed = _claimed(r["value"], r["accepted"], r["confidence"])
        if claimed is None:
            continue
        key = (str(r["where"]), str(r["about"]), _local(r["property"]))
        if claimed not in grouped[key]:
            grouped[key].append(claimed)
    out: dict[str, list[Dispute]] = defaultdict(list)
    for (where, _about, prop), claims in sorted(grouped.items()):
        if _disagree([c.value for c in claims]):
            unique = {c.value: c for c in sorted(claims, key=lambda c: (c.start, c.accepted is not True))}
            out[where].append(Dispute(_PROPERTY_WORDS.get(prop, prop), tuple(unique.values())))
    return out


def _disagree(values: list[str]) -> bool:
    """Two values disagree unless one is a less precise form of the other (1998, 1998-05-05)."""
    return any(not (a.startswith(b) or b.startswith(a)) for a in values for b in values)


def _claimed(value: object, accepted: object, confidence: object) -> ClaimedDate | None:
    ok = accepted if isinstance(accepted, bool) else None
    conf = _c(confidence)
    if isinstance(value, dt.date):
        return ClaimedDate(value.isoformat(), value, value, ok, conf)
    text = str(value)
    if len(text) == 4 and text.isdigit():
        year = int(text)
        return ClaimedDate(text, dt.date(year, 1, 1), dt.date(year, 12, 31), ok, conf)
    if len(text) == 7 and text[:4].isdigit() and text[4] == "-" and text[5:].isdigit():
        first = dt.date(int(text[:4]), int(text[5:]), 1)
        after = dt.date(first.year + first.month // 12, first.month % 12 + 1, 1)
        return ClaimedDate(text, first, after - dt.timedelta(days=1), ok, conf)
    return None  # not a date (a claimed note, say)


def _short(kg: KnowledgeGraph, iri: str) -> str | None:
    """The short name researchers write (graph/names.ttl), else an acronym among the alt labels."""
    named = short_name_of(kg, iri)
    if named:
        return named
    rows = kg.query("SELECT ?t ?alt WHERE { ?t skos:altLabel ?alt } ORDER BY ?alt", {"t": IRI(iri)})
    return facts.short_name([str(r["alt"]) for r in rows], facts.ref(kg, iri).id)


def _first(lane: Lane) -> dt.date | None:
    dates = [s.start or s.drawn_from or _year_start(s.start_year) for s in lane.spans]
    dates += [e.on for e in lane.events]
    known = [d for d in dates if d]
    return min(known) if known else None


def _year_start(year: int | None) -> dt.date | None:
    """For ordering only: a year-only start sorts as the first day of its year."""
    return dt.date(year, 1, 1) if year else None


def _local(value: object) -> str:
    return str(value or "").removeprefix(OG_NS).rsplit("#", 1)[-1]


def _d(value: object) -> dt.date | None:
    return value if isinstance(value, dt.date) else None


def _req(value: object) -> dt.date:
    assert isinstance(value, dt.date), value
    return value


def _c(value: object) -> str | None:
    return str(value) if value else None
