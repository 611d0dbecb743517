"""Import from brat, PTC-style spans and Hypothesis; export to W3C; the round trip."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from annotated_lessons.core import CourseConfig, load_course
from annotated_lessons.core.anchoring import Span, anchor
from annotated_lessons.core.article import parse_article
from annotated_lessons.core.interop import (
    ImportedSpan,
    lesson_to_w3c,
    lesson_yaml,
    read_brat,
    read_ptc,
    read_w3c,
    resolve,
)
from annotated_lessons.core.lesson import parse_lesson

REPO = Path(__file__).resolve().parents[2]
FIXTURES = REPO / "tests" / "fixtures" / "interop"
SEED = "seeds/urgent-peace-efforts-donbass.txt"


@pytest.fixture(scope="module")
def course():
    return load_course(CourseConfig(REPO, "lessons", "lessons/techniques.yml"))


@pytest.fixture(scope="module")
def article(course):
    return course.lessons["reading-the-whole-article"].article


def _quotes(article, resolved):
    return {article.body[r.span.start:r.span.end]: r for r in resolved}


def test_brat_spans_and_notes(article, course):
    ann = (FIXTURES / "donbass.ann").read_text(encoding="utf-8")
    items = read_brat(ann, "donbass.ann")
    assert [i.label for i in items] == ["Loaded_Language", "Name_Calling-Labeling", "insider-access", "Clean"]
    resolved, problems = resolve(article, items, course.catalogue, (FIXTURES / "donbass.txt").read_text("utf-8"))
    assert problems == []
    found = _quotes(article, resolved)
    assert found["alarmist rhetoric"].technique == "loaded-qualifier"  # Loaded_Language, through maps_to
    assert found["alarmist rhetoric"].source.note == "The warning is labelled instead of answered."
    assert found["the prevailing narrative of confrontation"].technique == "labelling-critics"
    assert found["Within the closed circles of the Kremlin"].technique == "insider-access"
    assert found["Hungarian Prime Minister Viktor Orban, who suggested"].source.clean


def test_brat_offsets_into_a_text_that_differs_from_the_article(article, course):
    """A brat .txt with a header of its own: spans are found by their words and context, not raw offsets."""
    text = "SOURCE: archived copy\n\n" + (FIXTURES / "donbass.txt").read_text("utf-8")
    start = text.index("working tirelessly")
    items = read_brat(f"T1\tLoaded_Language {start} {start + 18}\tworking tirelessly\n", "x.ann")
    resolved, problems = resolve(article, items, course.catalogue, text)
    assert problems == []
    assert article.body[resolved[0].span.start:resolved[0].span.end] == "working tirelessly"
    assert resolved[0].technique == "loaded-qualifier"


def test_ptc_spans_with_a_header_and_an_ambiguous_word(article, course):
    items = read_ptc((FIXTURES / "donbass-spans.tsv").read_text("utf-8"), "donbass-spans.tsv")
    assert len(items) == 4
    # A SemEval label, not a catalogue id: it reaches the technique only through maps_to.
    assert items[0].label == "Appeal_to_Fear-Prejudice" not in course.catalogue.techniques
    assert ("semeval2023", "Appeal_to_Fear-Prejudice") in course.catalogue.techniques["appeal-to-fear"].maps_to
    resolved, problems = resolve(article, items, course.catalogue)
    assert problems == []
    by_quote = _quotes(article, resolved)
    assert by_quote["Urgent Peace Efforts"].technique == "appeal-to-fear"
    narrative = by_quote["narrative"]
    assert narrative.selector.prefix or narrative.selector.suffix or narrative.selector.occurrence
    assert anchor(article, narrative.selector) == narrative.span
    assert article.body[narrative.span.start - 15:narrative.span.start] == "the prevailing "


def test_ptc_errors_name_the_line():
    with pytest.raises(ValueError, match=r"spans.tsv:2: expected 4 tab-separated fields"):
        read_ptc("id\ttechnique\tstart\tend\n0001\tLoaded_Language\t5\n", "spans.tsv")


def test_hypothesis_export_quote_wins_over_stale_positions(article, course):
    items = read_w3c((FIXTURES / "hypothesis-export.json").read_text("utf-8"), "hypothesis-export.json")
    resolved, problems = resolve(article, items, course.catalogue)
    assert problems == []
    found = _quotes(article, resolved)
    assert found["a firm but measured response"].technique == "loaded-qualifier"
    assert found["a firm but measured response"].source.note == "Praise for the response, not a report of it."
    assert found["peace and protection remains a cornerstone"].technique == "appeal-to-values"
    crossing = next(r for q, r in found.items() if q.startswith("conflict."))
    assert "\n\n" in article.body[crossing.span.start:crossing.span.end]  # the span crosses two paragraphs
    assert crossing.technique == "omitted-context"


def test_unknown_technique_and_missing_passage_are_reported(article, course):
    items = [ImportedSpan(label="Whataboutism", quote="alarmist rhetoric", where="f.json annotation 1"),
             ImportedSpan(label="Loaded_Language", quote="words that are not there", where="f.json annotation 2")]
    resolved, problems = resolve(article, items, course.catalogue)
    assert len(resolved) == 1 and resolved[0].technique is None
    assert any("f.json annotation 1" in p and "'Whataboutism' is not in the catalogue" in p for p in problems)
    assert any("f.json annotation 2" in p and "not in the article" in p for p in problems)


def test_w3c_export_shape(course):
    lesson = course.lessons["sourcing-and-voices"]
    data = lesson_to_w3c(lesson, "https://example.org/lessons/sourcing-and-voices/")
    assert data["@context"][0] == "http://www.w3.org/ns/anno.jsonld" and data["@context"][1]["al"]
    assert data["type"] == "AnnotationCollection" and data["total"] == len(lesson.annotations)
    first = data["first"]["items"][0]
    assert first["id"] == "https://example.org/lessons/sourcing-and-voices/#ann-russia-ukraine-crisis"
    quote, position = first["target"]["selector"]
    assert quote["type"] == "TextQuoteSelector" and quote["exact"] == "Russia-Ukraine Crisis"
    body = lesson.article.body
    assert body[position["start"]:position["end"]] == quote["exact"]
    assert body[:position["start"]].endswith(quote["prefix"]) and body[position["end"]:].startswith(quote["suffix"])
    assert {b["purpose"] for b in first["body"]} >= {"tagging", "commenting"}
    clean = [i for i in data["first"]["items"] if i["motivation"] == "assessing"]
    written = yaml.safe_load((REPO / lesson.path).read_text(encoding="utf-8"))["clean"]
    assert len(clean) == len(lesson.clean_passages) == len(written) > 0
    assert sorted(i["target"]["selector"][0]["exact"] for i in clean) == sorted(c["quote"] for c in written)


def _round_trip(course, lesson):
    exported = json.dumps(lesson_to_w3c(lesson))
    resolved, problems = resolve(lesson.article, read_w3c(exported), course.catalogue)
    assert problems == []
    text = lesson_yaml(resolved, lesson.article, lesson.article.path, lesson.title)
    again, diagnostics = parse_lesson(text, "imported.yml", "imported", course.catalogue,
                                      lambda _: lesson.article)
    assert [d for d in diagnostics if d.is_error] == []
    return again, text


@pytest.mark.parametrize("slug", ["reading-the-whole-article", "insider-access-and-verification",
                                  "sourcing-and-voices", "loaded-language-and-framing"])
def test_round_trip_gives_back_the_same_spans(course, slug):
    lesson = course.lessons[slug]
    again, text = _round_trip(course, lesson)
    assert [(a.span, a.kind, a.technique) for a in again.annotations] == \
        [(a.span, a.kind, a.technique) for a in lesson.annotations]
    assert [a.note for a in again.annotations] == [a.note for a in lesson.annotations]
    data = yaml.safe_load(text)
    assert data["article_sha256"] and all("at" in a for a in data["annotations"])


WORDS = st.sampled_from(["peace", "the", "West", "Kremlin", "said", "war", "talks", "Orban", "“quote”", "é", "😀"])


@settings(max_examples=40, deadline=None)
@given(paragraphs=st.lists(st.lists(WORDS, min_size=3, max_size=12), min_size=2, max_size=5), data=st.data())
def test_any_span_survives_export_and_import(paragraphs, data):
    body = "Headline words\n\n" + "\n\n".join(" ".join(p) for p in paragraphs)
    article, _ = parse_article(body, "a.txt")
    words = [(m_start, m_start + len(w)) for m_start, w in _word_spans(article.body)]
    i = data.draw(st.integers(0, len(words) - 1))
    j = data.draw(st.integers(i, min(len(words) - 1, i + 6)))
    span = Span(words[i][0], words[j][1])
    item = ImportedSpan(label="x", start=span.start, end=span.end)
    resolved, problems = resolve(article, [item], None)
    assert problems == [] and resolved[0].span == span
    assert anchor(article, resolved[0].selector) == span


def _word_spans(text):
    import re

    return [(m.start(), m.group()) for m in re.finditer(r"\S+", text)]
