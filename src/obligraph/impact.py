"""What follows when a state withdraws from (denounces) a treaty: the seed question.

The effective date comes from the treaty's own denunciation clause (period and alignment, as
data); the bodies that lose or keep powers come from the named queries; obligations end only
when their last legal basis ends. Nothing here knows a state, treaty or body by name.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace

from obligraph import dates, engine, facts
from obligraph.errors import NotApplicableError
from obligraph.facts import Ref
from obligraph.status import group_powers
from obligraph.store import IRI, SparqlGraph, as_local


@dataclass(frozen=True)
class EffectiveRule:
    clause: str  # clause IRI
    article: str  # e.g. "ETS-126 Art. 22"
    rule: str  # paraphrased rule text
    period: str | None  # "12 months"
    alignment: str | None  # "first day of the month following the period"
    alignment_iri: str | None
    covers_prior_acts: bool
    confidence: str | None
    sources: tuple[str, ...]
    condition: str | None = None  # a condition on the date the engine does not evaluate


@dataclass(frozen=True)
class BodyAccess:
    body: Ref
    powers: tuple[str, ...]
    basis: tuple[str, ...]
    from_: dt.date | None  # losing: the date the powers end; retaining: held since
    limitation: str | None


@dataclass(frozen=True)
class ObligationEffect:
    obligation: Ref
    ending_bases: tuple[str, ...]
    remaining_bases: tuple[str, ...]
    sources: tuple[str, ...]


@dataclass(frozen=True)
class Step:
    text: str
    sources: tuple[str, ...]


@dataclass(frozen=True)
class CascadeStep:
    order: int
    date: dt.date
    text: str
    cause: str | None
    rule: str | None


@dataclass(frozen=True)
class Impact:
    state: Ref
    treaty: Ref
    action: str
    notified: dt.date | None
    notified_from: str  # "argument", "graph" or "unknown"
    effective: dt.date | None
    effective_rule: EffectiveRule | None
    bodies_losing_access: tuple[BodyAccess, ...]
    bodies_retaining_access: tuple[BodyAccess, ...]
    obligations_ceasing: tuple[ObligationEffect, ...]
    obligations_remaining: tuple[ObligationEffect, ...]
    explanation: tuple[Step, ...]
    warnings: tuple[str, ...]
    bodies_gaining_access: tuple[BodyAccess, ...] = ()
    cascade: tuple[CascadeStep, ...] = ()
    summary: str = ""
    gaps: tuple[str, ...] = ()


def withdraw(
    kg: SparqlGraph, state: str, treaty: str, notified: dt.date | None = None, today: dt.date | None = None
) -> Impact:
    """Impact of ``state`` denouncing ``treaty`` (both IRIs), notified on ``notified``.

    Without ``notified``, a notification date recorded in the graph is used; if there is none,
    the effective date stays unknown and the analysis is made as of ``today``.
    """
    state_ref, treaty_ref = facts.ref(kg, state), facts.ref(kg, treaty)
    steps: list[Step] = []
    warnings: list[str] = []
    recorded = _recorded_denunciation(kg, state, treaty)
    notified_from = "argument"
    if notified is None and recorded and recorded.deposit:
        notified, notified_from = recorded.deposit, "graph"
    elif notified is None:
        notified_from = "unknown"
    as_of = notified or today or dt.date.today()

    participation = _participation_on(kg, state, treaty, as_of)
    since = participation.since or "a date the sources do not give"
    steps.append(
        Step(
            f"{state_ref.label} is bound by the {treaty_ref.label} since {since}.",
            facts.sources(kg, participation.iri),
        )
    )
    if recorded:
        steps.extend(recorded.steps)

    clause, rule = _denunciation_rule(kg, treaty, treaty_ref)
    effective: dt.date | None = None
    if rule is None:
        warnings.append(
            f"{treaty_ref.id} has no denunciation clause in the graph; no effective date can be computed."
        )
    elif rule.period is None and rule.alignment is None:
        steps.append(Step(f"{rule.article}: {rule.rule}", rule.sources))
        warnings.append(
            f"{treaty_ref.id} provides no denunciation ({rule.article}); the withdrawal has no date of effect."
        )
        rule = rule if rule.rule else None
    elif notified is None:
        steps.append(
            Step(
                f"The date the notification reached the depositary is not known, so the effective date "
                f"cannot be computed. {rule.article}: {rule.rule}",
                rule.sources,
            )
        )
    else:
        assert clause is not None
        effective = dates.apply_clause(notified, clause.period, clause.alignment)
        steps.append(
            Step(
                f"Notified {notified} ({'given' if notified_from == 'argument' else 'recorded'}); "
                f"{rule.article} ({rule.period or 'no period'}, {rule.alignment or 'same day'}) "
                f"gives effect on {effective}.",
                rule.sources,
            )
        )
    if rule and rule.condition and effective:
        warnings.append(f"{effective} is the earliest date: {rule.condition}")
    if rule and rule.confidence == "low":
        warnings.append(
            f"The clause {rule.article} is recorded with low confidence: {_clause_note(kg, rule.clause)}"
        )

    read_on = effective - dt.timedelta(days=1) if effective else as_of
    after = effective or as_of
    limitation = f"for acts after {effective}" if (rule and rule.covers_prior_acts and effective) else None
    losing_rows = facts.powers_through(kg, state, treaty, read_on)
    losing = [
        BodyAccess(b.body, b.powers, b.basis, effective, limitation) for b in group_powers(kg, losing_rows)
    ]
    for body in losing:
        steps.append(
            Step(
                f"{body.body.label} loses {', '.join(body.powers)} ({'; '.join(body.basis)})"
                + (f" from {effective}" if effective else " once the denunciation takes effect")
                + (f", {limitation}" if limitation else "")
                + ".",
                facts.sources(kg, body.body.iri),
            )
        )
    losing_powers = {r.power for r in losing_rows}
    kept_rows = [
        r
        for r in facts.powers_over(kg, state, after)
        if r.power not in losing_powers and r.instrument != treaty
    ]
    retaining = [BodyAccess(b.body, b.powers, b.basis, b.since, None) for b in group_powers(kg, kept_rows)]

    ceasing, remaining = _obligations(kg, state, treaty, after)
    for ob in remaining:
        steps.append(
            Step(
                f"{ob.obligation.label} still binds {state_ref.label} through {', '.join(ob.remaining_bases)}.",
                ob.sources,
            )
        )
    run = (
        engine.run(as_local(kg), [engine.Event("withdraw", state, treaty, notified)])
        if effective and notified
        else None
    )
    impact = Impact(
        state=state_ref,
        treaty=treaty_ref,
        action="withdrawal",
        notified=notified,
        notified_from=notified_from,
        effective=effective,
        effective_rule=rule,
        bodies_losing_access=tuple(losing),
        bodies_retaining_access=tuple(retaining),
        obligations_ceasing=tuple(ceasing),
        obligations_remaining=tuple(remaining),
        explanation=tuple(steps),
        warnings=tuple(warnings),
        cascade=cascade_steps(run) if run else (),
        gaps=gaps(kg, run.kg, state, effective) if run and effective else (),
    )
    return replace(impact, summary=summary(impact, run))


def cascade_steps(run: engine.ScenarioRun) -> tuple[CascadeStep, ...]:
    """The cascade as numbered steps in time order, each with its cause and rule."""
    graph = run.cascade
    nodes = sorted(
        graph.nodes(data=True), key=lambda n: (n[1]["date"], n[1]["kind"] != "event", n[1]["label"])
    )
    steps = []
    for order, (node, data) in enumerate(nodes, start=1):
        causes = [graph.nodes[c]["label"] for c in graph.predecessors(node)]
        steps.append(
            CascadeStep(
                order,
                dt.date.fromisoformat(data["date"]),
                data["label"],
                causes[0] if causes else None,
                data.get("rule") or None,
            )
        )
    return tuple(steps)


_GAP_PHRASES = {
    "visits": "visit places of detention",
    "individual-complaints": "receive individual complaints",
    "inter-state-complaints": "receive inter-state complaints",
    "inquiry": "open an inquiry",
    "binding-judgments": "give binding judgments",
    "judgment-supervision": "supervise the execution of judgments",
    "state-reporting": "examine its reports",
    "criminal-jurisdiction": "exercise criminal jurisdiction",
    "investigation": "investigate under a mandate",
}


def gaps(kg_before: SparqlGraph, kg_after: SparqlGraph, state: str, when: dt.date) -> tuple[str, ...]:
    """Power kinds some body held over the state the day before and no body holds after."""
    before = {r.kind for r in facts.powers_over(kg_before, state, when - dt.timedelta(days=1))}
    after = {r.kind for r in facts.powers_over(kg_after, state, when)}
    label = kg_before.label(state)
    return tuple(
        f"after {when} no international body may {_GAP_PHRASES.get(kind, kind)} in {label} "
        "(among the treaties and mandates in the graph)"
        for kind in sorted(before - after)
    )


def summary(i: Impact, run: engine.ScenarioRun | None) -> str:
    """One paragraph in plain language, made only from the result's own fields."""
    parts = []
    if run and run.events:
        parts.append("; ".join(e.describe(run.kg) for _, e in run.events) + ".")
    if i.effective:
        rule = f" under {i.effective_rule.article}" if i.effective_rule else ""
        parts.append(f"The first effect is on {i.effective}{rule}.")
    elif i.bodies_losing_access:
        parts.append("No date of effect can be computed from the recorded facts.")
    if i.bodies_losing_access:
        names = ", ".join(f"{b.body.id} ({', '.join(b.powers)})" for b in i.bodies_losing_access)
        limit = i.bodies_losing_access[0].limitation
        parts.append(f"Bodies losing powers: {names}" + (f", {limit}" if limit else "") + ".")
    if i.bodies_gaining_access:
        names = ", ".join(f"{b.body.id} ({', '.join(b.powers)})" for b in i.bodies_gaining_access)
        parts.append(f"Bodies gaining powers: {names}.")
    if i.bodies_retaining_access:
        parts.append("Still with powers: " + ", ".join(b.body.id for b in i.bodies_retaining_access) + ".")
    if i.obligations_remaining:
        parts.append(
            "Obligations that remain: "
            + "; ".join(
                f"{o.obligation.label} ({', '.join(o.remaining_bases)})" for o in i.obligations_remaining
            )
            + "."
        )
    parts.extend(g[0].upper() + g[1:] + "." for g in i.gaps)
    return " ".join(parts)


