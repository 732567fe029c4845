"""A treaty's rules as the importers apply them to recorded acts: entry into force for a state
and the effect of a denunciation, read from the clauses already in the graph
(:mod:`obligraph.analysis.law` reads the periods and does the arithmetic)."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from obligraph import dates
from obligraph.analysis import law
from obligraph.importers.untc_competence import Procedures
from obligraph.rdf_terms import treaty
from obligraph.store import IRI, KnowledgeGraph, Row


@dataclass(frozen=True)
class Rule:
    """Entry into force for a state, and denunciation, as the graph's clauses give them."""

    general: dt.date | None
    entry_period: dates.Period | None
    entry_alignment: str | None
    entry_clause: str | None
    denunciation_period: dates.Period | None
    denunciation_alignment: str | None
    denunciation_clause: str | None
    opt_in_articles: tuple[str, ...]
    opt_out: tuple[tuple[str, str], ...]  # (excluded article number, article of the opt-out clause)

    def entry_into_force(self, deposit: dt.date) -> dt.date | None:
        if self.entry_period is None and self.entry_alignment is None:
            return None
        computed = law.effect_date(deposit, self.entry_period, self.entry_alignment)
        if computed is None:
            return None
        return max(computed, self.general) if self.general else computed

    def denunciation_effect(self, notified: dt.date) -> dt.date | None:
        if self.denunciation_period is None:
            return None
        return law.effect_date(notified, self.denunciation_period, self.denunciation_alignment)


_RULE_QUERY = """
SELECT ?t ?kind ?clause ?n ?unit ?align ?number ?excluded WHERE {
  ?clause og:clauseOf ?t ; og:clauseKind ?kind .
  OPTIONAL { ?clause og:period ?p . ?p time:numericDuration ?n ; time:unitType ?unit . }
  OPTIONAL { ?clause og:alignment ?align }
  OPTIONAL { ?clause og:inArticle ?a . ?a og:articleNumber ?number }
  OPTIONAL { ?clause og:excludesArticle ?x . ?x og:articleNumber ?excluded }
} ORDER BY ?clause
"""


def load_rule(kg: KnowledgeGraph, code: str, general: dt.date | None) -> Rule:
    rows = kg.query(_RULE_QUERY, {"t": IRI(str(treaty(code)))})
    entry = next((r for r in rows if str(r["kind"]).endswith("#EntryIntoForceForState")), None)
    denunciation = next((r for r in rows if str(r["kind"]).endswith("#DenunciationClause")), None)

    def period(row: Row | None) -> dates.Period | None:
        return None if row is None else law.read_period(row["n"], row["unit"])

    def opt(row: Row | None, key: str) -> str | None:
        return None if row is None or row[key] is None else str(row[key])

    opt_in = tuple(
        _leading_number(str(r["number"]))
        for r in rows
        if str(r["kind"]).endswith("#OptInDeclaration") and r["number"]
    )
    opt_out = tuple(
        (str(r["excluded"]), _leading_number(str(r["number"])))
        for r in rows
        if str(r["kind"]).endswith("#OptOutDeclaration") and r["excluded"] and r["number"]
    )
    return Rule(
        general=general,
        entry_period=period(entry),
        entry_alignment=opt(entry, "align"),
        entry_clause=opt(entry, "clause"),
        denunciation_period=period(denunciation),
        denunciation_alignment=opt(denunciation, "align"),
        denunciation_clause=opt(denunciation, "clause"),
        opt_in_articles=tuple(sorted(set(opt_in))),
        opt_out=tuple(sorted(set(opt_out))),
    )


def _leading_number(text: str) -> str:
    match = re.match(r"\d+", text)
    return match.group(0) if match else text


_PROCEDURES_QUERY = """
SELECT ?number ?kind ?optin ?optout WHERE {
  ?power og:grantedBy ?a ; og:powerKind ?kind .
  ?a eli:is_part_of ?t ; og:articleNumber ?number .
  OPTIONAL { ?power og:requiresOptIn ?optin }
  OPTIONAL { ?power og:canBeOptedOut ?optout }
} ORDER BY ?number ?kind
"""


def load_procedures(kg: KnowledgeGraph, rule: Rule, code: str) -> Procedures:
    """The articles of a treaty whose power a declaration switches on (the power needs an opt-in)
    or off (it can be opted out), with the kind of each power, read from the graph's powers."""
    rows = kg.query(_PROCEDURES_QUERY, {"t": IRI(str(treaty(code)))})

    def kinds(flag: str) -> dict[str, str]:
        return {
            _leading_number(str(r["number"])): str(r["kind"]).rsplit("#", 1)[-1]
            for r in rows
            if r[flag] is True
        }

    clause = {number: excluded for excluded, number in rule.opt_out}
    return Procedures(kinds("optin"), kinds("optout"), clause)
