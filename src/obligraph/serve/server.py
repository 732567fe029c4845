"""``obligraph serve``: the knowledge graph as a SPARQL 1.1 Protocol endpoint, with JSON
endpoints for ``status`` and ``impact``, served by uvicorn (HTTP/1.1 parsed by h11).

The routes are in :mod:`obligraph.serve.app`, the jobs (forked, with a timeout) in
:mod:`obligraph.serve.engine`, what is refused in :mod:`obligraph.serve.guard`. It binds
127.0.0.1 unless told otherwise, and is read-only unless started with an update token.
"""

from __future__ import annotations

import logging
import multiprocessing
import socket

from obligraph.errors import ObligraphError
from obligraph.serve.engine import Engine, Log, ServerConfig
from obligraph.store import KnowledgeGraph

__all__ = ["Log", "ServerConfig", "run"]
MAX_CONNECTIONS = 100  # open connections and requests at once; past that, 503


class _ToLog(logging.Handler):
    """uvicorn's log lines on the command's console: one plain line each. Client mistakes are
    warnings without a traceback; a traceback is printed only for an error in the server."""

    def __init__(self, log: Log) -> None:
        super().__init__(logging.INFO)
        self.log = log
        self.setFormatter(logging.Formatter("%(message)s"))

    def emit(self, record: logging.LogRecord) -> None:
        try:
            self.log.print(self.format(record), highlight=False, markup=False)
        except Exception:  # never let logging stop the server
            self.handleError(record)


def _logging(log: Log | None) -> None:
    for name in ("uvicorn", "uvicorn.error", "uvicorn.access"):
        logger = logging.getLogger(name)
        logger.handlers.clear()
        logger.propagate = False
        logger.setLevel(logging.INFO)
        if log is not None:
            logger.addHandler(_ToLog(log))


def _listen(config: ServerConfig) -> socket.socket:
    family = socket.AF_INET6 if ":" in config.host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((config.host.strip("[]"), config.port))
    except OSError as err:
        sock.close()
        raise ObligraphError(f"cannot listen on {config.host}:{config.port}: {err.strerror or err}") from None
    sock.set_inheritable(True)
    return sock


def run(kg: KnowledgeGraph, config: ServerConfig, log: Log | None = None) -> None:
    """Serve until interrupted (Ctrl-C or SIGTERM); running queries are killed on the way out."""
    import uvicorn

    from obligraph.serve.app import create_app

    sock = _listen(config)
    _logging(log)
    # What every forked job would otherwise import again (about 1.5 s): the diagrams and
    # matplotlib, loaded once here, before any thread or child exists.
    import obligraph.diagrams.html
    import obligraph.diagrams.timeline_plot  # noqa: F401

    app = create_app(Engine(kg, config))
    server = uvicorn.Server(
        uvicorn.Config(
            app,
            http="h11",
            loop="asyncio",
            lifespan="off",
            log_config=None,
            access_log=log is not None,
            server_header=False,
            limit_concurrency=MAX_CONNECTIONS,
            timeout_keep_alive=5,
            timeout_graceful_shutdown=5,
        )
    )
    if log is not None:
        mode = "updates with token" if config.update_token else "read-only"
        extras = [mode, f"timeout {config.timeout:g} s", f"at most {config.max_rows} rows"]
        extras += ["SERVICE allowed"] if config.allow_service else []
        extras += [f"CORS for {', '.join(config.cors)}"] if config.cors else []
        port = sock.getsockname()[1]
        base = f"http://{config.host}:{port}"
        log.print(
            f"serving {len(kg)} triples at {base}/sparql ({', '.join(extras)})", highlight=False, markup=False
        )
        log.print(f"the explorer: open {base}/ in a web browser", highlight=False, markup=False)
    try:
        server.run(sockets=[sock])
    finally:
        sock.close()
        for child in multiprocessing.active_children():
            child.kill()