@dataclass(frozen=True)
class _Recorded:
    deposit: dt.date | None
    steps: tuple[Step, ...]


def _recorded_denunciation(kg: SparqlGraph, state: str, treaty: str) -> _Recorded | None:
    rows = kg.query(
        """SELECT ?state ?treaty ?action ?deposit ?took WHERE {
             ?action og:actor ?state ; og:treaty ?treaty ; og:actionKind og:DenunciationNotification .
             OPTIONAL { ?action og:depositDate ?deposit }
             OPTIONAL { ?action og:tookEffect ?took }
           } ORDER BY ?action""",
        {"state": IRI(state), "treaty": IRI(treaty)},
    )
    rows = [r for r in rows if r["took"] is not False]
    if not rows:
        return None
    action = str(rows[0]["action"])
    deposit = rows[0]["deposit"] if isinstance(rows[0]["deposit"], dt.date) else None
    step_rows = kg.query(
        """SELECT ?action ?step ?date ?note WHERE {
             ?step og:stepOf ?action ; og:domesticDecisionDate ?date . OPTIONAL { ?step og:note ?note }
           } ORDER BY ?date""",
        {"action": IRI(action)},
    )
    steps = [
        Step(f"Domestic step on {r['date']}: {r['note'] or 'decision'}", facts.sources(kg, str(r["step"])))
        for r in step_rows
    ]
    if deposit is None:
        steps.append(
            Step(
                "No source gives the date the notification reached the depositary.", facts.sources(kg, action)
            )
        )
    return _Recorded(deposit, tuple(steps))


