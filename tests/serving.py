"""`obligraph serve` started for a test module: a real server on a free loopback port, stopped
when the module is done (test_serve.py, test_explorer.py)."""

from __future__ import annotations

import os
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from obligraph.store import local_servers


@dataclass(frozen=True)
class Served:
    url: str
    process: subprocess.Popen[bytes]
    log: Path


def serve(tmp: Path, *args: str, token: str | None = None) -> Iterator[Served]:
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
        yield Served(url, process, tmp / f"serve-{port}.log")
    finally:
        process.terminate()
        process.wait(timeout=15)
        log.close()
