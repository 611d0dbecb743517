"""The course index (a card per lesson) and the page of one technique.

Both are pure functions of a loaded course, so the Markdown extension can put them in
any page and the MkDocs plugin only decides where the pages live.
"""

from __future__ import annotations

from html import escape

from .course import Course
from .lesson import Annotation, Lesson
from .markdown_notes import render_inline, render_markdown
from .render import Links, _attr, label_of, passage_text, tone_of

TAXONOMIES = {
    "semeval2023": "SemEval-2023 Task 3 persuasion technique",
    "ipa": "Institute for Propaganda Analysis device",
    "first_draft": "First Draft type of mis- and disinformation",
}


def annotation_strip(lesson: Lesson, course: Course) -> str:
    """A thin SVG strip: one tick per annotation at its place along the article."""
    length = max(1, len(lesson.article.body))
    ticks = "".join(
        f'<rect class="al-tick" data-tone="{tone_of(a, course.catalogue)}" x="{a.span.start * 1000 // length}" '
        f'y="0" width="{max(6, (a.span.end - a.span.start) * 1000 // length)}" height="12"/>'
        for a in lesson.technique_annotations)
    count = len(lesson.technique_annotations)
    return (f'<svg class="al-strip" viewBox="0 0 1000 12" preserveAspectRatio="none" role="img" '
            f'aria-label="{count} annotations, spread from the headline to the end of the article">'
            f'<rect class="al-strip-track" x="0" y="0" width="1000" height="12"/>{ticks}</svg>')


def render_course_index(course: Course, links: Links, lesson_url: dict[str, str]) -> str:
    """A card per lesson: title, summary, audience, duration, techniques, where notes fall."""
    cards = []
    for slug, lesson in sorted(course.lessons.items(), key=lambda item: (item[1].title.lower(), item[0])):
        counts = lesson.technique_counts()
        techniques = []
        for tid in course.catalogue.techniques:
            if tid in counts:
                href = links.technique(tid)
                name = escape(course.catalogue[tid].name)
                label = f'<a href="{_attr(href)}">{name}</a>' if href else name
                techniques.append(f'<li data-tone="{course.catalogue[tid].tone}">{label} '
                                  f'<span class="al-count">{counts[tid]}</span></li>')
        meta = []
        if lesson.audience:
            meta.append(f"<span>{escape(lesson.audience)}</span>")
        if lesson.duration:
            meta.append(f"<span>{lesson.duration} minutes</span>")
        meta.append(f"<span>{len(lesson.technique_annotations)} notes</span>")
        cards.append(
            f'<li class="al-card" data-lesson-card="{_attr(slug)}">'
            f'<h2 class="al-card-title"><a href="{_attr(lesson_url[slug])}">{escape(lesson.title)}</a></h2>'
            f'<p class="al-card-meta">{" · ".join(meta)}</p>'
            f'<div class="al-card-summary">{render_markdown(lesson.summary)}</div>'
            f"{annotation_strip(lesson, course)}"
            f'<ul class="al-card-techniques" aria-label="Techniques in this lesson">{"".join(techniques)}</ul></li>')
    if not cards:
        return '<p class="al-empty">No lessons yet. Add a YAML file to the lessons folder.</p>'
    return f'<ul class="al-cards">{"".join(cards)}</ul>'


def render_technique_page(course: Course, technique_id: str, links: Links, lesson_url: dict[str, str]) -> str:
    """Definition, questions to ask, mappings, and every example of it across the course."""
    technique = course.catalogue[technique_id]
    parts = [f'<div class="al-technique" data-technique-page="{_attr(technique_id)}" data-tone="{technique.tone}">',
             f'<p class="al-technique-summary"><span class="al-swatch" data-tone="{technique.tone}" aria-hidden="true">'
             f"</span> {escape(technique.summary)}</p>"]
    if technique.description:
        parts.append(render_markdown(technique.description))
    if technique.ask:
        items = "".join(f"<li>{render_inline(q)}</li>" for q in technique.ask)
        parts.append(f'<h2 id="ask">Questions to ask</h2><ul class="al-technique-ask">{items}</ul>')
    if technique.maps_to:
        items = "".join(f"<li><strong>{escape(TAXONOMIES.get(k, k))}:</strong> <code>{escape(v)}</code></li>"
                        for k, v in technique.maps_to)
        parts.append(f'<h2 id="maps-to">In other taxonomies</h2><ul class="al-technique-maps">{items}</ul>')
    examples = examples_of(course, technique_id)
    parts.append(f'<h2 id="examples">Examples in this course ({sum(len(v) for _, v in examples)})</h2>')
    if not examples:
        parts.append("<p>No lesson uses this technique yet.</p>")
    for lesson, found in examples:
        items = "".join(_example(lesson, a, course, lesson_url[lesson.slug]) for a in found)
        parts.append(f'<h3 class="al-example-lesson"><a href="{_attr(lesson_url[lesson.slug])}">'
                     f'{escape(lesson.title)}</a></h3><ul class="al-examples">{items}</ul>')
    parts.append("</div>")
    return "\n".join(parts)


def examples_of(course: Course, technique_id: str) -> list[tuple[Lesson, list[Annotation]]]:
    found = []
    for _, lesson in sorted(course.lessons.items()):
        annotations = [a for a in lesson.technique_annotations if a.technique == technique_id]
        if annotations:
            found.append((lesson, annotations))
    return found


def _example(lesson: Lesson, a: Annotation, course: Course, url: str) -> str:
    ask = f'<p class="al-note-ask"><strong>Ask:</strong> {render_inline(a.ask)}</p>' if a.ask else ""
    return (f'<li class="al-example" data-annotation="{_attr(a.id)}"><blockquote class="al-note-quote">'
            f'{escape(passage_text(lesson, a))}</blockquote>{render_markdown(a.note)}{ask}'
            f'<p><a href="{_attr(url)}#ann-{_attr(a.id)}">See it in the lesson '
            f'<span class="al-sr">({escape(lesson.title)}, note {a.number}: {escape(label_of(a, course.catalogue))})'
            f"</span></a></p></li>")
