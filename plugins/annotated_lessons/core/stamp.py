"""Writing provenance into a lesson file without disturbing anything else in it.

The file is edited as text, line by line, at positions the YAML parser reports, so
comments, block scalars and key order survive. Each passage gets ``at:`` below its
``id:`` line (or as its first key when it has no plain ``id:`` line first), and the
lesson gets ``article_sha256:`` at the top level.
"""

from __future__ import annotations

import re

from .lesson import Lesson
from .provenance import article_digest
from .yaml_source import load_located

_HASH_LINE = re.compile(r"^article_sha256:.*$", re.M)
_DIGITS = re.compile(r"\d+")
_ID_LINE = re.compile(r"id:[ \t]+[a-z0-9]+(?:-[a-z0-9]+)*[ \t]*(?:#.*)?")


def stamp_lesson(text: str, lesson: Lesson) -> str:
    """``text`` with the current article hash and passage positions recorded."""
    doc = load_located(text, lesson.path)
    data = doc.data
    lines = text.split("\n")
    by_line = {a.line: a for a in lesson.annotations}
    edits: list[tuple[int, int, bool, int]] = []  # (line index, column index, replace?, start), applied bottom-up
    for key in ("annotations", "clean"):
        items = data.get(key) if isinstance(data, dict) else None
        for i, item in enumerate(items if isinstance(items, list) else []):
            if not isinstance(item, dict):
                continue
            start = doc.at((key, i))
            annotation = by_line.get(start.line)
            if annotation is None:
                continue
            if "at" in item:
                where = doc.at((key, i, "at"))
                edits.append((where.line - 1, where.col - 1, True, annotation.span.start))
            else:
                edits.append((start.line - 1, start.col - 1, False, annotation.span.start))
    for line, col, replace, value in sorted(edits, reverse=True):
        if replace:
            digits = _DIGITS.match(lines[line], col)  # the position is that of the value
            end = digits.end() if digits else col
            lines[line] = lines[line][:col] + str(value) + lines[line][end:]
        elif _ID_LINE.fullmatch(lines[line][col:]):  # `- id: x` on its own line: `at` goes just below it
            lines.insert(line + 1, " " * col + f"at: {value}")
        else:  # before the first key, which is valid whatever that key holds
            lines[line:line + 1] = [lines[line][:col] + f"at: {value}", " " * col + lines[line][col:]]
    text = "\n".join(lines)
    digest = f"article_sha256: {article_digest(lesson.article)}"
    if _HASH_LINE.search(text):
        return _HASH_LINE.sub(digest, text, count=1)
    return text.rstrip("\n") + "\n\n" + digest + "\n"
