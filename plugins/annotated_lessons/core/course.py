"""Loading a whole course: the catalogue, every lesson and every article they name.

This is the one entry point the command line, the Markdown extension and the MkDocs
plugin share. Articles are read once however many lessons use them, and every problem
in every file is collected in one pass.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path, PurePosixPath
from typing import Any

from .article import Article, parse_article
from .catalogue import Catalogue, parse_catalogue
from .diagnostics import Diagnostic, sort_diagnostics
from .files import UnreadableFile, read_text
from .lesson import Lesson, parse_lesson
from .order import COURSE_FILE, Unit, load_units
from .paths import REASONS, UnsafePath, inside, is_hidden, resolve_inside, resolved, shorten
from .slugs import LESSON_SUFFIXES, lesson_slug_problem, suggest_slug


@dataclass(frozen=True)
class CourseConfig:
    """Where a course keeps its files; paths are relative to ``root`` (the mkdocs.yml folder)."""

    root: Path
    lessons_dir: str = "lessons"
    techniques: str = "lessons/techniques.yml"
    require_answers: bool = False  # warn (question-without-answer) on a question with no expected answer


@dataclass
class Course:
    config: CourseConfig
    catalogue: Catalogue
    lessons: dict[str, Lesson] = field(default_factory=dict)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    articles: dict[str, Article] = field(default_factory=dict)
    #: The lessons in course order, grouped in units (see :mod:`.order`); ``lessons`` follows the same order.
    units: list[Unit] = field(default_factory=list)
    #: Digests of what each page is made from (see :class:`Fingerprints`), for reusing what was rendered.
    fingerprints: Fingerprints = field(default_factory=lambda: Fingerprints())

    @property
    def ok(self) -> bool:
        return not any(d.is_error for d in self.diagnostics)


@dataclass
class Fingerprints:
    """Digests of the files each part of a course comes from: equal digests, equal pages.

    A lesson's covers its file, the catalogue and every article it named (or why one could
    not be read); a technique's, the catalogue and, in course order, every lesson with an
    example of it; the course's, the catalogue, the units and every lesson in order. A
    renderer that keys what it made on these (and on its templates, language and page)
    can reuse it across the rebuilds of ``mkdocs serve`` and never show a stale page.
    """

    catalogue: bytes = b""
    lessons: dict[str, bytes] = field(default_factory=dict)
    techniques: dict[str, bytes] = field(default_factory=dict)
    course: bytes = b""


MESSAGES = {
    "bad-name": "'{name}' cannot name a lesson: {problem}",
    "bad-name-hint": "rename the file to {suggestion}",
    "name-taken": "this file gives the lesson name '{slug}', which {other} already has",
    "name-taken-hint": "lesson names must differ in more than case and suffix; rename one of the files",
    "unsafe-lesson": "this lesson file {reason}; it is not read",
    "unsafe-folder": "the folder {name} {reason}; nothing in it is read",
    "unsafe-lessons-dir": "the lessons folder '{name}' {reason}; no lesson is read",
    "unsafe-catalogue": "the technique catalogue path '{name}' {reason}; it is not read",
    "catalogue-missing": "the technique catalogue is missing",
    "catalogue-missing-hint": "create it with a 'techniques:' list, or set the 'techniques' option to its path",
    "unsafe-article": "the article path '{name}' {reason}",
    "article-missing": "the article '{name}' {problem}",
    "internal-error": "this file could not be checked: an unexpected {error} in the checker",
    "internal-error-hint": "this is a bug in mkdocs-annotated-lessons; please report it with the file attached. "
                           "The rest of the course is built without it",
}


@dataclass
class LessonFiles:
    """The lesson files of a course, and the problems with the names and places of the others."""

    found: list[tuple[str, Path]] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)


def lessons_folder(config: CourseConfig) -> tuple[Path | None, Diagnostic | None]:
    """The resolved lessons folder, or why it may not be read (None, None when it does not exist)."""
    try:
        base = resolve_inside(config.root, config.lessons_dir)
    except UnsafePath as unsafe:
        return None, Diagnostic(config.lessons_dir, 1, 1, MESSAGES["unsafe-lessons-dir"].format(
            name=config.lessons_dir, reason=unsafe.explanation), "unsafe-path")
    return (base if base.is_dir() else None), None


def find_lesson_files(config: CourseConfig) -> LessonFiles:
    """Every lesson file under ``lessons_dir`` (sorted by slug), and a diagnostic for each file refused.

    Files and folders starting with ``.`` (hidden) or ``_`` (drafts) are skipped. The
    rest must have a slug for a name (see :mod:`.slugs`), be a regular file and, links
    followed, stay inside the course and out of hidden folders. Folders are walked
    once each, so a link loop ends.
    """
    result = LessonFiles()
    base, problem = lessons_folder(config)
    if problem is not None:
        result.diagnostics.append(problem)
    if base is None:
        return result
    root = config.root.resolve()
    catalogue = resolved(config.root / config.techniques)
    shown_base = PurePosixPath(config.lessons_dir)
    visited = {base}
    pending: list[tuple[Path, PurePosixPath]] = [(base, PurePosixPath())]
    by_name: dict[str, str] = {}
    while pending:
        folder, under = pending.pop()
        try:
            entries = sorted(os.scandir(folder), key=lambda e: e.name)
        except OSError:
            continue
        for entry in entries:
            name = entry.name
            if name.startswith((".", "_")):
                continue  # hidden files and drafts (_draft.yml) are not lessons
            rel_under = under / name
            shown = (shown_base / rel_under).as_posix()
            real = resolved(Path(entry.path))
            if real is None:
                continue
            within = inside(root, real)
            is_dir = real.is_dir()
            if not is_dir and (Path(name).suffix not in LESSON_SUFFIXES or real == catalogue
                               or (name == COURSE_FILE and not under.parts)):
                continue  # not lessons: other files, the catalogue, the course order
            if within is None or is_hidden(within.split("/")):
                reason = REASONS["outside" if within is None else "hidden"]
                message = (MESSAGES["unsafe-folder"].format(name=shown, reason=reason) if is_dir
                           else MESSAGES["unsafe-lesson"].format(reason=reason))
                result.diagnostics.append(Diagnostic(shown, 1, 1, message, "unsafe-path"))
                continue
            if is_dir:
                if real not in visited:
                    visited.add(real)
                    pending.append((real, rel_under))
                continue
            slug = rel_under.with_suffix("").as_posix()
            why = lesson_slug_problem(slug)
            if why is not None:
                suggestion = (shown_base / suggest_slug(slug)).as_posix() + Path(name).suffix
                result.diagnostics.append(Diagnostic(
                    shown, 1, 1, MESSAGES["bad-name"].format(name=slug, problem=why), "bad-lesson-name",
                    hint=MESSAGES["bad-name-hint"].format(suggestion=suggestion)))
                continue
            taken = by_name.get(slug.casefold())
            if taken is not None:
                result.diagnostics.append(Diagnostic(
                    shown, 1, 1, MESSAGES["name-taken"].format(slug=slug, other=taken), "lesson-name-taken",
                    hint=MESSAGES["name-taken-hint"]))
                continue
            by_name[slug.casefold()] = shown
            result.found.append((slug, Path(entry.path)))
    result.found.sort()
    return result


def lesson_files(config: CourseConfig) -> list[tuple[str, Path]]:
    """``(slug, path)`` of every lesson file that may be read, sorted, the catalogue excluded."""
    return find_lesson_files(config).found


def relative(config: CourseConfig, path: Path) -> str:
    try:
        return path.resolve().relative_to(config.root.resolve()).as_posix()
    except (ValueError, OSError, RuntimeError):
        return path.as_posix()


def load_catalogue(config: CourseConfig) -> tuple[Catalogue, list[Diagnostic]]:
    catalogue, problems, _ = _read_catalogue(config)
    return catalogue, problems


def _read_catalogue(config: CourseConfig) -> tuple[Catalogue, list[Diagnostic], bytes]:
    """The catalogue, its problems and a digest of its text (empty when it could not be read)."""
    path_text = config.techniques
    empty = Catalogue(path_text)
    try:
        path = resolve_inside(config.root, path_text)
    except UnsafePath as unsafe:
        return empty, [Diagnostic(path_text, 1, 1, MESSAGES["unsafe-catalogue"].format(
            name=path_text, reason=unsafe.explanation), "unsafe-path")], b""
    try:
        text = read_text(path)
    except UnreadableFile as unreadable:
        if unreadable.problem == "missing":
            return empty, [Diagnostic(path_text, 1, 1, MESSAGES["catalogue-missing"], "catalogue-missing",
                                      hint=MESSAGES["catalogue-missing-hint"])], b""
        return empty, [unreadable.diagnostic(path_text, "the technique catalogue")], b""
    catalogue, problems = _guarded(path_text, lambda: parse_catalogue(text, path_text), (empty, []))
    return catalogue, problems, digest(text)


def _guarded(path: str, parse: Callable[[], tuple[Any, list[Diagnostic]]],
             fallback: tuple[Any, list[Diagnostic]]) -> tuple[Any, list[Diagnostic]]:
    """Run ``parse``; turn an unexpected exception into an ``internal-error`` diagnostic.

    This is a last resort, not the way bad content is handled: every known problem is
    reported where it is found, and the fuzz tests check that this never fires. It
    exists so that one file that trips a bug cannot take a whole site down in
    ``mkdocs serve`` or a non-strict build.
    """
    try:
        return parse()
    except Exception as exc:  # noqa: BLE001 - see the docstring
        value, problems = fallback
        return value, [*problems, Diagnostic(path, 1, 1, MESSAGES["internal-error"].format(
            error=type(exc).__name__), "internal-error", hint=MESSAGES["internal-error-hint"])]


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
        #: The digest of the text of each article read, by the path it was named by.
        self.digests: dict[str, bytes] = {}
        self.diagnostics: list[Diagnostic] = []
        self._failed: dict[str, str] = {}
        self._memo = memo if memo is not None else {}

    def __call__(self, relative_path: str) -> Article | str:
        key = relative_path
        if key in self.articles:
            return self.articles[key]
        if key in self._failed:
            return self._failed[key]
        shown = shorten(relative_path)
        try:
            path = resolve_inside(self.config.root, relative_path)
            article, problems, self.digests[key] = self._parse(path)
        except UnsafePath as unsafe:
            message = MESSAGES["unsafe-article"].format(name=shown, reason=unsafe.explanation)
        except UnreadableFile as unreadable:
            message = MESSAGES["article-missing"].format(name=shown, problem=unreadable.explanation)
        else:
            self.diagnostics.extend(problems)
            self.articles[key] = article
            return article
        self._failed[key] = message
        return message

    def _parse(self, path: Path) -> tuple[Article, list[Diagnostic], bytes]:
        text = read_text(path)
        rel = relative(self.config, path)
        key = digest(text)
        cached = self._memo.get(rel)
        if cached is not None and cached[0] == key:
            return cached[1], cached[2], key
        article, problems = parse_article(text, rel)
        self._memo[rel] = (key, article, problems)
        return article, problems, key

    def fingerprint(self, name: str) -> bytes:
        """What an article path named by a lesson stands for: its text's digest, or why it could not be read."""
        found = self.digests.get(name)
        return found if found is not None else b"!" + self._failed.get(name, "").encode("utf-8", "surrogatepass")


