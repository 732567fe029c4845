"""The result types of the analyses of events (an impact): plain frozen dataclasses that the
CLI, the JSON renderer, the diagrams and the server read. They sit below every analysis, so
each analysis returns them and none imports another's private helpers."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from obligraph.analysis.facts import Ref


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
    # what the body keeps after losing its powers: "acts before 2026-01-15 (UN-IV-9 Art. 31(2))"
    survives: tuple[str, ...] = ()


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
class Citation:
    """An article and the words of a page that state it."""

    article: str  # "VCLT Art. 56(1)"
    words: str
    sources: tuple[str, ...]


STATUSES = ("not-permitted", "date-unknown", "pending", "effective")


@dataclass(frozen=True)
class LegalStatus:
    """Where the event stands in law on ``as_of`` (today, or the date asked about).

    ``not-permitted``: the law does not allow it (a withdrawal from a treaty with no withdrawal
    clause, VCLT Art. 56(1)); ``date-unknown``: the law gives a rule, but the facts lack the
    date it needs; ``pending``: its effect is still to come; ``effective``: its effect has come.
    """

    status: str
    as_of: dt.date
    reason: str
    citations: tuple[Citation, ...] = ()


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
    legal_status: LegalStatus | None = None
