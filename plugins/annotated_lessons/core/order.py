"""The order of a course's lessons and its units, set in one place: ``course.yml`` in the lessons folder.

A teacher lists the lessons in the order students should take them, optionally grouped
into titled units; the course index, the sidebar, previous/next links, the teacher
editions and the examples on technique pages all follow it. Without the file, lessons
come in the order of their file paths (so ``01-...``, ``02-...`` names set it).
Lessons the file leaves out come after the listed ones, with a warning, so a new lesson
is never hidden from students.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from pathlib import PurePosixPath
from typing import Any

from .diagnostics import Diagnostic, Severity
from .files import UnreadableFile, read_text
from .paths import UnsafePath, resolve_inside
from .suggest import closest
from .yaml_source import LocatedDocument, YamlProblem, load_located

#: The file's name, directly in the lessons folder; it is not a lesson.
COURSE_FILE = "course.yml"

MESSAGES = {
    "top": "course.yml holds a mapping with 'units:' (titled groups of lessons) or 'lessons:' (an order)",
    "top-hint": "for example:\nunits:\n  - title: First steps\n    lessons: [my-first-lesson]",
    "both": "give either 'units:' or 'lessons:', not both",
    "both-hint": "put the lessons inside the units",
    "key": "unknown key '{key}'",
    "key-hint": "did you mean '{suggestion}'?",
    "key-hint-any": "the keys are {keys}",
    "list": "'{key}' must be a list",
    "empty": "'{key}' is empty",
    "unit": "a unit is a mapping with 'title:' and 'lessons:'",
    "title": "a unit needs a 'title:' (text)",
    "slug": "a lesson is named by its slug (text, as in 'my-lesson' or 'unit-1/my-lesson')",
    "unknown": "there is no lesson '{slug}' in the lessons folder",
    "unknown-hint": "did you mean '{suggestion}'?",
    "unknown-hint-any": "a lesson's slug is its file's path in the lessons folder, without '.yml'",
    "twice": "lesson '{slug}' is listed twice (first on line {line})",
    "twice-hint": "a lesson has one place in the course; remove one of the lines",
    "left-out": "lesson '{slug}' is not listed in course.yml; it comes after the listed lessons",
    "left-out-hint": "add it to a unit (or to 'lessons:') to give it its place",
}
UNIT_KEYS = ("title", "lessons")
#: How many unknown slugs get a "did you mean" (each costs a pass over every lesson).
SUGGESTIONS = 20


@dataclass(frozen=True)
class Unit:
    """A titled group of lessons (``title`` None: the lessons of a course without units)."""

    title: str | None
    slugs: tuple[str, ...]


def order_path(lessons_dir: str) -> str:
    """The course file's path as shown in messages (relative to the course folder)."""
    return (PurePosixPath(lessons_dir) / COURSE_FILE).as_posix()


def default_units(slugs: Collection[str]) -> list[Unit]:
    """Without course.yml: one untitled unit, lessons by file path (the documented default)."""
    return [Unit(None, tuple(sorted(slugs)))] if slugs else []


def load_units(root: Any, lessons_dir: str, slugs: Collection[str]) -> tuple[list[Unit], list[Diagnostic]]:
    """The units of the course in ``root`` whose lesson files have ``slugs``, and every problem with course.yml."""
    shown = order_path(lessons_dir)
    try:
        path = resolve_inside(root, shown)
        text = read_text(path)
    except (UnsafePath, UnreadableFile):
        return default_units(slugs), []  # no course file (an unsafe one is reported with the lessons folder)
    try:
        document = load_located(text, shown)
    except YamlProblem as problem:
        return default_units(slugs), [problem.diagnostic]
    return _Reader(document, shown, slugs).units()


