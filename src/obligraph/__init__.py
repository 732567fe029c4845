"""obligraph: a knowledge graph of international obligations.

In a notebook, ask by name; the graph loads on the first question, once::

    >>> import obligraph
    >>> obligraph.status("Russia", on="2021-06-01")                       # doctest: +SKIP
    >>> obligraph.impact("Russia", withdraw="ECPT", notified="2025-10-03")   # doctest: +SKIP
    >>> obligraph.query("parties-not-members", treaty="ECPT", organisation="CoE")  # doctest: +SKIP

Each answer is the dataclass the command line prints, with ``.to_dict()`` (the JSON of
docs/json.md) and ``.to_frame()`` (pandas). The lower-level API stays: ``obligraph.load()``,
``obligraph.Resolver``, ``obligraph.withdraw(kg, state_iri, treaty_iri, date)``
(:mod:`obligraph.api`).

Names are imported on first use (PEP 562), so ``import obligraph`` and the command line start
without loading the analyses they do not need.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

_WHERE = {
    "Answer": "obligraph.queries",
    "Impact": "obligraph.analysis.results",
    "KnowledgeGraph": "obligraph.store",
    "Resolver": "obligraph.resolve",
    "StateStatus": "obligraph.analysis.status",
    "graph": "obligraph.api",
    "impact": "obligraph.api",
    "load": "obligraph.store",
    "query": "obligraph.api",
    "state_status": "obligraph.analysis.status",
    "status": "obligraph.api",
    "withdraw": "obligraph.analysis.impact",
}

__all__ = [*sorted(_WHERE), "__version__"]

if TYPE_CHECKING:
    from obligraph.analysis.impact import withdraw as withdraw
    from obligraph.analysis.results import Impact as Impact
    from obligraph.analysis.status import StateStatus as StateStatus
    from obligraph.analysis.status import state_status as state_status
    from obligraph.api import graph as graph
    from obligraph.api import impact as impact
    from obligraph.api import query as query
    from obligraph.api import status as status
    from obligraph.queries import Answer as Answer
    from obligraph.resolve import Resolver as Resolver
    from obligraph.store import KnowledgeGraph as KnowledgeGraph
    from obligraph.store import load as load


def __getattr__(name: str) -> Any:
    module = _WHERE.get(name)
    if module is None:
        raise AttributeError(f"module 'obligraph' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *_WHERE})
