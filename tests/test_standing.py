"""Every state's standing towards a treaty or a procedure on a date (the explorer's world map),
read from the named queries ``treaty-record``, ``procedure-acceptances`` and ``state-codes``."""

from __future__ import annotations

import datetime as dt

import pytest

from obligraph import queries
from obligraph.analysis.standing import STANDINGS, Standings, standings
from obligraph.resolve import Resolver
from obligraph.store import IRI, KnowledgeGraph


def _of(kg: KnowledgeGraph, resolver: Resolver, treaty: str, on: str) -> Standings:
    return standings(kg, resolver.treaty(treaty).iri, dt.date.fromisoformat(on))


def _by_state(result: Standings) -> dict[str, tuple[str, str | None]]:
    return {s.state.id: (s.standing, s.since.isoformat() if s.since else None) for s in result.states}


def test_ukraine_and_the_rome_statute(kg: KnowledgeGraph, resolver: Resolver) -> None:
    # graph/compiled/icc/treaty-actions.csv: Ukraine signed on 20 Jan 2000 (UNTC status table),
    # deposited its ratification on 25 Oct 2024 and "became the 125th ICC State Party on
    # 1 January 2025" (Coalition for the ICC).
    assert _by_state(_of(kg, resolver, "Rome Statute", "2024-06-01"))["UKR"] == ("signatory", "2000-01-20")
    assert _by_state(_of(kg, resolver, "Rome Statute", "2024-12-01"))["UKR"] == ("consented", "2024-10-25")
    after = _of(kg, resolver, "Rome Statute", "2025-01-01")
    assert _by_state(after)["UKR"] == ("party", "2025-01-01")
    assert after.counts()["party"] == 125
    assert _of(kg, resolver, "Rome Statute", "2024-06-01").counts()["party"] == 124
    assert after.first == dt.date(1998, 7, 17)  # the Statute was adopted and opened on 17 July 1998


def test_former_parties_and_withdrawn_signatures(kg: KnowledgeGraph, resolver: Resolver) -> None:
    states = _by_state(_of(kg, resolver, "Rome Statute", "2024-06-01"))
    # Burundi's withdrawal took effect on 27 Oct 2017, the Philippines' on 17 Mar 2019 (the
    # graph's ICC records); the US notified on 6 May 2002 that it does not intend to become a
    # party (AJIL), Russia on 16 Nov 2016 (TASS): their signatures count no more.
    assert states["BDI"] == ("former-party", "2017-10-27")
    assert states["PHL"] == ("former-party", "2019-03-17")
    assert states["USA"] == ("signature-withdrawn", "2002-05-06")
    assert states["RUS"] == ("signature-withdrawn", "2016-11-16")
    # before the US notice it was a signatory (signed 31 Dec 2000, UNTC status table)
    assert _by_state(_of(kg, resolver, "Rome Statute", "2001-06-01"))["USA"] == ("signatory", "2000-12-31")


@pytest.mark.parametrize(
    ("treaty", "on"), [("Rome Statute", "2024-06-01"), ("ECPT", "2023-01-01"), ("CAT", "1990-01-01")]
)
def test_the_parties_are_those_of_treaty_parties(
    kg: KnowledgeGraph, resolver: Resolver, treaty: str, on: str
) -> None:
    result = _of(kg, resolver, treaty, on)
    rows = queries.run_named(
        kg, "treaty-parties", treaty=IRI(resolver.treaty(treaty).iri), on=dt.date.fromisoformat(on)
    )
    parties = {s.state.iri for s in result.states if s.standing == "party"}
    states = {s.state.iri for s in result.states}
    assert parties == {str(r["state"]) for r in rows} & states


def test_a_procedure(kg: KnowledgeGraph, resolver: Resolver) -> None:
    # README: 70 states accept CAT Art. 22 on 2026-02-03, France by its declaration of 23 June 1988
    result = standings(kg, resolver.article("CAT 22").iri, dt.date(2026, 2, 3))
    assert result.kind == "article" and result.of.name == "CAT Art. 22" and result.treaty.id == "UN-IV-9"
    assert result.counts()["accepting"] == 70
    states = _by_state(result)
    assert states["FRA"] == ("accepting", "1988-06-23")
    assert states["USA"][0] == "party"  # a party to the CAT without an Art. 22 declaration


