"""Annotate mode in a MkDocs build: whether it is on, its assets, and its pages.

Everything it shows is rendered by the core (:mod:`..core.annotate`) through the
extension; this module only reads MkDocs' configuration (the command, ``repo_url``,
``edit_uri``, ``docs_dir``) and names the pages and files it adds. When the mode is off
(``mkdocs build`` without ``annotate: true``) none of it is in the site.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError

from ..core.annotate import TITLES, AnnotateSite, NewLesson, Repository, is_active
from ..core.assets import ASSETS
from ..core.translations import Translation
from ..extension.generated import PageSpec
from .pages import GeneratedPage

#: The annotate-mode scripts and stylesheet, shipped under the plugin's asset folder.
ANNOTATE_ASSETS = ASSETS / "annotate"
#: Load order of the scripts: the pure functions first, then the page script that uses them.
SCRIPT_ORDER = ("selectors.js", "drafts.js", "annotate.js")


def annotate_site(option: Any, command: str | None, config: MkDocsConfig, root: Path, lessons_dir: str,
                  articles: str) -> AnnotateSite | None:
    """The annotate-mode renderer when the mode is on for this command, else None."""
    if option not in (True, False, "serve"):
        raise PluginError(f"annotated-lessons: annotate must be true, false or 'serve', not {option!r}")
    if not is_active(option, command):
        return None
    docs = os.path.relpath(Path(config.docs_dir).resolve(), root.resolve())
    repository = Repository(config.repo_url, config.edit_uri, Path(docs).as_posix())
    return AnnotateSite(root, lessons_dir, articles, repository)


def annotate_assets() -> list[Path]:
    """The stylesheet, then the scripts in the order they must load."""
    return sorted(ANNOTATE_ASSETS.glob("*.css")) + [ANNOTATE_ASSETS / name for name in SCRIPT_ORDER]


def asset_name(path: Path) -> str:
    """An asset's path under the plugin's asset folder (``lessons.js``, ``annotate/annotate.js``)."""
    return path.relative_to(ASSETS).as_posix()


def annotate_pages(new: list[NewLesson], ui: Translation) -> list[GeneratedPage]:
    """The start page of annotate mode and a page per article without a lesson (out of nav and search)."""
    pages = [GeneratedPage("annotate/index.md", PageSpec("annotate-index", None, ui[TITLES["annotate-index"]]),
                           in_nav=False, searchable=False)]
    for item in new:
        title = ui[TITLES["new-lesson"]] % {"title": item.article.headline}
        pages.append(GeneratedPage(f"annotate/{item.slug}.md", PageSpec("new-lesson", item.slug, title),
                                   in_nav=False, searchable=False))
    return pages
