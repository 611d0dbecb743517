"""The plugin's hooks called directly, for what a one-off build cannot show: serving."""

from __future__ import annotations

from pathlib import Path

from mkdocs.config import load_config
from mkdocs.structure.files import get_files

from annotated_lessons.core.course import CourseCache
from annotated_lessons.mkdocs_plugin import AnnotatedLessonsPlugin


class FakeServer:
    def __init__(self) -> None:
        self.watched: list[str] = []

    def watch(self, path: str) -> None:
        self.watched.append(path)


def _plugin(root: Path) -> tuple[AnnotatedLessonsPlugin, object]:
    config = load_config(str(root / "mkdocs.yml"))
    plugin = config.plugins["annotated-lessons"]
    assert isinstance(plugin, AnnotatedLessonsPlugin)
    plugin.on_startup(command="serve", dirty=False)
    config = config.plugins.on_config(config)
    return plugin, config


def test_serve_watches_lessons_and_article_folders(course: Path):
    plugin, config = _plugin(course)
    plugin.on_files(get_files(config), config=config)
    server = FakeServer()
    plugin.on_serve(server, config=config, builder=None)
    assert str(course / "lessons") in server.watched
    assert str(course / "seeds") in server.watched


def test_rebuilds_reuse_unchanged_lessons(course: Path):
    plugin, config = _plugin(course)
    # MkDocs keeps one instance of a plugin with on_startup per process, as `mkdocs serve` does,
    # so start from a fresh cache rather than whatever an earlier test left in it.
    plugin.cache = CourseCache()
    plugin.on_files(get_files(config), config=config)
    assert (plugin.cache.hits, plugin.cache.misses) == (0, 2)
    lesson = course / "lessons" / "insider-access.yml"
    lesson.write_text(lesson.read_text().replace("Start with the headline", "Begin with the headline"))
    plugin.on_files(get_files(config), config=config)
    assert (plugin.cache.hits, plugin.cache.misses) == (1, 3)
    assert "Begin with the headline" in plugin.course.lessons["insider-access"].teacher_notes
