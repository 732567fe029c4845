"""The loaded graph and how the server runs jobs against it: each query or analysis in a child
process forked from the server (which holds the graph), killed when it passes the timeout, at
most :data:`MAX_CHILDREN` at once; updates in the server process, between forks.

A job returns a :class:`Reply`; the HTTP layer (:mod:`obligraph.serve.app`) only sends it.
"""

from __future__ import annotations

import json
import multiprocessing
import multiprocessing.connection
import threading
from collections.abc import Callable
from dataclasses import dataclass
from http import HTTPStatus
from typing import Protocol

import pyoxigraph as ox

from obligraph.errors import ObligraphError
from obligraph.store import KnowledgeGraph, sparql_results
from obligraph.vocab import PREFIXES

MAX_BODY = 10 * 1024 * 1024  # bytes of a request body
MAX_CHILDREN = 4  # queries running at once


class Log(Protocol):
    def print(self, *objects: object, highlight: bool = ..., markup: bool = ...) -> None: ...


@dataclass(frozen=True)
class ServerConfig:
    host: str = "127.0.0.1"
    port: int = 7878
    timeout: float = 30.0  # seconds a query (or an analysis) may run
    max_rows: int = 10000
    update_token: str | None = None  # None: read-only
    allow_service: bool = False  # SPARQL SERVICE and LOAD of http(s) URLs (the server fetches them)
    cors: tuple[str, ...] = ()  # origins a browser page may call the endpoint from


@dataclass(frozen=True)
class Reply:
    status: int
    content_type: str
    body: bytes
    headers: tuple[tuple[str, str], ...] = ()


def error(status: HTTPStatus, message: str, *headers: tuple[str, str]) -> Reply:
    body = json.dumps({"error": message}).encode("utf-8")
    return Reply(int(status), "application/json", body, headers)


def _child(job: Callable[[], Reply], conn: multiprocessing.connection.Connection) -> None:
    try:
        reply = job()
    except ObligraphError as err:
        reply = error(HTTPStatus.BAD_REQUEST, str(err))
    except SyntaxError as err:
        reply = error(HTTPStatus.BAD_REQUEST, f"SPARQL syntax error: {err}")
    except Exception as err:  # report, never hang the parent
        reply = error(HTTPStatus.INTERNAL_SERVER_ERROR, f"{type(err).__name__}: {err}")
    conn.send(reply)
    conn.close()


class Engine:
    """The loaded graph, and how jobs run against it (forked, with a time limit)."""

    def __init__(self, kg: KnowledgeGraph, config: ServerConfig) -> None:
        self.kg = kg
        self.config = config
        self.fork_lock = threading.Lock()  # no fork while an update holds the store
        self.slots = threading.BoundedSemaphore(MAX_CHILDREN)
        self.context = multiprocessing.get_context("fork")

    def isolated(self, job: Callable[[], Reply]) -> Reply:
        """Run ``job`` in a forked child; kill it when it passes the timeout."""
        with self.slots:
            receiver, sender = self.context.Pipe(duplex=False)
            with self.fork_lock:
                process = self.context.Process(target=_child, args=(job, sender), daemon=True)
                process.start()
            sender.close()
            try:
                if receiver.poll(self.config.timeout):
                    try:
                        reply: Reply = receiver.recv()
                    except EOFError:
                        reply = error(HTTPStatus.INTERNAL_SERVER_ERROR, "the query process died")
                    return reply
                return error(
                    HTTPStatus.SERVICE_UNAVAILABLE,
                    f"the query ran longer than the server's timeout of {self.config.timeout:g} s",
                )
            finally:
                receiver.close()
                if process.is_alive():
                    process.kill()
                process.join(5)

    def sparql(self, text: str, fmt: str, default_graph: str | None = None) -> Reply:
        limit = self.config.max_rows
        graph = ox.NamedNode(default_graph) if default_graph else None

        def job() -> Reply:
            result = self.kg.store.query(text, prefixes=PREFIXES, default_graph=graph)
            if not isinstance(result, ox.QuerySolutions | ox.QueryBoolean):
                return error(HTTPStatus.BAD_REQUEST, "only SELECT and ASK queries are answered here")
            results, cut = sparql_results.collect(result, limit)
            headers = (("X-SPARQL-MaxRows", str(limit)),) if cut else ()
            media = sparql_results.MEDIA_TYPES[fmt] + "; charset=utf-8"
            return Reply(200, media, sparql_results.write(results, fmt), headers)

        return self.isolated(job)

    def update(self, text: str) -> Reply:
        with self.fork_lock:
            try:
                self.kg.store.update(text, prefixes=PREFIXES)
                self.kg.forget()  # labels and sources remembered before the update may be stale
            except SyntaxError as err:
                return error(HTTPStatus.BAD_REQUEST, f"SPARQL syntax error: {err}")
            except OSError as err:
                return error(HTTPStatus.INTERNAL_SERVER_ERROR, f"update failed: {err}")
        return Reply(204, "text/plain", b"")
