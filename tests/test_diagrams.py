"""Relationship and impact diagrams: the model against sourced facts, and each output format as
a person or a tool would read it (SVG parsed as XML, PNG decoded, HTML opened in Chromium)."""

from __future__ import annotations

import datetime as dt
import io
import re
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import networkx as nx
import pytest
from PIL import Image

from obligraph.analysis.impact import withdraw
from obligraph.diagrams import impact_diagram, render, to_networkx
from obligraph.diagrams.graphviz import PNG_DPI
from obligraph.diagrams.model import Diagram, build
from obligraph.queries import run_named
from obligraph.store import IRI, KnowledgeGraph
from tests.conftest import A4_TEXT_IN, iri, need_program

RUS = iri("state", "RUS")
OG = "https://w3id.org/obligraph/ontology#"


@pytest.fixture(scope="module")
def rus_2021(kg: KnowledgeGraph) -> Diagram:
    return build(kg, RUS, dt.date(2021, 6, 1), depth=1)


@pytest.fixture(scope="module")
def seed_impact(kg: KnowledgeGraph) -> Diagram:
    # The README's seed scenario: notified 2025-10-03, effective 2026-11-01 (ETS-126 Art. 22).
    return impact_diagram(withdraw(kg, RUS, iri("treaty", "ETS-126"), dt.date(2025, 10, 3)), kg)


def edge(d: Diagram, source: str, target: str, relation: str):  # type: ignore[no-untyped-def]
    found = [e for e in d.edges if e.source == source and e.target == target and e.relation == relation]
    assert len(found) == 1, (source, target, relation, found)
    return found[0]


def test_russia_2021_neighbourhood(rus_2021: Diagram) -> None:
    # Russia joined the CoE on 1996-02-28 (worldpopulationreview, coe_membership.csv); its rights
    # were suspended on 2022-02-25; the ECPT bound it from 1998-09-01 (deposit 1998-05-05, Art. 19(2));
    # the ECHR from 1998-05-05 until 2022-09-16 (CM/Res(2022)3); CAT from 1987-06-26 (UNTC IV-9).
    member = edge(rus_2021, "state/RUS", "org/CoE", "member-of")
    assert (member.since, member.until) == (dt.date(1996, 2, 28), dt.date(2022, 2, 25))
    assert edge(rus_2021, "state/RUS", "treaty/ETS-126", "party-to").since == dt.date(1998, 9, 1)
    echr = edge(rus_2021, "state/RUS", "treaty/ETS-005", "party-to")
    assert (echr.since, echr.until) == (dt.date(1998, 5, 5), dt.date(2022, 9, 16))
    assert edge(rus_2021, "treaty/ETS-126", "body/CPT", "establishes").label == "establishes (ECPT Art. 1)"
    cpt = edge(rus_2021, "body/CPT", "state/RUS", "has-power-over")
    assert "visits" in cpt.label and cpt.since == dt.date(1998, 9, 1)
    assert cpt.sources, "a power edge carries the sources of the powers"
    keys = {n.key for n in rus_2021.nodes}
    # Russia is not a party to OPCAT (UNTC IV-9-b), so the SPT has no powers over it.
    assert "body/SPT" not in keys and "treaty/UN-IV-9-b" not in keys
    assert rus_2021.node("state/RUS").focus
    assert rus_2021.node("body/CPT").group == "org/CoE"
    assert rus_2021.node("treaty/ETS-126").short == "ECPT"
    # country-converter's UNmember column gives 1945 for Russia, a year without a day: the edge has
    # no date and says so; the UN's organs are drawn with it.
    un = edge(rus_2021, "state/RUS", "org/UN", "member-of")
    assert (un.since, un.label) == (None, "member since 1945 (year only)")
    assert rus_2021.node("body/CAT").group == "org/UN"


def test_russia_after_expulsion(kg: KnowledgeGraph) -> None:
    # Expelled 2022-03-16 (CM/Res(2022)2); the ECPT is open to non-members, so the CPT stays.
    d = build(kg, RUS, dt.date(2023, 1, 1), depth=1)
    relations = {(e.source, e.target, e.relation) for e in d.edges}
    assert ("state/RUS", "org/CoE", "member-of") not in relations
    assert ("state/RUS", "treaty/ETS-005", "party-to") not in relations
    assert ("body/CPT", "state/RUS", "has-power-over") in relations
    assert ("body/ECtHR", "state/RUS", "has-power-over") not in relations


