"""Real ``mkdocs build --strict`` runs of a Ukrainian course in other interface languages.

Every page type is rendered and its visible text (text nodes, accessible names, titles and
the strings sent to the page scripts) is searched for the English of every catalogue
string: any hit is a string that escaped translation. The course's own text is Ukrainian
and Arabic, so an English word on the page can only come from the interface.
"""

from __future__ import annotations

import json
import re
import shutil
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml

from annotated_lessons.core.translations import english, translation

from .conftest import Build, build

COURSE = Path(__file__).resolve().parents[1] / "i18n" / "course"
PAGES = {
    "lesson": "lessons/sources/index.html",
    "rtl lesson": "lessons/arabic/index.html",
    "course index": "lessons/index.html",
    "technique page": "techniques/insider-access/index.html",
    "technique without examples": "techniques/unused/index.html",
    "technique list": "techniques/index.html",
    "teacher edition": "teacher/sources/index.html",
    "teacher list": "teacher/index.html",
}
_NAMED_ATTRIBUTES = ("aria-label", "title", "alt", "placeholder")


class _Visible(HTMLParser):
    """Text a reader sees or hears: text nodes outside scripts and styles, accessible names, data-al-ui."""

    def __init__(self) -> None:
        super().__init__()
        self.texts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("script", "style"):
            self._skip += 1
        for name, value in attrs:
            if value and name in _NAMED_ATTRIBUTES:
                self.texts.append(value)
            elif value and name == "data-al-ui":
                for text in json.loads(value).values():
                    self.texts += list(text.values()) if isinstance(text, dict) else [text]

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style"):
            self._skip -= 1

    def handle_data(self, data: str) -> None:
        if not self._skip and data.strip():
            self.texts.append(data)


def visible_text(html: str) -> str:
    parser = _Visible()
    parser.feed(html)
    return "\n".join(" ".join(t.split()) for t in parser.texts)


def english_fragments(language: str) -> dict[str, str]:
    """Each catalogue string's literal pieces between placeholders (3+ letters) -> its msgid.

    A piece the translation keeps as it is (a name such as 'W3C Web Annotation') is no leftover.
    """
    ui = translation(language)
    out: dict[str, str] = {}
    for msgid, message in english().items():
        translated = " ".join(ui.forms(msgid, message.plural).values()) if message.plural else ui[msgid]
        for source in (msgid, message.plural or ""):
            for piece in re.split(r"%\(\w+\)s", source):
                piece = piece.strip(" :;,.()“”")
                if len(re.sub(r"\W", "", piece)) >= 3 and piece not in translated:
                    out[piece] = msgid
    return out


def leftovers(html: str, language: str) -> list[str]:
    text = visible_text(html)
    return sorted(f"{piece!r} (from {msgid!r})" for piece, msgid in english_fragments(language).items()
                  if re.search(r"(?<!\w)" + re.escape(piece) + r"(?!\w)", text))


def course_in(tmp_path: Path, site_language: str, **plugin_options: object) -> Path:
    root = tmp_path / "course"
    shutil.copytree(COURSE, root)
    config = yaml.safe_load((root / "mkdocs.yml").read_text(encoding="utf-8"))
    config["theme"]["language"] = site_language
    if plugin_options:
        config["plugins"] = ["search", {"annotated-lessons": plugin_options}]
    (root / "mkdocs.yml").write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
    return root


