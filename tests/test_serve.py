"""`obligraph serve`, queried with SPARQLWrapper as a client would, and the remote store's
behaviour when a server is slow or down (a clear one-line error, never a hang)."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from SPARQLWrapper import CSV, JSON, POST, XML, SPARQLWrapper
from typer.testing import CliRunner

from obligraph.cli import app
from obligraph.errors import EndpointError
from obligraph.store import local_servers
from obligraph.store.remote import Endpoint, RemoteGraph

RUS = "https://w3id.org/obligraph/id/state/RUS"
# Every pair of triples: far too slow to finish, on any store (73k^2 rows to count).
SLOW = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
TOKEN = "test-token-0123456789"


@dataclass(frozen=True)
class Served:
    url: str
    process: subprocess.Popen[bytes]


def _serve(tmp: Path, *args: str, token: str | None = None) -> Iterator[Served]:
    port = local_servers.free_port()
    env = {k: v for k, v in os.environ.items() if k != "OBLIGRAPH_UPDATE_TOKEN"}
    if token:
        env["OBLIGRAPH_UPDATE_TOKEN"] = token
    log = (tmp / f"serve-{port}.log").open("wb")
    command = [str(Path(sys.executable).parent / "obligraph"), "serve", "--port", str(port), *args]
    process = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT, env=env)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                urllib.request.urlopen(url + "/sparql?query=ASK%7B%7D", timeout=2).read()
                break
            except (urllib.error.URLError, OSError):
                if process.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError((tmp / f"serve-{port}.log").read_text()) from None
                time.sleep(0.2)
        yield Served(url, process)
    finally:
        process.terminate()
        process.wait(timeout=15)
        log.close()


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    yield from _serve(tmp_path_factory.mktemp("serve"), "--timeout", "3", "--max-rows", "100")


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


def test_updates_with_a_token(tmp_path: Path) -> None:
    for served in _serve(tmp_path, "--allow-update", token=TOKEN):
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
        remote = RemoteGraph(
            Endpoint.parse(served.url + "/sparql", env=env).with_update(served.url + "/update")
        )
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
    assert str(err.value).startswith(f"SPARQL endpoint {url}: cannot connect")
    assert str(err.value).endswith("after 3 attempts")


def test_endpoint_urls_are_checked() -> None:
    with pytest.raises(EndpointError, match="http"):
        Endpoint.parse("ftp://example.org/sparql", env={})
    with pytest.raises(EndpointError, match="credentials"):
        Endpoint.parse("http://me:secret@127.0.0.1:1/sparql", env={})
    ep = Endpoint.parse("http://127.0.0.1:1/sparql?default-graph-uri=https://x.org/g", env={})
    assert ep.query_url == "http://127.0.0.1:1/sparql" and ep.default_graphs == ("https://x.org/g",)
    assert Endpoint.parse("http://h/ds/query", env={}).updates == "http://h/ds/update"
