"""`obligraph push` into real servers, then every command through `--endpoint`.

The seed question (impact RUS --withdraw ETS-126) must print the same JSON from an Oxigraph
server and from Virtuoso as from the embedded store; a push that fails half-way must leave the
previous data queryable.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from obligraph.cli import app
from obligraph.errors import PushError
from obligraph.store import KnowledgeGraph, default_files, load, local_servers
from obligraph.store.push import STAGING, push
from obligraph.store.remote import Endpoint, RemoteGraph
from tests.store_fixtures import GRAPH, VIRTUOSO_AUTH, require, virtuoso_writer

runner = CliRunner()
SEED = ["impact", "RUS", "--withdraw", "ETS-126", "--json"]


def cli(args: list[str], env: dict[str, str] | None = None) -> str:
    result = runner.invoke(app, args, env=env)
    assert result.exit_code == 0, result.output
    return result.output


def count(remote: RemoteGraph) -> int:
    return len(remote)


def test_seed_question_from_an_oxigraph_server(oxigraph_graph: RemoteGraph) -> None:
    url = oxigraph_graph.endpoint.query_url
    assert cli([*SEED, "--endpoint", url]) == cli(SEED)
    # the same through the environment variable, for every read command
    env = {"OBLIGRAPH_ENDPOINT": url}
    assert cli(SEED, env) == cli(SEED)
    for args in (
        ["status", "RUS", "--on", "2021-06-01", "--json"],
        [
            "query",
            "parties-not-members",
            "-p",
            "treaty=ECPT",
            "-p",
            "organisation=CoE",
            "-p",
            "on=2023-01-01",
        ],
        ["sources", "--conflicts", "--json"],
    ):
        assert cli(args, env) == cli(args), args


def test_seed_question_from_virtuoso(virtuoso_graph: RemoteGraph, virtuoso: local_servers.Server) -> None:
    url = f"{virtuoso.query_url}?default-graph-uri={GRAPH}"
    assert cli([*SEED, "--endpoint", url]) == cli(SEED)
    # Virtuoso answers a query without a dataset over all its graphs: the same answer here
    assert cli([*SEED, "--endpoint", virtuoso.query_url]) == cli(SEED)


def test_push_command_into_a_fresh_oxigraph_server(tmp_path: Path) -> None:
    require("oxigraph")
    with local_servers.oxigraph_server(tmp_path) as server:
        output = cli(["push", "--endpoint", server.query_url])
        triples = len(load())
        assert f"pushed {triples} triples to the default graph" in output
        assert cli([*SEED, "--endpoint", server.query_url]) == cli(SEED)


def test_push_replaces_the_previous_data(tmp_path: Path, kg: KnowledgeGraph) -> None:
    require("oxigraph")
    ontology_only = KnowledgeGraph.from_files(default_files()[:1])
    with local_servers.oxigraph_server(tmp_path) as server:
        remote = RemoteGraph(Endpoint.parse(server.query_url, env={}))
        push(kg, remote)
        assert count(remote) == len(kg)
        push(ontology_only, remote)
        assert count(remote) == len(ontology_only)
        assert remote.query("SELECT ?s WHERE { ?s a og:State }") == []


def test_a_push_killed_half_way_leaves_the_previous_data(tmp_path: Path, kg: KnowledgeGraph) -> None:
    """The server dies during the upload of a new version; after a restart the old one answers."""
    require("oxigraph")
    ontology_only = KnowledgeGraph.from_files(default_files()[:1])
    with local_servers.oxigraph_server(tmp_path) as server:
        remote = RemoteGraph(Endpoint.parse(server.query_url, env={"OBLIGRAPH_ENDPOINT_RETRIES": "0"}))
        push(ontology_only, remote)
        before = remote.query("SELECT ?c WHERE { ?c a owl:Class } ORDER BY ?c")
        assert before

        def kill_after_first_chunk(sent: int, total: int) -> None:
            import os
            import signal

            os.kill(server.pid, signal.SIGKILL)

        with pytest.raises(PushError, match="previous data is unchanged"):
            push(kg, remote, chunk=2000, progress=kill_after_first_chunk)
    with local_servers.oxigraph_server(tmp_path) as server:  # the same database directory
        remote = RemoteGraph(Endpoint.parse(server.query_url, env={}))
        assert remote.query("SELECT ?c WHERE { ?c a owl:Class } ORDER BY ?c") == before
        assert count(remote) == len(ontology_only)
        # the next push drops the staging graph the killed one left behind
        result = push(kg, remote)
        assert [g.startswith(STAGING) for g in result.dropped_stale] == [True]
        assert count(remote) == len(kg)


def test_a_refused_push_leaves_the_previous_data(
    virtuoso_graph: RemoteGraph, virtuoso: local_servers.Server
) -> None:
    """Wrong credentials: Virtuoso refuses the upload; the graph still answers as before."""
    before = virtuoso_graph.query("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")
    wrong = {**VIRTUOSO_AUTH, "OBLIGRAPH_ENDPOINT_PASSWORD": "not-the-password"}
    remote = RemoteGraph(Endpoint.parse(virtuoso.update_url, env=wrong).with_update(virtuoso.update_url))
    with pytest.raises(PushError) as err:
        push(load(), remote, graph=GRAPH)
    assert "\n" not in str(err.value)
    assert virtuoso_graph.query("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }") == before


def test_push_to_virtuoso_without_a_graph_says_what_to_do(virtuoso: local_servers.Server) -> None:
    with pytest.raises(PushError, match="--graph"):
        push(KnowledgeGraph.from_files(default_files()[:1]), virtuoso_writer(virtuoso))


def test_push_rejects_a_malformed_graph_iri(oxigraph: local_servers.Server) -> None:
    remote = RemoteGraph(Endpoint.parse(oxigraph.query_url, env={}))
    with pytest.raises(PushError, match="absolute http"):
        push(KnowledgeGraph.from_files(default_files()[:1]), remote, graph="x> } ; DROP ALL ; <y")


def test_cli_errors_are_one_line(tmp_path: Path) -> None:
    from obligraph.store.local_servers import free_port

    url = f"http://127.0.0.1:{free_port()}/query"  # nothing listens there
    result = runner.invoke(app, [*SEED, "--endpoint", url], env={"OBLIGRAPH_ENDPOINT_RETRIES": "1"})
    assert result.exit_code == 2
    assert result.output.startswith("error: SPARQL endpoint")
    assert "cannot connect" in result.output and "after 2 attempts" in result.output
    assert len(result.output.strip().splitlines()) == 1, result.output
