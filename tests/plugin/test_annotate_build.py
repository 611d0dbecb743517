"""Annotate mode in real ``mkdocs build --strict`` runs: absent unless enabled, complete and inert when it is."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from annotated_lessons.core import CourseConfig, load_course
from annotated_lessons.core.annotate import AnnotateSite, Repository, is_active
from annotated_lessons.core.selection import selection_view

from .conftest import Build, build, copy_course

PAYLOAD = "'\"><script>alert(1)</script>&amp;"


class _Elements(HTMLParser):
    """Every start tag with its attributes, and the inline scripts."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.inline_scripts = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        if tag == "script" and not dict(attrs).get("src"):
            self.inline_scripts += 1


def elements(html: str) -> _Elements:
    parser = _Elements()
    parser.feed(html)
    return parser


def _enable(root: Path, value: str = "true", extra: str = "") -> None:
    config = root / "mkdocs.yml"
    text = config.read_text(encoding="utf-8").replace(
        "  - annotated-lessons\n", f"  - annotated-lessons:\n      annotate: {value}\n")
    config.write_text(extra + text, encoding="utf-8")


@pytest.fixture(scope="module")
def plain(tmp_path_factory: pytest.TempPathFactory) -> Build:
    result = build(copy_course(tmp_path_factory.mktemp("plain")), "--strict")
    assert result.returncode == 0, result.log
    return result


@pytest.fixture(scope="module")
def annotating(tmp_path_factory: pytest.TempPathFactory) -> Build:
    root = copy_course(tmp_path_factory.mktemp("annotating"))
    _enable(root, extra="repo_url: https://github.com/o/course\nedit_uri: edit/main/docs/\n")
    (root / "seeds" / "extra.txt").write_text("A headline\n\nA body without a lesson.\n", encoding="utf-8")
    result = build(root, "--strict")
    assert result.returncode == 0, result.log
    return result


def test_a_plain_build_has_no_trace_of_annotate_mode(plain):
    assert not (plain.site / "annotate").exists()
    assert not (plain.site / "assets" / "annotated-lessons" / "annotate").exists()
    for page in plain.site.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        assert "al-annotate" not in text and "annotate/annotate.js" not in text, page


def test_enabled_it_ships_its_scripts_in_order_and_its_pages(annotating):
    assets = annotating.site / "assets" / "annotated-lessons" / "annotate"
    assert sorted(p.name for p in assets.iterdir()) == ["annotate.css", "annotate.js", "drafts.js", "selectors.js"]
    page = annotating.page("lessons/insider-access/index.html")
    scripts = [a["src"] for tag, a in elements(page).tags if tag == "script" and a.get("src")]
    ours = [s.rsplit("/", 1)[-1] for s in scripts if "/annotate/" in s]
    assert ours == ["selectors.js", "drafts.js", "annotate.js"]
    assert (annotating.site / "annotate" / "index.html").exists()
    index = annotating.page("annotate/index.html")
    assert "seeds/extra.txt" in index and (annotating.site / "annotate" / "extra" / "index.html").exists()
    assert "lessons/insider-access/?annotate" in index


def test_the_panel_carries_its_data_as_json_the_core_computed(annotating):
    page = annotating.page("lessons/insider-access/index.html")
    section = next(a for tag, a in elements(page).tags if tag == "section" and "al-annotate" in (a.get("class") or ""))
    assert "data-lesson-ui" in section and "hidden" in section
    course = load_course(CourseConfig(annotating.root, "lessons", "lessons/techniques.yml"))
    lesson = course.lessons["insider-access"]
    assert json.loads(section["data-view"]) == json.loads(json.dumps(selection_view(lesson.article)))
    assert json.loads(section["data-source"])  # where drafts go in the lesson file
    links = json.loads(section["data-links"])
    assert links["edit"] == "https://github.com/o/course/edit/main/lessons/insider-access.yml"
    strings = json.loads(section["data-al-ui"])
    assert strings["Annotate mode off."] == "Annotate mode off."
    assert section["data-lesson-path"] == "lessons/insider-access.yml"


