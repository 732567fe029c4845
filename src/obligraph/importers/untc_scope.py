"""The temporal scope a declaration's text gives the competence it accepts: "only in respect of
acts, omissions, situations or events occurring after ...". Three anchors, as the pages word
them: the declaration itself ("after the date of the present declaration", "subsequent to the
date of deposit of the present document", "after the adoption of the present declaration"),
the treaty's entry into force for the state ("after the said Convention had entered into force
for Ghana", "after the date on which ... becomes ... party"), or a date the text names ("after
15 August 1982"). The first anchor in the text wins; the page's words are kept."""

from __future__ import annotations

import datetime as dt
import re

from obligraph.importers.untc_pages import LONG_DATE, long_date

_AFTER = r"(?:after|subsequent to|following)"
_DECLARATION = re.compile(
    rf"{_AFTER}\s+(?:the\s+(?:date\s+of\s+(?:the\s+)?)?(?:adoption|deposit|making)\s+of\s+)?"
    r"(?:the\s+date\s+of\s+)?(?:the\s+|this\s+)?(?:present\s+|said\s+)?(?:declaration|document)\b",
    re.IGNORECASE,
)
_IN_FORCE = re.compile(
    rf"{_AFTER}\s+(?:the\s+date\s+on\s+which\s+)?(?:the\s+)?(?:said\s+|present\s+|this\s+)?"
    r"(?:(?:Optional\s+)?Protocol|Convention|Covenant)\s*(?:,\s*)?(?:had\s+|has\s+)?(?:entered|enters)\s+into\s+force"
    rf"|{_AFTER}\s+the\s+entry\s+into\s+force\s+(?:for\s+\w+(?:\s+\w+)?\s+)?of\s+(?:the|this)\s+(?:Optional\s+)?"
    r"(?:Protocol|Convention|Covenant)"
    rf"|{_AFTER}\s+the\s+date\s+on\s+which\s+[\w\s]+?\s+becomes\s+(?:officially\s+regarded\s+as\s+)?(?:a\s+)?party",
    re.IGNORECASE,
)
_DATED = re.compile(rf"{_AFTER}\s+({LONG_DATE.pattern})", re.IGNORECASE)
_EVENTS = re.compile(
    r"\b(?:acts?|omissions?|situations?|events?|facts|deeds|matters|decisions?|violations?)\b", re.I
)


def events_after(text: str, declared: dt.date, in_force: dt.date | None) -> tuple[dt.date, str] | None:
    """(the date after which the accepted competence covers events, the page's words), or None
    when the text sets no such limit (or names the entry into force the page does not date)."""
    if not _EVENTS.search(text):
        return None
    found: list[tuple[int, dt.date | None, str]] = []
    for m in _DECLARATION.finditer(text):
        found.append((m.start(), declared, _sentence(text, m)))
    for m in _IN_FORCE.finditer(text):
        found.append((m.start(), in_force, _sentence(text, m)))
    for m in _DATED.finditer(text):
        found.append((m.start(), long_date(m.group(1)), _sentence(text, m)))
    for _, when, words in sorted(found, key=lambda f: f[0]):
        if when is not None:
            return when, words
    return None


def _sentence(text: str, m: re.Match[str]) -> str:
    """The words around the match, up to the sentence's ends (at most 300 characters)."""
    start = max(text.rfind(".", 0, m.start()) + 1, m.start() - 200)
    end_dot = text.find(".", m.end())
    end = min(end_dot if end_dot != -1 else len(text), m.end() + 100)
    return text[start:end].strip()
