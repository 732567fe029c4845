"""Write an import's files all at once, or not at all.

An import (``obligraph build``, ``obligraph import ...``) writes into a temporary copy of
``graph/generated/``; only when every step has succeeded are the files that changed moved into
place, each by an atomic rename. A failure leaves ``graph/generated/`` exactly as it was.

Before anything moves, every changed file is compared with the one it replaces: a file that
would lose more than :data:`MAX_LOSS` of its triples (a truncated page, an empty participants
table) is refused unless the caller allows it (``--allow-shrink``).
"""

from __future__ import annotations

import filecmp
import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from obligraph.errors import SourceDataError

MAX_LOSS = 0.10  # the share of a file's triples an import may drop without --allow-shrink


@dataclass
class Staged:
    """The folder an import writes into (``work``, a copy of ``target``), and where it goes."""

    work: Path
    target: Path
    moved: list[Path] = field(default_factory=list)

    def final(self, path: Path) -> Path:
        """Where a file written under ``work`` ends up under ``target``."""
        return self.target / path.relative_to(self.work)


def triples(path: Path) -> int:
    import pyoxigraph as ox

    try:
        return sum(1 for _ in ox.parse(path=str(path), format=ox.RdfFormat.TURTLE))
    except (SyntaxError, OSError, ValueError):
        return 0


def _changed(work: Path, target: Path) -> list[Path]:
    """Files under ``work`` that are new or differ from their counterpart under ``target``."""
    out = []
    for path in sorted(p for p in work.rglob("*") if p.is_file()):
        old = target / path.relative_to(work)
        if not old.is_file() or not filecmp.cmp(path, old, shallow=False):
            out.append(path.relative_to(work))
    return out


def check_shrink(work: Path, target: Path, changed: list[Path]) -> None:
    """Refuse a file that would lose more than :data:`MAX_LOSS` of its triples."""
    for relative in changed:
        old = target / relative
        if not old.is_file() or relative.suffix != ".ttl":
            continue
        before, after = triples(old), triples(work / relative)
        if after < before * (1 - MAX_LOSS):
            raise SourceDataError(
                f"{old}: would shrink from {before} to {after} triples (more than {MAX_LOSS:.0%} fewer); "
                "nothing was written. If the source really lost them, run again with --allow-shrink"
            )


def _hidden(destination: Path) -> Path:
    return destination.with_name(f".{destination.name}.importing")


def _place(work: Path, target: Path, changed: list[Path]) -> list[Path]:
    """Copy every changed file beside its destination under a hidden name, then rename each over
    its destination: a full disk or a permission error stops before anything is replaced."""
    try:
        for relative in changed:
            destination = target / relative
            destination.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(work / relative, _hidden(destination))
    except OSError as exc:
        for relative in changed:
            _hidden(target / relative).unlink(missing_ok=True)
        raise SourceDataError(
            f"{target}: cannot write ({exc.strerror or exc}); nothing was changed"
        ) from None
    for relative in changed:
        os.replace(_hidden(target / relative), target / relative)
    return [target / relative for relative in changed]


@contextmanager
def staged(target: Path, allow_shrink: bool = False) -> Iterator[Staged]:
    """A temporary copy of ``target`` to write into; on a clean exit the files that changed move
    into ``target`` (after the shrink check), on an exception nothing does."""
    with tempfile.TemporaryDirectory(prefix="obligraph-import-") as tmp:
        work = Path(tmp) / "generated"
        if target.is_dir():
            shutil.copytree(target, work)
        else:
            work.mkdir()
        stage = Staged(work, target)
        yield stage
        changed = _changed(work, target)
        if not allow_shrink:
            check_shrink(work, target, changed)
        stage.moved = _place(work, target, changed)
