"""Shared fixtures: the real graph loaded once, a resolver, and the raw source data folder."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from obligraph import paths
from obligraph.resolve import Resolver
from obligraph.store import KnowledgeGraph, load

FIXTURES = Path(__file__).parent / "fixtures"
# The text block of an A4 page (ISO 216: 210 x 297 mm) with 20 mm margins: 170 x 257 mm, in inches.
A4_TEXT_IN = (170 / 25.4, 257 / 25.4)
pytest_plugins = ["tests.store_fixtures"]  # servers for the store tests


@pytest.fixture(scope="session", autouse=True)
def _store_cache(tmp_path_factory: pytest.TempPathFactory) -> None:
    """The command line opens the graph from the store cache (obligraph.store.cache): the tests
    keep it in a temporary folder, never in the user's."""
    os.environ["OBLIGRAPH_CACHE"] = str(tmp_path_factory.mktemp("obligraph-cache"))


@pytest.fixture(scope="session")
def kg() -> KnowledgeGraph:
    return load()


@pytest.fixture(scope="session")
def resolver(kg: KnowledgeGraph) -> Resolver:
    return Resolver(kg)


@pytest.fixture(scope="session")
def sources_dir() -> Path:
    """The raw source data; skipped on a user's machine without it, required in CI."""
    folder = paths.sources_root()
    if not (folder / "coe-curated" / "SOURCE.md").is_file():
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(f"CI must have the raw source data, but {folder} has none (set OBLIGRAPH_SOURCES)")
        pytest.skip(f"raw source data not found in {folder} (set OBLIGRAPH_SOURCES to run this test)")
    return folder


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """A test that uses the raw source data carries the declared ``sources`` marker, so that
    ``pytest -m "not sources"`` runs the rest on a machine without ../shared/data."""
    for item in items:
        if "sources_dir" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.sources)


def iri(kind: str, key: str) -> str:
    return f"https://w3id.org/obligraph/id/{kind}/{key}"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--snapshot-update",
        action="store_true",
        default=False,
        help="Rewrite the golden files in tests/__snapshots__/ instead of comparing against them.",
    )


def need_program(name: str, package: str) -> str:
    """The path of an external program; a test without it skips locally and fails in CI."""
    import shutil

    found = shutil.which(name)
    if found:
        return found
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"CI must have `{name}` (Debian package {package}); .ci/run installs it")
    pytest.skip(f"`{name}` is not installed (apt-get install {package}); this test runs in CI")
