"""From a scenario run to what a researcher reads, for every kind of event alike: powers lost,
kept and gained, obligations, the cascade in time order, a plain-language summary and the
protection gaps.

:func:`build` is the one consequence builder. What is particular to one kind of event (a
withdrawal's recorded notification and domestic steps) arrives as a :class:`Front` from
:mod:`obligraph.analysis.impact`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace

from obligraph.analysis import facts, law, legal_status, limits
from obligraph.analysis.engine import Effect, ScenarioRun
from obligraph.analysis.events import Event
from obligraph.analysis.results import (
    BodyAccess,
    CascadeStep,
    EffectiveRule,
    Impact,
    ObligationEffect,
    Step,
)
from obligraph.analysis.status import BodyPowers, group_powers
from obligraph.store import IRI, SparqlGraph, remembered
from obligraph.wording import sentence, the


@dataclass(frozen=True)
class Front:
    """What the event-specific part of an analysis hands to :func:`build`."""

    preface: tuple[Step, ...] = ()  # the first steps of the explanation
    warnings: tuple[str, ...] = ()
    notified_from: str = "argument"  # "argument", "graph" or "unknown"
    as_of: dt.date | None = None  # the date an undated analysis is made as of


class _Reads:
    """The power queries of one build, each asked once: the same read of a graph on a day
    serves the powers lost, the powers kept and the gaps."""

    def __init__(self) -> None:
        self._seen: dict[tuple[object, ...], list[facts.PowerRow]] = {}

    def over(self, kg: SparqlGraph, state: str, on: dt.date) -> list[facts.PowerRow]:
        key = ("over", id(kg), state, on)
        if key not in self._seen:
            self._seen[key] = facts.powers_over(kg, state, on)
        return self._seen[key]

    def after(self, base: SparqlGraph, run: ScenarioRun, state: str, on: dt.date) -> list[facts.PowerRow]:
        """The powers over ``state`` on ``on`` in the scenario's view. A power's row rests on a
        participation in force (and on declarations). Where the state's effects only end
        participations or memberships, all by ``on``, the rows are the base graph's (a read
        remembered, and kept by the store cache) less those through a participation that ended:
        the rows the view gives, without a query on it. Otherwise the view is read."""
        mine = [e for e in run.effects if e.who == state]
        if mine and all(
            e.change == "ends" and e.kind in ("participation in", "membership of") and e.on <= on
            for e in mine
        ):
            ended = {e.subject for e in mine}
            return [r for r in self.over(base, state, on) if r.basis not in ended]
        return self.over(run.kg, state, on)

    def through(self, kg: SparqlGraph, state: str, treaty: str, on: dt.date) -> list[facts.PowerRow]:
        key = ("through", id(kg), state, treaty, on)
        if key not in self._seen:
            self._seen[key] = facts.powers_through(kg, state, treaty, on)
        return self._seen[key]


@dataclass(frozen=True)
class _Ending:
    """A state's participation in a treaty that ends (on a date, or on one no fact gives)."""

    treaty: str
    on: dt.date | None
    rule: EffectiveRule | None
    cause: str | None = None  # the event or effect that ended it


