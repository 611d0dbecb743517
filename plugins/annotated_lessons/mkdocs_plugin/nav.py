"""Placing the generated pages in the navigation, lessons in course order and by unit.

MkDocs' own navigation lists lessons by file name, with a section per folder; the course
order (``course.yml``, see :mod:`annotated_lessons.core.order`) replaces that: the lesson
pages take the place of the first of them, after the course index, as the course lists
them, each titled unit a section. When ``nav`` in mkdocs.yml names none of the generated
pages, a "Lessons" and a "Techniques" section are added for the pages the user did not
place themselves; pages the user placed by hand stay where they put them. Previous/next
links follow the result.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from markupsafe import escape
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation, Section
from mkdocs.structure.pages import Page

from ..core.order import Unit
from ..core.translations import ENGLISH, Translation


def _pages(files: Files, uris: Iterable[str]) -> list[Page]:
    pages = []
    for uri in uris:
        file = files.get_file_from_path(uri)
        if file is not None and isinstance(file.page, Page):
            pages.append(file.page)
    return pages


def _unit_items(units: list[Unit], files: Files, prefix: str, wanted: set[str]) -> list[Any]:
    """The nav items of the lessons in ``wanted`` (src URIs), in course order: a Section per titled unit."""
    items: list[Any] = []
    for unit in units:
        pages = _pages(files, (u for u in (f"{prefix}lessons/{slug}.md" for slug in unit.slugs) if u in wanted))
        if not pages:
            continue
        if unit.title:
            section = Section(escape(unit.title), pages)  # type: ignore[arg-type] - themes print it unescaped
            for page in pages:
                page.parent = section
            items.append(section)
        else:
            items.extend(pages)
    return items


def _remove(items: list[Any], uris: set[str]) -> tuple[list[Any], int] | None:
    """Take the pages in ``uris`` out of ``items`` (at any depth), dropping sections they leave empty.

    Returns the list and index where the first of them was, to put the arranged lessons there.
    """
    first: tuple[list[Any], int] | None = None
    index = 0
    while index < len(items):
        item = items[index]
        if isinstance(item, Page) and item.file.src_uri in uris:
            del items[index]
            first = first or (items, index)
            continue
        if isinstance(item, Section):
            inner = _remove(item.children, uris)
            if inner is not None and not item.children:
                del items[index]
                first = first or (items, index)
                continue
            first = first or inner
        index += 1
    return first


def _relink(nav: Navigation) -> None:
    """``nav.pages`` and previous/next links in the order the items now show them, parents set."""
    pages: list[Page] = []

    def walk(items: list[Any], parent: Section | None) -> None:
        for item in items:
            if isinstance(item, Page):
                item.parent = parent
                pages.append(item)
            elif isinstance(item, Section):
                item.parent = parent
                walk(item.children, item)

    walk(nav.items, None)
    nav.pages[:] = pages
    for previous, following in zip(pages, pages[1:], strict=False):
        previous.next_page, following.previous_page = following, previous
    if pages:
        pages[0].previous_page = None
        pages[-1].next_page = None


def arrange_lessons(nav: Navigation, files: Files, units: list[Unit], lesson_uris: set[str],
                    prefix: str = "") -> Navigation:
    """Put the lesson pages of MkDocs' automatic navigation in course order, titled units as sections."""
    placed = {page.file.src_uri for page in nav.pages} & lesson_uris
    if not placed:
        return nav
    where = _remove(nav.items, placed)
    assert where is not None
    container, index = where
    index_uri = prefix + "lessons/index.md"
    if index < len(container) and isinstance(container[index], Page) and container[index].file.src_uri == index_uri:
        index += 1
    container[index:index] = _unit_items(units, files, prefix, placed)
    _relink(nav)
    return nav


def _after(items: list[Any], uri: str) -> tuple[list[Any], int] | None:
    """The list holding the page ``uri`` (at any depth) and the index just after it."""
    for index, item in enumerate(items):
        if isinstance(item, Page) and item.file.src_uri == uri:
            return items, index + 1
        if isinstance(item, Section):
            found = _after(item.children, uri)
            if found is not None:
                return found
    return None


def add_missing_sections(nav: Navigation, files: Files, generated: set[str], ui: Translation = ENGLISH,
                         prefix: str = "", units: list[Unit] | None = None) -> Navigation:
    """Add the generated pages the nav leaves out (``prefix``: the folder of the language being built).

    Lessons go after the course index and techniques after their list where the nav
    places those; otherwise each group is a new section at the end, index first.
    """
    listed = {page.file.src_uri for page in nav.pages}
    missing = {uri for uri in generated - listed if not uri.startswith(prefix + "teacher/")}
    if not missing:
        return nav
    index_uri, techniques_uri = prefix + "lessons/index.md", prefix + "techniques/index.md"
    techniques = sorted(u for u in missing - {techniques_uri} if u.startswith(prefix + "techniques/"))
    groups = ((ui["Lessons"], index_uri, _unit_items(units or [], files, prefix, missing)),
              (ui["Techniques"], techniques_uri, _pages(files, techniques)))
    for title, index, items in groups:
        place = _after(nav.items, index) if index in listed else None
        if place is not None:
            container, at = place
            container[at:at] = items
        elif items or index in missing:
            nav.items.append(Section(title, _pages(files, [index] if index in missing else []) + items))
    _relink(nav)
    return nav
