"""Violation checks: SPARQL files ``queries/checks/*-violation.rq``, each returning
``?subject ?message``. Any row is a finding. A check file has the standard query header
(title, description) and takes no parameters.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from obligraph import paths
from obligraph.errors import QueryError
from obligraph.queries import NamedQuery, parse
from obligraph.store import KnowledgeGraph

SUFFIX = "-violation.rq"


@dataclass(frozen=True)
class Violation:
    check: str
    title: str
    subject: str
    message: str


def checks_dir() -> Path:
    return paths.queries_dir() / "checks"


def available(directory: Path | None = None) -> tuple[NamedQuery, ...]:
    """Every check, by name; a check with parameters or without ?subject ?message is an error."""
    folder = directory or checks_dir()
    found = []
    for path in sorted(folder.glob(f"*{SUFFIX}")):
        check = parse(path)
        if check.parameters:
            raise QueryError(f"{path}: a violation check takes no parameters")
        text = check.text
        if "?subject" not in text or "?message" not in text:
            raise QueryError(f"{path}: a violation check must select ?subject and ?message")
        found.append(check)
    return tuple(found)


def run_checks(kg: KnowledgeGraph, checks: tuple[NamedQuery, ...] | None = None) -> tuple[Violation, ...]:
    """Run every check over the graph; the rows, sorted by check and subject."""
    found: list[Violation] = []
    for check in checks if checks is not None else available():
        name = check.name.removesuffix("-violation")
        for row in kg.query(check.text):
            subject = row.get("subject")
            message = row.get("message")
            if subject is None:
                raise QueryError(f"{check.path}: a row has no ?subject")
            found.append(Violation(name, check.title, str(subject), str(message or check.title)))
    return tuple(sorted(found, key=lambda v: (v.check, v.subject, v.message)))
