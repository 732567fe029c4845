"""The embedded store sorts a final ORDER BY in Python (obligraph.store.ordering): in the order that
SPARQL 1.1 (section 15.1) and Oxigraph's own ORDER BY give, or it leaves the sort to Oxigraph.

The reference is Oxigraph's evaluation of the same text with its ORDER BY; test_conformance
then checks the named queries' order against rdflib, an Oxigraph server and Virtuoso.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pyoxigraph as ox
import pytest

from obligraph import queries
from obligraph.resolve import Resolver
from obligraph.store import KnowledgeGraph, Row, from_term, ordering
from obligraph.store.substitute import substitute
from obligraph.vocab import PREFIXES
from tests.test_conformance import named_cases

EX = "http://example.org/"

# Rows of one column ?v (and ?n, a name) with every kind of term the order has to place.
DATA = f"""
@prefix ex: <{EX}> . @prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
ex:r1 ex:n "r1" ; ex:s "b" ; ex:num 10 ; ex:day "2020-02-01"^^xsd:date ; ex:flag true ; ex:mix ex:z ;
  ex:year "2001"^^xsd:gYear .
ex:r2 ex:n "r2" ; ex:s "B" ; ex:num 9 ; ex:day "1999-12-31"^^xsd:date ; ex:flag false ; ex:mix "a" ;
  ex:year "1999"^^xsd:gYear .
ex:r3 ex:n "r3" ; ex:s "é" ; ex:num 2.5 ; ex:day "2020-01-31"^^xsd:date ; ex:mix ex:a .
ex:r4 ex:n "r4" ; ex:s "a" ; ex:num -1 ; ex:mix "2020-01-01"^^xsd:date .
ex:r5 ex:n "r5" ; ex:lang "x"@en ; ex:tz "2020-01-01Z"^^xsd:date ; ex:dbl 1.5e0 ; ex:blank [] .
ex:r6 ex:n "r6" ; ex:lang "y"@de ; ex:tz "2020-01-01"^^xsd:date ; ex:dbl 2.5e0 ; ex:blank [] .
"""


@pytest.fixture(scope="module")
def small() -> KnowledgeGraph:
    store = ox.Store()
    store.load(DATA.encode("utf-8"), format=ox.RdfFormat.TURTLE)
    return KnowledgeGraph(store)


def engine_rows(kg: KnowledgeGraph, text: str, bindings: dict[str, object] | None = None) -> list[Row]:
    """The rows in the order of Oxigraph's own ORDER BY."""
    result = kg.store.query(substitute(text, bindings), prefixes=PREFIXES)
    assert isinstance(result, ox.QuerySolutions)
    names = [v.value for v in result.variables]
    return [{n: from_term(s[n]) for n in names} for s in result]


def python_sorted(kg: KnowledgeGraph, text: str) -> list[Row] | None:
    """What obligraph.store.ordering makes of the query, or None where it leaves it to the engine."""
    order = ordering.split(text)
    assert order is not None
    result = kg.store.query(order.body, prefixes=PREFIXES)
    assert isinstance(result, ox.QuerySolutions)
    return ordering.sorted_rows(result, order, from_term)


def column(prop: str, order: str) -> str:
    return f"SELECT ?n ?v WHERE {{ ?r <{EX}n> ?n OPTIONAL {{ ?r <{EX}{prop}> ?v }} }} ORDER BY {order}"


def test_split_takes_a_trailing_order_of_variables() -> None:
    order = ordering.split("SELECT * WHERE { ?s ?p ?o }\norder by ?s DESC(?p) str( ?o )\n")
    assert order is not None
    assert order.body == "SELECT * WHERE { ?s ?p ?o }"
    grouped = ordering.split("SELECT ?s (COUNT(*) AS ?n) WHERE { ?s ?p ?o } GROUP BY ?s ORDER BY DESC(?n)")
    assert grouped is not None
    assert grouped.body == "SELECT ?s (COUNT(*) AS ?n) WHERE { ?s ?p ?o } GROUP BY ?s"
    assert grouped.keys == (ordering.SortKey("n", descending=True),)
    assert order.keys == (
        ordering.SortKey("s"),
        ordering.SortKey("p", descending=True),
        ordering.SortKey("o", as_string=True),
    )


@pytest.mark.parametrize(
    "text",
    [
        "SELECT * WHERE { ?s ?p ?o } ORDER BY ?s LIMIT 10",  # the limit needs the order first
        "SELECT * WHERE { ?s ?p ?o } ORDER BY ?s OFFSET 1",
        "SELECT * WHERE { ?s ?p ?o } ORDER BY (?o + 1)",  # an expression
        "SELECT * WHERE { ?s ?p ?o } ORDER BY LCASE(?o)",
        "SELECT * WHERE { ?s ?p ?o } ORDER BY ?s # a comment",
        "SELECT * WHERE { ?s ?p ?o }",
        "SELECT * WHERE { { SELECT ?s WHERE { ?s ?p ?o } ORDER BY ?s } }",  # inside a sub-select
        "ASK { ?s ?p ?o }",
    ],
)
def test_split_leaves_other_queries_to_the_engine(text: str) -> None:
    assert ordering.split(text) is None


