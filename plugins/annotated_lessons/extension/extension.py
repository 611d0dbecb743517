"""The extension object, its options and the block processor behind the embed syntax."""

from __future__ import annotations

import logging
import posixpath
import re
import xml.etree.ElementTree as etree
from functools import lru_cache
from pathlib import Path
from typing import Any

from markdown import Extension, Markdown
from markdown.blockprocessors import BlockProcessor
from markupsafe import Markup

from ..core.annotate import AnnotateSite, NewLesson
from ..core.course import Course, CourseCache, CourseConfig
from ..core.diagnostics import printable, printable_line
from ..core.fields import is_slug
from ..core.render import Links, render_excerpt, render_lesson
from ..core.render_index import (
    render_course_index,
    render_teacher_index,
    render_technique_index,
    render_technique_page,
)
from ..core.render_teacher import render_teacher_edition
from ..core.slugs import is_lesson_slug
from ..core.templating import Templates, templates_fingerprint, templates_for
from ..core.translations import Translation, interface_language, override_problems, translation
from .generated import PageSpec, spec_for_path, stub_url
from .render_cache import RenderCache
from .source import CourseSource

#: A plain name in MkDocs' logger namespace: MkDocs counts its warnings for ``--strict``,
#: and the extension still imports nothing from MkDocs.
log = logging.getLogger("mkdocs.plugins.annotated_lessons")

#: An embed is a paragraph of exactly one line starting at column 0 (as pymdownx blocks
#: are), so an indented code block that shows the syntax stays code.
EMBED = re.compile(r"\[(?P<kind>lesson|lesson-index|technique|technique-index|teacher-edition|teacher-index"
                   r"|generated-page|course-page)(?::[ \t]*(?P<arg>[^\]\n]*?))?[ \t]*\][ \t]*")
#: The kinds of page annotate mode adds (never written as embeds).
ANNOTATE_KINDS = {"annotate-index", "new-lesson"}
NEEDS_ARGUMENT = {"lesson", "technique", "teacher-edition", "course-page"}

MESSAGES = {
    "argument": "[{kind}] needs {what}, as in [{kind}: {example}]",
    "no-argument": "[{kind}] takes no argument",
    "bad-slug": "'{arg}' is not a lesson slug (letters, digits and '-', with '/' between units)",
    "bad-id": "'{arg}' is not an id (letters, digits and '-')",
    "no-technique": "technique '{arg}' is not in the catalogue",
    "no-lesson": "lesson '{arg}' is not in the course (see the problems reported for it)",
    "no-annotation": "lesson '{slug}' has no annotation '{arg}'",
    "not-generated": "[generated-page] is only for the pages the MkDocs plugin generates",
    "bad-page": "'{arg}' names no page of the course (lessons, lessons/SLUG, techniques, techniques/ID, teacher, "
                "teacher/SLUG)",
}


class EmbedError(ValueError):
    """A broken embed, raised instead of logged when the extension's ``check`` option is on."""


