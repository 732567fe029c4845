"""UNTC participant names: to ISO alpha-3 codes (country-converter's regexes), or to an
organisation the curation table names."""

from __future__ import annotations

import csv
import re
from pathlib import Path

from rdflib import URIRef

from obligraph.errors import SourceDataError
from obligraph.importers import curation
from obligraph.rdf_terms import organisation, state


def clean_name(name: str) -> str:
    """``Russian Federation 18`` (a participant with an end-note number) -> ``Russian Federation``."""
    return re.sub(r"[\s\d,]+$", "", name).strip()


class NameResolver:
    """UNTC participant names to ISO alpha-3 codes, by country-converter's regexes."""

    def __init__(self, tsv: Path) -> None:
        if not tsv.is_file():
            raise SourceDataError(f"{tsv}: source file not found")
        with tsv.open(encoding="utf-8") as handle:
            rows = list(csv.DictReader(handle, delimiter="\t"))
        self.patterns = [(re.compile(r["regex"], re.IGNORECASE), r["ISO3"]) for r in rows if r["regex"]]

    def resolve(self, name: str) -> str | None:
        hits = {iso3 for pattern, iso3 in self.patterns if pattern.search(name)}
        return hits.pop() if len(hits) == 1 else None


def party_iri(name: str, resolver: NameResolver) -> tuple[URIRef, str] | None:
    """The IRI and key of a participant: a state, or the European Union (an organisation)."""
    organisations = curation.identifiers("untc-organisation")
    if name in organisations:
        key = organisations[name]
        return organisation(key), key
    code = resolver.resolve(name)
    return (state(code), code) if code else None