def _catalogue(config: CourseConfig, cache: CourseCache) -> tuple[Catalogue, list[Diagnostic], bytes]:
    """The catalogue, the one from ``cache`` when its text is unchanged (so lessons stay cached too), and its digest."""
    catalogue, problems, key = _read_catalogue(config)
    if cache.catalogue is not None and cache.catalogue[0] == key and key:
        return cache.catalogue[1], cache.catalogue[2], key
    cache.catalogue = (key, catalogue, problems)
    return catalogue, problems, key


Progress = Callable[[int, int, str], None]
"""Called as ``progress(done, total, path)`` after each lesson, for long runs a person waits on."""


def load_course(config: CourseConfig, cache: CourseCache | None = None, progress: Progress | None = None) -> Course:
    """Load, validate and anchor everything in a course; never raises on bad content.

    Pass the same ``cache`` to successive calls to skip lessons whose lesson file,
    article and catalogue are all unchanged.
    """
    cache = cache if cache is not None else CourseCache()
    catalogue, diagnostics, catalogue_text = _catalogue(config, cache)
    # Where the files are and how they are checked are inputs too (a source path may be shown).
    catalogue_key = _digest_of(repr((str(config.root), config.lessons_dir, config.techniques,
                                     config.require_answers)).encode("utf-8", "surrogatepass"), catalogue_text)
    course = Course(config, catalogue, diagnostics=list(diagnostics))
    articles = ArticleCache(config, memo=cache.articles)
    found = find_lesson_files(config)
    course.diagnostics.extend(found.diagnostics)
    files = found.found
    seen: set[str] = set()
    fingerprints: dict[str, bytes] = {}
    for done, (slug, path) in enumerate(files, 1):
        rel = relative(config, path)
        seen.add(rel)
        try:
            text = read_text(path)
        except UnreadableFile as unreadable:
            course.diagnostics.append(unreadable.diagnostic(rel))
            continue
        key = digest(text) + (b"+answers" if config.require_answers else b"")
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

            lesson, problems = _guarded(rel, partial(parse_lesson, text, rel, slug, catalogue, recording,
                                                         require_answers=config.require_answers),
                                        (None, []))
            entry = _LessonEntry(key, catalogue, used, lesson, problems)
            cache.lessons[rel] = entry
        course.diagnostics.extend(entry.problems)
        if entry.lesson is not None:
            course.lessons[slug] = entry.lesson
            fingerprints[slug] = _digest_of(entry.text_digest, rel.encode("utf-8", "surrogatepass"), catalogue_key, *(
                part for name in sorted(entry.articles) for part in (name.encode("utf-8", "surrogatepass"),
                                                                     articles.fingerprint(name))))
        if progress is not None:
            progress(done, len(files), rel)
    for stale in set(cache.lessons) - seen:
        del cache.lessons[stale]
    course.diagnostics.extend(articles.diagnostics)
    units, problems = load_units(config.root, config.lessons_dir, [slug for slug, _ in files])
    course.diagnostics.extend(problems)
    kept = [Unit(u.title, tuple(s for s in u.slugs if s in course.lessons)) for u in units]
    course.units = [u for u in kept if u.slugs]  # a lesson that failed to load has no place
    course.lessons = {slug: course.lessons[slug] for unit in course.units for slug in unit.slugs}
    course.diagnostics = sort_diagnostics(course.diagnostics)
    course.articles = articles.articles
    course.fingerprints = _fingerprints(course, catalogue_key, fingerprints)
    return course


