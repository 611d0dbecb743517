"""The plugin beside other hosts' settings and plugins: one strict build of the fixture course each."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from .hosts import course_with, plugin_index, strict_build


def test_without_directory_urls_links_and_jsonld_ids_name_pages(tmp_path: Path):
    def change(config: dict) -> None:
        config["use_directory_urls"] = False
        config["site_url"] = "https://example.org/"

    site = strict_build(course_with(tmp_path, change))
    lesson = site.page("lessons/insider-access.html")
    assert 'href="../techniques/insider-access.html"' in lesson
    assert 'href="insider-access/annotations.jsonld"' in lesson
    exported = json.loads(site.page("lessons/insider-access/annotations.jsonld"))
    targets = {item["target"]["source"] for item in exported["items"]} if "items" in exported else set()
    text = json.dumps(exported)
    assert "https://example.org/lessons/insider-access.html" in text
    assert "https://example.org/lessons/insider-access/" not in text, targets


def test_a_site_under_a_sub_path_with_instant_navigation(tmp_path: Path):
    def change(config: dict) -> None:
        config["site_url"] = "https://example.org/schools/course/"
        assert "navigation.instant" in config["theme"]["features"]

    site = strict_build(course_with(tmp_path, change))
    lesson = site.page("lessons/insider-access/index.html")
    assert 'href="../../techniques/insider-access/"' in lesson  # relative: right under any prefix
    assert 'href="/' not in lesson.split('class="md-content"')[1]
    assert "https://example.org/schools/course/lessons/insider-access/" in site.page(
        "lessons/insider-access/annotations.jsonld")


def _material(name: str, options: dict | None = None):  # noqa: ANN202
    def change(config: dict) -> None:
        config["plugins"].insert(0, {name: options} if options else name)
    return change


def test_with_material_privacy(tmp_path: Path):
    # Privacy parses every page's HTML for external assets; the one it finds (Material's mermaid
    # from unpkg.com) cannot be downloaded here, without a network, so it is left alone.
    site = strict_build(course_with(tmp_path, _material("privacy", {"assets_exclude": ["unpkg.com/*"]})))
    lesson = site.page("lessons/insider-access/index.html")
    assert 'data-lesson="insider-access"' in lesson and 'class="al-note-list"' in lesson


def test_with_material_offline(tmp_path: Path):
    site = strict_build(course_with(tmp_path, lambda config: config["plugins"].append("offline")))
    lesson = site.page("lessons/insider-access.html")  # offline turns directory URLs off, after this plugin
    assert 'href="../techniques/insider-access.html"' in lesson
    assert (site.site / "search" / "search_index.js").is_file()


def test_with_material_tags(tmp_path: Path):
    root = course_with(tmp_path, _material("tags"))
    index = root / "docs" / "index.md"
    index.write_text("---\ntags: [media literacy]\n---\n" + index.read_text(encoding="utf-8"), encoding="utf-8")
    site = strict_build(root)
    assert "media literacy" in site.page("index.html")
    assert 'data-lesson="insider-access"' in site.page("lessons/insider-access/index.html")


def test_with_material_blog(tmp_path: Path):
    root = course_with(tmp_path, lambda config: config["plugins"].append("blog"))
    (root / "docs" / "blog" / "posts").mkdir(parents=True)
    (root / "docs" / "blog" / "index.md").write_text("# News\n", encoding="utf-8")
    (root / "docs" / "blog" / "posts" / "first.md").write_text(
        "---\ndate: 2026-01-05\n---\n\n# A new lesson\n\nSee [the lesson](../../lessons/insider-access.md).\n",
        encoding="utf-8")
    site = strict_build(root)
    assert 'data-lesson="insider-access"' in site.page("lessons/insider-access/index.html")
    post = next((site.site / "blog").rglob("a-new-lesson/index.html")).read_text(encoding="utf-8")
    assert "lessons/insider-access/" in post


@pytest.mark.parametrize("place", ["before", "after"])
def test_with_mkdocs_redirects_before_or_after(tmp_path: Path, place: str):
    redirects = {"redirects": {"redirect_maps": {"old-lesson.md": "lessons/insider-access.md",
                                                 "old-technique.md": "techniques/insider-access.md"}}}

    def change(config: dict) -> None:
        at = plugin_index(config)
        config["plugins"].insert(at if place == "before" else at + 1, redirects)

    site = strict_build(course_with(tmp_path, change))
    assert "lessons/insider-access/" in site.page("old-lesson/index.html")
    assert "techniques/insider-access/" in site.page("old-technique/index.html")


def test_with_mkdocs_awesome_nav(tmp_path: Path):
    def change(config: dict) -> None:
        del config["nav"]
        config["plugins"].append("awesome-nav")

    root = course_with(tmp_path, change)
    (root / "docs" / ".nav.yml").write_text("nav:\n  - index.md\n  - Read: lessons\n", encoding="utf-8")
    site = strict_build(root)
    page = site.page("lessons/insider-access/index.html")
    assert 'data-lesson="insider-access"' in page
    assert "techniques/insider-access/" in page  # the pages its nav leaves out are added after it
