"""Names in English sentences: the article a name takes, its possessive, a sentence's capital.

Answers name things as researchers write them (the ICCPR, Russia, the United States); these
rules make the sentences around the names read naturally: "the United States' participation in
the Rome Statute", not "United States's participation in Rome Statute".
"""

from __future__ import annotations

# A state's name takes "the" when it names a union, a republic by its form, or a plural (a group
# of islands, the Netherlands, the Philippines, the Bahamas, the Comoros, the Maldives).
_STATE_THE_FIRST = ("United ", "Holy ")
_STATE_THE_LAST = (" Republic", " Islands", " Emirates", " Federation", " States", " Kingdom")
_PLURAL_ENDINGS = ("ines", "ands", "amas", "oros", "ives")


def the(name: str, kind: str) -> str:
    """``name`` as it stands in a sentence: treaties and organisations with "the" (the ECPT, the
    Council of Europe), states where English uses it (the United States, the Holy See), others
    as they are (Russia, CAT Art. 22)."""
    if name.lower().startswith("the "):
        return name
    if kind in ("treaty", "organisation"):
        return f"the {name}"
    if (
        kind == "state"
        and " and " not in name  # Saint Vincent and the Grenadines, Trinidad and Tobago
        and (
            name.startswith(_STATE_THE_FIRST)
            or name.endswith(_STATE_THE_LAST)
            or name.endswith(_PLURAL_ENDINGS)
        )
    ):
        return f"the {name}"
    return name


def possessive(name: str) -> str:
    """``Russia's``, ``the United States'``."""
    return f"{name}'" if name.endswith("s") else f"{name}'s"


def sentence(text: str) -> str:
    """``text`` with a capital first letter (a name with "the" may start it)."""
    return text[:1].upper() + text[1:]
