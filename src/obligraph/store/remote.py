"""The knowledge graph in any SPARQL 1.1 store, queried over HTTP through SPARQLWrapper.

``RemoteGraph(Endpoint(...))`` has the same ``query(text, bindings)`` contract as the embedded
store. Parameters are written into the text as typed terms (:mod:`obligraph.store.substitute`); the
SPARQL 1.1 Protocol has no way to send bindings. Rows are converted exactly as the embedded
store converts them (:func:`obligraph.store.from_term`), so every command prints the same.

Reliability: every request has a timeout; refused or dropped connections, 502 and 504, and
503 with ``Retry-After`` are retried with exponential backoff; anything else (and the last failure) becomes one
:class:`EndpointError` line naming the endpoint. Nothing waits without a bound.

Configuration comes from the URL and the environment, so commands need only ``--endpoint``:

* ``default-graph-uri`` / ``named-graph-uri`` in the URL's query string are sent with every
  query (the SPARQL Protocol's dataset parameters), e.g. ``.../sparql?default-graph-uri=G``;
* ``OBLIGRAPH_ENDPOINT_USER`` / ``OBLIGRAPH_ENDPOINT_PASSWORD`` (HTTP auth; never put a
  password on the command line), ``OBLIGRAPH_ENDPOINT_AUTH`` (``basic``, the default, or
  ``digest``), ``OBLIGRAPH_ENDPOINT_TIMEOUT`` (seconds, default 30),
  ``OBLIGRAPH_ENDPOINT_RETRIES`` (default 2), ``OBLIGRAPH_ENDPOINT_METHOD`` (``POST``, the
  default, or ``GET``).
"""

from __future__ import annotations

import http.client
import os
import socket
import time
import urllib.error
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from typing import Any, TypeVar
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

import pyoxigraph as ox
from SPARQLWrapper import BASIC, DIGEST, GET, JSON, POST, POSTDIRECTLY, TURTLE, URLENCODED, SPARQLWrapper
from SPARQLWrapper.SPARQLExceptions import SPARQLWrapperException

from obligraph.errors import EndpointError, QueryError
from obligraph.store.base import Row, from_term, label_of, prefix_block
from obligraph.store.embedded import KnowledgeGraph
from obligraph.store.substitute import substitute

T = TypeVar("T")
RETRY_STATUS = (502, 504)  # and 503 with Retry-After; a 503 for a query timeout is not retried


@dataclass(frozen=True)
class Endpoint:
    """Where and how to reach a SPARQL 1.1 store."""

    query_url: str
    update_url: str | None = None  # default: derived by :func:`update_url_for`
    default_graphs: tuple[str, ...] = ()
    named_graphs: tuple[str, ...] = ()
    user: str | None = None
    password: str | None = None
    auth: str = "basic"  # or "digest" (Virtuoso's /sparql-auth)
    timeout: float = 30.0
    retries: int = 2
    backoff: float = 0.5  # seconds before the first retry; doubles each time
    method: str = "POST"  # or "GET"

    @classmethod
    def parse(cls, url: str, env: Mapping[str, str] | None = None) -> Endpoint:
        """An endpoint from a URL (dataset parameters in its query string) and the environment."""
        env = os.environ if env is None else env
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise EndpointError(f"--endpoint must be an http(s) URL, not {url!r}")
        if any(c.isspace() or not c.isprintable() for c in url):
            raise EndpointError(f"--endpoint {url!r} contains spaces or control characters")
        try:
            parts.port  # noqa: B018 (raises for a port that is not a number from 0 to 65535)
        except ValueError:
            raise EndpointError(f"--endpoint {url!r} has an invalid port") from None
        if parts.username or parts.password:
            raise EndpointError(
                "do not put credentials in the endpoint URL; set OBLIGRAPH_ENDPOINT_USER and "
                "OBLIGRAPH_ENDPOINT_PASSWORD"
            )
        params = parse_qsl(parts.query)
        defaults = tuple(v for k, v in params if k == "default-graph-uri")
        named = tuple(v for k, v in params if k == "named-graph-uri")
        rest = [(k, v) for k, v in params if k not in ("default-graph-uri", "named-graph-uri")]
        base = urlunsplit((parts.scheme, parts.netloc, parts.path, urlencode(rest), ""))
        method = env.get("OBLIGRAPH_ENDPOINT_METHOD", "POST").upper()
        auth = env.get("OBLIGRAPH_ENDPOINT_AUTH", "basic").lower()
        if method not in ("GET", "POST"):
            raise EndpointError(f"OBLIGRAPH_ENDPOINT_METHOD must be GET or POST, not {method!r}")
        if auth not in ("basic", "digest"):
            raise EndpointError(f"OBLIGRAPH_ENDPOINT_AUTH must be basic or digest, not {auth!r}")
        try:
            timeout = float(env.get("OBLIGRAPH_ENDPOINT_TIMEOUT", "30"))
            retries = int(env.get("OBLIGRAPH_ENDPOINT_RETRIES", "2"))
        except ValueError as exc:
            raise EndpointError(f"OBLIGRAPH_ENDPOINT_TIMEOUT/RETRIES must be numbers: {exc}") from None
        if not 0 < timeout < float("inf"):
            raise EndpointError(
                f"OBLIGRAPH_ENDPOINT_TIMEOUT must be a positive number of seconds, not {timeout}"
            )
        return cls(
            query_url=base,
            default_graphs=defaults,
            named_graphs=named,
            user=env.get("OBLIGRAPH_ENDPOINT_USER") or None,
            password=env.get("OBLIGRAPH_ENDPOINT_PASSWORD") or None,
            auth=auth,
            timeout=timeout,
            retries=max(0, retries),
            method=method,
        )

    def with_update(self, update_url: str | None) -> Endpoint:
        return replace(self, update_url=update_url) if update_url else self

    @property
    def updates(self) -> str:
        return self.update_url or update_url_for(self.query_url)