def build(
    base: SparqlGraph,
    run: ScenarioRun,
    state: str,
    event: Event,
    front: Front | None = None,
    status_on: dt.date | None = None,
) -> Impact:
    """The Impact of ``run`` on ``state``, seen from ``event`` (its target names the answer);
    its legal status is given as of ``status_on`` (default: today)."""
    front = front or Front()
    reads = _Reads()
    as_of = event.on or front.as_of or dt.date.today()
    verdict = legal_status.not_permitted_by(run, event) if event.kind == "withdraw" else ()
    mine = [e for e in run.effects if e.who == state]
    steps = list(front.preface)
    warnings = list(front.warnings)
    endings: list[_Ending] = []
    losing: list[BodyAccess] = []
    gaining: list[BodyAccess] = []
    lost_by_declaration: set[str] = set()
    for effect in (e for e in mine if e.change == "ends"):
        treaty = effect.what if effect.kind == "participation in" else None
        if treaty is not None:
            endings.append(_Ending(treaty, effect.on, _rule(run.kg, effect.rule), effect.cause))
            continue
        # a declaration withdrawn: an opt-in's power goes, an opt-out's comes back
        lost, gained = _power_difference(base, run.kg, state, effect.on, reads)
        lost_by_declaration |= {r.power for r in lost}
        kept = (
            limits.survival(
                base, facts.treaty_of(base, event.target) or event.target, effect.on, article=event.target
            )
            if event.kind == "undeclare"
            else ()
        )
        losing += [_access(b, effect.on, None, kept) for b in group_powers(base, lost)]
        gaining += [_access(b, effect.on, None) for b in group_powers(run.kg, gained)]
    if event.kind == "withdraw" and not verdict and not any(e.treaty == event.target for e in endings):
        # no rule gave a date: no notification date, no clause, or a clause without a period
        endings.append(_undated_withdrawal(base, event, steps, warnings))
    ordered = sorted(endings, key=lambda e: (e.on or dt.date.max, e.treaty))
    steps.extend(step for effect in mine for step in _rule_steps(run, effect, front))
    for ending in ordered:
        rule = ending.rule
        limitation = f"for acts after {ending.on}" if rule and rule.covers_prior_acts and ending.on else None
        read_on = ending.on - dt.timedelta(days=1) if ending.on else as_of
        rows = reads.through(base, state, ending.treaty, read_on)
        prior = rule.article if rule and rule.covers_prior_acts else None
        kept = limits.survival(base, ending.treaty, ending.on, covers_prior_acts=prior) if ending.on else ()
        losing += [_access(b, ending.on, limitation, kept) for b in group_powers(base, rows)]
    for effect in (e for e in mine if e.change == "starts"):
        rows = _power_difference(base, run.kg, state, effect.on, reads)[1]
        starting = effect.what if effect.kind == "participation in" else None  # the consent's treaty
        limit = limits.temporal_limit(run.kg, starting, effect.on) if starting else None
        gaining += [_access(b, effect.on, limit) for b in group_powers(run.kg, rows)]
    last = max((e.on for e in mine), default=as_of)
    lost_powers = {
        r.power
        for e in endings
        for r in reads.through(base, state, e.treaty, e.on - dt.timedelta(days=1) if e.on else as_of)
    } | lost_by_declaration
    after_kg = run.kg if mine else base
    kept_rows = [
        r
        for r in (reads.after(base, run, state, last) if mine else reads.over(base, state, last))
        if r.power not in lost_powers and r.instrument not in {e.treaty for e in endings if e.on is None}
    ]
    gaining_ids = {g.body.id for g in gaining}
    retaining = [
        _access(b, b.since, b.limitation)
        for b in group_powers(after_kg, kept_rows, facts.declaration_scopes(after_kg, state, last))
        if b.body.id not in gaining_ids
    ]
    ceasing: list[ObligationEffect] = []
    remaining: list[ObligationEffect] = []
    for ending in ordered:
        c, r = obligations(after_kg, state, ending.treaty, ending.on or as_of)
        ceasing += [o for o in c if o not in ceasing]
        remaining += [o for o in r if o not in remaining]
    if verdict:  # the treaty still binds: its obligations remain, through it too
        remaining += [
            o for o in obligations(base, state, event.target, as_of, ending=False)[1] if o not in remaining
        ]
    for body in losing:
        steps.append(
            Step(
                f"{body.body.label} loses {', '.join(body.powers)} ({'; '.join(body.basis)})"
                + (f" from {body.from_}" if body.from_ else " once the denunciation takes effect")
                + (f", {body.limitation}" if body.limitation else "")
                + ".",
                facts.sources(base, body.body.iri),
            )
        )
    for body in gaining:
        steps.append(
            Step(
                f"{body.body.label} gains {', '.join(body.powers)} ({'; '.join(body.basis)}) from {body.from_}.",
                facts.sources(run.kg, body.body.iri),
            )
        )
    for ob in remaining:
        steps.append(
            Step(
                f"{ob.obligation.label} still binds {facts.named(base, state, 'state')} through "
                f"{', '.join(ob.remaining_bases)}.",
                ob.sources,
            )
        )
    effective = mine[0].on if mine else None
    rule = _rule(run.kg, mine[0].rule) if mine else (ordered[0].rule if ordered else None)
    status = legal_status.decide(
        base, event, effective=effective, rule=rule, verdict=verdict, as_of=status_on or dt.date.today()
    )
    if verdict:  # the law's answer comes right after what is particular to the event
        at = len(front.preface)
        steps[at:at] = [Step(f"{c.article}: {c.words}", c.sources) for c in status.citations]
    if rule and rule.condition and effective:
        warnings.append(f"{effective} is the earliest date: {rule.condition}")
    if rule and rule.confidence == "low":
        warnings.append(
            f"The clause {rule.article} is recorded with low confidence: {law.clause_note(base, rule.clause)}"
        )
    if not mine and event.kind != "withdraw":
        warnings.append("The scenario changes nothing in the graph for this state.")
    found_gaps = [g for e in mine for g in gaps(base, run, state, e.on, reads)]
    impact = Impact(
        state=facts.ref(base, state),
        treaty=facts.ref(base, event.target),
        action=event.meta.action,
        notified=event.on,
        notified_from=front.notified_from,
        effective=effective,
        effective_rule=rule,
        bodies_losing_access=tuple(losing),
        bodies_retaining_access=tuple(retaining),
        obligations_ceasing=tuple(ceasing),
        obligations_remaining=tuple(remaining),
        explanation=tuple(steps),
        warnings=tuple(warnings),
        bodies_gaining_access=tuple(gaining),
        cascade=cascade_steps(run),
        gaps=tuple(dict.fromkeys(found_gaps)),
        legal_status=status,
    )
    return replace(impact, summary=summary(impact, run))


