"""Namespaces and IRI builders: the one place where obligraph's IRIs are minted."""

from __future__ import annotations

import re

from rdflib import Namespace, URIRef
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS, SKOS, TIME, XSD

OG = Namespace("https://w3id.org/obligraph/ontology#")
ID = Namespace("https://w3id.org/obligraph/id/")
ORG = Namespace("http://www.w3.org/ns/org#")
ELI = Namespace("http://data.europa.eu/eli/ontology#")

PREFIXES: dict[str, str] = {
    "og": str(OG),
    "id": str(ID),
    "org": str(ORG),
    "eli": str(ELI),
    "time": str(TIME),
    "prov": str(PROV),
    "skos": str(SKOS),
    "dct": str(DCTERMS),
    "rdf": str(RDF),
    "rdfs": str(RDFS),
    "owl": str(OWL),
    "xsd": str(XSD),
}

_KEY = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*$")


def _check(part: str) -> str:
    if not _KEY.match(part):
        raise ValueError(f"not a valid identifier part: {part!r}")
    return part


def entity(kind: str, *keys: str) -> URIRef:
    """IRI of an individual: ``https://w3id.org/obligraph/id/{kind}/{key}/...``."""
    return ID["/".join([_check(kind), *(_check(k) for k in keys)])]


def state(code: str) -> URIRef:
    return entity("state", code)


def treaty(code: str) -> URIRef:
    return entity("treaty", code)


def body(code: str) -> URIRef:
    return entity("body", code)


def organisation(code: str) -> URIRef:
    return entity("org", code)


def article_key(article: str) -> str:
    """``58(1)-(2)`` -> ``58-1-2``; ``46(2)`` -> ``46-2``."""
    key = re.sub(r"[^0-9A-Za-z]+", "-", article).strip("-").lower()
    return _check(key)


def article(treaty_code: str, number: str) -> URIRef:
    return entity("article", treaty_code, article_key(number))
