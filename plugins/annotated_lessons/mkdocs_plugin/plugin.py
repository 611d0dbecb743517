"""MkDocs hooks, in the order MkDocs calls them.

Languages: the interface follows Material's ``theme.language`` (or the plugin's own
``language``), with single strings replaced by ``strings``. Under mkdocs-static-i18n each
language is a build of its own: its pages are added after that plugin has picked the
language's files (it rebuilds every File from its path on disk, which a generated page
does not have), under the language's folder, with the course of that language when
``lessons_dir``/``techniques`` name it as ``{language}``.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from markupsafe import Markup, escape
from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.config_options import ExtraScriptValue
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation, Section
from mkdocs.structure.pages import Page

from ..core.annotate import AnnotateSite
from ..core.assets import asset_files, shipped
from ..core.course import Course, CourseCache, CourseConfig, load_course
from ..core.interop import lesson_to_w3c
from ..core.markdown_notes import render_markdown
from ..core.translations import ENGLISH, Translation, interface_language, override_problems, translation
from ..extension import AnnotatedLessonsExtension
from ..extension.render_cache import RenderCache
from .annotate import annotate_assets, annotate_pages, annotate_site, asset_name
from .nav import add_missing_sections, arrange_lessons
from .pages import GeneratedPage, generated_pages

log = get_plugin_logger(__name__)

ASSET_DIR = "assets/annotated-lessons"
#: Put in the <head> of teacher editions: answers are not for search engines.
NOINDEX = '<meta name="robots" content="noindex, nofollow">'
#: Plugins that write the navigation themselves: the course order then only places pages they leave out.
NAV_PLUGINS = ("awesome-nav",)
#: Where a course keeps its template overrides, inside the theme's custom_dir.
OVERRIDES = "annotated_lessons"


class _InTurn(CombinedEvent):
    """Handlers of one event at different priorities that can also be called directly, in turn."""

    def __get__(self, instance: Any, owner: Any = None) -> _InTurn:
        return _InTurn(*(f.__get__(instance, owner) for f in self.methods))

    def __call__(self, value: Any, *args: Any, **kwargs: Any) -> Any:  # type: ignore[override]
        for method in self.methods:
            result = method(value, *args, **kwargs)
            value = value if result is None else result
        return value


class PluginConfig(base.Config):
    enabled = c.Type(bool, default=True)
    """Set to false to build the site without the plugin (e.g. for a quick preview)."""
    lessons_dir = c.Type(str, default="lessons")
    """Folder of lesson files, relative to the folder of mkdocs.yml."""
    techniques = c.Type(str, default="lessons/techniques.yml")
    """The technique catalogue, relative to the folder of mkdocs.yml."""
    teacher_edition = c.Type(bool, default=True)
    """Generate a teacher edition per lesson at teacher/<slug>/ (left out of the navigation)."""
    language = c.Optional(c.Type(str))
    """The language of the interface (a code such as 'uk'); default: Material's theme.language."""
    strings = c.Type(dict, default={})
    """Replacements for single interface strings, keyed by their English text."""
    require_answers = c.Type(bool, default=False)
    """Warn (question-without-answer) about every question without an expected answer for the teacher."""
    annotate = c.Type((bool, str), default="serve")
    """Annotate mode (drafting annotations in the browser): 'serve' (while previewing), true (also in the built site), false."""
    articles = c.Type(str, default="seeds")
    """The folder of articles that annotate mode offers for new lessons, relative to the folder of mkdocs.yml."""


