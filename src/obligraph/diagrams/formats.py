"""The output formats on one shared interface: a name, file extensions and a render function
from a :class:`Diagram` to bytes. ``write`` picks the format from the file name when none is
given and turns every user mistake into a one-line :class:`ObligraphError`."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from obligraph.diagrams import dot, graphml, graphviz, html, mermaid
from obligraph.diagrams.model import Diagram
from obligraph.errors import BadParameterError


@dataclass(frozen=True)
class Format:
    name: str
    extensions: tuple[str, ...]
    render: Callable[[Diagram], bytes]
    description: str


def _text(fn: Callable[[Diagram], str]) -> Callable[[Diagram], bytes]:
    return lambda d: fn(d).encode("utf-8")


FORMATS: dict[str, Format] = {
    f.name: f
    for f in (
        Format("dot", (".dot", ".gv"), _text(dot.to_dot), "Graphviz source"),
        Format("svg", (".svg",), graphviz.to_svg, "vector image (needs Graphviz)"),
        Format("png", (".png",), graphviz.to_png, "raster image (needs Graphviz)"),
        Format("mermaid", (".mmd", ".mermaid", ".md"), _text(mermaid.to_mermaid), "Mermaid, for Markdown"),
        Format("graphml", (".graphml",), graphml.to_graphml, "GraphML, for Gephi or yEd"),
        Format("gexf", (".gexf",), graphml.to_gexf, "GEXF, for Gephi"),
        Format("html", (".html", ".htm"), html.to_html, "interactive page, works offline"),
    )
}


def choose(fmt: str | None, path: Path | None) -> Format:
    """The format named by ``fmt``, else the one ``path``'s extension implies."""
    if fmt:
        if fmt.lower() not in FORMATS:
            raise BadParameterError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
        return FORMATS[fmt.lower()]
    if path is None:
        return FORMATS["dot"]
    suffix = path.suffix.lower()
    for f in FORMATS.values():
        if suffix in f.extensions:
            return f
    raise BadParameterError(
        f"cannot tell the format from {path.name!r}; use --format with one of {', '.join(FORMATS)}"
    )


def check_writable(path: Path, force: bool | None = None) -> None:
    """Fail early, before any work, when ``path`` cannot be written, or would land in the
    project's own facts (see :func:`obligraph.paths.check_not_project_data`)."""
    from obligraph.paths import check_not_project_data

    check_not_project_data(path, force)
    parent = path.parent if str(path.parent) else Path(".")
    if path.is_dir():
        raise BadParameterError(f"cannot write {path}: it is a folder")
    if not parent.is_dir():
        raise BadParameterError(f"cannot write {path}: folder {parent} does not exist")
    import os

    if not os.access(parent, os.W_OK) or (path.exists() and not os.access(path, os.W_OK)):
        raise BadParameterError(f"cannot write {path}: permission denied")


def write_bytes(path: Path, data: bytes) -> None:
    try:
        path.write_bytes(data)
    except OSError as exc:
        raise BadParameterError(f"cannot write {path}: {exc.strerror or exc}") from None


def render(diagram: Diagram, fmt: str) -> bytes:
    return choose(fmt, None).render(diagram)


def write(diagram: Diagram, path: Path, fmt: str | None = None) -> Format:
    chosen = choose(fmt, path)
    check_writable(path)
    write_bytes(path, chosen.render(diagram))
    return chosen
