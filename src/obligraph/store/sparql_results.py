"""SPARQL 1.1 query results written as JSON, XML, CSV or TSV (W3C Recommendations of 2013).

The server writes results itself, not with pyoxigraph's serialiser, so that it can stop at the
result limit and say so. Terms are pyoxigraph terms.
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass
from xml.sax.saxutils import escape, quoteattr

import pyoxigraph as ox

Term = ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple | None

MEDIA_TYPES = {
    "json": "application/sparql-results+json",
    "xml": "application/sparql-results+xml",
    "csv": "text/csv",
    "tsv": "text/tab-separated-values",
}
XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"


@dataclass(frozen=True)
class Results:
    variables: tuple[str, ...]
    rows: tuple[tuple[Term, ...], ...]
    boolean: bool | None = None  # an ASK answer


def negotiate(accept: str, explicit: str | None) -> str | None:
    """The format to answer in: ``format=`` wins, then the Accept header; JSON by default."""
    if explicit:
        key = explicit.lower()
        for name, media in MEDIA_TYPES.items():
            if key in (name, media):
                return name
        return None
    for part in (p.split(";")[0].strip().lower() for p in accept.split(",")):
        for name, media in MEDIA_TYPES.items():
            if part == media or (name == "xml" and part == "application/xml"):
                return name
        if part in ("application/json", "*/*", "application/*", ""):
            return "json"
    return None


def _json_term(term: Term) -> dict[str, str]:
    if isinstance(term, ox.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, ox.BlankNode):
        return {"type": "bnode", "value": term.value}
    if isinstance(term, ox.Literal):
        out = {"type": "literal", "value": term.value}
        if term.language:
            out["xml:lang"] = term.language
        elif term.datatype.value != XSD_STRING:
            out["datatype"] = term.datatype.value
        return out
    return {"type": "literal", "value": str(term)}


def _xml_term(term: Term) -> str:
    if isinstance(term, ox.NamedNode):
        return f"<uri>{escape(term.value)}</uri>"
    if isinstance(term, ox.BlankNode):
        return f"<bnode>{escape(term.value)}</bnode>"
    if isinstance(term, ox.Literal):
        if term.language:
            return f"<literal xml:lang={quoteattr(term.language)}>{escape(term.value)}</literal>"
        if term.datatype.value != XSD_STRING:
            return f"<literal datatype={quoteattr(term.datatype.value)}>{escape(term.value)}</literal>"
        return f"<literal>{escape(term.value)}</literal>"
    return f"<literal>{escape(str(term))}</literal>"


def _plain(term: Term) -> str:
    if term is None:
        return ""
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    if isinstance(term, ox.NamedNode | ox.Literal):
        return term.value
    return str(term)


def write(results: Results, fmt: str) -> bytes:
    """``results`` in ``fmt`` ('json', 'xml', 'csv' or 'tsv') as UTF-8."""
    names = results.variables
    if fmt == "json":
        head: dict[str, object] = {"head": {"vars": list(names)} if results.boolean is None else {}}
        if results.boolean is not None:
            head["boolean"] = results.boolean
        else:
            head["results"] = {
                "bindings": [
                    {n: _json_term(t) for n, t in zip(names, row, strict=True) if t is not None}
                    for row in results.rows
                ]
            }
        return json.dumps(head, ensure_ascii=False).encode("utf-8")
    if fmt == "xml":
        parts = ['<?xml version="1.0"?>\n<sparql xmlns="http://www.w3.org/2005/sparql-results#"><head>']
        if results.boolean is not None:
            parts.append(f"</head><boolean>{'true' if results.boolean else 'false'}</boolean></sparql>")
            return "".join(parts).encode("utf-8")
        parts += [f"<variable name={quoteattr(n)}/>" for n in names]
        parts.append("</head><results>")
        for row in results.rows:
            parts.append("<result>")
            parts += [
                f"<binding name={quoteattr(n)}>{_xml_term(t)}</binding>"
                for n, t in zip(names, row, strict=True)
                if t is not None
            ]
            parts.append("</result>")
        parts.append("</results></sparql>")
        return "".join(parts).encode("utf-8")
    if fmt == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\r\n")
        if results.boolean is not None:
            writer.writerow(["_askResult"])
            writer.writerow(["true" if results.boolean else "false"])
        else:
            writer.writerow(names)
            writer.writerows([_plain(t) for t in row] for row in results.rows)
        return buffer.getvalue().encode("utf-8")
    if fmt == "tsv":
        lines = ["\t".join(f"?{n}" for n in names)]
        lines += ["\t".join("" if t is None else str(t) for t in row) for row in results.rows]
        return ("\n".join(lines) + "\n").encode("utf-8")
    raise ValueError(fmt)


def collect(solutions: ox.QuerySolutions | ox.QueryBoolean, limit: int) -> tuple[Results, bool]:
    """At most ``limit`` rows of a query's solutions, and whether there were more."""
    if isinstance(solutions, ox.QueryBoolean):
        return Results((), (), bool(solutions)), False
    names = tuple(v.value for v in solutions.variables)
    rows: list[tuple[Term, ...]] = []
    for solution in solutions:
        if len(rows) == limit:
            return Results(names, tuple(rows)), True
        rows.append(tuple(solution[n] for n in names))
    return Results(names, tuple(rows)), False
