"""The sparse offset map behaves exactly as the dense list of one offset per character it replaced."""

from __future__ import annotations

import bisect
import re

from hypothesis import given, settings
from hypothesis import strategies as st

from annotated_lessons.core.characters import is_cjk
from annotated_lessons.core.normalise import (
    _QUOTES,
    DOUBLE_QUOTES,
    SINGLE_QUOTES,
    fold_quotes,
    normalise,
    normalise_with_map,
)


def dense(text: str) -> tuple[str, list[int]]:
    """The plain construction: one entry per normalised character, plus the end.

    Each whitespace run becomes one space, or nothing when the characters on both sides
    of it are CJK (looked at before quotes are folded: 「 is CJK punctuation).
    """
    folded = text.translate(_QUOTES)
    parts: list[str] = []
    offsets: list[int] = []
    last = 0
    for match in re.finditer(r"\s+", folded):
        start, end = match.span()
        parts.append(folded[last:start])
        offsets.extend(range(last, start))
        last = end
        if start > 0 and end < len(text) and is_cjk(text[start - 1]) and is_cjk(text[end]):
            continue
        parts.append(" ")
        offsets.append(start)
    parts.append(folded[last:])
    offsets.extend(range(last, len(folded)))
    offsets.append(len(folded))
    return "".join(parts), offsets


TEXT = st.lists(st.sampled_from(["a", "b", "é", "\u2019", "\u201c", " ", "  ", "\n", "\n\n", "\t", "\u00a0",
                                 " \n \n ", "\u3000", "中", "か", "カ", "。", "「", "」", "«", "\u05f4"]),
                max_size=60).map("".join)


@settings(max_examples=400, deadline=None)  # no timing asserts: a loaded machine is not a failure
@given(TEXT)
def test_sparse_map_equals_the_dense_list(text):
    normalised, offsets = normalise_with_map(text)
    expected_text, expected = dense(text)
    assert normalised == expected_text
    assert len(offsets) == len(expected)
    assert list(offsets) == expected
    assert offsets[-1] == expected[-1]


@settings(max_examples=400, deadline=None)  # no timing asserts: a loaded machine is not a failure
@given(TEXT, st.data())
def test_inverse_lookup_equals_bisect_on_the_dense_list(text, data):
    _, offsets = normalise_with_map(text)
    _, expected = dense(text)
    for offset in range(-1, len(text) + 2):
        assert offsets.index_of(offset) == bisect.bisect_left(expected, offset), offset


def test_map_size_counts_only_runs_that_shift():
    # Single spaces and single newlines keep offsets: no entry. Only the blank lines do.
    text = ("word " * 1000 + "\n\n") * 50
    normalised, offsets = normalise_with_map(text)
    assert normalised == normalise(text)
    assert offsets.runs == 50
    assert offsets[len(normalised)] == len(text)


@settings(deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab \n\t\u00a0\u2028\u3000\x1c\x85'\"") + list(SINGLE_QUOTES + DOUBLE_QUOTES))))
def test_fast_normalisation_equals_the_plain_definition(text):
    assert fold_quotes(text) == text.translate(_QUOTES)
    assert normalise(text) == dense(text)[0]


@settings(max_examples=200, deadline=None)  # no timing asserts: a loaded machine is not a failure
@given(TEXT, st.integers(1, 7))
def test_collapsing_in_chunks_equals_collapsing_at_once(text, chunk):
    import annotated_lessons.core.normalise as module

    whole = re.sub(r"\s+", " ", text)
    saved = module.CHUNK
    module.CHUNK = chunk  # tiny chunks put boundaries inside and around every run
    try:
        assert module._collapse_spaces(text) == whole
        assert normalise_with_map(text)[0] == dense(text)[0]
    finally:
        module.CHUNK = saved
