"""Named queries: headers, typed parameters, binding (no injection), and answers from sources."""

import datetime as dt

import pytest

from obligraph import queries
from obligraph.errors import BadParameterError, QueryError
from obligraph.store import IRI
from tests.conftest import iri

ALL = queries.available()


def test_required_queries_exist() -> None:
    required = {
        "bodies-losing-access",
        "state-status",
        "membership-timeline",
        "parties-not-members",
        "treaty-parties",
        "source-conflicts",
    }
    assert required <= set(ALL)


@pytest.mark.parametrize("name", sorted(ALL))
def test_every_query_is_documented_and_ordered(name: str) -> None:
    q = ALL[name]
    assert q.title and q.title != name
    assert q.description
    assert "ORDER BY" in q.text
    for p in q.parameters:
        # a bound variable must be projected (SEP-0007 substitution) and used outside sub-selects
        assert f"?{p.name}" in q.text.split("WHERE", 1)[0], f"{name}: ?{p.name} not projected"


def _run(kg, resolver, name: str, **params: str):
    q = queries.get(name)
    return queries.run(kg, q, q.bind(params, resolver))


def test_treaty_parties_ecpt_2023(kg, resolver) -> None:
    # coe.int "impact" page: all 46 member states and Russia are ECPT parties.
    rows = _run(kg, resolver, "treaty-parties", treaty="ECPT", on="2023-01-01")
    assert len(rows) == 47
    assert iri("state", "RUS") in {r["state"] for r in rows}


def test_parties_not_members(kg, resolver) -> None:
    # After 16 March 2022 Russia is the one ECPT party outside the CoE (CPT President's statement).
    rows = _run(kg, resolver, "parties-not-members", treaty="ETS-126", organisation="CoE", on="2023-01-01")
    assert [r["state"] for r in rows] == [iri("state", "RUS")]
    rows = _run(kg, resolver, "parties-not-members", treaty="ETS-126", organisation="CoE", on="2021-01-01")
    assert rows == []


def test_membership_timeline_russia(kg, resolver) -> None:
    rows = _run(kg, resolver, "membership-timeline", state="Russia")
    spans = [(r["since"], r["until"], r["status"].rsplit("#", 1)[-1]) for r in rows]
    assert spans == [
        (dt.date(1996, 2, 28), dt.date(2022, 2, 25), "StatusMember"),
        (dt.date(2022, 2, 25), dt.date(2022, 3, 16), "StatusSuspended"),
    ]


def test_bodies_losing_access(kg, resolver) -> None:
    rows = _run(kg, resolver, "bodies-losing-access", state="RU", treaty="ECPT", on="2025-10-03")
    assert {r["body"] for r in rows} == {iri("body", "CPT")}


def test_source_conflicts_russia_ecpt_ratification(kg, resolver) -> None:
    # babel.ua: "ratified ... on February 28, 1998"; zmi.st and interfax: 28 March 1998 (the law);
    # coe-curated: deposit 5 May 1998 (the brief's date).
    rows = _run(kg, resolver, "source-conflicts")
    about = iri("participation", "RUS/ETS-126/1")
    values = {
        str(r["value"])
        for r in rows
        if r["about"] == about and r["property"].endswith("ratificationDateAsReported")
    }
    assert {"1998-02-28", "1998-03-28", "1998-05-05"} <= values


def test_state_status_query_matches_status(kg, resolver) -> None:
    # Russia: a UN member (admitted 1945 per country-converter), no longer in the CoE (CM/Res(2022)2).
    rows = _run(kg, resolver, "state-status", state="RUS", on="2023-01-01")
    memberships = {r["item"] for r in rows if r["kind"] == "membership"}
    assert memberships == {"https://w3id.org/obligraph/id/org/UN"}


@pytest.mark.parametrize(
    "evil",
    [
        "RUS> } ; DROP ALL ; SELECT * { <x",
        'RUS" . ?s ?p ?o . FILTER("',
        "https://w3id.org/obligraph/id/state/RUS> } UNION { ?s ?p ?o",
    ],
)
def test_injection_is_an_unknown_state(kg, resolver, evil: str) -> None:
    q = queries.get("state-status")
    before = len(kg)
    with pytest.raises(BadParameterError, match="unknown state"):
        q.bind({"state": evil, "on": "2023-01-01"}, resolver)
    assert len(kg) == before


def test_string_parameters_are_bound_not_pasted(kg) -> None:
    # A literal containing SPARQL syntax is just a value: the query still parses and finds nothing.
    rows = kg.query(
        "SELECT ?label ?s WHERE { ?s rdfs:label ?label } ORDER BY ?s",
        {"label": '"} ; DROP ALL ; #'},
    )
    assert rows == []


def test_iri_parameter_is_validated(tmp_path, resolver) -> None:
    path = tmp_path / "q.rq"
    path.write_text(
        "# title: t\n# description: d\n# param: thing iri A thing.\nSELECT ?thing WHERE { ?thing ?p ?o } ORDER BY ?thing\n"
    )
    q = queries.get(str(path))
    with pytest.raises(BadParameterError, match="not an absolute http"):
        q.bind({"thing": "javascript:alert(1)"}, resolver)
    assert q.bind({"thing": "https://w3id.org/obligraph/id/state/RUS"}, resolver)["thing"] == IRI(
        "https://w3id.org/obligraph/id/state/RUS"
    )


def test_parameter_errors(resolver) -> None:
    q = queries.get("state-status")
    with pytest.raises(BadParameterError, match="needs parameter 'on'"):
        q.bind({"state": "RUS"}, resolver)
    with pytest.raises(BadParameterError, match="has no parameter 'date'"):
        q.bind({"state": "RUS", "on": "2023-01-01", "date": "x"}, resolver)
    with pytest.raises(BadParameterError, match="not a real calendar date"):
        q.bind({"state": "RUS", "on": "2023-02-30"}, resolver)


def test_unknown_query_suggests() -> None:
    with pytest.raises(QueryError, match="Did you mean: state-status"):
        queries.get("state-statu")


def test_malformed_header(tmp_path) -> None:
    path = tmp_path / "bad.rq"
    path.write_text("# title: x\n# param: on datetime The date\nSELECT * WHERE {} ORDER BY ?x\n")
    with pytest.raises(QueryError, match=r"bad.rq:2: parameter line"):
        queries.get(str(path))
