"""The explorer: the page at ``/`` and the JSON routes it (and any client) calls.

* ``GET /``: the page (``static/index.html``); ``/static/...`` its scripts, styles and the
  vendored libraries and map (``static/vendor/``, listed with their versions and licences in
  ``MANIFEST.json``). The page loads nothing from another host.
* ``GET /names``: the kinds of event and every state, treaty, organisation and declarable
  article with the names the resolver takes (type-ahead).
* ``GET /impact/STATE?withdraw=TREATY&notified=DATE`` (or ``ratify=``, ``expel-from=``,
  ``suspend-from=``, ``leave=``, ``declare=``, ``withdraw-declaration=`` with ``on=`` or
  ``notified=``; ``as-of=``): ``obligraph impact --json``; ``/impact/STATE/diagram?...`` the
  same answer as the interactive diagram page.
* ``GET /status/STATE?on=DATE``: ``obligraph status --json``; ``/timeline/STATE?as-of=DATE`` the
  state's timeline (SVG); ``/conflicts/STATE`` ``obligraph sources --conflicts --json`` for the
  facts about the state.
* ``GET /standing?treaty=TREATY|article=ARTICLE&on=DATE``: every state's standing (the map).
* ``GET /queries``: the named queries and their typed parameters; ``/queries/NAME?PARAM=...``
  the answer (``format=csv`` for the CSV of ``obligraph query --format csv``);
  ``/queries/NAME/text?PARAM=...`` the query with its parameters bound, for the SPARQL editor.

Each answer runs in a forked child with the server's timeout, like every SPARQL query. The page
is served with a Content-Security-Policy that lets it load and call only this server.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from importlib import resources

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import BaseRoute, Mount, Route
from starlette.staticfiles import StaticFiles
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from obligraph.serve import answers
from obligraph.serve.engine import Engine, Reply

PAGE_CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
    "connect-src 'self'; frame-src 'self'; font-src 'self' data:; base-uri 'none'; form-action 'self'; "
    "frame-ancestors 'none'"
)


def static_folder() -> str:
    return str(resources.files("obligraph.serve") / "static")


def _send(reply: Reply) -> Response:
    return Response(reply.body, reply.status, dict(reply.headers), media_type=reply.content_type)


async def _job(request: Request, job: Callable[[], Reply]) -> Response:
    engine: Engine = request.app.state.engine
    return _send(await run_in_threadpool(engine.isolated, job))


async def page(request: Request) -> Response:
    html = (resources.files("obligraph.serve") / "static" / "index.html").read_bytes()
    headers = {"Content-Security-Policy": PAGE_CSP, "Cache-Control": "no-cache"}
    return Response(html, 200, headers, media_type="text/html; charset=utf-8")


async def names(request: Request) -> Response:
    return await _job(request, partial(answers.names, request.app.state.engine.kg))


def _params(request: Request) -> dict[str, str]:
    return dict(request.query_params)


async def impact(request: Request) -> Response:
    kg, state = request.app.state.engine.kg, request.path_params["state"]
    return await _job(request, partial(answers.impact, kg, state, _params(request)))


async def impact_diagram(request: Request) -> Response:
    kg, state = request.app.state.engine.kg, request.path_params["state"]
    return await _job(request, partial(answers.impact_diagram, kg, state, _params(request)))


async def status(request: Request) -> Response:
    kg, state = request.app.state.engine.kg, request.path_params["state"]
    return await _job(request, partial(answers.status, kg, state, request.query_params.get("on")))


async def conflicts(request: Request) -> Response:
    kg, state = request.app.state.engine.kg, request.path_params["state"]
    return await _job(request, partial(answers.conflicts, kg, state))


async def timeline(request: Request) -> Response:
    kg, state = request.app.state.engine.kg, request.path_params["state"]
    return await _job(request, partial(answers.timeline, kg, state, request.query_params.get("as-of")))


async def standing(request: Request) -> Response:
    return await _job(request, partial(answers.standing, request.app.state.engine.kg, _params(request)))


async def query_list(request: Request) -> Response:
    return _send(await run_in_threadpool(answers.query_list))


async def named_query(request: Request) -> Response:
    engine: Engine = request.app.state.engine
    name = request.path_params["name"]
    job = partial(answers.query, engine.kg, name, _params(request), engine.config.max_rows)
    return await _job(request, job)


async def query_text(request: Request) -> Response:
    kg, name = request.app.state.engine.kg, request.path_params["name"]
    return await _job(request, partial(answers.query_text, kg, name, _params(request)))


def routes() -> list[BaseRoute]:
    return [
        Route("/", page, methods=["GET"]),
        Route("/names", names, methods=["GET"]),
        Route("/status/{state}", status, methods=["GET"]),
        Route("/impact/{state}", impact, methods=["GET"]),
        Route("/impact/{state}/diagram", impact_diagram, methods=["GET"]),
        Route("/timeline/{state}", timeline, methods=["GET"]),
        Route("/conflicts/{state}", conflicts, methods=["GET"]),
        Route("/standing", standing, methods=["GET"]),
        Route("/queries", query_list, methods=["GET"]),
        Route("/queries/{name}", named_query, methods=["GET"]),
        Route("/queries/{name}/text", query_text, methods=["GET"]),
        Mount("/static", StaticFiles(directory=static_folder()), name="static"),
    ]


class NoSniff:
    """``X-Content-Type-Options: nosniff`` and ``Referrer-Policy: no-referrer`` on every
    response: a browser takes each file for what its type says, and a link followed from the
    page does not tell the site it leads to what was asked here."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        async def sending(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                headers += [(b"x-content-type-options", b"nosniff"), (b"referrer-policy", b"no-referrer")]
                message = {**message, "headers": headers}
            await send(message)

        await self.app(scope, receive, sending)
