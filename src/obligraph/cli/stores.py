"""The store options and commands of the command line: ``--endpoint`` for the read commands,
``obligraph push`` (load into a SPARQL store) and ``obligraph serve`` (serve the graph).

The read commands take :data:`obligraph.cli.app.EndpointOption` and call
:func:`obligraph.cli.app.open_graph`.
"""

from __future__ import annotations

import os
import re
from typing import Annotated

import typer

from obligraph.cli.app import err, fail, out
from obligraph.errors import BadParameterError, ObligraphError
from obligraph.store import load


def push(
    endpoint: Annotated[
        str,
        typer.Option(
            "--endpoint",
            envvar="OBLIGRAPH_ENDPOINT",
            help="The store's SPARQL query URL (updates go to /update beside /query, else the same URL).",
        ),
    ],
    graph: Annotated[
        str | None,
        typer.Option("--graph", help="Replace this named graph (default: the store's default graph)."),
    ] = None,
    update_endpoint: Annotated[
        str | None, typer.Option("--update-endpoint", help="The SPARQL Update URL, if not derived.")
    ] = None,
    store_endpoint: Annotated[
        str | None,
        typer.Option("--store-endpoint", help="Upload through this Graph Store Protocol URL instead."),
    ] = None,
) -> None:
    """Load the ontology and all facts into a SPARQL 1.1 store, atomically: into a staging
    graph, checked, then moved over the target in one update. A failed push leaves the
    previous data queryable."""
    from obligraph.store import default_files
    from obligraph.store.push import push_files
    from obligraph.store.remote import Endpoint, RemoteGraph

    try:
        remote = RemoteGraph(Endpoint.parse(endpoint).with_update(update_endpoint))
        result = push_files(default_files(), remote, graph, store_endpoint)
    except ObligraphError as e:
        fail(e)
        return
    out.print(f"pushed {result.triples} triples to the {result.target} in {result.requests} requests")


def serve(
    host: Annotated[str, typer.Option("--host", help="Address to bind (default: this machine only).")] = (
        "127.0.0.1"
    ),
    port: Annotated[int, typer.Option("--port", help="Port.")] = 7878,
    timeout: Annotated[float, typer.Option("--timeout", help="Seconds a query may run.")] = 30.0,
    max_rows: Annotated[int, typer.Option("--max-rows", help="Rows returned at most per query.")] = 10000,
    allow_update: Annotated[
        bool,
        typer.Option(
            "--allow-update",
            help="Accept SPARQL Update with the token in OBLIGRAPH_UPDATE_TOKEN (Bearer, or "
            "as the basic-auth password). Off by default: the endpoint is read-only.",
        ),
    ] = False,
    allow_service: Annotated[
        bool,
        typer.Option(
            "--allow-service",
            help="Let queries use SPARQL SERVICE (and updates LOAD from http(s) URLs): the server then "
            "sends requests to any URL a client names. Off by default.",
        ),
    ] = False,
    cors: Annotated[
        list[str] | None,
        typer.Option(
            "--cors",
            help="Let web pages from this origin (e.g. https://example.org) call the endpoint from a "
            "browser; repeat for several. Default: no CORS header, so no other site's page can read answers.",
        ),
    ] = None,
) -> None:
    """Serve the knowledge graph: the explorer page at / (open the printed URL in a web
    browser: ask what follows from an event, look up a state, list parties, a dated world map,
    a SPARQL editor), the SPARQL 1.1 Protocol at /sparql (JSON, XML, CSV, TSV) and JSON at
    /status/STATE?on=DATE and /impact/STATE?withdraw=TREATY[&notified=DATE].
    By default: bound to this machine, read-only, no SERVICE, no CORS."""
    from obligraph.serve.server import ServerConfig, run

    token = os.environ.get("OBLIGRAPH_UPDATE_TOKEN") or None
    try:
        if allow_update and not token:
            raise ObligraphError("--allow-update needs a token in OBLIGRAPH_UPDATE_TOKEN")
        for origin in cors or []:
            if not re.fullmatch(r"https?://[A-Za-z0-9.-]+(:\d{1,5})?|\*", origin):
                raise BadParameterError(f"--cors {origin!r} is not an origin such as https://example.org")
        if timeout <= 0 or max_rows < 0 or not 0 <= port <= 65535:
            raise BadParameterError("--timeout must be positive, --max-rows at least 0, --port 0 to 65535")
        config = ServerConfig(
            host,
            port,
            timeout,
            max_rows,
            token if allow_update else None,
            allow_service=allow_service,
            cors=tuple(cors or ()),
        )
        run(load(), config, log=err)
    except ObligraphError as e:
        fail(e)


def register(app: typer.Typer) -> None:
    app.command()(push)
    app.command()(serve)
