"""``lessons export`` then ``lessons import`` gives back the lesson: every field, for any lesson.

"The same lesson" is judged on the lesson as the course reads it (every field of the
lesson, of each annotation and fair passage, each selector as written, ``at``), which is
the identity up to YAML formatting: key order, quoting, an explicit id equal to the one
the quote would give by default.
"""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from annotated_lessons.cli.main import main
from annotated_lessons.core import CourseConfig, load_course
from annotated_lessons.core.anchoring import Selector, Span, anchor
from annotated_lessons.core.article import parse_article
from annotated_lessons.core.interop import lesson_to_w3c, lesson_yaml, read_w3c_document, resolve
from annotated_lessons.core.interop.vocabulary import CONTEXT, imported_fields
from annotated_lessons.core.lesson import Lesson, parse_lesson
from annotated_lessons.core.provenance import article_digest

from ..example_course import copy_example

REPO = Path(__file__).resolve().parents[2]
COURSE = load_course(CourseConfig(REPO, "lessons", "lessons/techniques.yml"))
EXAMPLES = sorted(COURSE.lessons)


def model(lesson: Lesson) -> dict[str, Any]:
    """Everything a lesson says, without where its file is or on which line each annotation was written."""
    data = {f.name: getattr(lesson, f.name) for f in dataclasses.fields(lesson) if f.name not in ("path", "slug")}
    data["article"] = (lesson.article.path, lesson.article.body)
    data["annotations"] = [dataclasses.replace(a, line=0) for a in lesson.annotations]
    data["rate"] = [dataclasses.replace(r, line=0) for r in lesson.rate]
    return data


def round_trip(lesson: Lesson) -> tuple[Lesson, str]:
    """Export to JSON text, import it, write the lesson file, read it back."""
    exported = json.dumps(lesson_to_w3c(lesson, teacher=True), ensure_ascii=False)
    document = read_w3c_document(exported)
    resolved, problems = resolve(lesson.article, document.spans, COURSE.catalogue)
    assert problems == []
    assert [r.landing for r in resolved] == ["exact"] * len(resolved)
    fields, dropped = imported_fields(document.lesson)
    assert dropped == []
    text = lesson_yaml(resolved, lesson.article, lesson.article.path, document.title or "", fields=fields)
    again, diagnostics = parse_lesson(text, "imported.yml", lesson.slug, COURSE.catalogue, lambda _: lesson.article)
    assert [d for d in diagnostics if d.is_error] == [], text
    assert again is not None
    return again, text


@pytest.mark.parametrize("slug", EXAMPLES)
def test_every_example_lesson_survives_the_round_trip(slug):
    lesson = COURSE.lessons[slug]
    again, _ = round_trip(lesson)
    assert model(again) == model(lesson)


@pytest.mark.parametrize("slug", EXAMPLES)
def test_the_command_line_round_trip_gives_back_the_lesson_file(tmp_path, capsys, slug):
    """Through ``lessons export`` and ``lessons import --slug``: the same data as the file, key for key."""
    course = copy_example(tmp_path / "course")
    exported = tmp_path / f"{slug}.jsonld"
    assert main(["export", str(course), "--lesson", slug]) == 0
    exported.write_text(capsys.readouterr().out, encoding="utf-8")
    lesson = COURSE.lessons[slug]
    assert main(["import", str(exported), "--article", lesson.article.path, "--course", str(course),
                 "--slug", "again"]) == 0
    err = capsys.readouterr().err
    assert f"{len(lesson.annotations)} passage(s) landed exactly, 0 moved, 0 failed" in err
    original = yaml.safe_load((REPO / lesson.path).read_text(encoding="utf-8"))
    written = yaml.safe_load((course / "lessons" / "again.yml").read_text(encoding="utf-8"))
    for data in (original, written):  # an explicit id and the default one are the same id; order is reading order
        for key in ("annotations", "clean"):
            data[key] = sorted(({k: v for k, v in item.items() if k != "id"} for item in data.get(key, [])),
                               key=lambda item: item["at"])
    assert written == original


def test_the_extension_context_declares_every_term_it_uses():
    lesson = COURSE.lessons[EXAMPLES[0]]
    exported = lesson_to_w3c(lesson, teacher=True)
    used = {k for k in exported if k.startswith("al:")}
    for item in exported["first"]["items"]:
        used |= {k for k in item if k.startswith("al:")}
    assert used and used <= set(CONTEXT)
    assert exported["@context"] == ["http://www.w3.org/ns/anno.jsonld", CONTEXT]


# Generated lessons: an article of words (some astral, some with combining marks), and passages on it
# with every field a lesson can give them.
WORDS = ["peace", "the", "talks", "West", "said", "war", "Kremlin", "“quoted”", "café", "cafe\u0301", "😀", "👩‍👩‍👧",
         "𝐛𝐨𝐥𝐝", "東京", "مرحبا", "deal", "the"]
TEXT = st.text(st.characters(codec="utf-8", exclude_categories=("Cs", "Cc", "Co", "Cn", "Zl", "Zp")) | st.just("\n"),
               min_size=1, max_size=40).filter(lambda t: t.strip() and "\ufeff" not in t)
OPTIONAL_TEXT = st.one_of(st.just(""), TEXT)
TECHNIQUES = sorted(COURSE.catalogue.techniques)


