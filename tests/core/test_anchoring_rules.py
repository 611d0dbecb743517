"""Table tests for every anchoring rule of the format contract."""

from __future__ import annotations

import pytest

from annotated_lessons.core.anchoring import AnchorFailure, Selector, Span, anchor, disambiguate
from annotated_lessons.core.article import parse_article

BODY = (
    "Putin\u2019s \u201cpeace\u201d plan\n\n"
    "The plan was  called\nhistoric.\u00a0The plan was new.\n\n"
    "aaaa and Aaaa"
)


@pytest.fixture(scope="module")
def article():
    parsed, problems = parse_article(BODY, "seeds/a.txt")
    assert not problems
    return parsed


def text_of(article, result) -> str:
    assert isinstance(result, Span), getattr(result, "message", result)
    return article.body[result.start:result.end]


@pytest.mark.parametrize(
    ("selector", "expected"),
    [
        # Straight quotes in the lesson match typographic ones in the article, and back.
        (Selector("Putin's \"peace\" plan"), "Putin\u2019s \u201cpeace\u201d plan"),
        (Selector("Putin\u2018s"), "Putin\u2019s"),
        # Any run of whitespace (newline, double space, no-break space) is one space.
        (Selector("was called historic. The"), "was  called\nhistoric.\u00a0The"),
        (Selector("was\n   called"), "was  called"),
        # A quote may cross paragraphs: the blank line is whitespace too.
        (Selector("plan The plan was  called"), "plan\n\nThe plan was  called"),
        # Leading and trailing whitespace of the quote itself does not count.
        (Selector("  historic.  "), "historic."),
        # Prefix and suffix choose between matches; they are normalised too.
        (Selector("The plan", prefix="historic. "), "The plan"),
        (Selector("The plan", suffix=" was  called"), "The plan"),
        # Occurrence counts from 1 among the remaining candidates.
        (Selector("The plan", occurrence=2), "The plan"),
        # Overlapping matches are all candidates: "aa" occurs 3 times in "aaaa".
        (Selector("aa", occurrence=3), "aa"),
    ],
)
def test_selector_picks_the_expected_text(article, selector, expected):
    assert text_of(article, anchor(article, selector)) == expected


def test_prefix_picks_the_second_match_position(article):
    first = anchor(article, Selector("The plan", occurrence=1))
    by_prefix = anchor(article, Selector("The plan", prefix="historic. "))
    assert isinstance(first, Span) and isinstance(by_prefix, Span)
    assert by_prefix.start > first.start
    assert by_prefix == anchor(article, Selector("The plan", occurrence=2))


def test_overlapping_candidates_are_counted(article):
    result = anchor(article, Selector("aa"))
    assert isinstance(result, AnchorFailure) and result.kind == "ambiguous"
    # "aaaa" holds three overlapping matches and "Aaaa" two more.
    assert [s.start for s in result.candidates] == [72, 73, 74, 82, 83]


def test_matching_is_case_sensitive(article):
    result = anchor(article, Selector("aaaa"))
    assert isinstance(result, Span)  # "Aaaa" does not count as a second match
    failure = anchor(article, Selector("putin"))
    assert isinstance(failure, AnchorFailure) and failure.kind == "not-found"
    assert "case" in failure.message and "line 1, column 1" in (failure.hint or "")


def test_occurrence_applies_after_prefix_and_suffix(article):
    # Two matches of "The plan"; with the suffix only one remains, so occurrence 2 is out of range.
    result = anchor(article, Selector("The plan", suffix=" was new", occurrence=2))
    assert isinstance(result, AnchorFailure) and result.kind == "occurrence-out-of-range"
    assert text_of(article, anchor(article, Selector("The plan", suffix=" was new", occurrence=1))) == "The plan"


def test_prefix_that_matches_nothing_is_reported(article):
    result = anchor(article, Selector("The plan", prefix="nowhere "))
    assert isinstance(result, AnchorFailure) and result.kind == "filtered-out"
    assert "line 3" in (result.hint or "") and "line 4" in (result.hint or "")


def test_no_candidate_gives_closest_passage_and_similarity(article):
    result = anchor(article, Selector("The plan was called histroic"))
    assert isinstance(result, AnchorFailure) and result.kind == "not-found"
    assert "% similar" in (result.hint or "")
    assert "The plan was called historic" in (result.hint or "")


def test_nothing_similar_says_so(article):
    result = anchor(article, Selector("zzzzqqqq xxxx"))
    assert isinstance(result, AnchorFailure) and result.kind == "not-found"
    assert "no similar passage" in (result.hint or "")


def test_ambiguous_lists_every_place_and_how_to_choose(article):
    result = anchor(article, Selector("The plan"))
    assert isinstance(result, AnchorFailure) and result.kind == "ambiguous"
    hint = result.hint or ""
    assert "line 3, column 1" in hint and "line 4, column 11" in hint
    assert "prefix" in hint or "suffix" in hint


def test_empty_quote(article):
    result = anchor(article, Selector("   "))
    assert isinstance(result, AnchorFailure) and result.kind == "empty-quote"


def test_disambiguation_is_shortest_and_reanchors(article):
    for span in anchor(article, Selector("The plan")).candidates:  # type: ignore[union-attr]
        choice = disambiguate(article, span)
        assert choice.fields(), "two matches need a distinguishing field"
        again = anchor(article, Selector("The plan", **choice.fields()))  # type: ignore[arg-type]
        assert again == span
    assert disambiguate(article, anchor(article, Selector("historic."))).fields() == {}  # type: ignore[arg-type]


def test_disambiguation_falls_back_to_occurrence():
    art, _ = parse_article("x ab ab ab ab ab ab ab ab ab ab ab y", "a.txt")
    spans = anchor(art, Selector("ab")).candidates  # type: ignore[union-attr]
    middle = spans[5]
    choice = disambiguate(art, middle)
    assert anchor(art, Selector("ab", **choice.fields())) == middle  # type: ignore[arg-type]
