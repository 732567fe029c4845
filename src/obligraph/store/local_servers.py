"""Throwaway SPARQL servers on 127.0.0.1 for the conformance tests and the benchmark.

``oxigraph_server(dir)`` runs the Oxigraph server from PyPI (``oxigraph serve``);
``virtuoso_server(dir)`` runs Debian's Virtuoso with its own ini and database in ``dir`` (the
package's default ini listens on every interface; this one binds 127.0.0.1 only). Both pick
free ports, wait until the server answers ``ASK {}``, and stop the process they started (by
its PID) when the ``with`` block ends. :func:`missing` says why a server cannot run here.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

VIRTUOSO_PASSWORD = "dba"  # a fresh database's default; the database lives in a temp dir


@dataclass(frozen=True)
class Server:
    name: str
    query_url: str
    update_url: str
    store_url: str | None  # Graph Store Protocol
    pid: int
    sql_port: int | None = None  # Virtuoso's isql port


def oxigraph_binary() -> str | None:
    found = shutil.which("oxigraph")
    if found:
        return found
    beside = Path(sys.executable).parent / "oxigraph"  # the venv's bin, when not on PATH
    return str(beside) if beside.is_file() else None


def missing(name: str) -> str | None:
    """Why the server ``name`` ('oxigraph' or 'virtuoso') cannot run here, or None."""
    if name == "oxigraph":
        return (
            None
            if oxigraph_binary()
            else "the `oxigraph` server binary is not installed (pip install oxigraph)"
        )
    if name == "virtuoso":
        return (
            None
            if shutil.which("virtuoso-t")
            else "Virtuoso is not installed (Debian package virtuoso-opensource)"
        )
    raise ValueError(name)


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _wait_ready(url: str, proc: subprocess.Popen[bytes], log: Path, seconds: float) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(
                f"server exited with {proc.returncode}: {log.read_text(errors='replace')[-2000:]}"
            )
        try:
            with urllib.request.urlopen(url + "?query=ASK%7B%7D", timeout=2) as response:
                if response.status == 200:
                    return
        except (urllib.error.URLError, OSError):
            pass
        time.sleep(0.2)
    raise RuntimeError(
        f"server at {url} not ready after {seconds:.0f} s: {log.read_text(errors='replace')[-2000:]}"
    )


def _stop(proc: subprocess.Popen[bytes]) -> None:
    if proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=5)


@contextmanager
def oxigraph_server(directory: Path, read_only: bool = False) -> Iterator[Server]:
    """``oxigraph serve --location DIR --bind 127.0.0.1:PORT`` for the duration of the block."""
    binary = oxigraph_binary()
    if binary is None:
        raise RuntimeError(missing("oxigraph"))
    port = free_port()
    location = directory / "oxigraph-db"
    log = directory / "oxigraph.log"
    command = "serve-read-only" if read_only else "serve"
    with log.open("wb") as out:
        proc = subprocess.Popen(
            [binary, command, "--location", str(location), "--bind", f"127.0.0.1:{port}"],
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    try:
        base = f"http://127.0.0.1:{port}"
        _wait_ready(base + "/query", proc, log, 30)
        yield Server("oxigraph", base + "/query", base + "/update", base + "/store", proc.pid)
    finally:
        _stop(proc)


VIRTUOSO_INI = """\
[Database]
DatabaseFile = {d}/virtuoso.db
ErrorLogFile = {d}/virtuoso.log
LockFile = {d}/virtuoso.lck
TransactionFile = {d}/virtuoso.trx
xa_persistent_file = {d}/virtuoso.pxa
TempStorage = TempDatabase
[TempDatabase]
DatabaseFile = {d}/virtuoso-temp.db
TransactionFile = {d}/virtuoso-temp.trx
[Parameters]
ServerPort = 127.0.0.1:{sql}
DisableUnixSocket = 1
DirsAllowed = ., {d}
NumberOfBuffers = {buffers}
MaxDirtyBuffers = {dirty}
CheckpointInterval = 0
[HTTPServer]
ServerPort = 127.0.0.1:{http}
ServerThreads = 10
[SPARQL]
ResultSetMaxRows = 10000000
MaxQueryExecutionTime = 600
MaxQueryCostEstimationTime = 600
"""


@contextmanager
def virtuoso_server(directory: Path, buffers: int = 20000) -> Iterator[Server]:
    """Virtuoso with its database in ``directory``, HTTP and SQL on 127.0.0.1 only.

    A fresh database has the user ``dba`` with password ``dba``; the server is reachable only
    from this machine and lives as long as the block. SPARQL Update is allowed through the
    digest-authenticated endpoint ``/sparql-auth`` (as ``dba``); ``/sparql`` stays read-only.
    """
    binary = shutil.which("virtuoso-t")
    if binary is None:
        raise RuntimeError(missing("virtuoso"))
    sql, http = free_port(), free_port()
    db = directory / "virtuoso"
    db.mkdir(parents=True, exist_ok=True)
    ini = db / "virtuoso.ini"
    ini.write_text(VIRTUOSO_INI.format(d=db, sql=sql, http=http, buffers=buffers, dirty=buffers * 3 // 4))
    log = db / "stdout.log"
    with log.open("wb") as out:
        proc = subprocess.Popen(
            [binary, "+configfile", str(ini), "+foreground"],
            stdout=out,
            stderr=subprocess.STDOUT,
            cwd=db,
            env={**os.environ},
        )
    try:
        base = f"http://127.0.0.1:{http}"
        _wait_ready(base + "/sparql", proc, log, 90)
        yield Server("virtuoso", base + "/sparql", base + "/sparql-auth", None, proc.pid, sql)
    finally:
        _stop(proc)


def isql(server: Server, statement: str) -> str:
    """Run one SQL statement on a local Virtuoso through ``isql-vt`` (bulk loading, grants)."""
    binary = shutil.which("isql-vt") or shutil.which("isql")
    if binary is None or server.sql_port is None:
        raise RuntimeError("isql-vt is not installed")
    done = subprocess.run(
        [binary, f"127.0.0.1:{server.sql_port}", "dba", VIRTUOSO_PASSWORD, f"exec={statement}"],
        capture_output=True,
        text=True,
        timeout=3600,
        check=False,
    )
    if done.returncode != 0 or "*** Error" in done.stdout + done.stderr:
        raise RuntimeError(f"isql failed: {(done.stdout + done.stderr).strip()[-1000:]}")
    return done.stdout
