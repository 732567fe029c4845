"""The graph in an on-disk Oxigraph store, built once per version of its input files.

Parsing the ontology and every fact file into memory takes about 0.3 s; opening a store built
from them before takes about 30 ms (``scripts/bench_cli.py``, docs/benchmarks.md). So the
command line opens the graph from a cache, ``stores/KEY/`` under
:func:`obligraph.paths.cache_dir` (``$OBLIGRAPH_CACHE``), where KEY is a SHA-256 of the input
files' names and bytes, pyoxigraph's version and :data:`STORE_FORMAT`. A changed file gives a
new key, hence a new store; the newest :data:`KEEP` are kept.

- **Built atomically.** A store is built in a private folder and renamed into place once
  complete. Two processes that start at once both build; the first rename wins and the other
  discards its copy. A reader only ever opens a complete store.
- **Shared read-only.** Any number of processes open it at once. A scenario must write (the
  consequence engine adds its triples in a scratch named graph), so its first write makes a
  private copy under ``work/`` (RocksDB hard-links its immutable files: a few milliseconds),
  deleted with the graph object or at exit; copies left by a process that died are swept.
- **Cheap to check.** Hashing the 6 MB of input takes about 17 ms, so the key is remembered
  under a signature of the files' names, sizes, modification and change times and inodes, and
  the bytes are hashed again only when that signature changes.
- **What was looked up, kept too.** Labels, short names, article citations, sources and
  confidences are the same for every question on one version of the graph; the graph remembers
  them (:func:`obligraph.store.base.remembered`), and the cache keeps them beside the store
  (``KEY.CODE.lookups.json``, written at exit, atomically; CODE a signature of the package's
  modules and the named queries, whose code made them), so a new process starts with them: on the
  on-disk store each lookup is a query of about a millisecond.
- **Never in the way.** When the folder cannot be written, or a store in it cannot be opened,
  a :class:`obligraph.errors.StoreCacheWarning` says why and the graph is loaded into memory.
"""

from __future__ import annotations

import hashlib
import os
import warnings
from collections.abc import Sequence
from pathlib import Path

import pyoxigraph as ox

from obligraph import paths
from obligraph.errors import StoreCacheWarning, TurtleSyntaxError
from obligraph.store.embedded import KnowledgeGraph, default_files, load_files

STORE_FORMAT = 1  # bump when what a cached store holds changes: old entries then miss
# What the graph remembers that the cache keeps: plain JSON data, the same for every question on
# one version of the graph (the dated ones are the base graph's, never a scenario's).
KEPT_LOOKUPS = (
    "describe",
    "sources",
    "confidence",
    "article",
    "clause-note",
    "names",
    "patterns",
    "participations",
    "powers-over",
    "powers-through",
    "recorded-denunciation",
    "consents",
    "survival-clauses",
    "temporal-clauses",
)
MAX_KEPT = 50_000  # lookups kept per store (a cap on the file, far above what the questions ask)
KEEP = 3  # stores kept; older ones are deleted
MARK = "obligraph-store.json"  # written last into a store's folder, before it is published


def open_cached(
    files: Sequence[Path] | None = None, folder: Path | None = None, writable: bool = False
) -> KnowledgeGraph:
    """The ontology and facts (or ``files``) from the store cache, built first if needed.

    ``writable``: open a private copy at once (for a scenario, which must write), instead of the
    shared store read-only and a copy on the first write; it saves opening the store twice.
    A syntax error in a file raises :class:`obligraph.errors.TurtleSyntaxError` as
    :func:`obligraph.store.load` does; a cache that cannot be used warns and loads into memory.
    """
    inputs = list(files) if files is not None else default_files()
    base = (folder or paths.cache_dir()) / "stores"
    try:
        return _open(inputs, base, writable)
    except OSError as exc:
        reason = exc.strerror or str(exc)
        where = exc.filename or base
        warnings.warn(
            StoreCacheWarning(
                f"cannot use the store cache in {base} ({reason}: {where}); loading the graph into "
                "memory instead (set OBLIGRAPH_CACHE to a writable folder)"
            ),
            stacklevel=2,
        )
        return KnowledgeGraph.from_files(inputs)


def input_key(files: Sequence[Path]) -> str:
    """SHA-256 of the inputs (names relative to the data root, bytes) and the store versions."""
    digest = hashlib.sha256(f"format={STORE_FORMAT}\npyoxigraph={ox.__version__}\n".encode())
    add_files(digest, files)
    return digest.hexdigest()


