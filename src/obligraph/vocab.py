"""Namespaces and IRI builders: the one place where obligraph's IRIs are minted, as plain strings
(no rdflib on the query path; :mod:`obligraph.rdf_terms` gives the same as rdflib terms).

``OG`` is the ontology's own vocabulary (generated from ontology/obligraph.ttl into
:mod:`obligraph.ontology_terms`): ``OG.Treaty`` is the term's IRI, and a misspelt term fails,
under mypy and at run time.
"""

from __future__ import annotations

import re

from obligraph.ontology_terms import NS as OG_NS
from obligraph.ontology_terms import OG

ID_NS = "https://w3id.org/obligraph/id/"
ORG_NS = "http://www.w3.org/ns/org#"
ELI_NS = "http://data.europa.eu/eli/ontology#"
TIME_NS = "http://www.w3.org/2006/time#"
PROV_NS = "http://www.w3.org/ns/prov#"
SKOS_NS = "http://www.w3.org/2004/02/skos/core#"
SKOSXL_NS = "http://www.w3.org/2008/05/skos-xl#"
RDF_NS = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDFS_NS = "http://www.w3.org/2000/01/rdf-schema#"
XSD_NS = "http://www.w3.org/2001/XMLSchema#"
FN = "https://w3id.org/obligraph/fn#"  # the engine's SPARQL extension functions
RDF_TYPE = RDF_NS + "type"

PREFIXES: dict[str, str] = {
    "og": OG_NS,
    "id": ID_NS,
    "org": ORG_NS,
    "eli": ELI_NS,
    "time": TIME_NS,
    "prov": PROV_NS,
    "skos": SKOS_NS,
    "skosxl": SKOSXL_NS,
    "dct": "http://purl.org/dc/terms/",
    "rdf": RDF_NS,
    "rdfs": RDFS_NS,
    "owl": "http://www.w3.org/2002/07/owl#",
    "xsd": XSD_NS,
}

_KEY = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*$")


def _check(part: str) -> str:
    if not _KEY.match(part):
        raise ValueError(f"not a valid identifier part: {part!r}")
    return part


def entity(kind: str, *keys: str) -> str:
    """IRI of an individual: ``https://w3id.org/obligraph/id/{kind}/{key}/...``."""
    return ID_NS + "/".join([_check(kind), *(_check(k) for k in keys)])


def state(code: str) -> str:
    return entity("state", code)


def treaty(code: str) -> str:
    return entity("treaty", code)


def body(code: str) -> str:
    return entity("body", code)


def organisation(code: str) -> str:
    return entity("org", code)


def article_key(article: str) -> str:
    """``58(1)-(2)`` -> ``58-1-2``; ``46(2)`` -> ``46-2``."""
    key = re.sub(r"[^0-9A-Za-z]+", "-", article).strip("-").lower()
    return _check(key)


def article(treaty_code: str, number: str) -> str:
    return entity("article", treaty_code, article_key(number))


__all__ = [
    "ELI_NS",
    "FN",
    "ID_NS",
    "OG",
    "OG_NS",
    "ORG_NS",
    "PREFIXES",
    "PROV_NS",
    "RDFS_NS",
    "RDF_NS",
    "RDF_TYPE",
    "SKOS_NS",
    "TIME_NS",
    "XSD_NS",
    "article",
    "article_key",
    "body",
    "entity",
    "organisation",
    "state",
    "treaty",
]
