"""OWL-RL materialisation of the whole graph with owlrl, cached outside the repository.

The closure of the ontology and all facts takes tens of seconds (measured in the README), so
it is computed once per set of inputs: the cache key is a SHA-256 of every input file's name
and bytes, the owlrl version and the obligraph version. The cache holds only the inferred
triples, as N-Triples, beside a small JSON record (counts, seconds, rule violations).

Left out of the inferred triples, because they say nothing a query can use or cannot be written
as plain RDF: triples about literals or blank nodes, reflexive ``owl:sameAs``,
``owl:equivalentClass``, ``owl:equivalentProperty``, ``rdfs:subClassOf`` and
``rdfs:subPropertyOf``, and ``rdf:type owl:Thing``.
"""

from __future__ import annotations

import hashlib
import json
import os
import time
from collections.abc import Sequence
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import OWL, RDF, RDFS

from obligraph import paths
from obligraph.paths import cache_dir
from obligraph.store import KnowledgeGraph, default_files
from obligraph.store.cache import add_files

_REFLEXIVE_NOISE = {
    OWL.sameAs,
    OWL.equivalentClass,
    OWL.equivalentProperty,
    RDFS.subClassOf,
    RDFS.subPropertyOf,
}
ERROR_NS = "http://www.daml.org/2002/03/agents/agent-ont#"  # owlrl's namespace for rule violations
CLOSURE_FORMAT = 1  # bump when what is kept of the closure changes: old cache entries then miss
KEEP_PER_SCOPE = 3  # cache entries kept per scope (all facts, a sample); older ones are deleted


@dataclass(frozen=True)
class Closure:
    """The inferred triples of one set of inputs, where they are cached, and how they were made."""

    path: Path
    key: str
    inputs: int
    inferred: int
    seconds: float
    from_cache: bool
    violations: tuple[str, ...]


def input_key(files: Sequence[Path], sample_states: Sequence[str] | None = None) -> str:
    """SHA-256 of the inputs (names relative to the data root, bytes), the sample (if any) and
    the engine versions."""
    digest = hashlib.sha256()
    digest.update(f"format={CLOSURE_FORMAT}\n".encode())
    digest.update(f"sample={'all' if sample_states is None else ','.join(sample_states)}\n".encode())
    for name in ("owlrl", "rdflib", "obligraph"):
        digest.update(f"{name}={_version(name)}\n".encode())
    add_files(digest, files)
    return digest.hexdigest()


def materialise(
    files: Sequence[Path] | None = None,
    *,
    refresh: bool = False,
    sample_states: Sequence[str] | None = None,
) -> Closure:
    """The OWL-RL closure of ``files`` (default: ontology and all facts), from the cache when the
    inputs are unchanged, else computed with owlrl and cached. With ``sample_states`` the
    closure is of the sample :func:`obligraph.reasoning.sampling.sample_facts` makes; ``()`` keeps no
    state's own facts, only what holds of treaties, bodies and organisations."""
    inputs = list(files) if files is not None else default_files()
    key = input_key(inputs, sample_states)
    folder = cache_dir()
    scope = "all" if sample_states is None else "sample-" + ("-".join(sample_states) or "none")
    triples_path = folder / f"closure-{scope}-{key[:32]}.nt"
    record_path = folder / f"closure-{scope}-{key[:32]}.json"
    if not refresh and triples_path.is_file() and record_path.is_file():
        record = json.loads(record_path.read_text(encoding="utf-8"))
        if record.get("key") == key:
            return Closure(
                triples_path,
                key,
                int(record["inputs"]),
                int(record["inferred"]),
                float(record["seconds"]),
                True,
                tuple(record["violations"]),
            )
    graph = _parse(inputs, sample_states)
    started = time.perf_counter()
    inferred, violations = closure_of(graph)
    seconds = time.perf_counter() - started
    folder.mkdir(parents=True, exist_ok=True)
    _write_atomically(triples_path, _ntriples(inferred))
    record = {
        "key": key,
        "inputs": len(graph),
        "inferred": len(inferred),
        "seconds": round(seconds, 2),
        "violations": list(violations),
        "files": [str(p) for p in inputs],
    }
    _write_atomically(record_path, json.dumps(record, indent=2).encode())
    _prune(folder, scope)
    return Closure(triples_path, key, len(graph), len(inferred), seconds, False, violations)


