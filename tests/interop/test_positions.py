"""Positions in both units: export counts code points; import takes code points or UTF-16, as the quote shows."""

from __future__ import annotations

import json
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from annotated_lessons.core import CourseConfig, load_course
from annotated_lessons.core.anchoring import Span
from annotated_lessons.core.article import parse_article
from annotated_lessons.core.interop import ImportedSpan, lesson_to_w3c, read_w3c, resolve
from annotated_lessons.core.interop.units import CONTEXT_UNITS, fit_prefix, fit_suffix, from_utf16, to_utf16

REPO = Path(__file__).resolve().parents[2]
BODY = "😀👩‍👩‍👧 Leaders 🇺🇦 meet\n\nThe 𝐛𝐨𝐥𝐝 deal was a triumph, and the deal was a triumph again."


def _utf16(text: str, index: int) -> int:
    return len(text[:index].encode("utf-16-le")) // 2


@settings(max_examples=200, deadline=None)
@given(text=st.text(max_size=40), data=st.data())
def test_utf16_offsets_convert_both_ways(text, data):
    index = data.draw(st.integers(0, len(text)))
    units = _utf16(text, index)
    assert to_utf16(text, index) == units
    assert from_utf16(text, units) == index
    inside = [u for u in range(len(text.encode("utf-16-le")) // 2 + 1) if u not in
              {_utf16(text, i) for i in range(len(text) + 1)}]
    assert all(from_utf16(text, u) is None for u in inside)  # the middle of a surrogate pair is no position


@settings(max_examples=200, deadline=None)
@given(text=st.lists(st.sampled_from(["a", " ", "😀", "e\u0301", "👍🏿", "\u200d", "\n", "𝐛"]), max_size=60).map("".join))
def test_context_fits_32_utf16_units_and_cuts_only_at_word_starts(text):
    prefix, suffix = fit_prefix(text), fit_suffix(text)
    assert len(prefix.encode("utf-16-le")) // 2 <= CONTEXT_UNITS and text.endswith(prefix)
    assert len(suffix.encode("utf-16-le")) // 2 <= CONTEXT_UNITS and text.startswith(suffix)
    if prefix != text and prefix:
        assert text[len(text) - len(prefix) - 1].isspace()
    if suffix != text and suffix:
        assert text[len(suffix)].isspace()


def _article():
    return parse_article(BODY, "a.txt")[0]


def test_a_hypothesis_position_in_utf16_units_is_taken_as_such():
    """Browsers count UTF-16 units: past an emoji the number is larger than the code-point one, and valid."""
    article = _article()
    start = article.body.index("deal was a triumph, and")
    units = _utf16(article.body, start)
    assert units > start
    item = ImportedSpan(label="x", quote="deal was a triumph", start=units, end=units + 18)
    resolved, problems = resolve(article, [item], None)
    assert problems == [] and resolved[0].span == Span(start, start + 18) and resolved[0].landing == "exact"


def test_a_position_past_the_code_point_length_is_no_reason_to_reject_a_quote_that_anchors():
    article = _article()
    end_units = _utf16(article.body, len(article.body))
    item = ImportedSpan(label="x", quote="triumph again", start=end_units - 14, end=end_units - 1)
    assert item.end > len(article.body)  # out of range in code points
    resolved, problems = resolve(article, [item], None)
    assert problems == [] and article.body[resolved[0].span.start:resolved[0].span.end] == "triumph again"
    far = ImportedSpan(label="x", quote="triumph again", start=10_000, end=10_013)
    resolved, problems = resolve(article, [far], None)
    assert problems == [] and resolved[0].landing == "moved"


def test_the_offsets_choose_the_copy_when_the_quote_repeats():
    article = _article()
    second = article.body.rindex("the deal was a triumph")
    for start in (second, _utf16(article.body, second)):
        item = ImportedSpan(label="x", quote="deal was a triumph", start=start + 4, end=start + 22)
        resolved, problems = resolve(article, [item], None)
        assert problems == [] and resolved[0].span.start == second + 4


def test_export_counts_code_points_and_keeps_context_within_32_utf16_units():
    lesson = next(iter(_astral_course().lessons.values()))
    exported = lesson_to_w3c(lesson)
    body = lesson.article.body
    for item in exported["first"]["items"]:
        quote, position = item["target"]["selector"]
        assert body[position["start"]:position["end"]] == quote["exact"]
        for context in (quote["prefix"], quote["suffix"]):
            assert len(context.encode("utf-16-le")) // 2 <= CONTEXT_UNITS
        assert body[:position["start"]].endswith(quote["prefix"])
        assert body[position["end"]:].startswith(quote["suffix"])
    again = read_w3c(json.dumps(exported))
    resolved, problems = resolve(lesson.article, again, None)
    assert problems == [] and [r.span for r in resolved] == [a.span for a in lesson.annotations]


def _astral_course():
    return load_course(CourseConfig(REPO / "tests/fixtures/interop/astral-course", "lessons", "lessons/techniques.yml"))
