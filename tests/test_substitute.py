"""Parameters written into query text: exact terms, correct positions, and no injection.

The injection tests run on every store: a hostile string must come back unchanged as the
value of the variable, and must not change what the query matches.
"""

from __future__ import annotations

import datetime as dt

import pytest

from obligraph.errors import BadParameterError, QueryError
from obligraph.store import IRI, KnowledgeGraph, SparqlGraph
from obligraph.store.rdflib_graph import RdflibGraph
from obligraph.store.remote import RemoteGraph
from obligraph.store.substitute import substitute, term

XSD = "http://www.w3.org/2001/XMLSchema#"
RUS = "https://w3id.org/obligraph/id/state/RUS"


def test_terms() -> None:
    assert term(IRI(RUS)) == f"<{RUS}>"
    assert term(dt.date(2025, 10, 3)) == f'"2025-10-03"^^<{XSD}date>'
    assert term(True) == f'"true"^^<{XSD}boolean>'
    assert term(12) == f'"12"^^<{XSD}integer>'
    assert term('say "hi"\\\n') == '"say \\"hi\\"\\\\\\n"'
    assert term("\\u0022") == '"\\\\\\U000000750022"'  # the u after a backslash as \U00000075


@pytest.mark.parametrize(
    "bad",
    [
        "https://x.org/a> . ?s ?p ?o . <https://x.org/b",
        "https://x.org/a b",
        "javascript:alert(1)",
        'https://x.org/"',
        "https://x.org/{x}",
        "https://x.org/\\u003E",
    ],
)
def test_malformed_iris_are_refused(bad: str) -> None:
    with pytest.raises(BadParameterError):
        term(IRI(bad))


def test_other_types_are_refused() -> None:
    with pytest.raises(QueryError):
        term(dt.datetime(2025, 1, 1, 12, 0))
    with pytest.raises(QueryError):
        term(3.5)


def test_projection_filter_and_order_positions() -> None:
    text = "SELECT ?state ?x WHERE { ?x og:party ?state . FILTER(?x != ?state) } ORDER BY ?state ?x"
    out = substitute(text, {"state": IRI(RUS)})
    assert out == (
        f"SELECT (<{RUS}> AS ?state) ?x WHERE {{ ?x og:party <{RUS}> . FILTER(?x != <{RUS}>) }} "
        f"ORDER BY (<{RUS}>) ?x"
    )


def test_group_by_binds_the_constant_key() -> None:
    text = "SELECT ?state ?t (COUNT(*) AS ?n) WHERE { ?a og:actor ?state ; og:treaty ?t } GROUP BY ?state ?t"
    out = substitute(text, {"state": IRI(RUS)})
    assert out == (
        f"SELECT ?state ?t (COUNT(*) AS ?n) WHERE {{ ?a og:actor <{RUS}> ; og:treaty ?t }} "
        f"GROUP BY (<{RUS}> AS ?state) ?t"
    )


def test_text_inside_strings_iris_and_comments_is_left_alone() -> None:
    text = '# ?state in a comment\nSELECT ?y WHERE { ?y og:note "?state" ; og:x <https://x.org/?state=1> }'
    assert substitute(text, {"state": IRI(RUS)}) == text


def test_a_prefixed_name_like_a_keyword_is_not_one() -> None:
    out = substitute("SELECT ?s WHERE { ?s og:by ?on }", {"on": dt.date(2020, 1, 1)})
    assert out.endswith(f'og:by "2020-01-01"^^<{XSD}date> }}')


def test_assigning_a_bound_variable_is_refused() -> None:
    with pytest.raises(QueryError):
        substitute('SELECT ?s WHERE { BIND("x" AS ?on) }', {"on": "y"})
    with pytest.raises(QueryError):
        substitute("SELECT ?s WHERE { VALUES ?on { 1 } }", {"on": "y"})


HOSTILE = [
    '" } ; DROP ALL ; SELECT * WHERE { "',
    '"^^<http://x.org/t> } UNION { ?s ?p ?o',
    "\\u0022 } UNION { ?s ?p ?o } #",
    "\\\\u0022 ) } #",
    "a\\u0041b\\U0001F30Dc",
    "\\",
    "line\nbreak\r\ttab",
    "'''",
    '"""',
    "# } ?s ?p ?o",
    "Ru\u00dfland \u0420\u043e\u0441\u0441\u0438\u044f \U0001f30d",
    "<https://w3id.org/obligraph/id/state/RUS>",
]
ECHO = "SELECT ?text ?n WHERE { BIND(STRLEN(?text) AS ?n) }"
MATCH = "SELECT ?text ?s WHERE { ?s og:isoAlpha3 ?text }"


@pytest.fixture(params=["embedded", "rdflib", "oxigraph", "virtuoso"])
def store(request: pytest.FixtureRequest, kg: KnowledgeGraph) -> SparqlGraph:
    if request.param == "embedded":
        return kg
    if request.param == "rdflib":
        return RdflibGraph()  # empty: only the echo is asked
    graph: RemoteGraph = request.getfixturevalue(f"{request.param}_graph")
    return graph


@pytest.mark.parametrize("text", HOSTILE)
def test_hostile_strings_come_back_unchanged(store: SparqlGraph, text: str) -> None:
    rows = store.query(ECHO, {"text": text})
    assert rows == [{"text": text, "n": len(text)}]


def test_hostile_strings_match_nothing(kg: KnowledgeGraph, store: SparqlGraph) -> None:
    if isinstance(store, RdflibGraph):
        pytest.skip("the empty rdflib graph matches nothing anyway")
    for text in HOSTILE:
        assert store.query(MATCH, {"text": text}) == [], text
    # and a real label still matches: the binding is a value, not a pattern
    assert store.query(MATCH, {"text": "RUS"}) == [{"text": "RUS", "s": RUS}]
