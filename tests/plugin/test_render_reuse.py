"""What the build reuses (cached relative links, the title kept out of other pages' meta)
never changes what a page shows: each generated page renders the same whatever page came
before it, and a generated page's title reaches the theme the same way."""

from __future__ import annotations

from pathlib import Path

import markdown
from markupsafe import Markup
from mkdocs.config import load_config
from mkdocs.structure.files import get_files
from mkdocs.structure.pages import Page

from annotated_lessons.core.course import CourseCache, CourseConfig, load_course
from annotated_lessons.extension import AnnotatedLessonsExtension
from annotated_lessons.extension.extension import relative_url
from annotated_lessons.mkdocs_plugin import AnnotatedLessonsPlugin
from annotated_lessons.mkdocs_plugin.pages import GeneratedPage, generated_pages

EXAMPLE = Path(__file__).resolve().parents[2]


def _page_url(src_uri: str, directory_urls: bool) -> str:
    stem = src_uri.removesuffix(".md")
    if stem.endswith("index"):
        return stem.removesuffix("index") if directory_urls else stem + ".html"
    return stem + "/" if directory_urls else stem + ".html"


def _render_all(pages: list[GeneratedPage], directory_urls: bool) -> dict[str, str]:
    """Every generated page's HTML, rendered through the extension in the order given."""
    course = load_course(CourseConfig(EXAMPLE), CourseCache())
    extension = AnnotatedLessonsExtension(course_dir=str(EXAMPLE), use_directory_urls=directory_urls)
    extension.course = course
    processor = markdown.Markdown(extensions=[extension]).parser.blockprocessors["annotated_lessons"]
    html = {}
    for page in pages:
        extension.page_url = _page_url(page.src_uri, directory_urls)
        extension.page_path, extension.generated = page.src_uri, page.spec
        html[page.src_uri] = str(processor.render("generated-page", None))
    return html


def test_every_generated_page_renders_the_same_in_any_order():
    pages = generated_pages(load_course(CourseConfig(EXAMPLE), CourseCache()), teacher_edition=True)
    assert {p.spec.kind for p in pages} >= {"lesson", "teacher-edition", "technique", "lesson-index"}
    relative_url.cache_clear()
    forward = _render_all(pages, directory_urls=True)
    backward = _render_all(pages[::-1], directory_urls=True)
    assert backward == forward
    for page in pages:  # nothing rendered before it: nothing cached that it could pick up
        relative_url.cache_clear()
        assert _render_all([page], directory_urls=True) == {page.src_uri: forward[page.src_uri]}, page.src_uri
    flat = _render_all(pages, directory_urls=False)  # the cache keys on the URL style too
    lesson = next(p.src_uri for p in pages if p.spec.kind == "lesson")
    assert flat[lesson] != forward[lesson] and ".html" in flat[lesson]


def test_relative_links_match_their_uncached_computation():
    for page_url in ("", "lessons/", "lessons/a/", "lessons/unit/a/", "techniques/x.html", "a:b/"):
        for target in ("", "lessons/", "techniques/loaded-language/", "lessons/unit/b/"):
            for directory_urls in (True, False):
                assert relative_url(page_url, target, directory_urls) == \
                    relative_url.__wrapped__(page_url, target, directory_urls)


def test_a_generated_title_is_in_the_meta_only_while_its_page_renders(tmp_path: Path):
    config = load_config(str(EXAMPLE / "mkdocs.yml"), site_dir=str(tmp_path / "site"))
    plugin = config.plugins["annotated-lessons"]
    assert isinstance(plugin, AnnotatedLessonsPlugin)
    config = config.plugins.on_config(config)
    files = plugin.on_files(get_files(config), config=config)
    assert files is not None
    src_uri = next(uri for uri, page in plugin.generated.items() if page.spec.kind == "lesson")
    file = files.get_file_from_path(src_uri)
    assert file is not None
    page = Page(None, file, config)
    page.read_source(config)
    plugin.on_page_markdown(page.markdown or "", page=page, config=config, files=files)
    title = plugin.generated[src_uri].spec.title
    assert isinstance(page.title, Markup) and page.title == Markup.escape(title)
    assert "title" not in page.meta  # so the theme's nav, on every other page, skips this page's meta
    plugin.on_page_context({}, page=page, config=config, nav=None)  # type: ignore[arg-type]
    assert page.meta["title"] == page.title  # what Material's <title> prints, escaped
    plugin.on_post_page("", page=page, config=config)
    assert "title" not in page.meta