def test_it_adds_no_inline_script_and_no_inline_handler_or_style(plain, annotating):
    for path in ("lessons/insider-access/index.html", "annotate/index.html", "annotate/extra/index.html"):
        found = elements(annotating.page(path))
        assert found.inline_scripts == elements(plain.page("lessons/insider-access/index.html")).inline_scripts, path
        for tag, attrs in found.tags:
            assert not any(name.startswith("on") for name in attrs), (path, tag)
            if "al-annotate" in (attrs.get("class") or ""):
                assert "style" not in attrs


def test_hostile_names_and_headlines_stay_text_in_the_attributes(tmp_path):
    root = copy_course(tmp_path)
    _enable(root)
    catalogue = root / "lessons" / "techniques.yml"
    text = catalogue.read_text(encoding="utf-8")
    first = re.search(r"name: (.*)\n", text)
    assert first
    catalogue.write_text(text.replace(first.group(0), f"name: {json.dumps(PAYLOAD)}\n", 1), encoding="utf-8")
    (root / "seeds" / "hostile.txt").write_text(f"{PAYLOAD} headline\n\nA body with {PAYLOAD} in it.\n",
                                                encoding="utf-8")
    result = build(root, "--strict")
    assert result.returncode == 0, result.log
    for path in ("lessons/insider-access/index.html", "annotate/hostile/index.html"):
        html = result.page(path)
        assert "<script>alert(1)" not in html, path
        found = elements(html)
        section = next(a for tag, a in found.tags if tag == "section" and "al-annotate" in (a.get("class") or ""))
        json.loads(section["data-view"])  # still whole JSON
    options = [a for tag, a in elements(result.page("lessons/insider-access/index.html")).tags if tag == "option"]
    assert options  # the chooser lists the catalogue; the hostile name is an option's text only
    assert PAYLOAD.replace("&amp;", "&") not in result.page("lessons/insider-access/index.html")


def test_a_wrong_value_stops_the_build_with_what_is_allowed(course):
    _enable(course, "sometimes")
    result = build(course)
    assert result.returncode != 0
    assert "annotate must be true, false or 'serve', not 'sometimes'" in result.log
    assert "Traceback" not in result.log


@pytest.mark.parametrize("option, command, active", [
    ("serve", "serve", True), ("serve", "build", False), ("serve", None, False), (True, "build", True),
    (True, "gh-deploy", True), (False, "serve", False),
])
def test_the_mode_is_on_while_serving_by_default(option, command, active):
    assert is_active(option, command) is active


def test_articles_for_new_lessons_stay_in_the_course_and_get_free_slugs(tmp_path):
    root = tmp_path / "c"
    (root / "seeds" / ".hidden").mkdir(parents=True)
    (root / "seeds" / "a.txt").write_text("Used\n\nBody.\n", encoding="utf-8")
    (root / "seeds" / "Mein Artikel.txt").write_text("Titel\n\nText.\n", encoding="utf-8")
    (root / "seeds" / "b.txt").write_text("B\n\nText.\n", encoding="utf-8")
    (root / "seeds" / ".hidden" / "c.txt").write_text("C\n\nText.\n", encoding="utf-8")
    (root / "seeds" / "bad.txt").write_bytes(b"\xff\xff\x00not text")
    outside = tmp_path / "outside.txt"
    outside.write_text("Secret\n\nText.\n", encoding="utf-8")
    (root / "seeds" / "link.txt").symlink_to(outside)
    site = AnnotateSite(root, "lessons", "seeds", Repository())
    found, problems = site.new_lessons({"seeds/a.txt"}, {"b"})
    assert [(n.slug, n.path, n.article.path) for n in found] == [
        ("mein-artikel", "lessons/mein-artikel.yml", "seeds/Mein Artikel.txt"),
        ("b-2", "lessons/b-2.yml", "seeds/b.txt"),
    ]
    assert problems == []
    unsafe, problems = AnnotateSite(root, "lessons", "../", Repository()).new_lessons(set(), set())
    assert unsafe == [] and problems and problems[0].severity.value == "warning"


def test_annotate_mode_stays_out_of_the_search_index(annotating):
    index = (annotating.site / "search" / "search_index.json").read_text(encoding="utf-8")
    assert "Your drafts stay in this browser" not in index and "New annotation" not in index
    assert "Urgent Peace" in index or "insider" in index.lower()  # the lesson itself is still found
