"""Shared building blocks for importers: sources, claims, intervals and deterministic Turtle."""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections.abc import Iterable
from pathlib import Path
from urllib.parse import quote

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import PROV, RDF, RDFS, TIME, XSD

from obligraph.rdf_terms import OG, PREFIXES, entity

_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_MONTH = re.compile(r"^\d{4}-\d{2}$")
_YEAR = re.compile(r"^\d{4}$")


def new_graph() -> Graph:
    g = Graph()
    for prefix, ns in PREFIXES.items():
        g.bind(prefix, ns)
    return g


def parse_date(value: str) -> dt.date | None:
    """A full ISO date, or None for an empty, partial or malformed one."""
    value = value.strip()
    if not _DAY.match(value):
        return None
    return dt.date.fromisoformat(value)


def date_literal(value: str) -> Literal | None:
    """Literal with the precision the source gives: xsd:date, xsd:gYearMonth or xsd:gYear."""
    value = value.strip()
    if _DAY.match(value):
        dt.date.fromisoformat(value)  # raises on impossible dates such as 2022-02-30
        return Literal(value, datatype=XSD.date)
    if _MONTH.match(value):
        return Literal(value, datatype=XSD.gYearMonth)
    if _YEAR.match(value):
        return Literal(value, datatype=XSD.gYear)
    return None


def source_iris(field: str) -> tuple[list[URIRef], list[str]]:
    """Split a ``url1 | url2`` field into source IRIs and free-text remarks (``memory; ...``)."""
    urls: list[URIRef] = []
    remarks: list[str] = []
    for part in re.split(r"\s*\|\s*|;\s+(?=https?://)", field.strip()):
        part = part.strip()
        if not part:
            continue
        match = re.search(r"https?://\S+", part)
        if match and part.startswith(("http://", "https://")):
            urls.append(URIRef(quote(match.group(0), safe=":/?&=%#+,;@!$'()*~.-_")))
        elif match:
            remarks.append(part[: match.start()].strip(" :;"))
            urls.append(URIRef(quote(match.group(0), safe=":/?&=%#+,;@!$'()*~.-_")))
        else:
            remarks.append(part)
    return urls, [r for r in remarks if r]


# Where a curated row names no page at all (its compiler recalled the value), the fact still
# records that, explicitly, so that it can be listed and checked instead of passing as sourced.
UNVERIFIED = entity("source", "unverified-memory")


def add_sources(g: Graph, subject: URIRef, field: str, extra: Iterable[str] = ()) -> list[URIRef]:
    """Attach ``prov:wasDerivedFrom`` for every URL in ``field`` (and ``extra``); return them.

    A field with no URL (e.g. ``memory``) is attributed to :data:`UNVERIFIED`.
    """
    urls, remarks = source_iris(field)
    for more in extra:
        more_urls, _ = source_iris(more)
        urls.extend(u for u in more_urls if u not in urls)
    if not urls:
        g.add((UNVERIFIED, RDF.type, OG.Source))
        g.add(
            (
                UNVERIFIED,
                RDFS.label,
                Literal(
                    "Recalled by the compiler of the curated data set; no page was read. Unverified.",
                    lang="en",
                ),
            )
        )
        urls.append(UNVERIFIED)
    for url in urls:
        g.add((subject, PROV.wasDerivedFrom, url))
        g.add((url, RDF.type, OG.Source))
    for remark in remarks:
        g.add((subject, OG.note, Literal(f"source remark: {remark}")))
    return urls


def lower_unsourced(g: Graph) -> int:
    """The rule for hand-compiled facts: a fact is ``high`` (or ``medium``) only where a cited
    page says it. Every subject whose only source is :data:`UNVERIFIED` is set to ``low``, with
    a note saying what the compiler had claimed; returns how many were lowered."""
    lowered = 0
    for subject in sorted(set(g.subjects(PROV.wasDerivedFrom, UNVERIFIED)), key=str):
        if set(g.objects(subject, PROV.wasDerivedFrom)) != {UNVERIFIED}:
            continue
        claimed = sorted(str(c) for c in g.objects(subject, OG.confidence))
        if claimed == ["low"]:
            continue
        g.remove((subject, OG.confidence, None))
        g.add((subject, OG.confidence, Literal("low")))
        said = f"the compiler recorded '{', '.join(claimed)}'" if claimed else "no confidence was recorded"
        g.add((subject, OG.note, Literal(f"confidence low: no page is cited for this value ({said})")))
        lowered += 1
    return lowered


