"""The pages the plugin generates: where each lives and what it shows, as data.

Every generated page has the same fixed Markdown source (``[generated-page]``); what it
shows (an embed kind, a slug or id, a title) travels as a :class:`PageSpec` that the
plugin hands to the extension while MkDocs converts that page. A title, technique name
or summary is therefore never parsed as Markdown, and the page HTML comes from the same
templates as an embed written by hand.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..core.course import Course
from ..core.translations import ENGLISH, Translation
from ..extension.generated import GENERATED_MARKDOWN, TITLES, PageSpec


@dataclass(frozen=True)
class GeneratedPage:
    src_uri: str  # where it pretends to be in docs_dir
    spec: PageSpec
    in_nav: bool = True
    searchable: bool = True

    @property
    def content(self) -> str:
        return GENERATED_MARKDOWN


def generated_pages(course: Course, teacher_edition: bool, ui: Translation = ENGLISH) -> list[GeneratedPage]:
    """Every page the plugin adds: the course index, lessons, teacher editions, techniques (titles in ``ui``)."""
    titles = {key: ui[text] for key, text in TITLES.items()}
    pages = [GeneratedPage("lessons/index.md", PageSpec("lesson-index", None, titles["lesson-index"])),
             GeneratedPage("techniques/index.md", PageSpec("technique-index", None, titles["technique-index"]))]
    if teacher_edition:
        pages.append(GeneratedPage("teacher/index.md", PageSpec("teacher-index", None, titles["teacher-index"]),
                                   in_nav=False, searchable=False))
    for slug, lesson in course.lessons.items():  # course order: the nav and previous/next follow it
        pages.append(GeneratedPage(f"lessons/{slug}.md", PageSpec(
            "lesson", slug, lesson.title, jsonld=f"lessons/{slug}/annotations.jsonld")))
        if teacher_edition:
            pages.append(GeneratedPage(
                f"teacher/{slug}.md", PageSpec("teacher-edition", slug,
                                               titles["teacher-edition"] % {"title": lesson.title}),
                in_nav=False, searchable=False))
    for tid, technique in course.catalogue.techniques.items():
        pages.append(GeneratedPage(f"techniques/{tid}.md", PageSpec("technique", tid, technique.name)))
    return pages
