"""The ``obligraph`` command line: one module per command group, each adding its commands with
``register(app)``. Commands parse arguments, call the analyses and print; nothing here computes.

:func:`main` first offers the arguments to the quick path (:mod:`obligraph.cli.quick`), which
answers the common questions without importing Typer; everything else goes to the Typer
application, ``obligraph.cli.app`` (built on first use, so that ``import obligraph.cli`` costs
nothing).
"""

from __future__ import annotations

import functools
import os
import sys
import types
import warnings
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import typer


@functools.cache
def _typer_app() -> typer.Typer:
    """The Typer application with every command group registered."""
    from obligraph.cli import build, coverage, diagrams, impact, query, reason, standing, status, stores
    from obligraph.cli.app import new_app, version_callback

    app = new_app()
    app.callback(invoke_without_command=True)(version_callback)
    for group in (status, standing, coverage, impact, query, reason, build, diagrams, stores):
        group.register(app)
    return app


class _Package(types.ModuleType):
    """``obligraph.cli.app`` is the Typer application, as it always was, although a submodule
    ``cli/app.py`` exists (what the commands share): the import system's attempt to set the
    package attribute to that submodule is ignored."""

    @property
    def app(self) -> typer.Typer:
        return _typer_app()

    @app.setter
    def app(self, _submodule: object) -> None:
        pass


sys.modules[__name__].__class__ = _Package


def _show_warning(message: Warning | str, category: type[Warning], *args: object, **kwargs: object) -> None:
    from obligraph.errors import StoreCacheWarning

    if issubclass(category, StoreCacheWarning):
        sys.stderr.write(f"warning: {message}\n")
    else:
        _default_show_warning(message, category, *args, **kwargs)  # type: ignore[arg-type]


_default_show_warning = warnings.showwarning


def main() -> None:
    from obligraph.cli import quick

    warnings.showwarning = _show_warning  # a cache problem is one line, not a source excerpt

    code = quick.answer(sys.argv[1:])
    if code is not None:
        _leave(code)
    _typer_app()()


def _leave(code: int) -> None:
    """Leave at once after a quick answer: the answer is printed and the graph released (its
    cache written, its private copy deleted), so nothing is left to tear down but the store,
    read-only or a deleted copy. Skipping the teardown saves 50-80 ms (measured with
    scripts/bench_cli.py), most of it the store flushing a copy that is about to go."""
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):
            pass
    os._exit(code)