def update_url_for(query_url: str) -> str:
    """Oxigraph and Fuseki answer updates at ``/update`` beside ``/query``; Virtuoso and most
    others at the same URL. Give ``--update-endpoint`` where neither holds."""
    parts = urlsplit(query_url)
    if parts.path.endswith("/query"):
        return urlunsplit(parts._replace(path=parts.path[: -len("query")] + "update"))
    return query_url


def _describe(exc: BaseException) -> tuple[str, bool]:
    """A one-line reason for a failed request, and whether it is worth retrying: a refused or
    dropped connection and 502/504 are; a timeout, a name that does not resolve, a malformed URL
    and any other answer are not."""
    if isinstance(exc, urllib.error.HTTPError):
        body = exc.read().decode("utf-8", "replace").strip().splitlines()
        detail = f": {body[0][:200]}" if body else ""
        retry = exc.code in RETRY_STATUS or (exc.code == 503 and exc.headers.get("Retry-After") is not None)
        return f"HTTP {exc.code} {exc.reason}{detail}", retry
    if isinstance(exc, SPARQLWrapperException):
        response = getattr(exc, "response", None)
        detail = response.decode("utf-8", "replace") if isinstance(response, bytes) else str(response or "")
        detail = " ".join(detail.split())[:300]
        return f"{exc.msg}: {detail}" if detail else str(exc.msg), False
    if isinstance(exc, TimeoutError | socket.timeout):
        return "no answer within the timeout", False
    if isinstance(exc, urllib.error.URLError):
        reason = exc.reason
        if isinstance(reason, TimeoutError | socket.timeout):
            return "no answer within the timeout", False
        if isinstance(reason, socket.gaierror):
            return f"cannot resolve the host name ({reason.strerror or reason})", False
        if isinstance(reason, ConnectionRefusedError):
            return "cannot connect: connection refused (is the server running?)", True
        return f"cannot connect ({reason})", isinstance(reason, ConnectionError | OSError)
    if isinstance(exc, http.client.InvalidURL | ValueError):
        return f"not a valid URL ({exc})", False
    if isinstance(exc, ConnectionError | http.client.HTTPException):
        return f"connection lost ({exc.__class__.__name__}: {exc})", True
    return f"{exc.__class__.__name__}: {exc}", False


