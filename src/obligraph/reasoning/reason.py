"""Description-logic reasoning with HermiT through owlready2, with an OWL-RL fallback.

``reason(ontology, facts)`` loads both into an owlready2 world and runs HermiT
(``owlready2.sync_reasoner_hermit``). It reports whether the whole is consistent, the classes
that can have no member (unsatisfiable), and the members HermiT infers for the defined classes
of the ontology. When HermiT finds the whole inconsistent, owlready2 only says so; to name the
culprits, the facts are grouped by subject and a minimal inconsistent set of subjects is found
with QuickXplain (Junker 2004), each step a HermiT consistency check (``-k``) with the HermiT
that owlready2 bundles; the OWL-RL rules then say, where they can, which axiom the culprits
break.

Without Java (or when Java fails) the same questions go to owlrl's OWL-RL rules, and the report
says so: OWL-RL finds inconsistencies its rules cover (disjoint classes sharing a member, ...),
infers the members of the defined classes, but cannot prove a class unsatisfiable.
"""

from __future__ import annotations

import io
import os
import shutil
import subprocess
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import OWL, RDF, RDFS, SKOS
from rdflib.term import Node

from obligraph.errors import ReasonerFailureError, ReasonerGaveUpError
from obligraph.rdf_terms import OG

HERMIT_DATES_NOTE = (
    "HermiT ignores literals of xsd:date, xsd:gYear and xsd:gYearMonth (not in the OWL 2 "
    "datatype map); date order is checked by the violation queries instead"
)
MAX_LOCALISATION_CHECKS = 60


@dataclass(frozen=True)
class ClassMembers:
    iri: str
    label: str
    members: tuple[str, ...]


@dataclass(frozen=True)
class Reasoning:
    """What the reasoner found. ``culprits`` is a minimal set of subjects whose facts, with the
    ontology, are inconsistent (empty when consistent or when it could not be narrowed)."""

    engine: str
    consistent: bool
    unsatisfiable: tuple[str, ...]
    culprits: tuple[str, ...]
    explanation: tuple[str, ...]
    inferred: tuple[ClassMembers, ...]
    triples: int
    seconds: float
    notes: tuple[str, ...]

    @property
    def clean(self) -> bool:
        return self.consistent and not self.unsatisfiable


def java() -> str | None:
    """The Java executable owlready2 will run, if it is on the PATH."""
    import owlready2

    return shutil.which(str(owlready2.JAVA_EXE))


def reason(ontology: Graph, facts: Graph, *, engine: str = "auto") -> Reasoning:
    """Reason over ``ontology`` plus ``facts``. ``engine`` is ``auto`` (HermiT, or OWL-RL
    without Java), ``hermit`` or ``owlrl``."""
    notes: list[str] = []
    if engine in ("auto", "hermit"):
        if java() is None:
            notes.append("Java was not found on the PATH, so HermiT cannot run; fell back to OWL-RL (owlrl)")
        else:
            try:
                return _hermit(ontology, facts)
            except ReasonerFailureError as failure:
                notes.append(f"HermiT could not run ({failure}); fell back to OWL-RL (owlrl)")
    return _owlrl(ontology, facts, tuple(notes))


def defined_classes(ontology: Graph, *, dated: bool = False) -> tuple[tuple[str, str], ...]:
    """(IRI, label) of the ontology's defined classes (an owl:equivalentClass); dated ones
    (``og:dated true``, evaluated on a snapshot) only when ``dated``."""
    found = []
    for cls in set(ontology.subjects(OWL.equivalentClass, None)):
        if not isinstance(cls, URIRef) or not str(cls).startswith(str(OG)):
            continue
        is_dated = (cls, OG.dated, Literal(True)) in ontology
        if is_dated == dated:
            label = ontology.value(cls, RDFS.label) or ontology.value(cls, SKOS.prefLabel) or cls
            found.append((str(cls), str(label)))
    return tuple(sorted(found))


# ---- HermiT ------------------------------------------------------------------------------


def _hermit(ontology: Graph, facts: Graph) -> Reasoning:
    import owlready2

    started = time.perf_counter()
    data = ontology + facts
    world = owlready2.World()
    try:
        world.get_ontology("https://w3id.org/obligraph/reasoning-input").load(
            fileobj=io.BytesIO(_nt(data)), format="ntriples"
        )
        try:
            owlready2.sync_reasoner_hermit(world, debug=0, ignore_unsupported_datatypes=True)
        except owlready2.OwlReadyInconsistentOntologyError as error:
            said = str(error).strip()
            owlready_line = f"owlready2: {type(error).__name__}" + (f": {said}" if said else "")
            return _inconsistent(ontology, facts, owlready_line, started)
        except owlready2.OwlReadyJavaError as error:
            raise ReasonerFailureError(_first_java_line(str(error))) from None
        except OSError as error:
            raise ReasonerFailureError(str(error)) from None
        unsatisfiable = tuple(
            sorted(c.iri for c in world.inconsistent_classes() if not c.iri.startswith(str(OWL)))
        )
        inferred = []
        for iri, label in defined_classes(ontology):
            cls = world[iri]
            members = () if cls is None else tuple(sorted(i.iri for i in cls.instances(world=world)))
            inferred.append(ClassMembers(iri, label, members))
    finally:
        world.close()
    return Reasoning(
        "HermiT (owlready2)",
        True,
        unsatisfiable,
        (),
        (),
        tuple(inferred),
        len(data),
        time.perf_counter() - started,
        (HERMIT_DATES_NOTE,),
    )


