"""Annotate mode: what a page needs so a contributor can draft annotations in the browser.

On a lesson page, and on a page for each article that has no lesson yet, a contributor
selects a passage, picks a technique, writes the note, and gets the YAML to paste into
the lesson file. The browser finds the shortest ``prefix``/``suffix``/``occurrence``
itself (``assets/annotate/selectors.js``) on the article's normalised view, which is
computed here, once, by the same code that anchors quotes at build time
(:func:`.selection.selection_view`); where new entries go in the lesson file comes from
:func:`.drafting.lesson_source`. Everything travels as JSON in attributes of one element,
printed by an autoescaping template: no inline script, nothing loaded from elsewhere.

The mode is on while previewing (``mkdocs serve``) and in a built site only when the
course asks for it (``annotate: true``).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from markupsafe import Markup

from .article import Article, parse_article
from .catalogue import Catalogue
from .diagnostics import Diagnostic, Severity
from .drafting import lesson_source
from .files import UnreadableFile, read_text
from .hosting import repository_links
from .lesson import Lesson
from .paths import UnsafePath, is_hidden, resolve_inside
from .render import render_article
from .selection import selection_view
from .slugs import suggest_slug
from .templating import Templates

#: The article files offered for a new lesson, under ``articles``.
ARTICLE_SUFFIX = ".txt"
#: The most articles listed for new lessons (a course folder is not a file server).
ARTICLE_LIMIT = 500


def is_active(mode: Any, command: str | None) -> bool:
    """Whether annotate mode is on for this MkDocs ``command`` (``serve``, ``build``, ``gh-deploy``...)."""
    return mode is True or (mode == "serve" and command == "serve")


@dataclass(frozen=True)
class Repository:
    """Where the course's files live on the web, from MkDocs' ``repo_url``/``edit_uri``."""

    repo_url: str | None = None
    edit_uri: str | None = None
    docs_dir: str = "docs"  # relative to the course folder


@dataclass(frozen=True)
class NewLesson:
    """An article without a lesson, and the lesson file a contributor would start for it."""

    slug: str
    path: str  # lessons/<slug>.yml, relative to the course folder
    article: Article


@lru_cache(maxsize=512)
def _view(body: str, path: str) -> dict[str, Any]:
    """The article's selection view, once per text and process: ``mkdocs serve`` rebuilds every page on
    every save, and the articles rarely change."""
    return selection_view(Article(path=path, body=body, paragraphs=[]))


@lru_cache(maxsize=1024)
def _lesson_source(text: str) -> dict[str, Any]:
    """Where drafts go in a lesson file, once per text of it (the parse is PyYAML's pure-Python one)."""
    return lesson_source(text)


def technique_choices(catalogue: Catalogue) -> list[dict[str, Any]]:
    """The catalogue as the technique chooser lists it: id, name, cue and tone."""
    return [{"id": t.id, "name": t.name, "abbr": t.abbr, "tone": t.tone} for t in catalogue.techniques.values()]


class AnnotateSite:
    """The annotate-mode parts of a course's pages: the drafting panel, new-lesson pages, the index."""

    def __init__(self, root: Path, lessons_dir: str, articles_dir: str, repository: Repository):
        self.root = root
        self.lessons_dir = lessons_dir.strip("/")
        self.articles_dir = articles_dir.strip("/")
        self.repository = repository

    def links(self, lesson_path: str, exists: bool) -> dict[str, Any] | None:
        r = self.repository
        found = repository_links(r.repo_url, r.edit_uri, r.docs_dir, lesson_path, exists)
        return asdict(found) if found else None

    def new_lessons(self, articles_in_use: set[str], slugs_in_use: set[str]) -> tuple[list[NewLesson], list[Diagnostic]]:
        """The articles under ``articles`` that no lesson uses, each with a free lesson slug.

        Paths are checked as every course path is (inside the course, no hidden folder); a
        file that leads elsewhere or cannot be read is left out, and an article's own errors
        are reported.
        """
        problems: list[Diagnostic] = []
        try:
            folder = resolve_inside(self.root, self.articles_dir or ".")
        except UnsafePath as unsafe:
            return [], [Diagnostic(self.articles_dir, 1, 1, f"the articles folder {unsafe.explanation}",
                                   "annotate-articles", Severity.WARNING, "name a folder inside the course")]
        if not folder.is_dir():
            return [], []
        found: list[NewLesson] = []
        taken = {s.casefold() for s in slugs_in_use}
        root = self.root.resolve()
        for path in sorted(folder.rglob("*" + ARTICLE_SUFFIX))[:ARTICLE_LIMIT]:
            relative = path.relative_to(root).as_posix()  # the folder is resolved inside the course
            if relative in articles_in_use or is_hidden(relative.split("/")):
                continue
            try:
                resolve_inside(self.root, relative)
                article, article_problems = parse_article(read_text(path), relative)
            except (UnsafePath, UnreadableFile):
                continue
            problems += [p for p in article_problems if p.is_error]
            slug = base = suggest_slug(path.stem)
            n = 2
            while slug.casefold() in taken:
                slug, n = f"{base}-{n}", n + 1
            taken.add(slug.casefold())
            found.append(NewLesson(slug, f"{self.lessons_dir}/{slug}.yml" if self.lessons_dir else f"{slug}.yml",
                                   article))
        return found, problems

    def panel(self, templates: Templates, catalogue: Catalogue, *, lesson: Lesson | None = None,
              new: NewLesson | None = None, index_url: str | None = None) -> Markup:
        """The drafting panel for a lesson page, or for a new lesson's page (exactly one of them)."""
        if lesson is not None:
            article, path, slug, exists = lesson.article, lesson.path, lesson.slug, True
            source = self._source(path)
        else:
            assert new is not None
            article, path, slug, exists, source = new.article, new.path, new.slug, False, None
        return templates.render(
            "annotate.html", slug=slug, lesson_path=path, article=article, new=not exists,
            view=_view(article.body, article.path), source=source, links=self.links(path, exists),
            techniques=technique_choices(catalogue), strings=templates.ui.annotate_strings, index_url=index_url)

    def _source(self, path: str) -> dict[str, Any] | None:
        """The lesson file as the drafts are inserted into it, or None if it cannot be read now."""
        try:
            text = read_text(resolve_inside(self.root, path))
        except (UnsafePath, UnreadableFile):
            return None
        return _lesson_source(text)

    def new_lesson_page(self, templates: Templates, catalogue: Catalogue, new: NewLesson,
                        index_url: str | None = None) -> Markup:
        """An article without a lesson, shown as a lesson page shows it, with the drafting panel."""
        draft = Lesson(slug=new.slug, path=new.path, title=new.article.headline, summary="", article=new.article)
        return templates.render("new_lesson.html", article=new.article, id_prefix="",
                                text=render_article(draft, catalogue, ui=templates.ui),
                                panel=self.panel(templates, catalogue, new=new, index_url=index_url))

    def index_page(self, templates: Templates, lessons: list[tuple[str, str, str]],
                   new: list[tuple[NewLesson, str]]) -> Markup:
        """Where annotating starts: each lesson (title, file, URL) and each article without a lesson."""
        return templates.render("annotate_index.html", lessons=lessons, new=new,
                                linked=self.repository.repo_url is not None)


#: The titles of the annotate-mode pages, in English (the msgids of their translations).
TITLES = {"annotate-index": "Annotate", "new-lesson": "New lesson: %(title)s"}