def add_files(digest: hashlib._Hash, files: Sequence[Path]) -> None:
    """Feed each file's name (relative to the data root) and bytes into ``digest``; a file that
    cannot be read is an error naming it. (Also the key of the cached OWL-RL closure.)"""
    for path in files:
        digest.update(f"{_name(path)}\n".encode())
        try:
            digest.update(path.read_bytes())
        except OSError as exc:
            raise TurtleSyntaxError(str(path), None, f"cannot read: {exc.strerror or exc}") from None
        digest.update(b"\n")


def _name(path: Path) -> str:
    resolved = path.resolve()
    root = paths.data_root().resolve()
    return str(resolved.relative_to(root)) if resolved.is_relative_to(root) else str(resolved)


def _signature(files: Sequence[Path]) -> str:
    """What changes whenever a file's bytes may have: name, size, mtime, ctime, inode."""
    digest = hashlib.sha256(f"format={STORE_FORMAT}\npyoxigraph={ox.__version__}\n".encode())
    for path in files:
        try:
            st = path.stat()
        except OSError as exc:
            raise TurtleSyntaxError(str(path), None, f"cannot read: {exc.strerror or exc}") from None
        digest.update(f"{path}\t{st.st_size}\t{st.st_mtime_ns}\t{st.st_ctime_ns}\t{st.st_ino}\n".encode())
    return digest.hexdigest()[:32]


def _open(inputs: list[Path], base: Path, writable: bool = False) -> KnowledgeGraph:
    signature = _signature(inputs)
    remembered = base / "signatures" / signature
    key = _read(remembered)
    if key is None or not (base / key / MARK).is_file():
        key = input_key(inputs)[:32]
        if not (base / key / MARK).is_file():
            _build(inputs, base, key)
        try:
            _write_atomically(remembered, key)
        except OSError:
            pass  # a read-only cache prepared by someone else: hash again next time
    target = base / key
    if writable:
        copy = _linked_copy(target, base / "work")
        if copy is not None:
            graph = KnowledgeGraph(ox.Store(str(copy)), inputs)
            graph.private = True
            graph.on_release(_remove, copy)
            return _with_lookups(graph, _lookups_path(base, key))
    try:
        store = ox.Store.read_only(str(target))
    except OSError:  # a damaged entry: build it again, once
        _remove(target)
        _build(inputs, base, key)
        store = ox.Store.read_only(str(target))
    try:
        os.utime(target / MARK)  # recently used: kept by _prune
    except OSError:
        pass
    graph = KnowledgeGraph(store, inputs, scratch=lambda graph: _private_copy(graph, store, base / "work"))
    return _with_lookups(graph, _lookups_path(base, key))


def _lookups_path(base: Path, key: str) -> Path:
    """Where the lookups of store ``key`` are kept: a file per version of the code that made
    them (the package's modules and the named queries, by name, size and modification time)."""
    package = Path(__file__).resolve().parents[1]
    folders = (package, package / "analysis", package / "store", paths.queries_dir())
    code = sorted(
        Path(entry.path)
        for folder in folders
        for entry in os.scandir(folder)
        if entry.name.endswith((".py", ".rq"))
    )
    return base / f"{key}.{_signature(code)[:16]}.lookups.json"


def _with_lookups(graph: KnowledgeGraph, path: Path) -> KnowledgeGraph:
    """``graph`` remembering the lookups kept in ``path``, and keeping its new ones at exit."""
    import json

    try:
        kept = json.loads(path.read_text("utf-8"))
    except (OSError, ValueError):
        kept = []
    for key, value in kept if isinstance(kept, list) else []:
        if isinstance(key, list) and key and key[0] in KEPT_LOOKUPS:
            graph.memo[tuple(key)] = tuple(value) if isinstance(value, list) else value
    graph.on_release(_keep_lookups, path, graph.memo, len(graph.memo))
    return graph


def _keep_lookups(path: Path, memo: dict[tuple[object, ...], object], known: int) -> None:
    """Write the memo's lookups of :data:`KEPT_LOOKUPS` to ``path`` if it learnt any."""
    import json

    kept = [[list(k), v] for k, v in memo.items() if k and k[0] in KEPT_LOOKUPS]
    if len(kept) <= known or len(kept) > MAX_KEPT:
        return
    try:
        _write_atomically(path, json.dumps(kept, ensure_ascii=True, separators=(",", ":")))
        # the files of older versions of the code: the newest KEEP of this store's are kept
        key = path.name.split(".", 1)[0]
        files = sorted(
            path.parent.glob(f"{key}.*lookups.json"), key=lambda p: p.stat().st_mtime, reverse=True
        )
        for old in files[KEEP:]:
            old.unlink(missing_ok=True)
    except (OSError, TypeError, ValueError):
        pass  # a cache that cannot be written costs only time


