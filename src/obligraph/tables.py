"""Answers as pandas data frames (``.to_frame()``), for notebooks.

pandas is an optional extra (``pip install 'obligraph[notebook]'``); it is imported only when a
frame is asked for, and its absence is a one-line error that says how to install it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from obligraph.errors import MissingToolError


def frame(rows: Sequence[Mapping[str, object]], columns: Sequence[str]) -> Any:
    """A ``pandas.DataFrame`` of ``rows`` with ``columns`` in this order (also when empty)."""
    try:
        import pandas  # type: ignore[import-untyped]
    except ImportError:
        raise MissingToolError(
            "to_frame() needs pandas: pip install 'obligraph[notebook]' (or pip install pandas)"
        ) from None
    return pandas.DataFrame([[row.get(c) for c in columns] for row in rows], columns=list(columns))
