"""``lessons new`` and ``lessons import`` write only where they may, only when asked, and all or nothing."""

from __future__ import annotations

import errno
import os
import shutil
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from annotated_lessons.cli.authoring import scaffold
from annotated_lessons.cli.main import main
from annotated_lessons.core.writing import slug_problem, suggest_slug, yaml_scalar

from ..example_course import copy_example

REPO = Path(__file__).resolve().parents[2]
FIXTURES = REPO / "tests" / "fixtures" / "interop"
SEED = "seeds/urgent-peace-efforts-donbass.txt"
EXISTING = "sourcing-and-voices"


@pytest.fixture
def course(tmp_path: Path) -> Path:
    return copy_example(tmp_path / "course")


def _import(course: Path, *extra: str) -> int:
    return main(["import", str(FIXTURES / "donbass.ann"), "--article", SEED, "--course", str(course), *extra])


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_import_never_overwrites_a_lesson_without_force(course, capsys):
    lesson = course / "lessons" / f"{EXISTING}.yml"
    before = lesson.read_bytes()
    assert _import(course, "--slug", EXISTING) == 2
    err = capsys.readouterr().err
    assert f"lessons/{EXISTING}.yml exists; choose another --slug, or pass --force" in err
    assert lesson.read_bytes() == before
    assert _import(course, "--slug", EXISTING, "--force") == 0
    assert lesson.read_bytes() != before and b"alarmist rhetoric" in lesson.read_bytes()


def test_new_never_overwrites_a_lesson_without_force(course, capsys):
    lesson = course / "lessons" / f"{EXISTING}.yml"
    before = lesson.read_bytes()
    assert main(["new", "--article", SEED, "--slug", EXISTING, "--course", str(course)]) == 2
    assert lesson.read_bytes() == before
    assert main(["new", "--article", SEED, "--slug", EXISTING, "--course", str(course), "--force"]) == 0
    assert b"TODO" in lesson.read_bytes()


@pytest.mark.parametrize("command", ["import", "new"])
def test_the_catalogue_is_never_a_lesson(course, capsys, command):
    catalogue = course / "lessons" / "techniques.yml"
    before = catalogue.read_bytes()
    args = ["--slug", "techniques", "--force"]
    code = _import(course, *args) if command == "import" else main(
        ["new", "--article", SEED, "--course", str(course), *args])
    assert code == 2
    assert "lessons/techniques.yml is the technique catalogue, not a lesson" in capsys.readouterr().err
    assert catalogue.read_bytes() == before


def test_a_symbolic_link_to_the_catalogue_is_refused(course, capsys):
    (course / "lessons" / "alias.yml").symlink_to("techniques.yml")
    before = (course / "lessons" / "techniques.yml").read_bytes()
    assert _import(course, "--slug", "alias", "--force") == 2
    assert "technique catalogue" in capsys.readouterr().err
    assert (course / "lessons" / "techniques.yml").read_bytes() == before


@pytest.mark.parametrize("slug", ["../../x", "../outside", "/etc/x", "a/../../b", "unit/./x", ".hidden", "x.yml"])
def test_a_slug_cannot_leave_the_lessons_folder(course, tmp_path, capsys, slug):
    outside = _snapshot(tmp_path)
    assert _import(course, "--slug", slug) == 2
    err = capsys.readouterr().err
    assert "is not a valid slug" in err and f"try --slug {suggest_slug(slug)}" in err
    assert _snapshot(tmp_path) == outside


def test_a_unit_folder_linked_out_of_the_course_is_refused(course, tmp_path, capsys):
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (course / "lessons" / "unit-9").symlink_to(elsewhere, target_is_directory=True)
    assert _import(course, "--slug", "unit-9/x") == 2
    assert "is outside the lessons folder" in capsys.readouterr().err
    assert list(elsewhere.iterdir()) == []


def test_a_lessons_folder_linked_out_of_the_course_is_refused(tmp_path, capsys):
    root = tmp_path / "course"
    root.mkdir()
    shutil.copy2(REPO / "mkdocs.yml", root / "mkdocs.yml")
    shutil.copytree(REPO / "seeds", root / "seeds")
    elsewhere = tmp_path / "elsewhere"
    shutil.copytree(REPO / "lessons", elsewhere)
    (root / "lessons").symlink_to(elsewhere, target_is_directory=True)
    before = _snapshot(elsewhere)
    assert _import(root, "--slug", "fresh") == 2
    assert "outside" in capsys.readouterr().err
    assert _snapshot(elsewhere) == before


def test_a_long_slug_is_kept_whole(course, capsys):
    slug = "-".join(f"word{n}" for n in range(15))
    assert _import(course, "--slug", slug) == 0
    assert (course / "lessons" / f"{slug}.yml").is_file()
    assert main(["check", str(course)]) == 0


@pytest.mark.parametrize("slug", ["урок-1", "unit-2/読む", "Lesson-A", "مقال-٣", "हिन्दी-पाठ"])
def test_slugs_of_any_script_are_accepted(course, capsys, slug):
    assert slug_problem(slug) is None
    assert main(["new", "--article", SEED, "--slug", slug, "--course", str(course)]) == 0
    assert (course / "lessons" / f"{slug}.yml").is_file()


