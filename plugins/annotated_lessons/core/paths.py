"""Keeping every path a lesson names inside the course folder.

Lessons arrive by pull request, so ``article: ../../etc/passwd`` or a symlink out of
the course must be refused before anything is read.
"""

from __future__ import annotations

from pathlib import Path, PurePosixPath


class OutsideCourse(ValueError):
    """A path that resolves outside the course folder."""


def resolve_inside(root: Path, relative: str) -> Path:
    """Resolve ``relative`` against ``root``; raise :class:`OutsideCourse` if it escapes."""
    if "\\" in relative or PurePosixPath(relative).is_absolute() or (len(relative) > 1 and relative[1] == ":"):
        raise OutsideCourse(relative)
    root = root.resolve()
    target = (root / relative).resolve()
    if target != root and root not in target.parents:
        raise OutsideCourse(relative)
    return target
