"""Grapheme clusters are found at bounded cost: each stretch of joined characters is segmented once,
however many matches land in it, and an article without joiners is never segmented at all."""

from __future__ import annotations

from annotated_lessons.core.anchoring import AnchorFailure, Candidates, Selector, Span, anchor
from annotated_lessons.core.article import parse_article
from annotated_lessons.core.graphemes import Clusters, clusters_of

EMOJI = "👨\u200d👩\u200d👧 👍🏽👍 🇺🇸🇪🇺 "


def test_many_matches_in_emoji_sequences_segment_each_region_once():
    body = "Emoji\n\n" + EMOJI * 5_000 + "\n"
    article, _ = parse_article(body, "seeds/emoji.txt")
    result = anchor(article, Selector("👍"))
    # "👍" occurs 10,000 times, half of them inside "👍🏽": only the standalone ones count.
    assert isinstance(result, AnchorFailure) and result.kind == "ambiguous" and result.count == 5_000
    last = anchor(article, Selector("👍", occurrence=5_000))
    assert isinstance(last, Span) and last.start == article.body.rindex("👍")
    clusters = clusters_of(article.body)
    assert clusters.work <= 3 * len(article.body)


def test_a_huge_run_of_marks_is_segmented_once_for_all_its_candidates():
    body = "Marks\n\na" + "\u0301" * 100_000 + "\n\u0301 b\n"  # after a line break a mark stands alone
    article, _ = parse_article(body, "seeds/zalgo.txt")
    result = anchor(article, Selector("\u0301"))  # 100,001 raw matches, one of them a cluster of its own
    assert isinstance(result, Span) and result.start == article.body.rindex("\u0301")
    assert clusters_of(article.body).work <= 3 * len(article.body)


def test_an_article_without_joiners_is_never_segmented():
    body = "Headline\n\n" + "the cat\u2019s mat. " * 20_000
    article, _ = parse_article(body, "seeds/long.txt")
    assert isinstance(anchor(article, Selector("a")), AnchorFailure)
    candidates = Candidates(article)
    assert candidates.clusters.trivial and candidates.clusters.work == 0


def test_boundary_queries_in_reading_order_cost_linear_work():
    text = "क्षि" * 20_000
    clusters = Clusters(text)
    assert sum(clusters.is_boundary(p) for p in range(len(text) + 1)) == 20_001
    assert clusters.work <= 3 * len(text)