def closure_of(graph: Graph) -> tuple[Graph, tuple[str, ...]]:
    """Run owlrl's OWL-RL semantics on a copy of ``graph``; the useful inferred triples and the
    messages of any rule that found an inconsistency (e.g. disjoint classes sharing a member)."""
    import owlrl

    work = Graph()
    for prefix, namespace in graph.namespaces():
        work.bind(prefix, namespace)
    work += graph
    owlrl.DeductiveClosure(
        _semantics(), rdfs_closure=False, axiomatic_triples=False, datatype_axioms=False
    ).expand(work)
    violations = sorted(
        str(message)
        for message in work.objects(None, URIRef(ERROR_NS + "error"))
        if isinstance(message, Literal)
    )
    inferred = Graph()
    for triple in work:
        if triple not in graph and _useful(triple):
            inferred.add(triple)
    return inferred, tuple(violations)


def _semantics() -> type:
    """owlrl's OWL-RL semantics without rule eq-ref (every resource is the same as itself):
    those reflexive owl:sameAs triples are never kept, yet every later cycle of the closure
    would re-read them (25% of the time on the full graph, measured)."""
    import owlrl

    class Semantics(owlrl.OWLRL_Semantics):  # type: ignore[misc]
        def store_triple(self, t: tuple[object, object, object]) -> None:
            if t[1] == OWL.sameAs and t[0] == t[2]:
                return
            super().store_triple(t)

    return Semantics


def load_with_inferences(files: Sequence[Path] | None = None) -> KnowledgeGraph:
    """The ontology and all facts plus their cached OWL-RL closure, in one store."""
    inputs = list(files) if files is not None else default_files()
    closure = materialise(inputs)
    return KnowledgeGraph.from_files([*inputs, closure.path])


def _useful(triple: tuple[object, object, object]) -> bool:
    s, p, o = triple
    if not isinstance(s, URIRef) or not isinstance(p, URIRef) or isinstance(o, BNode):
        return False
    if str(p).startswith(ERROR_NS) or str(o).startswith(ERROR_NS):
        return False
    if p in _REFLEXIVE_NOISE and s == o:
        return False
    return not (p == RDF.type and o == OWL.Thing)


def _parse(files: Sequence[Path], sample_states: Sequence[str] | None) -> Graph:
    KnowledgeGraph.from_files(files)  # a syntax error names the file and line
    if sample_states is not None:
        from obligraph.reasoning.sampling import sample_facts

        ontology = [p for p in files if p.resolve().parent == (paths.data_root() / "ontology").resolve()]
        graph = sample_facts([p for p in files if p not in ontology], sample_states)
        for path in ontology:
            graph.parse(path, format="turtle")
        return graph
    graph = Graph()
    for path in files:
        graph.parse(path, format="turtle")
    return graph


def _ntriples(graph: Graph) -> bytes:
    lines = sorted(graph.serialize(format="nt", encoding="utf-8").decode("utf-8").splitlines())
    return ("\n".join(line for line in lines if line.strip()) + "\n").encode("utf-8")


def _prune(folder: Path, scope: str) -> None:
    """Keep the newest cache entries of a scope; an entry is its .json record and .nt triples."""
    records = sorted(folder.glob(f"closure-{scope}-*.json"), key=lambda p: p.stat().st_mtime, reverse=True)
    for old in records[KEEP_PER_SCOPE:]:
        old.unlink(missing_ok=True)
        old.with_suffix(".nt").unlink(missing_ok=True)


def _write_atomically(path: Path, data: bytes) -> None:
    temporary = path.with_suffix(path.suffix + f".{os.getpid()}.tmp")
    temporary.write_bytes(data)
    temporary.replace(path)


def _version(name: str) -> str:
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return "unknown"
