"""Names users type, resolved to graph individuals; unknown names get suggestions."""

import pytest

from obligraph.errors import UnknownTermError


@pytest.mark.parametrize("term", ["RUS", "rus", "RU", "Russia", "russian federation", "  Russia "])
def test_state_names(resolver, term: str) -> None:
    assert resolver.state(term).id == "RUS"


@pytest.mark.parametrize(
    "term,expected",
    [
        ("ETS-126", "ETS-126"),
        ("ets 126", "ETS-126"),
        ("ECPT", "ETS-126"),
        ("ECHR", "ETS-005"),
        ("CAT", "UN-IV-9"),
        ("OPCAT", "UN-IV-9-b"),
        ("ICCPR", "UN-IV-4"),
        ("UN-IV-9", "UN-IV-9"),
    ],
)
def test_treaty_names(resolver, term: str, expected: str) -> None:
    assert resolver.treaty(term).id == expected


@pytest.mark.parametrize(
    "term,expected",
    [
        ("CPT", "CPT"),
        ("ECtHR", "ECtHR"),
        ("ecthr", "ECtHR"),
        ("CAT", "CAT"),
        ("SPT", "SPT"),
        ("HRCttee", "HRCttee"),
    ],
)
def test_body_names(resolver, term: str, expected: str) -> None:
    assert resolver.body(term).id == expected


def test_unknown_state_suggests(resolver) -> None:
    with pytest.raises(UnknownTermError) as info:
        resolver.state("Rusia")
    assert "RUS" in info.value.suggestions
    assert "unknown state 'Rusia'" in str(info.value)
