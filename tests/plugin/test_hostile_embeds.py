"""Embeds that point nowhere fail a strict build, log lines cannot be forged, and a course's
template overrides are used (still autoescaping)."""

from __future__ import annotations

import re
from pathlib import Path

import markdown
import pytest

from annotated_lessons.extension import AnnotatedLessonsExtension, EmbedError

from .conftest import FIXTURE, build

BROKEN = [
    ("[lesson: no-such-lesson]", "lesson 'no-such-lesson' is not in the course"),
    ("[technique: no-such-technique]", "technique 'no-such-technique' is not in the catalogue"),
    ("[lesson: insider-access#no-such-note]", "lesson 'insider-access' has no annotation 'no-such-note'"),
    ("[teacher-edition: no-such-lesson]", "lesson 'no-such-lesson' is not in the course"),
    ("[lesson: ../../etc/passwd]", "'../../etc/passwd' is not a lesson slug"),
    ("[lesson: two words]", "'two words' is not a lesson slug"),
    ("[lesson-index: x]", "[lesson-index] takes no argument"),
    ("[lesson]", "[lesson] needs a lesson slug"),
    ("[generated-page]", "[generated-page] is only for the pages the MkDocs plugin generates"),
]


def _with_page(course: Path, text: str) -> None:
    (course / "docs" / "broken.md").write_text(f"# Broken\n\n{text}\n", encoding="utf-8")


def test_every_broken_embed_fails_a_strict_build_with_its_own_message(course: Path):
    _with_page(course, "\n\n".join(embed for embed, _ in BROKEN))
    result = build(course, "--strict")
    assert result.returncode != 0, result.log
    for embed, message in BROKEN:
        assert re.search(rf"WARNING +- +annotated_lessons: broken\.md: broken embed {re.escape(embed.split(']')[0])}.*"
                         rf"{re.escape(message)}", result.log), (embed, result.log)


def test_one_broken_embed_is_enough_to_fail_a_strict_build(course: Path):
    _with_page(course, "[lesson: no-such-lesson]")
    assert build(course, "--strict").returncode != 0


def test_without_strict_a_broken_embed_leaves_a_notice(course: Path):
    _with_page(course, "[lesson: no-such-lesson]")
    result = build(course)
    assert result.returncode == 0, result.log
    page = (result.site / "broken" / "index.html").read_text(encoding="utf-8")
    assert 'class="al-missing"' in page and "no-such-lesson" in page


def _markdown(course: Path, **options: object) -> markdown.Markdown:
    return markdown.Markdown(extensions=[AnnotatedLessonsExtension(course_dir=str(course), **options)])


def test_the_check_option_raises_for_hosts_without_strict(course: Path):
    with pytest.raises(EmbedError, match="no-such-lesson"):
        _markdown(course, check=True).convert("[lesson: no-such-lesson]\n")
    assert 'class="al-missing"' in _markdown(course).convert("[lesson: no-such-lesson]\n")


def test_an_embed_must_start_at_column_zero(course: Path):
    html = _markdown(course).convert("Before\n\n    [lesson-index]\n\nafter `[lesson-index]`\n")
    assert "<pre><code>[lesson-index]\n</code></pre>" in html
    assert 'class="al-cards"' not in html
    assert 'class="al-cards"' in _markdown(course).convert("[lesson-index]\n")


def test_a_key_cannot_forge_a_line_of_ci_output(course: Path):
    (course / "lessons" / "forged.yml").write_text(
        'title: T\narticle: seeds/odd.txt\nsummary: s\n"x\\n::error file=x::forged\\u001b[2J": 1\nannotations: []\n',
        encoding="utf-8")
    result = build(course)
    assert "forged" in result.log, result.log
    assert not re.search(r"^::error", result.log, re.M), result.log
    assert "\x1b" not in result.log


def test_a_course_overrides_a_template_from_its_theme_custom_dir(course: Path):
    config = course / "mkdocs.yml"
    config.write_text(config.read_text().replace("  name: material\n", "  name: material\n  custom_dir: overrides\n"))
    folder = course / "overrides" / "annotated_lessons"
    folder.mkdir(parents=True)
    (folder / "page.html").write_text('<h1 class="my-title">{{ title }}</h1>\n{{ body }}\n', encoding="utf-8")
    (folder / "note.html").write_text('{% extends "default/note.html" %}', encoding="utf-8")
    lesson = course / "lessons" / "insider-access.yml"
    lesson.write_text(lesson.read_text().replace("title: Whose view is this?", "title: Whose <b>view</b>?"))
    result = build(course, "--strict")
    assert result.returncode == 0, result.log
    page = (result.site / "lessons" / "insider-access" / "index.html").read_text(encoding="utf-8")
    assert '<h1 class="my-title">Whose &lt;b&gt;view&lt;/b&gt;?</h1>' in page  # overrides autoescape too
    assert 'id="note-privileged-glimpse"' in page  # the note template that extends the default


def test_the_extension_takes_override_folders(tmp_path: Path):
    (tmp_path / "mine").mkdir()
    (tmp_path / "mine" / "missing.html").write_text('<p class="mine">{{ message }}</p>', encoding="utf-8")
    html = _markdown(FIXTURE, templates=[str(tmp_path / "mine")]).convert("[lesson: <nope>]\n")
    assert '<p class="mine">' in html and "&lt;nope&gt;" in html and "<nope>" not in html
