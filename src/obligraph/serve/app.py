"""The HTTP side of ``obligraph serve``: a Starlette application, one route per endpoint.

* ``GET|POST /sparql`` (also ``/query``): a query as ``query=`` (GET, or a form POST) or as an
  ``application/sparql-query`` body; results as JSON, XML, CSV or TSV by ``Accept`` or
  ``format=``. At most ``max_rows`` rows; when cut, the header ``X-SPARQL-MaxRows`` says so
  (Virtuoso's convention). ``SERVICE`` is refused unless the server allows it.
* ``GET /`` the explorer page, and the JSON routes it calls (``/status/STATE?on=DATE``,
  ``/impact/STATE?withdraw=TREATY[&notified=DATE]``, ...: :mod:`obligraph.serve.explorer`):
  the JSON of ``obligraph status --json`` / ``impact --json`` (docs/json.md).
* ``POST /update`` (also ``/sparql`` with ``update=``): refused with 403 unless the server was
  started with an update token, which the request must carry (``Authorization: Bearer TOKEN``,
  or basic auth with the token as password): 401 without it.

Every error is JSON ``{"error": "..."}``. A request body is read only up to :data:`MAX_BODY`;
a response sent before the body was read closes the connection, so an unread body is never
taken for the next request. No CORS header unless origins are configured; when bound to a
loopback address, a request must name that address (or ``localhost``) in its ``Host`` header,
so a web page cannot reach the endpoint by rebinding a domain name to 127.0.0.1.
"""

from __future__ import annotations

from http import HTTPStatus
from ipaddress import ip_address
from typing import Any
from urllib.parse import parse_qsl

from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.middleware.cors import CORSMiddleware
from starlette.requests import ClientDisconnect, Request
from starlette.responses import Response
from starlette.routing import Route
from starlette.types import ASGIApp, Receive, Scope, Send

from obligraph.serve import explorer, guard
from obligraph.serve.engine import Engine, Reply, error
from obligraph.store import sparql_results
from obligraph.store.substitute import IRI_PATTERN

MAX_BODY = 10 * 1024 * 1024  # bytes of a request body
ENDPOINTS = (
    "endpoints: / (the explorer page), /sparql, /update, /status/STATE, /impact/STATE, /names, "
    "/standing, /timeline/STATE, /queries"
)
CLOSE = ("Connection", "close")


def respond(reply: Reply) -> Response:
    return Response(reply.body, reply.status, dict(reply.headers), media_type=reply.content_type)


def _refuse(status: HTTPStatus, message: str, close: bool = False) -> Response:
    return respond(error(status, message, *([CLOSE] if close else [])))


def _has_body(request: Request) -> bool:
    return request.headers.get("content-length", "0") != "0" or "transfer-encoding" in request.headers


async def _body(request: Request) -> bytes | None:
    """The request body, or None when it is over :data:`MAX_BODY` bytes (checked against the
    declared length, then as it arrives, chunked or not)."""
    declared = request.headers.get("content-length", "0")
    if not declared.isdigit() or int(declared) > MAX_BODY:  # the HTTP parser has checked it already
        return None
    data = bytearray()
    async for chunk in request.stream():
        data += chunk
        if len(data) > MAX_BODY:
            return None
    return bytes(data)


async def _params(request: Request) -> tuple[dict[str, str], str, str] | Response:
    """The query-string and form parameters, the body's media type and its text."""
    params = dict(request.query_params)
    kind = (request.headers.get("content-type") or "").split(";")[0].strip().lower()
    if request.method != "POST":
        return params, kind, ""
    try:
        data = await _body(request)
    except ClientDisconnect:
        return _refuse(HTTPStatus.BAD_REQUEST, "the client went away", close=True)
    if data is None:
        return _refuse(HTTPStatus.REQUEST_ENTITY_TOO_LARGE, f"request body over {MAX_BODY} bytes", close=True)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return _refuse(HTTPStatus.BAD_REQUEST, "the request body is not UTF-8")
    if kind == "application/x-www-form-urlencoded":
        params.update(parse_qsl(text, keep_blank_values=True))
        text = ""
    return params, kind, text


def _engine(request: Request) -> Engine:
    engine: Engine = request.app.state.engine
    return engine


