"""Fact checks (graph/fact-checks/*.csv) fold into the generated facts: a page that confirms a
curated value is cited and raises its confidence; a page that states another value becomes a
competing claim. Expected values are the pages' own words, quoted in the check file."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from obligraph.errors import SourceDataError
from obligraph.importers import fact_checks
from obligraph.store import IRI

CLAIMS = """SELECT ?value ?confidence ?src ?accepted WHERE {
  ?c og:claimAbout ?p ; og:claimedProperty ?prop ; og:claimedValue ?value ; prov:wasDerivedFrom ?src .
  OPTIONAL { ?c og:confidence ?confidence } OPTIONAL { ?c og:accepted ?accepted }
} ORDER BY ?value ?src"""
ID = "https://w3id.org/obligraph/id/"
OG = "https://w3id.org/obligraph/ontology#"


def _claims(kg, participation: str, prop: str) -> list[dict]:
    return kg.query(CLAIMS, {"p": IRI(ID + "participation/" + participation), "prop": IRI(OG + prop)})


def test_confirmed_value_cites_the_page_and_rises(kg) -> None:
    # unipd-centrodirittiumani.it: "Data della ratifica: 29 dicembre 1988 (Gazzetta Ufficiale n 77
    # del 03 aprile 1989)" - Italy's ECPT ratification, recalled from memory by the curated set.
    rows = _claims(kg, "ITA/ETS-126/1", "ratificationDateAsReported")
    assert {r["value"] for r in rows} == {dt.date(1988, 12, 29)}
    assert any("unipd-centrodirittiumani.it" in str(r["src"]) for r in rows)
    assert {r["confidence"] for r in rows} == {"medium"}  # a secondary page: medium, not high


def test_official_confirmation_gives_high_confidence(kg) -> None:
    # vlada.gov.cz (Czech Government Office): "Úmluva vstoupila v platnost pro Českou republiku
    # dnem 1. ledna 1996" - the ECPT for Czechia.
    rows = _claims(kg, "CZE/ETS-126/1", "entryIntoForceDate")
    stated = [r for r in rows if "vlada.gov.cz" in str(r["src"])]
    assert stated and stated[0]["value"] == dt.date(1996, 1, 1) and stated[0]["confidence"] == "high"


def test_contradicting_page_becomes_a_competing_claim(kg) -> None:
    # conseil-national.mc: Monaco's ratification of the Istanbul Convention "ce lundi 6 octobre"
    # (2014); the curated value, from memory, is 2014-10-07. Both are kept; the curated one stays
    # accepted.
    rows = _claims(kg, "MCO/CETS-210/1", "ratificationDateAsReported")
    by_value = {r["value"]: r for r in rows}
    assert set(by_value) == {dt.date(2014, 10, 6), dt.date(2014, 10, 7)}
    assert "conseil-national.mc" in str(by_value[dt.date(2014, 10, 6)]["src"])
    assert by_value[dt.date(2014, 10, 6)]["accepted"] is False


def test_month_precision_page_value(kg) -> None:
    # europa-magazin.ch (citing the NZZ of 6 May 1998): Russia deposited "Anfangs Mai" 1998 - a
    # month, kept as xsd:gYearMonth beside the 28 March 1998 ratification law date.
    rows = kg.query(
        "SELECT ?value WHERE { ?c og:claimAbout ?p ; og:claimedValue ?value ; prov:wasDerivedFrom ?src . "
        "FILTER(DATATYPE(?value) = xsd:gYearMonth) }",
        {
            "p": IRI(ID + "participation/RUS/ETS-126/1"),
            "src": IRI("https://www.europa-magazin.ch/articles/kurzinfos-298"),
        },
    )
    assert [str(r["value"]) for r in rows] == ["1998-05"]


def test_checked_facts_leave_the_to_check_list(kg) -> None:
    from obligraph.queries import run_named

    listed = {str(r["fact"]) for r in run_named(kg, "low-confidence")}
    assert ID + "participation/ITA/ETS-126/1" not in listed  # confirmed (see above)
    assert ID + "participation/GRC/ETS-126/1" in listed  # no page found for Greece's ECPT dates


def test_every_committed_check_parses() -> None:
    checks = fact_checks.load()
    assert len(checks.checks) > 100
    assert all(c.source_url for c in checks.checks if c.verdict != "not_found")


@pytest.mark.parametrize(
    ("row", "message"),
    [
        ("ETS-126,ITA,ratification_date,1988-12-29,maybe,,,,,", "x.csv:2: verdict 'maybe'"),
        ("ETS-126,ITA,ratification_date,1988-12-29,confirmed,1988-12-29,,official,,", "must name the page"),
        (
            "ETS-126,ITA,ratification_date,1988-02-30,not_found,,,,,",
            "checked_value '1988-02-30' is not a date",
        ),
        (
            "ETS-126,ITA,ratification_date,1988-12-29,contradicted,,https://x.example,official,,",
            "page's value",
        ),
    ],
)
def test_bad_check_rows_are_named(tmp_path: Path, row: str, message: str) -> None:
    (tmp_path / "x.csv").write_text(",".join(fact_checks.COLUMNS) + "\n" + row + "\n", encoding="utf-8")
    with pytest.raises(SourceDataError, match=message.replace("(", r"\(").replace(")", r"\)")):
        fact_checks.load(tmp_path)


def test_wrong_header_is_named(tmp_path: Path) -> None:
    (tmp_path / "x.csv").write_text("treaty,state\n", encoding="utf-8")
    with pytest.raises(SourceDataError, match="x.csv: the header must be"):
        fact_checks.load(tmp_path)
