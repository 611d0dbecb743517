"""Property tests: rendering keeps the article exactly and segments cover exactly each span."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from annotated_lessons.core.anchoring import Selector, Span, anchor, disambiguate
from annotated_lessons.core.article import parse_article
from annotated_lessons.core.catalogue import parse_catalogue
from annotated_lessons.core.lesson import Annotation, Lesson
from annotated_lessons.core.render import render_article

from .html_walk import visible_text, walk

CATALOGUE, _ = parse_catalogue(
    "techniques:\n  - {id: t-one, name: One, summary: s}\n  - {id: t-two, name: Two, summary: s}\n", "t.yml")

ALPHABET = st.sampled_from(list("ab<>&\"'’“é ") + ["\n", "\n\n", " \n \n", "\u00a0", "\t"])
texts = st.lists(ALPHABET, min_size=1, max_size=120).map("".join).map(lambda t: "x" + t + "z")


def non_space_positions(body: str) -> list[int]:
    return [i for i, c in enumerate(body) if not c.isspace()]


@st.composite
def article_and_spans(draw):
    raw = draw(texts)
    article, _ = parse_article(raw, "seeds/a.txt")
    positions = non_space_positions(article.body)
    spans = []
    for _ in range(draw(st.integers(0, 8))):
        a = draw(st.sampled_from(positions))
        b = draw(st.sampled_from(positions))
        start, last = min(a, b), max(a, b)
        spans.append(Span(start, last + 1))
    return article, spans


def lesson_for(article, spans) -> Lesson:
    annotations = [
        Annotation(id=f"a{i}", kind="technique" if i % 3 else "clean", technique="t-one" if i % 2 else "t-two",
                   selector=Selector("x"), span=span, note="n")
        for i, span in enumerate(spans)
    ]
    annotations.sort(key=lambda a: (a.span.start, -a.span.end))
    from dataclasses import replace

    annotations = [replace(a, number=n) for n, a in enumerate(annotations, 1)]
    return Lesson(slug="s", path="lessons/s.yml", title="T", summary="S", article=article, annotations=annotations)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(article_and_spans())
def test_rendering_keeps_the_text_and_covers_each_span_exactly(case):
    article, spans = case
    lesson = lesson_for(article, spans)
    html = render_article(lesson, CATALOGUE)

    # Nothing dropped, added or reordered: the element's whole text, controls included (they
    # have none), is the body exactly, blank lines between paragraphs and all.
    assert "".join(c.text for c in walk(html)) == article.body
    assert visible_text(html) == " ".join(article.body.split())

    # Each paragraph's chunks are exactly that paragraph's text, so chunk offsets are body offsets.
    chunks = [c for c in walk(html) if not c.ui and c.paragraph is not None]
    covered: dict[str, set[int]] = {a.id: set() for a in lesson.annotations}
    cursor = {i: start for i, (start, _) in enumerate(article.paragraphs)}
    for chunk in chunks:
        start = cursor[chunk.paragraph]
        assert article.body.startswith(chunk.text, start)
        for ann_id in chunk.ids:
            covered[ann_id].update(range(start, start + len(chunk.text)))
        cursor[chunk.paragraph] = start + len(chunk.text)
    assert cursor == {i: end for i, (_, end) in enumerate(article.paragraphs)}

    inside = set()
    for start, end in article.paragraphs:
        inside.update(range(start, end))
    for a in lesson.annotations:
        assert covered[a.id] == set(range(a.span.start, a.span.end)) & inside, a.id

    # One marker per annotation, numbered in reading order.
    assert html.count('class="al-marker"') == len(spans)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(article_and_spans())
def test_any_passage_can_be_anchored_back_exactly(case):
    article, spans = case
    for span in spans:
        choice = disambiguate(article, span)
        result = anchor(article, Selector(article.body[span.start:span.end], **choice.fields()))  # type: ignore[arg-type]
        assert result == span
