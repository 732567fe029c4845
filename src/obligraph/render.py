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
from obligraph.analysis.facts import Ref
from obligraph.analysis.results import BodyAccess, Impact, ObligationEffect
from obligraph.analysis.status import StateStatus
from obligraph.resolve import short_id
from obligraph.store import Row

JSON_SCHEMA_VERSION = 1


def _ref(r: Ref) -> dict[str, str]:
    """``label``: the name researchers write (ICCPR, Russia); ``title``: the full title."""
    return {"id": r.id, "label": r.name, "title": r.label}


def _date(d: dt.date | None) -> str | None:
    return d.isoformat() if d else None


def _body(b: BodyAccess) -> dict[str, Any]:
    return {
        **_ref(b.body),
        "powers": list(b.powers),
        "basis": list(b.basis),
        "from": _date(b.from_),
        "limitation": b.limitation,
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
            {**_ref(b.body), "powers": list(b.powers), "basis": list(b.basis), "since": _date(b.since)}
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
