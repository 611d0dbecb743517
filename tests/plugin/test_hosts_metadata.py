"""What a generated page tells search engines, Material's edit button and date plugins."""

from __future__ import annotations

import json
from pathlib import Path

from .hosts import course_with, strict_build

HOOK = '''\
import json, pathlib
SEEN = {}
def on_post_page(output, page, config):
    SEEN[page.file.src_uri] = [page.file.abs_src_path, page.edit_url]
def on_post_build(config):
    pathlib.Path(config.site_dir, "sources.json").write_text(json.dumps(SEEN))
'''


def _configure(config: dict) -> None:
    config["site_url"] = "https://example.org/course/"
    config["repo_url"] = "https://github.com/example/course"
    config["edit_uri"] = "edit/main/docs/"
    config["theme"]["features"].append("content.action.edit")
    config["hooks"] = ["sources_hook.py"]


def test_metadata_edit_links_sources_noindex_and_sitemap(tmp_path: Path):
    root = course_with(tmp_path, _configure)
    (root / "sources_hook.py").write_text(HOOK, encoding="utf-8")
    site = strict_build(root)
    lesson = site.page("lessons/insider-access/index.html")
    assert ('<meta name="description" content="How the article claims a view from inside the Kremlin, '
            'and what it offers as proof.">') in lesson
    assert 'href="https://github.com/example/course/edit/main/lessons/insider-access.yml"' in lesson
    assert "noindex" not in lesson
    technique = site.page("techniques/insider-access/index.html")
    assert 'href="https://github.com/example/course/edit/main/lessons/techniques.yml"' in technique
    teacher = site.page("teacher/insider-access/index.html")
    assert '<meta name="robots" content="noindex, nofollow">' in teacher.split("</head>")[0]
    assert '<link rel="canonical" href="https://example.org/course/teacher/insider-access/">' in teacher
    assert "noindex" in site.page("teacher/index.html").split("</head>")[0]
    sitemap = site.page("sitemap.xml")
    assert "https://example.org/course/lessons/insider-access/" in sitemap
    assert "/teacher/" not in sitemap
    search = json.loads(site.page("search/search_index.json"))
    assert not [d["location"] for d in search["docs"] if d["location"].startswith("teacher/")]
    assert any(d["location"].startswith("lessons/insider-access/") for d in search["docs"])
    sources = json.loads(site.page("sources.json"))
    assert sources["lessons/insider-access.md"][0] == str((root / "lessons" / "insider-access.yml").resolve())
    assert sources["teacher/insider-access.md"][0] == str((root / "lessons" / "insider-access.yml").resolve())
    assert sources["lessons/unit-1/odd-characters.md"][1] == (
        "https://github.com/example/course/edit/main/lessons/unit-1/odd-characters.yml")
    assert sources["lessons/index.md"] == [None, None]  # the index shows the whole folder: no one file to edit
    assert sources["index.md"][1] == "https://github.com/example/course/edit/main/docs/index.md"


def test_a_summary_in_markdown_is_plain_text_in_the_meta(tmp_path: Path):
    root = course_with(tmp_path, lambda config: None)
    lesson = root / "lessons" / "insider-access.yml"
    text = lesson.read_text(encoding="utf-8").replace(
        "summary: How the article claims a view from inside the Kremlin, and what it offers as proof.",
        "summary: '**Bold** claims & <b>tags</b> \"quoted\": how the article claims'")
    lesson.write_text(text, encoding="utf-8")
    head = strict_build(root).page("lessons/insider-access/index.html").split("</head>")[0]
    assert ('<meta name="description" content="Bold claims &amp; tags “quoted”: how the article claims">'
            in head)