def _digest_of(*parts: bytes) -> bytes:
    """One digest of several, each length-prefixed so that no two lists of parts run together."""
    hasher = hashlib.blake2b(digest_size=16)
    for part in parts:
        hasher.update(len(part).to_bytes(8, "little"))
        hasher.update(part)
    return hasher.digest()


def _fingerprints(course: Course, catalogue_key: bytes, lessons: dict[str, bytes]) -> Fingerprints:
    """The digests of :class:`Fingerprints` for a loaded course (lessons in course order)."""
    ordered = [(slug.encode("utf-8", "surrogatepass"), lessons[slug]) for slug in course.lessons]
    using: dict[str, list[bytes]] = {}
    for (slug, fingerprint), lesson in zip(ordered, course.lessons.values(), strict=True):
        for technique in dict.fromkeys(a.technique for a in lesson.technique_annotations if a.technique):
            using.setdefault(technique, []).extend((slug, fingerprint))
    units = [part for unit in course.units
             for part in (b"unit" if unit.title is None else b"titled:" + unit.title.encode("utf-8", "surrogatepass"), *(
                 s.encode("utf-8", "surrogatepass") for s in unit.slugs))]
    return Fingerprints(
        catalogue=catalogue_key,
        lessons={slug: lessons[slug] for slug in course.lessons},
        techniques={tid: _digest_of(catalogue_key, *using.get(tid, ())) for tid in course.catalogue.techniques},
        course=_digest_of(catalogue_key, *units, b"lessons", *(part for pair in ordered for part in pair)))
