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


def read_user_text(path: Path, what: str = "file", limit: int = 1024 * 1024) -> str:
    """The text of a file a user names (a scenario, a query): a one-line error for a file that
    cannot be read, is larger than ``limit`` bytes, is binary, or is not UTF-8 (naming the line)."""
    from obligraph.errors import BadParameterError

    try:
        if path.is_dir():
            raise BadParameterError(f"{path}: a folder, not a {what}")
        with path.open("rb") as handle:  # never more than the limit, even from a device
            data = handle.read(limit + 1)
    except OSError as exc:
        raise BadParameterError(f"{path}: cannot read the {what} ({exc.strerror or exc})") from None
    if len(data) > limit:
        raise BadParameterError(f"{path}: {what} larger than {limit} bytes")
    if b"\x00" in data:
        line = data[: data.index(b"\x00")].count(b"\n") + 1
        raise BadParameterError(f"{path}:{line}: a binary file, not a {what} (a NUL byte)")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise BadParameterError(f"{path}:{line}: not UTF-8 text (byte {data[exc.start]:#04x})") from None


def check_not_project_data(path: Path, force: bool | None = None) -> None:
    """Refuse to write ``path`` inside obligraph's own ``ontology/``, ``graph/`` or ``queries/``
    (the files the graph is loaded from): with ``force`` False the refusal names ``--force``,
    with ``force`` None (a command without that option) it asks for another path."""
    from obligraph.errors import BadParameterError

    root = data_root().resolve()
    target = path.resolve()
    for folder in ("ontology", "graph", "queries"):
        if target == root / folder or target.is_relative_to(root / folder):
            if force:
                return
            verb = "overwrite" if target.is_file() else "write into"
            how = "give --force to do it anyway" if force is False else "choose another path"
            raise BadParameterError(f"{path}: would {verb} obligraph's own {folder}/ folder; {how}")
