"""MkDocs hooks, in the order MkDocs calls them."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from markupsafe import escape
from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.config_options import ExtraScriptValue
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import BasePlugin, get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from ..core.assets import asset_files, shipped
from ..core.course import Course, CourseCache, CourseConfig, load_course
from ..core.interop import lesson_to_w3c
from ..extension import AnnotatedLessonsExtension
from .nav import add_missing_sections
from .pages import GeneratedPage, generated_pages

log = get_plugin_logger(__name__)

ASSET_DIR = "assets/annotated-lessons"
#: Where a course keeps its template overrides, inside the theme's custom_dir.
OVERRIDES = "annotated_lessons"


class PluginConfig(base.Config):
    enabled = c.Type(bool, default=True)
    """Set to false to build the site without the plugin (e.g. for a quick preview)."""
    lessons_dir = c.Type(str, default="lessons")
    """Folder of lesson files, relative to the folder of mkdocs.yml."""
    techniques = c.Type(str, default="lessons/techniques.yml")
    """The technique catalogue, relative to the folder of mkdocs.yml."""
    teacher_edition = c.Type(bool, default=True)
    """Generate a teacher edition per lesson at teacher/<slug>/ (left out of the navigation)."""


class AnnotatedLessonsPlugin(BasePlugin[PluginConfig]):
    supports_multiple_instances = False

    def __init__(self) -> None:
        self.cache = CourseCache()
        self.course: Course | None = None
        self.extension: AnnotatedLessonsExtension | None = None
        self.generated: dict[str, GeneratedPage] = {}

    def on_startup(self, *, command: str, dirty: bool) -> None:
        """Defining this keeps one plugin instance across ``mkdocs serve`` rebuilds, so the cache lives on."""

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        if not self.config.enabled:
            return None
        root = Path(config.config_file_path or ".").resolve().parent
        self.course_config = CourseConfig(root, self.config.lessons_dir, self.config.techniques)
        custom_dir = getattr(config.theme, "custom_dir", None)
        self.extension = AnnotatedLessonsExtension(
            course_dir=str(root), lessons_dir=self.config.lessons_dir, techniques=self.config.techniques,
            use_directory_urls=config.use_directory_urls,
            templates=[str(Path(custom_dir) / OVERRIDES)] if custom_dir else [])
        config.markdown_extensions[:] = [e for e in config.markdown_extensions if e != "annotated_lessons"]
        config.markdown_extensions.append(self.extension)  # type: ignore[arg-type]
        for asset in asset_files():
            uri = f"{ASSET_DIR}/{asset.name}"
            if asset.suffix == ".css" and uri not in config.extra_css:
                config.extra_css.append(uri)
            elif asset.suffix == ".js" and uri not in [str(s) for s in config.extra_javascript]:
                config.extra_javascript.append(ExtraScriptValue(uri))
        return config

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files | None:
        if not self.config.enabled:
            return None
        self.course = course = load_course(self.course_config, self.cache)
        for d in course.diagnostics:
            log.warning("%s", d.format_text())  # format_text escapes what came from files
        assert self.extension is not None
        self.extension.course = course
        self.generated = {}
        for page in generated_pages(course, self.config.teacher_edition):
            if files.get_file_from_path(page.src_uri) is not None:
                log.info("%s exists in the docs folder; it is used instead of the generated page", page.src_uri)
                continue
            # With a hand-written nav, on_nav adds the pages the user did not place; marking them
            # NOT_IN_NAV here keeps MkDocs from listing them as omitted from the nav.
            listed = page.in_nav and config.nav is None
            inclusion = InclusionLevel.INCLUDED if listed else InclusionLevel.NOT_IN_NAV
            files.append(File.generated(config, page.src_uri, content=page.content, inclusion=inclusion))
            self.generated[page.src_uri] = page
        base = (config.site_url or "").rstrip("/")
        for slug, lesson in course.lessons.items():
            page_url = f"{base}/lessons/{slug}/" if base else ""
            # Compact, so the C encoder writes it (an indented export takes four times as long).
            exported = json.dumps(lesson_to_w3c(lesson, page_url), ensure_ascii=False, separators=(",", ":"))
            files.append(File.generated(config, f"lessons/{slug}/annotations.jsonld", content=exported))
        for asset in asset_files():
            files.append(File.generated(config, f"{ASSET_DIR}/{asset.name}", content=shipped(asset)))
        return files

    def on_nav(self, nav: Navigation, *, config: MkDocsConfig, files: Files) -> Navigation | None:
        if not self.config.enabled or config.nav is None:
            return None  # MkDocs' own navigation already lists every generated page
        return add_missing_sections(nav, files, set(self.generated))

    def on_page_markdown(self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str | None:
        """Tell the extension which page it converts; give a generated page its title as data.

        MkDocs and the theme print ``page.title`` unescaped (in the nav, the header, the search
        index), so a generated page's title is set to its HTML-escaped text, as Markup so that
        a template's ``| e`` leaves it as is. ``<title>`` is the exception (see
        :meth:`on_page_context`).
        """
        if self.extension is None:
            return None
        self.extension.page_url = page.url
        self.extension.page_path = page.file.src_uri
        generated = self.generated.get(page.file.src_uri)
        self.extension.generated = generated.spec if generated else None
        if generated is not None:
            page.title = escape(generated.spec.title)  # type: ignore[misc] - MkDocs' title may be set
            if not generated.searchable:
                page.meta["search"] = {"exclude": True}
        return None

    def on_page_context(self, context: Any, *, page: Page, config: MkDocsConfig, nav: Navigation) -> Any:
        """While a generated page itself is rendered, its meta carries the title too.

        Material's ``<title>`` prints ``page.title | striptags``, which unescapes, unless
        ``page.meta.title`` is set, which it prints as is. The title stays out of the meta
        of every other page, though: Material's navigation asks each nav item's meta for an
        icon, a subtitle and a status when that meta is not empty, on every page, which
        cost a 100-lesson build about 3% of its time.
        """
        if page.file.src_uri in self.generated:
            page.meta["title"] = page.title
        return context

    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str | None:
        if page.file.src_uri in self.generated:
            page.meta.pop("title", None)
        return None

    def on_serve(self, server: Any, *, config: MkDocsConfig, builder: Any) -> Any:
        if not self.config.enabled:
            return server
        root = self.course_config.root
        watched = {root / self.config.lessons_dir, (root / self.config.techniques).parent}
        if self.course is not None:
            watched |= {(root / article.path).parent for article in self.course.articles.values()}
        for folder in sorted(watched):
            if folder.is_dir():
                server.watch(str(folder))
        return server