async def sparql(request: Request) -> Response:
    engine = _engine(request)
    content_type = request.headers.get("content-type", "")
    if "update" in request.query_params or content_type.startswith("application/sparql-update"):
        return await update(request)
    parsed = await _params(request)
    if isinstance(parsed, Response):
        return parsed
    params, kind, text = parsed
    if "update" in params:  # an update posted as a form
        return _update_refusal(request) or await _run_update(request, params.get("update", ""))
    query = text if kind == "application/sparql-query" else params.get("query", "")
    if not query:
        return _refuse(HTTPStatus.BAD_REQUEST, "no query: send query=... or a sparql-query body")
    fmt = sparql_results.negotiate(request.headers.get("accept") or "", params.get("format"))
    if fmt is None:
        return _refuse(HTTPStatus.NOT_ACCEPTABLE, "results are served as JSON, XML, CSV or TSV")
    graph = params.get("default-graph-uri")
    if graph is not None and not IRI_PATTERN.match(graph):
        return _refuse(HTTPStatus.BAD_REQUEST, "default-graph-uri is not an http(s) IRI")
    why = guard.refusal(query, engine.config.allow_service)
    if why:
        return _refuse(HTTPStatus.BAD_REQUEST, why)
    return respond(await run_in_threadpool(engine.sparql, query, fmt, graph))


def _update_refusal(request: Request) -> Response | None:
    """403 on a read-only server, 401 without the token, 405 for anything but POST; each closes
    the connection, since the body (if any) is left unread."""
    token = _engine(request).config.update_token
    if token is None:
        return _refuse(HTTPStatus.FORBIDDEN, "this endpoint is read-only", close=True)
    if not guard.authorised(request.headers.get("authorization"), token):
        return _refuse(HTTPStatus.UNAUTHORIZED, "updates need the server's token", close=True)
    if request.method != "POST":
        return _refuse(HTTPStatus.METHOD_NOT_ALLOWED, "updates must be POSTed", close=True)
    return None


async def update(request: Request) -> Response:
    refused = _update_refusal(request)
    if refused is not None:
        return refused
    parsed = await _params(request)
    if isinstance(parsed, Response):
        return parsed
    params, kind, text = parsed
    return await _run_update(
        request, text if kind == "application/sparql-update" else params.get("update", "")
    )


async def _run_update(request: Request, text: str) -> Response:
    engine = _engine(request)
    if not text:
        return _refuse(HTTPStatus.BAD_REQUEST, "no update: send update=... or a sparql-update body")
    why = guard.refusal(text, engine.config.allow_service)
    if why:
        return _refuse(HTTPStatus.BAD_REQUEST, why)
    return respond(await run_in_threadpool(engine.update, text))


async def _http_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, HTTPException)
    message = ENDPOINTS if exc.status_code == 404 else exc.detail
    return _refuse(HTTPStatus(exc.status_code), message, close=_has_body(request))


class HostCheck:
    """Answer only requests whose ``Host`` names one of ``hosts`` (any port): 421 otherwise."""

    def __init__(self, app: ASGIApp, hosts: frozenset[str]) -> None:
        self.app = app
        self.hosts = hosts

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http":
            host = dict(scope["headers"]).get(b"host", b"").decode("latin-1").lower()
            name = host.rsplit(":", 1)[0] if not host.endswith("]") else host
            if name not in self.hosts:
                response = _refuse(
                    HTTPStatus.MISDIRECTED_REQUEST,
                    f"this server answers only for {', '.join(sorted(self.hosts))}",
                    True,
                )
                await response(scope, receive, send)
                return
        await self.app(scope, receive, send)


def loopback_names(host: str) -> frozenset[str] | None:
    """The ``Host`` names a loopback-bound server answers for; None when bound elsewhere."""
    try:
        if not ip_address(host.strip("[]")).is_loopback:
            return None
    except ValueError:
        if host.lower() != "localhost":
            return None
    return frozenset({"localhost", "127.0.0.1", "[::1]", host.lower()})


def create_app(engine: Engine) -> Starlette:
    """The endpoint's application for ``engine`` (the loaded graph and the server's settings)."""
    config = engine.config
    middleware = []
    middleware.append(Middleware(explorer.NoSniff))
    names = loopback_names(config.host)
    if names is not None:
        middleware.append(Middleware(HostCheck, hosts=names))
    if config.cors:
        middleware.append(
            Middleware(
                CORSMiddleware,
                allow_origins=list(config.cors),
                allow_methods=["GET", "POST"],
                allow_headers=["Accept", "Authorization", "Content-Type"],
                expose_headers=["X-SPARQL-MaxRows"],
            )
        )
    routes = [
        Route("/sparql", sparql, methods=["GET", "POST"]),
        Route("/query", sparql, methods=["GET", "POST"]),
        Route("/update", update, methods=["GET", "POST"]),
        *explorer.routes(),
    ]
    handlers: dict[Any, Any] = {HTTPException: _http_error}
    app = Starlette(routes=routes, middleware=middleware, exception_handlers=handlers)
    app.state.engine = engine
    return app
