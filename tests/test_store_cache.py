"""The on-disk store cache: built once per version of the files, rebuilt when one changes, safe
when two processes build at once, never in the way when its folder cannot be written, and never
changed by a scenario."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
import warnings
from pathlib import Path

import pytest

from obligraph.analysis.impact import withdraw
from obligraph.errors import StoreCacheWarning, TurtleSyntaxError
from obligraph.store import KnowledgeGraph, cache, default_files
from obligraph.store.cache import MARK, open_cached
from tests.conftest import iri

STATE_COUNT = "SELECT (COUNT(?s) AS ?n) WHERE { ?s a og:State }"


def _stores(folder: Path) -> list[Path]:
    base = folder / "stores"
    return sorted(p for p in base.iterdir() if (p / MARK).is_file()) if base.is_dir() else []


def _small(tmp_path: Path, text: str) -> list[Path]:
    path = tmp_path / "facts.ttl"
    path.write_text(text, encoding="utf-8")
    return [path]


FACT = "@prefix og: <https://w3id.org/obligraph/ontology#> .\n<https://example.org/s{n}> a og:State .\n"


def test_built_once_then_opened(tmp_path: Path) -> None:
    files = _small(tmp_path, FACT.format(n=1))
    first = open_cached(files, folder=tmp_path / "cache")
    assert first.query(STATE_COUNT)[0]["n"] == 1
    built = _stores(tmp_path / "cache")
    assert len(built) == 1
    mtime = (built[0] / MARK).stat().st_mtime_ns
    again = open_cached(files, folder=tmp_path / "cache")
    assert again.query(STATE_COUNT)[0]["n"] == 1
    assert _stores(tmp_path / "cache") == built  # the same store, not a rebuilt one
    assert (built[0] / MARK).stat().st_mtime_ns >= mtime


def test_a_changed_file_gives_a_new_store(tmp_path: Path) -> None:
    files = _small(tmp_path, FACT.format(n=1))
    open_cached(files, folder=tmp_path / "cache")
    files[0].write_text(FACT.format(n=1) + FACT.format(n=2).split("\n", 1)[1], encoding="utf-8")
    changed = open_cached(files, folder=tmp_path / "cache")
    assert changed.query(STATE_COUNT)[0]["n"] == 2
    assert len(_stores(tmp_path / "cache")) == 2


def test_the_location_follows_obligraph_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OBLIGRAPH_CACHE", str(tmp_path / "elsewhere"))
    open_cached(_small(tmp_path, FACT.format(n=1)))
    assert len(_stores(tmp_path / "elsewhere")) == 1


def test_unwritable_folder_warns_and_loads_into_memory(tmp_path: Path) -> None:
    blocked = tmp_path / "blocked"
    blocked.write_text("a file where the cache folder should be", encoding="utf-8")
    with pytest.warns(StoreCacheWarning, match="cannot use the store cache"):
        kg = open_cached(_small(tmp_path, FACT.format(n=1)), folder=blocked)
    assert kg.query(STATE_COUNT)[0]["n"] == 1


def test_a_syntax_error_names_the_file_and_writes_nothing(tmp_path: Path) -> None:
    files = _small(tmp_path, "@prefix og: <https://w3id.org/obligraph/ontology#> .\n<a> og:x \n")
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # not a cache problem: the file's
        with pytest.raises(TurtleSyntaxError, match="facts.ttl"):
            open_cached(files, folder=tmp_path / "cache")
    assert _stores(tmp_path / "cache") == []
    assert not [p for p in (tmp_path / "cache" / "stores").iterdir() if p.name.startswith(".build-")]


def test_two_processes_building_at_once_agree(tmp_path: Path) -> None:
    files = _small(tmp_path, FACT.format(n=1))
    script = (
        "import sys; from pathlib import Path; from obligraph.store.cache import open_cached; "
        "kg = open_cached([Path(sys.argv[1])], folder=Path(sys.argv[2])); "
        "print(kg.query('SELECT (COUNT(?s) AS ?n) WHERE { ?s ?p ?o }')[0]['n'])"
    )
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[1] / "src")}
    runs = [
        subprocess.Popen(
            [sys.executable, "-c", script, str(files[0]), str(tmp_path / "cache")],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=env,
        )
        for _ in range(4)
    ]
    results = [run.communicate(timeout=120) for run in runs]
    assert [run.returncode for run in runs] == [0, 0, 0, 0], [err for _, err in results]
    assert {out.strip() for out, _ in results} == {"1"}
    assert len(_stores(tmp_path / "cache")) == 1
    assert not [p for p in (tmp_path / "cache" / "stores").iterdir() if p.name.startswith(".build-")]


def test_a_scenario_never_changes_the_cached_store(tmp_path: Path) -> None:
    """The seed question on the cached store gives the same answer as on the store in memory
    (effective 2026-11-01 under ECPT Art. 22), and the cached store stays as built."""
    cached = open_cached(default_files(), folder=tmp_path / "cache")
    before = len(cached)
    result = withdraw(cached, iri("state", "RUS"), iri("treaty", "ETS-126"), dt.date(2025, 10, 3))
    assert result.effective == dt.date(2026, 11, 1)
    assert [b.body.id for b in result.bodies_losing_access] == ["CPT"]
    assert len(cached) == before
    reopened = open_cached(default_files(), folder=tmp_path / "cache")
    assert len(reopened) == before
    assert reopened.query("ASK { GRAPH ?g { ?s ?p ?o } }")[0]["result"] is False


def test_memory_and_cache_answer_alike(kg: KnowledgeGraph, tmp_path: Path) -> None:
    cached = open_cached(default_files(), folder=tmp_path / "cache")
    count = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"  # the default graph: the facts
    assert cached.query(count) == kg.query(count)


def test_a_writable_copy_is_private_and_removed(tmp_path: Path) -> None:
    import gc

    import pyoxigraph as ox

    files = _small(tmp_path, FACT.format(n=1))
    folder = tmp_path / "cache"
    copy = open_cached(files, folder=folder, writable=True)
    work = folder / "stores" / "work"
    assert len(list(work.iterdir())) == 1
    quad = ox.Quad(
        ox.NamedNode("https://example.org/x"), ox.NamedNode("https://example.org/p"), ox.Literal("y")
    )
    copy.store.add(quad)
    assert len(copy) == 2
    assert len(open_cached(files, folder=folder)) == 1  # the shared store is unchanged
    del copy
    gc.collect()
    assert list(work.iterdir()) == []


def test_lookups_are_kept_for_the_next_process(tmp_path: Path) -> None:
    """What an answer looked up that no scenario changes is kept beside the store, and a new graph
    starts with it; the answer is the same (ECPT Art. 22 gives 2026-11-01 for a notice of
    2025-10-03, graph/generated/coe/clauses.ttl)."""
    folder = tmp_path / "cache"
    first = open_cached(default_files(), folder=folder, writable=True)
    one = withdraw(first, iri("state", "RUS"), iri("treaty", "ETS-126"), dt.date(2025, 10, 3))
    first.release()
    kept = list((folder / "stores").glob("*.lookups.json"))
    assert len(kept) == 1 and kept[0].stat().st_size > 0
    second = open_cached(default_files(), folder=folder, writable=True)
    assert ("describe", iri("state", "RUS")) in second.memo
    assert any(k[0] == "powers-over" for k in second.memo)
    two = withdraw(second, iri("state", "RUS"), iri("treaty", "ETS-126"), dt.date(2025, 10, 3))
    assert two.to_dict() == one.to_dict()
    assert two.effective == dt.date(2026, 11, 1)
    second.release()
    # the files older versions of the code kept: only the newest few of a store's stay
    key = kept[0].name.split(".", 1)[0]
    for n in range(4):
        old = folder / "stores" / f"{key}.old{n}.lookups.json"
        old.write_text("[]")
        os.utime(old, (1_000_000 + n, 1_000_000 + n))
    third = open_cached(default_files(), folder=folder, writable=True)
    withdraw(third, iri("state", "JAM"), iri("treaty", "UN-IV-5"), dt.date(1997, 10, 23))
    third.release()
    left = sorted(p.name for p in (folder / "stores").glob(f"{key}.*lookups.json"))
    assert kept[0].name in left and len(left) == cache.KEEP, left
