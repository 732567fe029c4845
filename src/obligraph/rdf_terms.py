"""The same terms as :mod:`obligraph.vocab`, as rdflib terms, for code that builds rdflib graphs
(importers, exports, reasoning). ``OG`` here is an rdflib ``DefinedNamespace`` made from the
generated :mod:`obligraph.ontology_terms`, so ``OG.Treaty`` is a ``URIRef`` and a typo raises.
"""

from __future__ import annotations

from typing import Any, cast

from rdflib import Namespace, URIRef
from rdflib.namespace import (
    DCTERMS,
    OWL,
    PROV,
    RDF,
    RDFS,
    SKOS,
    TIME,
    XSD,
    DefinedNamespace,
    DefinedNamespaceMeta,
)

from obligraph import ontology_terms, vocab

_NAMES = {name: URIRef for name in vars(ontology_terms.OG) if not name.startswith("_")}
OG: Any = cast(
    Any,
    DefinedNamespaceMeta(
        "OG", (DefinedNamespace,), {"__annotations__": _NAMES, "_NS": Namespace(vocab.OG_NS), "_fail": True}
    ),
)
ID = Namespace(vocab.ID_NS)
ORG = Namespace(vocab.ORG_NS)
ELI = Namespace(vocab.ELI_NS)


def entity(kind: str, *keys: str) -> URIRef:
    return URIRef(vocab.entity(kind, *keys))


def state(code: str) -> URIRef:
    return URIRef(vocab.state(code))


def treaty(code: str) -> URIRef:
    return URIRef(vocab.treaty(code))


def body(code: str) -> URIRef:
    return URIRef(vocab.body(code))


def organisation(code: str) -> URIRef:
    return URIRef(vocab.organisation(code))


def article(treaty_code: str, number: str) -> URIRef:
    return URIRef(vocab.article(treaty_code, number))


article_key = vocab.article_key
PREFIXES = vocab.PREFIXES

__all__ = [
    "DCTERMS",
    "ELI",
    "ID",
    "OG",
    "ORG",
    "OWL",
    "PREFIXES",
    "PROV",
    "RDF",
    "RDFS",
    "SKOS",
    "TIME",
    "XSD",
    "article",
    "article_key",
    "body",
    "entity",
    "organisation",
    "state",
    "treaty",
]
