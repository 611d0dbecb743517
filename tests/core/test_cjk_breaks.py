"""A line break between two CJK characters stays in the article text but sits in an ``al-cjk-break`` span.

Chromium shows a line break as a space ("中 国"), which Chinese and Japanese never have; the
page contract wants the article element's text to be the body exactly, so the break is
kept, wrapped, and the stylesheet hides it (tests/browser/test_rtl_layout.py looks at it).
"""

from __future__ import annotations

import re
from dataclasses import replace

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from annotated_lessons.core.anchoring import Selector, Span
from annotated_lessons.core.article import parse_article
from annotated_lessons.core.lesson import Annotation, Lesson
from annotated_lessons.core.render import cjk_line_breaks, passage_text, render_article

from .html_walk import walk
from .test_render_properties import CATALOGUE

BREAK = re.compile(r'<span class="al-cjk-break">(.*?)</span>', re.S)


def lesson_of(raw: str, spans: list[tuple[int, int]] = ()) -> Lesson:
    article, _ = parse_article(raw, "seeds/a.txt")
    annotations = [replace(Annotation(id=f"a{i}", kind="technique", technique="t-one", selector=Selector("x"),
                                      span=Span(s, e), note="n"), number=i + 1) for i, (s, e) in enumerate(spans)]
    return Lesson(slug="s", path="lessons/s.yml", title="T", summary="S", article=article, annotations=annotations)


def article_text(html: str) -> str:
    """What ``textContent`` of the article element is, minus the text between paragraphs the markup adds."""
    return "".join(c.text for c in walk(html) if not c.ui and c.paragraph is not None)


def test_a_line_break_between_han_characters_is_wrapped_and_kept():
    lesson = lesson_of("标题\n\n港口将在月底前\n重新开放。一位官员说：「灾难」，\n如果工程")
    html = render_article(lesson, CATALOGUE)
    assert BREAK.findall(html) == ["\n", "\n"]
    assert "月底前<span class=\"al-cjk-break\">\n</span>重新" in html
    assert "，<span class=\"al-cjk-break\">\n</span>如果" in html  # full-width punctuation is CJK too
    assert article_text(html) == "标题港口将在月底前\n重新开放。一位官员说：「灾难」，\n如果工程"


def test_kana_and_surrounding_spaces_of_the_break_are_wrapped_together():
    html = render_article(lesson_of("見出し\n\nこれは  \n  テストです"), CATALOGUE)
    assert BREAK.findall(html) == ["  \n  "]


def test_breaks_next_to_latin_text_and_spaces_typed_on_one_line_are_left_alone():
    html = render_article(lesson_of("Title\n\n中文 English\n中文 中\u3000国 end\n文"), CATALOGUE)
    assert "al-cjk-break" not in html  # Latin on one side, or a space the author typed (even ideographic)
    assert not cjk_line_breaks("no CJK at all\nhere").starts


def test_a_highlight_across_the_break_covers_it_and_keeps_the_text():
    raw = "标题\n\n港口将在月底前 \n重新开放"
    lesson = lesson_of(raw)
    body = lesson.article.body
    start, end = body.index("月底"), body.index("开放")
    html = render_article(lesson_of(raw, [(start, end), (body.index("\n", start), end)]), CATALOGUE)
    covered = [c for c in walk(html) if c.ids and not c.ui]
    assert "".join(c.text for c in covered) == body[start:end]
    assert BREAK.findall(html) == [" ", "\n"]  # split where the second annotation starts, each piece wrapped
    assert article_text(html) == "标题" + body[body.index("港"):]


CJK_ALPHABET = st.sampled_from(["中", "国", "。", "，", "「", "」", "カ", "a", " ", "\n", " \n ", "\n\n", "\u3000"])


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(CJK_ALPHABET, min_size=1, max_size=60).map("".join), st.data())
def test_the_article_text_is_the_body_whatever_breaks_and_spans(raw, data):
    article, _ = parse_article("题\n\n文" + raw + "字", "seeds/a.txt")
    positions = [i for i, c in enumerate(article.body) if not c.isspace()]
    spans = sorted({tuple(sorted(data.draw(st.tuples(st.sampled_from(positions), st.sampled_from(positions)))))
                    for _ in range(data.draw(st.integers(0, 5)))})
    lesson = lesson_of("题\n\n文" + raw + "字", [(s, e + 1) for s, e in spans])
    html = render_article(lesson, CATALOGUE)
    expected = "".join(article.body[s:e] for s, e in article.paragraphs)
    assert article_text(html) == expected
    for hidden in BREAK.findall(html):
        assert hidden.strip() == "" and re.search(r"[\n\r]", hidden)


def test_a_quoted_passage_in_a_note_drops_the_break_as_the_page_does():
    raw = "标题\n\n港口将在月底前\n重新开放。\n如果 on\nLatin 的\n a"
    lesson = lesson_of(raw)
    body = lesson.article.body
    lesson = lesson_of(raw, [(body.index("月"), len(body))])
    assert passage_text(lesson, lesson.annotations[0]) == "月底前重新开放。如果 on Latin 的 a"
