"""The embedded store's ORDER BY, done in Python on the converted rows.

Oxigraph decodes both terms' strings on every comparison of a sort, which makes ORDER BY the
largest part of the long listings: at 1M triples (``scripts/bench.py``) it took 0.9 of the 2.4 s
of ``dated-relations`` (87k rows) and 80 of the 180 ms of ``low-confidence`` (16.5k rows).
Sorting the converted Python values is a few times cheaper. So the embedded store runs a query
without its final ORDER BY and sorts the rows here, where it can do so exactly:

* only a trailing ``ORDER BY`` of variables, ``ASC(?v)``, ``DESC(?v)`` or ``STR(?v)``, with
  nothing after it (no LIMIT or OFFSET, which would need the order first), on variables the
  query projects (after a GROUP BY, on its groups);
* with SPARQL 1.1's order (section 15.1): unbound first, then IRIs, then literals; IRIs and
  strings by code point, numbers by value, ``xsd:date`` by day, ``xsd:gYear`` by year,
  booleans false before true;
* where a column holds only one kind of term besides unbound (only IRIs, only strings, only
  numbers, ...), or is sorted by ``STR()`` (every IRI and literal then compares as its string).
  A mixed column, a blank node, a language-tagged string, a date with a time zone or a datatype
  not listed is left to the engine: the query runs again with its ORDER BY.

Rows equal on every key keep the engine's order (the sort is stable); SPARQL leaves their order
open, and the conformance tests check that the named queries have none.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pyoxigraph as ox

XSD = "http://www.w3.org/2001/XMLSchema#"
Row = dict[str, Any]

# The kind of a term as far as the order is concerned; terms of one kind compare as Python values
# (what obligraph.store.from_term makes of them). Other datatypes are left to the engine.
_KINDS: dict[str, str] = {
    XSD + "string": "string",
    XSD + "boolean": "boolean",
    XSD + "integer": "number",
    XSD + "decimal": "number",
}
_KEY = r"(?:(?:ASC|DESC|STR)\s*\(\s*\?\w+\s*\)|\?\w+)"
_TAIL = re.compile(rf"\bORDER\s+BY\s+((?:{_KEY}\s*)+)\Z", re.IGNORECASE)
_ONE_KEY = re.compile(r"(ASC|DESC|STR)?\s*\(?\s*\?(\w+)\s*\)?", re.IGNORECASE)


@dataclass(frozen=True)
class SortKey:
    variable: str
    descending: bool = False
    as_string: bool = False  # ORDER BY STR(?v)


@dataclass(frozen=True)
class TrailingOrder:
    """A query split into its text without the final ORDER BY, and that ORDER BY's keys."""

    body: str
    keys: tuple[SortKey, ...]


def split(text: str) -> TrailingOrder | None:
    """The query's final ``ORDER BY`` if this module can take it over, else None."""
    end = text.rfind("}")  # the end of the WHERE clause: a GROUP BY or HAVING may follow
    if end < 0:
        return None
    match = _TAIL.search(text, end + 1)
    if match is None:
        return None
    keys = []
    for function, variable in _ONE_KEY.findall(match.group(1)):
        function = function.upper()
        keys.append(SortKey(variable, descending=function == "DESC", as_string=function == "STR"))
    return TrailingOrder(text[: match.start()].rstrip(), tuple(keys))


def kind_of(term: object) -> str | None:
    """``iri``, ``string``, ``number``, ``date``, ``year``, ``boolean``, or ``literal`` for any other
    literal (another datatype, a language tag, a date with a time zone); None if unbound;
    ``other`` for a blank node or a quoted triple."""
    kind = type(term)
    if kind is ox.NamedNode:
        return "iri"
    if term is None:
        return None
    if kind is ox.Literal:
        datatype: str = term.datatype.value  # type: ignore[attr-defined]
        if datatype == XSD + "date":
            value: str = term.value  # type: ignore[attr-defined]
            return "date" if len(value) == 10 and value[4] == "-" else "literal"  # no time zone
        if datatype == XSD + "gYear":  # four digits, no time zone: the text is in year order
            year: str = term.value  # type: ignore[attr-defined]
            return "year" if len(year) == 4 and year.isdigit() else "literal"
        return _KINDS.get(datatype, "literal")
    return "other"


def sorted_rows(
    result: ox.QuerySolutions, order: TrailingOrder, convert: Callable[[object], Any]
) -> list[Row] | None:
    """The solutions as rows of ``convert``-ed values in ``order``; None if they cannot be
    sorted here. The caller then runs the query again with its ORDER BY (when None comes after
    the solutions were read, because a column mixes kinds), so that the engine decides."""
    names = [v.value for v in result.variables]
    if any(key.variable not in names for key in order.keys):
        return None
    columns = list(enumerate(names))
    position = {name: index for index, name in columns}
    kinds: dict[int, set[str | None]] = {position[key.variable]: set() for key in order.keys}
    # STR(?v) sorts by the lexical form, kept as read (a converted number has lost it).
    lexical: dict[int, list[str | None]] = {position[key.variable]: [] for key in order.keys if key.as_string}
    watch = [(found.add, index) for index, found in kinds.items()]
    keep = [(forms.append, index) for index, forms in lexical.items()]
    rows: list[Row] = []
    for solution in result:
        terms = tuple(solution)  # each access to a solution decodes the term again
        rows.append({name: convert(terms[index]) for index, name in columns})
        for add, index in watch:
            add(kind_of(terms[index]))
        for append, index in keep:
            term = terms[index]
            append(None if term is None else term.value)
    permutation = list(range(len(rows)))
    for key in reversed(order.keys):  # stable sorts, last key first
        index = position[key.variable]
        column = _sort_column(key, kinds[index], rows, lexical.get(index))
        if column is None:
            return None
        try:
            permutation.sort(key=column.__getitem__, reverse=key.descending)
        except (TypeError, ArithmeticError):  # a value that did not parse: the engine decides
            return None
    return [rows[i] for i in permutation]


def _sort_column(
    key: SortKey, kinds: set[str | None], rows: list[Row], lexical: list[str | None] | None
) -> list[Any] | None:
    """The values that order the rows by ``key``, row by row; None if Python cannot be exact."""
    bound = kinds - {None}
    if "other" in bound:  # a blank node (no order but the engine's) or a quoted triple
        return None
    if lexical is not None:  # STR(): every IRI and literal compares as its string
        values: list[Any] = lexical
    elif len(bound) > 1 or "literal" in bound:  # SPARQL leaves these orders to the engine
        return None
    else:
        values = [row[key.variable] for row in rows]
    if None not in kinds:
        return values
    return [(value is not None, "" if value is None else value) for value in values]  # unbound first
