"""The result types of the analyses of events (an impact): plain frozen dataclasses that the
CLI, the JSON renderer, the diagrams and the server read. They sit below every analysis, so
each analysis returns them and none imports another's private helpers.

``Impact.to_dict()`` is the documented JSON (docs/json.md; :mod:`obligraph.render` prints it);
``Impact.to_frame()`` the bodies and obligations as one pandas table.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from obligraph import tables
from obligraph.analysis.facts import Ref
from obligraph.dates import iso
from obligraph.resolve import short_id

JSON_SCHEMA_VERSION = 1


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
    sources: tuple[str, ...] = ()  # the pages that state the powers

    def to_dict(self) -> dict[str, Any]:
        return {
            **self.body.to_dict(),
            "powers": list(self.powers),
            "basis": list(self.basis),
            "from": iso(self.from_),
            "limitation": self.limitation,
            "survives": list(self.survives),
            "sources": list(self.sources),
        }


@dataclass(frozen=True)
class ObligationEffect:
    obligation: Ref
    ending_bases: tuple[str, ...]
    remaining_bases: tuple[str, ...]
    sources: tuple[str, ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            **self.obligation.to_dict(),
            "ending_bases": list(self.ending_bases),
            "remaining_bases": list(self.remaining_bases),
            "sources": list(self.sources),
        }


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

    def to_dict(self) -> dict[str, Any]:
        return {
            "status": self.status,
            "as_of": self.as_of.isoformat(),
            "reason": self.reason,
            "citations": [
                {"article": c.article, "words": c.words, "sources": list(c.sources)} for c in self.citations
            ],
        }


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

    def to_dict(self) -> dict[str, Any]:
        """The documented JSON of ``obligraph impact --json`` (docs/json.md)."""
        rule = self.effective_rule
        return {
            "schema": JSON_SCHEMA_VERSION,
            "state": self.state.to_dict(),
            "treaty": self.treaty.to_dict(),
            "target": self.treaty.to_dict(),
            "action": self.action,
            "notified": iso(self.notified),
            "notified_from": self.notified_from,
            "effective": iso(self.effective),
            "effective_rule": None
            if rule is None
            else {
                "clause": short_id(rule.clause),
                "article": rule.article,
                "rule": rule.rule,
                "period": rule.period,
                "alignment": rule.alignment,
                "covers_prior_acts": rule.covers_prior_acts,
                "confidence": rule.confidence,
                "sources": list(rule.sources),
                "condition": rule.condition,
            },
            "bodies_losing_access": [b.to_dict() for b in self.bodies_losing_access],
            "bodies_retaining_access": [b.to_dict() for b in self.bodies_retaining_access],
            "obligations_ceasing": [o.to_dict() for o in self.obligations_ceasing],
            "obligations_remaining": [o.to_dict() for o in self.obligations_remaining],
            "explanation": [{"text": s.text, "sources": list(s.sources)} for s in self.explanation],
            "warnings": list(self.warnings),
            "bodies_gaining_access": [b.to_dict() for b in self.bodies_gaining_access],
            "cascade": [
                {"order": c.order, "date": iso(c.date), "text": c.text, "cause": c.cause, "rule": c.rule}
                for c in self.cascade
            ],
            "summary": self.summary,
            "gaps": list(self.gaps),
            "legal_status": self.legal_status.to_dict() if self.legal_status else None,
        }

    def to_frame(self) -> Any:
        """One row per body that loses, keeps or gains powers and per obligation that ceases or
        remains (pandas; columns: what, change, id, name, powers, basis, date, limitation)."""
        rows: list[dict[str, object]] = []
        for change, bodies in (
            ("loses", self.bodies_losing_access),
            ("keeps", self.bodies_retaining_access),
            ("gains", self.bodies_gaining_access),
        ):
            rows += [
                {
                    "what": "body",
                    "change": change,
                    "id": b.body.id,
                    "name": b.body.name,
                    "powers": ", ".join(b.powers),
                    "basis": "; ".join(b.basis),
                    "date": b.from_,
                    "limitation": b.limitation,
                }
                for b in bodies
            ]
        for change, obligations in (
            ("ceases", self.obligations_ceasing),
            ("remains", self.obligations_remaining),
        ):
            rows += [
                {
                    "what": "obligation",
                    "change": change,
                    "id": o.obligation.id,
                    "name": o.obligation.name,
                    "basis": "; ".join(o.remaining_bases if change == "remains" else o.ending_bases),
                    "date": self.effective,
                }
                for o in obligations
            ]
        return tables.frame(rows, ["what", "change", "id", "name", "powers", "basis", "date", "limitation"])
