"""Placeholders a scaffold leaves (``TODO``, ``I can ...``, a note of ``...``), found by ``lessons check``.

``lessons new`` and ``lessons import`` write lessons that load and build, so nothing else
would notice a note never written. Each placeholder is a warning at its value's line and
column: a course can be previewed half-written, and ``--strict`` (CI) refuses to publish it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from ..core.course import Course
from ..core.diagnostics import Diagnostic, Severity
from ..core.fields import dotted
from ..core.files import UnreadableFile, read_text
from ..core.paths import UnsafePath, resolve_inside
from ..core.yaml_source import PathKey, YamlProblem, load_located

CODE = "placeholder"
MESSAGES = {
    "todo": "'{where}' still holds a placeholder ({word}) from the scaffold",
    "unfinished": "'{where}' is unfinished ('{text}')",
    "empty": "'{where}' holds no text, only '{text}'",
    "hint": "write the text, or remove the item; `lessons check --strict` fails while placeholders are left",
}

_MARKER = re.compile(r"\b(TODO|FIXME|TBD|XXX)\b")
_ONLY_DOTS = re.compile(r"[\s.\u2026?_-]*")
_UNFINISHED = re.compile(r"\s*\S+(?:\s+\S+){0,2}\s*(?:\.\.\.|\u2026)\s*")  # "I can ...", not a long sentence
# Any placeholder leaves one of these in the file's text; a lesson without one is not parsed again,
# so a course with no placeholder is checked almost as fast as before.
_CANDIDATE = re.compile(r"TODO|FIXME|TBD|XXX|\.\.\.|\u2026|:[ \t]+[\"']?[-?_.]*[\"']?[ \t]*(?:#.*)?$", re.M)
# Values copied from the article or naming things, where "TBD" or "..." may be the article's own words.
NOT_PROSE = frozenset({"quote", "prefix", "suffix", "article", "article_sha256", "id", "technique", "at", "url"})
SHORT = 80  # the unfinished-phrase test runs on short values only, so it stays cheap
MAX_VALUES = 100_000  # a lesson has hundreds at most; a hostile one cannot make the walk long


def placeholders(course: Course) -> list[Diagnostic]:
    """A warning for each placeholder in the lessons of ``course`` that loaded."""
    found: list[Diagnostic] = []
    for lesson in course.lessons.values():
        try:
            text = read_text(resolve_inside(course.config.root, lesson.path))
            if not _CANDIDATE.search(text):
                continue
            document = load_located(text, lesson.path)
        except (UnreadableFile, UnsafePath, YamlProblem):
            continue  # already reported by the loader
        for where, value in _strings(document.data, ()):
            key = next((part for part in reversed(where) if isinstance(part, str)), "")
            if key in NOT_PROSE:
                continue
            problem = _problem(value)
            if problem is not None:
                position = document.at(where)
                message, word = problem
                found.append(Diagnostic(lesson.path, position.line, position.col,
                                        MESSAGES[message].format(where=dotted(where), word=word, text=value.strip()[:40]),
                                        CODE, Severity.WARNING, hint=MESSAGES["hint"]))
    return found


def _problem(value: str) -> tuple[str, str] | None:
    marker = _MARKER.search(value)
    if marker:
        return "todo", marker.group()
    if _ONLY_DOTS.fullmatch(value) and value.strip():
        return "empty", ""
    if len(value) < SHORT and _UNFINISHED.fullmatch(value):
        return "unfinished", ""
    return None


def _strings(value: Any, where: PathKey) -> Iterator[tuple[PathKey, str]]:
    stack: list[tuple[PathKey, Any]] = [(where, value)]
    seen = 0
    while stack and seen < MAX_VALUES:
        seen += 1
        path, item = stack.pop()
        if isinstance(item, str):
            yield path, item
        elif isinstance(item, dict):
            stack.extend(((*path, str(k)), v) for k, v in reversed(list(item.items())))
        elif isinstance(item, list):
            stack.extend(((*path, i), v) for i, v in reversed(list(enumerate(item))))

