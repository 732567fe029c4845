"""Memberships of organisations from graph/compiled/<topic>/memberships.csv: one og:Membership
per status interval (member, suspended), started and ended by dated events, each event citing
every row that gives its date (competing dates kept as claims).

Rules, all from the data:
- An organisation whose constituent treaty is in the graph (``og:constituentTreaty``: the OAS
  Charter) admits members when that treaty is in force: a deposit before its general entry into
  force counts from that date. Its members are also parties to that treaty over the same
  interval (OAS Charter 1948 Art. 2: "All American States that ratify the present Charter are
  Members"), with the deposit as their consent; ``founding_member`` rows are signatures of it.
- A change of organisation (``org:ChangeEvent``, the OAU replaced by the AU) carries every
  membership open on its date into the resulting organisation, with the same status.
- A suspension changes the status only where its end is known (a lift dated to the day) or where
  it is the last suspension recorded with no later lift; other suspensions stay events.
- A readmission decision followed by an accession to the same organisation starts nothing: the
  membership starts with the accession (Morocco and the AU, 2017).
- A date known only to the year or month is a claim; a year-only accession still starts the
  membership (to the year, as UN admissions do); other partial dates change no interval.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import PROV, RDF, TIME, XSD

from obligraph.errors import SourceDataError
from obligraph.importers import compiled_rows as cr
from obligraph.importers import emit
from obligraph.importers.compiled_context import Existing
from obligraph.importers.rows import Row
from obligraph.rdf_terms import OG, ORG, entity, organisation, state, treaty

KINDS = {
    "joined": OG.Accession,
    "readmitted": OG.Readmission,
    "withdrawal_notified": OG.WithdrawalFromOrganisation,  # the notice, as in the CoE record
    "withdrawal_effective": OG.WithdrawalEffective,
    "suspended": OG.Suspension,
    "suspension_lifted": OG.SuspensionLifted,
    "expelled": OG.Expulsion,
}
EVENTS = (*KINDS, "founding_member")
_BY_YEAR = ("suspended", "suspension_lifted")  # several of these are separate events


@dataclass(frozen=True)
class _Event:
    org: str
    kind: str
    date: str  # the accepted date, full or partial
    node: URIRef


def build_memberships(rows: list[Row], ctx: Existing) -> Graph:
    g = emit.new_graph()
    by_state: dict[str, list[Row]] = defaultdict(list)
    for row in rows:
        cr.check(row, needs_date=True)
        if row["event"] not in EVENTS:
            raise SourceDataError(f"{row.where}: unknown event {row['event']!r} (one of {', '.join(EVENTS)})")
        if cr.code(row["organisation"], "compiled-organisation") not in ctx.organisations:
            raise SourceDataError(f"{row.where}: organisation {row['organisation']!r} is not in the graph")
        if row["iso3"] not in ctx.states:
            raise SourceDataError(f"{row.where}: {row['iso3']!r} is not a state of the graph")
        by_state[row["iso3"]].append(row)
    for iso3, state_rows in sorted(by_state.items()):
        events = _events(g, iso3, state_rows, ctx)
        intervals = _walk(events, ctx)
        _memberships(g, iso3, intervals, ctx)
        _constituent_treaties(g, iso3, state_rows, intervals, events, ctx)
    return g


def _events(g: Graph, iso3: str, rows: list[Row], ctx: Existing) -> list[_Event]:
    groups: dict[tuple[str, str, str], list[Row]] = defaultdict(list)
    for row in rows:
        org = cr.code(row["organisation"], "compiled-organisation")
        year = row["date"][:4] if row["event"] in _BY_YEAR else ""
        groups[(org, row["event"], year)].append(row)
    events = []
    for (org, kind, _), group in sorted(groups.items()):
        top = cr.best(group)
        if kind == "founding_member":
            _founding_signature(g, iso3, org, group, ctx)
            continue
        node = entity("event", iso3, org, kind.replace("_", "-"), top["date"][:4])
        g.add((node, RDF.type, OG.MembershipEvent))
        g.add((node, OG.eventKind, KINDS[kind]))
        g.add((node, OG.eventOf, state(iso3)))
        g.add((node, ORG.originalOrganization, organisation(org)))
        g.add((node, OG.confidence, Literal(top["confidence"])))
        g.add((node, OG.sourceRow, Literal(top.where)))
        if top["note"]:
            g.add((node, OG.note, Literal(top["note"])))
        cr.cite(g, node, group)
        accepted = cr.full_date(top["date"])
        if accepted:
            g.add((node, OG.eventDate, Literal(accepted, datatype=XSD.date)))
        cr.claims(g, node, OG.eventDate, group, accepted or top["date"])
        events.append(_Event(org, kind, top["date"], node))
    return sorted(events, key=lambda e: (e.date, e.kind))


def _founding_signature(g: Graph, iso3: str, org: str, rows: list[Row], ctx: Existing) -> None:
    code = ctx.constituent.get(org)
    if code is None:
        raise SourceDataError(f"{rows[0].where}: founding_member needs the organisation's constituent treaty")
    node = entity("action", iso3, code, "signature")
    cr.action(g, node, iso3, code, OG.Signature, rows)
    cr.dated(g, node, OG.depositDate, rows)


@dataclass
class _Interval:
    org: str
    status: URIRef
    start: str  # a full date or a year
    starter: URIRef
    end: str = ""
    ender: URIRef | None = None


@dataclass(frozen=True)
class _Step:
    date: str
    what: str  # start, suspend, lift, end, succession
    org: str
    into: str  # the resulting organisation of a succession (else the same)
    node: URIRef


def _walk(events: list[_Event], ctx: Existing) -> list[_Interval]:
    """Status intervals from the events in date order (see the module's rules)."""
    suspensions = [e for e in events if e.kind == "suspended"]

    def applies(s: _Event) -> bool:
        """Whether a suspension changes the status: its end is dated, or none is recorded."""
        if not cr.full_date(s.date):
            return False
        later = [
            x
            for x in events
            if x.org == s.org and x.date > s.date and x.kind in ("suspended", "suspension_lifted")
        ]
        if not later:
            return True
        return later[0].kind == "suspension_lifted" and bool(cr.full_date(later[0].date))

    steps: list[_Step] = []
    for e in events:
        dated = cr.full_date(e.date)
        accession_follows = any(x.org == e.org and x.kind == "joined" and x.date >= e.date for x in events)
        if e.kind == "readmitted" and accession_follows:
            continue  # the decision to readmit; the membership starts with the accession
        if e.kind in ("joined", "readmitted") and (dated or len(e.date) == 4):
            steps.append(_Step(e.date, "start", e.org, e.org, e.node))
        elif e.kind == "suspended" and applies(e):
            steps.append(_Step(e.date, "suspend", e.org, e.org, e.node))
        elif (
            e.kind == "suspension_lifted"
            and dated
            and any(applies(s) for s in suspensions if s.date < e.date)
        ):
            steps.append(_Step(e.date, "lift", e.org, e.org, e.node))
        elif e.kind in ("withdrawal_effective", "expelled") and dated:
            steps.append(_Step(e.date, "end", e.org, e.org, e.node))
    orgs = {e.org for e in events}
    for origin, result, changed, node in ctx.successions:
        if origin in orgs:
            steps.append(_Step(changed.isoformat(), "succession", origin, result, URIRef(node)))
    steps.sort(key=lambda s: (s.date, s.what != "succession"))
    intervals: list[_Interval] = []
    current: _Interval | None = None
    for step in steps:
        if step.what == "succession":
            if current is not None and current.org == step.org:
                current.end, current.ender = step.date, step.node
                current = _Interval(step.into, current.status, step.date, step.node)
                intervals.append(current)
        elif step.what == "start":
            if current is None:
                start = _admitted(step.date, step.org, ctx)
                current = _Interval(step.org, OG.StatusMember, start, step.node)
                intervals.append(current)
        elif current is not None and step.org == current.org:
            current.end, current.ender = step.date, step.node
            current = None
            if step.what in ("suspend", "lift"):
                status = OG.StatusSuspended if step.what == "suspend" else OG.StatusMember
                current = _Interval(step.org, status, step.date, step.node)
                intervals.append(current)
    return intervals


def _admitted(day: str, org: str, ctx: Existing) -> str:
    """A deposit before the constituent treaty's own entry into force counts from that date."""
    code = ctx.constituent.get(org)
    rule = ctx.rules.get(code) if code else None
    general = rule.general.isoformat() if rule is not None and rule.general else None
    if general and len(day) == 10 and day < general:
        return general
    return day


def _memberships(g: Graph, iso3: str, intervals: list[_Interval], ctx: Existing) -> None:
    for part in intervals:
        node = entity("membership", iso3, part.org, part.start)
        g.add((node, RDF.type, OG.Membership))
        g.add((node, ORG.member, state(iso3)))
        g.add((node, ORG.organization, organisation(part.org)))
        g.add((node, OG.membershipStatus, part.status))
        g.add((part.starter, OG.startsMembership, node))
        g.add((node, PROV.wasDerivedFrom, part.starter))
        if part.ender is not None:
            g.add((part.ender, OG.endsMembership, node))
        interval = URIRef(f"{node}/interval")
        g.add((interval, RDF.type, TIME.Interval))
        g.add((node, ORG.memberDuring, interval))
        emit.instant(g, URIRef(f"{node}/start"), emit.date_literal(part.start) or Literal(part.start))
        g.add((interval, TIME.hasBeginning, URIRef(f"{node}/start")))
        if part.end:
            emit.instant(g, URIRef(f"{node}/end"), Literal(part.end, datatype=XSD.date))
            g.add((interval, TIME.hasEnd, URIRef(f"{node}/end")))
        if len(part.start) == 4:
            g.add((node, OG.note, Literal("The start is known only to the year.")))


def _constituent_treaties(
    g: Graph, iso3: str, rows: list[Row], intervals: list[_Interval], events: list[_Event], ctx: Existing
) -> None:
    """Members of an organisation with a constituent treaty are parties to it over the same span."""
    for org, code in sorted(ctx.constituent.items()):
        spans = [i for i in intervals if i.org == org]
        mine = [r for r in rows if cr.code(r["organisation"], "compiled-organisation") == org]
        joined = [r for r in mine if r["event"] == "joined"]
        if not spans or not joined:
            continue
        part = entity("participation", iso3, code, "1")
        consent = entity("action", iso3, code, "1", "consent")
        top = cr.best(joined)
        cr.action(g, consent, iso3, code, OG.Ratification, joined)
        deposit = cr.full_date(top["date"])
        if deposit:
            g.add((consent, OG.depositDate, Literal(deposit, datatype=XSD.date)))
        g.add((part, RDF.type, OG.Participation))
        g.add((part, OG.party, state(iso3)))
        g.add((part, OG.treaty, treaty(code)))
        g.add((part, OG.confidence, Literal(top["confidence"])))
        g.add((part, OG.sourceRow, Literal(top.where)))
        g.add((part, OG.establishedByAction, consent))
        g.add((part, OG.note, Literal(f"Party to the constituent treaty of {org} over its membership.")))
        cr.cite(g, part, joined)
        start = spans[0].start if len(spans[0].start) == 10 else None
        end = spans[-1].end or None
        if start:
            g.add((consent, OG.effectiveDate, Literal(start, datatype=XSD.date)))
        else:
            g.add((part, OG.dateUnknown, Literal("entryIntoForceDate")))
        leaving = [
            e for e in events if e.org == org and e.kind in ("withdrawal_notified", "withdrawal_effective")
        ]
        if leaving:
            den = entity("action", iso3, code, "1", "denunciation")
            g.add((den, RDF.type, OG.TreatyAction))
            g.add((den, OG.actor, state(iso3)))
            g.add((den, OG.treaty, treaty(code)))
            g.add((den, OG.actionKind, OG.DenunciationNotification))
            kinds = {e.kind for e in leaving}
            told = cr.best([r for r in mine if r["event"] in kinds])
            g.add((den, OG.confidence, Literal(told["confidence"])))
            for e in leaving:
                g.add((den, PROV.wasDerivedFrom, e.node))
                prop = OG.depositDate if e.kind == "withdrawal_notified" else OG.effectiveDate
                if cr.full_date(e.date):
                    g.add((den, prop, Literal(e.date, datatype=XSD.date)))
            if end:
                g.add((part, OG.endedByAction, den))
        if start or end:
            emit.interval(g, part, start, end)
