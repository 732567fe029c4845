"""The embedded store's ORDER BY, done in Python on the converted rows.

Oxigraph decodes both terms' strings on every comparison of a sort, which makes ORDER BY the
largest part of the long listings: at 1M triples (``scripts/bench.py``) it took 0.9 of the 2.4 s
of ``dated-relations`` (87k rows) and 80 of the 180 ms of ``low-confidence`` (16.5k rows).
Sorting the converted Python values is a few times cheaper. So the embedded store runs a query
without its final ORDER BY and sorts the rows here, where it can do so exactly:

* only a trailing ``ORDER BY`` of variables, ``ASC(?v)``, ``DESC(?v)`` or ``STR(?v)``, with
  nothing after it (no LIMIT or OFFSET, which would need the order first), on variables the
  query projects;
* with SPARQL 1.1's order (section 15.1): unbound first, then IRIs, then literals; IRIs and
  strings by code point, numbers by value, ``xsd:date`` by day, booleans false before true;
* where a column holds only one kind of term besides unbound (only IRIs, only strings, only
  numbers, ...). A mixed column, a blank node, a language-tagged string, a date with a time zone
  or a datatype not listed is left to the engine: the query runs again with its ORDER BY.

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
_STR_KINDS = frozenset({"iri", "string", "date"})  # STR() of these is the value as converted
_KEY = r"(?:(?:ASC|DESC|STR)\s*\(\s*\?\w+\s*\)|\?\w+)"
_TAIL = re.compile(rf"\s*ORDER\s+BY\s+((?:{_KEY}\s*)+)\Z", re.IGNORECASE)  # match() at the last "}"
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
    end = text.rfind("}")
    if end < 0:
        return None
    match = _TAIL.match(text, end + 1)
    if match is None:
        return None
    keys = []
    for function, variable in _ONE_KEY.findall(match.group(1)):
        function = function.upper()
        keys.append(SortKey(variable, descending=function == "DESC", as_string=function == "STR"))
    return TrailingOrder(text[: end + 1], tuple(keys))


def kind_of(term: object) -> str | None:
    """``iri``, ``string``, ``number``, ``date``, ``boolean``; None if unbound; else ``other``."""
    kind = type(term)
    if kind is ox.NamedNode:
        return "iri"
    if term is None:
        return None
    if kind is ox.Literal:
        datatype: str = term.datatype.value  # type: ignore[attr-defined]
        if datatype == XSD + "date":
            value: str = term.value  # type: ignore[attr-defined]
            return "date" if len(value) == 10 and value[4] == "-" else "other"  # no time zone
        return _KINDS.get(datatype, "other")
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
    kinds: dict[str, set[str | None]] = {key.variable: set() for key in order.keys}
    watch = [(kinds[name].add, index) for index, name in columns if name in kinds]
    rows: list[Row] = []
    for solution in result:
        rows.append({name: convert(solution[index]) for index, name in columns})
        for add, index in watch:
            add(kind_of(solution[index]))
    for key in reversed(order.keys):  # stable sorts, last key first
        sort_key = _key_function(key, kinds[key.variable])
        if sort_key is None:
            return None
        try:
            rows.sort(key=sort_key, reverse=key.descending)
        except (TypeError, ArithmeticError):  # a value that did not parse: the engine decides
            return None
    return rows


def _key_function(key: SortKey, kinds: set[str | None]) -> Callable[[Row], Any] | None:
    bound = {kind for kind in kinds if kind is not None}
    if "other" in bound or (len(bound) > 1 and not (key.as_string and bound <= _STR_KINDS)):
        return None
    if key.as_string and bound - _STR_KINDS:
        return None  # STR() of a number or boolean: its lexical form, which the rows lost
    variable = key.variable
    if key.as_string:
        return lambda row: _unbound_first(_as_string(row[variable]))
    if None not in kinds:
        return lambda row: row[variable]
    return lambda row: _unbound_first(row[variable])


def _as_string(value: object) -> str | None:
    """STR() of a converted IRI, string or date (a 10-character date is its lexical form)."""
    return None if value is None else value if isinstance(value, str) else str(value)


def _unbound_first(value: object) -> tuple[bool, object]:
    return (value is not None, value if value is not None else "")
