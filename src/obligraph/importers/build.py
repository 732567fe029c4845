"""Regenerate everything under ``graph/generated/`` from the raw source data, in order.

States first (every other file refers to them), then the Council of Europe record (clauses
included) and the hand-compiled facts of graph/compiled/, then the UN Treaty Collection pages,
whose entry-into-force dates are computed from the clauses just written.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from obligraph import paths
from obligraph.importers import coe, compiled, staging, states, untc
from obligraph.store import KnowledgeGraph

STEPS = ("states", "coe", "compiled", "coe (computed dates)", *untc.instruments())


def _graph(out_dir: Path) -> KnowledgeGraph:
    root = paths.data_root()
    hand = sorted(p for p in (root / "graph").glob("*.ttl"))
    generated = sorted(out_dir.rglob("*.ttl"))
    return KnowledgeGraph.from_files([root / "ontology" / "obligraph.ttl", *hand, *generated])


def build(
    source_dir: Path,
    out_dir: Path,
    progress: Callable[[str], None] = lambda step: None,
    allow_shrink: bool = False,
) -> tuple[list[Path], dict[str, list[str]]]:
    """Write all generated files; return them and the UNTC participants no state matched. The
    files are written into a temporary copy of ``out_dir`` and moved into place only once every
    step has succeeded (:mod:`obligraph.importers.staging`): a failure writes nothing."""
    with staging.staged(out_dir, allow_shrink) as stage:
        work = stage.work
        written = states.run(source_dir, work, coe.state_names(source_dir))
        progress("states")
        coe.run(source_dir, work)
        progress("coe")
        written += compiled.run(work)
        progress("compiled")
        written += coe.run(source_dir, work, _graph(work))
        progress("coe (computed dates)")
        untc_written, unresolved = untc.run(
            source_dir, work, _graph(work), progress, allow_shrink=allow_shrink
        )
    return [stage.final(p) for p in written + untc_written], unresolved


def import_states(source_dir: Path, out_dir: Path, allow_shrink: bool = False) -> list[Path]:
    """States and their UN and EU memberships (``states.ttl``), written only if all parses."""
    with staging.staged(out_dir, allow_shrink) as stage:
        written = states.run(source_dir, stage.work, coe.state_names(source_dir))
    return [stage.final(p) for p in written]


def import_coe(source_dir: Path, out_dir: Path, kg: KnowledgeGraph, allow_shrink: bool = False) -> list[Path]:
    """The Council of Europe record (``coe/``), written only if all parses."""
    with staging.staged(out_dir, allow_shrink) as stage:
        written = coe.run(source_dir, stage.work, kg)
    return [stage.final(p) for p in written]


def import_untc(
    source_dir: Path,
    out_dir: Path,
    kg: KnowledgeGraph,
    pages: list[Path] | None = None,
    allow_shrink: bool = False,
) -> tuple[list[Path], dict[str, list[str]]]:
    """UN Treaty Collection pages (``untc/``), written only if every page parses."""
    with staging.staged(out_dir, allow_shrink) as stage:
        written, unresolved = untc.run(source_dir, stage.work, kg, pages=pages, allow_shrink=allow_shrink)
    return [stage.final(p) for p in written], unresolved