def _undated_withdrawal(base: SparqlGraph, event: Event, steps: list[Step], warnings: list[str]) -> _Ending:
    """A withdrawal no rule could date: say why, and keep the treaty's rule for the answer."""
    treaty = facts.ref(base, event.target)
    rule = law.denunciation_rule(base, treaty)
    if rule is None:
        warnings.append(
            f"{sentence(the(treaty.name, 'treaty'))} has no denunciation clause in the graph; no effective date can be computed."
        )
    elif rule.period is None and rule.alignment is None:
        steps.append(Step(f"{rule.article}: {rule.rule}", rule.sources))
        warnings.append(
            f"{sentence(the(treaty.name, 'treaty'))} provides no denunciation ({rule.article}); the withdrawal has no date of effect."
        )
        rule = rule if rule.rule else None
    elif event.on is None:
        steps.append(
            Step(
                "The date the notification reached the depositary is not known, so the effective date "
                f"cannot be computed. {rule.article}: {rule.rule}",
                rule.sources,
            )
        )
    return _Ending(event.target, None, rule)


def _rule_steps(run: ScenarioRun, effect: Effect, front: Front) -> list[Step]:
    """How an effect's date was found: the event's date and the clause applied, or the effect
    that caused it."""
    rule = _rule(run.kg, effect.rule)
    how = f"{rule.article} ({rule.period or 'no period'}, {rule.alignment or 'same day'})" if rule else ""
    cause = next((e for node, e in run.events if node == effect.cause), None)
    if cause is not None and cause.on is not None and rule is not None:
        origin = "given" if front.notified_from == "argument" else "recorded"
        text = f"{cause.meta.dated_as} {cause.on} ({origin}); {how} gives effect on {effect.on}."
    else:
        node = run.cascade.nodes.get(effect.subject)
        text = (node.label if node else f"{effect.subject} {effect.change} on {effect.on}") + (
            f" ({how})." if how else "."
        )
    return [Step(text, rule.sources if rule else ())]


def cascade_steps(run: ScenarioRun) -> tuple[CascadeStep, ...]:
    """The cascade as numbered steps in time order, each with its cause and rule."""
    nodes = sorted(
        run.cascade.nodes.values(),
        key=lambda n: (n.date or dt.date.max, n.kind != "event", n.label),
    )
    steps = []
    for order, node in enumerate(nodes, start=1):
        if node.date is None:
            continue
        causes = [run.cascade.nodes[c].label for c in run.cascade.predecessors(node.iri)]
        steps.append(
            CascadeStep(order, node.date, node.label, causes[0] if causes else None, node.rule or None)
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
    "collective-complaints": "receive collective complaints",
    "country-monitoring": "monitor the human-rights situation",
    "provisional-measures": "order provisional measures",
}
# Kinds a body exercises at a state's or an organ's request, not over the state: their loss is no
# protection gap (ACHR Art. 64: any OAS member may consult the Inter-American Court).
_NOT_A_GAP = frozenset({"advisory-opinions"})


