"""Every path a course names stays inside it, links followed, and out of hidden folders.

Nothing outside the course, in ``.git/`` or in a dotfile is read, and nothing that is not
a regular file is opened (a FIFO would block the build).
"""

from __future__ import annotations

import os
import socket
import threading
from pathlib import Path

import pytest

from annotated_lessons.core import CourseConfig, load_course
from annotated_lessons.core.paths import MAX_NAME_BYTES, UnsafePath, resolve_inside

from .conftest import ARTICLE, annotation_yaml, lesson_with

SECRET = "Headline\n\nAuthorization: bold basic c2VjcmV0\n"


def codes(course) -> dict[str, list]:
    found: dict[str, list] = {}
    for d in course.diagnostics:
        found.setdefault(d.code, []).append(d)
    return found


def lesson_on(article: str) -> str:
    return lesson_with(annotation_yaml("bold")).replace("article: seeds/article.txt", f"article: {article}")


def article_error(course) -> str:
    [d] = codes(course)["article-unreadable"]
    assert (d.line, d.col) == (2, 10)
    return d.message


def printed(course) -> str:
    return "\n".join(d.format_text() for d in course.diagnostics)


# resolve_inside on its own

@pytest.mark.parametrize(("path", "reason"), [
    ("../x", "outside"), ("/etc/passwd", "absolute"), ("C:/x", "absolute"), ("seeds\\a.txt", "backslash"),
    (".git/config", "hidden"), ("seeds/.env", "hidden"), (".env", "hidden"), ("seeds/a\0.txt", "nul"),
    ("seeds/a\x1b.txt", "control"), ("a/" * 2500, "too-long"), ("a" * (MAX_NAME_BYTES + 1), "name-too-long"),
    ("é" * 128, "name-too-long"), ("", "empty"),
])
def test_unsafe_paths_are_refused_as_text(tmp_path, path, reason):
    with pytest.raises(UnsafePath) as caught:
        resolve_inside(tmp_path, path)
    assert caught.value.reason == reason


def test_dot_segments_that_stay_inside_are_fine(tmp_path):
    (tmp_path / "seeds").mkdir()
    assert resolve_inside(tmp_path, "./seeds/../seeds/a.txt") == tmp_path.resolve() / "seeds" / "a.txt"


def test_a_link_into_a_hidden_folder_is_refused(tmp_path):
    (tmp_path / ".git").mkdir()
    (tmp_path / "seeds").mkdir()
    (tmp_path / "seeds" / "config.txt").symlink_to(tmp_path / ".git" / "config")
    with pytest.raises(UnsafePath) as caught:
        resolve_inside(tmp_path, "seeds/config.txt")
    assert caught.value.reason == "hidden"


def test_a_link_loop_is_refused(tmp_path):
    (tmp_path / "a").symlink_to(tmp_path / "b")
    (tmp_path / "b").symlink_to(tmp_path / "a")
    with pytest.raises(UnsafePath):
        resolve_inside(tmp_path, "a/x.txt")


# Articles

@pytest.mark.parametrize("name", [".git/config", ".env", "seeds/.hidden/article.txt"])
def test_hidden_articles_are_never_read(make_course, name):
    course = make_course(lesson_on(name), extra_files={name: SECRET})
    assert "hidden" in article_error(course)
    assert course.lessons == {} and course.articles == {}
    assert "c2VjcmV0" not in printed(course) and "Authorization" not in printed(course)


def test_a_linked_article_that_leads_into_git_is_refused(make_course, tmp_path):
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "config").write_text(SECRET, encoding="utf-8")
    (tmp_path / "seeds").mkdir()
    (tmp_path / "seeds" / "notes.txt").symlink_to(tmp_path / ".git" / "config")
    course = make_course(lesson_on("seeds/notes.txt"))
    assert "hidden" in article_error(course) and "c2VjcmV0" not in printed(course)


@pytest.mark.parametrize(("value", "words"), [
    ('"seeds/article\\0.txt"', "NUL"), ("a" * 5000, "longer than"), ("seeds/" + "b" * 300 + ".txt", "name longer"),
    ('"seeds/\\e[2Jx.txt"', "control character"),
])
def test_impossible_article_paths_are_errors_at_the_article_key(make_course, value, words):
    course = make_course(lesson_on(value))
    assert words in article_error(course)
    assert len(printed(course)) < 1000  # a 5,000-character path is shortened in the message


def test_a_folder_as_the_article_is_not_a_regular_file(make_course, tmp_path):
    (tmp_path / "seeds" / "folder.txt").mkdir(parents=True)
    message = article_error(make_course(lesson_on("seeds/folder.txt")))
    assert "folder" in message and "does not exist" not in message


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
def test_a_fifo_as_the_article_is_never_opened(make_course, tmp_path):
    (tmp_path / "seeds").mkdir()
    os.mkfifo(tmp_path / "seeds" / "pipe.txt")
    result: list = []
    worker = threading.Thread(target=lambda: result.append(make_course(lesson_on("seeds/pipe.txt"))), daemon=True)
    worker.start()
    worker.join(60)  # opening the FIFO for reading would block here for ever
    assert result, "loading the course blocked on a FIFO"
    message = article_error(result[0])
    assert "not a regular file" in message and "does not exist" not in message


@pytest.mark.skipif(not hasattr(socket, "AF_UNIX"), reason="needs Unix sockets")
def test_a_socket_as_the_article_is_not_a_regular_file(make_course, tmp_path):
    (tmp_path / "seeds").mkdir()
    here = os.getcwd()
    os.chdir(tmp_path / "seeds")  # a socket path must be short
    try:
        with socket.socket(socket.AF_UNIX) as server:
            server.bind("sock.txt")
            assert "not a regular file" in article_error(make_course(lesson_on("seeds/sock.txt")))
    finally:
        os.chdir(here)


