"""The plugin in real ``mkdocs build --strict`` runs."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path

from .conftest import Build, build


def test_generated_pages_are_at_their_urls(built: Build):
    for path in ("lessons/index.html", "lessons/insider-access/index.html", "lessons/unit-1/odd-characters/index.html",
                 "techniques/insider-access/index.html", "techniques/one-sided-sourcing/index.html",
                 "teacher/insider-access/index.html", "assets/annotated-lessons/lessons.js",
                 "assets/annotated-lessons/lessons.css"):
        assert (built.site / path).is_file(), path


def test_lesson_page_follows_the_page_contract(built: Build):
    html = built.page("lessons/insider-access/index.html")
    assert 'data-lesson="insider-access"' in html
    assert 'data-annotations="privileged-glimpse"' in html
    assert 'id="ann-privileged-glimpse"' in html and 'id="note-privileged-glimpse"' in html
    assert 'href="../../techniques/insider-access/"' in html
    assert "assets/annotated-lessons/lessons.js" in html and "assets/annotated-lessons/lessons.css" in html


def test_nested_lesson_links_resolve(built: Build):
    html = built.page("lessons/unit-1/odd-characters/index.html")
    assert 'href="../../../techniques/headline-framing/"' in html


class _Inline(HTMLParser):
    """Finds inline script and style inside the page content (Material's own shell aside)."""

    def __init__(self) -> None:
        super().__init__()
        self.depth = 0
        self.found: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if self.depth or "md-content" in (a.get("class") or ""):
            self.depth += 1
            if tag in ("script", "style") or "style" in a or any(k.startswith("on") for k in a):
                self.found.append(f"{tag} {a}")

    def handle_endtag(self, tag: str) -> None:
        if self.depth:
            self.depth -= 1


def test_no_inline_script_or_style_in_generated_content(built: Build):
    for path in ("lessons/insider-access/index.html", "lessons/index.html", "techniques/insider-access/index.html",
                 "teacher/insider-access/index.html", "index.html"):
        parser = _Inline()
        parser.feed(built.page(path))
        assert parser.found == [], (path, parser.found)


def test_nav_lists_generated_pages_when_the_user_nav_does_not(built: Build):
    html = built.page("index.html")
    assert re.search(r'href="lessons/"', html)
    assert 'href="lessons/insider-access/"' in html
    assert 'href="techniques/insider-access/"' in html
    assert "teacher/insider-access/" not in html  # the teacher edition stays out of the student nav


def test_notes_are_searchable_and_teacher_edition_is_not(built: Build):
    index = json.loads(built.page("search/search_index.json"))
    lesson_text = " ".join(d["text"] for d in index["docs"] if d["location"].startswith("lessons/insider-access/"))
    assert "The writer promises access few readers could check" in lesson_text
    assert not [d for d in index["docs"] if d["location"].startswith("teacher/")]


def test_course_index_cards_and_technique_examples(built: Build):
    index = built.page("lessons/index.html")
    assert 'data-lesson-card="insider-access"' in index and 'class="al-strip"' in index
    assert 'href="insider-access/"' in index and "45 minutes" in index
    technique = built.page("techniques/insider-access/index.html")
    assert 'href="../../lessons/insider-access/#ann-privileged-glimpse"' in technique
    assert "Claimed insider access" in technique


def test_embedding_an_annotation_in_a_hand_written_page(built: Build):
    html = built.page("index.html")
    assert 'data-lesson-excerpt="insider-access"' in html
    assert 'href="lessons/insider-access/#ann-privileged-glimpse"' in html


def test_nothing_is_written_into_docs_dir(course: Path):
    before = sorted(p.relative_to(course) for p in (course / "docs").rglob("*"))
    assert build(course, "--strict").returncode == 0
    assert sorted(p.relative_to(course) for p in (course / "docs").rglob("*")) == before


def test_strict_fails_on_a_broken_lesson_with_its_position(course: Path):
    lesson = course / "lessons" / "insider-access.yml"
    lesson.write_text(lesson.read_text().replace("quote: alarmist rhetoric", "quote: alarmist rhetorik"))
    result = build(course, "--strict")
    assert result.returncode != 0
    assert re.search(r"lessons/insider-access\.yml:\d+:\d+: error: annotations\[3\]\.quote: the quote is not in "
                     r"the article", result.log), result.log


def test_without_strict_the_rest_still_builds(course: Path):
    (course / "lessons" / "broken.yml").write_text("title: [unclosed\n")
    lesson = course / "lessons" / "insider-access.yml"
    lesson.write_text(lesson.read_text().replace("quote: alarmist rhetoric", "quote: alarmist rhetorik"))
    result = build(course)
    assert result.returncode == 0, result.log
    assert "lessons/broken.yml:2:1: error: malformed YAML" in result.log
    html = (result.site / "lessons/insider-access/index.html").read_text()
    assert 'id="note-privileged-glimpse"' in html and 'id="note-alarmist"' not in html
    assert not (result.site / "lessons/broken/index.html").exists()


def test_disabled_plugin_generates_nothing(course: Path):
    config = course / "mkdocs.yml"
    config.write_text(config.read_text().replace("  - annotated-lessons\n", "  - annotated-lessons:\n      enabled: false\n")
                      .replace("[lesson: insider-access#privileged-glimpse]", ""))
    (course / "docs" / "index.md").write_text("# Home\n")
    result = build(course, "--strict")
    assert result.returncode == 0, result.log
    assert not (result.site / "lessons").exists()


def test_plain_urls_without_directory_urls(course: Path):
    config = course / "mkdocs.yml"
    config.write_text(config.read_text() + "use_directory_urls: false\n")
    result = build(course, "--strict")
    assert result.returncode == 0, result.log
    html = (result.site / "lessons/insider-access.html").read_text()
    links = set(re.findall(r'class="al-technique-link" href="([^"]+)"', html))
    assert links and all(link.endswith(".html") and "/index.html" not in link for link in links), links
    assert 'class="al-technique-link" href="../techniques/insider-access.html"' in html
    index = (result.site / "lessons/index.html").read_text()
    assert 'href="insider-access.html"' in index


def test_options_move_the_lessons(course: Path):
    (course / "lessons").rename(course / "units")
    config = course / "mkdocs.yml"
    config.write_text(config.read_text().replace(
        "  - annotated-lessons\n", "  - annotated-lessons:\n      lessons_dir: units\n      techniques: units/techniques.yml\n"))
    result = build(course, "--strict")
    assert result.returncode == 0, result.log
    assert (result.site / "lessons/insider-access/index.html").is_file()




def test_require_answers_warns_at_each_question_without_an_answer(course: Path):
    config = course / "mkdocs.yml"
    config.write_text(config.read_text().replace("  - annotated-lessons\n",
                                                 "  - annotated-lessons:\n      require_answers: true\n"))
    result = build(course, "--strict")
    assert result.returncode != 0
    assert "lessons/insider-access.yml:17:10: warning: annotations[1].ask: the question has no expected answer" in result.log
    assert "lessons/insider-access.yml:55:5: warning: lateral_reading[0]: the question has no expected answer" in result.log
    config.write_text(config.read_text().replace("      require_answers: true\n", "      require_answers: false\n"))
    assert build(course, "--strict").returncode == 0
