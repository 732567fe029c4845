"""Validation of fact files: Turtle syntax (file and line), then SHACL shapes (file and subject)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from rdflib import Graph
from rdflib.namespace import RDF, SH

from obligraph import paths
from obligraph.errors import TurtleSyntaxError
from obligraph.store import KnowledgeGraph


@dataclass(frozen=True)
class Finding:
    file: str
    subject: str
    message: str
    path: str | None


@dataclass(frozen=True)
class Report:
    files: tuple[str, ...]
    triples: int
    findings: tuple[Finding, ...]

    @property
    def conforms(self) -> bool:
        return not self.findings


def validate(files: list[Path], shapes: Path | None = None) -> Report:
    """Parse every file (a syntax error raises :class:`TurtleSyntaxError` naming file and line),
    then check the union against the SHACL shapes."""
    KnowledgeGraph.from_files(files)  # fast syntax check with file and line numbers
    data = Graph()
    where: dict[str, set[str]] = defaultdict(set)
    for path in files:
        part = Graph()
        try:
            part.parse(path, format="turtle")
        except Exception as exc:  # rdflib raises several types; oxigraph already passed
            raise TurtleSyntaxError(str(path), None, str(exc)) from None
        for subject in set(part.subjects()):
            where[str(subject)].add(_display(path))
        data += part
    shapes_graph = Graph().parse(shapes or paths.data_root() / "ontology" / "shapes.ttl", format="turtle")
    from pyshacl import validate as shacl_validate

    _, results, _ = shacl_validate(data, shacl_graph=shapes_graph, inference="none", advanced=False)
    findings = []
    for result in results.subjects(RDF.type, SH.ValidationResult):
        focus = str(results.value(result, SH.focusNode))
        message = str(results.value(result, SH.resultMessage) or "shape violated")
        path = results.value(result, SH.resultPath)
        files_for = sorted(where.get(focus, {"(unknown file)"}))
        findings.append(Finding(", ".join(files_for), focus, message, str(path) if path else None))
    findings.sort(key=lambda f: (f.file, f.subject, f.message))
    return Report(tuple(_display(p) for p in files), len(data), tuple(findings))


def _display(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(paths.data_root().resolve()))
    except ValueError:
        return str(path)
