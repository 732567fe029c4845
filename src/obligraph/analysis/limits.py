"""What the law keeps and what it holds back, as the clauses in the graph say: what survives a
withdrawal (acts before it takes effect; matters already under consideration) and the
temporal limits of a jurisdiction that a new party gives (events after the treaty binds it)."""

from __future__ import annotations

import datetime as dt

from obligraph.analysis import facts
from obligraph.store import IRI, SparqlGraph, remembered

_SURVIVAL = """SELECT ?treaty ?clause ?kind ?number ?concerns WHERE {
  ?clause og:clauseOf ?treaty ; og:clauseKind ?kind .
  FILTER(?kind IN (og:SurvivalOfPriorActs, og:SurvivalOfPendingMatters))
  OPTIONAL { ?clause og:inArticle ?a . ?a og:articleNumber ?number }
  OPTIONAL { ?clause og:concernsArticle ?concerns }
} ORDER BY ?kind ?number ?clause"""

_TEMPORAL = """SELECT ?treaty ?clause ?kind ?number WHERE {
  ?clause og:clauseOf ?treaty ; og:clauseKind ?kind .
  FILTER(?kind IN (og:TemporalJurisdiction, og:AdHocAcceptance))
  OPTIONAL { ?clause og:inArticle ?a . ?a og:articleNumber ?number }
  FILTER NOT EXISTS { ?clause og:concernsArticle ?any }
} ORDER BY ?kind ?number ?clause"""


def survival(
    kg: SparqlGraph,
    treaty: str,
    on: dt.date,
    *,
    article: str | None = None,
    covers_prior_acts: str | None = None,
) -> tuple[str, ...]:
    """What a body keeps when the state's participation in ``treaty`` ends on ``on`` (or, with
    ``article``, when its declaration under that article is withdrawn): one phrase per clause.
    ``covers_prior_acts`` is the article of a denunciation clause flagged og:coversPriorActs
    (older clause data), used when no survival clause of that kind is recorded."""
    tid = facts.cite_name(kg, treaty)  # CAT Art. 31(2), as an article is cited
    out: list[str] = []
    kinds: set[str] = set()
    for concerns, number, kind_iri in _clause_rows(kg, "survival-clauses", _SURVIVAL, treaty):
        if concerns != article:
            continue
        where = f"{tid} Art. {number}" if number else tid
        kind = str(kind_iri).rsplit("#", 1)[-1]
        kinds.add(kind)
        if kind == "SurvivalOfPriorActs":
            out.append(f"acts before {on} ({where})")
        else:
            out.append(f"matters already under consideration on {on} ({where})")
    if covers_prior_acts and "SurvivalOfPriorActs" not in kinds and article is None:
        out.append(f"acts before {on} ({covers_prior_acts})")
    return tuple(sorted(dict.fromkeys(out), key=lambda text: not text.startswith("acts before")))


def temporal_limit(kg: SparqlGraph, treaty: str, start: dt.date) -> str | None:
    """The limitation on the jurisdiction a state gives by becoming party to ``treaty`` on
    ``start``, where a temporal-jurisdiction clause says so (Rome Statute Art. 11(2), CED Art.
    35(2)), and how earlier events can be brought in (an ad hoc acceptance, Art. 12(3))."""
    rows = _clause_rows(kg, "temporal-clauses", _TEMPORAL, treaty)
    tid = facts.cite_name(kg, treaty)  # CAT Art. 31(2), as an article is cited
    limits = [
        f"{tid} Art. {number}" for _, number, kind in rows if str(kind).endswith("#TemporalJurisdiction")
    ]
    if not limits:
        return None
    text = f"only for events after {start} ({'; '.join(dict.fromkeys(limits))})"
    ad_hoc = [f"{tid} Art. {number}" for _, number, kind in rows if str(kind).endswith("#AdHocAcceptance")]
    if ad_hoc:
        text += f"; earlier events only by a declaration under {ad_hoc[0]}"
    return text


def _clause_rows(kg: SparqlGraph, name: str, query: str, treaty: str) -> list[list[str | None]]:
    """A treaty's clauses of one family as plain rows (concerns, number, kind): clause data, which
    no scenario changes, remembered by the graph (and kept by the store cache)."""

    def look() -> list[list[str | None]]:
        return [
            [
                str(r["concerns"]) if r.get("concerns") else None,
                str(r["number"]) if r["number"] else None,
                str(r["kind"]),
            ]
            for r in kg.query(query, {"treaty": IRI(treaty)})
        ]

    return list(remembered(kg, (name, treaty), look))
