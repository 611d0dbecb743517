"""``lessons new`` writes only the course's technique ids and links the published documentation;
``lessons check`` warns about the placeholders a scaffold leaves."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import yaml

from annotated_lessons.cli.main import main
from annotated_lessons.cli.placeholders import placeholders
from annotated_lessons.core import CourseConfig, load_course
from annotated_lessons.project import DOCUMENTATION

from ..example_course import COURSE_FILES, copy_example

SEED = "seeds/sample-article.txt"


@pytest.fixture
def course(tmp_path: Path) -> Path:
    root = tmp_path / "course"
    assert main(["init", str(root)]) == 0
    return root


def _new(course: Path, *args: str) -> int:
    return main(["new", "--article", SEED, "--slug", "draft", "--course", str(course), *args])


def _catalogue_ids(course: Path) -> list[str]:
    data = yaml.safe_load((course / "lessons" / "techniques.yml").read_text(encoding="utf-8"))
    return [t["id"] for t in data["techniques"]]


def test_new_uses_the_first_technique_of_the_courses_own_catalogue(course):
    catalogue = course / "lessons" / "techniques.yml"
    data = yaml.safe_load(catalogue.read_text(encoding="utf-8"))
    data["techniques"] = [dict(t, id=f"my-{t['id']}") for t in data["techniques"][:3]]
    catalogue.write_text(yaml.safe_dump(data), encoding="utf-8")
    (course / "lessons" / "sample-lesson.yml").unlink()
    assert _new(course) == 0
    lesson = yaml.safe_load((course / "lessons" / "draft.yml").read_text(encoding="utf-8"))
    assert lesson["annotations"][0]["technique"] == "my-headline-framing"
    course_loaded = load_course(CourseConfig(course, "lessons", "lessons/techniques.yml"))
    assert not [d for d in course_loaded.diagnostics if d.is_error]


def test_new_takes_a_technique_only_from_the_catalogue(course, capsys):
    assert _new(course, "--technique", "appeal-to-fear") == 0
    lesson = yaml.safe_load((course / "lessons" / "draft.yml").read_text(encoding="utf-8"))
    assert lesson["annotations"][0]["technique"] == "appeal-to-fear"
    capsys.readouterr()
    assert _new(course, "--slug", "other", "--technique", "made-up") == 2
    err = capsys.readouterr().err
    assert "--technique made-up is not in lessons/techniques.yml" in err and "headline-framing" in err
    assert not (course / "lessons" / "other.yml").exists()


def test_new_without_a_catalogue_says_how_to_get_one_and_writes_nothing(course, capsys):
    (course / "lessons" / "techniques.yml").unlink()
    assert _new(course) == 1
    err = capsys.readouterr().err
    assert "no technique" in err and "lessons init" in err and DOCUMENTATION in err
    assert not (course / "lessons" / "draft.yml").exists()


def test_the_scaffold_points_at_published_documentation_not_at_this_repository(course):
    assert _new(course) == 0
    text = (course / "lessons" / "draft.yml").read_text(encoding="utf-8")
    assert "docs/reference" not in text and "plugins/" not in text
    links = re.findall(r"https?://\S+", text)
    assert links and all(link.startswith(DOCUMENTATION) for link in links)


def test_check_warns_about_each_placeholder_of_a_fresh_scaffold(course, capsys):
    assert _new(course) == 0
    capsys.readouterr()
    assert main(["check", str(course)]) == 0  # warnings: the course still previews
    out = capsys.readouterr().out
    warned = [line for line in out.splitlines() if ": warning: " in line and "placeholder" in line]
    text = (course / "lessons" / "draft.yml").read_text(encoding="utf-8").splitlines()
    assert len(warned) >= 6
    for line in warned:
        assert line.startswith("lessons/draft.yml:")
        number = int(line.split(":")[1])
        assert "TODO" in text[number - 1] or "TODO" in text[number], line  # the value or the line after `>-`
    assert any("objectives[0]" in line for line in warned)
    assert any("annotations[0].note" in line for line in warned)
    assert main(["check", "--strict", str(course)]) == 1
    capsys.readouterr()
    assert main(["check", "--format", "json", str(course)]) == 0
    found = json.loads(capsys.readouterr().out)
    assert {d["code"] for d in found} == {"placeholder"} and all(d["severity"] == "warning" for d in found)


@pytest.mark.parametrize("value, warned", [
    ("TODO", True), ("Write this. TODO", True), ("FIXME: the date", True), ("...", True), ("\u2026", True),
    ("I can ...", True), ("-", True), ("?", True),
    ("TODOS are not markers", False), ("a todo list", False),
    ("The minister said that the talks would go on and on, and then ...", False),
    ("Who said it, and when?", False),
])
def test_what_counts_as_a_placeholder(course, value, warned):
    lesson = course / "lessons" / "sample-lesson.yml"
    data = yaml.safe_load(lesson.read_text(encoding="utf-8"))
    data["annotations"][1]["ask"] = value
    lesson.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    found = placeholders(load_course(CourseConfig(course, "lessons", "lessons/techniques.yml")))
    assert [d.message.split("'")[1] for d in found] == (["annotations[1].ask"] if warned else [])


def test_the_articles_own_words_in_a_quote_are_not_placeholders(course):
    article = course / "seeds" / "sample-article.txt"
    article.write_text(article.read_text(encoding="utf-8") + "\nThe opening date is TBD ...\n", encoding="utf-8")
    lesson = course / "lessons" / "sample-lesson.yml"
    data = yaml.safe_load(lesson.read_text(encoding="utf-8"))
    data["clean"].append({"quote": "The opening date is TBD ...", "note": "Fair: it says what is not known."})
    lesson.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    loaded = load_course(CourseConfig(course, "lessons", "lessons/techniques.yml"))
    assert not loaded.diagnostics
    assert placeholders(loaded) == []


def test_the_example_course_has_no_placeholder(tmp_path):
    root = copy_example(tmp_path / "example", COURSE_FILES)
    assert placeholders(load_course(CourseConfig(root, "lessons", "lessons/techniques.yml"))) == []


W3C = ('{"type": "Annotation", "body": [{"type": "TextualBody", "purpose": "tagging", "value": "vague-attribution"}],'
       ' "target": {"selector": {"type": "TextQuoteSelector", "exact": "critics say"}}}')


def test_import_names_a_schema_only_when_the_course_has_one_and_its_todos_are_warned(course, capsys):
    (course / "a.json").write_text(W3C, encoding="utf-8")
    argv = ["import", str(course / "a.json"), "--article", SEED, "--course", str(course)]
    assert main([*argv, "--slug", "imported"]) == 0
    text = (course / "lessons" / "imported.yml").read_text(encoding="utf-8")
    assert "yaml-language-server" not in text and "plugins/" not in text
    capsys.readouterr()
    assert main(argv) == 0
    assert "yaml-language-server" not in capsys.readouterr().out
    assert main(["check", str(course)]) == 0
    warned = [line for line in capsys.readouterr().out.splitlines() if line.startswith("lessons/imported.yml:")]
    assert any("'annotations[0].note' still holds a placeholder (TODO)" in line for line in warned)
    (course / "lesson.schema.json").write_text("{}", encoding="utf-8")
    assert main([*argv, "--slug", "unit/with-schema"]) == 0
    first = (course / "lessons" / "unit" / "with-schema.yml").read_text(encoding="utf-8").splitlines()[0]
    assert first == "# yaml-language-server: $schema=../../lesson.schema.json"
    assert (course / "lessons" / "unit" / "../../lesson.schema.json").resolve().is_file()