@pytest.mark.parametrize(
    ("prop", "order", "expected"),
    [
        # Unbound first, then code point order: "B" (U+0042) < "a" < "b" < "é" (U+00E9).
        ("s", "?v ?n", ["r5", "r6", "r2", "r4", "r1", "r3"]),
        ("s", "DESC(?v) ?n", ["r3", "r1", "r4", "r2", "r5", "r6"]),
        # Numbers by value across xsd:integer and xsd:decimal: -1 < 2.5 < 9 < 10.
        ("num", "?v ?n", ["r5", "r6", "r4", "r3", "r2", "r1"]),
        # Dates by day; false before true.
        ("day", "?v ?n", ["r4", "r5", "r6", "r2", "r3", "r1"]),
        ("flag", "?v ?n", ["r3", "r4", "r5", "r6", "r2", "r1"]),
        ("year", "DESC(?v) ?n", ["r1", "r2", "r3", "r4", "r5", "r6"]),
        # STR(): IRIs, strings and dates compare as their strings; numbers as their lexical
        # form ("-1" < "10" < "2.5" < "9"); language-tagged strings as their text.
        ("mix", "STR(?v) ?n", ["r5", "r6", "r4", "r2", "r3", "r1"]),
        ("num", "STR(?v) ?n", ["r5", "r6", "r4", "r1", "r3", "r2"]),
        ("lang", "STR(?v) ?n", ["r1", "r2", "r3", "r4", "r5", "r6"]),
    ],
)
def test_python_order_is_sparql_order(
    small: KnowledgeGraph, prop: str, order: str, expected: list[str]
) -> None:
    text = column(prop, order)
    got = python_sorted(small, text)
    assert got is not None, "sorted by the engine, not in Python"
    assert [row["n"] for row in got] == expected
    assert got == engine_rows(small, text) == small.query(text)


@pytest.mark.parametrize(
    ("prop", "order"),
    [
        ("mix", "?v ?n"),  # IRIs, strings and a date in one column
        ("lang", "?v ?n"),  # language-tagged strings
        ("tz", "?v ?n"),  # a date with a time zone
        ("dbl", "?v ?n"),  # xsd:double
        ("blank", "?v ?n"),  # blank nodes
        ("blank", "STR(?v) ?n"),  # STR() of a blank node is an error
    ],
)
def test_what_python_cannot_sort_exactly_is_sorted_by_the_engine(
    small: KnowledgeGraph, prop: str, order: str
) -> None:
    text = column(prop, order)
    assert python_sorted(small, text) is None
    assert small.query(text) == engine_rows(small, text)


def test_an_order_after_group_by_sorts_the_groups(small: KnowledgeGraph) -> None:
    text = (
        f"SELECT ?v (COUNT(?r) AS ?rows) WHERE {{ ?r <{EX}n> ?n OPTIONAL {{ ?r <{EX}flag> ?v }} }} "
        "GROUP BY ?v ORDER BY DESC(?rows) ?v"
    )
    expected = [{"v": None, "rows": 4}, {"v": False, "rows": 1}, {"v": True, "rows": 1}]
    assert python_sorted(small, text) == small.query(text) == engine_rows(small, text) == expected


def test_an_order_on_a_variable_not_projected_is_left_to_the_engine(small: KnowledgeGraph) -> None:
    text = f"SELECT ?n WHERE {{ ?r <{EX}n> ?n ; <{EX}num> ?v }} ORDER BY DESC(?v)"
    assert [row["n"] for row in small.query(text)] == ["r1", "r2", "r3", "r4"]  # 10, 9, 2.5, -1


def test_converted_values_are_unchanged(small: KnowledgeGraph) -> None:
    rows = small.query(column("num", "?v"))
    assert [row["v"] for row in rows if row["v"] is not None] == [-1, Decimal("2.5"), 9, 10]
    days = [row["v"] for row in small.query(column("day", "?v")) if row["v"] is not None]
    assert days == [dt.date(1999, 12, 31), dt.date(2020, 1, 31), dt.date(2020, 2, 1)]


def test_every_named_query_keeps_the_engines_order(kg: KnowledgeGraph, resolver: Resolver) -> None:
    """Each named query with real parameters: the embedded rows, sorted in Python where the
    query allows it, equal Oxigraph's own ORDER BY row for row."""
    sorted_here = set()
    for name, bindings in named_cases(resolver):
        query = queries.get(name)
        if ordering.split(query.text) is not None:
            sorted_here.add(name)
        assert kg.query(query.text, bindings) == engine_rows(kg, query.text, bindings), (name, bindings)
    assert len(sorted_here) >= 15, sorted(sorted_here)