def test_large_focus_folds_states(kg: KnowledgeGraph) -> None:
    # The Council of Europe has had 46 member states since Russia's expulsion on 2022-03-16
    # (coe.int member-states map, cited by the membership records).
    d = build(kg, iri("org", "CoE"), dt.date(2025, 1, 1), depth=1, max_nodes=40)
    summary = d.node("more/state")
    assert summary.label.startswith("46 states")
    assert edge(d, "more/state", "org/CoE", "member-of").label == "member of (46)"
    assert d.omitted and d.omitted[0].startswith("46 states drawn as one summary node")
    assert "RUS" not in d.omitted[0] and "UKR" in d.omitted[0]
    assert {"body/CM", "body/CPT", "body/ECtHR", "treaty/ETS-001"} <= {n.key for n in d.nodes}
    full = build(kg, iri("org", "CoE"), dt.date(2025, 1, 1), depth=1, max_nodes=100)
    assert len([n for n in full.nodes if n.kind == "state"]) == 46 and not full.omitted


@pytest.mark.parametrize("on", [dt.date(2021, 6, 1), dt.date(2023, 1, 1)])
def test_powers_on_date_agrees_with_bodies_with_powers(kg: KnowledgeGraph, on: dt.date) -> None:
    """powers-on-date repeats the rules of bodies-with-powers for all states; they must agree."""
    states = {str(r["thing"]) for r in run_named(kg, "things-by-kind") if r["kind"] == "state"}
    everyone = {  # parties that are organisations (the EU, a CRPD party) are left out of both sides
        (str(r["state"]), str(r["power"]), str(r["article"]))
        for r in run_named(kg, "powers-on-date", on=on)
        if str(r["state"]) in states
    }
    one_by_one = {
        (state, str(r["power"]), str(r["article"]))
        for state in states
        for r in run_named(kg, "bodies-with-powers", state=IRI(state), on=on)
    }
    assert everyone == one_by_one and everyone


@pytest.mark.parametrize("on", [dt.date(1991, 12, 31), dt.date(2011, 7, 1), dt.date(2023, 1, 1)])
def test_memberships_on_date_agrees_with_state_status(kg: KnowledgeGraph, on: dt.date) -> None:
    """memberships-on-date repeats the rule of state-status for all states at once (a membership
    known only to the year counts from the year after); the two must agree. 2011-07-01: South
    Sudan was admitted to the UN in 2011 (year only in country-converter), so it is not yet drawn."""
    states = {str(r["thing"]) for r in run_named(kg, "things-by-kind") if r["kind"] == "state"}
    everyone = {
        (str(r["state"]), str(r["organisation"]), str(r["status"]))
        for r in run_named(kg, "memberships-on-date", on=on)
    }
    one_by_one = {
        (state, str(r["item"]), str(r["status"]))
        for state in states
        for r in run_named(kg, "state-status", state=IRI(state), on=on)
        if r["kind"] == "membership"
    }
    assert everyone == one_by_one and everyone
    south_sudan = (iri("state", "SSD"), iri("org", "UN"), OG + "StatusMember")
    assert (south_sudan in everyone) == (on.year > 2011)


def test_networkx_graph(rus_2021: Diagram) -> None:
    g = to_networkx(rus_2021)
    assert isinstance(g, nx.MultiDiGraph)
    assert g.nodes["state/RUS"]["label"] == "Russian Federation"
    assert any(d["relation"] == "party-to" for _, _, d in g.out_edges("state/RUS", data=True))


