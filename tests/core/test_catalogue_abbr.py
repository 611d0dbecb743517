"""Each technique's cue (``abbr``): chosen in the catalogue, or made up, and never shared.

The cue is what tells techniques apart without colour, so two techniques with the same
one would merge again; a course may hold more techniques than there are colours.
"""

from __future__ import annotations

from annotated_lessons.core.catalogue import ABBR_MAX, TONES, parse_catalogue

NAMES = [
    "Appeal to fear", "Appeal to force", "Appeal to authority", "Appeal to values", "Loaded language",
    "Labelling critics", "Loaded qualifier", "Euphemism", "Exaggeration", "Either-or", "Either way",
    "Repetition", "Red herring", "Straw man", "Slogans", "Whataboutism", "Doubt", "Doubt", "Flag-waving",
    "Bandwagon",
]


def _catalogue(entries: list[str]) -> str:
    return "techniques:\n" + "".join(entries)


def _entry(i: int, name: str, abbr: str | None = None) -> str:
    extra = f"    abbr: {abbr!r}\n" if abbr is not None else ""
    return f"  - id: t{i}\n    name: {name!r}\n    summary: One sentence.\n{extra}"


def test_twenty_techniques_get_twenty_different_cues() -> None:
    catalogue, problems = parse_catalogue(_catalogue([_entry(i, n) for i, n in enumerate(NAMES)]), "t.yml")
    assert problems == []
    cues = [t.abbr for t in catalogue.techniques.values()]
    assert len(cues) == 20 > TONES
    assert len({c.casefold() for c in cues}) == 20, cues
    assert all(1 <= len(c) <= ABBR_MAX for c in cues), cues
    assert cues[:2] == ["AF", "Ap"]  # initials of "Appeal fear"; then a first-two-letters fallback
    assert cues[7] == "Eu"


def test_a_chosen_cue_is_kept_and_a_made_up_one_avoids_it() -> None:
    text = _catalogue([_entry(0, "Loaded language"), _entry(1, "Labelling critics", "LL")])
    catalogue, problems = parse_catalogue(text, "t.yml")
    assert problems == []
    assert [t.abbr for t in catalogue.techniques.values()] == ["Lo", "LL"]


def test_a_shared_or_long_cue_is_an_error_at_its_line() -> None:
    text = _catalogue([_entry(0, "One", "ab"), _entry(1, "Two", "AB"), _entry(2, "Three", "TOOLONG")])
    catalogue, problems = parse_catalogue(text, "t.yml")
    assert [(p.line, p.code) for p in problems] == [(9, "duplicate-abbr"), (13, "too-long")]
    assert "already used" in problems[0].message and "more than 4" in problems[1].message
    # The techniques are kept, with cues of their own.
    cues = [t.abbr for t in catalogue.techniques.values()]
    assert cues[0] == "ab" and len({c.casefold() for c in cues}) == 3
