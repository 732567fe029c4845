"""Run the bad-input corpus (``corpus.py``): each case must exit 2 with one ``error:`` line on
stderr, print nothing on stdout, raise no exception (so no traceback), and leave the project's
``ontology/``, ``graph/`` and ``queries/`` byte-identical and untouched."""

from __future__ import annotations

import gzip
import hashlib
import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from obligraph import paths
from obligraph.cli import app
from tests.bad_input.corpus import CASES, FILES, SCENARIOS

runner = CliRunner()
NEEDS_SOURCES = ("{S}", "{F}/shrunk/")


def snapshot() -> dict[str, tuple[str, int]]:
    """Every file of the project's data folders: its SHA-256 and its modification time."""
    root = paths.data_root()
    out = {}
    for folder in ("ontology", "graph", "queries"):
        for path in sorted((root / folder).rglob("*")):
            if path.is_file():
                out[str(path.relative_to(root))] = (
                    hashlib.sha256(path.read_bytes()).hexdigest(),
                    path.stat().st_mtime_ns,
                )
    return out


@pytest.fixture(scope="module")
def files(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("bad-input")
    for name, data in FILES.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    return folder


@pytest.fixture(scope="module")
def broken_sources(sources_dir: Path, files: Path) -> Path:
    """The raw data with one UNTC page truncated (the build must then write nothing), and a CAT
    page whose participants table keeps 10 rows (its import must be refused as a shrink)."""
    from lxml import html

    folder = files / "sources"
    for entry in sources_dir.iterdir():
        if entry.name != "untc-hr-mgaldino":
            (folder / entry.name).parent.mkdir(parents=True, exist_ok=True)
            os.symlink(entry, folder / entry.name)
    untc = folder / "untc-hr-mgaldino"
    (untc / "html").mkdir(parents=True)
    for entry in (sources_dir / "untc-hr-mgaldino").iterdir():
        if entry.name != "html":
            os.symlink(entry, untc / entry.name)
    for page in (sources_dir / "untc-hr-mgaldino" / "html").iterdir():
        os.symlink(page, untc / "html" / page.name)
    (untc / "html" / "ced.html.gz").unlink()
    (untc / "html" / "ced.html.gz").write_bytes(
        (sources_dir / "untc-hr-mgaldino/html/ced.html.gz").read_bytes()[:3000]
    )
    doc = html.fromstring(gzip.decompress((sources_dir / "untc-hr-mgaldino/html/cat.html.gz").read_bytes()))
    grid = doc.xpath("//table[contains(@id, 'tblgrid')]")[0]
    for row in grid.xpath("./tr | ./tbody/tr")[10:]:
        row.getparent().remove(row)
    (files / "shrunk").mkdir()
    (files / "shrunk" / "cat.html").write_bytes(html.tostring(doc))
    return folder


@pytest.fixture(scope="module")
def before() -> Iterator[dict[str, tuple[str, int]]]:
    state = snapshot()
    yield state
    assert snapshot() == state, "the corpus changed the project's data folders"


def check(args: list[str], expected: str, state: dict[str, tuple[str, int]]) -> None:
    result = runner.invoke(app, args)
    assert isinstance(result.exception, SystemExit) or result.exception is None, (
        f"{args}: raised {result.exception!r}"
    )
    assert result.exit_code == 2, (args, result.output)
    assert result.stdout == "", (args, result.stdout)
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: "), (args, result.stderr)
    assert expected in lines[0], (args, lines[0])
    assert "Traceback" not in result.output
    assert snapshot() == state, f"{args} changed the project's data folders"


@pytest.mark.parametrize("args,expected", [pytest.param(a, e, id=i) for i, a, e in CASES])
def test_command_line(
    args: list[str],
    expected: str,
    files: Path,
    before: dict[str, tuple[str, int]],
    request: pytest.FixtureRequest,
) -> None:
    sources = ""
    if any(marker in " ".join(args) for marker in NEEDS_SOURCES):
        sources = str(request.getfixturevalue("broken_sources"))
    cwd = os.getcwd()
    os.chdir(paths.data_root())  # relative paths (graph/x.svg) name the project's own folders
    try:
        check([a.replace("{F}", str(files)).replace("{S}", sources) for a in args], expected, before)
    finally:
        os.chdir(cwd)


@pytest.mark.parametrize("name,expected", SCENARIOS)
def test_scenario_file(name: str, expected: str, files: Path, before: dict[str, tuple[str, int]]) -> None:
    check(["scenario", str(files / name)], expected, before)


def test_an_ambiguous_name_in_a_scenario_is_an_error(tmp_path: Path) -> None:
    """A name two states share resolves to neither: the scenario says so (and names both)."""
    from obligraph.analysis import scenario
    from obligraph.errors import ObligraphError
    from obligraph.resolve import Resolver
    from obligraph.store import KnowledgeGraph

    facts = tmp_path / "two.ttl"
    facts.write_text(
        "@prefix og: <https://w3id.org/obligraph/ontology#> .\n"
        "@prefix skos: <http://www.w3.org/2004/02/skos/core#> .\n"
        '<https://w3id.org/obligraph/id/state/XXA> a og:State ; skos:altLabel "Twin"@en .\n'
        '<https://w3id.org/obligraph/id/state/XXB> a og:State ; skos:altLabel "Twin"@en .\n'
    )
    path = tmp_path / "s.yaml"
    path.write_text("state: Twin\nevents:\n  - withdraw: ECPT\n    notified: 2025-10-03\n")
    with pytest.raises(ObligraphError) as err:
        scenario.load(path, Resolver(KnowledgeGraph.from_files([facts])))
    assert "XXA" in str(err.value) and "XXB" in str(err.value)


def test_the_corpus_is_large() -> None:
    assert len(CASES) + len(SCENARIOS) >= 100