@st.composite
def lessons(draw: st.DrawFn) -> str:
    paragraphs = draw(st.lists(st.lists(st.sampled_from(WORDS), min_size=2, max_size=10), min_size=2, max_size=5))
    body = "\n\n".join(" ".join(p) for p in paragraphs)
    article, _ = parse_article(body, "seeds/a.txt")
    words = [(i, i + len(w)) for i, w in _words(article.body)]
    annotations, clean = [], []
    for _ in range(draw(st.integers(1, 6))):
        i = draw(st.integers(0, len(words) - 1))
        j = draw(st.integers(i, min(len(words) - 1, i + 4)))
        span = Span(words[i][0], words[j][1])
        selector = _selector_for(article, span, draw(st.sampled_from(["occurrence", "prefix", "suffix"])))
        if selector is None:
            continue
        item: dict[str, Any] = {"quote": selector.quote}
        item.update({k: v for k in ("prefix", "suffix", "occurrence") if (v := getattr(selector, k)) is not None})
        if draw(st.booleans()):
            item["id"] = f"passage-{len(annotations) + len(clean) + 1}"
        item["note"] = draw(TEXT)
        if draw(st.booleans()):
            item["at"] = span.start
        if draw(st.booleans()):
            clean.append(item)
            continue
        item["technique"] = draw(st.sampled_from(TECHNIQUES))
        for key in ("ask", "teacher"):
            if value := draw(OPTIONAL_TEXT):
                item[key] = value
        if draw(st.booleans()):
            options = draw(st.lists(TEXT, min_size=2, max_size=4))
            item["check"] = {"question": draw(TEXT), "options": options, "answer": draw(st.integers(1, len(options)))}
            if explain := draw(OPTIONAL_TEXT):
                item["check"]["explain"] = explain
        annotations.append(item)
    if not annotations:
        annotations.append({"quote": article.headline.split()[0], "occurrence": 1, "technique": TECHNIQUES[0],
                            "note": "n"})
    data: dict[str, Any] = {"title": draw(TEXT).replace("\n", " ").strip() or "t", "article": "seeds/a.txt",
                            "summary": draw(TEXT)}
    for key in ("audience", "warm_up", "teacher_notes"):
        if value := draw(OPTIONAL_TEXT):
            data[key] = value.replace("\n", " ") if key == "audience" else value
    if draw(st.booleans()):
        data["duration"] = draw(st.integers(1, 300))
    for key in ("objectives", "authors", "standards"):
        if value := draw(st.lists(TEXT.map(lambda t: t.replace("\n", " ").strip() or "x"), max_size=3)):
            data[key] = value
    discussion = draw(st.lists(st.one_of(TEXT, st.fixed_dictionaries({"question": TEXT, "teacher": TEXT})),
                               max_size=3))
    if discussion:
        data["discussion"] = discussion
    lateral = draw(st.lists(st.fixed_dictionaries({"question": TEXT}, optional={"tip": TEXT, "teacher": TEXT}),
                            max_size=2))
    if lateral:
        data["lateral_reading"] = lateral
    data["annotations"] = annotations
    if clean:
        data["clean"] = clean
    if draw(st.booleans()):
        data["article_sha256"] = article_digest(article)
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False), body


def _words(text: str) -> list[tuple[int, str]]:
    import re

    return [(m.start(), m.group()) for m in re.finditer(r"\S+", text)]


def _selector_for(article, span: Span, style: str) -> Selector | None:  # noqa: ANN001
    """A selector a person could write for ``span``: the quote with an occurrence, or with context."""
    quote = " ".join(article.body[span.start:span.end].split())
    if style != "occurrence":
        before, after = article.body[:span.start], article.body[span.end:]
        context = {"prefix": " ".join(before.split()[-3:]) + " " if before.strip() else None,
                   "suffix": " " + " ".join(after.split()[:3]) if after.strip() else None}
        if context[style]:
            selector = Selector(quote, **{style: context[style]})
            if anchor(article, selector) == span:
                return selector
    for n in range(1, 40):
        found = anchor(article, Selector(quote, occurrence=n))
        if found == span:
            return Selector(quote, occurrence=n)
        if not isinstance(found, Span):
            return None
    return None


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(generated=lessons())
def test_any_lesson_survives_the_round_trip(generated):
    text, body = generated
    article, _ = parse_article(body, "seeds/a.txt")
    lesson, diagnostics = parse_lesson(text, "lessons/x.yml", "x", COURSE.catalogue, lambda _: article)
    assert [d for d in diagnostics if d.is_error] == [], (text, diagnostics)
    again, written = round_trip(lesson)
    assert model(again) == model(lesson), written


def _teacher_texts(lesson: Lesson) -> list[str]:
    return [t for t in (*(a.teacher for a in lesson.annotations), lesson.teacher_notes,
                        *(q.teacher for q in lesson.discussion), *(p.teacher for p in lesson.lateral_reading),
                        *(q.question for q in lesson.exit_ticket), *(q.teacher for q in lesson.exit_ticket),
                        *lesson.sentence_starters) if t]


@pytest.mark.parametrize("slug", EXAMPLES)
def test_the_published_export_holds_no_teacher_material(tmp_path, capsys, slug):
    """The file beside the page is for everyone: what only the teacher edition shows stays out of it."""
    lesson = COURSE.lessons[slug]
    hidden = _teacher_texts(lesson)
    assert hidden, "each example lesson has teacher material"
    public = json.dumps(lesson_to_w3c(lesson), ensure_ascii=False)
    full = json.dumps(lesson_to_w3c(lesson, teacher=True), ensure_ascii=False)
    assert [t for t in hidden if json.dumps(t, ensure_ascii=False)[1:-1] in public] == []
    assert all(json.dumps(t, ensure_ascii=False)[1:-1] in full for t in hidden)
    assert main(["export", str(REPO), "--lesson", slug, "--without-teacher"]) == 0
    assert json.loads(capsys.readouterr().out) == json.loads(public)
