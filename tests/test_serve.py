"""`obligraph serve`, queried with SPARQLWrapper as a client would, and the remote store's
behaviour when a server is slow or down (a clear one-line error, never a hang)."""

from __future__ import annotations

import csv
import io
import json
import re
import subprocess
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator

import pytest
from SPARQLWrapper import CSV, JSON, POST, XML, SPARQLWrapper
from typer.testing import CliRunner

from obligraph.cli import app
from obligraph.errors import EndpointError
from obligraph.store import local_servers
from obligraph.store.remote import Endpoint, RemoteGraph
from tests.serving import Served, serve

RUS = "https://w3id.org/obligraph/id/state/RUS"
# Every pair of triples: far too slow to finish, on any store (73k^2 rows to count).
SLOW = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
TOKEN = "test-token-0123456789"


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    yield from serve(tmp_path_factory.mktemp("serve"), "--timeout", "3", "--max-rows", "100")


def client(url: str, query: str, fmt: str) -> SPARQLWrapper:
    sw = SPARQLWrapper(url + "/sparql")
    sw.setQuery(query)
    sw.setReturnFormat(fmt)
    return sw


STATES_OF_COE = """PREFIX og: <https://w3id.org/obligraph/ontology#>
PREFIX org: <http://www.w3.org/ns/org#>
SELECT ?state WHERE { ?m org:member ?state ; org:organization <https://w3id.org/obligraph/id/org/CoE> ;
  og:membershipStatus og:StatusMember } ORDER BY ?state"""


def test_sparqlwrapper_json_xml_csv(served: Served) -> None:
    rows = client(served.url, STATES_OF_COE, JSON).queryAndConvert()["results"]["bindings"]
    states = [r["state"]["value"] for r in rows]
    assert RUS in states  # CoE member 1996-2022 (CM/Res(2022)2)
    xml = client(served.url, STATES_OF_COE, XML).queryAndConvert()
    assert [n.firstChild.data for n in xml.getElementsByTagName("uri")] == states
    text = client(served.url, STATES_OF_COE, CSV).queryAndConvert().decode("utf-8")
    assert [r["state"] for r in csv.DictReader(io.StringIO(text))] == states
    post = client(served.url, STATES_OF_COE, JSON)
    post.setMethod(POST)
    assert post.queryAndConvert()["results"]["bindings"] == rows


def test_ask_and_the_remote_store_contract(served: Served) -> None:
    sw = client(served.url, f"ASK {{ <{RUS}> a <https://w3id.org/obligraph/ontology#State> }}", JSON)
    assert sw.queryAndConvert()["boolean"] is True
    remote = RemoteGraph(Endpoint.parse(served.url + "/sparql", env={}))
    assert remote.label(RUS) == "Russian Federation"


def test_result_limit(served: Served) -> None:
    query = "SELECT ?s WHERE { ?s ?p ?o } LIMIT 1000"
    result = client(served.url, query, JSON).query()
    assert result.info()["x-sparql-maxrows"] == "100"
    assert len(result.convert()["results"]["bindings"]) == 100


def test_query_timeout_kills_the_query(served: Served) -> None:
    start = time.monotonic()
    with pytest.raises(urllib.error.HTTPError) as err:
        client(served.url, SLOW, JSON).query()
    assert time.monotonic() - start < 10
    assert err.value.code == 503
    assert "longer than the server's timeout of 3 s" in json.loads(err.value.read())["error"]
    # the server is still answering, and no query process is left running
    assert client(served.url, "ASK {}", JSON).queryAndConvert()["boolean"] is True
    children = subprocess.run(
        ["ps", "--ppid", str(served.process.pid), "-o", "pid="], capture_output=True, text=True, check=False
    )
    assert children.stdout.strip() == ""


def test_status_and_impact_json_match_the_cli(served: Served) -> None:
    runner = CliRunner()
    for path, args in (
        ("/status/RUS?on=2021-06-01", ["status", "RUS", "--on", "2021-06-01", "--json"]),
        (
            "/impact/RUS?withdraw=ETS-126&notified=2025-10-03",
            ["impact", "RUS", "--withdraw", "ETS-126", "--notified", "2025-10-03", "--json"],
        ),
    ):
        body = urllib.request.urlopen(served.url + path, timeout=30).read()
        assert json.loads(body) == json.loads(runner.invoke(app, args).output)
    with pytest.raises(urllib.error.HTTPError) as err:
        urllib.request.urlopen(served.url + "/status/Narnia", timeout=30)
    assert err.value.code == 400
    assert "unknown state 'Narnia'" in json.loads(err.value.read())["error"]


