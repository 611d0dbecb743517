"""Keeping every path a course names inside the course folder, and out of hidden folders.

Lessons arrive by pull request, so ``article: ../../etc/passwd``, a symbolic link out of
the course, or ``article: .git/config`` (where CI keeps its credentials) must be refused
before anything is read. A path is also checked as text first, so a NUL byte or a
5,000-character name is a clear error instead of an exception from the operating system.
"""

from __future__ import annotations

from pathlib import Path, PurePosixPath

#: Longer paths and names than any course needs, well inside every file system's limits.
MAX_PATH_BYTES = 1024
MAX_NAME_BYTES = 255

# Why a path is refused, for messages: "the article path 'x' {reason}".
REASONS = {
    "outside": "is outside the course folder",
    "absolute": "is outside the course folder (an absolute path; course paths are relative to the folder)",
    "backslash": "uses '\\'; separate folders with '/'",
    "hidden": "is in a hidden file or folder (a name starting with '.'), which is never part of a course",
    "nul": "contains a NUL character",
    "control": "contains a control character",
    "too-long": f"is longer than {MAX_PATH_BYTES} bytes",
    "name-too-long": f"has a file or folder name longer than {MAX_NAME_BYTES} bytes",
    "empty": "is empty",
    "unresolvable": "cannot be resolved (a loop of symbolic links?)",
}


class UnsafePath(ValueError):
    """A path that must not be read; ``reason`` is a key of :data:`REASONS`."""

    def __init__(self, path: str, reason: str):
        super().__init__(f"{path!r} {REASONS[reason]}")
        self.path = path
        self.reason = reason

    @property
    def explanation(self) -> str:
        return REASONS[self.reason]


OutsideCourse = UnsafePath  # the name earlier callers catch


def is_hidden(parts: tuple[str, ...] | list[str]) -> bool:
    """True when any component (``.`` and ``..`` aside) starts with a dot."""
    return any(part.startswith(".") and part not in (".", "..") for part in parts)


def check_path_text(relative: str) -> None:
    """Refuse a course path that is unsafe as text alone; raise :class:`UnsafePath`."""
    if not relative:
        raise UnsafePath(relative, "empty")
    if "\0" in relative:
        raise UnsafePath(relative, "nul")
    if any(ord(c) < 0x20 or 0x7F <= ord(c) < 0xA0 for c in relative):
        raise UnsafePath(relative, "control")
    encoded = relative.encode("utf-8", "surrogateescape")
    if len(encoded) > MAX_PATH_BYTES:
        raise UnsafePath(relative, "too-long")
    if any(len(part.encode("utf-8", "surrogateescape")) > MAX_NAME_BYTES for part in relative.split("/")):
        raise UnsafePath(relative, "name-too-long")
    if "\\" in relative:
        raise UnsafePath(relative, "backslash")
    if PurePosixPath(relative).is_absolute() or (len(relative) > 1 and relative[1] == ":"):
        raise UnsafePath(relative, "absolute")
    if is_hidden(relative.split("/")):
        raise UnsafePath(relative, "hidden")


def inside(root: Path, target: Path) -> str | None:
    """``target`` (resolved) as a path relative to ``root`` (resolved), or None if it is not inside."""
    try:
        return target.relative_to(root).as_posix()
    except ValueError:
        return None


def resolve_inside(root: Path, relative: str) -> Path:
    """Resolve ``relative`` against ``root``, following links; raise :class:`UnsafePath` if unsafe.

    The resolved path must be inside ``root`` and in no hidden folder, so a link cannot
    lead to ``.git/`` or out of the course either.
    """
    check_path_text(relative)
    try:
        root = root.resolve()
        target = (root / relative).resolve()
    except (OSError, RuntimeError):  # RuntimeError: a symbolic link loop before Python 3.13
        raise UnsafePath(relative, "unresolvable") from None
    within = inside(root, target)
    if within is None:
        raise UnsafePath(relative, "outside")
    if within != "." and is_hidden(within.split("/")):
        raise UnsafePath(relative, "hidden")
    return target


def resolved(path: Path) -> Path | None:
    """``path`` with every link followed, or None when that fails (a loop, a name too long)."""
    try:
        return path.resolve()
    except (OSError, RuntimeError, ValueError):
        return None



def shorten(path: str, limit: int = 100) -> str:
    """``path`` cut in the middle when longer than ``limit`` characters, for messages."""
    return path if len(path) <= limit else path[:limit - 30] + "..." + path[-27:]
