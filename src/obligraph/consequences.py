"""From a scenario run to what a researcher reads: powers lost, kept and gained, obligations,
the cascade in time order, a plain-language summary and the protection gaps."""

from __future__ import annotations

import datetime as dt

from obligraph import engine, facts
from obligraph.impact import (
    BodyAccess,
    EffectiveRule,
    Impact,
    ObligationEffect,
    Step,
    _obligations,
    cascade_steps,
    gaps,
    rule_of,
    summary,
)
from obligraph.status import group_powers
from obligraph.store import KnowledgeGraph


def from_run(base: KnowledgeGraph, run: engine.ScenarioRun, state: str, target: str, action: str) -> Impact:
    """The Impact of a scenario on ``state`` (its first event's subject)."""
    mine = [e for e in run.effects if _concerns(run.kg, e.subject, state)]
    losing: list[BodyAccess] = []
    ended_treaties: list[str] = []
    lost_by_declaration: set[str] = set()
    gaining: list[BodyAccess] = []
    ended = [(e, _treaty_of(run.kg, e.subject)) for e in mine if e.change == "ends"]
    for effect, treaty in ended:
        if treaty is not None:
            continue
        # a declaration withdrawn: an opt-in's power goes, an opt-out's comes back
        lost, gained = _power_difference(base, run.kg, state, effect.on)
        lost_by_declaration |= {r.power for r in lost}
        losing += [BodyAccess(b.body, b.powers, b.basis, effect.on, None) for b in group_powers(base, lost)]
        gaining += [
            BodyAccess(b.body, b.powers, b.basis, effect.on, None) for b in group_powers(run.kg, gained)
        ]
    for effect, treaty in ended:
        if treaty is None:
            continue
        ended_treaties.append(treaty)
        rule = _clause(run.kg, effect.rule)
        limitation = f"for acts after {effect.on}" if rule and rule.covers_prior_acts else None
        rows = facts.powers_through(base, state, treaty, effect.on - dt.timedelta(days=1))
        losing += [
            BodyAccess(b.body, b.powers, b.basis, effect.on, limitation) for b in group_powers(base, rows)
        ]
    for effect in (e for e in mine if e.change == "starts"):
        rows = _power_difference(base, run.kg, state, effect.on)[1]
        gaining += [
            BodyAccess(b.body, b.powers, b.basis, effect.on, None) for b in group_powers(run.kg, rows)
        ]
    last = max((e.on for e in mine), default=run.events[0][1].on if run.events else dt.date.today())
    lost_powers = {
        r.power
        for t in ended_treaties
        for r in facts.powers_through(base, state, t, last - dt.timedelta(days=1))
    }
    lost_powers |= lost_by_declaration
    kept_rows = [r for r in facts.powers_over(run.kg, state, last) if r.power not in lost_powers]
    retaining = [
        BodyAccess(b.body, b.powers, b.basis, b.since, None)
        for b in group_powers(run.kg, kept_rows)
        if b.body.id not in {g.body.id for g in gaining}
    ]
    ceasing: list[ObligationEffect] = []
    remaining: list[ObligationEffect] = []
    for treaty in ended_treaties:
        c, r = _obligations(run.kg, state, treaty, last)
        ceasing += [o for o in c if o not in ceasing]
        remaining += [o for o in r if o not in remaining]
    first = mine[0] if mine else None
    rule = _clause(run.kg, first.rule) if first else None
    steps = [Step(s.text + (f" (rule: {s.rule})" if s.rule else ""), ()) for s in cascade_steps(run)]
    found_gaps: tuple[str, ...] = ()
    if first:
        found_gaps = tuple(g for e in mine for g in gaps(base, run.kg, state, e.on))
    impact = Impact(
        state=facts.ref(base, state),
        treaty=facts.ref(base, target),
        action=action,
        notified=run.events[0][1].on if run.events else None,
        notified_from="argument",
        effective=first.on if first else None,
        effective_rule=rule,
        bodies_losing_access=tuple(losing),
        bodies_retaining_access=tuple(retaining),
        obligations_ceasing=tuple(ceasing),
        obligations_remaining=tuple(remaining),
        explanation=tuple(steps),
        warnings=() if mine else ("The scenario changes nothing in the graph for this state.",),
        bodies_gaining_access=tuple(gaining),
        cascade=cascade_steps(run),
        gaps=tuple(dict.fromkeys(found_gaps)),
    )
    return _with_summary(impact, run)


def _power_difference(
    base: KnowledgeGraph, after: KnowledgeGraph, state: str, on: dt.date
) -> tuple[list[facts.PowerRow], list[facts.PowerRow]]:
    """Powers held over ``state`` the day before ``on`` in the base and not from ``on`` in the
    scenario (lost), and the other way round (gained)."""
    held_before = facts.powers_over(base, state, on - dt.timedelta(days=1))
    held_after = facts.powers_over(after, state, on)
    before = {(r.power, r.article) for r in held_before}
    now = {(r.power, r.article) for r in held_after}
    return (
        [r for r in held_before if (r.power, r.article) not in now],
        [r for r in held_after if (r.power, r.article) not in before],
    )


def _with_summary(impact: Impact, run: engine.ScenarioRun | None) -> Impact:
    from dataclasses import replace

    return replace(impact, summary=summary(impact, run))


def _concerns(kg: KnowledgeGraph, subject: str, state: str) -> bool:
    from obligraph.store import IRI

    rows = kg.query(
        "SELECT ?x ?who WHERE { { ?x og:party ?who } UNION { ?x org:member ?who } UNION { ?x og:actor ?who }"
        " UNION { ?x og:declarant ?who } }",
        {"x": IRI(subject), "who": IRI(state)},
    )
    return bool(rows)


def _treaty_of(kg: KnowledgeGraph, subject: str) -> str | None:
    from obligraph.store import IRI

    rows = kg.query("SELECT ?x ?t WHERE { { ?x og:treaty ?t } } LIMIT 1", {"x": IRI(subject)})
    return str(rows[0]["t"]) if rows and "/membership/" not in subject else None


def _clause(kg: KnowledgeGraph, iri: str | None) -> EffectiveRule | None:
    if not iri:
        return None
    from obligraph.store import IRI

    rows = kg.query("SELECT ?c ?t ?kind WHERE { ?c og:clauseOf ?t ; og:clauseKind ?kind }", {"c": IRI(iri)})
    if not rows:
        return None
    treaty = str(rows[0]["t"])
    kind = str(rows[0]["kind"]).rsplit("#", 1)[-1]
    for c in facts.clauses(kg, treaty, kind):
        if c.iri == iri:
            return rule_of(kg, c, facts.ref(kg, treaty))
    return None
