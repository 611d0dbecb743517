"""Reading a course file: a regular file only, decoded as UTF-8, every failure a message.

A FIFO named ``x.yml`` would block a build forever, a device could be read without end,
and a file that is not UTF-8 deserves the line and column of its first bad byte rather
than a codec's exception. The file is opened without blocking and checked with
``fstat`` on the open descriptor, so nothing can be swapped in between the check and
the read.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from .diagnostics import Diagnostic

BOM = b"\xef\xbb\xbf"

# How a file cannot be read, for messages: "the article 'x' {problem}".
PROBLEMS = {
    "missing": "does not exist",
    "folder": "is a folder, not a file",
    "not-regular": "is not a regular file (a pipe, socket or device)",
    "unreadable": "cannot be read ({reason})",
    "not-utf8": "is not UTF-8 text: {reason} at line {line}, column {col}",
}


class UnreadableFile(Exception):
    """A file that cannot be read as text; ``problem`` is a key of :data:`PROBLEMS`."""

    def __init__(self, problem: str, **details: str | int):
        self.problem = problem
        self.details = details
        super().__init__(self.explanation)

    @property
    def explanation(self) -> str:
        return PROBLEMS[self.problem].format(**self.details)

    def diagnostic(self, path: str, what: str = "this file") -> Diagnostic:
        """A diagnostic at the file itself (at the first bad byte when it is not UTF-8)."""
        line, col = int(self.details.get("line", 1)), int(self.details.get("col", 1))
        return Diagnostic(path, line, col, f"{what} {self.explanation}",
                          "not-utf8" if self.problem == "not-utf8" else "file-unreadable",
                          hint=HINTS.get(self.problem))


HINTS = {
    "not-utf8": "save the file as UTF-8 (most editors offer it under 'Save with encoding')",
    "not-regular": "course files are plain files; replace it with one",
}


def read_bytes(path: Path) -> bytes:
    """The bytes of a regular file; raise :class:`UnreadableFile` for anything else."""
    problem = file_problem(path)
    if problem is not None:
        raise problem
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_BINARY", 0)
    try:
        fd = os.open(path, flags)
    except FileNotFoundError:
        raise UnreadableFile("missing") from None
    except IsADirectoryError:
        raise UnreadableFile("folder") from None
    except (OSError, ValueError) as exc:
        raise UnreadableFile("unreadable", reason=_reason(exc)) from None
    try:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            raise UnreadableFile("folder")
        if not stat.S_ISREG(info.st_mode):
            raise UnreadableFile("not-regular")
        with os.fdopen(fd, "rb", closefd=False) as stream:
            return stream.read()
    except OSError as exc:
        raise UnreadableFile("unreadable", reason=_reason(exc)) from None
    finally:
        os.close(fd)


def _reason(exc: BaseException) -> str:
    return getattr(exc, "strerror", None) or type(exc).__name__


def decode(data: bytes) -> str:
    """UTF-8 text without its byte-order mark; raise :class:`UnreadableFile` at the first bad byte."""
    data = data.removeprefix(BOM)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        good = data[:exc.start].decode("utf-8")
        line = good.count("\n") + 1
        col = len(good) - (good.rfind("\n") + 1) + 1
        raise UnreadableFile("not-utf8", reason=exc.reason, line=line, col=col) from None


def read_text(path: Path) -> str:
    """The text of a regular UTF-8 file; raise :class:`UnreadableFile` otherwise."""
    return decode(read_bytes(path))


def file_problem(path: Path) -> UnreadableFile | None:
    """Why ``path`` is not a regular file, without opening it (a FIFO would block), or None."""
    try:
        info = path.stat()
    except FileNotFoundError:
        return UnreadableFile("missing")
    except (OSError, ValueError) as exc:
        return UnreadableFile("unreadable", reason=_reason(exc))
    if stat.S_ISDIR(info.st_mode):
        return UnreadableFile("folder")
    if not stat.S_ISREG(info.st_mode):
        return UnreadableFile("not-regular")
    return None
