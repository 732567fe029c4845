"""Turn what a user types (``RUS``, ``ru``, ``Russia``, ``UK``, ``ETS-126``, ``ECPT``, ``CPT``) into IRIs.

Names come from the graph itself (ISO codes, ``skos:notation``, labels, alt labels and the
SKOS-XL short names and aliases of graph/names.ttl), so a new state or treaty needs no code
change. A state no name matches is looked for with country-converter's name patterns
(``og:namePattern``: Britain, Ivory Coast, the Netherlands). A name that fits several things
(``Congo``, ``Korea``) is an error that names each; an unknown name gets suggestions.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from obligraph.errors import AmbiguousTermError, UnknownTermError
from obligraph.store import IRI, SparqlGraph, name_of, remembered

KINDS = {
    "state": "og:State",
    "treaty": "og:Treaty",
    "body": "og:OrganBody",
    "organisation": "og:InternationalOrganisation",
}

_NAMES_QUERY = """
SELECT ?thing ?name WHERE {
  ?thing a ?class .
  ?class rdfs:subClassOf* %s .
  { ?thing skos:notation ?name } UNION { ?thing og:isoAlpha3 ?name } UNION { ?thing og:isoAlpha2 ?name }
  UNION { ?thing skos:prefLabel ?name } UNION { ?thing skos:altLabel ?name } UNION { ?thing rdfs:label ?name }
  UNION { ?thing skosxl:altLabel ?label . ?label skosxl:literalForm ?name }
}
"""

_PATTERNS_QUERY = """
SELECT ?thing ?pattern WHERE {
  ?thing a ?class .
  ?class rdfs:subClassOf* %s .
  ?thing og:namePattern ?pattern .
}
"""


def normalise(name: str) -> str:
    return re.sub(r"[\s_.]+", " ", name.strip().casefold()).replace(" -", "-").replace("- ", "-")


@dataclass(frozen=True)
class Resolved:
    iri: str
    id: str  # short form: RUS, ETS-126, CPT
    label: str


@dataclass(frozen=True)
class Choice:
    """A thing a user may name, for type-ahead: its id, the name researchers write, its full
    title, and every name the resolver takes for it (codes, labels, short names, aliases)."""

    id: str
    label: str
    title: str
    names: tuple[str, ...]

    def to_dict(self) -> dict[str, object]:
        return {"id": self.id, "label": self.label, "title": self.title, "names": list(self.names)}


class Resolver:
    """Name lookups for one loaded graph; build once per graph."""

    def __init__(self, kg: SparqlGraph) -> None:
        self.kg = kg
        self._patterns: dict[str, list[tuple[re.Pattern[str], str]]] = {}

    def _index(self, kind: str) -> dict[str, list[str]]:
        """Normalised name -> the things of ``kind`` it names; remembered by the graph (and kept
        by the store cache, so a new process does not ask again)."""
        return remembered(self.kg, ("names", kind), lambda: self._names_of(kind))

    def _names_of(self, kind: str) -> dict[str, list[str]]:
        index: dict[str, list[str]] = {}
        for row in self.kg.query(_NAMES_QUERY % KINDS[kind]):
            things = index.setdefault(normalise(str(row["name"])), [])
            if str(row["thing"]) not in things:
                things.append(str(row["thing"]))
        return index

    def resolve(self, kind: str, term: str) -> Resolved:
        if kind not in KINDS:
            raise ValueError(f"unknown kind {kind!r}")
        matches: set[str]
        if term.startswith(("http://", "https://")):
            matches = {term} if any(term in v for v in self._index(kind).values()) else set()
        else:
            matches = set(self._index(kind).get(normalise(term), ())) or self._by_pattern(kind, term)
        if len(matches) == 1:
            iri = next(iter(matches))
            return Resolved(iri, short_id(iri), self.kg.label(iri))
        if len(matches) > 1:
            options = sorted(f"{short_id(m)} ({name_of(self.kg, m)})" for m in matches)
            raise AmbiguousTermError(kind, term, options)
        names = sorted(self._index(kind))
        import difflib  # only for an unknown name: not on the way of every answer

        close = difflib.get_close_matches(normalise(term), names, n=4, cutoff=0.6)
        suggestions = sorted({short_id(next(iter(self._index(kind)[c]))) for c in close})
        raise UnknownTermError(kind, term, suggestions)

    def _by_pattern(self, kind: str, term: str) -> set[str]:
        """The things whose name pattern is found in ``term`` (country-converter's way)."""
        if kind not in self._patterns:
            rows = remembered(
                self.kg,
                ("patterns", kind),
                lambda: [
                    [str(r["pattern"]), str(r["thing"])] for r in self.kg.query(_PATTERNS_QUERY % KINDS[kind])
                ],
            )
            compiled = []
            for pattern, thing in rows:
                try:
                    compiled.append((re.compile(pattern, re.IGNORECASE), thing))
                except re.error:
                    continue  # a pattern Python cannot read is no name
            self._patterns[kind] = compiled
        text = " ".join(term.split())
        return {thing for pattern, thing in self._patterns[kind] if pattern.search(text)}

    def state(self, term: str) -> Resolved:
        return self.resolve("state", term)

    def treaty(self, term: str) -> Resolved:
        return self.resolve("treaty", term)

    def body(self, term: str) -> Resolved:
        return self.resolve("body", term)

    def organisation(self, term: str) -> Resolved:
        return self.resolve("organisation", term)

    def article(self, term: str) -> Resolved:
        """``CAT 22``, ``CAT Art. 22``, ``UN-IV-9 art 22``: a treaty name, then the article number."""
        match = re.match(
            r"^\s*(.+?)\s+(?:art(?:icle)?\.?\s*)?(\d+[a-z]?(?:\(\d+\))?|[a-z](?:\(\d+\))?)\s*$",
            term,
            re.IGNORECASE,
        )
        if not match:
            raise UnknownTermError("article", term, ["a treaty and an article number, e.g. 'CAT 22'"])
        treaty = self.treaty(match.group(1))
        rows = self.kg.query(_ARTICLES_QUERY, {"treaty": IRI(treaty.iri)})
        numbers = {str(r["number"]).lower(): (str(r["number"]), str(r["article"])) for r in rows}
        wanted = match.group(2).lower()
        if wanted in numbers:
            number, iri = numbers[wanted]
            return Resolved(iri, short_id(iri), f"{treaty.id} Art. {number}")
        raise UnknownTermError("article", term, sorted(f"{treaty.id} {n}" for n, _ in numbers.values()))

    def treaty_or_article(self, term: str) -> Resolved:
        """A treaty (``CAT``, ``Rome Statute``), else an article (``CAT 22``); an ambiguous name
        is an error, and an unknown one is reported as the treaty the user most likely meant."""
        try:
            return self.treaty(term)
        except AmbiguousTermError:
            raise
        except UnknownTermError as err:
            try:
                return self.article(term)
            except UnknownTermError:
                raise err from None

    def describe(self, iri: str) -> Resolved:
        return Resolved(iri, short_id(iri), self.kg.label(iri))

    def choices(self, kind: str) -> list[Choice]:
        """Every thing of ``kind`` with the names :meth:`resolve` takes for it, by id. A name
        shared by several things is listed under each: resolving it is an error naming them."""
        rows = remembered(
            self.kg,
            ("choices", kind),
            lambda: [[str(r["thing"]), str(r["name"])] for r in self.kg.query(_NAMES_QUERY % KINDS[kind])],
        )
        names: dict[str, set[str]] = {}
        for thing, name in rows:
            names.setdefault(thing, set()).add(name)
        out = [
            Choice(short_id(t), name_of(self.kg, t), self.kg.label(t), tuple(sorted(n, key=str.casefold)))
            for t, n in names.items()
        ]
        return sorted(out, key=lambda c: c.id)

    def article_choices(self) -> list[Choice]:
        """The articles a declaration is made or withdrawn under (a power needing a declaration,
        CAT 22; an opt-out clause, CAT 28), named as :meth:`article` takes them: ``CAT 22``."""
        out = []
        for row in self.kg.query(_DECLARABLE_QUERY):
            treaty, number = str(row["treaty"]), str(row["number"])
            written = f"{name_of(self.kg, treaty)} {number}"
            names = {written, f"{short_id(treaty)} {number}"}
            out.append(
                Choice(
                    short_id(str(row["article"])),
                    written,
                    self.kg.label(str(row["article"])),
                    tuple(sorted(names)),
                )
            )
        return sorted(out, key=lambda c: c.id)


_ARTICLES_QUERY = """
SELECT ?treaty ?article ?number WHERE {
  ?article eli:is_part_of ?treaty ; og:articleNumber ?number .
} ORDER BY ?number
"""


_DECLARABLE_QUERY = """
SELECT DISTINCT ?article ?treaty ?number WHERE {
  { ?power og:grantedBy ?article ; og:requiresOptIn true . }
  UNION { ?clause og:clauseKind og:OptOutDeclaration ; og:inArticle ?article . }
  ?article eli:is_part_of ?treaty ; og:articleNumber ?number .
} ORDER BY ?article ?treaty ?number
"""


def short_id(iri: str) -> str:
    """``.../id/state/RUS`` -> ``RUS``; other IRIs are returned whole."""
    match = re.match(r"^https://w3id\.org/obligraph/id/[a-z]+/(.+)$", iri)
    return match.group(1) if match else iri
