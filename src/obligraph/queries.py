"""Named SPARQL queries: one ``.rq`` file each, with a header of title, description and typed
parameters. Parameters are validated by type and reach the query only as typed RDF terms
(resolved IRIs, real dates, escaped strings), never as the text a user typed.

Header format (comment lines at the top of the file)::

    # title: Bodies losing access if a state leaves a treaty
    # description: free text, may continue on indented comment lines
    # param: state state The state that leaves.
    # param: on date The date.
    # empty: No body holds a power over {state} only through {treaty} on {on}.

``empty`` says why an answer can have no rows, with ``{param}`` for the names of the values
asked about (:func:`explain_empty`); without it, the description is used.

Parameter types: ``state``, ``treaty``, ``body``, ``organisation`` (resolved by name to an IRI),
``article`` (a treaty and an article number, ``CAT 22``), ``date`` (YYYY-MM-DD), ``iri`` (an absolute
http(s) IRI), ``string``. A bound variable must be
projected by the SELECT and used outside sub-queries (the SEP-0007 substitution that the store
applies does not reach into sub-selects).
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

from obligraph import dates, paths, tables, wording
from obligraph.errors import BadParameterError, QueryError, UnknownTermError
from obligraph.resolve import Resolver, short_id
from obligraph.store import IRI, Row, SparqlGraph, name_of
from obligraph.vocab import ID_NS

PARAM_TYPES = ("state", "treaty", "body", "organisation", "article", "date", "iri", "string")
_IRI = re.compile(r"^https?://[^\s<>\"{}|\\^`]+$")


@dataclass(frozen=True)
class Parameter:
    name: str
    type: str
    description: str


@dataclass(frozen=True)
class NamedQuery:
    name: str
    title: str
    description: str
    parameters: tuple[Parameter, ...]
    text: str
    path: Path
    empty: str = ""  # why an answer can be empty, with {param} placeholders

    def columns(self) -> list[str]:
        """The variables the query projects, in order, without its parameters (the rows'
        columns, known also when there are no rows; empty for ``SELECT *``)."""
        match = re.search(
            r"\bSELECT\s+(?:DISTINCT\s+|REDUCED\s+)?(.*?)\s*(?:WHERE\b|\{)", self.text, re.S | re.I
        )
        if match is None:
            return []
        projection = re.sub(r"\([^()]*\bAS\s+\?(\w+)\s*\)", r"?\1", match.group(1), flags=re.I)
        params = {p.name for p in self.parameters}
        return [v for v in re.findall(r"\?(\w+)", projection) if v not in params]

    def bind(self, values: Mapping[str, str], resolver: Resolver) -> dict[str, object]:
        """Validate the user's ``key=value`` strings and turn them into bindable values."""
        known = {p.name for p in self.parameters}
        unknown = sorted(set(values) - known)
        if unknown:
            raise BadParameterError(
                f"query {self.name!r} has no parameter {unknown[0]!r}; it takes: {', '.join(sorted(known)) or 'none'}"
            )
        missing = [p.name for p in self.parameters if p.name not in values]
        if missing:
            raise BadParameterError(
                f"query {self.name!r} needs parameter {missing[0]!r} (-p {missing[0]}=...)"
            )
        return {p.name: convert(p, values[p.name], resolver) for p in self.parameters}


def convert(param: Parameter, raw: str, resolver: Resolver) -> object:
    if param.type == "date":
        return dates.parse_user_date(raw, what=f"parameter {param.name}")
    if param.type == "iri":
        if not _IRI.match(raw):
            raise BadParameterError(f"parameter {param.name}: {raw!r} is not an absolute http(s) IRI")
        return IRI(raw)
    if param.type == "string":
        return raw
    try:
        if param.type == "article":
            return IRI(resolver.article(raw).iri)
        return IRI(resolver.resolve(param.type, raw).iri)
    except UnknownTermError as err:
        raise BadParameterError(f"parameter {param.name}: {err}") from None


def parse(path: Path) -> NamedQuery:
    """Read a ``.rq`` file and its header; a clear error for a malformed header."""
    from obligraph.paths import read_user_text

    text = read_user_text(path, "query file")
    fields: dict[str, str] = {}
    params: list[Parameter] = []
    last: str | None = None
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.startswith("#"):
            if line.strip():
                break
            continue
        body = line[1:]
        match = re.match(r"^\s(\w+):\s*(.*)$", body)
        if match and match.group(1) in ("title", "description", "param", "empty"):
            key, value = match.groups()
            if key == "param":
                parts = value.split(None, 2)
                if len(parts) < 2 or parts[1] not in PARAM_TYPES:
                    raise QueryError(
                        f"{path}:{number}: parameter line must be 'param: NAME TYPE description' "
                        f"with TYPE one of {', '.join(PARAM_TYPES)}"
                    )
                params.append(Parameter(parts[0], parts[1], parts[2] if len(parts) > 2 else ""))
                last = None
            else:
                fields[key] = value.strip()
                last = key
        elif last and body.startswith("   "):
            fields[last] += " " + body.strip()
    return NamedQuery(
        name=path.stem,
        title=fields.get("title", path.stem),
        description=fields.get("description", ""),
        parameters=tuple(params),
        text=text,
        path=path,
        empty=fields.get("empty", ""),
    )


