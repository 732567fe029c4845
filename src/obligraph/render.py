"""Turn analysis results into the documented JSON shapes (docs/json.md) and plain rows.

Pure functions from dataclasses to dicts; the CLI decides how to print them.
"""

from __future__ import annotations

import datetime as dt
import io
import json
from collections.abc import Sequence
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from obligraph.analysis.coverage import Coverage, SystemCoverage
from obligraph.analysis.results import JSON_SCHEMA_VERSION, Impact
from obligraph.analysis.status import StateStatus
from obligraph.queries import jsonable
from obligraph.resolve import short_id
from obligraph.store import Row

if TYPE_CHECKING:
    from obligraph.analysis.conflicts import Conflict


def impact_json(i: Impact) -> dict[str, Any]:
    """The documented JSON of an impact (docs/json.md): :meth:`Impact.to_dict`."""
    return i.to_dict()


def status_json(s: StateStatus) -> dict[str, Any]:
    """The documented JSON of a state's status (docs/json.md): :meth:`StateStatus.to_dict`."""
    return s.to_dict()


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
    return json.dumps([{k: jsonable(v) for k, v in r.items()} for r in rows], indent=2, ensure_ascii=False)


def rows_csv(rows: Sequence[Row], columns: Sequence[str] = ()) -> str:
    """CSV with a header: the rows' columns, or ``columns`` when there are no rows."""
    out = io.StringIO()
    fields = list(rows[0]) if rows else list(columns)
    if not fields:
        return ""
    import csv

    writer = csv.DictWriter(out, fieldnames=fields, lineterminator="\n")
    writer.writeheader()
    for r in rows:
        writer.writerow({k: "" if v is None else jsonable(v) for k, v in r.items()})
    return out.getvalue()


def dumps(data: object) -> str:
    return json.dumps(data, indent=2, ensure_ascii=False)


def matrix_csv(rows: Sequence[Any]) -> str:
    out = io.StringIO()
    import csv

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
                **s.system.to_dict(),
                "treaties": [
                    {
                        **t.treaty.to_dict(),
                        "parties_dated": t.parties_dated,
                        "parties_undated": t.parties_undated,
                    }
                    for t in s.treaties
                ],
                "instruments": [r.to_dict() for r in s.instruments],
                "organisations": [r.to_dict() for r in s.organisations],
                "bodies": [r.to_dict() for r in s.bodies],
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
