"""What the endpoint refuses before a request reaches the store, and who may update it.

* ``SERVICE`` in a query or update makes the store send a request to any URL the client names
  (server-side request forgery); ``LOAD <url>`` makes it fetch one. Both are refused unless the
  server was started with ``--allow-service``, and ``LOAD`` of anything but an http(s) URL
  (``file:``, or a relative IRI that a ``BASE`` could turn into one) is refused always.
* Updates need the server's token, compared in constant time as bytes (a token with characters
  outside ASCII is simply a wrong token).

The keywords are found by a small tokeniser that skips comments, strings and IRIs, so a
``SERVICE`` inside a literal or an IRI is not mistaken for one, and a variable or prefixed name
spelt ``service`` is not either. Anything doubtful is refused, never let through.
"""

from __future__ import annotations

import base64
import binascii
import hmac
import re

_TOKEN = re.compile(
    r"""
    (?P<comment>\#[^\n]*)
  | (?P<string>'''(?:[^'\\]|\\.|'(?!''))*'''|\"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\"
               |'(?:[^'\\\n]|\\.)*'|"(?:[^"\\\n]|\\.)*")
  | (?P<iri><[^<>"{}|^`\\\x00-\x20]*>)
  | (?P<word>[A-Za-z_][A-Za-z0-9_]*)
  | (?P<other>.)
    """,
    re.VERBOSE | re.DOTALL,
)


def _keywords(text: str) -> list[tuple[str, str]]:
    """(kind, value) for every keyword and IRI of a SPARQL text, skipping comments and strings.
    A word right after ``?``, ``$`` or ``:``, or right before ``:``, is a name, not a keyword."""
    out: list[tuple[str, str]] = []
    for match in _TOKEN.finditer(text):
        kind = match.lastgroup or "other"
        if kind == "word":
            before = text[match.start() - 1] if match.start() else " "
            after = text[match.end()] if match.end() < len(text) else " "
            if before in "?$:" or after == ":":
                continue
            out.append(("word", match.group().upper()))
        elif kind == "iri":
            out.append(("iri", match.group()[1:-1]))
    return out


def refusal(text: str, allow_service: bool) -> str | None:
    """Why the endpoint refuses this query or update, or None."""
    tokens = _keywords(text)
    for index, (kind, value) in enumerate(tokens):
        if kind != "word":
            continue
        if value == "SERVICE" and not allow_service:
            return "SERVICE is not allowed: this endpoint does not send requests to other servers"
        if value == "LOAD":
            rest = [t for t in tokens[index + 1 : index + 3] if t != ("word", "SILENT")]
            target = rest[0][1] if rest and rest[0][0] == "iri" else ""
            if not target.lower().startswith(("http://", "https://")):
                return "LOAD is allowed only from an http(s) URL, never from a file or a relative IRI"
            if not allow_service:
                return "LOAD is not allowed: this endpoint does not fetch URLs"
    return None


def authorised(header: str | None, token: str) -> bool:
    """Whether an ``Authorization`` header carries ``token`` (Bearer, or the basic-auth password)."""
    if not header:
        return False
    expected = token.encode("utf-8")
    kind, _, value = header.partition(" ")
    raw = value.strip().encode("latin-1", "replace")  # HTTP header bytes, as the client sent them
    if kind.lower() == "bearer":
        return hmac.compare_digest(raw, expected)
    if kind.lower() == "basic":
        try:
            decoded = base64.b64decode(raw, validate=True)
        except (binascii.Error, ValueError):
            return False
        return hmac.compare_digest(decoded.partition(b":")[2], expected)
    return False
