"""Where the project lives on the web: one place for every address a command or a file points people to.

Scaffolds and starter courses are read by teachers who installed the package, not by people
with this repository checked out, so their comments link to the published documentation
(built from ``docs/`` and deployed to GitHub Pages) rather than to paths in a clone.
"""

from __future__ import annotations

REPOSITORY = "https://github.com/mkdocs-annotated-lessons/mkdocs-annotated-lessons"
DOCUMENTATION = "https://mkdocs-annotated-lessons.github.io/mkdocs-annotated-lessons/"

# Pages of the documentation, by the source file in docs/ they are built from.
PAGES = {
    "format": "reference/format.md",
    "teachers": "teachers.md",
    "contributing": "contributing-annotations.md",
    "interop": "reference/interop.md",
}


def docs_url(page: str, anchor: str = "") -> str:
    """The published address of a documentation page (``format``, ``teachers``...), as MkDocs serves it."""
    source = PAGES[page]
    path = source.removesuffix(".md")
    path = "" if path == "index" else path + "/"
    return DOCUMENTATION + path + (f"#{anchor}" if anchor else "")
