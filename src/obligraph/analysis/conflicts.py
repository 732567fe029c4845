"""Facts on which sources disagree: grouped from the ``source-conflicts`` named query."""

from __future__ import annotations

from dataclasses import dataclass

from obligraph.analysis import facts
from obligraph.queries import run_named
from obligraph.store import IRI, SparqlGraph


@dataclass(frozen=True)
class ClaimView:
    value: str
    accepted: bool | None
    confidence: str | None
    sources: tuple[str, ...]
    note: str | None


@dataclass(frozen=True)
class Conflict:
    about: str
    about_label: str
    property: str
    claims: tuple[ClaimView, ...]


def source_conflicts(kg: SparqlGraph, state: str | None = None) -> list[Conflict]:
    """Every fact on which sources disagree; with ``state`` (an IRI), those about its treaty
    participations, treaty actions and their domestic steps, and membership events (the records
    of the named query ``state-claims``)."""
    rows = run_named(kg, "source-conflicts")
    if state is not None:
        records = {str(r["about"]) for r in run_named(kg, "state-claims", state=IRI(state))}
        rows = [r for r in rows if str(r["about"]) in records]
    grouped: dict[tuple[str, str], dict[str, dict[str, object]]] = {}
    for r in rows:
        key = (str(r["about"]), str(r["property"]))
        claim = str(r["claim"])
        entry = grouped.setdefault(key, {}).setdefault(
            claim,
            {
                "value": str(r["value"]),
                "accepted": r["accepted"],
                "confidence": r["confidence"],
                "sources": [],
            },
        )
        sources = entry["sources"]
        assert isinstance(sources, list)
        if r["source"] and str(r["source"]) not in sources:
            sources.append(str(r["source"]))
    out = []
    for (about, prop), claims in sorted(grouped.items()):
        views = []
        for claim_iri, c in sorted(claims.items(), key=lambda kv: str(kv[1]["value"])):
            notes = kg.query("SELECT ?c ?n WHERE { ?c og:note ?n } ORDER BY ?n", {"c": IRI(claim_iri)})
            accepted = c["accepted"]
            confidence = c["confidence"]
            views.append(
                ClaimView(
                    value=str(c["value"]),
                    accepted=accepted if isinstance(accepted, bool) else None,
                    confidence=str(confidence) if confidence else None,
                    sources=tuple(c["sources"]),  # type: ignore[arg-type]
                    note="; ".join(str(n["n"]) for n in notes) or None,
                )
            )
        if not _disagree([v.value for v in views]):
            continue
        out.append(Conflict(about, _about_label(kg, about), prop.rsplit("#", 1)[-1], tuple(views)))
    return out


def _disagree(values: list[str]) -> bool:
    """True when two values cannot both be right. A less precise value that agrees with a more
    precise one (``1994`` and ``1994-11-10``) is no disagreement."""
    return any(
        not (a.startswith(b) or b.startswith(a)) for i, a in enumerate(values) for b in values[i + 1 :]
    )


def _about_label(kg: SparqlGraph, about: str) -> str:
    """A readable name for a participation, membership or treaty action: "Russia's participation
    in the ECPT (RUS/ETS-126/1)"; its label or id otherwise."""
    record = facts.record_name(kg, about)
    if record:
        return f"{record} ({facts.ref(kg, about).id})"
    ref = facts.ref(kg, about)
    return ref.label if ref.label != about.rsplit("/", 1)[-1] else ref.id