def _participation_on(kg: SparqlGraph, state: str, treaty: str, on: dt.date) -> facts.Participation:
    mine = [p for p in facts.participations(kg, state) if p.treaty == treaty]
    for p in mine:
        if facts.in_force(p, on):
            return p
    for p in mine:  # a party whose start is unknown (only its withdrawal is recorded)
        if p.since is None and p.until is not None and p.until > on:
            return p
    state_id, treaty_id = facts.ref(kg, state).id, facts.ref(kg, treaty).id
    if not mine:
        raise NotApplicableError(
            f"{state_id} has never been bound by {treaty_id} in the graph; nothing to withdraw from"
        )
    ended = [p for p in mine if p.until and p.until <= on]
    if ended:
        raise NotApplicableError(
            f"{state_id} ceased to be bound by {treaty_id} on {ended[-1].until}; nothing to withdraw from on {on}"
        )
    raise NotApplicableError(
        f"{state_id} is not bound by {treaty_id} on {on} (no entry into force recorded before that date)"
    )


def _denunciation_rule(
    kg: SparqlGraph, treaty: str, treaty_ref: Ref
) -> tuple[facts.Clause | None, EffectiveRule | None]:
    found = facts.clauses(kg, treaty, "DenunciationClause") or facts.clauses(
        kg, treaty, "NoDenunciationClause"
    )
    if not found:
        return None, None
    return found[0], rule_of(kg, found[0], treaty_ref)


