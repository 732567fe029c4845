"""Regenerate everything under ``graph/generated/`` from the raw source data, in order.

States first (every other file refers to them), then the Council of Europe record (clauses
included) and the hand-compiled facts of graph/compiled/, then the UN Treaty Collection pages,
whose entry-into-force dates are computed from the clauses just written.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from obligraph import paths
from obligraph.importers import coe, compiled, states, untc
from obligraph.store import KnowledgeGraph

STEPS = ("states", "coe", "compiled", "coe (computed dates)", *untc.instruments())


def _graph(out_dir: Path) -> KnowledgeGraph:
    root = paths.data_root()
    hand = sorted(p for p in (root / "graph").glob("*.ttl"))
    generated = sorted(out_dir.rglob("*.ttl"))
    return KnowledgeGraph.from_files([root / "ontology" / "obligraph.ttl", *hand, *generated])


def build(
    source_dir: Path, out_dir: Path, progress: Callable[[str], None] = lambda step: None
) -> tuple[list[Path], dict[str, list[str]]]:
    """Write all generated files; return them and the UNTC participants no state matched."""
    written = states.run(source_dir, out_dir, coe.state_names(source_dir))
    progress("states")
    coe.run(source_dir, out_dir)
    progress("coe")
    written += compiled.run(out_dir)
    progress("compiled")
    written += coe.run(source_dir, out_dir, _graph(out_dir))
    progress("coe (computed dates)")
    untc_written, unresolved = untc.run(source_dir, out_dir, _graph(out_dir), progress)
    return written + untc_written, unresolved
