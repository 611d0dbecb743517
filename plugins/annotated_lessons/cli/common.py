"""What every ``lessons`` command shares: exit codes, usage errors, reading a course or an article, progress.

The command modules import from here and :mod:`.main` imports the command modules, so
nothing imports :mod:`.main` back: there is no import loop to break with late imports.
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path
from typing import Any, TextIO

import click

from ..core.article import Article, parse_article
from ..core.course import CourseConfig
from ..core.diagnostics import printable
from ..core.files import UnreadableFile, read_text
from ..core.paths import UnsafePath, resolve_inside, shorten
from ..core.writing import WriteRefused

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2

MESSAGES = {
    "no-folder": "no such folder: {shown}",
    "not-text": "{option} is not valid text (it holds bytes that are not UTF-8)",
    "article-unsafe": "the article {shown} {reason}",
    "article-outside": "the article {shown} is outside the course folder {root}",
    "no-article": "no such article: {shown}",
    "not-whole": "{value!r} is not a whole number",
    "below-one": "{value} is not 1 or more (matches are counted from 1)",
}

# Options several commands take, with one wording everywhere.
COURSE_HELP = "The course folder (where mkdocs.yml is); default: the current folder."
FORCE_HELP = "Replace files that exist (nothing is replaced without it)."


# Where a course may keep the lesson schema, for editors' completion (`lessons schema` writes one).
SCHEMA_FILES = ("plugins/annotated_lessons/schema/lesson.schema.json", "lesson.schema.json")


def schema_reference(config: CourseConfig, depth: int) -> str | None:
    """The schema's path as seen from a lesson ``depth`` folders below the course, or None when it has none.

    A new lesson names the schema only when the course holds it, so no file points at a
    path that exists only in this project's repository.
    """
    for candidate in SCHEMA_FILES:
        if (config.root / candidate).is_file():
            return "../" * depth + candidate
    return None


class UsageError(Exception):
    """A command line that cannot run: printed as ``lessons COMMAND: MESSAGE``, exit 2."""


def refused(command: str, problem: WriteRefused) -> int:
    """Report a write that did not happen, as ``lessons COMMAND: why``; return its exit code."""
    print(f"lessons {command}: {problem}", file=sys.stderr)
    return problem.code


def course_root(given: str) -> Path:
    """The course folder a command works on; a usage error when it does not exist."""
    root = Path(given)
    if not root.is_dir():
        raise UsageError(MESSAGES["no-folder"].format(shown=printable(shorten(str(root)))))
    return root


def plain_argument(value: str | None, option: str) -> str | None:
    """A command-line value, refused when it carries bytes that are not UTF-8 (no file could store them)."""
    if value is not None:
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            raise UsageError(MESSAGES["not-text"].format(option=option)) from None
    return value


def course_article(config: CourseConfig, given: str) -> tuple[Article, str]:
    """Read an article named on the command line (relative to the course folder, or absolute inside it).

    The path gets the checks a lesson's ``article:`` gets: inside the course once links
    are followed, in no hidden folder, a regular UTF-8 file.
    """
    shown = printable(shorten(given))
    try:
        root = config.root.resolve()
        path = Path(given)
        relative_path = path.resolve().relative_to(root).as_posix() if path.is_absolute() else given
        target = resolve_inside(root, relative_path)
    except UnsafePath as unsafe:
        raise UsageError(MESSAGES["article-unsafe"].format(shown=shown, reason=unsafe.explanation)) from None
    except (ValueError, OSError, RuntimeError):
        raise UsageError(MESSAGES["article-outside"].format(shown=shown, root=printable(str(config.root)))) from None
    relative_path = target.relative_to(root).as_posix()
    try:
        text = read_text(target)
    except UnreadableFile as unreadable:
        if unreadable.problem == "missing":
            raise UsageError(MESSAGES["no-article"].format(shown=shown)) from None
        raise UsageError(MESSAGES["article-unsafe"].format(shown=shown, reason=unreadable.explanation)) from None
    article, _ = parse_article(text, relative_path)
    return article, relative_path


class PositiveInt(click.ParamType):
    """A whole number from 1 up (``--occurrence 0`` is a usage error, with why)."""

    name = "N"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> int:
        if isinstance(value, int):
            number = value
        else:
            try:
                number = int(value)
            except (TypeError, ValueError):
                self.fail(MESSAGES["not-whole"].format(value=value), param, ctx)
        if number < 1:
            self.fail(MESSAGES["below-one"].format(value=number), param, ctx)
        return number


class Progress:
    """click's progress bar for runs a person waits on, called as ``progress(done, total, item)``.

    Shown only when the stream is a terminal and ``CI`` is not set, so logs stay clean in CI
    and when output is piped, and only once a run has lasted ``delay`` seconds, so short
    runs never flash a bar.
    """

    def __init__(self, label: str, stream: TextIO | None = None, delay: float = 0.5):
        self.stream = stream or sys.stderr
        self.label = label
        self.enabled = _is_terminal(self.stream) and not os.environ.get("CI")
        self.start = time.monotonic()
        self.delay = delay
        self.bar: Any = None

    def __call__(self, done: int, total: int, item: str) -> None:
        if not self.enabled or time.monotonic() - self.start < self.delay:
            return
        if self.bar is None:
            self.bar = click.progressbar(length=total, label=self.label, file=self.stream, show_pos=True,
                                         show_percent=False, item_show_func=_shown_item)
            self.bar.__enter__()
        self.bar.update(done - self.bar.pos, item)

    def finish(self) -> None:
        if self.bar is not None:
            self.bar.__exit__(None, None, None)
            self.bar = None


def _shown_item(item: str | None) -> str | None:
    return printable(item)[:60] if item else None


def _is_terminal(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False
