"""Council of Europe memberships from the curated record: one og:Membership per status
interval, started and ended by dated events."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import PROV, RDF, XSD

from obligraph.errors import SourceDataError
from obligraph.importers import emit
from obligraph.importers.rows import CONFIDENCE_RANK, Row, verified_sources
from obligraph.rdf_terms import OG, ORG, entity, organisation, state

# --------------------------------------------------------------------------------------------
# Memberships
# --------------------------------------------------------------------------------------------


def build_memberships(rows: list[Row]) -> Graph:
    """One og:Membership per status interval; events start and end them.

    Acceptance rule for competing 'joined' rows (conflict=1): the most precise date, then the
    highest confidence, then a verified row, then the later date (membership cannot begin before
    the instrument that creates it is in force). The others stay as claims with accepted=false.
    """
    g = emit.new_graph()
    by_state: dict[str, list[Row]] = defaultdict(list)
    for row in rows:
        by_state[row["iso3"]].append(row)
    for iso3, state_rows in sorted(by_state.items()):
        events = _membership_events(g, iso3, state_rows)
        _membership_intervals(g, iso3, events)
    return g


@dataclass(frozen=True)
class _Event:
    kind: str
    date: str
    node: URIRef


def _membership_events(g: Graph, iso3: str, rows: list[Row]) -> list[_Event]:
    kinds = {
        "joined": OG.Accession,
        "rejoined": OG.Readmission,
        "withdrew": OG.WithdrawalFromOrganisation,
        "suspended": OG.Suspension,
        "expelled": OG.Expulsion,
    }
    grouped: dict[str, list[Row]] = defaultdict(list)
    for row in rows:
        if row["event"] not in kinds:
            raise SourceDataError(f"{row.where}: unknown membership event {row['event']!r}")
        grouped[row["event"]].append(row)
    events: list[_Event] = []
    for kind, kind_rows in grouped.items():
        # Rows of one kind are alternatives only when flagged as conflicting; a second
        # withdrawal or accession without the flag is a separate event.
        conflicting = [r for r in kind_rows if r["conflict"] == "1"]
        separate = [r for r in kind_rows if r["conflict"] != "1"]
        groups = [[r] for r in separate] + ([conflicting] if conflicting else [])
        for group in groups:
            best = max(group, key=lambda r: _rank(r, "date"))
            if emit.parse_date(best["date"]) is None:
                continue  # only partial dates: kept as claims below, no interval
            node = entity("event", iso3, "CoE", kind, best["date"][:4])
            g.add((node, RDF.type, OG.MembershipEvent))
            g.add((node, OG.eventKind, kinds[kind]))
            g.add((node, OG.eventOf, state(iso3)))
            g.add((node, ORG.originalOrganization, COE))
            g.add((node, OG.eventDate, Literal(best["date"], datatype=XSD.date)))
            g.add((node, OG.confidence, Literal(best["confidence"])))
            emit.add_sources(g, node, best["source_url"], verified_sources(best, "date"))
            if best["note"]:
                g.add((node, OG.note, Literal(best["note"])))
            for row in group:
                emit.claim(
                    g,
                    node,
                    OG.eventDate,
                    row["date"],
                    row["source_url"],
                    confidence=row["confidence"],
                    note=row["note"],
                    accepted=row is best,
                    row=row.where,
                    extra_sources=verified_sources(row, "date"),
                )
            events.append(_Event(kind, best["date"], node))
    return sorted(events, key=lambda e: e.date)


def _membership_intervals(g: Graph, iso3: str, events: list[_Event]) -> None:
    """Walk the events in date order, opening and closing status intervals."""
    current: tuple[URIRef, str, str, _Event] | None = None  # (status, start, key, event)

    def close(end: str, event: _Event) -> None:
        nonlocal current
        if current is None:
            return
        status, start, _, starter = current
        node = entity("membership", iso3, "CoE", start)
        g.add((node, RDF.type, OG.Membership))
        g.add((node, ORG.member, state(iso3)))
        g.add((node, ORG.organization, COE))
        g.add((node, OG.membershipStatus, status))
        emit.interval(g, node, start, end or None, prop=ORG.memberDuring)
        g.add((starter.node, OG.startsMembership, node))
        if end:
            g.add((event.node, OG.endsMembership, node))
        for p, o in g.predicate_objects(starter.node):
            if p == PROV.wasDerivedFrom:
                g.add((node, p, o))
        current = None

    for index, event in enumerate(events):
        if event.kind in ("joined", "rejoined"):
            current = (OG.StatusMember, event.date, "", event)
        elif event.kind == "suspended":
            close(event.date, event)
            current = (OG.StatusSuspended, event.date, "", event)
        elif event.kind == "withdrew":
            later = [e for e in events[index + 1 :] if e.kind == "expelled"]
            if later:
                # A withdrawal notice overtaken by an expulsion never took effect.
                g.add((event.node, OG.tookEffect, Literal(False)))
                continue
            close(event.date, event)
        elif event.kind == "expelled":
            close(event.date, event)
    if current is not None:
        close("", current[3])


COE = organisation("CoE")
PRECISION_RANK = {XSD.date: 3, XSD.gYearMonth: 2, XSD.gYear: 1}


def _rank(row: Row, date_field: str) -> tuple[int, int, int, str]:
    literal = emit.date_literal(row[date_field])
    precision = PRECISION_RANK.get(literal.datatype or XSD.string, 0) if literal is not None else 0
    return (
        precision,
        CONFIDENCE_RANK.get(row["confidence"], 0),
        1 if row["verified"] else 0,
        row[date_field],
    )
