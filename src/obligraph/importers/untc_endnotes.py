"""What the end-notes of a UNTC page say about declarations and reservations, as plain records.

Each reader below is one small rule over the words of an end-note:

- :func:`withdrawals`: "On 4 August 1998, the Government of Bahrain withdrew the following
  reservation to article 20 made upon accession: ..."; several dates with several governments or
  articles, "respectively", are paired in order;
- :func:`quoted_declarations`: a declaration the note quotes ("... with the following
  declaration: '...'", "on 12 March 1991, the Government of Czechoslovakia had declared the
  following: ...", "... which read as follows: '...'"), with the date the note gives it;
- :func:`previous_declarations`: "Previous declarations, received 22 April 1976, ... expired on
  28 March 1981, ...";
- :func:`deposits`: "... the declaration ... was deposited on 30 January 1998".

No RDF here, and no treaty or state is named: governments are returned as the page spells them.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from obligraph.importers.untc_competence import articles_named
from obligraph.importers.untc_pages import LONG_DATE, long_date

_MONTH = r"(?:January|February|March|April|May|June|July|August|September|October|November|December)"
_DAY_ITEM = re.compile(rf"(\d{{1,2}})(?:\s+({_MONTH}))?(?:\s+(\d{{4}}))?")
# The account of events stops where the Secretary-General lists other states' objections.
OBJECTIONS = re.compile(
    r"(?:Subsequently, )?[Tt]he Secretary-General received (?:the following )?communications"
)


def date_list(text: str) -> list[dt.date]:
    """All dates of a list such as "8 March, 19 and 20 April 1989" (a month or year left out is
    the next one given)."""
    items = [(int(d), m, y) for d, m, y in _DAY_ITEM.findall(text)]
    out: list[dt.date] = []
    month, year = "", ""
    for day, m, y in reversed(items):
        month, year = m or month, y or year
        if month and year:
            try:
                out.append(long_date(f"{day} {month} {year}"))
            except ValueError:
                continue
    return list(reversed(out))


_NEXT = re.compile(r"[\"”’']?\s+(?:On|In|Subsequently|Further|The|By|Moreover|Upon)\b")
# The opening of a sentence that reports a notification: "On 4 August 1998,", "In communications
# received on 8 March, 19 and 20 April 1989", "Subsequently, on ...".
_NOTIFIED = re.compile(
    r"^(?:Subsequently,\s*|Further(?:more)?,?\s*|Moreover,\s*|The Secretary-General communicates that\s*)?"
    r"(?:[Oo]n|In (?:a )?(?:communications?|notifications?) received (?:by the Secretary-General )?on|"
    r"By a communication received on)\s+(?P<dates>[^A-Za-z]*?(?:\d{4}|"
    + _MONTH
    + r")(?:[\s,]*(?:and\s+)?\d{1,2}(?:\s+"
    + _MONTH
    + r")?(?:\s+\d{4})?)*)"
)


def sentences(note: str) -> list[str]:
    """The note's account cut into sentences (a quotation stays with the sentence that opens it)."""
    account = OBJECTIONS.split(note, maxsplit=1)[0]
    out: list[str] = []
    depth = 0
    start = 0
    for i, ch in enumerate(account):
        if ch in "“\u201c":
            depth += 1
        elif ch in "”\u201d":
            depth = max(0, depth - 1)
        elif ch == "." and depth == 0 and _NEXT.match(account, i + 1):
            out.append(account[start : i + 1].strip())
            start = i + 1
    out.append(account[start:].strip())
    return [s for s in out if s]


@dataclass(frozen=True)
class Withdrawal:
    """One government's withdrawal, on one date, of a reservation or declaration."""

    date: dt.date
    government: str  # as the note spells it; "" when the sentence names none
    articles: tuple[str, ...]
    what: str  # "reservation", "declaration", "interpretative declaration"
    partial: bool
    made_upon: str  # "signature", "ratification", "accession", "succession" or ""
    made_by: str  # the predecessor that made it ("made by Czechoslovakia upon signature"), or ""
    words: str  # the sentence and the quotation that follows it


_WITHDRAW = re.compile(r"\bwithdr[ae]w|\bwithdrawal\b|\bwithdrawn\b", re.IGNORECASE)
_GOVERNMENTS = re.compile(
    r"Governments? (?:of )?(?P<who>.+?)(?:,\s*respectively,)?\s+(?:notified|informed|withdrew|effected|had decided|decided)"
)
_SUBJECT = re.compile(
    r"^(?:On [^,]+,\s*|Subsequently,\s*)?(?P<who>[A-Z][\w ]+?) (?:not only )?had decided to withdraw"
)
_WHAT = re.compile(
    r"(objections?|interpretative declarations?|reservations?|declarations?|understandings?)", re.IGNORECASE
)
_UPON = re.compile(
    r"made (?:by (?P<by>[A-Z][\w ]+?) |by virtue of [^,]{0,40}? )?upon (?:its |depositing its instrument of )?"
    r"(?P<act>signature|ratification|accession|succession)",
    re.IGNORECASE,
)


def _governments(sentence: str) -> list[str]:
    match = _GOVERNMENTS.search(sentence) or _SUBJECT.search(sentence)
    if not match:
        return []
    who = re.sub(r"^the\s+", "", match.group("who").strip())
    parts = re.split(r",\s*(?:and\s+)?(?:the\s+)?|\s+and\s+(?:the\s+)?", who)
    return [re.sub(r"^the\s+", "", p).strip() for p in parts if p.strip()]


