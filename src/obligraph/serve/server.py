"""``obligraph serve``: the knowledge graph as a SPARQL 1.1 Protocol endpoint, with JSON
endpoints for ``status`` and ``impact``. Standard library only (``http.server``).

* ``GET|POST /sparql`` (also ``/query``): a query as ``query=`` (GET, or a form POST) or as an
  ``application/sparql-query`` body; results as JSON, XML, CSV or TSV by ``Accept`` or
  ``format=``. At most ``max_rows`` rows; when cut, the header ``X-SPARQL-MaxRows`` says so
  (Virtuoso's convention).
* ``GET /status/STATE?on=DATE`` and ``GET /impact/STATE?withdraw=TREATY[&notified=DATE]``:
  the JSON of ``obligraph status --json`` / ``impact --json`` (docs/json.md).
* ``POST /update`` (also ``/sparql`` with ``update=``): refused with 403 unless the server was
  started with an update token, which the request must carry (``Authorization: Bearer TOKEN``,
  or basic auth with the token as password).

Each query runs in a child process forked from the server, which holds the loaded graph, so a
query that passes the timeout is killed rather than left running, and queries run on several
cores at once. Updates run in the server process, between forks. It binds 127.0.0.1 unless told
otherwise.
"""

from __future__ import annotations

import base64
import datetime as dt
import hmac
import json
import multiprocessing
import multiprocessing.connection
import signal
import threading
from collections.abc import Callable
from dataclasses import dataclass
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Protocol
from urllib.parse import parse_qs, unquote, urlsplit

import pyoxigraph as ox

from obligraph import dates, render
from obligraph.errors import ObligraphError
from obligraph.resolve import Resolver
from obligraph.store import KnowledgeGraph, sparql_results
from obligraph.store.substitute import IRI_PATTERN
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


@dataclass(frozen=True)
class Reply:
    status: int
    content_type: str
    body: bytes
    headers: tuple[tuple[str, str], ...] = ()


def _error(status: HTTPStatus, message: str) -> Reply:
    body = json.dumps({"error": message}).encode("utf-8")
    return Reply(int(status), "application/json", body)