class _Reader:
    def __init__(self, document: LocatedDocument, path: str, slugs: Collection[str]):
        self.doc, self.path, self.known = document, path, set(slugs)
        self.problems: list[Diagnostic] = []
        self.seen: dict[str, int] = {}
        self.unknown = 0

    def problem(self, where: tuple[str | int, ...], message: str, code: str, hint: str | None = None,
                severity: Severity = Severity.ERROR, key: bool = False) -> None:
        pos = self.doc.key_at(where) if key else self.doc.at(where)
        self.problems.append(Diagnostic(self.path, pos.line, pos.col, message, code, severity, hint))

    def units(self) -> tuple[list[Unit], list[Diagnostic]]:
        data = self.doc.data
        if not isinstance(data, dict) or not ({"units", "lessons"} & set(data)):
            self.problem((), MESSAGES["top"], "course-order", MESSAGES["top-hint"])
            return default_units(self.known), self.problems
        for key in data:
            if key not in ("units", "lessons"):
                suggestion = closest(key, ("units", "lessons"))
                self.problem((key,), MESSAGES["key"].format(key=key), "course-order-key", key=True,
                             hint=MESSAGES["key-hint"].format(suggestion=suggestion) if suggestion else None)
        if "units" in data and "lessons" in data:
            self.problem(("lessons",), MESSAGES["both"], "course-order", MESSAGES["both-hint"], key=True)
        units: list[Unit] = []
        if "units" in data:
            for index, entry in enumerate(self.listed(data["units"], ("units",))):
                unit = self.unit(entry, ("units", index))
                if unit is not None:
                    units.append(unit)
        else:
            units.append(Unit(None, tuple(self.slugs(data["lessons"], ("lessons",)))))
        left = sorted(self.known - set(self.seen))
        anchor = ("units",) if "units" in data else ("lessons",)
        for slug in left:
            self.problem(anchor, MESSAGES["left-out"].format(slug=slug), "lesson-not-in-course",
                         MESSAGES["left-out-hint"], Severity.WARNING, key=True)
        if left:
            units.append(Unit(None, tuple(left)))
        return [u for u in units if u.slugs or u.title], self.problems

    def listed(self, value: Any, where: tuple[str | int, ...]) -> list[Any]:
        key = str(where[-1])
        if not isinstance(value, list):
            self.problem(where, MESSAGES["list"].format(key=key), "course-order")
            return []
        if not value:
            self.problem(where, MESSAGES["empty"].format(key=key), "course-order")
        return value

    def unit(self, entry: Any, where: tuple[str | int, ...]) -> Unit | None:
        if not isinstance(entry, dict):
            self.problem(where, MESSAGES["unit"], "course-order")
            return None
        for key in entry:
            if key not in UNIT_KEYS:
                suggestion = closest(key, UNIT_KEYS)
                hint = (MESSAGES["key-hint"].format(suggestion=suggestion) if suggestion
                        else MESSAGES["key-hint-any"].format(keys=", ".join(UNIT_KEYS)))
                self.problem((*where, key), MESSAGES["key"].format(key=key), "course-order-key", hint, key=True)
        title = entry.get("title")
        if not isinstance(title, str) or not title.strip():
            self.problem((*where, "title") if "title" in entry else where, MESSAGES["title"], "course-order")
            title = None
        slugs = self.slugs(entry.get("lessons"), (*where, "lessons")) if "lessons" in entry else []
        if "lessons" not in entry:
            self.problem(where, MESSAGES["unit"], "course-order")
        return Unit(title.strip() if title else None, tuple(slugs))

    def slugs(self, value: Any, where: tuple[str | int, ...]) -> list[str]:
        found = []
        for index, slug in enumerate(self.listed(value, where)):
            at = (*where, index)
            if not isinstance(slug, str) or not slug.strip():
                self.problem(at, MESSAGES["slug"], "course-order")
                continue
            slug = slug.strip()
            if slug not in self.known:
                self.unknown += 1  # suggestions cost a comparison with every lesson: a few are enough
                suggestion = closest(slug, self.known) if self.unknown <= SUGGESTIONS else None
                hint = (MESSAGES["unknown-hint"].format(suggestion=suggestion) if suggestion
                        else MESSAGES["unknown-hint-any"])
                self.problem(at, MESSAGES["unknown"].format(slug=slug), "unknown-lesson", hint)
                continue
            if slug in self.seen:
                self.problem(at, MESSAGES["twice"].format(slug=slug, line=self.seen[slug]), "lesson-listed-twice",
                             MESSAGES["twice-hint"])
                continue
            self.seen[slug] = self.doc.at(at).line
            found.append(slug)
        return found
