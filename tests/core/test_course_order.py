"""lessons/course.yml: the order of lessons and their units, and every mistake in it at its line and column."""

from __future__ import annotations

import shutil
from pathlib import Path

from annotated_lessons.core import CourseConfig, load_course
from annotated_lessons.core.order import Unit

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "course"


def _course(tmp_path: Path, order: str | None):
    root = tmp_path / "course"
    shutil.copytree(FIXTURE, root)
    (root / "lessons" / "another.yml").write_text(
        (root / "lessons" / "insider-access.yml").read_text(encoding="utf-8").replace(
            "title: Whose view is this?", "title: Another view"), encoding="utf-8")
    if order is not None:
        (root / "lessons" / "course.yml").write_text(order, encoding="utf-8")
    return load_course(CourseConfig(root))


def _problems(course) -> list[str]:  # noqa: ANN001
    return [d.format_text().split("\n")[0] for d in course.diagnostics]


def test_without_course_yml_lessons_come_by_file_path(tmp_path: Path):
    course = _course(tmp_path, None)
    assert list(course.lessons) == ["another", "insider-access", "unit-1/odd-characters"]
    assert course.units == [Unit(None, ("another", "insider-access", "unit-1/odd-characters"))]
    assert course.ok


def test_units_set_the_order_and_are_not_lessons(tmp_path: Path):
    course = _course(tmp_path, "units:\n  - title: Start here\n    lessons: [unit-1/odd-characters, insider-access]\n"
                               "  - title: Then\n    lessons:\n      - another\n")
    assert list(course.lessons) == ["unit-1/odd-characters", "insider-access", "another"]
    assert course.units == [Unit("Start here", ("unit-1/odd-characters", "insider-access")), Unit("Then", ("another",))]
    assert "course" not in course.lessons
    assert _problems(course) == []


def test_a_plain_order_and_a_lesson_left_out_comes_last_with_a_warning(tmp_path: Path):
    course = _course(tmp_path, "lessons:\n  - insider-access\n  - another\n")
    assert list(course.lessons) == ["insider-access", "another", "unit-1/odd-characters"]
    assert _problems(course) == ["lessons/course.yml:1:1: warning: lesson 'unit-1/odd-characters' is not listed "
                                 "in course.yml; it comes after the listed lessons"]
    assert course.ok


def test_every_mistake_at_its_place(tmp_path: Path):
    course = _course(tmp_path, (
        "units:\n"
        "  - title: One\n"
        "    lessons: [insider-acess, another]\n"           # 3: a misspelt slug
        "  - titel: Two\n"                                  # 4: a misspelt key, so no title
        "    lessons:\n"
        "      - another\n"                                 # 6: listed twice
        "      - 12\n"                                      # 7: not a slug
        "  - just a line\n"                                 # 8: not a unit
        "extra: 1\n"))                                      # 9: unknown key
    problems = _problems(course)
    assert "lessons/course.yml:3:15: error: there is no lesson 'insider-acess' in the lessons folder" in problems
    assert "lessons/course.yml:4:5: error: unknown key 'titel'" in problems
    assert "lessons/course.yml:4:5: error: a unit needs a 'title:' (text)" in problems
    assert "lessons/course.yml:6:9: error: lesson 'another' is listed twice (first on line 3)" in problems
    assert any(p.startswith("lessons/course.yml:7:9: error: a lesson is named by its slug") for p in problems)
    assert "lessons/course.yml:8:5: error: a unit is a mapping with 'title:' and 'lessons:'" in problems
    assert "lessons/course.yml:9:1: error: unknown key 'extra'" in problems
    hints = "\n".join(d.hint or "" for d in course.diagnostics)
    assert "did you mean 'insider-access'?" in hints and "did you mean 'title'?" in hints
    assert not course.ok
    assert set(course.lessons) == {"another", "insider-access", "unit-1/odd-characters"}  # nothing is lost


def test_broken_yaml_keeps_the_default_order(tmp_path: Path):
    course = _course(tmp_path, "units: [\n")
    assert list(course.lessons) == ["another", "insider-access", "unit-1/odd-characters"]
    assert any(p.startswith("lessons/course.yml:2:1: error: malformed YAML") for p in _problems(course))


def test_not_a_mapping(tmp_path: Path):
    course = _course(tmp_path, "- insider-access\n")
    assert _problems(course)[0].startswith("lessons/course.yml:1:1: error: course.yml holds a mapping")


def test_no_command_writes_a_lesson_over_course_yml(tmp_path: Path, capsys):
    from annotated_lessons.cli.main import main

    root = tmp_path / "course"
    shutil.copytree(FIXTURE, root)
    order = root / "lessons" / "course.yml"
    order.write_text("lessons: [insider-access]\n", encoding="utf-8")
    code = main(["new", "--course", str(root), "--article", "seeds/urgent-peace-efforts-donbass.txt",
                 "--slug", "course", "--force"])
    assert code == 2
    assert "holds the order of the course" in capsys.readouterr().err
    assert order.read_text(encoding="utf-8") == "lessons: [insider-access]\n"