def _child(job: Callable[[], Reply], conn: multiprocessing.connection.Connection) -> None:
    try:
        reply = job()
    except ObligraphError as err:
        reply = _error(HTTPStatus.BAD_REQUEST, str(err))
    except SyntaxError as err:
        reply = _error(HTTPStatus.BAD_REQUEST, f"SPARQL syntax error: {err}")
    except Exception as err:  # report, never hang the parent
        reply = _error(HTTPStatus.INTERNAL_SERVER_ERROR, f"{type(err).__name__}: {err}")
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
                        reply = _error(HTTPStatus.INTERNAL_SERVER_ERROR, "the query process died")
                    return reply
                return _error(
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
                return _error(HTTPStatus.BAD_REQUEST, "only SELECT and ASK queries are answered here")
            results, cut = sparql_results.collect(result, limit)
            headers = (("X-SPARQL-MaxRows", str(limit)),) if cut else ()
            media = sparql_results.MEDIA_TYPES[fmt] + "; charset=utf-8"
            return Reply(200, media, sparql_results.write(results, fmt), headers)

        return self.isolated(job)

    def status(self, state: str, on: str | None) -> Reply:
        from obligraph.analysis.status import state_status

        def job() -> Reply:
            day = dates.parse_user_date(on, what="on") if on else dt.date.today()
            result = state_status(self.kg, Resolver(self.kg).state(state).iri, day)
            return Reply(200, "application/json", render.dumps(render.status_json(result)).encode("utf-8"))

        return self.isolated(job)

    def impact(self, state: str, treaty: str, notified: str | None) -> Reply:
        from obligraph.analysis.impact import withdraw

        def job() -> Reply:
            day = dates.parse_user_date(notified, what="notified") if notified else None
            resolver = Resolver(self.kg)
            result = withdraw(self.kg, resolver.state(state).iri, resolver.treaty(treaty).iri, day)
            return Reply(200, "application/json", render.dumps(render.impact_json(result)).encode("utf-8"))

        return self.isolated(job)

    def update(self, text: str) -> Reply:
        with self.fork_lock:
            try:
                self.kg.store.update(text, prefixes=PREFIXES)
                self.kg.forget()  # labels and sources remembered before the update may be stale
            except SyntaxError as err:
                return _error(HTTPStatus.BAD_REQUEST, f"SPARQL syntax error: {err}")
            except OSError as err:
                return _error(HTTPStatus.INTERNAL_SERVER_ERROR, f"update failed: {err}")
        return Reply(204, "text/plain", b"")


def _authorised(header: str | None, token: str) -> bool:
    if not header:
        return False
    kind, _, value = header.partition(" ")
    if kind.lower() == "bearer":
        return hmac.compare_digest(value.strip(), token)
    if kind.lower() == "basic":
        try:
            _, _, password = base64.b64decode(value.strip()).decode("utf-8").partition(":")
        except (ValueError, UnicodeDecodeError):
            return False
        return hmac.compare_digest(password, token)
    return False


def make_handler(engine: Engine, log: Log | None = None) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        server_version = "obligraph"
        protocol_version = "HTTP/1.1"

        def log_message(self, format: str, *args: object) -> None:  # noqa: A002 (stdlib name)
            if log is not None:
                log.print(f"{self.address_string()} {format % args}", highlight=False, markup=False)

        def _send(self, reply: Reply) -> None:
            self.send_response(reply.status)
            self.send_header("Content-Type", reply.content_type)
            self.send_header("Content-Length", str(len(reply.body)))
            self.send_header("Access-Control-Allow-Origin", "*")
            for name, value in reply.headers:
                self.send_header(name, value)
            self.end_headers()
            self.wfile.write(reply.body)

        def _body(self) -> tuple[str, bytes] | None:
            length = int(self.headers.get("Content-Length") or 0)
            if length > MAX_BODY:
                self._send(_error(HTTPStatus.REQUEST_ENTITY_TOO_LARGE, f"request body over {MAX_BODY} bytes"))
                return None
            kind = (self.headers.get("Content-Type") or "").split(";")[0].strip().lower()
            return kind, self.rfile.read(length) if length else b""

        def do_GET(self) -> None:  # noqa: N802 (http.server's name)
            url = urlsplit(self.path)
            params = {k: v[-1] for k, v in parse_qs(url.query).items()}
            self._dispatch(url.path, params, None)

        def do_POST(self) -> None:  # noqa: N802
            url = urlsplit(self.path)
            params = {k: v[-1] for k, v in parse_qs(url.query).items()}
            body = self._body()
            if body is None:
                return
            kind, data = body
            text = data.decode("utf-8", "replace")
            if kind == "application/x-www-form-urlencoded":
                params.update({k: v[-1] for k, v in parse_qs(text).items()})
                text = ""
            self._dispatch(url.path, params, (kind, text))

        def _dispatch(self, path: str, params: dict[str, str], body: tuple[str, str] | None) -> None:
            parts = [unquote(p) for p in path.strip("/").split("/")]
            if parts[0] in ("sparql", "query") and len(parts) == 1:
                if body and body[0] == "application/sparql-update" or "update" in params:
                    return self._update(params, body)
                text = body[1] if body and body[0] == "application/sparql-query" else params.get("query")
                if not text:
                    return self._send(
                        _error(HTTPStatus.BAD_REQUEST, "no query: send query=... or a sparql-query body")
                    )
                fmt = sparql_results.negotiate(self.headers.get("Accept") or "", params.get("format"))
                if fmt is None:
                    return self._send(
                        _error(HTTPStatus.NOT_ACCEPTABLE, "results are served as JSON, XML, CSV or TSV")
                    )
                graph = params.get("default-graph-uri")
                if graph is not None and not IRI_PATTERN.match(graph):
                    return self._send(
                        _error(HTTPStatus.BAD_REQUEST, "default-graph-uri is not an http(s) IRI")
                    )
                return self._send(engine.sparql(text, fmt, graph))
            if parts[0] == "update" and len(parts) == 1:
                return self._update(params, body)
            if parts[0] == "status" and len(parts) == 2:
                return self._send(engine.status(parts[1], params.get("on")))
            if parts[0] == "impact" and len(parts) == 2:
                if "withdraw" not in params:
                    return self._send(_error(HTTPStatus.BAD_REQUEST, "impact needs ?withdraw=TREATY"))
                return self._send(engine.impact(parts[1], params["withdraw"], params.get("notified")))
            return self._send(
                _error(HTTPStatus.NOT_FOUND, "endpoints: /sparql, /update, /status/STATE, /impact/STATE")
            )

        def _update(self, params: dict[str, str], body: tuple[str, str] | None) -> None:
            token = engine.config.update_token
            if token is None:
                return self._send(_error(HTTPStatus.FORBIDDEN, "this endpoint is read-only"))
            if not _authorised(self.headers.get("Authorization"), token):
                return self._send(_error(HTTPStatus.UNAUTHORIZED, "updates need the server's token"))
            if self.command != "POST":
                return self._send(_error(HTTPStatus.METHOD_NOT_ALLOWED, "updates must be POSTed"))
            text = body[1] if body and body[0] == "application/sparql-update" else params.get("update")
            if not text:
                return self._send(
                    _error(HTTPStatus.BAD_REQUEST, "no update: send update=... or a sparql-update body")
                )
            return self._send(engine.update(text))

    return Handler


def make_server(kg: KnowledgeGraph, config: ServerConfig, log: Log | None = None) -> ThreadingHTTPServer:
    try:
        server = ThreadingHTTPServer((config.host, config.port), make_handler(Engine(kg, config), log))
    except OSError as err:
        raise ObligraphError(f"cannot listen on {config.host}:{config.port}: {err.strerror or err}") from None
    server.daemon_threads = True
    return server


def run(kg: KnowledgeGraph, config: ServerConfig, log: Log | None = None) -> None:
    """Serve until interrupted (Ctrl-C)."""
    server = make_server(kg, config, log)
    if log is not None:
        mode = "updates with token" if config.update_token else "read-only"
        log.print(
            f"serving {len(kg)} triples at http://{config.host}:{server.server_port}/sparql ({mode}, "
            f"timeout {config.timeout:g} s, at most {config.max_rows} rows)",
            highlight=False,
            markup=False,
        )

    def stop(signum: int, frame: object) -> None:
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, stop)  # stop cleanly (and kill running queries) on SIGTERM too
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
        for child in multiprocessing.active_children():
            child.kill()