def test_every_state_once_with_its_iso_numeric_code(kg: KnowledgeGraph, resolver: Resolver) -> None:
    result = _of(kg, resolver, "ECPT", "2023-01-01")
    ids = [s.state.id for s in result.states]
    assert len(ids) == len(set(ids)) == 203  # README: 203 states
    codes = {s.state.id: s.numeric for s in result.states}
    # ISO 3166-1 numeric codes (pycountry's iso3166-1.json): Russia 643, Ukraine 804, Afghanistan 004
    assert (codes["RUS"], codes["UKR"], codes["AFG"]) == ("643", "804", "004")
    assert codes["SUHH"] is None  # a historical state (ISO 3166-3) is on no map
    data = result.to_dict()
    assert [item["standing"] for item in data["legend"]] == [n for n, _ in STANDINGS if n != "accepting"]
    assert sum(item["count"] for item in data["legend"]) == 203
    russia = next(s for s in data["states"] if s["id"] == "RUS")
    assert russia["standing"] == "party" and russia["sources"]  # bound by the ECPT since 1998


def test_the_african_court_protocol_on_the_day_chad_became_its_thirtieth_party(
    kg: KnowledgeGraph, resolver: Resolver
) -> None:
    # AU press release of 5 February 2016 (https://au.int/en/pressreleases/20160205): Chad's
    # deposit brings "the number of African Union (AU) Member States to have ratified it to 30",
    # and the release names the other 29. Where no page gives a state's own date, the graph
    # knows only that it was a party by then (og:partyNoLaterThan): "party-undated".
    result = _of(kg, resolver, "African Court Protocol", "2016-02-05")
    parties = {s.state.id: s.standing for s in result.states if s.standing != "none"}
    assert len(parties) == 30
    assert {"TCD", "KEN", "DZA", "ESH", "ZAF"} <= set(parties)
    assert parties["KEN"] == "party-undated"
    assert "COD" not in parties  # the Democratic Republic of the Congo deposited in December 2020


def test_the_command_line_gives_the_maps_json() -> None:
    import json

    from typer.testing import CliRunner

    from obligraph.cli import app

    runner = CliRunner()
    result = runner.invoke(app, ["standing", "Rome Statute", "--on", "2025-01-01", "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    # Ukraine, the 125th State Party, from 1 January 2025 (Coalition for the ICC)
    assert {e["standing"]: e["count"] for e in data["legend"]}["party"] == 125
    ukraine = next(s for s in data["states"] if s["id"] == "UKR")
    assert (ukraine["standing"], ukraine["since"]) == ("party", "2025-01-01")
    text = runner.invoke(app, ["standing", "CAT 22", "--on", "2026-02-03"]).output
    assert "accepts the procedure (its declaration is in force): 70" in text
    unknown = runner.invoke(app, ["standing", "Narnia"])
    assert unknown.exit_code == 2 and "unknown treaty 'Narnia'" in unknown.output


def test_a_state_listed_as_a_party_only_by_a_date_is_one_from_that_date(kg: KnowledgeGraph) -> None:
    # Burkina Faso is among the 30 parties the AU's release of 5 February 2016 names; no page read
    # gives the date of its instrument. Its status says so from that date, and claims nothing before.
    from obligraph.analysis.status import state_status

    bfa = "https://w3id.org/obligraph/id/state/BFA"
    later = state_status(kg, bfa, dt.date(2016, 2, 5))
    [court] = [u for u in later.undated if u.treaty.id == "AU-ACHPR-COURT"]
    assert court.note.startswith("listed as a party by 2016-02-05")
    earlier = state_status(kg, bfa, dt.date(2010, 1, 1))
    assert all(u.treaty.id != "AU-ACHPR-COURT" for u in earlier.undated)
