"""``lessons check``, ``lessons schema`` and ``lessons find`` as a contributor runs them."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import yaml

from annotated_lessons.cli import main
from annotated_lessons.core.schema import catalogue_json_schema, lesson_json_schema

from .conftest import annotation_yaml, lesson_with

SCHEMA_DIR = Path(__file__).parents[2] / "plugins" / "annotated_lessons" / "schema"


def test_check_exit_codes_and_text_format(make_course, tmp_path, capsys):
    make_course(lesson_with(annotation_yaml("historic")))
    assert main(["check", str(tmp_path)]) == 0
    (tmp_path / "lessons" / "bad.yml").write_text(lesson_with(annotation_yaml("histroic")), encoding="utf-8")
    capsys.readouterr()
    assert main(["check", str(tmp_path)]) == 1
    out = capsys.readouterr().out
    assert out.startswith("lessons/bad.yml:5:12: error: annotations[0].quote: the quote is not in the article")
    assert "hint: the closest passage" in out


def test_check_usage_errors_exit_2(tmp_path):
    assert main(["check", str(tmp_path / "missing")]) == 2
    assert main(["check", "--format", "xml", str(tmp_path)]) == 2
    assert main([]) == 2


def test_check_github_and_json_formats(make_course, tmp_path, capsys):
    make_course(lesson_with(annotation_yaml("histroic")))
    capsys.readouterr()
    assert main(["check", "--format", "github", str(tmp_path)]) == 1
    line = capsys.readouterr().out.splitlines()[0]
    assert line.startswith("::error file=lessons/lesson.yml,line=5,col=12,title=quote-not-found::")
    assert main(["check", "--format", "json", str(tmp_path)]) == 1
    data = json.loads(capsys.readouterr().out)
    assert data[0]["path"] == "lessons/lesson.yml" and data[0]["line"] == 5 and data[0]["severity"] == "error"


def test_check_reads_plugin_options_from_mkdocs_yml(make_course, tmp_path):
    make_course(lesson_with(annotation_yaml("historic")))
    (tmp_path / "lessons").rename(tmp_path / "course")
    (tmp_path / "mkdocs.yml").write_text(
        "site_name: x\nmarkdown_extensions:\n  - pymdownx.emoji:\n      emoji_index: !!python/name:material.extensions"
        ".emoji.twemoji\nplugins:\n  - annotated-lessons:\n      lessons_dir: course\n"
        "      techniques: course/techniques.yml\n", encoding="utf-8")
    assert main(["check", str(tmp_path)]) == 0


def test_schema_command_matches_the_committed_files(capsys):
    assert main(["schema"]) == 0
    printed = json.loads(capsys.readouterr().out)
    assert printed == lesson_json_schema() == json.loads((SCHEMA_DIR / "lesson.schema.json").read_text())
    assert catalogue_json_schema() == json.loads((SCHEMA_DIR / "techniques.schema.json").read_text())


def test_schema_accepts_the_example_lessons_and_rejects_typos():
    root = Path(__file__).parents[2] / "lessons"
    validator = jsonschema.Draft202012Validator(lesson_json_schema())
    lessons = [p for p in root.rglob("*.yml") if p.name not in ("techniques.yml", "course.yml")]
    for path in lessons:
        errors = list(validator.iter_errors(yaml.safe_load(path.read_text(encoding="utf-8"))))
        assert not errors, (path, errors[0].message)
    assert list(validator.iter_errors({"title": "t", "article": "a", "summary": "s", "qoute": 1,
                                       "annotations": [{"quote": "q", "technique": "t", "note": "n"}]}))


def test_find_shows_the_match_and_how_to_single_it_out(make_course, tmp_path, capsys):
    make_course(lesson_with(annotation_yaml("historic")))
    article = str(tmp_path / "seeds" / "article.txt")
    assert main(["find", "historic", "--article", article, "--course", str(tmp_path)]) == 0
    assert "one match at line 3, column 33" in capsys.readouterr().out
    assert main(["find", "reckless", "--article", article, "--course", str(tmp_path)]) == 1
    out = capsys.readouterr().out
    assert "matches 2 places" in out and "suffix: '.'" in out
    assert main(["find", "The plan", "--article", article, "--course", str(tmp_path)]) == 0
    assert "keep in the lesson:" not in capsys.readouterr().out
    assert main(["find", "reckless", "--suffix", ",", "--article", article, "--course", str(tmp_path)]) == 0
    assert "keep in the lesson: suffix: ','" in capsys.readouterr().out

