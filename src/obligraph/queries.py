"""Named SPARQL queries: one ``.rq`` file each, with a header of title, description and typed
parameters. Parameters are validated by type and reach the query only as typed RDF terms
(resolved IRIs, real dates, escaped strings), never as the text a user typed.

Header format (comment lines at the top of the file)::

    # title: Bodies losing access if a state leaves a treaty
    # description: free text, may continue on indented comment lines
    # param: state state The state that leaves.
    # param: on date The date.

Parameter types: ``state``, ``treaty``, ``body``, ``organisation`` (resolved by name to an IRI),
``date`` (YYYY-MM-DD), ``iri`` (an absolute http(s) IRI), ``string``. A bound variable must be
projected by the SELECT and used outside sub-queries (the SEP-0007 substitution that the store
applies does not reach into sub-selects).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from obligraph import dates, paths
from obligraph.errors import BadParameterError, QueryError, UnknownTermError
from obligraph.resolve import Resolver
from obligraph.store import IRI, Row, SparqlGraph

PARAM_TYPES = ("state", "treaty", "body", "organisation", "date", "iri", "string")
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
        if match and match.group(1) in ("title", "description", "param"):
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
