"""Stores: the embedded Oxigraph store (default), rdflib in memory, and remote SPARQL endpoints,
behind one query interface (:class:`SparqlGraph`), plus the scenario overlay, parameter
substitution, Python-side ordering, result parsing and pushing to a server."""

from obligraph.store.base import (
    IRI,
    Row,
    SparqlGraph,
    Value,
    from_term,
    label_of,
    name_of,
    prefix_block,
    remembered,
    short_name_of,
    to_term,
)
from obligraph.store.embedded import CopyableGraph, KnowledgeGraph, as_local, default_files, load

__all__ = [
    "IRI",
    "CopyableGraph",
    "KnowledgeGraph",
    "Row",
    "SparqlGraph",
    "Value",
    "as_local",
    "default_files",
    "from_term",
    "label_of",
    "name_of",
    "load",
    "prefix_block",
    "remembered",
    "short_name_of",
    "to_term",
]
