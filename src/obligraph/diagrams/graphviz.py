"""SVG and PNG through Graphviz's ``dot`` program (Debian package ``graphviz``)."""

from __future__ import annotations

import shutil
import subprocess

from obligraph.diagrams.dot import to_dot
from obligraph.diagrams.model import Diagram
from obligraph.errors import MissingToolError

PNG_DPI = 150


def dot_program() -> str:
    found = shutil.which("dot")
    if not found:
        raise MissingToolError(
            "Graphviz `dot` is not installed; install it (Debian: apt-get install graphviz) or use --format dot"
        )
    return found


def run_dot(source: str, fmt: str) -> bytes:
    args = [dot_program(), f"-T{fmt}"]
    if fmt == "png":
        args.append(f"-Gdpi={PNG_DPI}")
    done = subprocess.run(args, input=source.encode("utf-8"), capture_output=True, check=False, timeout=120)
    if done.returncode != 0:
        message = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise MissingToolError(f"Graphviz `dot` failed: {message[-1] if message else done.returncode}")
    return done.stdout


def to_svg(diagram: Diagram) -> bytes:
    return run_dot(to_dot(diagram), "svg")


def to_png(diagram: Diagram) -> bytes:
    return run_dot(to_dot(diagram), "png")
