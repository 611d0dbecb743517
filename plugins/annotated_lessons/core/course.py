"""Loading a whole course: the catalogue, every lesson and every article they name.

This is the one entry point the command line, the Markdown extension and the MkDocs
plugin share. Articles are read once however many lessons use them, and every problem
in every file is collected in one pass.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
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


def digest(text: str) -> bytes:
    return hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=16).digest()


@dataclass
class _LessonEntry:
    text_digest: bytes
    catalogue: Catalogue
    articles: dict[str, Article | str]  # what each article path the lesson named resolved to
    lesson: Lesson | None
    problems: list[Diagnostic]


@dataclass
class CourseCache:
    """Results of earlier loads, reused while the files they came from are unchanged.

    ``mkdocs serve`` rebuilds the whole site on every edit; with a cache only the edited
    lesson (or the lessons on an edited article or catalogue) are parsed and anchored
    again. Entries are keyed by file content, not modification time, so a touched but
    unchanged file costs nothing and an edit is never missed.
    """

    catalogue: tuple[bytes, Catalogue, list[Diagnostic]] | None = None
    articles: dict[str, tuple[bytes, Article, list[Diagnostic]]] = field(default_factory=dict)
    lessons: dict[str, _LessonEntry] = field(default_factory=dict)
    hits: int = 0
    misses: int = 0


class ArticleCache:
    """Reads each article once per course load and keeps paths inside the course."""

    def __init__(self, config: CourseConfig, memo: dict[str, tuple[bytes, Article, list[Diagnostic]]] | None = None):
        self.config = config
        self.articles: dict[str, Article] = {}
        self.diagnostics: list[Diagnostic] = []
        self._failed: dict[str, str] = {}
        self._memo = memo if memo is not None else {}

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
                    article, problems = self._parse(path)
                except UnicodeDecodeError as exc:
                    message = f"the article '{relative_path}' is not UTF-8 text ({exc.reason})"
                else:
                    self.diagnostics.extend(problems)
                    self.articles[key] = article
                    return article
        self._failed[key] = message
        return message

    def _parse(self, path: Path) -> tuple[Article, list[Diagnostic]]:
        text = read_text(path)
        rel = relative(self.config, path)
        key = digest(text)
        cached = self._memo.get(rel)
        if cached is not None and cached[0] == key:
            return cached[1], cached[2]
        article, problems = parse_article(text, rel)
        self._memo[rel] = (key, article, problems)
        return article, problems


def _catalogue(config: CourseConfig, cache: CourseCache) -> tuple[Catalogue, list[Diagnostic]]:
    path = config.root / config.techniques
    try:
        key = digest(read_text(path)) if path.is_file() else b""
    except UnicodeDecodeError:
        key = b"not-utf8"
    if cache.catalogue is not None and cache.catalogue[0] == key and key:
        return cache.catalogue[1], cache.catalogue[2]
    catalogue, problems = load_catalogue(config)
    cache.catalogue = (key, catalogue, problems)
    return catalogue, problems


Progress = Callable[[int, int, str], None]
"""Called as ``progress(done, total, path)`` after each lesson, for long runs a person waits on."""


def load_course(config: CourseConfig, cache: CourseCache | None = None, progress: Progress | None = None) -> Course:
    """Load, validate and anchor everything in a course; never raises on bad content.

    Pass the same ``cache`` to successive calls to skip lessons whose lesson file,
    article and catalogue are all unchanged.
    """
    cache = cache if cache is not None else CourseCache()
    catalogue, diagnostics = _catalogue(config, cache)
    course = Course(config, catalogue, diagnostics=list(diagnostics))
    articles = ArticleCache(config, memo=cache.articles)
    files = lesson_files(config)
    seen: set[str] = set()
    for done, (slug, path) in enumerate(files, 1):
        rel = relative(config, path)
        seen.add(rel)
        try:
            text = read_text(path)
        except UnicodeDecodeError as exc:
            course.diagnostics.append(Diagnostic(rel, 1, 1, f"not UTF-8 text: {exc.reason}", "not-utf8"))
            continue
        key = digest(text)
        entry = cache.lessons.get(rel)
        if (entry is not None and entry.text_digest == key and entry.catalogue is catalogue
                and all(articles(name) is result or articles(name) == result
                        for name, result in entry.articles.items())):
            cache.hits += 1
        else:
            cache.misses += 1
            used: dict[str, Article | str] = {}

            def recording(name: str, used: dict[str, Article | str] = used) -> Article | str:
                used[name] = articles(name)
                return used[name]

            lesson, problems = parse_lesson(text, rel, slug, catalogue, recording)
            entry = _LessonEntry(key, catalogue, used, lesson, problems)
            cache.lessons[rel] = entry
        course.diagnostics.extend(entry.problems)
        if entry.lesson is not None:
            course.lessons[slug] = entry.lesson
        if progress is not None:
            progress(done, len(files), rel)
    for stale in set(cache.lessons) - seen:
        del cache.lessons[stale]
    course.diagnostics.extend(articles.diagnostics)
    course.diagnostics = sort_diagnostics(course.diagnostics)
    course.articles = articles.articles
    return course
