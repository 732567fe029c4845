"""A state's timeline: lanes, events, disputed and unrecorded dates, and the figure."""

from __future__ import annotations

import datetime as dt
import io
import xml.etree.ElementTree as ET

import pytest
from PIL import Image

from obligraph.diagrams import timeline_plot
from obligraph.store import KnowledgeGraph
from obligraph.timeline import Lane, Timeline, state_timeline
from tests.conftest import iri

AS_OF = dt.date(2026, 11, 24)


@pytest.fixture(scope="module")
def russia(kg: KnowledgeGraph) -> Timeline:
    return state_timeline(kg, iri("state", "RUS"), AS_OF)


def lane(t: Timeline, key: str) -> Lane:
    return next(lane for lane in t.lanes if lane.key == key)


def test_lanes_in_order(russia: Timeline) -> None:
    keys = [lane.key for lane in russia.lanes]
    assert keys[0] == "org/CoE"  # memberships first, then treaties by first date
    # ICCPR signed 1968-03-18, CAT 1985-12-10, ICCPR-OP1 acceded 1991-10-01, ECHR and ECPT signed 1996-02-28
    assert keys[1:] == [
        "treaty/UN-IV-4",
        "treaty/UN-IV-9",
        "treaty/UN-IV-5",
        "treaty/ETS-005",
        "treaty/ETS-126",
    ]


def test_council_of_europe_lane(russia: Timeline) -> None:
    # Joined 1996-02-28; rights suspended 2022-02-25; withdrawal notice 2022-03-15 overtaken by the
    # expulsion of 2022-03-16 (CM/Res(2022)2), so it never took effect (coe_membership.csv rows).
    coe = lane(russia, "org/CoE")
    assert [(s.start, s.end, s.status) for s in coe.spans] == [
        (dt.date(1996, 2, 28), dt.date(2022, 2, 25), "member"),
        (dt.date(2022, 2, 25), dt.date(2022, 3, 16), "suspended"),
    ]
    events = {(e.on, e.kind): e for e in coe.events}
    assert events[(dt.date(2022, 3, 16), "expelled")].text.startswith("expelled (CM/Res(2022)2")
    notice = events[(dt.date(2022, 3, 15), "withdrawal notified")]
    assert not notice.took_effect and "did not take effect" in notice.text


def test_treaty_events(russia: Timeline) -> None:
    echr = lane(russia, "treaty/ETS-005")
    kinds = [(e.on, e.kind, e.took_effect) for e in echr.events]
    # Signed 1996-02-28, deposit 1998-05-05, denunciation notice 2022-03-15 that did not take
    # effect, ceased to be a party 2022-09-16 under Art. 58(3) (CM/Res(2022)3).
    assert (dt.date(1996, 2, 28), "signature", True) in kinds
    assert (dt.date(1998, 5, 5), "deposit", True) in kinds
    assert (dt.date(2022, 3, 15), "denunciation notified", False) in kinds
    assert (dt.date(2022, 9, 16), "ceased", True) in kinds
    ecpt = lane(russia, "treaty/ETS-126")
    steps = [e.on for e in ecpt.events if e.kind == "domestic step"]
    assert steps == [dt.date(2025, 8, 23), dt.date(2025, 9, 17), dt.date(2025, 9, 24), dt.date(2025, 9, 29)]
    assert ecpt.spans[0].start == dt.date(1998, 9, 1) and ecpt.spans[0].end is None


def test_uncertain_dates_are_kept(russia: Timeline) -> None:
    ecpt = lane(russia, "treaty/ETS-126")
    # No source gives the date the denunciation reached the Secretary General (og:dateUnknown).
    assert "denunciation notified: date not recorded in any source" in ecpt.unknown
    disputes = {d.what: d for d in ecpt.disputes}
    reported = disputes["ratification date as reported"]
    # Meduza "1996" (a year), Babel 1998-02-28, zmi.st/Interfax 1998-03-28 (the law); used: deposit 1998-05-05.
    assert [c.value for c in reported.claims] == ["1996", "1998-02-28", "1998-03-28", "1998-05-05"]
    year = reported.claims[0]
    assert (year.start, year.end) == (dt.date(1996, 1, 1), dt.date(1996, 12, 31))
    assert [c.accepted for c in reported.claims] == [False, False, False, True]
    # Kommersant: government resolution signed 23 Aug 2025; Kyiv Independent says 25 Aug.
    assert [c.value for c in disputes["domestic decision date"].claims] == ["2025-08-23", "2025-08-25"]
    op1 = lane(russia, "treaty/UN-IV-5")
    # Party (accession deposited 1991-10-01, UNTC IV-5) but no sourced entry into force for the state.
    assert op1.spans[0].start is None and op1.spans[0].drawn_from == dt.date(1991, 10, 1)


def test_png_is_a4_width_and_not_blank(russia: Timeline) -> None:
    image = Image.open(io.BytesIO(timeline_plot.render(russia, "png"))).convert("RGB")
    assert image.width == round(timeline_plot.WIDTH_IN * timeline_plot.DPI)  # 7.2 in: A4 text width
    assert 1.0 < image.height / image.width < 1.6
    colours = image.getcolors(image.width * image.height) or []
    inked = sum(count for count, rgb in colours if sum(rgb) < 600)
    assert inked / (image.width * image.height) > 0.03


def test_svg_names_events(russia: Timeline) -> None:
    svg = timeline_plot.render(russia, "svg")
    ET.fromstring(svg)  # parses
    text = svg.decode()
    for phrase in ("Russian Federation (RUS)", "ECPT · ETS-126", "expelled", "sources disagree"):
        assert phrase in text, phrase


def test_nothing_after_the_date(kg: KnowledgeGraph) -> None:
    # On 2010-01-01 Russia was a CoE member (1996-2022) and an ECHR party (1998-2022): both still running.
    t = state_timeline(kg, iri("state", "RUS"), dt.date(2010, 1, 1))
    coe = lane(t, "org/CoE")
    assert [(s.start, s.end) for s in coe.spans] == [(dt.date(1996, 2, 28), None)]
    assert all(e.on <= dt.date(2010, 1, 1) for lane_ in t.lanes for e in lane_.events)