def test_impact_diagram_model(seed_impact: Diagram) -> None:
    cut = edge(seed_impact, "state/RUS", "treaty/ETS-126", "party-to")
    assert (cut.status, cut.order, cut.until) == ("removed", 1, dt.date(2026, 11, 1))
    cpt = edge(seed_impact, "body/CPT", "state/RUS", "has-power-over")
    assert (cpt.status, cpt.order) == ("removed", 2)
    assert "from 2026-11-01" in cpt.label and "ECPT Art. 2, 7(1), 10(2)" in cpt.label
    kept = {e.source for e in seed_impact.edges if e.status == "kept"}
    # UNTC participants tables (captured 2026-02-03, untc_hr_participants_reparsed.csv): Russia is a
    # party to ICERD (IV-2), ICESCR (IV-3), ICCPR (IV-4) and OP1 (IV-5), CEDAW (IV-8) and its OP
    # (IV-8-b), CAT (IV-9), CRC (IV-11) and CRPD (IV-15), and to none of CMW (IV-13), CED (IV-16) or
    # OPCAT (IV-9-b). So CERD, CESCR, the Human Rights Committee, CEDAW, CAT, CRC and CRPD keep their
    # powers, and so does the Commission of Inquiry on Ukraine (HRC resolution 49/1).
    assert kept == {
        "body/CAT",
        "body/CEDAW",
        "body/CERD",
        "body/CESCR",
        "body/COI-Ukraine",
        "body/CRC",
        "body/CRPD",
        "body/HRCttee",
    }
    cat = edge(seed_impact, "body/CAT", "state/RUS", "has-power-over")
    assert "basis: CAT Art. 19(1), 20, 21, 22" in cat.label.replace("\n", " ")
    # CAT in force for Russia from 1987-06-26: deposit 1987-03-03, before the Convention's own entry
    # into force (Art. 27(1), UNTC IV-9).
    assert dict(cat.details) == {
        "powers": "individual-complaints, inquiry, inter-state-complaints, state-reporting",
        "since": "1987-06-26",
        "basis": "CAT Art. 19(1), 20, 21, 22",
    }
    # og:parentOrganisation: the CPT is an organ of the Council of Europe (graph/coe-bodies.ttl); the
    # treaty bodies and the Commission of Inquiry are United Nations organs (graph/un-*.ttl).
    assert seed_impact.node("body/CPT").group == "org/CoE"
    assert {seed_impact.node(k).group for k in kept} == {"org/UN"}
    assert dict(seed_impact.clusters) == {
        "org/CoE": "Council of Europe (CoE)",
        "org/UN": "United Nations (UN)",
    }
    assert "effective 2026-11-01" in seed_impact.subtitle
    # ECPT Art. 22 is now read on a page (graph/fact-checks/coe-clauses.csv), medium: no warning,
    # so the picture carries no note
    assert seed_impact.notes == ()


@pytest.mark.graphviz
def test_svg_parses_and_names_the_actors(seed_impact: Diagram) -> None:
    need_program("dot", "graphviz")
    svg = render(seed_impact, "svg")
    root = ET.fromstring(svg)
    texts = " ".join(t.text or "" for t in root.iter("{http://www.w3.org/2000/svg}text"))
    for label in ("CPT", "ECPT", "Russia", "(1) party to: ends 2026-11-01"):
        assert label in texts, label
    # The kept bodies are one table, a section per organisation, joined to the state by one link.
    for label in (
        "8 bodies keep their powers",
        "United Nations (UN)",
        "CEDAW",
        "CRPD",
        "HRCttee",
        "1976-03-23",
    ):
        assert label in texts, label
    colours = svg.decode()
    assert "#c62828" in colours and "#2e7d32" in colours  # red removed links, green kept ones


@pytest.mark.graphviz
def test_png_size_and_not_blank(seed_impact: Diagram) -> None:
    need_program("dot", "graphviz")
    image = Image.open(io.BytesIO(render(seed_impact, "png"))).convert("RGB")
    width_in, height_in = image.width / PNG_DPI, image.height / PNG_DPI
    # Printed at A4 text width, the smallest text (9 pt body names in the kept table) stays at 6.5 pt
    # or more, and the picture fits on one page's text block.
    scale = min(1.0, A4_TEXT_IN[0] / width_in)
    assert 9 * scale >= 6.5, f"{width_in:.1f} in wide: too wide to stay readable at A4 width"
    assert 4 <= height_in * scale <= A4_TEXT_IN[1], f"{height_in:.1f} in tall: more than an A4 page"
    colours = image.getcolors(image.width * image.height) or []
    inked = sum(count for count, rgb in colours if sum(rgb) < 600)
    assert inked / (image.width * image.height) > 0.02, "the image is (almost) blank"
    assert any(r > 150 and g < 80 and b < 80 for _, (r, g, b) in colours), "no red link drawn"


