"""The Python reference for turning a selection into a selector: snapping, the quote, the view."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from annotated_lessons.core.anchoring import Selector, Span, anchor, disambiguate
from annotated_lessons.core.article import Article, parse_article
from annotated_lessons.core.selection import (
    passage_quote,
    selection,
    selection_view,
    selection_view_json,
    selector_for,
    snap,
)

from ..example_course import REPO


def article_of(body: str) -> Article:
    article, _ = parse_article("Headline\n\n" + body + "\n", "seeds/a.txt")
    return article


def at(article: Article, text: str, nth: int = 1) -> Span:
    start = -1
    for _ in range(nth):
        start = article.body.index(text, start + 1)
    return Span(start, start + len(text))


@pytest.mark.parametrize(("body", "selected", "snapped"), [
    ("The plan was reckless.", " plan was ", "plan was"),  # whitespace left out
    ("Le café\u0301 ferme.", "caf", "caf"),
    ("Ein q\u0301 hier.", "q", "q\u0301"),  # widened over the accent (no precomposed q with acute)
    ("Flags 🇸🇪🇺🇸 here.", "🇸🇪🇺", "🇸🇪🇺🇸"),
    ("नमस्ते दुनिया", "नम", "नम"),
    ("नमस्ते दुनिया", "नमस", "नमस्ते"),
])
def test_snap_trims_whitespace_and_widens_to_whole_clusters(body: str, selected: str, snapped: str) -> None:
    article = article_of(body)
    start = article.body.index(selected)
    span = snap(article, start, start + len(selected))
    assert span is not None and article.body[span.start:span.end] == snapped


def test_a_cluster_that_starts_or_ends_with_whitespace_is_left_out() -> None:
    article = article_of("a \u0301b c\u0600 d")
    body = article.body
    span = snap(article, body.index("\u0301"), body.index("b") + 1)
    assert span is not None and body[span.start:span.end] == "b"
    span = snap(article, body.index("c"), body.index("\u0600") + 2)
    assert span is not None and body[span.start:span.end] == "c"


def test_nothing_is_left_of_whitespace_and_offsets_are_clamped() -> None:
    article = article_of("one  \n two")
    assert snap(article, article.body.index("one") + 3, article.body.index("two")) is None
    assert snap(article, 5, 5) is None
    whole = snap(article, 10**9, -5)
    assert whole == Span(0, len(article.body.rstrip()))


def test_the_quote_keeps_the_articles_characters_and_reads_its_spacing_as_anchoring_does() -> None:
    article = article_of("He said\u00a0\u201cno\u201d,\n\tand  left. 中文\n中文 X")
    span = snap(article, article.body.index("said"), article.body.index("X"))
    assert span is not None
    assert passage_quote(article, span) == "said \u201cno\u201d, and left. 中文中文"


def test_a_space_is_kept_where_dropping_it_would_compose_the_quote_differently() -> None:
    article = article_of("か\n\u3099中")
    span = snap(article, 0, len(article.body))
    assert span is not None
    assert passage_quote(article, span) == "Headline か \u3099中"
    assert anchor(article, selector_for(article, span)) == span


@pytest.mark.parametrize("body", ["Xか\n\u3099中 Yか\n\u3099中", "中か\n\u3099中か\n\u3099中", "か\n\u3099中。か\n\u3099中。"])
def test_no_context_is_proposed_across_a_dropped_gap_before_a_combining_mark(body: str) -> None:
    """Regression: such a context normalises to a composed character the article lacks, and never matched."""
    article = article_of(body)
    for nth in (1, 2):
        span = at(article, "中", nth)
        choice = disambiguate(article, span)
        assert anchor(article, Selector("中", **choice.fields())) == span  # type: ignore[arg-type]


def test_a_quote_across_a_middle_dot_before_cjk_text_anchors() -> None:
    """Regression: the middle dot counts as CJK, but the article's view missed it (it is below U+0300)."""
    article = article_of("· 中文")
    span = at(article, "· 中")
    assert anchor(article, Selector("· 中")) == span
    assert anchor(article, selector_for(article, span)) == span


def test_selection_gives_the_shortest_disambiguation() -> None:
    article = article_of("The plan was a plan. Critics said the plan was reckless.")
    second = at(article, "plan", 2)
    assert selection(article, second.start, second.end) == {"start": second.start, "end": second.end,
                                                            "quote": "plan", "suffix": "."}
    once = at(article, "reckless")
    assert selection(article, once.start - 1, once.end) == {"start": once.start, "end": once.end,
                                                                "quote": "reckless"}


def test_the_view_is_small_and_holds_no_cluster_data_for_a_latin_article() -> None:
    seed = REPO / "seeds" / "urgent-peace-efforts-donbass.txt"
    article, _ = parse_article(seed.read_text(encoding="utf-8"), str(seed))
    view = selection_view(article)
    size = len(json.dumps(view, ensure_ascii=False, separators=(",", ":")).encode("utf-8"))
    assert view["body_inner"] == view["text_inner"] == view["gaps"] == [] and view["cjk"] == ""
    assert size < 1.15 * len(article.body.encode("utf-8"))


def test_the_view_counts_in_utf16_and_lists_only_real_cluster_insides() -> None:
    article = article_of("𠀀x q\u0301 🇸🇪")
    view = selection_view(article)
    # "Headline\n\n𠀀x q\u0301 🇸🇪\n": the accent at unit 15; the flag's units 17-20, inside it 18, 19, 20.
    # The middle of 𠀀 (unit 11) is left to the browser, which sees surrogate pairs itself.
    assert view["body_inner"] == [15, 1, 2, 3]
    assert view["text_inner"] == [14, 1, 2, 3]  # the same, one unit earlier once the blank line is one space
    assert view["text"] == "Headline 𠀀x q\u0301 🇸🇪 " and view["cjk"] == "𠀀"
    assert view["map"] == [9, 1]  # one run of two whitespace characters, after the headline


def test_the_example_courses_articles_round_trip_every_word(tmp_path: Path) -> None:
    for seed in sorted((REPO / "seeds").glob("*.txt")):
        article, _ = parse_article(seed.read_text(encoding="utf-8"), str(seed))
        starts = [i for i in range(1, len(article.body)) if article.body[i - 1].isspace() and
                  not article.body[i].isspace()][::7]
        for start in starts:
            end = article.body.find(" ", start)
            span = snap(article, start, end)
            assert span is not None
            assert anchor(article, selector_for(article, span)) == span


def test_the_view_as_json_cannot_end_its_script_element() -> None:
    article = article_of("</script><script>alert(1)</script> &amp; \u2029 x")
    text = selection_view_json(article)
    assert "<" not in text and ">" not in text and "&" not in text and "\u2029" not in text
    assert json.loads(text) == selection_view(article)
