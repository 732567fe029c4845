"""A bounded load test of `obligraph serve`: N requests from C clients on loopback.

Starts the server of each source tree given (``--src``; several trees are measured one after
the other in the same run, so their numbers compare), sends the same fixed mix of requests
from ``--clients`` threads, each on its own keep-alive connection, and reports errors, p50, p99
and throughput, then checks that the server still answers. Writes a Markdown table with
``--write``.

    python scripts/bench_serve.py --src /path/to/old/src --src src --write docs/serve-load.md

The mix (fixed, cycled): small SELECTs by GET and by POST, an ASK, `/status/RUS`, `/impact/RUS`,
and two client mistakes (an unknown state: 400; an unknown path: 404). An *error* is a failed
connection or a status other than the one expected for that request.
"""

from __future__ import annotations

import argparse
import http.client
import os
import platform
import statistics
import subprocess
import sys
import threading
import time
import urllib.parse
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SELECT = (
    "PREFIX og: <https://w3id.org/obligraph/ontology#> SELECT ?s WHERE { ?s a og:State } ORDER BY ?s LIMIT 20"
)
# (method, path, body, content type, expected status)
MIX: list[tuple[str, str, bytes | None, str | None, int]] = [
    ("GET", "/sparql?query=" + urllib.parse.quote(SELECT), None, None, 200),
    ("POST", "/sparql", SELECT.encode(), "application/sparql-query", 200),
    ("GET", "/sparql?query=" + urllib.parse.quote("ASK { ?s ?p ?o }"), None, None, 200),
    ("GET", "/status/RUS?on=2021-06-01", None, None, 200),
    ("GET", "/sparql?query=" + urllib.parse.quote(SELECT), None, None, 200),
    ("GET", "/impact/RUS?withdraw=ETS-126&notified=2025-10-03", None, None, 200),
    ("POST", "/sparql", SELECT.encode(), "application/sparql-query", 200),
    ("GET", "/status/Narnia", None, None, 400),
    ("GET", "/nowhere", None, None, 404),
]


@dataclass(frozen=True)
class Outcome:
    label: str
    requests: int
    clients: int
    errors: int
    p50_ms: float
    p99_ms: float
    seconds: float
    answers_after: bool
    first_error: str


def free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def start(src: Path, port: int, log: Path) -> subprocess.Popen[bytes]:
    env = {**os.environ, "PYTHONPATH": str(src.resolve())}
    env.pop("OBLIGRAPH_UPDATE_TOKEN", None)
    command = [sys.executable, "-m", "obligraph", "serve", "--port", str(port), "--timeout", "30"]
    process = subprocess.Popen(command, stdout=log.open("wb"), stderr=subprocess.STDOUT, env=env, cwd=ROOT)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if answers(port):
            return process
        if process.poll() is not None:
            break
        time.sleep(0.2)
    process.kill()
    raise SystemExit(f"the server from {src} did not start: {log.read_text()[-2000:]}")


def answers(port: int) -> bool:
    try:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
        conn.request("GET", "/sparql?query=" + urllib.parse.quote("ASK {}"))
        ok = conn.getresponse().status == 200
        conn.close()
        return ok
    except OSError:
        return False


def load(port: int, total: int, clients: int) -> tuple[list[float], int, str, float]:
    latencies: list[float] = []
    errors = 0
    first_error = ""
    lock = threading.Lock()
    counter = iter(range(total))

    def client() -> None:
        nonlocal errors, first_error
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        while True:
            with lock:
                n = next(counter, None)
            if n is None:
                break
            method, path, body, kind, expected = MIX[n % len(MIX)]
            headers = {"Content-Type": kind} if kind else {}
            began = time.perf_counter()
            try:
                conn.request(method, path, body=body, headers=headers)
                response = conn.getresponse()
                response.read()
                ok, why = response.status == expected, f"{method} {path[:40]}: {response.status}"
                if response.getheader("Connection", "").lower() == "close":
                    conn.close()
            except (OSError, http.client.HTTPException) as exc:
                ok, why = False, f"{method} {path[:40]}: {type(exc).__name__}: {exc}"
                conn.close()
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
            elapsed = time.perf_counter() - began
            with lock:
                latencies.append(elapsed)
                if not ok:
                    errors += 1
                    first_error = first_error or why
        conn.close()

    began = time.perf_counter()
    threads = [threading.Thread(target=client) for _ in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return latencies, errors, first_error, time.perf_counter() - began


def measure(src: Path, label: str, total: int, clients: int) -> Outcome:
    port = free_port()
    log = Path(f"/tmp/bench-serve-{port}.log")
    process = start(src, port, log)
    try:
        load(port, min(total, 50), clients)  # warm up
        latencies, errors, first_error, seconds = load(port, total, clients)
        after = answers(port)
    finally:
        process.terminate()
        process.wait(timeout=15)
    cuts = statistics.quantiles(latencies, n=100)
    return Outcome(
        label, total, clients, errors, cuts[49] * 1000, cuts[98] * 1000, seconds, after, first_error
    )


def table(outcomes: list[Outcome]) -> str:
    lines = [
        "| server | requests | clients | errors | p50 (ms) | p99 (ms) | requests/s | answers after |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for o in outcomes:
        lines.append(
            f"| {o.label} | {o.requests} | {o.clients} | {o.errors} | {o.p50_ms:.1f} | {o.p99_ms:.1f} | "
            f"{o.requests / o.seconds:.0f} | {'yes' if o.answers_after else 'NO'} |"
        )
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--src", action="append", type=Path, help="a source tree (src/); repeat")
    parser.add_argument("--label", action="append", help="a label for each --src, in order")
    parser.add_argument("--requests", type=int, default=500)
    parser.add_argument("--clients", type=int, default=16)
    parser.add_argument("--write", type=Path, help="write the Markdown report here")
    args = parser.parse_args()
    sources = args.src or [ROOT / "src"]
    labels = args.label or [str(s) for s in sources]
    outcomes = []
    for src, label in zip(sources, labels, strict=True):
        outcome = measure(src, label, args.requests, args.clients)
        print(
            f"{label}: {outcome.errors} errors, p50 {outcome.p50_ms:.1f} ms, p99 {outcome.p99_ms:.1f} ms, "
            f"{outcome.requests / outcome.seconds:.0f} requests/s, answers after: {outcome.answers_after}"
            + (f" (first error: {outcome.first_error})" if outcome.first_error else ""),
            flush=True,
        )
        outcomes.append(outcome)
    if args.write:
        machine = f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}"
        args.write.write_text(
            "# `obligraph serve` under load\n\n"
            f"`scripts/bench_serve.py`: {args.requests} requests from {args.clients} clients on loopback, "
            "each client on its own keep-alive connection, the servers measured one after the other in "
            f"one run on {machine}. The mix (cycled): SELECTs by GET and POST, an ASK, "
            "`/status/RUS`, `/impact/RUS`, an unknown state (400) and an unknown path (404). An error is a "
            "failed connection or an unexpected status.\n\n" + table(outcomes) + "\n",
            encoding="utf-8",
        )


if __name__ == "__main__":
    main()
