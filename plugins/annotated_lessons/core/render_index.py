"""The course index (a card per lesson), the page of one technique and the lists of techniques
and teacher editions.

All are pure functions of a loaded course rendered through the templates of
:mod:`.templating`, so the Markdown extension can put them in any page and the MkDocs
plugin only decides where the pages live.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from markupsafe import Markup

from .course import Course
from .lesson import Annotation, Lesson
from .render import Links, NoteView, note_view, tone_of
from .templating import DEFAULT, Templates

TAXONOMIES = {
    "semeval2023": "SemEval-2023 Task 3 persuasion technique",
    "ipa": "Institute for Propaganda Analysis device",
    "first_draft": "First Draft type of mis- and disinformation",
}


@dataclass(frozen=True)
class Tick:
    """One annotation on the strip of a course card, in thousandths of the article's length."""

    tone: str
    x: int
    width: int


@dataclass(frozen=True)
class TechniqueCount:
    id: str
    name: str
    tone: str
    count: int
    href: str | None


@dataclass(frozen=True)
class LessonCard:
    """What ``course_index.html`` gets for each lesson."""

    slug: str
    lesson: Lesson
    url: str
    techniques: list[TechniqueCount]
    notes: int
    ticks: list[Tick]


@dataclass(frozen=True)
class Example:
    """The notes of one lesson that use the technique of a technique page."""

    lesson: Lesson
    url: str
    notes: list[NoteView]


def strip_ticks(lesson: Lesson, course: Course) -> list[Tick]:
    length = max(1, len(lesson.article.body))
    return [Tick(tone_of(a, course.catalogue), a.span.start * 1000 // length,
                 max(6, (a.span.end - a.span.start) * 1000 // length)) for a in lesson.technique_annotations]


def annotation_strip(lesson: Lesson, course: Course, *, templates: Templates = DEFAULT) -> Markup:
    """A thin SVG strip: one tick per annotation at its place along the article."""
    return templates.render("strip.svg", ticks=strip_ticks(lesson, course), count=len(lesson.technique_annotations))


@dataclass(frozen=True)
class UnitCards:
    """The cards of one unit of the course (``title`` None: lessons outside any titled unit)."""

    title: str | None
    cards: list[LessonCard]


def lesson_cards(course: Course, links: Links, lesson_url: Mapping[str, str]) -> list[LessonCard]:
    """A card per lesson, in course order (see :mod:`.order`)."""
    cards = []
    for slug, lesson in course.lessons.items():
        counts = lesson.technique_counts()
        techniques = [TechniqueCount(tid, t.name, str(t.tone), counts[tid], links.technique(tid))
                      for tid, t in course.catalogue.techniques.items() if tid in counts]
        cards.append(LessonCard(slug, lesson, lesson_url[slug], techniques, len(lesson.technique_annotations),
                                strip_ticks(lesson, course)))
    return cards


def render_course_index(course: Course, links: Links, lesson_url: Mapping[str, str], *,
                        templates: Templates = DEFAULT) -> Markup:
    """A card per lesson: title, summary, audience, duration, techniques, where notes fall; by unit."""
    cards = lesson_cards(course, links, lesson_url)
    by_slug = {card.slug: card for card in cards}
    units = [UnitCards(unit.title, [by_slug[s] for s in unit.slugs if s in by_slug]) for unit in course.units]
    if not any(unit.title for unit in units):
        units = [UnitCards(None, cards)] if cards else []
    return templates.render("course_index.html", cards=cards, units=units)


def examples_of(course: Course, technique_id: str) -> list[tuple[Lesson, list[Annotation]]]:
    found = []
    for lesson in course.lessons.values():  # course order
        annotations = [a for a in lesson.technique_annotations if a.technique == technique_id]
        if annotations:
            found.append((lesson, annotations))
    return found


def render_technique_page(course: Course, technique_id: str, links: Links, lesson_url: Mapping[str, str], *,
                          templates: Templates = DEFAULT) -> Markup:
    """Definition, questions to ask, mappings, and every example of it across the course."""
    examples = [Example(lesson, lesson_url[lesson.slug],
                        [note_view(lesson, a, course.catalogue, links, anchors=False, ui=templates.ui) for a in found])
                for lesson, found in examples_of(course, technique_id)]
    return templates.render("technique.html", technique=course.catalogue[technique_id], taxonomies=TAXONOMIES,
                            examples=examples, total=sum(len(e.notes) for e in examples))


def render_technique_index(course: Course, technique_url: Mapping[str, str], *,
                           templates: Templates = DEFAULT) -> Markup:
    """Every technique of the catalogue with its summary, linked to its page."""
    return templates.render("technique_index.html", techniques=[
        (t, technique_url[tid]) for tid, t in course.catalogue.techniques.items()])


def render_teacher_index(course: Course, teacher_url: Mapping[str, str], *, templates: Templates = DEFAULT) -> Markup:
    """Every lesson's teacher edition, in course order."""
    return templates.render("teacher_index.html", lessons=[
        (lesson, teacher_url[slug]) for slug, lesson in course.lessons.items()])
