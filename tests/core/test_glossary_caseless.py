"""The glossary check folds a long article a chunk at a time, and finds exactly what folding it whole finds."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from annotated_lessons.core import lesson as lesson_module

#: Letters whose folding changes length (ß, İ, ﬁ, ŉ) beside plain ones, so matches straddle chunk edges.
LETTERS = st.sampled_from(list("asSfiI\u00df\u0130\ufb01\u0149n\u1e9e "))


@given(text=st.text(LETTERS, max_size=40), term=st.text(LETTERS, min_size=1, max_size=5),
       chunk=st.integers(min_value=1, max_value=7))
def test_chunked_fold_agrees_with_folding_the_whole_text(text, term, chunk):
    assert lesson_module._contains_caseless(text, term, chunk) == (term.casefold() in text.casefold())


def test_a_term_across_a_chunk_edge_is_found():
    assert lesson_module._contains_caseless("abcSTRASSEdef", "straße", chunk=4)
    assert not lesson_module._contains_caseless("abcSTRASdef", "straße", chunk=4)


def test_an_empty_article_has_no_term():
    assert not lesson_module._contains_caseless("", "term")