class AnnotatedLessonsPlugin(BasePlugin[PluginConfig]):
    supports_multiple_instances = False

    def __init__(self) -> None:
        self.cache = CourseCache()
        self.course: Course | None = None
        self.extension: AnnotatedLessonsExtension | None = None
        self.generated: dict[str, GeneratedPage] = {}
        self.ui: Translation = ENGLISH
        self.hidden_urls: dict[str, tuple[str | None, str | None]] = {}
        self.social_cards = False
        self.command: str | None = None
        self.annotate: AnnotateSite | None = None

    def on_startup(self, *, command: str, dirty: bool) -> None:
        """Defining this keeps one plugin instance across ``mkdocs serve`` rebuilds, so the cache lives on.

        The command also decides annotate mode's default: on while serving, off in a build.
        """
        self.command = command

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        if not self.config.enabled:
            return None
        root = Path(config.config_file_path or ".").resolve().parent
        self.root = root
        self.course_config = CourseConfig(root, self.config.lessons_dir, self.config.techniques,
                                          require_answers=self.config.require_answers)
        self.ui = self._translation(self.config.language or _theme_language(config))
        self.social_cards = any(name in config.plugins for name in ("social", "material/social"))
        custom_dir = getattr(config.theme, "custom_dir", None)
        self.extension = AnnotatedLessonsExtension(
            course_dir=str(root), lessons_dir=self.config.lessons_dir, techniques=self.config.techniques,
            use_directory_urls=config.use_directory_urls,
            templates=[str(Path(custom_dir) / OVERRIDES)] if custom_dir else [])
        self.extension.use_language(self.ui.language, self.config.strings, page=_theme_language(config))
        # A second build of the same config (mkdocs-static-i18n builds once per language) drops the first's.
        config.markdown_extensions[:] = [e for e in config.markdown_extensions if e != "annotated_lessons"
                                         and not isinstance(e, AnnotatedLessonsExtension)]
        config.markdown_extensions.append(self.extension)  # type: ignore[arg-type]
        self.annotate = annotate_site(self.config.annotate, self.command, config, root, self.config.lessons_dir,
                                      self.config.articles)
        self.extension.annotate = self.annotate
        for asset in asset_files() + (annotate_assets() if self.annotate else []):
            uri = f"{ASSET_DIR}/{asset_name(asset)}"
            if asset.suffix == ".css" and uri not in config.extra_css:
                config.extra_css.append(uri)
            elif asset.suffix == ".js" and uri not in [str(s) for s in config.extra_javascript]:
                config.extra_javascript.append(ExtraScriptValue(uri))
        return config

    def _translation(self, requested: str | None) -> Translation:
        """The interface strings for a language, with the course's replacements; a bad replacement stops the build."""
        code, warning = interface_language(requested)
        if warning:
            log.warning("%s", warning)
        problems = override_problems(self.config.strings, code)
        if problems:
            raise PluginError("annotated-lessons: " + "\n".join(problems))
        return translation(code, self.config.strings)

    @event_priority(50)  # early: plugins listed before this one (mkdocs-redirects) see the generated pages
    def _files_alone(self, files: Files, *, config: MkDocsConfig) -> Files | None:
        if not self.config.enabled or _i18n(config) is not None:
            return None
        return self._add_files(files, config, "", "")

    @event_priority(-110)  # after mkdocs-static-i18n (-100) has chosen the files of the language
    def _files_i18n(self, files: Files, *, config: MkDocsConfig) -> Files | None:
        i18n = _i18n(config)
        if not self.config.enabled or i18n is None:
            return None
        language = str(i18n.current_language)
        folder = getattr(i18n.config, "docs_structure", "folder") == "folder"
        default = language == str(i18n.default_language)
        self.ui = self._translation(self.config.language or language)
        assert self.extension is not None
        self.extension.use_language(self.ui.language, self.config.strings, page=language)
        self.course_config = CourseConfig(self.root, self.config.lessons_dir.replace("{language}", language),
                                          self.config.techniques.replace("{language}", language),
                                          require_answers=self.config.require_answers)
        return self._add_files(files, config, f"{language}/" if folder else "", "" if default else f"{language}/")

    on_files = _InTurn(_files_alone, _files_i18n)

    def _add_files(self, files: Files, config: MkDocsConfig, src_prefix: str, dest_prefix: str) -> Files:
        """Load the course and add its pages, exports and assets; ``*_prefix`` place them in a language's tree."""
        assert self.extension is not None
        # Final now: a plugin listed after this one (Material's offline) may have changed it in on_config.
        self.extension.setConfig("use_directory_urls", config.use_directory_urls)
        self.extension.url_prefix = dest_prefix
        self.src_prefix = src_prefix
        self.course = course = load_course(self.course_config, self.cache)
        for d in course.diagnostics:
            log.warning("%s", d.format_text())  # format_text escapes what came from files
        assert self.extension is not None
        self.extension.course = course
        renders = self._render_cache()
        if renders is not None:
            self.extension.start_build(renders)
        self.generated = {}
        named = _nav_paths(config.nav)  # a page the nav names by hand is in it, even a teacher edition
        pages = generated_pages(course, self.config.teacher_edition, self.ui)
        if self.annotate is not None:
            pages += self._annotate_pages(course)
        for page in pages:
            src_uri = src_prefix + page.src_uri
            if files.get_file_from_path(src_uri) is not None:
                log.info("%s exists in the docs folder; it is used instead of the generated page", src_uri)
                continue
            # With a hand-written nav, on_nav adds the pages the user did not place; marking them
            # NOT_IN_NAV here keeps MkDocs from listing them as omitted from the nav.
            listed = (page.in_nav and config.nav is None) or src_uri in named
            inclusion = InclusionLevel.INCLUDED if listed else InclusionLevel.NOT_IN_NAV
            file = File.generated(config, src_uri, content=page.content, inclusion=inclusion)
            if src_prefix != dest_prefix:  # the default language of mkdocs-static-i18n lives at the root
                file.dest_uri = dest_prefix + file.dest_uri.removeprefix(src_prefix)
            self._point_at_source(file, page, config)
            files.append(file)
            self.generated[src_uri] = page
        base = (config.site_url or "").rstrip("/")
        for slug in course.lessons:
            lesson_page = f"lessons/{slug}/" if config.use_directory_urls else f"lessons/{slug}.html"
            page_url = f"{base}/{dest_prefix}{lesson_page}" if base else ""
            exported = self._export(slug, course, page_url)
            files.append(File.generated(config, f"{dest_prefix}lessons/{slug}/annotations.jsonld", content=exported))
        for asset in asset_files() + (annotate_assets() if self.annotate else []):
            files.append(File.generated(config, f"{ASSET_DIR}/{asset_name(asset)}", content=shipped(asset)))
        return files

    def _annotate_pages(self, course: Course) -> list[GeneratedPage]:
        """Annotate mode's pages: where to start, and one per article that has no lesson yet."""
        assert self.annotate is not None and self.extension is not None
        new, problems = self.annotate.new_lessons(set(course.articles), set(course.lessons))
        for d in problems:
            log.warning("%s", d.format_text())
        self.extension.new_lessons = {item.slug: item for item in new}
        return annotate_pages(new, self.ui)

    def _render_cache(self) -> RenderCache | None:
        """The pages and exports rendered by earlier builds, for the plugin's life (all of ``mkdocs serve``).

        None for a one-off build: nothing would be reused, and holding every page would only cost memory.
        """
        cache = getattr(self, "_renders", None)
        if cache is None and self.command == "serve":  # kept for the next rebuild only when serving
            cache = self._renders = RenderCache()
        return cache

    def _export(self, slug: str, course: Course, page_url: str) -> str:
        """A lesson's W3C annotations as JSON-LD, made again only when the lesson or the page's address changed."""
        lesson = course.lessons[slug]

        def make() -> str:
            # Compact, so the C encoder writes it (an indented export takes four times as long).
            return json.dumps(lesson_to_w3c(lesson, page_url), ensure_ascii=False, separators=(",", ":"))

        inputs = course.fingerprints.lessons.get(slug)
        renders = self._render_cache()
        return str(renders.get("export", (slug, inputs, page_url), make)) if inputs and renders is not None else make()

    def _point_at_source(self, file: File, page: GeneratedPage, config: MkDocsConfig) -> None:
        """Give a generated page the file it comes from: "edit this page" and date plugins then use it.

        ``edit_uri`` is relative to the docs folder (MkDocs joins it to the repository's
        ``edit_uri``, which names the docs folder), so a lesson gets ``../lessons/x.yml``;
        ``abs_src_path`` is what git-date plugins read. The content stays the generated one.
        """
        source = self._source_of(page)
        if source is None:
            return
        docs = Path(config.docs_dir).resolve()
        absolute = (self.root / source).resolve()
        file.edit_uri = Path(os.path.relpath(absolute, docs)).as_posix()
        file.abs_src_path = str(absolute)

    def _source_of(self, page: GeneratedPage) -> str | None:
        """The course file a generated page shows, relative to the course folder (None for the index pages)."""
        assert self.course is not None
        spec = page.spec
        if spec.kind in ("lesson", "teacher-edition") and spec.arg in self.course.lessons:
            return self.course.lessons[spec.arg].path
        if spec.kind == "technique":
            return self.course_config.techniques
        return None

    def on_nav(self, nav: Navigation, *, config: MkDocsConfig, files: Files) -> Navigation | None:
        if not self.config.enabled:
            return None
        prefix = getattr(self, "src_prefix", "")
        units = self.course.units if self.course is not None else []
        if config.nav is None and not any(name in config.plugins for name in NAV_PLUGINS):
            # MkDocs' own navigation lists every generated page, under sections named after
            # their folders ('Lessons', 'Techniques'): those names are the interface's.
            _translate_sections(nav.items, set(self.generated), self.ui)
            lessons = {uri for uri, page in self.generated.items() if page.spec.kind == "lesson"}
            return arrange_lessons(nav, files, units, lessons, prefix)
        return add_missing_sections(nav, files, set(self.generated), self.ui, prefix, units)

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
                # Out of sitemap.xml, which MkDocs writes before any page; given back in on_page_context.
                self.hidden_urls[page.file.src_uri] = (page.canonical_url, page.abs_url)
                page.canonical_url = page.abs_url = None
            description = self._description(generated)
            if description and self.social_cards:  # the card is drawn from the meta, in a worker, soon after
                page.meta["description"] = description
        return None

    def _description(self, page: GeneratedPage) -> Markup | None:
        """A lesson's summary as plain text, for ``<meta name="description">`` and social cards."""
        if self.course is None or page.spec.kind not in ("lesson", "teacher-edition"):
            return None
        lesson = self.course.lessons.get(page.spec.arg or "")
        if lesson is None or not lesson.summary:
            return None
        text = Markup(render_markdown(lesson.summary)).striptags()  # plain text, entities decoded
        return escape(" ".join(text.split())) or None  # Material prints the meta as it is: escaped here

    def on_page_context(self, context: Any, *, page: Page, config: MkDocsConfig, nav: Navigation) -> Any:
        """While a generated page itself is rendered, its meta carries the title too.

        Material's ``<title>`` prints ``page.title | striptags``, which unescapes, unless
        ``page.meta.title`` is set, which it prints as is. The title stays out of the meta
        of every other page, though: Material's navigation asks each nav item's meta for an
        icon, a subtitle and a status when that meta is not empty, on every page, which
        cost a 100-lesson build about 3% of its time.
        """
        generated = self.generated.get(page.file.src_uri)
        if generated is not None:
            page.meta["title"] = page.title
            description = self._description(generated)
            if description:
                page.meta["description"] = description
            if page.file.src_uri in self.hidden_urls:
                page.canonical_url, page.abs_url = self.hidden_urls.pop(page.file.src_uri)
        return context

    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str | None:
        generated = self.generated.get(page.file.src_uri)
        if generated is None:
            return None
        page.meta.pop("title", None)
        if not self.social_cards:
            page.meta.pop("description", None)
        if generated.spec.kind in ("teacher-edition", "teacher-index"):
            head = output.find("</head>")
            if head >= 0:  # a constant, before the end of the theme's own <head>
                return output[:head] + NOINDEX + output[head:]
        return None

    def on_serve(self, server: Any, *, config: MkDocsConfig, builder: Any) -> Any:
        if not self.config.enabled:
            return server
        root = self.course_config.root
        # With {language} in a path, the folder above it holds every language's files.
        lessons_dir, techniques = (p.split("{language}")[0] for p in (self.config.lessons_dir, self.config.techniques))
        watched = {root / lessons_dir, (root / techniques).parent}
        if self.course is not None:
            watched |= {(root / article.path).parent for article in self.course.articles.values()}
        if self.annotate is not None:  # a new article there gets its annotate page at the next build
            watched.add(root / self.config.articles)
            log.info("annotate mode is on: select passages on a lesson page, or start at %sannotate/",
                     config.site_url or "/")
        for folder in sorted(watched):
            if folder.is_dir():
                server.watch(str(folder))
        return server


