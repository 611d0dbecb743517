"""Adding the generated pages to a navigation that the user wrote by hand.

When ``nav`` in mkdocs.yml names none of the generated pages, they would be
unreachable from the menu; this adds a "Lessons" and a "Techniques" section for the
pages the user did not place themselves.
"""

from __future__ import annotations

from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation, Section
from mkdocs.structure.pages import Page

from ..core.translations import ENGLISH, Translation


def _pages(files: Files, uris: list[str]) -> list[Page]:
    pages = []
    for uri in uris:
        file = files.get_file_from_path(uri)
        if file is not None and isinstance(file.page, Page):
            pages.append(file.page)
    return pages


def add_missing_sections(nav: Navigation, files: Files, generated: set[str], ui: Translation = ENGLISH,
                         prefix: str = "") -> Navigation:
    """Add the generated pages the nav leaves out (``prefix``: the folder of the language being built)."""
    listed = {page.file.src_uri for page in nav.pages}
    missing = sorted(uri for uri in generated - listed if not uri.startswith(prefix + "teacher/"))
    if not missing:
        return nav
    lessons = [u for u in missing if u.startswith(prefix + "lessons/")]
    lessons.sort(key=lambda u: (u != prefix + "lessons/index.md", u))
    techniques = [u for u in missing if u.startswith(prefix + "techniques/")]
    techniques.sort(key=lambda u: (u != prefix + "techniques/index.md", u))
    for title, uris in ((ui["Lessons"], lessons), (ui["Techniques"], techniques)):
        pages = _pages(files, uris)
        if not pages:
            continue
        section = Section(title, pages)  # type: ignore[arg-type]
        for page in pages:
            page.parent = section
        nav.items.append(section)
        nav.pages.extend(pages)
    for previous, following in zip(nav.pages, nav.pages[1:], strict=False):
        previous.next_page, following.previous_page = following, previous
    if nav.pages:
        nav.pages[0].previous_page = None
        nav.pages[-1].next_page = None
    return nav