@functools.lru_cache(maxsize=256)
def _parsed(path: Path, mtime_ns: int) -> NamedQuery:
    """``parse`` once per file version (an impact runs a dozen named queries)."""
    return parse(path)


def available(directory: Path | None = None) -> dict[str, NamedQuery]:
    folder = directory or paths.queries_dir()
    return {q.name: q for q in (parse(p) for p in sorted(folder.glob("*.rq")))}


def get(name: str, directory: Path | None = None) -> NamedQuery:
    """A named query by name, or an ad-hoc ``.rq`` file by path."""
    candidate = Path(name)
    if name.endswith(".rq") and candidate.is_file():
        return parse(candidate)
    if name.endswith(".rq"):
        raise QueryError(f"{name}: no such query file")
    path = (directory or paths.queries_dir()) / f"{name}.rq"
    if "/" not in name and path.is_file():
        return _parsed(path, path.stat().st_mtime_ns)
    queries = available(directory)
    if name not in queries:
        import difflib

        close = difflib.get_close_matches(name, list(queries), n=3)
        hint = f" Did you mean: {', '.join(close)}?" if close else " Run `obligraph queries` for the list."
        raise QueryError(f"unknown query {name!r}.{hint}")
    return queries[name]


def run(kg: SparqlGraph, query: NamedQuery, bindings: Mapping[str, object]) -> list[Row]:
    """Run with already-converted bindings; the parameter columns are left out of the rows."""
    rows = kg.query(query.text, bindings)
    hidden = set(bindings).intersection(rows[0]) if rows else set()
    if not hidden:  # most queries do not project their parameters: no copy of every row
        return rows
    return [{k: v for k, v in row.items() if k not in hidden} for row in rows]


def run_named(kg: SparqlGraph, name: str, **bindings: object) -> list[Row]:
    """Run a named query from code (bindings already typed: IRI, date, str)."""
    return run(kg, get(name), bindings)


def jsonable(value: object) -> object:
    """A row value as JSON writes it: dates as ``YYYY-MM-DD``, decimals as strings."""
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    return value


def explain_empty(kg: SparqlGraph, query: NamedQuery, bindings: Mapping[str, object]) -> str:
    """Why ``query`` found nothing for ``bindings``, in words: its ``empty`` line with the names
    of the values asked about (``the ECPT``, ``Russia``, ``2023-01-01``)."""
    kinds = {p.name: p.type for p in query.parameters}

    def shown(name: str, value: object, in_sentence: bool) -> str:
        if not isinstance(value, IRI):
            return str(jsonable(value))
        named = name_of(kg, value.value)
        return wording.the(named, kinds.get(name, "")) if in_sentence else named

    asked = ", ".join(f"{name}={shown(name, value, False)}" for name, value in bindings.items())
    phrased = {name: shown(name, value, True) for name, value in bindings.items()}
    reason = query.empty or (query.description.rstrip(".") + ": nothing in the graph matches.")
    try:
        reason = wording.sentence(reason.format(**phrased))
    except (KeyError, IndexError, ValueError):
        pass  # a placeholder the query does not bind: the line as written
    return f"No rows for {query.name}" + (f" ({asked})" if asked else "") + f". {reason}"


@dataclass(frozen=True)
class Answer:
    """The rows of a named query, as ``obligraph.query(name, **params)`` returns them."""

    query: NamedQuery
    bindings: dict[str, object]
    rows: tuple[Row, ...]
    explanation: str = ""  # why there are no rows, when there are none

    def to_dict(self) -> dict[str, Any]:
        """``{query, title, parameters, rows, explanation}``, every value JSON-ready."""
        return {
            "query": self.query.name,
            "title": self.query.title,
            "parameters": {
                k: short_id(v.value) if isinstance(v, IRI) else jsonable(v) for k, v in self.bindings.items()
            },
            "rows": [{k: jsonable(v) for k, v in row.items()} for row in self.rows],
            "explanation": self.explanation or None,
        }

    def to_frame(self) -> Any:
        """The rows as a pandas DataFrame (the query's columns also when there are none); things
        of the graph by their short ids (``RUS``, ``ETS-126``), as in every answer's ``id``."""
        columns = list(self.rows[0]) if self.rows else self.query.columns()
        shown = [{k: _short(v) for k, v in row.items()} for row in self.rows]
        return tables.frame(shown, columns)


def _short(value: object) -> object:
    return short_id(value) if isinstance(value, str) and value.startswith(ID_NS) else value


def answer(kg: SparqlGraph, query: NamedQuery, bindings: Mapping[str, object]) -> Answer:
    """Run ``query`` and keep what it was asked, with the explanation of an empty answer."""
    rows = run(kg, query, bindings)
    why = "" if rows else explain_empty(kg, query, bindings)
    return Answer(query, dict(bindings), tuple(rows), why)