def _theme_language(config: MkDocsConfig) -> str | None:
    theme = config.theme
    return theme["language"] if theme is not None and "language" in theme else None


def _nav_paths(nav: Any) -> set[str]:
    """Every page path a hand-written ``nav`` names, at any depth."""
    found: set[str] = set()
    pending = [nav]
    while pending:
        item = pending.pop()
        if isinstance(item, str):
            found.add(item)
        elif isinstance(item, dict):
            pending.extend(item.values())
        elif isinstance(item, list):
            pending.extend(item)
    return found


def _i18n(config: MkDocsConfig) -> Any:
    """The mkdocs-static-i18n plugin when it is in use (it builds each language in turn), else None."""
    plugin = config.plugins.get("i18n")
    return plugin if hasattr(plugin, "current_language") and hasattr(plugin, "default_language") else None


#: The section names MkDocs derives from the folders of the generated pages.
_FOLDER_SECTIONS = {"Lessons": "Lessons", "Techniques": "Techniques"}


def _translate_sections(items: list[Any], generated: set[str], ui: Translation) -> None:
    """Rename the automatic 'Lessons'/'Techniques' sections that hold generated pages, at any depth."""
    for item in items:
        if isinstance(item, Section):
            pages = [c for c in item.children if getattr(getattr(c, "file", None), "src_uri", None) in generated]
            if item.title in _FOLDER_SECTIONS and pages:
                item.title = ui[_FOLDER_SECTIONS[item.title]]
            _translate_sections(item.children, generated, ui)