def test_every_kind_of_event_and_the_named_queries_give_the_cli_s_answers(served: Served) -> None:
    runner = CliRunner()
    for path, args in (
        (
            "/impact/RUS?ratify=OPCAT&on=2026-01-15",
            ["impact", "RUS", "--ratify", "OPCAT", "--on", "2026-01-15"],
        ),
        (
            "/impact/RUS?expel-from=CoE&on=2022-03-16",
            ["impact", "RUS", "--expel-from", "CoE", "--on", "2022-03-16"],
        ),
        (
            "/impact/FRA?withdraw-declaration=CAT%2022&on=2025-01-01&as-of=2025-06-01",
            [
                "impact",
                "FRA",
                "--withdraw-declaration",
                "CAT 22",
                "--on",
                "2025-01-01",
                "--as-of",
                "2025-06-01",
            ],
        ),
    ):
        body = urllib.request.urlopen(served.url + path, timeout=60).read()
        assert json.loads(body) == json.loads(runner.invoke(app, [*args, "--json"]).output), path
    query = "/queries/treaty-parties?treaty=ECPT&on=2023-01-01"
    status, headers, body = _status(served.url, query + "&format=csv")
    assert status == 200 and headers["content-type"].startswith("text/csv")
    cli = runner.invoke(
        app, ["query", "treaty-parties", "-p", "treaty=ECPT", "-p", "on=2023-01-01", "-f", "csv"]
    )
    assert body.decode("utf-8") == cli.output
    answer = json.loads(_status(served.url, query)[2])
    assert answer["parameters"] == {"treaty": "ETS-126", "on": "2023-01-01"}
    assert answer["labels"]["https://w3id.org/obligraph/id/state/RUS"] == "Russia"
    # an event with the other kind of date, and a query name that is a path, are refused
    status, _, body = _status(served.url, "/impact/RUS?ratify=OPCAT&notified=2026-01-15")
    assert status == 400 and json.loads(body)["error"] == "ratify= takes on= DATE, not notified="
    for path in ("/queries/..%2F..%2Fpyproject.toml", "/queries/..%2Fqueries%2Ftreaty-parties.rq"):
        status, _, body = _status(served.url, path)
        assert status in (400, 404) and b"[build-system]" not in body and b"SELECT" not in body


def test_the_page_and_its_files(served: Served) -> None:
    status, headers, body = _status(served.url, "/")
    assert status == 200 and headers["content-type"].startswith("text/html")
    policy = headers["content-security-policy"]
    assert (
        "default-src 'none'" in policy
        and "script-src 'self'" in policy
        and "frame-ancestors 'none'" in policy
    )
    assert headers["x-content-type-options"] == "nosniff"
    # every script and style the page loads is this server's own
    assert re.findall(rb'<(?:script|link)[^>]+(?:src|href)="(?!/static/|data:)', body) == []
    status, headers, _ = _status(served.url, "/static/vendor/d3-geo.min.js")
    assert status == 200 and headers["content-type"].startswith("text/javascript")
    assert _status(served.url, "/static/../pyproject.toml")[0] == 404
    assert _status(served.url, "/static/%2e%2e/%2e%2e/pyproject.toml")[0] == 404
    names = json.loads(_status(served.url, "/names")[2])
    assert [e["name"] for e in names["events"]] == [
        "withdraw",
        "ratify",
        "expel",
        "suspend",
        "leave",
        "declare",
        "undeclare",
    ]
    russia = next(s for s in names["states"] if s["id"] == "RUS")
    assert {"RUS", "RU", "Russia", "Russian Federation"} <= set(russia["names"])
    assert {"CAT 22", "CAT 28", "ICCPR 41"} <= {a["label"] for a in names["articles"]}


def _update(url: str, headers: dict[str, str]) -> int:
    request = urllib.request.Request(
        url + "/update",
        data=b"INSERT DATA { <https://example.org/s> <https://example.org/p> <https://example.org/o> }",
        headers={"Content-Type": "application/sparql-update", **headers},
        method="POST",
    )
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return int(response.status)
    except urllib.error.HTTPError as err:
        return err.code


def test_updates_are_refused_by_default(served: Served) -> None:
    assert _update(served.url, {}) == 403
    assert _update(served.url, {"Authorization": f"Bearer {TOKEN}"}) == 403


