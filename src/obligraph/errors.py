"""The errors obligraph raises for user mistakes. Each carries a one-line message that names
the file and line, the term or the IRI at fault; the CLI prints it and exits with ``exit_code``.

Exit codes (documented in the README): 0 success, 1 findings (validation), 2 bad input.
"""

from __future__ import annotations


class ObligraphError(Exception):
    """Base class: a problem the user can fix. ``str(err)`` is the one-line message."""

    exit_code = 2


class TurtleSyntaxError(ObligraphError):
    def __init__(self, path: str, line: int | None, detail: str) -> None:
        where = f"{path}:{line}" if line else path
        super().__init__(f"{where}: malformed Turtle: {detail}")
        self.path = path
        self.line = line


class UnknownTermError(ObligraphError):
    def __init__(self, kind: str, term: str, suggestions: list[str]) -> None:
        hint = f" Did you mean: {', '.join(suggestions)}?" if suggestions else ""
        super().__init__(f"unknown {kind} {term!r}.{hint}")
        self.kind = kind
        self.term = term
        self.suggestions = suggestions


class BadParameterError(ObligraphError):
    pass


class QueryError(ObligraphError):
    pass


class SourceDataError(ObligraphError):
    """Raw source data is missing or not in the expected shape."""

    pass


class NotApplicableError(ObligraphError):
    """The question does not apply (e.g. withdrawing from a treaty the state is not party to)."""


class MissingToolError(ObligraphError):
    """An external program the output needs (Graphviz ``dot``) is missing or failed."""


class UnsupportedAlignmentError(ObligraphError):
    """A clause's date alignment has no arithmetic (e.g. a date fixed by a later decision)."""


class EndpointError(ObligraphError):
    """The SPARQL endpoint is down, slow, refused the request or answered something unusable.
    ``answered``: the server replied (with an HTTP error), as opposed to no connection or no
    answer in time."""

    def __init__(self, message: str, answered: bool = False) -> None:
        super().__init__(message)
        self.answered = answered


class PushError(EndpointError):
    """A push failed; the message says the previous data is unchanged."""


class ReasonerFailureError(Exception):
    """Internal to the reasoning module: the Java reasoner failed (reported, not raised)."""


class ReasonerGaveUpError(Exception):
    """Internal to the reasoning module: the reasoner's explanation search ran out of time."""


class AmbiguousTermError(UnknownTermError):
    """A name that fits several things (``Congo``, ``Korea``): the message names each candidate."""

    def __init__(self, kind: str, term: str, candidates: list[str]) -> None:
        listed = (
            ", ".join(candidates[:-1]) + f" and {candidates[-1]}"
            if len(candidates) > 1
            else "".join(candidates)
        )
        ObligraphError.__init__(
            self,
            f"{term!r} is ambiguous: it names {len(candidates)} {kind}s, {listed}; give one of their codes",
        )
        self.kind = kind
        self.term = term
        self.suggestions = candidates


class StoreCacheWarning(UserWarning):
    """The on-disk store cache could not be used; the graph was loaded into memory instead."""
