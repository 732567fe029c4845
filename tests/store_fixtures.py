"""Fixtures for the store tests: real servers on 127.0.0.1, started here, stopped at the end.

A server whose binary is missing skips its tests with the reason on a user's machine; with
CI=true it fails instead, since `.ci/run` installs both (oxigraph from PyPI via the test extra,
virtuoso-opensource from Debian).
"""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest

from obligraph.store import KnowledgeGraph, local_servers
from obligraph.store.push import push
from obligraph.store.remote import Endpoint, RemoteGraph

GRAPH = "https://w3id.org/obligraph/graph/test"
VIRTUOSO_AUTH = {
    "OBLIGRAPH_ENDPOINT_USER": "dba",
    "OBLIGRAPH_ENDPOINT_PASSWORD": local_servers.VIRTUOSO_PASSWORD,
    "OBLIGRAPH_ENDPOINT_AUTH": "digest",
}


def require(name: str) -> None:
    reason = local_servers.missing(name)
    if reason is None:
        return
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"CI must run the {name} tests, but {reason}")
    pytest.skip(reason)


@pytest.fixture(scope="session")
def oxigraph(tmp_path_factory: pytest.TempPathFactory) -> Iterator[local_servers.Server]:
    """An empty Oxigraph server (PyPI `oxigraph`), for the whole session."""
    require("oxigraph")
    with local_servers.oxigraph_server(tmp_path_factory.mktemp("oxigraph")) as server:
        yield server


@pytest.fixture(scope="session")
def virtuoso(tmp_path_factory: pytest.TempPathFactory) -> Iterator[local_servers.Server]:
    """A Virtuoso server with its own database in a temp dir, for the whole session."""
    require("virtuoso")
    with local_servers.virtuoso_server(tmp_path_factory.mktemp("virtuoso")) as server:
        yield server


def virtuoso_writer(server: local_servers.Server) -> RemoteGraph:
    """The authenticated endpoint that may update (digest auth as dba on /sparql-auth)."""
    return RemoteGraph(Endpoint.parse(server.update_url, env=VIRTUOSO_AUTH).with_update(server.update_url))


@pytest.fixture(scope="session")
def oxigraph_graph(oxigraph: local_servers.Server, kg: KnowledgeGraph) -> RemoteGraph:
    """The Oxigraph server holding the knowledge graph, pushed into its default graph."""
    remote = RemoteGraph(Endpoint.parse(oxigraph.query_url, env={}))
    push(kg, remote)
    return remote


@pytest.fixture(scope="session")
def virtuoso_graph(virtuoso: local_servers.Server, kg: KnowledgeGraph) -> RemoteGraph:
    """Virtuoso holding the knowledge graph in GRAPH, queried through the public /sparql."""
    push(kg, virtuoso_writer(virtuoso), graph=GRAPH)
    return RemoteGraph(Endpoint.parse(f"{virtuoso.query_url}?default-graph-uri={GRAPH}", env={}))
