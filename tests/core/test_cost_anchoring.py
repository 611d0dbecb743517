"""Anchoring at bounded cost gives exactly what the list-based rules gave, and its work is bounded.

The reference below is the straightforward reading of the contract (list every
candidate, filter, pick) on the dense offset list; the streamed implementation must
agree with it on every selector, including counts, candidates and hints.
"""

from __future__ import annotations

import bisect
import random

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from annotated_lessons.core.anchoring import (
    CANDIDATE_LIMIT,
    AnchorFailure,
    Disambiguation,
    SearchBudget,
    Selector,
    Span,
    _context_after,
    _context_before,
    anchor,
    count_matches,
    describe,
    disambiguate,
    find_all,
    iter_matches,
    search_closest,
)
from annotated_lessons.core.article import Article, parse_article
from annotated_lessons.core.normalise import normalise

from .test_cost_normalise import dense


def ref_find_all(haystack: str, needle: str) -> list[int]:
    found, index = [], haystack.find(needle)
    while index != -1:
        found.append(index)
        index = haystack.find(needle, index + 1)
    return found


def ref_span(offsets: list[int], start: int, length: int) -> Span:
    return Span(offsets[start], offsets[start + length - 1] + 1)


def ref_disambiguate(article: Article, span: Span) -> Disambiguation:
    text, offsets = dense(article.body)
    quote = normalise(article.body[span.start:span.end]).strip()
    starts = ref_find_all(text, quote)
    if len(starts) <= 1:
        return Disambiguation()
    target = bisect.bisect_left(offsets, span.start)
    if target not in starts:
        target = min(starts, key=lambda s: abs(offsets[s] - span.start))
    best, best_len = None, 1 << 30
    for words in range(1, 9):
        prefix = _context_before(text, target, words)
        if prefix and sum(text.endswith(prefix, 0, s) for s in starts) == 1 and len(prefix) < best_len:
            best, best_len = Disambiguation(prefix=prefix), len(prefix)
        suffix = _context_after(text, target + len(quote), words)
        if suffix and sum(text.startswith(suffix, s + len(quote)) for s in starts) == 1 and len(suffix) < best_len:
            best, best_len = Disambiguation(suffix=suffix), len(suffix)
        if best is not None:
            return best
    return Disambiguation(occurrence=starts.index(target) + 1)


def ref_anchor(article: Article, selector: Selector) -> Span | tuple[str, str, str | None, list[Span], int]:
    """The rules read literally; failures as (kind, message, hint, all candidates, count)."""
    text, offsets = dense(article.body)
    quote = normalise(selector.quote).strip()
    if not quote:
        return ("empty-quote", "", None, [], 0)
    starts = ref_find_all(text, quote)
    if not starts:
        return ("not-found", "", None, [], 0)
    kept = starts
    if selector.prefix is not None:
        prefix = normalise(selector.prefix)
        kept = [s for s in kept if text.endswith(prefix, 0, s)]
    if selector.suffix is not None:
        suffix = normalise(selector.suffix)
        kept = [s for s in kept if text.startswith(suffix, s + len(quote))]
    if not kept:
        spans = [ref_span(offsets, s, len(quote)) for s in starts]
        where = "; ".join(describe(article, span) for span in spans[:5])
        return ("filtered-out", f"the quote occurs {len(starts)} time(s) but none has the given prefix/suffix",
                f"the quote occurs at {where}; check the prefix and suffix against the article", spans, len(starts))
    if selector.occurrence is not None:
        if not 1 <= selector.occurrence <= len(kept):
            return ("occurrence-out-of-range",
                    f"occurrence {selector.occurrence} asked for, but only {len(kept)} match(es) remain",
                    f"use a number from 1 to {len(kept)}", [ref_span(offsets, s, len(quote)) for s in kept],
                    len(kept))
        kept = [kept[selector.occurrence - 1]]
    spans = [ref_span(offsets, s, len(quote)) for s in kept]
    if len(spans) > 1:
        lines = [f"{i}. {describe(article, span)}: {ref_disambiguate(article, span).describe()}"
                 for i, span in enumerate(spans[:10], 1)]
        more = [f"... and {len(spans) - 10} more"] if len(spans) > 10 else []
        return ("ambiguous", f"the quote matches {len(spans)} places in the article",
                "add a prefix, a suffix or an occurrence to choose one:\n" + "\n".join(lines + more), spans,
                len(spans))
    return spans[0]


PIECES = ["a", "b", "ab", " ", "  ", "\n", "\n\n", "\u2019", "'", "\u00a0", "\t"]
BODY = st.lists(st.sampled_from(PIECES), min_size=1, max_size=80).map(lambda p: "x" + "".join(p) + "z")
SHORT = st.lists(st.sampled_from(PIECES), max_size=5).map("".join)


@st.composite
def article_and_selector(draw):
    article, _ = parse_article(draw(BODY), "seeds/a.txt")
    body = article.body
    start = draw(st.integers(0, len(body) - 1))
    end = draw(st.integers(start + 1, min(len(body), start + 8)))
    quote = body[start:end] if draw(st.booleans()) else draw(SHORT)
    prefix = draw(st.none() | SHORT | st.just(body[max(0, start - 3):start]))
    suffix = draw(st.none() | SHORT | st.just(body[end:end + 3]))
    occurrence = draw(st.none() | st.integers(-1, 12))
    return article, Selector(quote, prefix, suffix, occurrence)


