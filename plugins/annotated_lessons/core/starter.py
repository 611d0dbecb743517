"""The files of a new course, as ``lessons init`` writes them: package data under ``annotated_lessons/starter/``.

The starter is a real course (a site configuration, a catalogue, an article, a lesson and
a home page) kept as files, so it is read, reviewed and tested like any course. Names
that start with a dot are stored as ``dot-...`` (``dot-github/``, ``dot-gitignore``),
so that no packaging tool skips them. A file ending in ``.in`` is a template: its
``$name`` fields are filled with :class:`string.Template`, each value made safe for
where it lands first (``yaml_scalar`` for YAML), never pasted in as raw text.
"""

from __future__ import annotations

import json
import re
import string
from dataclasses import dataclass
from importlib import metadata, resources
from typing import TYPE_CHECKING

from .. import __version__
from ..project import REPOSITORY, docs_url
from .writing import yaml_scalar

if TYPE_CHECKING:
    from importlib.resources.abc import Traversable

PACKAGE = "annotated_lessons"
DISTRIBUTION = "mkdocs-annotated-lessons"
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


# What pip may record as this copy's origin and a requirements file may name: a public https address
# (no spaces, no line breaks, nothing a requirements line would read as an option) and a commit.
_PUBLIC_URL = re.compile(r"https://[A-Za-z0-9._~:/?#\[\]@!$&'()*+,;=%-]+")
_COMMIT = re.compile(r"[0-9a-f]{7,64}")
REQUIREMENT_NOTES = {
    "range": "Until the package is on PyPI, use this line instead: {package} @ git+{repository}",
    "git": "The copy `lessons init` ran from, at its commit; once on PyPI, {package}>={version} works too.",
}


def requirement() -> tuple[str, str]:
    """The requirements line for a new course, and a note on it.

    A copy pip installed from a public git repository (PEP 610's ``direct_url.json``) is
    named by that address and commit, so the workflows install what the teacher has;
    anything else (PyPI, a wheel file, a local folder) gets this version's range.
    """
    version = __version__
    line, note = f"{DISTRIBUTION}>={version},<{next_breaking_version(version)}", "range"
    try:
        raw = metadata.distribution(DISTRIBUTION).read_text("direct_url.json")
        origin = json.loads(raw) if raw else None
    except (metadata.PackageNotFoundError, ValueError, OSError):
        origin = None
    vcs = origin.get("vcs_info") if isinstance(origin, dict) else None
    url = origin.get("url") if isinstance(origin, dict) else None
    if isinstance(vcs, dict) and vcs.get("vcs") == "git" and isinstance(url, str) and _PUBLIC_URL.fullmatch(url):
        commit = vcs.get("commit_id")
        pin = f"@{commit}" if isinstance(commit, str) and _COMMIT.fullmatch(commit) else ""
        line, note = f"{DISTRIBUTION} @ git+{url}{pin}", "git"
    return line, REQUIREMENT_NOTES[note].format(package=DISTRIBUTION, repository=REPOSITORY, version=version)


def render_starter(*, site_name: str, parts: set[str]) -> dict[str, str]:
    """The text of every starter file for a course named ``site_name``, by target path.

    ``parts`` names the optional parts to include (keys of :data:`OPTIONAL`).
    """
    line, note = requirement()
    values = {
        "site_name": yaml_scalar(site_name),
        "format_url": docs_url("format"),
        "requirement": line,
        "requirement_note": note,
    }
    files: dict[str, str] = {}
    for item in starter_files():
        if item.part is not None and item.part not in parts:
            continue
        text = item.source.read_text(encoding="utf-8")
        files[item.target] = string.Template(text).substitute(values) if item.template else text
    return files