def _read(path: Path) -> str | None:
    try:
        return path.read_text("ascii").strip() or None
    except OSError:
        return None


def _build(inputs: list[Path], base: Path, key: str) -> None:
    """Parse the inputs into a new on-disk store and publish it as ``base/key`` atomically."""
    import json

    base.mkdir(parents=True, exist_ok=True)
    _sweep(base, ".build-")
    building = base / f".build-{os.getpid()}-{os.urandom(4).hex()}"
    try:
        store = ox.Store(str(building))
        load_files(store, inputs)
        store.optimize()
        store.flush()
        triples = len(store)
        del store  # closes the database before it moves
        mark = {"key": key, "triples": triples, "files": [_name(p) for p in inputs]}
        (building / MARK).write_text(json.dumps(mark, indent=1), encoding="utf-8")
        try:
            building.rename(base / key)
        except OSError:
            if not (base / key / MARK).is_file():
                raise
            # another process published the same store first: use theirs
    finally:
        _remove(building)
    _prune(base)


def _prune(base: Path) -> None:
    """Keep the :data:`KEEP` most recently used stores (and the newest signatures)."""
    stores = sorted(
        (p for p in base.iterdir() if (p / MARK).is_file()),
        key=lambda p: (p / MARK).stat().st_mtime,
        reverse=True,
    )
    for old in stores[KEEP:]:
        _remove(old)
        for kept in base.glob(f"{old.name}.*lookups.json"):
            kept.unlink(missing_ok=True)
    folder = base / "signatures"
    if folder.is_dir():
        for old in sorted(folder.iterdir(), key=lambda p: p.stat().st_mtime, reverse=True)[10 * KEEP :]:
            old.unlink(missing_ok=True)


def _private_copy(graph: KnowledgeGraph, store: ox.Store, work: Path) -> ox.Store:
    """A writable copy of the read-only ``store``, deleted when ``graph`` is (or at exit)."""
    try:
        work.mkdir(parents=True, exist_ok=True)
        _sweep(work)
        folder = work / f"{os.getpid()}-{os.urandom(4).hex()}"
        store.backup(str(folder))
        copy = ox.Store(str(folder))
    except OSError as exc:
        warnings.warn(
            StoreCacheWarning(
                f"cannot copy the cached store into {work} ({exc.strerror or exc}); copying it into memory"
            ),
            stacklevel=3,
        )
        copy = ox.Store()
        copy.bulk_extend(store.quads_for_pattern(None, None, None))
        return copy
    graph.on_release(_remove, folder)
    return copy


def _linked_copy(store: Path, work: Path) -> Path | None:
    """A private copy of the closed store folder ``store``: its immutable table files (``.sst``)
    hard-linked, the small files it rewrites copied; None where links cannot be made (another
    file system), and the caller opens the store read-only instead."""
    work.mkdir(parents=True, exist_ok=True)
    _sweep(work)
    folder = work / f"{os.getpid()}-{os.urandom(4).hex()}"
    folder.mkdir()
    try:
        for entry in store.iterdir():
            if entry.name == "LOCK" or entry.name.startswith("LOG") or entry.name == MARK:
                continue
            if entry.suffix == ".sst":
                os.link(entry, folder / entry.name)
            else:
                folder.joinpath(entry.name).write_bytes(entry.read_bytes())
    except OSError:
        _remove(folder)
        return None
    return folder


def _sweep(folder: Path, prefix: str = "") -> None:
    """Delete the folders ``PREFIX{pid}-...`` (private copies, unfinished builds) of processes
    that are no longer running."""
    for entry in folder.iterdir():
        if not entry.name.startswith(prefix):
            continue
        pid = entry.name.removeprefix(prefix).split("-", 1)[0]
        if not pid.isdigit() or int(pid) == os.getpid():
            continue
        try:
            os.kill(int(pid), 0)
        except ProcessLookupError:
            _remove(entry)
        except OSError:
            pass  # alive, owned by someone else


def _write_atomically(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.{os.getpid()}.{os.urandom(3).hex()}")
    temporary.write_text(text, encoding="ascii")
    temporary.replace(path)


def _remove(folder: Path) -> None:
    """Delete ``folder`` and what it holds, quietly. A store folder is flat or nearly so; this
    spares the command line importing shutil (about 4 ms) to delete its private copy."""
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return
    for entry in entries:
        try:
            if entry.is_dir(follow_symlinks=False):
                _remove(Path(entry.path))
            else:
                os.unlink(entry.path)
        except OSError:
            pass
    try:
        os.rmdir(folder)
    except OSError:
        pass