@settings(max_examples=600, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(article_and_selector())
def test_streamed_anchoring_equals_the_list_semantics(case):
    article, selector = case
    got, expected = anchor(article, selector), ref_anchor(article, selector)
    if isinstance(expected, Span):
        assert got == expected
        return
    assert isinstance(got, AnchorFailure)
    kind, message, hint, candidates, count = expected
    assert got.kind == kind
    if kind in ("empty-quote", "not-found"):
        return
    assert (got.message, got.hint, got.count) == (message, hint, count)
    assert got.candidates == candidates[:CANDIDATE_LIMIT]


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(article_and_selector())
def test_disambiguation_equals_the_list_semantics(case):
    article, selector = case
    body = article.body
    for span in [Span(i, j) for i in range(0, len(body), 3) for j in (i + 1, i + 4) if j <= len(body)][:12]:
        if not normalise(body[span.start:span.end]).strip():
            continue
        assert disambiguate(article, span) == ref_disambiguate(article, span)


@given(st.text("ab", max_size=30), st.text("ab", min_size=1, max_size=4), st.integers(0, 32))
def test_match_helpers_agree_with_the_plain_loop(haystack, needle, end):
    every = ref_find_all(haystack, needle)
    assert find_all(haystack, needle) == every
    assert list(iter_matches(haystack, needle, end)) == [s for s in every if s + len(needle) <= end]
    assert count_matches(haystack, needle) == len(every)
    assert count_matches(haystack, needle, limit=2) == min(2, len(every))


def test_a_one_letter_quote_in_a_long_article_keeps_a_bounded_candidate_list():
    body = "Headline\n\n" + "the cat sat on the mat. " * 40_000  # ~1 MB, 'a' occurs 120,000 times
    article, _ = parse_article(body, "seeds/long.txt")
    result = anchor(article, Selector("a"))
    assert isinstance(result, AnchorFailure) and result.kind == "ambiguous"
    assert result.count == body.count("a") and len(result.candidates) == CANDIDATE_LIMIT
    assert f"matches {body.count('a')} places" in result.message and "... and" in (result.hint or "")
    last = anchor(article, Selector("a", occurrence=result.count))
    assert isinstance(last, Span) and article.body[last.start:last.end] == "a" and last.start == body.rfind("a")


# The closest-passage search -------------------------------------------------------------------

def words_article(count: int, seed: int = 1) -> str:
    rng = random.Random(seed)
    vocabulary = ["".join(rng.choice("abcdefghijklmnopqrstuvwxyz") for _ in range(rng.randint(2, 9)))
                  for _ in range(800)]
    return " ".join(rng.choice(vocabulary) for _ in range(count))


def test_a_typo_still_finds_the_passage_and_the_first_difference():
    body = words_article(3000)
    words = body.split()
    passage = " ".join(words[1200:1212])
    typo = passage[:30] + ("x" if passage[30] != "x" else "y") + passage[31:]
    article, _ = parse_article("Headline\n\n" + body, "seeds/a.txt")
    result = anchor(article, Selector(typo))
    assert isinstance(result, AnchorFailure) and result.kind == "not-found"
    assert f'"{passage}"' in (result.hint or "")
    assert "first difference at character 31" in (result.hint or "")


def test_a_changed_word_still_finds_the_passage():
    body = words_article(3000, seed=2)
    words = body.split()
    changed = " ".join(words[500:510] + ["replacement"] + words[511:520])
    article, _ = parse_article("Headline\n\n" + body, "seeds/a.txt")
    result = anchor(article, Selector(changed))
    assert isinstance(result, AnchorFailure) and result.kind == "not-found"
    assert " ".join(words[500:510]) in (result.hint or "") and "% similar" in (result.hint or "")


def test_the_search_never_spends_more_than_its_budget():
    text = words_article(20_000)
    rng = random.Random(3)
    vocabulary = sorted(set(text.split()))
    budget = SearchBudget()
    for words in (20, 200, 2000):
        quote = " ".join(rng.choice(vocabulary) for _ in range(words))
        search = search_closest(text, quote, budget)
        assert search.scanned <= budget.scan + 16 and search.compared <= budget.compare
    long_quote = " ".join(rng.choice(vocabulary) for _ in range(2000))
    search = search_closest(text, long_quote)
    assert search.passage is None
    # A quote this long cannot be scored within the budget: the search says so instead of trying.
    assert search.exhausted or search.compared == 0


def test_a_long_quote_over_budget_says_so():
    body = words_article(5000)
    words = body.split()
    quote = " ".join(words[100:2100]).replace(words[1000], "zzzz", 1)
    article, _ = parse_article("Headline\n\n" + body, "seeds/a.txt")
    result = anchor(article, Selector(quote))
    assert isinstance(result, AnchorFailure) and result.kind == "not-found"
    assert "within the search budget" in (result.hint or "")


def test_search_work_grows_linearly_with_the_article():
    quote = "qqqq wwww eeee rrrr tttt yyyy uuuu"  # no piece of it is in the article
    small = search_closest(words_article(5_000), quote)
    large = search_closest(words_article(10_000), quote)
    assert small.passage is None and large.passage is None and not large.exhausted
    assert large.scanned <= 2.2 * small.scanned
    assert small.compared == large.compared == 0


def test_pathological_strings_are_charged_not_run_unbounded():
    # Few distinct characters make difflib's inner loop as long as it can be; the charge bounds it.
    budget = SearchBudget(compare=200_000)
    search = search_closest("ab" * 50_000, "ba" * 300 + "c" + "ab" * 300, budget)
    assert search.compared <= budget.compare
