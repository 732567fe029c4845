"""What a declaration's words do to a committee's competence, decided by small named rules.

A participant's text on a UNTC page is cut into statements (a paragraph with the lines that
elaborate it); each statement is classified by the first rule that fits:

- ``future-intent``: the state says it *will* recognise the competence later ("will recognize
  the competence of the Committee ... at a later time"): not an acceptance;
- ``excludes``: it does not recognise (or accept) the competence ("does not recognize the
  competence of the Committee provided for in article 20");
- ``accepts``: it recognises or accepts the competence, with no negation;
- ``unrelated``: anything else (an interpretation, a reservation to another article, a general
  recognition of the committee that names no optional procedure).

Which articles a statement concerns: the optional articles it names; failing that, the procedure
it describes (a State Party claiming that another is not fulfilling its obligations: the
inter-state article; communications from individuals: the individual one; an inquiry: the
inquiry one), read from the powers the graph says each article grants; failing that, the articles
of the heading line above it ("Article 21", "Declaration under article 32:"). Nothing here names
a treaty: the articles and their powers come from the graph.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

STANCES = ("accepts", "future-intent", "excludes", "unrelated")
INTER_STATE = "InterStateComplaints"
INDIVIDUAL = "IndividualComplaints"
INQUIRY = "InquiryPower"


@dataclass(frozen=True)
class Procedures:
    """The articles of one treaty that a declaration can switch, from the graph's powers."""

    opt_in: Mapping[str, str]  # article number -> kind of the power it grants (local name)
    opt_out: Mapping[str, str]  # article whose power a declaration can exclude -> its kind
    opt_out_clause: Mapping[str, str]  # article of an opt-out clause (CAT 28) -> article it excludes

    def articles_for(self, kinds: set[str], pool: Mapping[str, str]) -> tuple[str, ...]:
        return tuple(sorted((a for a, k in pool.items() if k in kinds), key=_number_key))

    @property
    def any(self) -> bool:
        return bool(self.opt_in or self.opt_out)


@dataclass(frozen=True)
class Statement:
    text: str  # the statement's lines joined
    heading: str  # the heading line above it, "" if none


@dataclass(frozen=True)
class Finding:
    stance: str
    articles: tuple[str, ...]  # optional articles concerned (empty for ``unrelated``)
    rule: str  # the rule that decided, in words
    found_by: str  # how the articles were found: named, procedure, heading, table, or ""
    statement: Statement


# --------------------------------------------------------------------------------------------
# Statements
# --------------------------------------------------------------------------------------------

_VERB = re.compile(r"recogni[sz]|\baccepts?\b|\bcompeten", re.IGNORECASE)
_CONTINUES = re.compile(r"^(?:\(?[a-h]\)|\(?[ivx]+[.)]|[IVX]+\.|[-–•]|and$|or$)", re.IGNORECASE)


def is_heading(line: str) -> bool:
    """A short line that introduces what follows ("Article 21", "Declaration under article 31:",
    "Made upon succession:") and says nothing itself."""
    if len(line) > 110 or _VERB.search(line) and not line.rstrip().endswith(":"):
        return False
    stripped = line.strip(" \"“”'‘’.")
    return bool(
        re.match(
            r"^(?:[A-Z]\)\s*)?(?:the\s+)?(?:declarations?|reservations?|article|with respect to|with regard to|"
            r"in accordance with|pursuant to|made|confirmed|interpretative|understandings?)\b",
            stripped,
            re.IGNORECASE,
        )
        and (
            stripped.endswith(":")
            or re.fullmatch(r"(?i)articles?\s+[\w\s,()]+", stripped) is not None
            or len(stripped) < 60
        )
    )


def statements(lines: tuple[str, ...]) -> list[Statement]:
    """Group a piece's lines: a line with a verb of recognition starts a statement; the lines
    after it that start a list item or have no such verb elaborate it."""
    out: list[tuple[list[str], str]] = []
    heading = ""
    for line in lines:
        if is_heading(line):
            heading = line
            continue
        starts = _VERB.search(line) is not None and not _CONTINUES.match(line)
        if out and not starts and (out[-1][1] == heading):
            out[-1][0].append(line)
        else:
            out.append(([line], heading))
    return [Statement(" ".join(parts), head) for parts, head in out]


# --------------------------------------------------------------------------------------------
# Articles named
# --------------------------------------------------------------------------------------------

_ROMAN = {"i": 1, "v": 5, "x": 10, "l": 50}
_WORDS = {
    w: n
    for n, w in enumerate(
        "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
        "fifteen sixteen seventeen eighteen nineteen twenty".split()
    )
}
_ARTICLE = re.compile(r"\barticles?\b|\barts?\.", re.IGNORECASE)
_TOKEN = re.compile(
    r"\s*(?:(?P<sep>,|and\b|or\b|\[|\]|&)|(?P<num>\d+)(?:\s*\(\s*\w+\s*\))*|(?P<roman>[IVXL]+)\b"
    r"|(?P<para>paragraphs?\s+\d+(?:\s*\(\s*\w+\s*\))*|para\.\s*\d+)|(?P<word>[a-z]+)\b)",
)


def _roman(text: str) -> int | None:
    values = [_ROMAN.get(c) for c in text.lower()]
    if None in values or not values:
        return None
    total = 0
    for i, v in enumerate(values):
        assert v is not None
        nxt = values[i + 1] if i + 1 < len(values) else 0
        total += -v if nxt and nxt > v else v
    return total