@pytest.fixture(scope="module")
def permissive(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    """A server with everything switched on: updates (with the token), SERVICE, one CORS origin."""
    yield from serve(
        tmp_path_factory.mktemp("permissive"),
        "--allow-update",
        "--allow-service",
        "--cors",
        "https://app.example.org",
        token=TOKEN,
    )


def test_updates_with_a_token(permissive: Served) -> None:
    served = permissive
    assert _update(served.url, {}) == 401
    assert _update(served.url, {"Authorization": "Bearer wrong"}) == 401
    assert _update(served.url, {"Authorization": f"Bearer {TOKEN}"}) == 204
    ask = client(served.url, "ASK { <https://example.org/s> ?p ?o }", JSON)
    assert ask.queryAndConvert()["boolean"] is True
    # obligraph push works against it too (token as the basic-auth password)
    env = {"OBLIGRAPH_ENDPOINT_USER": "me", "OBLIGRAPH_ENDPOINT_PASSWORD": TOKEN}
    from obligraph.store import KnowledgeGraph, default_files
    from obligraph.store.push import push

    ontology = KnowledgeGraph.from_files(default_files()[:1])
    remote = RemoteGraph(Endpoint.parse(served.url + "/sparql", env=env).with_update(served.url + "/update"))
    push(ontology, remote)
    assert len(remote) == len(ontology)


def test_allow_update_needs_a_token() -> None:
    result = CliRunner().invoke(app, ["serve", "--allow-update"], env={"OBLIGRAPH_UPDATE_TOKEN": ""})
    assert result.exit_code == 2
    assert "OBLIGRAPH_UPDATE_TOKEN" in result.output


def test_a_slow_server_gives_a_one_line_timeout(oxigraph_graph: RemoteGraph) -> None:
    env = {"OBLIGRAPH_ENDPOINT_TIMEOUT": "1", "OBLIGRAPH_ENDPOINT_RETRIES": "2"}
    remote = RemoteGraph(Endpoint.parse(oxigraph_graph.endpoint.query_url, env=env))
    start = time.monotonic()
    with pytest.raises(EndpointError) as err:
        remote.query(SLOW)
    assert time.monotonic() - start < 5  # a read timeout is not retried
    assert "no answer within the timeout (timeout 1 s)" in str(err.value)


def test_a_server_that_is_down_gives_a_one_line_error_after_retries() -> None:
    url = f"http://127.0.0.1:{local_servers.free_port()}/query"
    remote = RemoteGraph(Endpoint.parse(url, env={"OBLIGRAPH_ENDPOINT_RETRIES": "2"}))
    start = time.monotonic()
    with pytest.raises(EndpointError) as err:
        remote.query("ASK {}")
    assert 0.5 + 1.0 <= time.monotonic() - start < 10  # backoff 0.5 s, then 1 s
    assert str(err.value).startswith(f"SPARQL endpoint {url}: cannot connect: connection refused")
    assert str(err.value).endswith("after 3 attempts")


def test_endpoint_urls_are_checked() -> None:
    with pytest.raises(EndpointError, match="http"):
        Endpoint.parse("ftp://example.org/sparql", env={})
    # malformed: refused at once, never sent nor retried
    for url, what in (
        ("http://no such host/sparql", "spaces"),
        ("http://127.0.0.1:99999/sparql", "invalid port"),
        ("http://127.0.0.1:port/sparql", "invalid port"),
        ("localhost:7878/sparql", "http"),
        ("http:///sparql", "http"),
    ):
        with pytest.raises(EndpointError, match=what):
            Endpoint.parse(url, env={})
    with pytest.raises(EndpointError, match="positive"):
        Endpoint.parse("http://127.0.0.1:1/sparql", env={"OBLIGRAPH_ENDPOINT_TIMEOUT": "-1"})
    with pytest.raises(EndpointError, match="credentials"):
        Endpoint.parse("http://me:secret@127.0.0.1:1/sparql", env={})
    ep = Endpoint.parse("http://127.0.0.1:1/sparql?default-graph-uri=https://x.org/g", env={})
    assert ep.query_url == "http://127.0.0.1:1/sparql" and ep.default_graphs == ("https://x.org/g",)
    assert Endpoint.parse("http://h/ds/query", env={}).updates == "http://h/ds/update"


# --- What the endpoint refuses (issue 16): each finding of the fault run has a test here. ---


def _raw(url: str, data: bytes, wait: float = 10.0) -> tuple[bytes, bool]:
    """Send raw bytes on a fresh connection; return everything answered and whether the server
    closed the connection (False: still open after ``wait`` seconds of silence)."""
    import socket

    host, port = url.removeprefix("http://").split(":")
    with socket.create_connection((host, int(port)), timeout=wait) as sock:
        sock.sendall(data)
        answer = b""
        try:
            while chunk := sock.recv(65536):
                answer += chunk
            return answer, True
        except TimeoutError:
            return answer, False


def _listener() -> tuple[object, int, list[bytes]]:
    """A socket that records what connects to it (to see whether the server sent a request)."""
    import socket
    import threading

    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    sock.listen()
    got: list[bytes] = []

    def accept() -> None:
        try:
            conn, _ = sock.accept()
            got.append(conn.recv(1000))
            conn.close()
        except OSError:
            pass

    threading.Thread(target=accept, daemon=True).start()
    return sock, sock.getsockname()[1], got


def _status(url: str, path: str, headers: dict[str, str] | None = None) -> tuple[int, dict[str, str], bytes]:
    request = urllib.request.Request(url + path, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as err:
        return err.code, dict(err.headers), err.read()


def test_service_is_refused_and_no_request_leaves(served: Served) -> None:
    sock, port, got = _listener()
    query = f"SELECT * WHERE {{ SERVICE <http://127.0.0.1:{port}/sparql> {{ ?s ?p ?o }} }}"
    status, _, body = _status(served.url, "/sparql?" + urllib.parse.urlencode({"query": query}))
    assert status == 400
    assert "SERVICE is not allowed" in json.loads(body)["error"]
    # a variable, a prefixed name or a literal spelt "service" is not the keyword
    ok = 'SELECT ?service WHERE { BIND("SERVICE <http://x>" AS ?service) }'
    assert client(served.url, ok, JSON).queryAndConvert()["results"]["bindings"]
    time.sleep(0.5)
    assert got == []
    sock.close()  # type: ignore[attr-defined]


def test_service_with_allow_service_reaches_the_named_server(permissive: Served) -> None:
    sock, port, got = _listener()
    query = f"SELECT * WHERE {{ SERVICE <http://127.0.0.1:{port}/sparql> {{ ?s ?p ?o }} }}"
    status, _, _ = _status(
        served_url := permissive.url, "/sparql?" + urllib.parse.urlencode({"query": query})
    )
    assert status != 200 and served_url  # our listener answers nothing useful
    deadline = time.monotonic() + 10
    while not got and time.monotonic() < deadline:
        time.sleep(0.1)
    assert got and got[0].startswith(b"POST /sparql")
    sock.close()  # type: ignore[attr-defined]


def test_load_of_a_file_is_refused_even_with_every_switch_on(permissive: Served) -> None:
    for text in ("LOAD <file:///etc/passwd>", "BASE <file:///etc/> LOAD <passwd>"):
        request = urllib.request.Request(
            permissive.url + "/update",
            data=text.encode(),
            headers={"Content-Type": "application/sparql-update", "Authorization": f"Bearer {TOKEN}"},
            method="POST",
        )
        with pytest.raises(urllib.error.HTTPError) as err:
            urllib.request.urlopen(request, timeout=30)
        assert err.value.code == 400
        assert "never from a file" in json.loads(err.value.read())["error"]


def test_no_cors_header_by_default_and_only_the_named_origin_when_asked(
    served: Served, permissive: Served
) -> None:
    origin = {"Origin": "https://evil.example"}
    _, headers, _ = _status(served.url, "/status/RUS?on=2021-06-01", origin)
    assert not any(h.lower().startswith("access-control-") for h in headers)
    _, headers, _ = _status(permissive.url, "/sparql?query=ASK%7B%7D", {"Origin": "https://app.example.org"})
    assert headers.get("access-control-allow-origin") == "https://app.example.org"
    _, headers, _ = _status(permissive.url, "/sparql?query=ASK%7B%7D", origin)
    assert "access-control-allow-origin" not in {h.lower() for h in headers}


def test_a_request_for_another_host_name_is_refused(served: Served) -> None:
    # a page on a domain rebound to 127.0.0.1 sends its own name as Host
    status, _, body = _status(served.url, "/sparql?query=ASK%7B%7D", {"Host": "rebound.example"})
    assert status == 421 and "answers only for" in json.loads(body)["error"]
    assert _status(served.url, "/sparql?query=ASK%7B%7D", {"Host": "localhost"})[0] == 200


def test_after_a_413_the_connection_closes_and_the_body_is_never_a_request(served: Served) -> None:
    smuggled = b"GET /status/RUS?on=2021-06-01 HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"
    head = (
        b"POST /sparql HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/sparql-query\r\n"
        b"Content-Length: 20000000\r\n\r\n"
    )
    answer, closed = _raw(served.url, head + smuggled)
    assert answer.startswith(b"HTTP/1.1 413") and closed
    assert answer.count(b"HTTP/1.1") == 1  # the status request in the body was not answered
    # a refused update's unread body is not a request either
    refused = b"POST /update HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: %d\r\n\r\n" % len(smuggled)
    answer, closed = _raw(served.url, refused + smuggled)
    assert answer.startswith(b"HTTP/1.1 403") and closed and answer.count(b"HTTP/1.1") == 1


@pytest.mark.parametrize("length", [b"-5", b"abc", b"5, 6", b"99999999999999999999999"])
def test_a_bad_content_length_is_400(served: Served, length: bytes) -> None:
    request = b"POST /sparql HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: " + length + b"\r\n\r\nASK{}"
    answer, closed = _raw(served.url, request)
    assert answer.startswith((b"HTTP/1.1 400", b"HTTP/1.1 413")) and closed
    assert client(served.url, "ASK {}", JSON).queryAndConvert()["boolean"] is True


def test_a_token_outside_ascii_is_401_and_nothing_is_logged_as_a_traceback(permissive: Served) -> None:
    for token in ("Bearer ünïcödé".encode(), "Bearer ünï".encode("latin-1"), b"Basic !!!notbase64"):
        request = (
            b"POST /update HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/sparql-update\r\n"
            b"Authorization: " + token + b"\r\nContent-Length: 5\r\n\r\nxxxxx"
        )
        answer, closed = _raw(permissive.url, request)
        assert answer.startswith(b"HTTP/1.1 401") and closed
    for mistake in (b"GET /status/\xff HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n", b"\x16\x03\x01\x00\xff" * 20):
        answer, _ = _raw(permissive.url, mistake)
        assert answer.startswith(b"HTTP/1.1 400")
    assert "Traceback" not in permissive.log.read_text(errors="replace")


def test_dates_outside_the_range_are_400_not_500(served: Served) -> None:
    for path in (
        "/impact/RUS?withdraw=ETS-126&notified=9999-12-31",
        "/status/RUS?on=",
        "/status/RUS?on=2021-02-30",
    ):
        status, _, body = _status(served.url, path)
        assert status == 400, (path, body)
        assert "date" in json.loads(body)["error"] or "range" in json.loads(body)["error"]
    assert "Traceback" not in served.log.read_text(errors="replace")


def _silent_server() -> tuple[object, str]:
    """A port that accepts connections (the kernel's backlog) and never answers."""
    import socket

    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    sock.listen(64)
    return sock, f"http://127.0.0.1:{sock.getsockname()[1]}/sparql"


def test_a_push_to_a_silent_server_fails_within_the_timeout() -> None:
    from obligraph.errors import PushError
    from obligraph.store import KnowledgeGraph, default_files
    from obligraph.store.push import push

    sock, url = _silent_server()
    ontology = KnowledgeGraph.from_files(default_files()[:1])
    remote = RemoteGraph(Endpoint.parse(url, env={"OBLIGRAPH_ENDPOINT_TIMEOUT": "1"}))
    start = time.monotonic()
    with pytest.raises(PushError) as err:
        push(ontology, remote)
    assert time.monotonic() - start < 1.9  # one timeout, not one for the request and one for the clean-up
    assert "no answer within the timeout (timeout 1 s)" in str(err.value)
    sock.close()  # type: ignore[attr-defined]


def test_a_push_to_a_refused_connection_names_that_and_nothing_else() -> None:
    result = CliRunner().invoke(
        app, ["push", "--endpoint", f"http://127.0.0.1:{local_servers.free_port()}/sparql"], env={}
    )
    assert result.exit_code == 2
    assert "connection refused" in result.output
    assert "Virtuoso" not in result.output and "default graph to replace" not in result.output


def test_retries_stay_within_the_timeout() -> None:
    url = f"http://127.0.0.1:{local_servers.free_port()}/query"
    env = {"OBLIGRAPH_ENDPOINT_TIMEOUT": "1", "OBLIGRAPH_ENDPOINT_RETRIES": "5"}
    start = time.monotonic()
    with pytest.raises(EndpointError, match="connection refused"):
        RemoteGraph(Endpoint.parse(url, env=env)).query("ASK {}")
    assert time.monotonic() - start < 1.5  # backoff 0.5 s, then 1 s would pass the 1 s timeout