def _inconsistent(ontology: Graph, facts: Graph, owlready_line: str, started: float) -> Reasoning:
    groups = _groups(facts)
    background = ontology + groups.pop(None, Graph())
    names: list[Node] = sorted((n for n in groups if n is not None), key=str)
    checks = 0

    def consistent(chosen: Sequence[Node]) -> bool:
        nonlocal checks
        checks += 1
        if checks > MAX_LOCALISATION_CHECKS:
            raise ReasonerGaveUpError
        merged = background + _union(groups[n] for n in chosen)
        return _hermit_consistent(merged)

    explanation = [owlready_line, "HermiT: the ontology and these facts cannot all be true"]
    culprits: tuple[str, ...] = ()
    try:
        if consistent([]):
            culprits = tuple(str(n) for n in quickxplain(names, consistent, known_inconsistent=True))
        else:
            explanation.append("the ontology and facts with no named subject are inconsistent on their own")
    except ReasonerGaveUpError:
        explanation.append(f"gave up narrowing it down after {MAX_LOCALISATION_CHECKS} checks")
    except ReasonerFailureError as failure:
        explanation.append(f"could not narrow it down: {failure}")
    if culprits:
        chosen = _union(groups[URIRef(c)] for c in culprits)
        from obligraph.reasoning.inference import closure_of

        _, rule_messages = closure_of(ontology + chosen)
        explanation += [f"OWL-RL: {m}" for m in rule_messages]
        if not rule_messages:
            explanation.append("the OWL-RL rules do not pinpoint the axiom; the culprits' facts are:")
            explanation += [f"  {_show(t)}" for t in sorted(chosen, key=_show)[:20]]
    return Reasoning(
        "HermiT (owlready2)",
        False,
        (),
        culprits,
        tuple(explanation),
        (),
        len(ontology) + len(facts),
        time.perf_counter() - started,
        (HERMIT_DATES_NOTE, f"{checks} HermiT consistency checks to name the culprits"),
    )


def quickxplain(
    items: Sequence[Node], consistent: Callable[[Sequence[Node]], bool], *, known_inconsistent: bool = False
) -> list[Node]:
    """A minimal subset of ``items`` that is inconsistent (Junker's QuickXplain), or [] when
    the whole set is consistent. The empty set must be consistent."""

    def explain(base: list[Node], base_changed: bool, rest: list[Node]) -> list[Node]:
        if base_changed and not consistent(base):
            return []
        if len(rest) == 1:
            return list(rest)
        half = len(rest) // 2
        first, second = rest[:half], rest[half:]
        in_second = explain(base + first, bool(first), second)
        in_first = explain(base + in_second, bool(in_second), first)
        return in_first + in_second

    if not items or (not known_inconsistent and consistent(list(items))):
        return []
    return explain([], False, list(items))


def _hermit_consistent(data: Graph) -> bool:
    """One HermiT consistency check with the jar and Java owlready2 uses."""
    import owlready2
    from owlready2 import reasoning

    with tempfile.NamedTemporaryFile("wb", suffix=".nt", delete=False) as handle:
        handle.write(_nt(data))
        name = handle.name
    try:
        command = [
            owlready2.JAVA_EXE,
            f"-Xmx{reasoning.JAVA_MEMORY}M",
            "-cp",
            reasoning._HERMIT_CLASSPATH,
            "org.semanticweb.HermiT.cli.CommandLine",
            "-k",
            "--ignoreUnsupportedDatatypes",
            "file:///" + name.lstrip("/"),
        ]
        try:
            done = subprocess.run(command, capture_output=True, check=False)
        except OSError as error:
            raise ReasonerFailureError(str(error)) from None
    finally:
        os.unlink(name)
    output = (done.stdout + done.stderr).decode("utf-8", "replace")
    if done.returncode == 0:
        return True
    if "Inconsistent ontology" in output:
        return False
    raise ReasonerFailureError(_first_java_line(output))


# ---- OWL-RL fallback -----------------------------------------------------------------------


def _owlrl(ontology: Graph, facts: Graph, notes: tuple[str, ...]) -> Reasoning:
    from obligraph.reasoning.inference import closure_of

    started = time.perf_counter()
    data = ontology + facts
    inferred_graph, messages = closure_of(data)
    everything = data + inferred_graph
    inferred = []
    for iri, label in defined_classes(ontology):
        members = tuple(
            sorted(str(s) for s in everything.subjects(RDF.type, URIRef(iri)) if isinstance(s, URIRef))
        )
        inferred.append(ClassMembers(iri, label, members))
    return Reasoning(
        "OWL-RL (owlrl)",
        not messages,
        (),
        (),
        tuple(f"OWL-RL: {m}" for m in messages),
        tuple(inferred),
        len(data),
        time.perf_counter() - started,
        (*notes, "OWL-RL cannot prove a class unsatisfiable; only HermiT checks that"),
    )


# ---- helpers ---------------------------------------------------------------------------------


def _groups(facts: Graph) -> dict[Node | None, Graph]:
    """Facts grouped by named subject; triples about blank nodes go to the ``None`` group."""
    groups: dict[Node | None, Graph] = defaultdict(Graph)
    for s, p, o in facts:
        groups[s if isinstance(s, URIRef) else None].add((s, p, o))
    return dict(groups)


def _union(graphs: Iterable[Graph]) -> Graph:
    out = Graph()
    for g in graphs:
        out += g
    return out


def _nt(graph: Graph) -> bytes:
    data: bytes = graph.serialize(format="nt", encoding="utf-8")
    return data


def _show(triple: tuple[Node, Node, Node]) -> str:
    return " ".join(t.n3() if not isinstance(t, BNode) else "[]" for t in triple)


def _first_java_line(text: str) -> str:
    for line in text.splitlines():
        line = line.strip()
        if line and not line.startswith("Java error message is"):
            return line[:300]
    return "Java failed without a message"
