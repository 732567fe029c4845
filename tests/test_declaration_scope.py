"""Declarations whose text limits the accepted competence to later events (issue 14: "several
CAT Art. 22 declarations likewise cover only later events"). The words are the UNTC pages'."""

from __future__ import annotations

import datetime as dt

import pytest

from obligraph.analysis.status import state_status
from obligraph.importers.untc_scope import events_after
from tests.conftest import iri

D = dt.date
DECLARED, IN_FORCE = D(2000, 9, 7), D(2000, 10, 7)


@pytest.mark.parametrize(
    "words,expected",
    [
        # UNTC IV-9, Guatemala under Art. 22
        (
            "in respect of acts, omissions, situations or events occurring after the date of the present declaration.",
            DECLARED,
        ),
        # UNTC IV-9, Cameroon under Art. 21
        (
            "such communications will not be receivable unless they refer to situations and facts subsequent to this declaration",
            DECLARED,
        ),
        # UNTC IV-9, Morocco under Art. 22
        (
            "who claim to be victims of a violation, subsequent to the date of deposit of the present document, of the provisions",
            DECLARED,
        ),
        # UNTC IV-9, Russian Federation (end-note 18)
        (
            "in respect of situations and events occurring after the adoption of the present declaration",
            DECLARED,
        ),
        # UNTC IV-9, Ghana under Arts. 21 and 22
        (
            "in respect of matters occurring after the said Convention had entered into force for Ghana",
            IN_FORCE,
        ),
        # UNTC IV-2, France under Art. 14
        ("by reason of acts or omissions, events or deeds occurring after 15 August 1982", D(1982, 8, 15)),
        # a text that sets no temporal limit
        ("recognizes the competence of the Committee to receive and consider communications", None),
    ],
)
def test_the_scope_a_text_gives(words: str, expected: dt.date | None) -> None:
    found = events_after(words, DECLARED, IN_FORCE)
    assert (found[0] if found else None) == expected


def test_ghanas_declarations_cover_events_after_the_treaties_bound_it(kg) -> None:
    # UNTC IV-9: Ghana ratified CAT on 7 Sep 2000; Art. 27(2): in force on the 30th day after,
    # 7 Oct 2000. Its Art. 21/22 declaration covers "matters occurring after the said Convention
    # had entered into force for Ghana".
    status = state_status(kg, iri("state", "GHA"), D(2020, 1, 1))
    cat = {b.body.id: b for b in status.bodies}["CAT"]
    assert cat.limitation is not None and "CAT Art. 22: only for events after 2000-10-07" in cat.limitation