def rule_of(kg: SparqlGraph, c: facts.Clause, treaty_ref: Ref) -> EffectiveRule:
    """A clause as the rule an analysis applied: article, period, alignment, confidence, sources."""
    return EffectiveRule(
        clause=c.iri,
        article=c.describe(treaty_ref.id),
        rule=c.rule_text,
        period=str(c.period) if c.period else None,
        alignment=kg.label(c.alignment) if c.alignment else None,
        alignment_iri=c.alignment,
        covers_prior_acts=c.covers_prior_acts,
        confidence=c.confidence,
        sources=c.sources,
        condition=c.condition,
    )


def _clause_note(kg: SparqlGraph, clause: str) -> str:
    rows = kg.query("SELECT ?c ?note WHERE { ?c og:note ?note } ORDER BY ?note", {"c": IRI(clause)})
    return "; ".join(str(r["note"]) for r in rows) or "see its sources"


def _obligations(
    kg: SparqlGraph, state: str, treaty: str, on: dt.date
) -> tuple[list[ObligationEffect], list[ObligationEffect]]:
    """Obligations based on the treaty, and those on its subjects, split by surviving bases."""
    rows = kg.query(
        """SELECT ?treaty ?obligation ?basis ?doc ?custom WHERE {
             { ?obligation og:legalBasis ?a . ?a eli:is_part_of ?treaty . }
             UNION
             { ?treaty og:subject ?subject . ?obligation og:subject ?subject . }
             ?obligation og:legalBasis ?basis .
             OPTIONAL { ?basis eli:is_part_of ?doc . }
             OPTIONAL { ?basis a ?custom . FILTER(?custom = og:CustomaryRule) }
           } ORDER BY ?obligation ?basis""",
        {"treaty": IRI(treaty)},
    )
    binding = {p.treaty for p in facts.participations(kg, state) if facts.in_force(p, on)}
    by_obligation: dict[str, list[tuple[str, str | None, bool]]] = {}
    for r in rows:
        entry = (str(r["basis"]), str(r["doc"]) if r["doc"] else None, bool(r["custom"]))
        items = by_obligation.setdefault(str(r["obligation"]), [])
        if entry not in items:
            items.append(entry)
    ceasing, remaining = [], []
    for obligation, bases in by_obligation.items():
        ending = [b for b, doc, _ in bases if doc == treaty]
        alive = [b for b, doc, custom in bases if doc != treaty and (custom or doc in binding)]
        effect = ObligationEffect(
            facts.ref(kg, obligation),
            tuple(facts.article_label(kg, b) for b in ending),
            tuple(_basis_label(kg, b) for b in alive),
            facts.sources(kg, obligation),
        )
        if alive:
            remaining.append(effect)
        elif ending:
            ceasing.append(effect)
    return ceasing, remaining


def _basis_label(kg: SparqlGraph, basis: str) -> str:
    if kg.query("SELECT ?b WHERE { ?b a og:CustomaryRule }", {"b": IRI(basis)}):
        return kg.label(basis)
    return facts.article_label(kg, basis)
