"""Where a subject is stated: the file and line of each Turtle statement whose subject it is.

RDF parsers do not keep positions, so this reads the Turtle text itself: a statement's subject
is the first term of a line that starts in column 0 after a finished statement (the layout of
every file in ``graph/`` and of the importers' output). Prefixed names are expanded with the
file's own ``@prefix`` lines. A subject that is only written in another layout is still found by
a plain search for its written forms; only when neither finds it is the line unknown.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

_PREFIX = re.compile(r"^\s*(?:@prefix|PREFIX)\s+([A-Za-z][\w.-]*)?:\s*<([^>]*)>", re.IGNORECASE)
_SUBJECT = re.compile(r"^(<[^>\s]*>|[A-Za-z][\w.-]*?:[^\s;,]*|:[^\s;,]*)(?=\s|$)")


@dataclass(frozen=True)
class Location:
    file: str
    line: int | None

    def __str__(self) -> str:
        return f"{self.file}:{self.line}" if self.line else self.file


@dataclass(frozen=True)
class SubjectIndex:
    """Subject IRI -> the places that state it, for a set of files."""

    places: Mapping[str, tuple[Location, ...]]

    def locate(self, subject: str) -> tuple[Location, ...]:
        return self.places.get(subject, ())


def index_files(files: Iterable[Path], display: Mapping[Path, str] | None = None) -> SubjectIndex:
    """Index the subjects of every file (``display`` maps a path to the name shown to users)."""
    places: dict[str, list[Location]] = {}
    for path in files:
        name = (display or {}).get(path, str(path))
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            continue
        for iri, line in subject_lines(text).items():
            places.setdefault(iri, []).append(Location(name, line))
    return SubjectIndex({k: tuple(v) for k, v in places.items()})


def subject_lines(text: str) -> dict[str, int]:
    """Each subject IRI written at the start of a statement, with its first line number."""
    prefixes: dict[str, str] = {}
    found: dict[str, int] = {}
    statement_open = False
    for number, line in enumerate(text.splitlines(), start=1):
        match = _PREFIX.match(line)
        if match:
            prefixes[match.group(1) or ""] = match.group(2)
            continue
        stripped = line.strip()
        if not stripped or stripped.startswith("#"):
            continue
        if not statement_open and not line[0].isspace():
            subject = _SUBJECT.match(line)
            if subject:
                iri = _expand(subject.group(1), prefixes)
                if iri is not None:
                    found.setdefault(iri, number)
        statement_open = not _ends_statement(stripped)
    return found


def find_written(text: str, iri: str) -> int | None:
    """The first line on which ``iri`` is written in full (``<iri>``): a fallback."""
    needle = f"<{iri}>"
    for number, line in enumerate(text.splitlines(), start=1):
        if needle in line:
            return number
    return None


def _expand(term: str, prefixes: Mapping[str, str]) -> str | None:
    if term.startswith("<"):
        return term[1:-1]
    prefix, _, local = term.partition(":")
    if prefix not in prefixes:
        return None
    return prefixes[prefix] + re.sub(r"\\(.)", r"\1", local)


def _ends_statement(stripped: str) -> bool:
    """Whether a line closes its statement: it ends with a full stop outside a string or IRI."""
    code = re.sub(r'"(?:[^"\\]|\\.)*"|<[^>]*>', '""', stripped)
    return code.split("#", 1)[0].rstrip().endswith(".")