def withdrawals(note: str) -> list[Withdrawal]:
    out: list[Withdrawal] = []
    parts = sentences(note)
    for index, sentence in enumerate(parts):
        found = _WITHDRAW.search(sentence)
        opening = _NOTIFIED.match(sentence)
        if not found or not opening:
            continue
        dates = date_list(opening.group("dates"))
        if not dates:
            continue
        # the clause that says what is withdrawn, up to a quotation or the end
        clause = re.split(r":|“|\"", sentence[found.start() :], maxsplit=1)[0]
        articles = articles_named(clause)
        what_match = _WHAT.search(clause)
        if what_match is None or what_match.group(1).lower().startswith("objection"):
            continue  # a withdrawal of the treaty itself, or of an objection: not a reservation
        what = what_match.group(1).lower().rstrip("s")
        upon = _UPON.search(sentence)
        partial = bool(re.search(r"\bpartial|\bpartly\b|\bpart of\b", sentence, re.IGNORECASE))
        following = [p for p in parts[index + 1 : index + 3] if not _WITHDRAW.search(p) or "read" in p]
        words = " ".join([sentence, *following])[:2000]
        governments = _governments(sentence) or [""]
        groups = _article_groups(clause, len(dates))
        for n, date in enumerate(dates):
            government = governments[n] if len(governments) == len(dates) else governments[0]
            part_what = _WHAT.search(groups[n][1]) if groups else None
            out.append(
                Withdrawal(
                    date,
                    government,
                    groups[n][0] if groups else articles,
                    part_what.group(1).lower().rstrip("s") if part_what else what,
                    partial,
                    upon.group("act").lower() if upon else "",
                    (upon.group("by") or "") if upon else "",
                    words,
                )
            )
    return out


def _article_groups(clause: str, count: int) -> list[tuple[tuple[str, ...], str]]:
    """With several dates, "respectively": which articles (and which words) go with which date,
    where the clause lets that be read (one article per date, or "on the one hand ... on the
    other")."""
    if count < 2:
        return []
    halves = re.split(r"on the one hand", clause, maxsplit=1)
    if len(halves) == 2 and count == 2:
        return [(articles_named(half), half) for half in halves]
    numbers = articles_named(clause)
    if len(numbers) == count:
        return [((n,), clause) for n in numbers]
    return []


@dataclass(frozen=True)
class QuotedDeclaration:
    """A declaration quoted in a note, with the date and the government the note gives it."""

    date: dt.date | None
    government: str
    text: str
    made_upon: str  # "signature", "ratification", "" (dated otherwise)


_HAD_DONE = re.compile(
    rf"^(?P<who>[A-Z][\w ]+?) had (?:signed and ratified|acceded to|signed|ratified)\b.*?"
    rf"on (?P<d1>{LONG_DATE.pattern})(?: and (?P<d2>{LONG_DATE.pattern}))?.*?with the following (?:declarations?|reservations?)[^:]*:\s*(?P<text>.+)$",
    re.DOTALL,
)
_DECLARED = re.compile(
    rf"\b[Oo]n (?P<d>{LONG_DATE.pattern}),? (?:the Government of )?(?P<who>[A-Z][\w ]+?) "
    r"(?:(?:had )?declared the following|.*?\breads? as follows)\s*:\s*(?P<text>.+)$",
    re.DOTALL,
)


def quoted_declarations(note: str) -> list[QuotedDeclaration]:
    out: list[QuotedDeclaration] = []
    for sentence in _quote_spans(note):
        had = _HAD_DONE.match(sentence)
        if had:
            both = had.group("d2") is not None
            date = long_date(had.group("d2") if both else had.group("d1"))
            out.append(
                QuotedDeclaration(date, had.group("who"), had.group("text"), "ratification" if both else "")
            )
            continue
        declared = _DECLARED.search(sentence)
        if declared:
            out.append(
                QuotedDeclaration(
                    long_date(declared.group("d")), declared.group("who"), declared.group("text"), ""
                )
            )
    return out


# Where a quotation ends: the note goes on to another event or to what other states said.
_OTHERS = re.compile(
    r"^(?:On|Subsequently|Further|In\b|See also|With (?:reference|regard)|It will be recalled)\b"
)


def _quote_spans(note: str) -> list[str]:
    """Sentences with the text they quote (up to the next dated sentence)."""
    parts = sentences(note)
    spans: list[str] = []
    for i, part in enumerate(parts):
        if re.search(r"following|as follows", part):
            tail = []
            for nxt in parts[i + 1 :]:
                if _OTHERS.match(nxt) or "objection" in nxt:
                    break
                tail.append(nxt)
            spans.append(" ".join([part, *tail]))
    return spans


@dataclass(frozen=True)
class Previous:
    received: dt.date
    expired: dt.date
    words: str


_PREVIOUS = re.compile(
    r"Previous declarations,? (?:were )?received (?:on )?(?P<received>.+?)(?:,?\s+and)?\s+expired on (?P<expired>.+?)(?:,\s*respectively)?\.",
)


def previous_declarations(note: str) -> list[Previous]:
    match = _PREVIOUS.search(note)
    if not match:
        return []
    received, expired = date_list(match.group("received")), date_list(match.group("expired"))
    if len(received) != len(expired):
        return []
    return [Previous(r, e, match.group(0)) for r, e in zip(received, expired, strict=True)]


_DEPOSITED = re.compile(rf"declaration[^.]*? was deposited on (?P<d>{LONG_DATE.pattern})")


def deposits(note: str) -> list[tuple[dt.date, str]]:
    """Dates on which the note says a declaration was deposited, with the sentence."""
    return [(long_date(m.group("d")), s) for s in sentences(note) for m in _DEPOSITED.finditer(s)]