class AnnotatedLessonsExtension(Extension):
    """Registers the embed syntax. A host generator may set :attr:`page_url` per page."""

    def __init__(self, **kwargs: Any):
        self.config = {
            "course_dir": ["", "The course folder (where mkdocs.yml is); default: the current directory."],
            "lessons_dir": ["lessons", "Folder of the lesson files, relative to the course folder."],
            "techniques": ["lessons/techniques.yml", "The technique catalogue, relative to the course folder."],
            "use_directory_urls": [True, "Whether pages are served as folder/ (True) or folder.html."],
            "templates": [[], "Folders of template overrides, relative to the course folder, searched in order "
                               "before the package's templates."],
            "check": [False, "Raise EmbedError on a broken embed instead of logging a warning "
                             "(for hosts that do not fail a strict build on warnings)."],
            "language": ["en", "The language of the interface (a code such as 'uk'); one without a translation "
                               "falls back to English with a warning."],
            "strings": [{}, "Replacements for single interface strings, keyed by their English text."],
        }
        super().__init__(**kwargs)
        #: URL of the page being converted, relative to the site root ("lessons/x/"); set by the host.
        self.page_url: str = ""
        #: The source path of the page being converted, for messages; set by the host.
        self.page_path: str = ""
        #: What the page being converted is, when the MkDocs plugin generated it.
        self.generated: PageSpec | None = None
        #: A course supplied by the host (the MkDocs plugin); when None the extension loads its own.
        self.course: Course | None = None
        self._source: CourseSource | None = None
        #: Prepended to every site-root-relative target (``uk/`` for the pages of a second language).
        self.url_prefix: str = ""
        self._translation: Translation | None = None
        self.page_language: str | None = None
        #: Annotate mode's renderer, when the host turned the mode on (see :mod:`..core.annotate`).
        self.annotate: AnnotateSite | None = None
        #: The articles without a lesson that annotate mode gives a page, by the new lesson's slug.
        self.new_lessons: dict[str, NewLesson] = {}
        #: Pages rendered by earlier builds, reused while everything they are made from is unchanged
        #: (see :meth:`start_build`); None, as under hosts that convert each page once: render every time.
        self.render_cache: RenderCache | None = None

    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 - Python-Markdown's API name
        md.registerExtension(self)
        md.parser.blockprocessors.register(EmbedProcessor(md.parser, self), "annotated_lessons", 105)

    # -- what the processor needs -------------------------------------------------------

    @property
    def root(self) -> Path:
        return Path(self.getConfig("course_dir") or ".").resolve()

    def current_course(self) -> Course:
        if self.course is not None:
            return self.course
        if self._source is None:
            self._source = CourseSource(CourseConfig(self.root, self.getConfig("lessons_dir"),
                                                     self.getConfig("techniques")), CourseCache(), log)
        return self._source.get()

    def use_language(self, language: str | None, strings: dict[str, Any] | None = None,
                     page: str | None = None) -> None:
        """Switch the interface language (the MkDocs plugin calls this for each language it builds).

        ``page`` is the language the pages say they are in (Material's ``theme.language``),
        when it may differ from the interface's.
        """
        self.setConfig("language", language or "en")
        self.setConfig("strings", strings or {})
        self.page_language = page
        self._translation = None

    def translation(self) -> Translation:
        """The interface strings for the ``language`` and ``strings`` options, checked once.

        Bad ``strings`` are a configuration error (:class:`ValueError`, every problem listed);
        a language without a translation is English with a warning.
        """
        if self._translation is None:
            code, warning = interface_language(self.getConfig("language"))
            if warning:
                log.warning("annotated_lessons: %s", warning)
            strings = self.getConfig("strings") or {}
            problems = override_problems(strings, code)
            if problems:
                raise ValueError("annotated_lessons: " + "; ".join(problems))
            # Without a catalogue for the requested language, the pages are still in it.
            page = self.page_language or self.getConfig("language")
            self._translation = translation(code, strings, page=page)
        return self._translation

    def template_folders(self) -> list[Path]:
        folders = self.getConfig("templates") or []
        if isinstance(folders, str):
            folders = [folders]
        return [self.root / folder for folder in folders]

    def templates(self) -> Templates:
        return templates_for(self.template_folders(), self.translation())

    def start_build(self, cache: RenderCache) -> None:
        """Reuse what earlier builds rendered (the MkDocs plugin calls this as each build loads the course).

        Every template file is digested now, so an edited template, override or not, renders every page again.
        """
        self.render_cache = cache
        cache.begin(templates_fingerprint(self.template_folders()))

    def site_url(self, target: str) -> str:
        """``target`` (a site-root-relative page path like 'techniques/x/') relative to the page."""
        return relative_url(self.page_url, target, bool(self.getConfig("use_directory_urls")), self.url_prefix)

    def links(self) -> Links:
        return Links(technique=lambda tid: self.site_url(f"techniques/{tid}/"))

    def lesson_urls(self, course: Course) -> dict[str, str]:
        return {slug: self.site_url(f"lessons/{slug}/") for slug in course.lessons}


