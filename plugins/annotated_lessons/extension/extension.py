"""The extension object, its options and the block processor behind the embed syntax."""

from __future__ import annotations

import logging
import posixpath
import re
import xml.etree.ElementTree as etree
from html import escape
from pathlib import Path
from typing import Any

from markdown import Extension, Markdown
from markdown.blockprocessors import BlockProcessor

from ..core.course import Course, CourseCache, CourseConfig
from ..core.render import Links, render_excerpt, render_lesson
from ..core.render_index import render_course_index, render_technique_page
from ..core.render_teacher import render_teacher_edition
from .source import CourseSource

log = logging.getLogger("annotated_lessons")

EMBED = re.compile(r"^\[(?P<kind>lesson|lesson-index|technique|teacher-edition)(?::\s*(?P<arg>[^\]\s]+))?\]\s*$")


class AnnotatedLessonsExtension(Extension):
    """Registers the embed syntax. A host generator may set :attr:`page_url` per page."""

    def __init__(self, **kwargs: Any):
        self.config = {
            "course_dir": ["", "The course folder (where mkdocs.yml is); default: the current directory."],
            "lessons_dir": ["lessons", "Folder of the lesson files, relative to the course folder."],
            "techniques": ["lessons/techniques.yml", "The technique catalogue, relative to the course folder."],
            "use_directory_urls": [True, "Whether pages are served as folder/ (True) or folder.html."],
        }
        super().__init__(**kwargs)
        #: URL of the page being converted, relative to the site root ("lessons/x/"); set by the host.
        self.page_url: str = ""
        #: A course supplied by the host (the MkDocs plugin); when None the extension loads its own.
        self.course: Course | None = None
        self._source: CourseSource | None = None

    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 - Python-Markdown's API name
        md.registerExtension(self)
        md.parser.blockprocessors.register(EmbedProcessor(md.parser, self), "annotated_lessons", 105)

    # -- what the processor needs -------------------------------------------------------

    def current_course(self) -> Course:
        if self.course is not None:
            return self.course
        if self._source is None:
            root = Path(self.getConfig("course_dir") or ".").resolve()
            self._source = CourseSource(CourseConfig(root, self.getConfig("lessons_dir"), self.getConfig("techniques")),
                                        CourseCache(), log)
        return self._source.get()

    def site_url(self, target: str) -> str:
        """``target`` (a site-root-relative page path like 'techniques/x/') relative to the page."""
        if not self.getConfig("use_directory_urls") and target.endswith("/"):
            # Without directory URLs MkDocs writes techniques/x.md to techniques/x.html,
            # and an index.md to index.html in its folder.
            target = target + "index.html" if target in ("", "lessons/") else target[:-1] + ".html"
        base = self.page_url if self.page_url.endswith("/") else posixpath.dirname(self.page_url) + "/"
        relative = posixpath.relpath("/" + target, "/" + base)
        if target.endswith("/") and not relative.endswith("/"):
            relative += "/"
        return relative

    def links(self) -> Links:
        return Links(technique=lambda tid: self.site_url(f"techniques/{tid}/"))

    def lesson_urls(self, course: Course) -> dict[str, str]:
        return {slug: self.site_url(f"lessons/{slug}/") for slug in course.lessons}


class EmbedProcessor(BlockProcessor):
    """Replaces an embed line with the rendered HTML, stashed so Markdown leaves it alone."""

    def __init__(self, parser: Any, extension: AnnotatedLessonsExtension):
        super().__init__(parser)
        self.extension = extension

    def test(self, parent: etree.Element, block: str) -> bool:
        return EMBED.match(block.strip()) is not None

    def run(self, parent: etree.Element, blocks: list[str]) -> bool:
        match = EMBED.match(blocks.pop(0).strip())
        assert match is not None
        html = self.render(match.group("kind"), match.group("arg") or "")
        placeholder = self.parser.md.htmlStash.store(html)
        etree.SubElement(parent, "p").text = placeholder
        return True

    def render(self, kind: str, arg: str) -> str:
        ext = self.extension
        course = ext.current_course()
        links = ext.links()
        if kind == "lesson-index":
            return render_course_index(course, links, ext.lesson_urls(course))
        if kind == "technique":
            if arg not in course.catalogue:
                return self.missing(f"technique '{arg}' is not in the catalogue")
            return render_technique_page(course, arg, links, ext.lesson_urls(course))
        slug, _, annotation_id = arg.partition("#")
        lesson = course.lessons.get(slug)
        if lesson is None:
            return self.missing(f"lesson '{slug}' could not be loaded (see the problems reported for it)")
        if kind == "teacher-edition":
            return render_teacher_edition(lesson, course.catalogue, links, student_page=ext.site_url(f"lessons/{slug}/"))
        if annotation_id:
            found = next((a for a in lesson.annotations if a.id == annotation_id), None)
            if found is None:
                return self.missing(f"lesson '{slug}' has no annotation '{annotation_id}'")
            return render_excerpt(lesson, found, course.catalogue, links, ext.site_url(f"lessons/{slug}/"))
        return render_lesson(lesson, course.catalogue, links)

    def missing(self, message: str) -> str:
        log.warning("annotated_lessons: %s", message)
        return f'<div class="al-missing" role="note"><p>This lesson content cannot be shown: {escape(message)}.</p></div>'


def makeExtension(**kwargs: Any) -> AnnotatedLessonsExtension:  # noqa: N802 - Python-Markdown's API name
    return AnnotatedLessonsExtension(**kwargs)
