"""Where an event stands in law on a date: not permitted, its date unknown, pending or
effective (:class:`obligraph.analysis.results.LegalStatus`), with the clauses and words that
say so. Whether an act is permitted is decided by the rule files (``vclt-56.rq`` marks a
withdrawal from a treaty without a denunciation clause); this module reads their verdict."""

from __future__ import annotations

import datetime as dt

from obligraph.analysis import facts
from obligraph.analysis.engine import ScenarioRun
from obligraph.analysis.events import Event
from obligraph.analysis.results import Citation, EffectiveRule, LegalStatus
from obligraph.store import IRI, SparqlGraph
from obligraph.wording import the

_VERDICT = "SELECT ?action ?clause WHERE { ?action og:notPermittedBy ?clause } ORDER BY ?clause"
_CLAUSE = """SELECT ?clause ?treaty ?number ?text ?kind WHERE {
  ?clause og:clauseOf ?treaty ; og:clauseKind ?k . ?k skos:prefLabel ?kind .
  OPTIONAL { ?clause og:inArticle ?a . ?a og:articleNumber ?number }
  OPTIONAL { ?clause og:ruleText ?text }
} ORDER BY ?text"""
_POSITIONS = """SELECT ?treaty ?action ?position ?received WHERE {
  ?action og:treaty ?treaty ; og:depositaryPosition ?position .
  OPTIONAL { ?action og:depositDate ?received }
} ORDER BY ?received ?action"""


def not_permitted_by(run: ScenarioRun, event: Event) -> tuple[str, ...]:
    """The clauses the rules cite against ``event`` (empty when the law allows it)."""
    node = next((n for n, e in run.events if e == event), None)
    if node is None:
        return ()
    return tuple(str(r["clause"]) for r in run.kg.query(_VERDICT, {"action": IRI(node)}))


def citation(kg: SparqlGraph, clause: str) -> Citation:
    rows = kg.query(_CLAUSE, {"clause": IRI(clause)})
    if not rows:
        return Citation(kg.label(clause), "", facts.sources(kg, clause))
    r = rows[0]
    tid = facts.cite_name(kg, str(r["treaty"]))  # ICCPR, as an article is cited
    article = f"{tid} Art. {r['number']}" if r["number"] else f"{tid}, {r['kind']}"
    words = str(r["text"] or "").removeprefix("Evidence: ")
    return Citation(article, words, facts.sources(kg, clause))


def depositary_positions(kg: SparqlGraph, treaty: str) -> tuple[Citation, ...]:
    """What the depositary has said of attempts to leave ``treaty`` (UNTC end-notes)."""
    tid = facts.cite_name(kg, treaty)
    return tuple(
        Citation(
            f"{tid}: the depositary on the notification received {r['received']}",
            str(r["position"]),
            facts.sources(kg, str(r["action"])),
        )
        for r in kg.query(_POSITIONS, {"treaty": IRI(treaty)})
    )


def decide(
    kg: SparqlGraph,
    event: Event,
    *,
    effective: dt.date | None,
    rule: EffectiveRule | None,
    verdict: tuple[str, ...],
    as_of: dt.date,
) -> LegalStatus:
    target = facts.ref(kg, event.target)
    if verdict:
        cited = tuple(citation(kg, c) for c in verdict) + depositary_positions(kg, event.target)
        return LegalStatus(
            "not-permitted",
            as_of,
            f"{the(target.name, 'treaty')} has no withdrawal or denunciation clause; under VCLT Art. 56(1) such a treaty "
            "is not subject to withdrawal unless the parties intended to allow it or its nature implies it",
            cited,
        )
    if effective is None:
        return LegalStatus("date-unknown", as_of, _why_no_date(event, rule, the(target.name, "treaty")))
    how = f" under {rule.article}" if rule else ""
    if effective > as_of:
        return LegalStatus("pending", as_of, f"takes effect on {effective}{how}")
    return LegalStatus("effective", as_of, f"took effect on {effective}{how}")


def _why_no_date(event: Event, rule: EffectiveRule | None, target: str) -> str:
    if rule is None:
        return f"the graph holds no clause of {target} that gives the date"
    if event.on is None:
        return f"{rule.article} gives the rule, but no source gives the date the notification reached the depositary"
    if rule.period is None and rule.alignment_iri is None:
        return f"{rule.article} gives no date of effect"
    return f"{rule.article}: the date is fixed by a later decision, which the graph does not hold"