def gaps(
    kg_before: SparqlGraph, run: ScenarioRun, state: str, when: dt.date, reads: _Reads | None = None
) -> tuple[str, ...]:
    """Power kinds some body held over the state the day before ``when`` and no body holds
    on it once the run's effects are in."""
    reads = reads or _Reads()
    before = {r.kind for r in reads.over(kg_before, state, when - dt.timedelta(days=1))}
    after = {r.kind for r in reads.after(kg_before, run, state, when)}
    label = facts.named(kg_before, state, "state")
    return tuple(
        f"after {when} no international body may {_GAP_PHRASES.get(kind, kind)} in {label} "
        "(among the treaties and mandates in the graph)"
        for kind in sorted(before - after - _NOT_A_GAP)
    )


def summary(i: Impact, run: ScenarioRun | None) -> str:
    """One paragraph in plain language, made only from the result's own fields."""
    parts = []
    if run and run.events:
        recorded = i.notified_from == "graph"
        parts.append("; ".join(e.describe(run.kg, recorded) for _, e in run.events) + ".")
    if i.legal_status and i.legal_status.status == "not-permitted":
        parts.append(f"The withdrawal takes no effect: {i.legal_status.reason}.")
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


def obligations(
    kg: SparqlGraph, state: str, treaty: str, on: dt.date, ending: bool = True
) -> tuple[list[ObligationEffect], list[ObligationEffect]]:
    """Obligations based on the treaty, and those on its subjects, split by surviving bases
    (with ``ending`` False, the treaty itself still binds: its own bases survive)."""
    rows = remembered(  # the legal bases of obligations: no scenario changes them
        kg,
        ("obligation-bases", treaty),
        lambda: kg.query(
            """SELECT ?treaty ?obligation ?basis ?doc ?custom WHERE {
                 { ?obligation og:legalBasis ?a . ?a eli:is_part_of ?treaty . }
                 UNION
                 { ?treaty og:subject ?subject . ?obligation og:subject ?subject . }
                 ?obligation og:legalBasis ?basis .
                 OPTIONAL { ?basis eli:is_part_of ?doc . }
                 OPTIONAL { ?basis a ?custom . FILTER(?custom = og:CustomaryRule) }
               } ORDER BY ?obligation ?basis""",
            {"treaty": IRI(treaty)},
        ),
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
        ends = [b for b, doc, _ in bases if doc == treaty and ending]
        alive = [
            b for b, doc, custom in bases if (doc != treaty or not ending) and (custom or doc in binding)
        ]
        effect = ObligationEffect(
            facts.ref(kg, obligation),
            tuple(facts.article_label(kg, b) for b in ends),
            tuple(_basis_label(kg, b, custom) for b, _, custom in bases if b in alive),
            facts.sources(kg, obligation),
        )
        if alive:
            remaining.append(effect)
        elif ends:
            ceasing.append(effect)
    return ceasing, remaining


def _access(
    b: BodyPowers, on: dt.date | None, limitation: str | None, survives: tuple[str, ...] = ()
) -> BodyAccess:
    """A body's powers as an answer lists them: ``on`` the date they end (or start, or have held
    since), with the limitation and what survives, and the pages that state the powers."""
    return BodyAccess(b.body, b.powers, b.basis, on, limitation, survives, b.sources)


def _basis_label(kg: SparqlGraph, basis: str, custom: bool) -> str:
    return kg.label(basis) if custom else facts.article_label(kg, basis)


def _power_difference(
    base: SparqlGraph, after: SparqlGraph, state: str, on: dt.date, reads: _Reads
) -> tuple[list[facts.PowerRow], list[facts.PowerRow]]:
    """Powers held over ``state`` the day before ``on`` in the base and not from ``on`` in the
    scenario (lost), and the other way round (gained)."""
    held_before = reads.over(base, state, on - dt.timedelta(days=1))
    held_after = reads.over(after, state, on)
    before = {(r.power, r.article) for r in held_before}
    now = {(r.power, r.article) for r in held_after}
    return (
        [r for r in held_before if (r.power, r.article) not in now],
        [r for r in held_after if (r.power, r.article) not in before],
    )


def _rule(kg: SparqlGraph, iri: str | None) -> EffectiveRule | None:
    if not iri:
        return None
    found = law.clause_by_iri(kg, iri)
    if found is None:
        return None
    clause, treaty = found
    return law.rule_of(kg, clause, facts.ref(kg, treaty))