# Lesson files, the catalogue and the lessons folder

def test_a_lesson_file_linked_out_of_the_course_is_not_read(make_course, tmp_path):
    outside = tmp_path.parent / f"{tmp_path.name}-outside.yml"
    outside.write_text(lesson_with(annotation_yaml("bold")), encoding="utf-8")
    (tmp_path / "lessons").mkdir()
    (tmp_path / "lessons" / "linked.yml").symlink_to(outside)
    course = make_course({"fine": lesson_with(annotation_yaml("bold"))})
    [d] = codes(course)["unsafe-path"]
    assert (d.path, d.line, d.col) == ("lessons/linked.yml", 1, 1) and "outside" in d.message
    assert list(course.lessons) == ["fine"]


def test_a_lesson_file_linked_inside_the_course_loads(make_course, tmp_path):
    (tmp_path / "lessons").mkdir()
    (tmp_path / "shared.yml").write_text(lesson_with(annotation_yaml("bold")), encoding="utf-8")
    (tmp_path / "lessons" / "linked.yml").symlink_to(tmp_path / "shared.yml")
    course = make_course({"fine": lesson_with(annotation_yaml("bold"))})
    assert course.ok and sorted(course.lessons) == ["fine", "linked"]


def test_a_unit_folder_linked_out_of_the_course_is_not_read(make_course, tmp_path):
    outside = tmp_path.parent / f"{tmp_path.name}-unit"
    outside.mkdir()
    (outside / "lesson.yml").write_text(lesson_with(annotation_yaml("bold")), encoding="utf-8")
    (tmp_path / "lessons").mkdir()
    (tmp_path / "lessons" / "unit-1").symlink_to(outside)
    course = make_course({"fine": lesson_with(annotation_yaml("bold"))})
    [d] = codes(course)["unsafe-path"]
    assert d.path == "lessons/unit-1" and "outside" in d.message
    assert list(course.lessons) == ["fine"]


def test_a_folder_link_loop_ends(make_course, tmp_path):
    (tmp_path / "lessons" / "unit-1").mkdir(parents=True)
    (tmp_path / "lessons" / "unit-1" / "again").symlink_to(tmp_path / "lessons")
    course = make_course({"fine": lesson_with(annotation_yaml("bold"))})
    assert "fine" in course.lessons


def test_a_lessons_folder_linked_out_of_the_course_is_not_read(tmp_path):
    course_root = tmp_path / "course"
    outside = tmp_path / "elsewhere"
    (course_root / "seeds").mkdir(parents=True)
    outside.mkdir()
    (course_root / "seeds" / "article.txt").write_text(ARTICLE, encoding="utf-8")
    (outside / "lesson.yml").write_text(lesson_with(annotation_yaml("bold")), encoding="utf-8")
    (course_root / "lessons").symlink_to(outside)
    course = load_course(CourseConfig(course_root, techniques="techniques.yml"))
    [d] = codes(course)["unsafe-path"]
    assert (d.path, d.line, d.col) == ("lessons", 1, 1) and "outside" in d.message
    assert course.lessons == {}


@pytest.mark.parametrize("lessons_dir", ["../elsewhere", "/tmp", ".github"])
def test_a_lessons_dir_option_outside_or_hidden_is_refused(tmp_path, lessons_dir):
    (tmp_path / ".github").mkdir()
    course = load_course(CourseConfig(tmp_path, lessons_dir=lessons_dir))
    assert [d.path for d in codes(course)["unsafe-path"]] == [lessons_dir]


def test_a_catalogue_linked_out_of_the_course_is_not_read(make_course, tmp_path):
    make_course(lesson_with(annotation_yaml("bold")))
    outside = tmp_path.parent / f"{tmp_path.name}-techniques.yml"
    outside.write_text("techniques:\n  - id: loaded-language\n    name: Secret\n    summary: s\n", encoding="utf-8")
    catalogue = tmp_path / "lessons" / "techniques.yml"
    catalogue.unlink()
    catalogue.symlink_to(outside)
    course = load_course(CourseConfig(tmp_path))
    [d] = codes(course)["unsafe-path"]
    assert d.path == "lessons/techniques.yml" and "outside" in d.message
    assert course.catalogue.techniques == {}


def test_a_hidden_catalogue_is_refused(make_course, tmp_path):
    make_course(lesson_with(annotation_yaml("bold")))
    course = load_course(CourseConfig(tmp_path, techniques=".github/techniques.yml"))
    assert "hidden" in codes(course)["unsafe-path"][0].message


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
def test_a_fifo_lesson_or_catalogue_is_not_opened(make_course, tmp_path):
    make_course({"fine": lesson_with(annotation_yaml("bold"))})
    os.mkfifo(tmp_path / "lessons" / "pipe.yml")
    (tmp_path / "lessons" / "techniques.yml").unlink()
    os.mkfifo(tmp_path / "lessons" / "techniques.yml")
    result: list = []
    worker = threading.Thread(target=lambda: result.append(load_course(CourseConfig(tmp_path))), daemon=True)
    worker.start()
    worker.join(60)
    assert result, "loading the course blocked on a FIFO"
    where = {d.path for d in codes(result[0])["file-unreadable"]}
    assert where == {"lessons/pipe.yml", "lessons/techniques.yml"}
    assert all("not a regular file" in d.message for d in codes(result[0])["file-unreadable"])


def test_a_missing_lessons_folder_is_no_error(tmp_path):
    course = load_course(CourseConfig(Path(tmp_path)))
    assert "unsafe-path" not in codes(course)
