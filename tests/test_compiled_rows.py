"""The importers of graph/compiled/ treaty actions, memberships and bodies: bad rows are refused by
file and row, rows that disagree all stay as claims, and the documented rules pick the one used.
Small made-up rows (the values are not facts: the rules are what is tested)."""

from __future__ import annotations

import datetime as dt

import pytest
from rdflib import Literal, URIRef

from obligraph.errors import SourceDataError
from obligraph.importers.compiled_actions import build_actions, split
from obligraph.importers.compiled_bodies import build_bodies
from obligraph.importers.compiled_context import Existing
from obligraph.importers.compiled_memberships import build_memberships
from obligraph.importers.rows import Row
from obligraph.rdf_terms import OG, ORG, entity

ACTION = dict(
    treaty="T-1",
    article="",
    iso3="AAA",
    state_name="A",
    event="ratification",
    date="2001-01-10",
    source_url="https://example.org/a",
    page_kind="official",
    quote="the page's words",
    confidence="high",
    note="",
)
CTX = Existing(
    states=frozenset({"AAA", "BBB"}),
    treaties=frozenset({"T-1"}),
    instruments=frozenset({"T-1"}),
    organisations=frozenset({"O1", "O2"}),
    bodies=frozenset({"B1"}),
    successions=(("O1", "O2", dt.date(2002, 7, 9), "https://w3id.org/obligraph/id/event/O1-O2"),),
)


def _rows(
    *changes: dict[str, str], base: dict[str, str] = ACTION, file: str = "treaty-actions.csv"
) -> list[Row]:
    return [Row(f"graph/compiled/x/{file}", i, {**base, **c}) for i, c in enumerate(changes, start=1)]


@pytest.mark.parametrize(
    "change,message",
    [
        ({"quote": ""}, "page's own words"),
        ({"source_url": "memory"}, "URL of the page"),
        ({"event": "ratified"}, "unknown event"),
        ({"iso3": "ZZZ"}, "not a state of the graph"),
        ({"page_kind": "secondary"}, "confidence high needs an official page"),
        ({"note": "COMPUTED from the deposit"}, "computed date cannot have confidence high"),
        ({"date": "10 Jan 2001"}, "is not YYYY-MM-DD"),
    ],
)
def test_bad_rows_are_refused_by_file_and_row(change: dict[str, str], message: str) -> None:
    with pytest.raises(SourceDataError, match=message) as caught:
        split(_rows({}, change), CTX)
    assert "graph/compiled/x/treaty-actions.csv row 2" in str(caught.value)


def test_disagreeing_rows_stay_claims_and_the_unmarked_one_is_used() -> None:
    rows = _rows(
        {"event": "entry_into_force", "date": "2001-03-01", "page_kind": "secondary", "confidence": "medium"},
        {
            "event": "entry_into_force",
            "date": "2001-02-28",
            "page_kind": "secondary",
            "confidence": "medium",
            "source_url": "https://example.org/b",
            "note": "CONFLICT: one day early",
        },
        {},
    )
    acts, declarations = split(rows, CTX)
    g = build_actions(acts, CTX)
    part = entity("participation", "AAA", "T-1", "1")
    start = g.value(URIRef(f"{part}/start"), URIRef("http://www.w3.org/2006/time#inXSDDate"))
    assert (str(start), declarations) == ("2001-03-01", [])
    claims = {
        (str(g.value(c, OG.claimedValue)), g.value(c, OG.accepted).toPython())
        for c in g.subjects(OG.claimAbout, part)
    }
    assert claims == {("2001-03-01", True), ("2001-02-28", False)}


def test_an_instrument_withdrawn_before_it_took_effect_makes_no_party() -> None:
    rows = _rows({}, {"event": "consent_withdrawn", "date": "2001-02-01"})
    g = build_actions(split(rows, CTX)[0], CTX)
    assert not list(g.subjects(OG.party, None))
    assert (entity("action", "AAA", "T-1", "1", "consent"), OG.tookEffect, Literal(False)) in g


MEMBER = dict(
    organisation="O1",
    iso3="AAA",
    state_name="A",
    event="joined",
    date="1963-05-25",
    source_url="https://example.org/m",
    page_kind="secondary",
    quote="words",
    confidence="medium",
    note="",
)


def _intervals(g) -> list[tuple[str, str, str]]:
    out = []
    for m in g.subjects(ORG.member, None):
        interval = g.value(m, ORG.memberDuring)
        start = g.value(g.value(interval, URIRef("http://www.w3.org/2006/time#hasBeginning")), None)
        end_node = g.value(interval, URIRef("http://www.w3.org/2006/time#hasEnd"))
        end = g.value(end_node, URIRef("http://www.w3.org/2006/time#inXSDDate")) if end_node else None
        status = str(g.value(m, OG.membershipStatus)).rsplit("#", 1)[1]
        out.append((str(g.value(m, ORG.organization)).rsplit("/", 1)[1], status, str(start), str(end)))
    return sorted(out, key=lambda t: t[2])


def test_a_membership_carries_into_the_successor_and_suspensions_need_an_end() -> None:
    rows = _rows(
        {},
        # a suspension followed by another one with no lift between: an event, no interval
        {"organisation": "O2", "event": "suspended", "date": "2012-03-23"},
        {"organisation": "O2", "event": "suspended", "date": "2021-06-01"},
        base=MEMBER,
        file="memberships.csv",
    )
    g = build_memberships(rows, CTX)
    assert [(o, s, e) for o, s, _, e in _intervals(g)] == [
        ("O1", "StatusMember", "2002-07-09"),
        ("O2", "StatusMember", "2021-06-01"),
        ("O2", "StatusSuspended", "None"),
    ]


BODY = dict(
    body="B1",
    body_name="Body",
    treaty="T-1",
    article="62",
    power="binding-judgments",
    requires_declaration_under="62",
    reaches_through="",
    quote="words",
    source_url="https://example.org/b",
    page_kind="official",
    confidence="high",
    note="",
)


def test_a_power_needing_a_declaration_is_an_opt_in() -> None:
    g = build_bodies(_rows({}, base=BODY, file="bodies.csv"), CTX)
    power = entity("power", "B1-binding-judgments-T-1-art62")
    assert (power, OG.requiresOptIn, Literal(True)) in g
    with pytest.raises(SourceDataError, match="not in the graph"):
        build_bodies(_rows({"body": "B9"}, base=BODY, file="bodies.csv"), CTX)
