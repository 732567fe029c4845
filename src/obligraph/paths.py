"""Where obligraph finds its ontology, facts and queries, and the raw source data."""

from __future__ import annotations

import os
from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def data_root() -> Path:
    """The folder holding ``ontology/``, ``graph/`` and ``queries/``.

    ``OBLIGRAPH_HOME`` wins; then a source checkout (editable install); then the copy bundled
    in the wheel.
    """
    env = os.environ.get("OBLIGRAPH_HOME")
    if env:
        return Path(env)
    checkout = _PACKAGE.parents[1]
    if (checkout / "ontology" / "obligraph.ttl").is_file():
        return checkout
    return _PACKAGE / "_data"


def sources_root() -> Path:
    """The raw source data (``shared/data``): ``OBLIGRAPH_SOURCES`` or ``../shared/data``."""
    env = os.environ.get("OBLIGRAPH_SOURCES")
    if env:
        return Path(env)
    return data_root().parent / "shared" / "data"


def queries_dir() -> Path:
    return data_root() / "queries"


def generated_dir() -> Path:
    return data_root() / "graph" / "generated"


def cache_dir() -> Path:
    """Where obligraph caches what it can rebuild (the graph's on-disk store, the OWL-RL
    closure): ``$OBLIGRAPH_CACHE``, else ``$XDG_CACHE_HOME/obligraph``, else
    ``~/.cache/obligraph``."""
    explicit = os.environ.get("OBLIGRAPH_CACHE")
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME")
    return (Path(base) if base else Path.home() / ".cache") / "obligraph"