def verified_urls(field: str) -> dict[str, list[str]]:
    """``date=url1; ratification_date=url2`` -> {'date': [url1], ...}."""
    out: dict[str, list[str]] = {}
    for part in re.split(r";\s*(?=[a-z_]+=)", field.strip()):
        if "=" not in part:
            continue
        key, url = part.split("=", 1)
        out.setdefault(key.strip(), []).append(url.strip())
    return out


def instant(g: Graph, node: URIRef, value: Literal) -> URIRef:
    g.add((node, RDF.type, TIME.Instant))
    prop = {XSD.date: TIME.inXSDDate, XSD.gYearMonth: TIME.inXSDgYearMonth}.get(
        value.datatype or XSD.string, TIME.inXSDgYear
    )
    g.add((node, prop, value))
    return node


def interval(g: Graph, subject: URIRef, start: str | None, end: str | None, prop: URIRef = OG.during) -> None:
    """Attach an ``og:during`` interval (full dates only; an open end means still running)."""
    node = URIRef(str(subject) + "/interval")
    g.add((node, RDF.type, TIME.Interval))
    if start:
        begin = instant(g, URIRef(str(subject) + "/start"), Literal(start, datatype=XSD.date))
        g.add((node, TIME.hasBeginning, begin))
    if end:
        finish = instant(g, URIRef(str(subject) + "/end"), Literal(end, datatype=XSD.date))
        g.add((node, TIME.hasEnd, finish))
    g.add((subject, prop, node))


def claim(
    g: Graph,
    about: URIRef,
    prop: URIRef,
    value: str,
    sources: str,
    *,
    confidence: str = "",
    note: str = "",
    accepted: bool | None = None,
    row: str = "",
    extra_sources: Iterable[str] = (),
) -> URIRef | None:
    """Record one source's value for ``prop`` of ``about``; returns the claim IRI."""
    literal = date_literal(value)
    if literal is None:
        return None
    digest = hashlib.sha1(f"{about}|{prop}|{value}|{sources}".encode()).hexdigest()[:12]
    node = entity("claim", digest)
    g.add((node, RDF.type, OG.Claim))
    g.add((node, OG.claimAbout, about))
    g.add((node, OG.claimedProperty, prop))
    g.add((node, OG.claimedValue, literal))
    if confidence:
        g.add((node, OG.confidence, Literal(confidence)))
    if note:
        g.add((node, OG.note, Literal(note)))
    if row:
        g.add((node, OG.sourceRow, Literal(row)))
    if accepted is not None:
        g.add((node, OG.accepted, Literal(accepted)))
    add_sources(g, node, sources, extra_sources)
    return node


def _ox(term: object) -> object:
    import pyoxigraph as ox

    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype or XSD.string)))
    raise ValueError(f"importers write no blank nodes: {term!r}")


# Prefixes added to the vocabulary after the first files were generated: written only into the
# files that ask for them, so that the other files' headers do not change.
_ON_REQUEST = ("skosxl",)


def write_turtle(
    g: Graph, path: Path, generator: str, inputs: Iterable[str], extra_prefixes: Iterable[str] = ()
) -> None:
    """Write sorted Turtle with a header saying it is generated and from what.

    Triples are sorted by their N-Triples form and written with pyoxigraph's serializer (rdflib's
    Turtle writer took most of a full build's time), so the output is byte-for-byte stable.
    """
    import pyoxigraph as ox

    path.parent.mkdir(parents=True, exist_ok=True)
    triples = sorted(
        (ox.Triple(_ox(s), _ox(p), _ox(o)) for s, p, o in g),  # type: ignore[arg-type]
        key=lambda t: (str(t.subject), str(t.predicate), str(t.object)),
    )
    # Individuals keep their full IRIs (a prefixed name would have to escape every "/").
    wanted = set(extra_prefixes)
    prefixes = {k: v for k, v in PREFIXES.items() if k != "id" and (k not in _ON_REQUEST or k in wanted)}
    body = ox.serialize(triples, format=ox.RdfFormat.TURTLE, prefixes=prefixes) or b""
    header = [
        f"# GENERATED by `{generator}`. Do not edit: change the importer or the source data.",
        *(f"# input: {name}" for name in inputs),
        "",
        "",
    ]
    path.write_bytes("\n".join(header).encode() + body)
