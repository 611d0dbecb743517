"""The files of a new course, as ``lessons init`` writes them: package data under ``annotated_lessons/starter/``.

The starter is a real course (a site configuration, a catalogue, an article, a lesson and
a home page) kept as files, so it is read, reviewed and tested like any course. Names
that start with a dot are stored as ``dot-...`` (``dot-github/``, ``dot-gitignore``),
so that no packaging tool skips them. A file ending in ``.in`` is a template: its
``$name`` fields are filled with :class:`string.Template`, each value made safe for
where it lands first (``yaml_scalar`` for YAML), never pasted in as raw text.
"""

from __future__ import annotations

import string
from dataclasses import dataclass
from importlib import resources
from typing import TYPE_CHECKING

from .. import __version__
from ..project import REPOSITORY, docs_url
from .writing import yaml_scalar

if TYPE_CHECKING:
    from importlib.resources.abc import Traversable

PACKAGE = "annotated_lessons"
FOLDER = "starter"
TEMPLATE_SUFFIX = ".in"
HIDDEN_PREFIX = "dot-"
# Parts of the starter written only when asked for; everything else is always written.
OPTIONAL = {"github": ".github/", "pre-commit": ".pre-commit-config.yaml"}


@dataclass(frozen=True)
class StarterFile:
    """One file of the starter: where it goes in the course (POSIX, relative) and what it holds."""

    target: str
    source: Traversable
    template: bool

    @property
    def part(self) -> str | None:
        """The optional part (``github``, ``pre-commit``) the file belongs to, or None when always written."""
        return next((name for name, prefix in OPTIONAL.items() if self.target.startswith(prefix)), None)


def starter_files() -> list[StarterFile]:
    """Every file of the starter, sorted by where it goes."""
    found: list[StarterFile] = []
    stack: list[tuple[Traversable, tuple[str, ...]]] = [(resources.files(PACKAGE) / FOLDER, ())]
    while stack:
        folder, parts = stack.pop()
        for entry in folder.iterdir():
            name = entry.name
            if name.startswith((".", "__")) or name.endswith((".pyc", "~")):
                continue  # caches and editor files, not part of the starter
            shown = "." + name[len(HIDDEN_PREFIX):] if name.startswith(HIDDEN_PREFIX) else name
            if entry.is_dir():
                stack.append((entry, (*parts, shown)))
                continue
            template = shown.endswith(TEMPLATE_SUFFIX)
            if template:
                shown = shown[:-len(TEMPLATE_SUFFIX)]
            found.append(StarterFile("/".join((*parts, shown)), entry, template))
    return sorted(found, key=lambda f: f.target)


def next_breaking_version(version: str) -> str:
    """The first version that may break this one's courses: the next minor before 1.0, else the next major."""
    major, minor, *_ = (int(part) for part in (version.split(".") + ["0", "0"])[:2])
    return f"0.{minor + 1}" if major == 0 else f"{major + 1}"


def render_starter(*, site_name: str, parts: set[str]) -> dict[str, str]:
    """The text of every starter file for a course named ``site_name``, by target path.

    ``parts`` names the optional parts to include (keys of :data:`OPTIONAL`).
    """
    values = {
        "site_name": yaml_scalar(site_name),
        "format_url": docs_url("format"),
        "repository": REPOSITORY,
        "version": __version__,
        "next_version": next_breaking_version(__version__),
    }
    files: dict[str, str] = {}
    for item in starter_files():
        if item.part is not None and item.part not in parts:
            continue
        text = item.source.read_text(encoding="utf-8")
        files[item.target] = string.Template(text).substitute(values) if item.template else text
    return files