@pytest.fixture(scope="module", params=["uk", "de", "ar"])
def built_in(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> tuple[str, Build]:
    language = request.param
    result = build(course_in(tmp_path_factory.mktemp(f"i18n-{language}"), language), "--strict")
    assert result.returncode == 0, result.log
    return language, result


def test_every_page_type_is_free_of_english_interface_text(built_in: tuple[str, Build]) -> None:
    language, result = built_in
    for kind, path in PAGES.items():
        html = result.page(path)
        assert f'<html lang="{language}"' in html
        assert leftovers(html, language) == [], f"{kind} ({path}) in {language}"


def test_the_check_finds_english_when_there_is_some() -> None:
    page = '<h2>Примітки</h2><a aria-label="Back to the text (note 3)">x</a><div data-al-ui=\'{"a": "Spot it first"}\'>'
    found = " ".join(leftovers(page, "uk"))
    assert all(f"(from {msgid!r})" in found for msgid in ("Back to the text", "Back to the text (note %(number)s)",
                                                         "Spot it first"))
    assert "Примітки" not in found
    assert leftovers("<p>Notes</p>", "fr") == [], "a word both languages share is no leftover"


def test_the_interface_is_in_the_language(built_in: tuple[str, Build]) -> None:
    language, result = built_in
    ui = translation(language)
    lesson = visible_text(result.page(PAGES["lesson"]))
    for msgid in ("Notes", "Learning goals", "Discussion", "These annotations as W3C Web Annotation (JSON-LD)",
                  "Spot it first", "Print handout"):
        assert ui[msgid] in lesson
    assert ui.n("%(count)s minute", "%(count)s minutes", 45) in lesson
    index = visible_text(result.page(PAGES["course index"]))
    assert ui.n("%(count)s note", "%(count)s notes", 3) in index
    assert ui["Lessons"] in visible_text(result.page("index.html")), "the nav section is translated"
    teacher = visible_text(result.page(PAGES["teacher edition"]))
    assert ui["Answer key"] in teacher and ui["Teacher edition: %(title)s"] % {"title": "Чий це погляд?"} in teacher


def test_lang_and_dir_mark_what_differs_from_the_page(built_in: tuple[str, Build]) -> None:
    language, result = built_in
    lesson = result.page(PAGES["lesson"])
    arabic = result.page(PAGES["rtl lesson"])
    if language == "uk":
        assert '<article class="al-article" data-lesson="sources" aria-label="' in lesson
        assert re.search(r'<article [^>]*data-lesson="sources"[^>]*>', lesson).group().count("lang=") == 0
        assert 'class="al-note-text">' in lesson, "notes in the page's language carry no lang"
    else:
        assert re.search(r'<article [^>]*data-lesson="sources"[^>]*lang="uk"', lesson)
        assert 'class="al-note-text" lang="uk"' + (' dir="ltr">' if language == "ar" else ">") in lesson
    article = re.search(r'<article [^>]*data-lesson="arabic"[^>]*>', arabic).group()
    if language == "ar":
        assert "lang=" not in article and "dir=" not in article
        assert '<body dir="rtl"' in arabic
    else:
        assert 'lang="ar" dir="rtl"' in article
        assert '<blockquote class="al-note-quote" lang="ar" dir="rtl">' in arabic


def test_plugin_options_choose_the_language_and_replace_strings(tmp_path: Path) -> None:
    root = course_in(tmp_path, "uk", language="de", strings={"Next note": "Weiter", "%(count)s note": {
        "one": "%(count)s Notiz", "other": "%(count)s Notizen"}})
    result = build(root, "--strict")
    assert result.returncode == 0, result.log
    lesson = result.page(PAGES["lesson"])
    assert translation("de")["Notes"] in visible_text(lesson)
    assert '"Next note": "Weiter"' in lesson
    assert "3 Notizen" in visible_text(result.page(PAGES["course index"]))


def test_a_misspelt_string_override_stops_the_build_and_names_the_closest(tmp_path: Path) -> None:
    result = build(course_in(tmp_path, "uk", strings={"Nxt note": "Далі"}), "--strict")
    assert result.returncode != 0
    assert "'Nxt note' is not a text of the interface; did you mean 'Next note'?" in result.log
    assert "Traceback" not in result.log


def test_an_untranslated_language_is_english_with_a_warning(tmp_path: Path) -> None:
    result = build(course_in(tmp_path, "en", language="sw"), "--strict")
    assert result.returncode != 0, "the warning fails a strict build"
    assert "no translation for the language 'sw'" in result.log and "uk" in result.log
    assert "Traceback" not in result.log
