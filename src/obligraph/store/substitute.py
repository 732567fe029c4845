"""Parameters for stores that cannot take bindings: typed terms written into the query text.

A remote SPARQL 1.1 endpoint cannot be sent bindings; rdflib's ``initBindings`` is a VALUES
join that a FILTER does not see (rdflib issue #294); and pyoxigraph applies its SEP-0007
substitutions only after planning the query (50x slower on ``state-status``). So every store
gets its parameters the same way, by rewriting the query text: every occurrence of a bound variable becomes the RDF
term it is bound to, and in a SELECT projection ``?v`` becomes ``(TERM AS ?v)`` so the variable
is still returned with its value, exactly as pyoxigraph's substitution does.

Why this is safe. What is written into the text is never the user's raw input. Callers pass
typed values (:class:`obligraph.store.IRI`, ``datetime.date``, ``bool``, ``int``, ``str``) that
the edge has already validated, and each is serialised as one N-Triples term:

* an IRI must match :data:`IRI_PATTERN` (absolute http(s), none of ``<>"{}|^`\\`` or white
  space), so it cannot close the ``<...>`` it is written in;
* a date is written from ``date.isoformat()`` (digits and dashes) as ``"..."^^xsd:date``;
* booleans and integers are written from Python's own canonical forms;
* a string is written in double quotes with every backslash, quote and line break escaped
  (ECHAR), so it cannot end the literal. Each user backslash is doubled and a ``u`` after it is
  written ``\\U00000075``, so a ``\\u0022`` in the input never becomes a quote, neither on an
  engine that expands ``\\u`` escapes before parsing (SPARQL 1.1 section 19.2; rdflib does)
  nor on one that does not, and both read the same value.

The rewrite itself only touches variable tokens: IRIs, string literals and comments are copied
unchanged, so text inside them that looks like ``?v`` is left alone.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Mapping
from dataclasses import dataclass

from obligraph.errors import BadParameterError, QueryError

XSD = "http://www.w3.org/2001/XMLSchema#"


@dataclass(frozen=True)
class IRI:
    """A parameter value that is an IRI (as opposed to a string literal)."""

    value: str


IRI_PATTERN = re.compile(r"^https?://[^\s<>\"{}|\\^`]+$")

_UCHAR_AFTER_BACKSLASH = {"u": "\\U00000075", "U": "\\U00000055"}
_ECHAR = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t", "\b": "\\b", "\f": "\\f"}

# One token of SPARQL text, in the order tried: comments, long and short strings, IRIs,
# variables, and any other single character.
_TOKEN = re.compile(
    r"""
    (?P<comment>\#[^\n]*)
  | (?P<string>'''(?:[^'\\]|\\.|'(?!''))*'''|\"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\"
              |'(?:[^'\\\n\r]|\\.)*'|"(?:[^"\\\n\r]|\\.)*")
  | (?P<iri><[^<>"{}|^`\\\x00-\x20]*>)
  | (?P<var>[?$][A-Za-z0-9_\u00b7\u00c0-\ufffd]+)
  | (?P<word>[A-Za-z_][A-Za-z0-9_-]*)
  | (?P<other>.)
    """,
    re.VERBOSE | re.DOTALL,
)


def term(value: object) -> str:
    """``value`` as one N-Triples/SPARQL term. Raises for anything that is not a typed value."""
    if isinstance(value, IRI):
        if not IRI_PATTERN.match(value.value):
            raise BadParameterError(f"{value.value!r} is not an absolute http(s) IRI")
        return f"<{value.value}>"
    if isinstance(value, bool):
        return f'"{"true" if value else "false"}"^^<{XSD}boolean>'
    if isinstance(value, dt.datetime):
        raise QueryError("a datetime parameter is not supported; bind a date")
    if isinstance(value, dt.date):
        return f'"{value.isoformat()}"^^<{XSD}date>'
    if isinstance(value, int):
        return f'"{int(value)}"^^<{XSD}integer>'
    if isinstance(value, str):
        return _string(value)
    raise QueryError(f"cannot bind a value of type {type(value).__name__}")


def _string(value: str) -> str:
    """A double-quoted literal. A ``u``/``U`` right after a backslash is written as
    ``\\U00000075`` / ``\\U00000055``, so engines that expand ``\\u`` escapes before parsing
    (rdflib does) and engines that do not read the same value. The 8-digit form, because rdflib
    reads ``\\u`` followed by eight hex digits as one escape."""
    out = []
    previous = ""
    for ch in value:
        out.append(_UCHAR_AFTER_BACKSLASH[ch] if previous == "\\" and ch in "uU" else _ECHAR.get(ch, ch))
        previous = ch
    return '"' + "".join(out) + '"'


def substitute(text: str, bindings: Mapping[str, object] | None) -> str:
    """``text`` with each bound variable replaced by its term (see the module docstring)."""
    if not bindings:
        return text
    terms = {name: term(value) for name, value in bindings.items()}
    out = []
    for literal, name, mode in _template(text, frozenset(terms)):
        if name is None:
            out.append(literal)
        elif mode == "projection":
            out.append(f"({terms[name]} AS ?{name})")
        elif mode == "group":
            out.append(f"({terms[name]} AS ?{name})")  # a constant key, bound for the projection
        elif mode == "order":
            out.append(f"({terms[name]})")  # ORDER BY takes an expression in brackets
        elif mode == "keep":
            out.append(f"?{name}")  # projected as the GROUP BY binds it
        else:
            out.append(terms[name])
    return "".join(out)


@functools.lru_cache(maxsize=512)
def _template(text: str, names: frozenset[str]) -> tuple[tuple[str, str | None, str], ...]:
    """The query cut into literal text and the places of the bound variables, with how each
    must be written there. Cached: the named queries are tokenised once per process."""
    out: list[tuple[str, str | None, str]] = []
    pending: list[str] = []
    context = ""  # "projection", "modifier" (GROUP/ORDER BY), "values", or "" (patterns)
    depth = 0  # brackets inside a projection: ``(expr AS ?v)``
    previous = ""  # the previous significant token, upper-cased
    before_by = ""  # GROUP or ORDER
    for match in _TOKEN.finditer(text):
        kind, token = match.lastgroup, match.group()
        if kind == "word" and previous != ":":
            context = _next_context(context, token.upper(), depth)
            if token.upper() == "BY":
                before_by = previous
        elif kind == "other" and token in "{}":
            context = "" if context != "values" or token == "}" else context
        elif kind == "other" and context == "projection" and token in "()":
            depth += 1 if token == "(" else -1
        if kind == "var" and token[1:] in names:
            if previous == "AS" or context == "values":
                raise QueryError(f"?{token[1:]} is bound as a parameter, so the query cannot assign it")
            mode = "projection" if context == "projection" and depth == 0 else context
            if mode == "modifier":
                mode = "group" if before_by == "GROUP" else "order"
            out.append(("".join(pending), None, ""))
            out.append(("", token[1:], mode))
            pending = []
        else:
            pending.append(token)
        if kind == "word" and context == "projection" and token.upper() == "SELECT":
            depth = 0
        if kind != "comment" and not token.isspace():
            previous = token.upper()
    out.append(("".join(pending), None, ""))
    # A variable grouped on is bound by its GROUP BY key ``(TERM AS ?v)`` (rdflib cannot group on a
    # bare constant), so the projection names it plainly.
    grouped = {name for _, name, mode in out if mode == "group"}
    return tuple(
        (lit, name, "keep" if name in grouped and mode == "projection" else mode) for lit, name, mode in out
    )


def _next_context(context: str, word: str, depth: int) -> str:
    if word == "SELECT":
        return "projection"
    if context == "projection" and depth == 0 and word in ("WHERE", "FROM"):
        return ""
    if word == "BY":
        return "modifier"
    if word == "VALUES":
        return "values"
    if context == "modifier" and word in ("LIMIT", "OFFSET", "HAVING"):
        return ""
    return context
