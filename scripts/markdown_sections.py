"""Sections of a Markdown file that one benchmark script owns, between marker comments, so that
several scripts can write into docs/benchmarks.md without removing each other's results."""

from __future__ import annotations

import re
from pathlib import Path

BEGIN = "<!-- begin {name}: written by {script}; edit the script, not this section -->"
END = "<!-- end {name} -->"
_ANY = re.compile(r"<!-- begin (\S+):.*?-->\n.*?<!-- end \1 -->\n?", re.DOTALL)


def block(name: str, script: str, body: str) -> str:
    return f"{BEGIN.format(name=name, script=script)}\n{body.rstrip()}\n{END.format(name=name)}\n"


def replace_section(path: Path, name: str, script: str, body: str) -> None:
    """Put ``body`` into the section ``name`` of ``path``, replacing it or appending it."""
    text = path.read_text("utf-8") if path.is_file() else ""
    new = block(name, script, body)
    pattern = re.compile(
        rf"{re.escape('<!-- begin ' + name + ':')}.*?-->\n.*?{re.escape(END.format(name=name))}\n?", re.DOTALL
    )
    if pattern.search(text):
        text = pattern.sub(lambda _: new, text, count=1)
    else:
        text = text.rstrip("\n") + "\n\n" + new
    path.write_text(text, encoding="utf-8")


def owned_sections(text: str) -> list[str]:
    """Every marked section of ``text`` (for a script that rewrites the rest of the file)."""
    return [m.group(0).rstrip("\n") + "\n" for m in _ANY.finditer(text)]
