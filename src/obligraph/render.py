"""Turn analysis results into the documented JSON shapes (docs/json.md) and plain rows.

Pure functions from dataclasses to dicts; the CLI decides how to print them.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from obligraph.analysis.conflicts import Conflict
from obligraph.analysis.coverage import Coverage, SystemCoverage
from obligraph.analysis.facts import Ref
from obligraph.analysis.results import BodyAccess, Impact, LegalStatus, ObligationEffect
from obligraph.analysis.status import StateStatus
from obligraph.resolve import short_id
from obligraph.store import Row

JSON_SCHEMA_VERSION = 1


def _ref(r: Ref) -> dict[str, str]:
    return {"id": r.id, "label": r.label}


def _date(d: dt.date | None) -> str | None:
    return d.isoformat() if d else None


def _body(b: BodyAccess) -> dict[str, Any]:
    return {
        **_ref(b.body),
        "powers": list(b.powers),
        "basis": list(b.basis),
        "from": _date(b.from_),
        "limitation": b.limitation,
        "survives": list(b.survives),
    }


def legal_status_json(status: LegalStatus | None) -> dict[str, Any] | None:
    if status is None:
        return None
    return {
        "status": status.status,
        "as_of": status.as_of.isoformat(),
        "reason": status.reason,
        "citations": [
            {"article": c.article, "words": c.words, "sources": list(c.sources)} for c in status.citations
        ],
    }


def _obligation(o: ObligationEffect) -> dict[str, Any]:
    return {
        **_ref(o.obligation),
        "ending_bases": list(o.ending_bases),
        "remaining_bases": list(o.remaining_bases),
        "sources": list(o.sources),
    }


def impact_json(i: Impact) -> dict[str, Any]:
    rule = i.effective_rule
    return {
        "schema": JSON_SCHEMA_VERSION,
        "state": _ref(i.state),
        "treaty": _ref(i.treaty),
        "target": _ref(i.treaty),
        "action": i.action,
        "notified": _date(i.notified),
        "notified_from": i.notified_from,
        "effective": _date(i.effective),
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
        "bodies_losing_access": [_body(b) for b in i.bodies_losing_access],
        "bodies_retaining_access": [_body(b) for b in i.bodies_retaining_access],
        "obligations_ceasing": [_obligation(o) for o in i.obligations_ceasing],
        "obligations_remaining": [_obligation(o) for o in i.obligations_remaining],
        "explanation": [{"text": s.text, "sources": list(s.sources)} for s in i.explanation],
        "warnings": list(i.warnings),
        "bodies_gaining_access": [_body(b) for b in i.bodies_gaining_access],
        "cascade": [
            {"order": c.order, "date": _date(c.date), "text": c.text, "cause": c.cause, "rule": c.rule}
            for c in i.cascade
        ],
        "summary": i.summary,
        "gaps": list(i.gaps),
        "legal_status": legal_status_json(i.legal_status),
    }


def status_json(s: StateStatus) -> dict[str, Any]:
    return {
        "schema": JSON_SCHEMA_VERSION,
        "state": _ref(s.state),
        "on": s.on.isoformat(),
        "memberships": [
            {
                **_ref(m.organisation),
                "status": m.status,
                "since": _date(m.since),
                "until": _date(m.until),
                "sources": list(m.sources),
            }
            for m in s.memberships
        ],
        "treaties_in_force": [
            {
                **_ref(t.treaty),
                "since": _date(t.since),
                "until": _date(t.until),
                "confidence": t.confidence,
                "sources": list(t.sources),
            }
            for t in s.treaties_in_force
        ],
        "bodies": [
            {
                **_ref(b.body),
                "powers": list(b.powers),
                "basis": list(b.basis),
                "since": _date(b.since),
                "limitation": b.limitation,
            }
            for b in s.bodies
        ],
        "residual_jurisdiction": [
            {
                **_ref(r.body),
                "powers": list(r.powers),
                "treaty": r.treaty.id,
                "acts_before": _date(r.acts_before),
                "clause": r.clause,
            }
            for r in s.residual
        ],
        "undated_participation": [{**_ref(u.treaty), "note": u.note} for u in s.undated],
        "systems_not_covered": [_ref(r) for r in s.uncovered_systems],
        "attempted_withdrawals": [
            {
                **_ref(a.treaty),
                "notified": _date(a.notified),
                "depositary_position": a.position,
                "sources": list(a.sources),
            }
            for a in s.attempted_withdrawals
        ],
        "reservations": [
            {
                "treaty": r.treaty.id,
                "kind": r.kind,
                "articles": r.articles,
                "made": _date(r.made),
                "partly_withdrawn": _date(r.partly_withdrawn),
                "text": r.text,
                "sources": list(r.sources),
            }
            for r in s.reservations
        ],
    }


def conflicts_json(items: Sequence[Conflict]) -> dict[str, Any]:
    return {
        "schema": JSON_SCHEMA_VERSION,
        "conflicts": [
            {
                "about": short_id(c.about),
                "about_label": c.about_label,
                "property": c.property,
                "claims": [
                    {
                        "value": cl.value,
                        "accepted": cl.accepted,
                        "confidence": cl.confidence,
                        "sources": list(cl.sources),
                        "note": cl.note,
                    }
                    for cl in c.claims
                ],
            }
            for c in items
        ],
    }


def plain(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, Decimal):
        return str(value)
    return short_id(str(value)) if str(value).startswith("https://w3id.org/obligraph/id/") else str(value)


def rows_json(rows: Sequence[Row]) -> str:
    return json.dumps([{k: _jsonable(v) for k, v in r.items()} for r in rows], indent=2, ensure_ascii=False)


def _jsonable(value: object) -> object:
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    return value


def rows_csv(rows: Sequence[Row]) -> str:
    out = io.StringIO()
    if not rows:
        return ""
    writer = csv.DictWriter(out, fieldnames=list(rows[0]), lineterminator="\n")
    writer.writeheader()
    for r in rows:
        writer.writerow({k: "" if v is None else _jsonable(v) for k, v in r.items()})
    return out.getvalue()


def dumps(data: object) -> str:
    return json.dumps(data, indent=2, ensure_ascii=False)


def matrix_csv(rows: Sequence[Any]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["state", "treaty", "bodies", "powers", "obligations_ceasing"])
    for r in rows:
        writer.writerow(
            [r.state, r.treaty, ";".join(r.bodies), ";".join(r.powers), ";".join(r.obligations_ceasing)]
        )
    return out.getvalue()


def scenario_json(result: Any) -> dict[str, Any]:
    return {
        "schema": JSON_SCHEMA_VERSION,
        "name": result.scenario.name,
        "compared_on": result.on.isoformat(),
        "events": [
            {"kind": e.kind, "state": short_id(e.state), "target": short_id(e.target), "on": e.on.isoformat()}
            for e in result.scenario.events
        ],
        "cascade": [
            {
                "subject": short_id(c.subject),
                "change": c.change,
                "on": c.on.isoformat(),
                "cause": short_id(c.cause),
                "rule": short_id(c.rule) if c.rule else None,
            }
            for c in result.cascade
        ],
        "changes": [
            {"state": c.state.id, "what": c.what, "item": c.item, "change": c.change} for c in result.changes
        ],
        "impacts": [impact_json(i) for i in result.impacts],
    }


def coverage_json(c: Coverage) -> dict[str, Any]:
    return {
        "schema": JSON_SCHEMA_VERSION,
        "systems": [
            {
                **_ref(s.system),
                "treaties": [
                    {**_ref(t.treaty), "parties_dated": t.parties_dated, "parties_undated": t.parties_undated}
                    for t in s.treaties
                ],
                "instruments": [_ref(r) for r in s.instruments],
                "organisations": [_ref(r) for r in s.organisations],
                "bodies": [_ref(r) for r in s.bodies],
                "states_with_dated_facts": s.states_with_dated_facts,
                "dated_facts_by_confidence": dict(s.facts),
                "undated_facts": s.undated_facts,
                "facts_by_kind": dict(s.facts_by_kind),
                "sources_captured": [d.isoformat() for d in s.captured],
            }
            for s in c.systems
        ],
    }


COVERAGE_COLUMNS = (
    "system",
    "treaties",
    "bodies",
    "states with dated facts",
    "dated facts: high / medium / low / unstated",
    "undated facts",
    "sources captured",
)


def coverage_cells(s: SystemCoverage) -> tuple[str, ...]:
    """One system as the cells of the coverage table (terminal and README alike)."""
    treaties = ", ".join(f"{t.treaty.id} ({t.parties_dated})" for t in s.treaties) or "-"
    return (
        f"{s.system.label} ({s.system.id})",
        treaties,
        ", ".join(b.id for b in s.bodies) or "-",
        str(s.states_with_dated_facts),
        " / ".join(str(n) for _, n in s.facts),
        str(s.undated_facts),
        ", ".join(d.isoformat() for d in s.captured),
    )


def coverage_markdown(c: Coverage) -> str:
    lines = ["| " + " | ".join(COVERAGE_COLUMNS) + " |", "|" + "---|" * len(COVERAGE_COLUMNS)]
    lines += ["| " + " | ".join(coverage_cells(s)) + " |" for s in c.systems]
    return "\n".join(lines) + "\n"
