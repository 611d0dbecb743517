"""Rebuilds as ``mkdocs serve`` runs them (one plugin instance, the config loaded again each time):
the edited page shows the edit, whatever was edited, and the pages nothing changed for are
not rendered again."""

from __future__ import annotations

import logging
import os
from pathlib import Path

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config

from annotated_lessons.core.translations import translation
from annotated_lessons.extension.render_cache import RenderCache
from annotated_lessons.mkdocs_plugin import AnnotatedLessonsPlugin

LESSON = "lessons/insider-access.yml"
ARTICLE = "seeds/urgent-peace-efforts-donbass.txt"
CATALOGUE = "lessons/techniques.yml"


class Server:
    """One ``mkdocs serve``: every rebuild loads the config again and keeps the plugin, as MkDocs does."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.plugin: AnnotatedLessonsPlugin | None = None

    def rebuild(self) -> RenderCache:
        config = load_config(str(self.root / "mkdocs.yml"), site_dir=str(self.root / "site"))
        plugin = config.plugins["annotated-lessons"]
        assert isinstance(plugin, AnnotatedLessonsPlugin)
        if self.plugin is None:  # a fresh cache, whatever an earlier test in this process left in it
            plugin._renders = None  # noqa: SLF001
            config.plugins.on_startup(command="serve", dirty=False)
        assert self.plugin is None or plugin is self.plugin, "MkDocs keeps a plugin with on_startup across builds"
        self.plugin = plugin
        build(config)
        cache = plugin._render_cache()  # noqa: SLF001
        assert cache is not None
        return cache

    def page(self, path: str) -> str:
        return (self.root / "site" / path).read_text(encoding="utf-8")

    def edit(self, path: str, old: str, new: str) -> None:
        file = self.root / path
        text = file.read_text(encoding="utf-8")
        assert old in text, f"{old!r} not in {path}"
        file.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.fixture
def server(course: Path, caplog: pytest.LogCaptureFixture) -> Server:
    caplog.set_level(logging.WARNING)
    served = Server(course)
    first = served.rebuild()
    assert first.made["lesson"] == 2 and first.made["excerpt"] == 1 and not first.reused  # as the fixture course has
    return served


def test_an_unchanged_course_renders_nothing_again(server: Server):
    before = {p: server.page(p) for p in ("lessons/insider-access/index.html", "techniques/index.html",
                                          "lessons/index.html", "lessons/insider-access/annotations.jsonld")}
    cache = server.rebuild()
    assert not cache.made, cache.made
    assert cache.reused["lesson"] == 2 and cache.reused["export"] == 2 and cache.reused["technique"] >= 1
    assert {p: server.page(p) for p in before} == before


def test_an_edited_lesson_is_rendered_again_and_shows_the_new_annotation(server: Server):
    server.edit(LESSON, "annotations:\n", "annotations:\n  - id: pasted-note\n    quote: Escalating Russia-Ukraine Crisis\n"
                                          "    technique: headline-framing\n    note: A note pasted from annotate mode.\n")
    cache = server.rebuild()
    page = server.page("lessons/insider-access/index.html")
    assert "A note pasted from annotate mode." in page and 'data-annotation="pasted-note"' in page
    assert "pasted-note" in server.page("lessons/insider-access/annotations.jsonld")
    assert 'data-annotation="pasted-note"' in server.page("teacher/insider-access/index.html")
    assert "A note pasted from annotate mode." in server.page("techniques/headline-framing/index.html")
    # The other lesson and the pages of techniques it does not use are not rendered again.
    assert cache.made["lesson"] == 1 and cache.reused["lesson"] == 1
    assert cache.made["teacher-edition"] == 1 and cache.reused["teacher-edition"] == 1
    assert cache.made["export"] == 1 and cache.reused["export"] == 1
    assert cache.made["technique-index"] == 0
    used = {a for a in server.plugin.course.lessons["insider-access"].annotations if a.technique}  # type: ignore[union-attr]
    techniques = {a.technique for a in used}
    assert cache.made["technique"] == len(techniques) < len(server.plugin.course.catalogue.techniques)  # type: ignore[union-attr]


def test_an_edited_article_shows_on_the_lessons_on_it(server: Server):
    server.edit(ARTICLE, "Amid Escalating", "Amid Mounting")
    cache = server.rebuild()
    assert "Amid Mounting" in server.page("lessons/insider-access/index.html")
    assert cache.made["lesson"] == 1 and cache.reused["lesson"] == 1  # the other lesson is on another article


def test_an_edited_catalogue_shows_on_every_page(server: Server):
    server.edit(CATALOGUE, "name: Loaded language", "name: Emotive wording")
    cache = server.rebuild()
    for page in ("lessons/insider-access/index.html", "techniques/index.html", "lessons/index.html",
                 "techniques/loaded-language/index.html"):
        assert "Emotive wording" in server.page(page), page
    assert cache.made["lesson"] == 2 and not cache.reused["lesson"]


def test_a_new_or_edited_template_override_shows_on_every_page(server: Server):
    (server.root / "overrides" / "annotated_lessons").mkdir(parents=True)
    server.edit("mkdocs.yml", "  name: material\n", "  name: material\n  custom_dir: overrides\n")
    note = server.root / "overrides" / "annotated_lessons" / "note.html"
    note.write_text('{% extends "default/note.html" %}', encoding="utf-8")
    assert server.rebuild().made["lesson"] == 2  # other template folders: other pages
    override = ('{% macro render(note, id_prefix="") %}<li class="al-note" data-annotation="{{ note.id }}">'
                "OVERRIDDEN {{ note.label }}</li>{% endmacro %}")
    stat = note.stat()
    note.write_text(override, encoding="utf-8")
    os.utime(note, ns=(stat.st_atime_ns, stat.st_mtime_ns))  # an edit the modification time does not show
    cache = server.rebuild()
    assert "OVERRIDDEN" in server.page("lessons/insider-access/index.html")
    assert cache.made["lesson"] == 2 and not cache.reused


def test_the_language_and_its_strings_show_on_every_page(server: Server):
    english = server.page("lessons/insider-access/index.html")
    server.edit("mkdocs.yml", "  name: material\n", "  name: material\n  language: de\n")
    server.rebuild()
    german = server.page("lessons/insider-access/index.html")
    notes = translation("de")["Notes"]
    assert notes != "Notes" and f">{notes}<" in german and f">{notes}<" not in english
    server.edit("mkdocs.yml", "  - annotated-lessons\n", '  - annotated-lessons:\n      strings:\n        "Notes": "Anmerkungen!"\n')
    cache = server.rebuild()
    assert "Anmerkungen!" in server.page("lessons/insider-access/index.html")
    assert cache.made["lesson"] == 2 and not cache.reused["lesson"]


def test_a_broken_embed_warns_on_every_build(server: Server, caplog: pytest.LogCaptureFixture):
    (server.root / "docs" / "embeds.md").write_text("# Embeds\n\n[lesson: insider-access#no-such-note]\n\n"
                                                  "[lesson: insider-access#urgent-peace]\n", encoding="utf-8")
    for _ in range(2):
        caplog.clear()
        cache = server.rebuild()
        assert "broken embed [lesson: insider-access#no-such-note]" in caplog.text
    assert cache.made["excerpt"] == 0 and cache.reused["excerpt"] == 2  # the broken one is never kept


def test_a_one_off_build_keeps_no_page(course: Path):
    """``mkdocs build`` renders each page once: holding them all would only cost memory."""
    config = load_config(str(course / "mkdocs.yml"), site_dir=str(course / "site"))
    plugin = config.plugins["annotated-lessons"]
    assert isinstance(plugin, AnnotatedLessonsPlugin)
    plugin._renders = None  # noqa: SLF001 - whatever an earlier test in this process left
    config.plugins.on_startup(command="build", dirty=False)
    build(config)
    assert plugin._render_cache() is None and plugin.extension.render_cache is None  # noqa: SLF001
    assert "Whose view is this?" in (course / "site" / "lessons" / "insider-access" / "index.html").read_text()


def test_annotate_mode_panels_are_kept_and_follow_the_lesson_file(server: Server):
    """Under serve annotate mode is on: each lesson's panel is reused until its lesson changes, and then
    carries the new file (where the next drafts go) and the repository links of the config as it is now."""
    first = server.page("lessons/insider-access/index.html")
    assert 'class="al-annotate"' in first
    cache = server.rebuild()
    assert cache.reused["annotate"] == 2 and not cache.made["annotate"]
    server.edit(LESSON, "annotations:\n", "annotations:\n  - quote: Escalating Russia-Ukraine Crisis\n"
                                          "    technique: headline-framing\n    note: Pasted from the drafts.\n")
    cache = server.rebuild()
    assert cache.made["annotate"] == 1 and cache.reused["annotate"] == 1
    assert "Pasted from the drafts." in server.page("lessons/insider-access/index.html").split('data-source=')[1]
    config = server.root / "mkdocs.yml"
    config.write_text("repo_url: https://github.com/o/course\n" + config.read_text(encoding="utf-8"), encoding="utf-8")
    cache = server.rebuild()
    assert "github.com/o/course/issues/new" in server.page("lessons/insider-access/index.html")
