"""The curation tables under graph/curation/: how each raw source names a treaty or a state, and
which states obligraph lists besides the UN members. Importers read names from here, never from
their own code."""

from __future__ import annotations

import csv
import functools
from pathlib import Path

from obligraph import paths
from obligraph.errors import SourceDataError


def _folder() -> Path:
    return paths.data_root() / "graph" / "curation"


@functools.lru_cache(maxsize=8)
def _table(name: str) -> tuple[dict[str, str], ...]:
    path = _folder() / name
    if not path.is_file():
        raise SourceDataError(f"{path}: curation table not found")
    with path.open(newline="", encoding="utf-8") as handle:
        return tuple(dict(row) for row in csv.DictReader(handle))


def identifiers(source: str) -> dict[str, str]:
    """``source_id -> obligraph_id`` for one source (e.g. ``coe-curated``, ``untc-page``)."""
    return {
        r["source_id"]: r["obligraph_id"] for r in _table("source-identifiers.csv") if r["source"] == source
    }


def states_beyond_un_membership() -> tuple[str, ...]:
    return tuple(r["iso3"] for r in _table("states-beyond-un-membership.csv"))


def historical_states() -> tuple[str, ...]:
    """ISO 3166-3 codes of the withdrawn states obligraph lists (predecessors in the sources)."""
    return tuple(r["iso4"] for r in _table("historical-states.csv"))