@pytest.mark.parametrize(("slug", "suggestion"), [
    ("My Lesson", "my-lesson"), ("index", "index-lesson"), ("unit/index", "unit/index-lesson"),
    ("a--b", "a-b"), ("-a-", "a"), ("a/", "a"), ("a\nb", "a-b"), ("x)<img src=x>(", "x-img-src-x"), ("", "lesson"),
    ("café", "café"),  # NFD input: the suggestion is the composed form
])
def test_an_invalid_slug_is_refused_with_a_suggestion(course, capsys, slug, suggestion):
    given = slug if slug != "café" else "cafe\u0301"
    assert slug_problem(given) is not None
    assert suggest_slug(given) == suggestion and slug_problem(suggestion) is None
    assert main(["new", "--article", SEED, f"--slug={given}", "--course", str(course)]) == 2
    err = capsys.readouterr().err
    assert f"try --slug {suggestion}" in err and "\n" not in err.rstrip("\n")  # the newline is escaped


@given(st.text())
def test_every_suggestion_is_a_valid_slug(text):
    suggestion = suggest_slug(text)
    assert slug_problem(suggestion) is None
    if slug_problem(text) is None:
        assert suggestion == text  # a valid slug is kept as it is


def test_a_yaml_suffix_lesson_is_the_same_slug(course, capsys):
    (course / "lessons" / f"{EXISTING}.yml").rename(course / "lessons" / f"{EXISTING}.yaml")
    assert _import(course, "--slug", EXISTING) == 2
    assert not (course / "lessons" / f"{EXISTING}.yml").exists()


def test_a_read_only_folder_is_refused_cleanly(course, capsys):
    unit = course / "lessons" / "unit-3"
    unit.mkdir()
    unit.chmod(0o555)
    try:
        assert _import(course, "--slug", "unit-3/x") == 1
        err = capsys.readouterr().err
        assert "is read-only; nothing was written" in err and "Traceback" not in err
        assert list(unit.iterdir()) == []
    finally:
        unit.chmod(0o755)


def test_a_failed_write_leaves_the_original_and_no_temporary_file(course, capsys, monkeypatch):
    lesson = course / "lessons" / f"{EXISTING}.yml"
    before = lesson.read_bytes()

    def full_disk(*_args):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, "replace", full_disk)
    assert _import(course, "--slug", EXISTING, "--force") == 1
    assert "No space left on device; nothing was written" in capsys.readouterr().err
    assert lesson.read_bytes() == before
    assert not [p for p in lesson.parent.iterdir() if p.name.endswith(".tmp")]


def test_a_new_file_gets_the_usual_mode(course, capsys):
    mask = os.umask(0o027)
    try:
        assert _import(course, "--slug", "fresh") == 0
    finally:
        os.umask(mask)
    assert (course / "lessons" / "fresh.yml").stat().st_mode & 0o777 == 0o640


TRICKY = ["Yes", "no", "2024", "null", "~", "0x10", "1e3", "1.5", " padded ", "- x", "? x", "a\nb", "a: b", "#x",
          "'quoted'", '"double"', "@at", "`tick", "%percent", "!tag", "&anchor", "*alias", "[list]", "{map}",
          "line\u2028separator", "nel\u0085", "tab\there", "\u00a0nbsp", "2001-01-01", ".nan", "=", "<<",
          ": x", "#", " # x", "  leading spaces", "trailing ", "two\nlines\n", "\n", "true", "NULL", "off", "0o17"]


@pytest.mark.parametrize("title", TRICKY)
def test_new_keeps_any_title_as_text(course, capsys, title):
    assert main(["new", "--article", SEED, "--slug", "tricky", "--title", title, "--course", str(course)]) == 0
    data = yaml.safe_load((course / "lessons" / "tricky.yml").read_text(encoding="utf-8"))
    assert data["title"] == title


@settings(max_examples=300, deadline=None)
@given(title=st.text(), quote=st.text(), article=st.text(min_size=1))
def test_the_scaffold_loads_back_with_exactly_the_values_given(title, quote, article):
    text = scaffold(title=title, article=article, quote=quote, technique="loaded-qualifier", digest="0" * 64,
                    modeline="# yaml-language-server: $schema=x.json\n")
    data = yaml.safe_load(text)
    assert data["title"] == title and data["article"] == article
    assert data["annotations"][0]["quote"] == quote
    assert data["article_sha256"] == "0" * 64 and data["annotations"][0]["technique"] == "loaded-qualifier"


@given(st.text())
def test_yaml_scalar_is_one_line_that_loads_back(text):
    value = yaml_scalar(text)
    assert "\n" not in value and "\r" not in value
    assert yaml.safe_load(f"key: {value}\n") == {"key": text}


def test_a_title_with_undecodable_bytes_is_a_usage_error(course, capsys):
    assert main(["new", "--article", SEED, "--slug", "x", "--title", "bad \udcff", "--course", str(course)]) == 2
    assert "--title is not valid text" in capsys.readouterr().err


@pytest.mark.parametrize("command", [["export", "{course}", "--output", "{out}"], ["assets", "{out}"]])
def test_commands_writing_to_a_folder_replace_files_only_with_force(course, tmp_path, capsys, command):
    out = tmp_path / "out"
    argv = [part.format(course=course, out=out) for part in command]
    assert main(argv) == 0
    written = _snapshot(out)
    assert written
    edited = sorted(written)[0]
    (out / edited).write_text("edited by hand", encoding="utf-8")
    capsys.readouterr()
    assert main(argv) == 2
    assert "pass --force" in capsys.readouterr().err
    assert (out / edited).read_text(encoding="utf-8") == "edited by hand"
    assert main([*argv, "--force"]) == 0
    assert _snapshot(out) == written