class RemoteGraph:
    """A SPARQL 1.1 endpoint with the same ``query`` contract as the embedded store."""

    def __init__(self, endpoint: Endpoint) -> None:
        self.endpoint = endpoint
        self._local: KnowledgeGraph | None = None

    def _wrapper(self, url: str) -> SPARQLWrapper:
        ep = self.endpoint
        sw = SPARQLWrapper(url, updateEndpoint=ep.updates)
        sw.setTimeout(max(1, round(ep.timeout)))
        sw.setReturnFormat(JSON)
        sw.setMethod(POST if ep.method == "POST" else GET)
        if ep.user and ep.password:
            sw.setHTTPAuth(DIGEST if ep.auth == "digest" else BASIC)
            sw.setCredentials(ep.user, ep.password)
        return sw

    def with_retries(self, url: str, action: Callable[[], T]) -> T:
        """``action()``, retried on a transient failure with exponential backoff, all within the
        endpoint's timeout: no retry starts once its backoff would pass it."""
        ep = self.endpoint
        delay = ep.backoff
        deadline = time.monotonic() + ep.timeout
        for attempt in range(ep.retries + 1):
            try:
                return action()
            except (
                urllib.error.URLError,
                SPARQLWrapperException,
                OSError,
                http.client.HTTPException,
                ValueError,
            ) as exc:
                reason, transient = _describe(exc)
                out_of_time = time.monotonic() + delay >= deadline
                if not transient or attempt == ep.retries or out_of_time:
                    tries = f" after {attempt + 1} attempts" if attempt else ""
                    limit = f" (timeout {ep.timeout:g} s)" if "timeout" in reason else ""
                    answered = isinstance(exc, urllib.error.HTTPError | SPARQLWrapperException)
                    raise EndpointError(f"SPARQL endpoint {url}: {reason}{limit}{tries}", answered) from None
                time.sleep(delay)
                delay *= 2
        raise AssertionError("unreachable")

    def raw(self, text: str) -> dict[str, Any]:
        """Send a query as it is and return the decoded SPARQL JSON results."""
        ep = self.endpoint
        sw = self._wrapper(ep.query_url)
        sw.setRequestMethod(URLENCODED)
        for graph in ep.default_graphs:
            sw.addDefaultGraph(graph)
        for graph in ep.named_graphs:
            sw.addNamedGraph(graph)
        sw.setQuery(text)

        def run() -> dict[str, Any]:
            result = sw.query()
            try:
                data = result.convert()
            except ValueError as exc:
                raise EndpointError(f"SPARQL endpoint {ep.query_url}: not SPARQL JSON ({exc})") from None
            if not isinstance(data, dict):
                raise EndpointError(f"SPARQL endpoint {ep.query_url}: not SPARQL JSON results")
            return data

        return self.with_retries(ep.query_url, run)

    def update(self, text: str) -> None:
        """Send one SPARQL Update request (the store applies it as one operation)."""
        ep = self.endpoint
        sw = self._wrapper(ep.updates)
        sw.setMethod(POST)
        sw.setRequestMethod(POSTDIRECTLY)
        sw.setQuery(text)
        self.with_retries(ep.updates, lambda: sw.query().response.read())

    def query(self, text: str, bindings: Mapping[str, object] | None = None) -> list[Row]:
        data = self.raw(prefix_block() + substitute(text, bindings))
        if "boolean" in data:
            return [{"result": bool(data["boolean"])}]
        if "results" not in data:
            raise QueryError("only SELECT and ASK queries return rows; use construct() for graphs")
        names = [str(v) for v in data.get("head", {}).get("vars", [])]
        return [{n: from_term(json_term(b.get(n))) for n in names} for b in data["results"]["bindings"]]

    def ask(self, text: str, bindings: Mapping[str, object] | None = None) -> bool:
        rows = self.query(text, bindings)
        return bool(rows and rows[0].get("result"))

    def label(self, iri: str) -> str:
        return label_of(self, iri)

    def to_local(self) -> KnowledgeGraph:
        """A local copy of the endpoint's graph (one CONSTRUCT, checked against a count)."""
        if self._local is None:
            ep = self.endpoint
            sw = self._wrapper(ep.query_url)
            sw.setRequestMethod(URLENCODED)
            sw.setReturnFormat(TURTLE)
            for graph in ep.default_graphs:
                sw.addDefaultGraph(graph)
            sw.setQuery("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }")
            data = self.with_retries(ep.query_url, lambda: sw.query().response.read())
            store = ox.Store()
            try:
                store.bulk_load(data, format=ox.RdfFormat.TURTLE)
            except SyntaxError as exc:
                raise EndpointError(
                    f"SPARQL endpoint {ep.query_url}: unreadable CONSTRUCT result ({exc})"
                ) from None
            rows = self.query("SELECT (COUNT(*) AS ?n) WHERE { SELECT DISTINCT ?s ?p ?o WHERE { ?s ?p ?o } }")
            expected = int(str(rows[0]["n"])) if rows else 0
            if len(store) != expected:
                raise EndpointError(
                    f"SPARQL endpoint {ep.query_url}: sent {len(store)} of {expected} triples for a local "
                    "copy (a result limit on the server?)"
                )
            self._local = KnowledgeGraph(store)
        return self._local

    def __len__(self) -> int:
        rows = self.query("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")
        return int(str(rows[0]["n"])) if rows else 0


def json_term(binding: Mapping[str, str] | None) -> ox.NamedNode | ox.BlankNode | ox.Literal | None:
    """A term of SPARQL 1.1 JSON results (and Virtuoso's older ``typed-literal``) as pyoxigraph's."""
    if binding is None:
        return None
    kind, value = binding.get("type"), binding.get("value", "")
    if kind == "uri":
        return ox.NamedNode(value)
    if kind == "bnode":
        return ox.BlankNode(value)
    if kind in ("literal", "typed-literal"):
        if "xml:lang" in binding:
            return ox.Literal(value, language=binding["xml:lang"])
        if "datatype" in binding:
            return ox.Literal(value, datatype=ox.NamedNode(binding["datatype"]))
        return ox.Literal(value)
    raise QueryError(f"unexpected term in SPARQL JSON results: {binding!r}")
