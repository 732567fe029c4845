"""A state's timeline: lanes, events, disputed and unrecorded dates, and the figure."""

from __future__ import annotations

import datetime as dt
import io
import xml.etree.ElementTree as ET

import pytest
from PIL import Image

from obligraph.analysis.timeline import Lane, Timeline, state_timeline
from obligraph.diagrams import timeline_plot
from obligraph.store import KnowledgeGraph
from tests.conftest import A4_TEXT_IN, iri

AS_OF = dt.date(2026, 11, 24)


@pytest.fixture(scope="module")
def russia(kg: KnowledgeGraph) -> Timeline:
    return state_timeline(kg, iri("state", "RUS"), AS_OF)


def lane(t: Timeline, key: str) -> Lane:
    return next(lane for lane in t.lanes if lane.key == key)


def test_lanes_in_order(russia: Timeline) -> None:
    keys = [lane.key for lane in russia.lanes]
    # Memberships first, by start: the UN in 1945 (country-converter, year only), the CoE on 1996-02-28.
    assert keys[:2] == ["org/UN", "org/CoE"]
    # Then treaty families by their first date, each treaty followed by its protocols (UNTC participants
    # tables and coe_treaty_participation.csv): ICERD signed 1966-03-07; ICESCR and ICCPR both signed
    # 1968-03-18 (then by number), OP1 acceded 1991-10-01; CEDAW signed 1980-07-17, its OP 2001-05-08;
    # CAT signed 1985-12-10; CRC signed 1990-01-26, OPAC 2001-02-15, OPSC 2012-09-26; ECHR and ECPT
    # signed 1996-02-28, the FCNM the same day (TASS and the MINELRES state report in
    # graph/compiled/council-of-europe); the Rome Statute signed 2000-09-13 (UNTC XVIII-10), the
    # revised European Social Charter 2000-09-14 (the Council of Europe's ESC page on Russia); CRPD
    # signed 2008-09-24.
    assert keys[2:] == [
        "treaty/UN-IV-2",
        "treaty/UN-IV-3",
        "treaty/UN-IV-4",
        "treaty/UN-IV-5",
        "treaty/UN-IV-8",
        "treaty/UN-IV-8-b",
        "treaty/UN-IV-9",
        "treaty/UN-IV-11",
        "treaty/UN-IV-11-b",
        "treaty/UN-IV-11-c",
        "treaty/ETS-005",
        "treaty/ETS-126",
        "treaty/ETS-157",
        "treaty/UN-XVIII-10",
        "treaty/ETS-163",
        "treaty/UN-IV-15",
    ]


def test_protocols_belong_to_their_treaty(russia: Timeline) -> None:
    # The optional protocols supplement their conventions (og:supplementsTreaty, from their titles:
    # "Optional Protocol to the International Covenant on Civil and Political Rights", ...).
    families = {lane.key: lane.family for lane in russia.lanes if lane.family}
    assert families == {
        "treaty/UN-IV-5": "treaty/UN-IV-4",
        "treaty/UN-IV-8-b": "treaty/UN-IV-8",
        "treaty/UN-IV-11-b": "treaty/UN-IV-11",
        "treaty/UN-IV-11-c": "treaty/UN-IV-11",
    }


def test_year_only_start_is_not_a_day(russia: Timeline) -> None:
    # country-converter's UNmember column gives the year of UN admission, no day (RUS: 1945).
    un = lane(russia, "org/UN")
    assert [(s.start, s.start_year, s.end, s.status) for s in un.spans] == [(None, 1945, None, "member")]
    assert un.events == ()  # no admission event with an invented date


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
    # Meduza "1996" (a year), Babel 1998-02-28, zmi.st/Interfax 1998-03-28 (the law), the NZZ via
    # europa-magazin.ch "Anfangs Mai" 1998 (a month; graph/fact-checks); used: deposit 1998-05-05.
    assert [c.value for c in reported.claims] == ["1996", "1998-02-28", "1998-03-28", "1998-05", "1998-05-05"]
    year, month = reported.claims[0], reported.claims[3]
    assert (year.start, year.end) == (dt.date(1996, 1, 1), dt.date(1996, 12, 31))
    assert (month.start, month.end) == (dt.date(1998, 5, 1), dt.date(1998, 5, 31))
    assert [c.accepted for c in reported.claims] == [False, False, False, False, True]
    # Kommersant: government resolution signed 23 Aug 2025; Kyiv Independent says 25 Aug.
    assert [c.value for c in disputes["domestic decision date"].claims] == ["2025-08-23", "2025-08-25"]
    op1 = lane(russia, "treaty/UN-IV-5")
    # Accession deposited 1991-10-01 (UNTC IV-5); OP1 Art. 9(2): in force three months after the deposit.
    assert op1.spans[0].start == dt.date(1992, 1, 1)