@lru_cache(maxsize=1 << 16)
def relative_url(page_url: str, target: str, directory_urls: bool, prefix: str = "") -> str:
    """``target`` (a site-root-relative page path) relative to the page at ``page_url``.

    Cached: every note links to its technique and every technique page to its lessons, so
    a build asks the same few questions thousands of times, and ``posixpath.relpath`` is
    the dearest part of rendering a note.
    """
    if not directory_urls and target.endswith("/"):
        # Without directory URLs MkDocs writes techniques/x.md to techniques/x.html,
        # and an index.md to index.html in its folder.
        target = target + "index.html" if target in ("", "lessons/") else target[:-1] + ".html"
    target = prefix + target  # the tree of the language being built, under mkdocs-static-i18n
    base = page_url if page_url.endswith("/") else posixpath.dirname(page_url) + "/"
    relative = posixpath.relpath("/" + target, "/" + base)
    if target.endswith("/") and not relative.endswith("/"):
        relative += "/"
    if ":" in relative.split("/", 1)[0]:
        relative = "./" + relative  # a first segment with ':' would read as a URL scheme
    return relative


class EmbedProcessor(BlockProcessor):
    """Replaces an embed line with the rendered HTML, stashed so Markdown leaves it alone."""

    def __init__(self, parser: Any, extension: AnnotatedLessonsExtension):
        super().__init__(parser)
        self.extension = extension

    def test(self, parent: etree.Element, block: str) -> bool:
        return EMBED.fullmatch(block) is not None

    def run(self, parent: etree.Element, blocks: list[str]) -> bool:
        match = EMBED.fullmatch(blocks.pop(0))
        assert match is not None
        html = self.render(match.group("kind"), match.group("arg"))
        placeholder = self.parser.md.htmlStash.store(str(html))
        etree.SubElement(parent, "p").text = placeholder
        return True

    def render(self, kind: str, arg: str | None) -> Markup:
        problem = self.invalid(kind, arg)
        if problem:
            return self.missing(kind, arg, problem)
        if kind == "course-page":
            return self.course_page(arg or "")
        if kind == "generated-page":
            spec = self.extension.generated
            if spec is None:
                return self.missing(kind, arg, MESSAGES["not-generated"])
            templates = self.extension.templates()
            body = self.annotate_page(spec, templates) if spec.kind in ANNOTATE_KINDS else self.render(spec.kind, spec.arg)
            if spec.kind == "lesson" and self.extension.annotate is not None:
                body += self.annotate_panel(spec.arg or "", templates)
            jsonld = self.extension.site_url(spec.jsonld) if spec.jsonld else None
            return templates.render("page.html", title=spec.title, title_attrs=self.title_attrs(spec, templates.ui),
                                    body=body, jsonld=jsonld)
        return self.render_embed(kind, arg or "")

    def annotate_panel(self, slug: str, templates: Templates) -> Markup:
        """Annotate mode's panel under a lesson page, kept like the page itself while nothing it shows changed."""
        ext = self.extension
        course = ext.current_course()
        lesson = course.lessons.get(slug)
        if lesson is None or ext.annotate is None:
            return Markup()
        site = ext.annotate

        def make() -> Markup:
            return site.panel(templates, course.catalogue, lesson=lesson, index_url=ext.site_url("annotate/"))

        cache = ext.render_cache
        key = self.cache_key("lesson", slug) if cache is not None else None
        if cache is None or key is None:
            return make()
        return Markup(cache.get("annotate", (*key, site.repository), make))  # noqa: S704 - rendered by make()

    def annotate_page(self, spec: PageSpec, templates: Templates) -> Markup:
        """A page of annotate mode: where to start, or an article without a lesson."""
        ext = self.extension
        if ext.annotate is None:
            return self.missing(spec.kind, spec.arg, MESSAGES["not-generated"])
        course = ext.current_course()
        if spec.kind == "new-lesson":
            new = ext.new_lessons.get(spec.arg or "")
            if new is None:
                return self.missing(spec.kind, spec.arg, MESSAGES["no-lesson"].format(arg=spec.arg))
            return ext.annotate.new_lesson_page(templates, course.catalogue, new, ext.site_url("annotate/"))
        lessons = [(lesson.title, lesson.path, ext.site_url(f"lessons/{slug}/") + "?annotate")
                   for slug, lesson in course.lessons.items()]
        new_pages = [(item, ext.site_url(f"annotate/{slug}/")) for slug, item in ext.new_lessons.items()]
        return ext.annotate.index_page(templates, lessons, new_pages)

    def course_page(self, path: str) -> Markup:
        """A stub's page (``lessons stubs``, for hosts without the plugin): rendered as the plugin renders it.

        Its links are computed from its source file's folder (see :func:`.generated.stub_url`),
        so they are right however deep the page is.
        """
        ext = self.extension
        spec = spec_for_path(path, ext.current_course(), ext.translation())
        if spec is None:
            return self.missing("course-page", path, MESSAGES["bad-page"].format(arg=path))
        ext.page_url = stub_url(path)
        body = self.render(spec.kind, spec.arg)
        templates = ext.templates()
        return templates.render("page.html", title=spec.title, title_attrs=self.title_attrs(spec, templates.ui),
                                body=body, jsonld=None)

    def title_attrs(self, spec: PageSpec, ui: Translation) -> Markup:
        """``lang``/``dir`` of a generated page's H1: a lesson's title is the lesson's text (see
        :meth:`Translation.title_attrs`), a technique's name the course's, the rest the interface's."""
        if spec.kind == "lesson":
            lesson = self.extension.current_course().lessons.get(spec.arg or "")
            return ui.title_attrs(lesson.notes_lang) if lesson else ui.ui_attrs
        if spec.kind == "technique":
            return ui.content_attrs
        if spec.kind == "new-lesson" and spec.arg in self.extension.new_lessons:
            return ui.title_attrs(self.extension.new_lessons[spec.arg].article.lang)
        return ui.ui_attrs + Markup(' dir="auto"') if spec.kind == "teacher-edition" else ui.ui_attrs

    @staticmethod
    def invalid(kind: str, arg: str | None) -> str | None:
        """Why the argument of an embed cannot be right, before looking anything up."""
        if kind not in NEEDS_ARGUMENT:
            return MESSAGES["no-argument"].format(kind=kind) if arg is not None else None
        what, example = ("a technique id", "loaded-language") if kind == "technique" else ("a lesson slug", "my-lesson")
        if kind == "course-page":
            what, example = "a page of the course", "lessons/my-lesson"
        if not arg:
            return MESSAGES["argument"].format(kind=kind, what=what, example=example)
        if kind == "course-page":
            return None if is_lesson_slug(arg.strip("/")) else MESSAGES["bad-page"].format(arg=arg)
        slug, hash_, annotation = arg.partition("#")
        if kind == "technique" and not is_slug(arg):
            return MESSAGES["bad-id"].format(arg=arg)
        if kind != "technique" and not is_lesson_slug(slug):
            return MESSAGES["bad-slug"].format(arg=slug)
        if hash_ and (kind != "lesson" or not is_slug(annotation)):
            return MESSAGES["bad-id"].format(arg=annotation)
        return None

    def render_embed(self, kind: str, arg: str) -> Markup:
        """An embed, from the render cache when the host keeps one and nothing it is made from has changed."""
        cache = self.extension.render_cache
        key = self.cache_key(kind, arg) if cache is not None else None
        if cache is None or key is None:
            return self.render_fresh(kind, arg)
        counted = "excerpt" if kind == "lesson" and "#" in arg else kind
        return Markup(cache.get(counted, key, lambda: self.render_fresh(kind, arg)))  # noqa: S704 - rendered below

    def cache_key(self, kind: str, arg: str) -> tuple[object, ...] | None:
        """Everything an embed's HTML depends on, or None when it is broken (its warning must come every build)."""
        ext = self.extension
        course = ext.current_course()
        prints = course.fingerprints
        inputs: bytes | None
        if kind in ("lesson-index", "teacher-index"):
            inputs = prints.course
        elif kind == "technique-index":
            inputs = prints.catalogue
        elif kind == "technique":
            inputs = prints.techniques.get(arg) if arg in course.catalogue else None
        else:
            slug, _, annotation_id = arg.partition("#")
            lesson = course.lessons.get(slug)
            inputs = prints.lessons.get(slug) if lesson is not None else None
            if lesson is not None and annotation_id and all(a.id != annotation_id for a in lesson.annotations):
                inputs = None
        if not inputs:  # a course loaded without fingerprints is rendered every time
            return None
        return (arg, inputs, ext.page_url, ext.url_prefix, bool(ext.getConfig("use_directory_urls")),
                tuple(str(p) for p in ext.template_folders()), ext.translation())

    def render_fresh(self, kind: str, arg: str) -> Markup:
        ext = self.extension
        course = ext.current_course()
        links = ext.links()
        templates = ext.templates()
        if kind == "lesson-index":
            return render_course_index(course, links, ext.lesson_urls(course), templates=templates)
        if kind == "technique-index":
            urls = {tid: ext.site_url(f"techniques/{tid}/") for tid in course.catalogue.techniques}
            return render_technique_index(course, urls, templates=templates)
        if kind == "teacher-index":
            urls = {slug: ext.site_url(f"teacher/{slug}/") for slug in course.lessons}
            return render_teacher_index(course, urls, templates=templates)
        if kind == "technique":
            if arg not in course.catalogue:
                return self.missing(kind, arg, MESSAGES["no-technique"].format(arg=arg))
            return render_technique_page(course, arg, links, ext.lesson_urls(course), templates=templates)
        slug, _, annotation_id = arg.partition("#")
        lesson = course.lessons.get(slug)
        if lesson is None:
            return self.missing(kind, arg, MESSAGES["no-lesson"].format(arg=slug))
        student_page = ext.site_url(f"lessons/{slug}/")
        if kind == "teacher-edition":
            return render_teacher_edition(lesson, course.catalogue, links, student_page=student_page,
                                          templates=templates)
        if annotation_id:
            found = next((a for a in lesson.annotations if a.id == annotation_id), None)
            if found is None:
                return self.missing(kind, arg, MESSAGES["no-annotation"].format(slug=slug, arg=annotation_id))
            return render_excerpt(lesson, found, course.catalogue, links, student_page, templates=templates)
        return render_lesson(lesson, course.catalogue, links, templates=templates)

    def missing(self, kind: str, arg: str | None, message: str) -> Markup:
        """A broken embed: an error in the log (so ``mkdocs build --strict`` fails) and a notice on the page."""
        embed = f"[{kind}: {arg}]" if arg is not None else f"[{kind}]"
        where = self.extension.page_path or self.extension.page_url or "a page"
        line = f"annotated_lessons: {where}: broken embed {embed}: {message}"
        if self.extension.getConfig("check"):
            raise EmbedError(printable(line))
        log.warning("%s", printable_line(line))
        return self.extension.templates().render("missing.html", message=message)


def makeExtension(**kwargs: Any) -> AnnotatedLessonsExtension:  # noqa: N802 - Python-Markdown's API name
    return AnnotatedLessonsExtension(**kwargs)
