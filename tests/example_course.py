"""Copies of this repository's example course, for tests that change or build it."""

from __future__ import annotations

import shutil
from collections.abc import Iterable
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
#: What a course needs to be checked and imported into.
COURSE_FILES = ("mkdocs.yml", "lessons", "seeds")
#: What `make serve` shows: the course plus its pages.
SITE_FILES = ("mkdocs.yml", "docs", "lessons", "seeds")


def copy_example(root: Path, names: Iterable[str] = COURSE_FILES) -> Path:
    """Copy ``names`` (files or folders of the repository) into ``root``, created; return ``root``."""
    root.mkdir(parents=True, exist_ok=True)
    for name in names:
        source = REPO / name
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (shutil.copytree if source.is_dir() else shutil.copy2)(source, root / name)
    return root
