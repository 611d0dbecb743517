"""Loading a whole course: the catalogue, every lesson and every article they name.

This is the one entry point the command line, the Markdown extension and the MkDocs
plugin share. Articles are read once however many lessons use them, and every problem
in every file is collected in one pass.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .article import Article, parse_article
from .catalogue import Catalogue, parse_catalogue
from .diagnostics import Diagnostic, sort_diagnostics
from .lesson import Lesson, parse_lesson
from .paths import OutsideCourse, resolve_inside

LESSON_SUFFIXES = (".yml", ".yaml")


@dataclass(frozen=True)
class CourseConfig:
    """Where a course keeps its files; paths are relative to ``root`` (the mkdocs.yml folder)."""

    root: Path
    lessons_dir: str = "lessons"
    techniques: str = "lessons/techniques.yml"


@dataclass
class Course:
    config: CourseConfig
    catalogue: Catalogue
    lessons: dict[str, Lesson] = field(default_factory=dict)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    articles: dict[str, Article] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not any(d.is_error for d in self.diagnostics)


def lesson_files(config: CourseConfig) -> list[tuple[str, Path]]:
    """``(slug, path)`` of every lesson file, sorted, the catalogue excluded."""
    base = config.root / config.lessons_dir
    if not base.is_dir():
        return []
    catalogue = (config.root / config.techniques).resolve()
    found = []
    for path in base.rglob("*"):
        if path.suffix in LESSON_SUFFIXES and path.is_file() and path.resolve() != catalogue:
            if any(part.startswith((".", "_")) for part in path.relative_to(base).parts):
                continue  # hidden files and drafts (_draft.yml) are not lessons
            slug = path.relative_to(base).with_suffix("").as_posix()
            found.append((slug, path))
    return sorted(found)


def relative(config: CourseConfig, path: Path) -> str:
    try:
        return path.resolve().relative_to(config.root.resolve()).as_posix()
    except ValueError:
        return path.as_posix()


def read_text(path: Path) -> str:
    return path.read_bytes().decode("utf-8-sig")


def load_catalogue(config: CourseConfig) -> tuple[Catalogue, list[Diagnostic]]:
    path = config.root / config.techniques
    if not path.is_file():
        return Catalogue(config.techniques), [Diagnostic(
            config.techniques, 1, 1, "the technique catalogue is missing", "catalogue-missing",
            hint="create it with a 'techniques:' list, or set the 'techniques' option to its path")]
    try:
        text = read_text(path)
    except UnicodeDecodeError as exc:
        return Catalogue(config.techniques), [Diagnostic(config.techniques, 1, 1, f"not UTF-8 text: {exc.reason}",
                                                         "not-utf8")]
    return parse_catalogue(text, config.techniques)


class ArticleCache:
    """Reads each article once per course load and keeps paths inside the course."""

    def __init__(self, config: CourseConfig):
        self.config = config
        self.articles: dict[str, Article] = {}
        self.diagnostics: list[Diagnostic] = []
        self._failed: dict[str, str] = {}

    def __call__(self, relative_path: str) -> Article | str:
        key = relative_path
        if key in self.articles:
            return self.articles[key]
        if key in self._failed:
            return self._failed[key]
        try:
            path = resolve_inside(self.config.root, relative_path)
        except OutsideCourse:
            message = f"the article path '{relative_path}' is outside the course folder"
        else:
            if not path.is_file():
                message = f"the article '{relative_path}' does not exist"
            else:
                try:
                    article, problems = parse_article(read_text(path), relative(self.config, path))
                except UnicodeDecodeError as exc:
                    message = f"the article '{relative_path}' is not UTF-8 text ({exc.reason})"
                else:
                    self.diagnostics.extend(problems)
                    self.articles[key] = article
                    return article
        self._failed[key] = message
        return message


def load_course(config: CourseConfig) -> Course:
    """Load, validate and anchor everything in a course; never raises on bad content."""
    catalogue, diagnostics = load_catalogue(config)
    course = Course(config, catalogue, diagnostics=list(diagnostics))
    articles = ArticleCache(config)
    for slug, path in lesson_files(config):
        rel = relative(config, path)
        try:
            text = read_text(path)
        except UnicodeDecodeError as exc:
            course.diagnostics.append(Diagnostic(rel, 1, 1, f"not UTF-8 text: {exc.reason}", "not-utf8"))
            continue
        lesson, problems = parse_lesson(text, rel, slug, catalogue, articles)
        course.diagnostics.extend(problems)
        if lesson is not None:
            course.lessons[slug] = lesson
    course.diagnostics.extend(articles.diagnostics)
    course.diagnostics = sort_diagnostics(course.diagnostics)
    course.articles = articles.articles
    return course
