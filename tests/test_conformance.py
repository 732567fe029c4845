"""The same questions on every store give the same answers.

Every named query with real parameters, `status` for several states and dates, `impact` for
Russia and the ECPT (ETS 126) and other withdrawals, and `sources --conflicts` run on the
embedded store (the reference, whose answers the other tests check against the sources) and on
rdflib, an Oxigraph server and Virtuoso. Rows must be identical, in the same order. Where an
engine differed, the query was rewritten (docs/stores.md lists how), not this test.
"""

from __future__ import annotations

import datetime as dt
import itertools

import pytest

from obligraph import queries, render
from obligraph.analysis.conflicts import source_conflicts
from obligraph.analysis.impact import withdraw
from obligraph.analysis.status import state_status
from obligraph.errors import ObligraphError
from obligraph.resolve import Resolver
from obligraph.store import IRI, KnowledgeGraph, SparqlGraph, default_files
from obligraph.store.rdflib_graph import RdflibGraph

STATES = ("RUS", "UKR", "TUR", "FRA", "GBR", "AZE")
TREATIES = ("ECPT", "ECHR", "CAT", "OPCAT", "ICCPR")
ORGANISATIONS = ("CoE", "UN", "EU")
BODIES = ("CPT", "ECtHR", "SPT")
ARTICLES = ("CAT 22", "ICCPR 41")
DATES = (dt.date(1996, 1, 1), dt.date(2021, 6, 1), dt.date(2022, 3, 16), dt.date(2023, 1, 1))
VALUES: dict[str, tuple[object, ...]] = {
    "state": STATES,
    "treaty": TREATIES,
    "organisation": ORGANISATIONS,
    "body": BODIES,
    "article": ARTICLES,
    "date": DATES,
    "string": ("x",),
}
ENGINES = ("rdflib", "oxigraph", "virtuoso")
# rdflib's own evaluator takes 30 s for source-conflicts and about 1 s for each
# parties-not-members on the 73k-triple graph (docs/benchmarks.md): it runs a sample here.
RDFLIB_SAMPLE = 6
RDFLIB_SLOW = {"source-conflicts"}


@pytest.fixture(scope="session")
def rdflib_graph() -> RdflibGraph:
    return RdflibGraph.from_files(default_files())


@pytest.fixture(params=ENGINES)
def engine(request: pytest.FixtureRequest) -> SparqlGraph:
    fixture = {"rdflib": "rdflib_graph", "oxigraph": "oxigraph_graph", "virtuoso": "virtuoso_graph"}
    graph: SparqlGraph = request.getfixturevalue(fixture[request.param])
    return graph


def named_cases(resolver: Resolver) -> list[tuple[str, dict[str, object]]]:
    """Every named query with every combination of real parameter values (some capped)."""
    out: list[tuple[str, dict[str, object]]] = []
    for name, q in sorted(queries.available().items()):
        pools = []
        for p in q.parameters:
            values = VALUES[p.type]
            if p.type in ("state", "treaty", "organisation", "body"):
                values = tuple(IRI(resolver.resolve(p.type, str(v)).iri) for v in values)
            elif p.type == "article":
                values = tuple(IRI(resolver.article(str(v)).iri) for v in values)
            pools.append([(p.name, v) for v in values])
        for combo in itertools.product(*pools):
            out.append((name, dict(combo)))
    return out


def test_named_queries_agree(engine: SparqlGraph, kg: KnowledgeGraph, resolver: Resolver) -> None:
    cases = named_cases(resolver)
    assert len(cases) > 100
    if isinstance(engine, RdflibGraph):
        cases = [c for i, c in enumerate(cases) if i % RDFLIB_SAMPLE == 0 and c[0] not in RDFLIB_SLOW]
    differ = []
    for name, bindings in cases:
        expected = queries.run_named(kg, name, **bindings)
        got = queries.run_named(engine, name, **bindings)
        if got != expected:
            differ.append(f"{name} {bindings}: {len(expected)} rows expected, {len(got)} got")
    assert not differ, "\n".join(differ)


def _status(graph: SparqlGraph, resolver: Resolver, state: str, on: dt.date) -> str:
    return render.dumps(render.status_json(state_status(graph, resolver.state(state).iri, on)))


def test_status_agrees(engine: SparqlGraph, kg: KnowledgeGraph, resolver: Resolver) -> None:
    states = STATES[:2] if isinstance(engine, RdflibGraph) else STATES
    for state, on in itertools.product(states, DATES):
        assert _status(engine, resolver, state, on) == _status(kg, resolver, state, on), (state, on)


WITHDRAWALS = [
    ("RUS", "ECPT", None),
    ("RUS", "ECPT", dt.date(2025, 10, 3)),
    ("UKR", "ECPT", dt.date(2025, 1, 1)),
    ("RUS", "CAT", dt.date(2025, 1, 1)),
    ("TUR", "ECHR", dt.date(2024, 5, 2)),
    ("RUS", "ECHR", dt.date(2021, 6, 1)),
]


def _impact(graph: SparqlGraph, resolver: Resolver, state: str, treaty: str, notified: dt.date | None) -> str:
    try:
        result = withdraw(
            graph, resolver.state(state).iri, resolver.treaty(treaty).iri, notified, today=dt.date(2026, 1, 1)
        )
    except ObligraphError as err:  # e.g. not bound on that date: the same error everywhere
        return f"{type(err).__name__}: {err}"
    return render.dumps(render.impact_json(result))


@pytest.mark.parametrize(("state", "treaty", "notified"), WITHDRAWALS)
def test_impact_agrees(
    engine: SparqlGraph,
    kg: KnowledgeGraph,
    resolver: Resolver,
    state: str,
    treaty: str,
    notified: dt.date | None,
) -> None:
    assert _impact(engine, resolver, state, treaty, notified) == _impact(
        kg, resolver, state, treaty, notified
    )


def test_seed_question_on_every_engine(engine: SparqlGraph, resolver: Resolver) -> None:
    # ECPT Art. 22 (droit-bilingue.ch, see graph/): 12 months, effect on the first day of the
    # month after; notified 2025-10-03 -> 2026-11-01, and the CPT (ECPT Art. 1) loses access.
    result = withdraw(engine, resolver.state("RUS").iri, resolver.treaty("ECPT").iri, dt.date(2025, 10, 3))
    assert result.effective == dt.date(2026, 11, 1)
    assert [b.body.id for b in result.bodies_losing_access] == ["CPT"]


def test_conflicts_agree(engine: SparqlGraph, kg: KnowledgeGraph) -> None:
    if isinstance(engine, RdflibGraph):
        pytest.skip("rdflib takes 30 s for source-conflicts on the full graph (docs/benchmarks.md)")
    expected = render.dumps(render.conflicts_json(source_conflicts(kg)))
    assert render.dumps(render.conflicts_json(source_conflicts(engine))) == expected


def test_labels_and_resolution_agree(engine: SparqlGraph, kg: KnowledgeGraph) -> None:
    remote = Resolver(engine)
    for name in ("Russia", "RU", "ECPT", "ETS-126", "UN-IV-9", "CAT"):
        kind = "state" if name in ("Russia", "RU") else "treaty"
        assert remote.resolve(kind, name) == Resolver(kg).resolve(kind, name)