def test_unrecorded_start_is_kept(kg: KnowledgeGraph) -> None:
    # Venezuela left the OAS (notice received 2017-04-28 per EFE and the OAS's tweet; effective
    # 2019-04-27 per Bolivia's statement and the Venezuelan government), but no page read gives the
    # day it deposited its ratification of the OAS Charter (the OAS table's excerpt stops before
    # it), so its Charter participation has no start.
    venezuela = state_timeline(kg, iri("state", "VEN"), AS_OF)
    charter = lane(venezuela, "treaty/OAS-A-41")
    assert [(s.start, s.start_year, s.end) for s in charter.spans] == [(None, None, dt.date(2019, 4, 27))]
    assert (dt.date(2017, 4, 28), "denunciation notified") in {(e.on, e.kind) for e in charter.events}
    timeline_plot.render(venezuela, "png")  # drawn as a short dotted stub, not from the axis's edge


def test_hungarys_rome_statute_start_is_now_recorded(kg: KnowledgeGraph) -> None:
    # UNTC XVIII-10 (zmjones/untreaties scrape): Hungary ratified 2001-11-30, before the 60th
    # instrument, so the Statute bound it from its entry into force on 2002-07-01 (Art. 126(1); the
    # ABA ICC data set gives the same day). The withdrawal (other_withdrawals.csv) ends it 2026-06-02.
    hungary = state_timeline(kg, iri("state", "HUN"), AS_OF)
    icc = lane(hungary, "treaty/UN-XVIII-10")
    assert [(s.start, s.end) for s in icc.spans] == [(dt.date(2002, 7, 1), dt.date(2026, 6, 2))]


def test_png_is_a4_width_and_not_blank(russia: Timeline) -> None:
    image = Image.open(io.BytesIO(timeline_plot.render(russia, "png"))).convert("RGB")
    assert image.width == round(timeline_plot.WIDTH_IN * timeline_plot.DPI)  # 7.2 in: about A4 text width
    # Scaled to the text width of an A4 page, the fifteen lanes and the key fit on the page.
    height_in = image.height / timeline_plot.DPI
    assert 0.5 < height_in * min(1.0, A4_TEXT_IN[0] / timeline_plot.WIDTH_IN) <= A4_TEXT_IN[1]
    colours = image.getcolors(image.width * image.height) or []
    inked = sum(count for count, rgb in colours if sum(rgb) < 600)
    assert inked / (image.width * image.height) > 0.03


def test_svg_names_events(russia: Timeline) -> None:
    svg = timeline_plot.render(russia, "svg")
    ET.fromstring(svg)  # parses
    text = svg.decode()
    phrases = (
        "Russia (RUS)",
        "ECPT · ETS-126",
        "expelled",
        "sources disagree",
        "since 1945 (the",
    )
    for phrase in phrases:
        assert phrase in text, phrase


def test_nothing_after_the_date(kg: KnowledgeGraph) -> None:
    # On 2010-01-01 Russia was a CoE member (1996-2022) and an ECHR party (1998-2022): both still running.
    t = state_timeline(kg, iri("state", "RUS"), dt.date(2010, 1, 1))
    coe = lane(t, "org/CoE")
    assert [(s.start, s.end) for s in coe.spans] == [(dt.date(1996, 2, 28), None)]
    assert all(e.on <= dt.date(2010, 1, 1) for lane_ in t.lanes for e in lane_.events)
