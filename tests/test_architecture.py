"""The house rules of the package (issue 12): packages by role, no import circle, nothing
imports from a layer above it, small modules, generated files current."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "obligraph"

# Lowest first. A module may import from its own layer or any layer below, never above.
LAYERS: tuple[frozenset[str], ...] = (
    frozenset({"errors", "paths", "ontology_terms", "vocab", "dates", "wording", "tables"}),
    frozenset({"rdf_terms"}),
    frozenset({"store"}),
    frozenset({"resolve", "queries"}),
    frozenset({"analysis", "reasoning"}),
    frozenset({"importers", "diagrams", "render"}),
    frozenset({"serve"}),
    frozenset({"cli"}),
    frozenset({"__init__", "__main__", "api"}),
)


def _modules() -> dict[str, Path]:
    out = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = list(path.relative_to(PACKAGE).with_suffix("").parts)
        if parts[-1] == "__init__" and len(parts) > 1:
            parts = parts[:-1]
        out[".".join(["obligraph", *parts])] = path
    return out


def _imports(path: Path, name: str, known: set[str]) -> set[str]:
    """Every obligraph module ``path`` imports, at the top or inside a function."""
    found: set[str] = set()
    package = name if path.name == "__init__.py" else name.rsplit(".", 1)[0]
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if isinstance(node, ast.Import):
            found |= {a.name for a in node.names if a.name.startswith("obligraph")}
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                base = ".".join(
                    package.split(".")[: len(package.split(".")) - node.level + 1] + [base]
                ).strip(".")
            if not base.startswith("obligraph"):
                continue
            for alias in node.names:
                candidate = f"{base}.{alias.name}"
                found.add(candidate if candidate in known else base)
    return {m for m in found if m in known and m != name}


def _layer(module: str) -> int:
    parts = module.split(".")
    top = parts[1] if len(parts) > 1 else "__init__"
    for number, members in enumerate(LAYERS):
        if top in members:
            return number
    raise AssertionError(
        f"{module}: its package or module {top!r} is in no layer of tests/test_architecture.py"
    )


@pytest.fixture(scope="module")
def graph() -> dict[str, set[str]]:
    modules = _modules()
    known = set(modules)
    return {name: _imports(path, name, known) for name, path in modules.items()}


def test_no_import_circle(graph: dict[str, set[str]]) -> None:
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(node: str) -> None:
        state[node] = 1
        stack.append(node)
        for nxt in sorted(graph[node]):
            if state.get(nxt) == 1:
                cycle = stack[stack.index(nxt) :] + [nxt]
                raise AssertionError("import circle: " + " -> ".join(cycle))
            if nxt not in state:
                visit(nxt)
        stack.pop()
        state[node] = 2

    for node in sorted(graph):
        if node not in state:
            visit(node)


def test_nothing_imports_from_a_layer_above(graph: dict[str, set[str]]) -> None:
    upward = [
        f"{a} (layer {_layer(a)}) imports {b} (layer {_layer(b)})"
        for a, targets in sorted(graph.items())
        for b in sorted(targets)
        if _layer(b) > _layer(a) and not b.startswith(a + ".")
    ]
    assert upward == []


def test_modules_are_small() -> None:
    big = {
        str(p.relative_to(PACKAGE)): n
        for p in PACKAGE.rglob("*.py")
        if (n := len(p.read_text("utf-8").splitlines())) > 500
    }
    assert big == {}


def test_at_most_fifteen_modules_at_the_top() -> None:
    top = sorted(p.name for p in PACKAGE.glob("*.py"))
    assert len(top) <= 15, top


def test_every_cli_module_registers_the_same_way() -> None:
    import importlib

    import obligraph.cli as cli

    for path in sorted((PACKAGE / "cli").glob("*.py")):
        if path.stem in ("__init__", "app", "text", "answers", "quick"):  # shared, not command groups
            continue
        module = importlib.import_module(f"obligraph.cli.{path.stem}")
        assert callable(getattr(module, "register", None)), f"{path.name} has no register(app)"
        assert module.__name__.rsplit(".", 1)[1] in cli.__dict__, (
            f"{path.name} is not registered in cli/__init__"
        )


def test_ontology_terms_are_generated_from_the_ontology() -> None:
    import importlib.util

    spec = importlib.util.spec_from_file_location(
        "generate_ontology_terms", PACKAGE.parents[1] / "scripts" / "generate_ontology_terms.py"
    )
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    assert (PACKAGE / "ontology_terms.py").read_text("utf-8") == module.render(), (
        "src/obligraph/ontology_terms.py is out of date: run python scripts/generate_ontology_terms.py"
    )


def test_a_misspelt_ontology_term_fails() -> None:
    from obligraph.rdf_terms import OG as RDF_OG
    from obligraph.vocab import OG

    assert OG.Treaty == "https://w3id.org/obligraph/ontology#Treaty"
    assert str(RDF_OG.Treaty) == OG.Treaty
    with pytest.raises(AttributeError):
        _ = OG.Treatty  # type: ignore[attr-defined]
    with pytest.raises(AttributeError):
        _ = RDF_OG.Treatty


def test_every_error_class_lives_in_errors() -> None:
    elsewhere = [
        f"{p.relative_to(PACKAGE)}: {node.name}"
        for p in PACKAGE.rglob("*.py")
        if p.name != "errors.py"
        for node in ast.walk(ast.parse(p.read_text("utf-8")))
        if isinstance(node, ast.ClassDef)
        and any(
            isinstance(b, ast.Name) and (b.id.endswith(("Error", "Exception")) or b.id == "Exception")
            for b in node.bases
        )
    ]
    assert elsewhere == []


def test_engine_and_importers_name_no_treaty_or_state() -> None:
    """Identifiers of treaties (ETS-126, UN-IV-9, OAS-B-32, ...) and ISO codes in quotes belong in
    the graph and in graph/curation/, not in the engine, the reasoning or the importers."""
    import re

    pattern = re.compile(r"[\"'](?:C?ETS-\d|UN-[IVX]|OAS-|ROME|ACHR|[A-Z]{3}[\"'])")
    offenders = []
    for folder in ("analysis", "reasoning", "importers"):
        for p in sorted((PACKAGE / folder).glob("*.py")):
            for number, line in enumerate(p.read_text("utf-8").splitlines(), start=1):
                code = line.split("#", 1)[0]
                if pattern.search(code) and not code.strip().startswith(('"""', "'")):
                    offenders.append(f"{p.relative_to(PACKAGE)}:{number}: {line.strip()}")
    assert offenders == []