def articles_named(text: str) -> tuple[str, ...]:
    """Article numbers a text names: "article 21", "articles 21 and 22", "article(s) 20, 21 and
    22", "Article 12(1)", "article XIV", "article twelve", "[21 and 22]" after "articles"."""
    found: list[str] = []
    for match in _ARTICLE.finditer(text):
        pos = match.end()
        if text[pos : pos + 3] == "(s)":
            pos += 3
        in_paragraphs = False  # "article 14, paragraphs 2 and 3": the numbers after are paragraphs
        while True:
            token = _TOKEN.match(text, pos)
            if not token or token.end() == pos:
                break
            if token.group("para"):
                in_paragraphs = True
            elif in_paragraphs and token.group("sep") is None:
                if not token.group("num"):
                    break
            elif token.group("num"):
                found.append(token.group("num"))
            elif token.group("roman") and len(token.group("roman")) > 1:
                value = _roman(token.group("roman"))
                if value:
                    found.append(str(value))
            elif token.group("word"):
                if token.group("word").lower() not in _WORDS:
                    break
                found.append(str(_WORDS[token.group("word").lower()]))
            elif token.group("sep") is None and token.group("para") is None:
                break
            pos = token.end()
    return tuple(dict.fromkeys(found))


def _number_key(article: str) -> tuple[int, str]:
    match = re.match(r"\d+", article)
    return (int(match.group(0)) if match else 0, article)


# --------------------------------------------------------------------------------------------
# Procedures described
# --------------------------------------------------------------------------------------------

_INTER_STATE = re.compile(
    r"another (?:State|Party)|(?:State|Party)[^.;]{0,40}\bclaims?\b|claims? that (?:another|the|a) (?:State|Party)|"
    r"from States parties|inter-?state|brought by or against|submitted by another|one State Party",
    re.IGNORECASE,
)
_INDIVIDUAL = re.compile(r"\bindividuals?\b|\bpersons?\b|\bvictims?\b", re.IGNORECASE)
_INQUIRY = re.compile(r"\binquir(?:y|ies)\b", re.IGNORECASE)


def procedures_described(text: str) -> set[str]:
    kinds = set()
    if _INTER_STATE.search(text):
        kinds.add(INTER_STATE)
    if _INDIVIDUAL.search(text):
        kinds.add(INDIVIDUAL)
    if _INQUIRY.search(text):
        kinds.add(INQUIRY)
    return kinds


# --------------------------------------------------------------------------------------------
# Stance
# --------------------------------------------------------------------------------------------

_FUTURE = re.compile(
    r"\b(?:will|intends? to|would)\b[^.;]{0,60}\brecogni[sz]e\b[^.;]*\b(?:later|future)\b|at a later (?:time|date|stage)",
    re.IGNORECASE,
)
_EXCLUDES = re.compile(
    r"\b(?:does|do|shall|will)\s+not\s+(?:recogni[sz]e|accept)\b|\bnot\s+recogni[sz]e\b|without\s+recogni[sz]ing|"
    r"no\s+longer\s+recogni[sz]e",
    re.IGNORECASE,
)
_ACCEPTS = re.compile(
    r"\brecogni[sz](?:es?|ed|ing)\b|\baccepts?\b|\baccepted\b|\bagrees?\s+to\s+recogni[sz]e", re.IGNORECASE
)
_COMPETENCE = re.compile(r"\bcompeten(?:ce|t)\b|\bauthority\b|\bjurisdiction of the Committee", re.IGNORECASE)
_COMMITTEE = re.compile(r"\bCommit\s?tee\b|\b(?:that|this|such) competence\b", re.IGNORECASE)


def stance(text: str) -> tuple[str, str]:
    """The stance of one statement and the rule that decided it, in words."""
    if not _COMPETENCE.search(text) or not _COMMITTEE.search(text):
        return "unrelated", "does not speak of a committee's competence"
    if _FUTURE.search(text):
        return (
            "future-intent",
            "says the competence will be recognised later: a statement of intent, not an acceptance",
        )
    if _EXCLUDES.search(text):
        return "excludes", "does not recognise (or accept) the competence"
    if _ACCEPTS.search(text):
        return "accepts", "recognises or accepts the competence, with no negation"
    return "unrelated", "speaks of competence without recognising, accepting or refusing it"


def classify(statement: Statement, procedures: Procedures, table_articles: tuple[str, ...] = ()) -> Finding:
    """One statement's finding. ``table_articles``: the optional articles of the table the text
    stands in (the articles its heading names), a last resort for a text that names none."""
    how, rule = stance(statement.text)
    if how == "unrelated":
        return Finding(how, (), rule, "", statement)
    pool = dict(procedures.opt_in) if how != "excludes" else {**procedures.opt_out, **procedures.opt_in}
    named = [a for a in articles_named(statement.text) if a in pool]
    named += [
        procedures.opt_out_clause[a]
        for a in articles_named(statement.text)
        if how == "excludes" and a in procedures.opt_out_clause
    ]
    if named:
        return Finding(how, tuple(sorted(set(named), key=_number_key)), rule, "named", statement)
    described = procedures.articles_for(procedures_described(statement.text), pool)
    if described:
        return Finding(how, described, rule, "procedure", statement)
    headed = tuple(a for a in articles_named(statement.heading) if a in pool)
    if headed:
        return Finding(how, headed, rule, "heading", statement)
    tabled = tuple(a for a in table_articles if a in pool)
    if len(tabled) == 1:
        return Finding(how, tabled, rule, "table", statement)
    return Finding("unrelated", (), f"{rule}, but names no optional procedure of this treaty", "", statement)


def classify_piece(
    lines: tuple[str, ...], procedures: Procedures, table_articles: tuple[str, ...] = ()
) -> list[Finding]:
    return [classify(s, procedures, table_articles) for s in statements(lines)]
