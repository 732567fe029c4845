"""Validation of fact files, in four stages, into one report:

1. Turtle syntax: a malformed file raises :class:`TurtleSyntaxError` naming file and line;
2. SHACL shapes (``ontology/shapes.ttl``) with pySHACL;
3. the violation checks ``queries/checks/*-violation.rq`` (any row is a finding);
4. HermiT through owlready2 (OWL-RL without Java) on the ontology and a sample of the facts.

Every finding names its subject and the file and line that state it (see :mod:`locate`).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from rdflib import Graph, URIRef
from rdflib.namespace import RDF, SH

from obligraph import paths
from obligraph.errors import TurtleSyntaxError
from obligraph.reasoning import checks, sampling
from obligraph.reasoning.locate import find_written, index_files
from obligraph.reasoning.reason import Reasoning, reason
from obligraph.store import KnowledgeGraph


@dataclass(frozen=True)
class Finding:
    """One problem: ``file`` is where the subject is stated (``path:line``, several joined by
    ", "), ``stage`` the step that found it: ``shacl``, ``check:NAME`` or ``reasoner``."""

    file: str
    subject: str
    message: str
    path: str | None
    stage: str = "shacl"


@dataclass(frozen=True)
class Report:
    files: tuple[str, ...]
    triples: int
    findings: tuple[Finding, ...]
    stages: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()

    @property
    def conforms(self) -> bool:
        return not self.findings


def validate(
    files: list[Path],
    shapes: Path | None = None,
    *,
    reasoner: str = "auto",
    sample_states: Sequence[str] | None,
) -> Report:
    """Run the four stages over ``files``. ``reasoner`` is ``auto`` (HermiT, or OWL-RL without
    Java), ``hermit``, ``owlrl`` or ``none``; the reasoner sees the bulk facts of
    ``sample_states`` only (:func:`obligraph.reasoning.sampling.default_states` is the usual
    choice), or every fact with ``sample_states=None``."""
    kg = KnowledgeGraph.from_files(files)  # fast syntax check with file and line numbers
    data = Graph()
    parts: list[tuple[Path, Graph]] = []
    stated_in: dict[str, list[Path]] = defaultdict(list)
    for path in files:
        part = Graph()
        try:
            part.parse(path, format="turtle")
        except Exception as exc:  # rdflib raises several types; oxigraph already passed
            raise TurtleSyntaxError(str(path), None, str(exc)) from None
        for subject in set(part.subjects()):
            stated_in[str(subject)].append(path)
        parts.append((path, part))
        data += part
    where = _Locator(files, stated_in)

    shapes_path = shapes or paths.data_root() / "ontology" / "shapes.ttl"
    findings = _shacl(data, shapes_path, where)
    stages = [f"SHACL shapes ({_display(shapes_path)}): {len(findings)} findings"]

    suite = checks.available()
    violations = checks.run_checks(kg, suite)
    findings += [
        Finding(where(v.subject), v.subject, v.message, None, f"check:{v.check}") for v in violations
    ]
    stages.append(f"violation checks ({len(suite)} in queries/checks/): {len(violations)} findings")

    notes: list[str] = []
    if reasoner != "none":
        ontology, facts, scope = _reasoner_input(parts, sample_states)
        result = reason(ontology, facts, engine=reasoner)
        found = _reasoner_findings(result, facts, where)
        findings += found
        verdict = "consistent" if result.consistent else "INCONSISTENT"
        stages.append(
            f"{result.engine} on {scope} ({result.triples} triples, {result.seconds:.1f} s): {verdict}, "
            f"{len(result.unsatisfiable)} unsatisfiable classes; {len(found)} findings"
        )
        notes += result.notes
    findings.sort(key=lambda f: (f.file, f.subject, f.stage, f.message))
    return Report(tuple(_display(p) for p in files), len(data), tuple(findings), tuple(stages), tuple(notes))


def _shacl(data: Graph, shapes_path: Path, where: _Locator) -> list[Finding]:
    from pyshacl import validate as shacl_validate

    shapes_graph = Graph().parse(shapes_path, format="turtle")
    _, results, _ = shacl_validate(data, shacl_graph=shapes_graph, inference="none", advanced=False)
    findings = []
    for result in results.subjects(RDF.type, SH.ValidationResult):
        focus = str(results.value(result, SH.focusNode))
        message = str(results.value(result, SH.resultMessage) or "shape violated")
        path = results.value(result, SH.resultPath)
        findings.append(Finding(where(focus), focus, message, str(path) if path else None, "shacl"))
    return findings


def _reasoner_input(
    parts: Sequence[tuple[Path, Graph]], states: Sequence[str] | None
) -> tuple[Graph, Graph, str]:
    """The ontology (files under ``ontology/``) and the facts, sampled unless ``states`` is None."""
    folder = (paths.data_root() / "ontology").resolve()
    ontology = Graph()
    fact_parts = []
    for path, part in parts:
        if path.resolve().parent == folder:
            ontology += part
        else:
            fact_parts.append((path, part))
    if states is None or not any(sampling.is_bulk(path) for path, _ in fact_parts):
        facts = Graph()
        for _, part in fact_parts:
            facts += part
        return ontology, facts, "the ontology and all facts"
    scope = f"the ontology and a sample of the facts (hand-written files; {', '.join(states)} from graph/generated/)"
    return ontology, sampling.sample_parsed(fact_parts, states), scope


def _reasoner_findings(result: Reasoning, facts: Graph, where: _Locator) -> list[Finding]:
    found = []
    detail = "; ".join(line for line in result.explanation if not line.startswith("  "))
    culprits = list(result.culprits)
    if not result.consistent and not culprits:
        # OWL-RL names the individuals in its messages; keep those the facts state.
        subjects = {str(s) for s in facts.subjects() if isinstance(s, URIRef)}
        culprits = sorted(s for s in subjects if any(s in line for line in result.explanation))
    for culprit in culprits:
        found.append(
            Finding(where(culprit), culprit, f"inconsistent with the ontology: {detail}", None, "reasoner")
        )
    if not result.consistent and not culprits:
        found.append(Finding("(the facts reasoned over)", "(no single subject)", detail, None, "reasoner"))
    for cls in result.unsatisfiable:
        message = f"unsatisfiable class: nothing can be a member ({result.engine})"
        found.append(Finding(where(cls), cls, message, None, "reasoner"))
    return found


class _Locator:
    """Subject -> "file:line, ..." for the report."""

    def __init__(self, files: Sequence[Path], stated_in: dict[str, list[Path]]) -> None:
        self._index = index_files(files, {p: _display(p) for p in files})
        self._stated_in = stated_in
        self._texts: dict[Path, str] = {}

    def __call__(self, subject: str) -> str:
        locations = self._index.locate(subject)
        places = [str(loc) for loc in locations]
        located = {loc.file for loc in locations}
        for path in self._stated_in.get(subject, []):
            if _display(path) not in located:
                line = find_written(self._text(path), subject)
                places.append(f"{_display(path)}:{line}" if line else _display(path))
        return ", ".join(sorted(places)) if places else "(unknown file)"

    def _text(self, path: Path) -> str:
        if path not in self._texts:
            self._texts[path] = path.read_text(encoding="utf-8")
        return self._texts[path]


def _display(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(paths.data_root().resolve()))
    except ValueError:
        return str(path)