def chromium_dump(page: Path, fragment: str = "") -> tuple[str, str]:
    """Open ``page`` in headless Chromium with every host unresolvable and no proxy reachable."""
    chromium = need_program("chromium", "chromium")
    done = subprocess.run(
        [
            chromium,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
            "--proxy-server=127.0.0.1:9",
            "--host-resolver-rules=MAP * ~NOTFOUND",
            "--enable-logging=stderr",
            "--v=0",
            "--virtual-time-budget=8000",
            "--dump-dom",
            page.resolve().as_uri() + fragment,
        ],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout, done.stderr


@pytest.mark.chromium
def test_html_opens_offline_in_chromium(tmp_path: Path, rus_2021: Diagram) -> None:
    page = tmp_path / "rus.html"
    page.write_bytes(render(rus_2021, "html"))
    html = page.read_text()
    assert not re.search(r"<(script|link|img)[^>]+(src|href)=\"https?:", html), "page loads from the network"
    dom, log = chromium_dump(page, "#select=body/CPT")
    body = re.search(r"<body[^>]*>", dom)
    assert body, dom[:500]
    assert f'data-rendered-nodes="{len(rus_2021.nodes)}"' in body.group(0)
    assert "data-js-error" not in body.group(0)
    assert "Uncaught" not in log, log[-2000:]
    # The tap on the CPT (emitted the way a click is) fills the panel with its facts and sources.
    panel = re.search(r'<aside id="panel" data-selected="body/CPT">(.*?)</aside>', dom, re.S)
    assert panel, dom[-3000:]
    assert "European Committee for the Prevention of Torture (CPT)" in panel.group(1)
    assert "https://likumi.lv/" in panel.group(1)


@pytest.mark.chromium
def test_impact_html_offline(tmp_path: Path, seed_impact: Diagram) -> None:
    page = tmp_path / "impact.html"
    page.write_bytes(render(seed_impact, "html"))
    dom, log = chromium_dump(page)
    body = re.search(r"<body[^>]*>", dom)
    assert body and f'data-rendered-nodes="{len(seed_impact.nodes)}"' in body.group(0)
    assert "data-js-error" not in body.group(0) and "Uncaught" not in log


def test_graphml_and_gexf_round_trip(tmp_path: Path, rus_2021: Diagram) -> None:
    path = tmp_path / "rus.graphml"
    path.write_bytes(render(rus_2021, "graphml"))
    g = nx.read_graphml(path)
    assert g.nodes["state/RUS"]["kind"] == "state"
    assert {d["relation"] for _, _, d in g.edges(data=True)} >= {"member-of", "party-to", "has-power-over"}
    path = tmp_path / "rus.gexf"
    path.write_bytes(render(rus_2021, "gexf"))
    assert nx.read_gexf(path).number_of_nodes() == len(rus_2021.nodes)


def test_a_state_diagram_fits_a_page(kg: KnowledgeGraph, monkeypatch: pytest.MonkeyPatch) -> None:
    """``diagram FRA`` (issue 17): one frame per system, a row per treaty with its protocols
    folded in, the long side of the PNG at most 2500 px (it was 4008 x 7615)."""
    from obligraph.diagrams import state_dot, to_dot

    d = build(kg, iri("state", "FRA"), dt.date(2024, 1, 1), depth=1)
    source = to_dot(d)
    assert "Council of Europe system" in source and "United Nations system" in source
    # UNTC IV-5 and IV-12: France's two ICCPR protocols, folded into the ICCPR's row
    assert "+ ICCPR-OP1 (1984-05-17)" in source and "+ ICCPR-OP2 (2008-01-02)" in source
    # OPCAT sets up its own body (the SPT, OPCAT Art. 2): it keeps a row
    assert "<b>OPCAT</b>" in source and "<b>SPT</b>" in source
    monkeypatch.setattr(state_dot, "FAN", 3)
    assert "more: " in to_dot(d)  # a system of more rows than FAN folds the rest into one
    monkeypatch.undo()
    need_program("dot", "graphviz")
    width, height = Image.open(io.BytesIO(render(d, "png"))).size
    assert max(width, height) <= 2500, (width, height)
