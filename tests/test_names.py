"""Names as researchers write them: what users type resolves, ambiguous names are errors that
name the candidates, and every answer shows short names and reads naturally."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from typer.testing import CliRunner

from obligraph import wording
from obligraph.analysis.impact import withdraw
from obligraph.cli import app
from obligraph.errors import AmbiguousTermError
from obligraph.store import KnowledgeGraph, name_of
from tests.conftest import iri


@pytest.mark.parametrize(
    "term,expected",
    [
        # country-converter's name patterns (og:namePattern): its regex for GBR matches "UK" and
        # "Britain", for VAT "holy.?see", for CIV "ivory", for MMR "burma", for SWZ "swaziland"
        ("UK", "GBR"),
        ("Britain", "GBR"),
        ("Holy See", "VAT"),
        ("Ivory Coast", "CIV"),
        ("Burma", "MMR"),
        ("Swaziland", "SWZ"),
        ("the Netherlands", "NLD"),
        ("Soviet Union", "SUHH"),
        # ISO 3166 and pycountry names and common names
        ("Czechia", "CZE"),
        ("Czech Republic", "CZE"),
        ("Turkey", "TUR"),
        ("South Korea", "KOR"),
        ("North Korea", "PRK"),
        ("DR Congo", "COD"),
        ("Republic of the Congo", "COG"),
        # "Guinea" is the ISO and UN name of the Republic of Guinea and of no other state; the
        # other states' names only contain it (Guinea-Bissau, Equatorial Guinea, Papua New Guinea)
        ("Guinea", "GIN"),
        ("Guinea-Bissau", "GNB"),
    ],
)
def test_state_names_researchers_type(resolver, term: str, expected: str) -> None:
    assert resolver.state(term).id == expected


@pytest.mark.parametrize(
    "term,candidates",
    [
        # ISO 3166: "Congo" (COG) and "Congo, The Democratic Republic of the" (COD)
        ("Congo", {"COD", "COG"}),
        # ISO 3166: "Korea, Republic of" (KOR) and "Korea, Democratic People's Republic of" (PRK)
        ("Korea", {"KOR", "PRK"}),
    ],
)
def test_an_ambiguous_name_names_its_candidates(resolver, term: str, candidates: set[str]) -> None:
    with pytest.raises(AmbiguousTermError) as info:
        resolver.state(term)
    message = str(info.value)
    assert f"{term!r} is ambiguous" in message
    assert all(code in message for code in candidates)


def test_icc_is_the_rome_statute_where_a_treaty_is_meant(resolver) -> None:
    # graph/names.ttl: ICC, where a treaty is meant, is the treaty that established the Court
    assert resolver.treaty("ICC").id == "UN-XVIII-10"
    assert resolver.treaty("Rome Statute").id == "UN-XVIII-10"
    assert resolver.body("ICC").id == "ICC"


@pytest.mark.parametrize(
    "thing,name",
    [
        ("treaty/UN-IV-4", "ICCPR"),
        ("treaty/UN-IV-9", "CAT"),
        ("treaty/UN-IV-9-b", "OPCAT"),
        ("treaty/ETS-005", "ECHR"),
        ("treaty/ETS-126", "ECPT"),
        ("treaty/UN-XVIII-10", "Rome Statute"),
        ("treaty/OAS-B-32", "ACHR"),
        ("state/RUS", "Russia"),  # country-converter's short name
        ("state/VEN", "Venezuela"),  # pycountry's common name, not "Venezuela, Bolivarian Republic of"
        ("state/VAT", "Holy See"),  # the ISO name without its parenthesis
        ("state/GBR", "United Kingdom"),
    ],
)
def test_short_names(kg: KnowledgeGraph, thing: str, name: str) -> None:
    assert name_of(kg, iri(*thing.split("/"))) == name


def test_every_short_name_has_a_source(kg: KnowledgeGraph) -> None:
    rows = kg.query(
        "SELECT ?label WHERE { ?label a ?class . VALUES ?class { og:ShortName og:Alias } "
        "FILTER NOT EXISTS { ?label prov:wasDerivedFrom ?source } }"
    )
    assert rows == []


def test_sentences_read_as_a_researcher_writes(kg: KnowledgeGraph) -> None:
    result = withdraw(kg, iri("state", "RUS"), iri("treaty", "ETS-126"), dt.date(2025, 10, 3))
    assert result.summary.startswith("Russia notifies its withdrawal from the ECPT on 2025-10-03.")
    assert "under ECPT Art. 22" in result.summary
    assert result.explanation[0].text == "Russia is bound by the ECPT since 1998-09-01."
    assert any(s.text == "Russia's participation in the ECPT ends on 2026-11-01" for s in result.cascade)
    assert "Russian Federation" not in json.dumps(result.to_dict()["summary"])


def test_possessives_and_articles() -> None:
    assert wording.possessive("Russia") == "Russia's"
    assert wording.possessive("the United States") == "the United States'"
    assert wording.the("United States", "state") == "the United States"
    assert wording.the("Holy See", "state") == "the Holy See"
    assert wording.the("France", "state") == "France"
    assert wording.the("Philippines", "state") == "the Philippines"
    assert wording.the("Saint Vincent and the Grenadines", "state") == "Saint Vincent and the Grenadines"
    assert wording.the("ICCPR", "treaty") == "the ICCPR"
    assert wording.sentence("the United States notifies") == "The United States notifies"


def test_the_united_states_in_a_sentence() -> None:
    # UNTC IV-5 (graph/generated/untc/IV-5.ttl): the United States is not among the parties to the
    # First Optional Protocol to the ICCPR.
    result = CliRunner().invoke(app, ["impact", "United States", "--withdraw", "ICCPR-OP1", "--json"])
    assert result.exit_code == 2
    assert "The United States has never been bound by the ICCPR-OP1" in result.output


def test_json_keeps_ids_and_gives_names(kg: KnowledgeGraph) -> None:
    data = withdraw(kg, iri("state", "RUS"), iri("treaty", "ETS-126"), dt.date(2025, 10, 3)).to_dict()
    assert data["treaty"] == {
        "id": "ETS-126",
        "label": "ECPT",
        "title": "European Convention for the Prevention of Torture",
    }
    kept = {b["id"]: b for b in data["bodies_retaining_access"]}
    assert "ICCPR Art. 40" in kept["HRCttee"]["basis"]  # ICCPR Art. 40: state reports


def test_a_state_named_with_the_starts_the_first_line_with_a_capital() -> None:
    # the Philippines' withdrawal from the Rome Statute took effect on 17 March 2019 (UNTC XVIII-10)
    out = CliRunner().invoke(app, ["impact", "PHL", "--withdraw", "ICC"]).output
    assert out.splitlines()[0] == "The Philippines (PHL) withdrew from the Rome Statute (UN-XVIII-10)"
    assert "Effective: 2019-03-17" in out
