"""One test per kind of problem: the message, the hint and the exact line and column."""

from __future__ import annotations

from annotated_lessons.core import Course

from .conftest import LESSON_HEAD, TECHNIQUES, annotation_yaml, lesson_with


def only(course: Course, code: str):
    found = [d for d in course.diagnostics if d.code == code]
    assert found, f"no {code} in {[d.format_text() for d in course.diagnostics]}"
    return found[0]


def test_malformed_yaml_points_at_the_problem(make_course):
    d = only(make_course(LESSON_HEAD + "annotations:\n  - quote: [unclosed\n"), "yaml-syntax")
    # PyYAML notices the missing ']' at the end of the file; the hint names where the list began.
    assert (d.path, d.line, d.col) == ("lessons/lesson.yml", 6, 1)
    assert "line 5, column 12" in (d.hint or "")
    assert d.format_text().startswith("lessons/lesson.yml:6:1: error: malformed YAML")


def test_duplicate_key(make_course):
    d = only(make_course(LESSON_HEAD + "title: Again\nannotations: []\n"), "duplicate-key")
    assert (d.line, d.col) == (4, 1)
    assert "line 1" in (d.hint or "")


def test_aliases_are_refused(make_course):
    text = LESSON_HEAD + "warm_up: &w Read it\nteacher_notes: *w\n" + "annotations:\n" + annotation_yaml("bold")
    d = only(make_course(text), "yaml-alias")
    assert (d.line, d.col) == (5, 16)  # the alias itself


def test_unknown_key_names_the_closest(make_course):
    text = LESSON_HEAD + "annotations:\n  - qoute: bold\n    technique: loaded-language\n    note: n\n"
    course = make_course(text)
    d = only(course, "unknown-key")
    assert (d.line, d.col) == (5, 5)
    assert d.hint == "did you mean 'quote'?"
    assert d.format_text() == (
        "lessons/lesson.yml:5:5: error: unknown key 'qoute'\n    hint: did you mean 'quote'?")


def test_unknown_top_level_key(make_course):
    d = only(make_course(lesson_with(annotation_yaml("bold")) + "discusion: [Why?]\n"), "unknown-key")
    assert (d.line, d.col, d.hint) == (8, 1, "did you mean 'discussion'?")


def test_missing_required_key_in_annotation(make_course):
    text = LESSON_HEAD + "annotations:\n  - quote: bold\n    technique: loaded-language\n"
    d = only(make_course(text), "missing-key")
    assert (d.line, d.col) == (5, 5)
    assert "'note'" in d.message


def test_missing_title_leaves_the_lesson_out(make_course):
    course = make_course("article: seeds/article.txt\nsummary: s\nannotations:\n" + annotation_yaml("bold"))
    d = only(course, "missing-key")
    assert (d.line, d.col) == (1, 1) and "'title'" in d.message
    assert course.lessons == {}


def test_wrong_type_with_a_hint(make_course):
    d = only(make_course(lesson_with(annotation_yaml("bold")) + "duration: forty\n"), "wrong-type")
    assert (d.line, d.col) == (8, 11)
    assert "whole number" in d.message


def test_number_where_text_is_expected_suggests_quotes(make_course):
    d = only(make_course(lesson_with(annotation_yaml("bold")) + "audience: 16\n"), "wrong-type")
    assert (d.line, d.col) == (8, 11)
    assert "quotes" in (d.hint or "")


def test_bad_slug(make_course):
    d = only(make_course(lesson_with(annotation_yaml("bold", id="Bold Claim"))), "bad-slug")
    assert (d.line, d.col) == (8, 9)
    assert "bold-claim" in (d.hint or "")


def test_empty_annotations(make_course):
    d = only(make_course(LESSON_HEAD + "annotations: []\n"), "too-few-items")
    assert (d.line, d.col) == (4, 14)


def test_empty_note(make_course):
    d = only(make_course(lesson_with(annotation_yaml("bold", note="  "))), "empty-value")
    assert (d.line, d.col) == (7, 11)


def test_check_answer_out_of_range(make_course):
    text = lesson_with(annotation_yaml("bold")) + (
        "    check:\n      question: Which?\n      options: [a, b]\n      answer: 3\n")
    d = only(make_course(text), "out-of-range")
    assert (d.line, d.col) == (11, 15)


def test_unknown_technique_names_the_closest(make_course):
    d = only(make_course(lesson_with(annotation_yaml("bold", technique="loaded-langauge"))), "unknown-technique")
    assert (d.line, d.col) == (6, 16)
    assert d.hint == "did you mean 'loaded-language'?"


def test_quote_not_found_shows_the_closest_passage(make_course):
    d = only(make_course(lesson_with(annotation_yaml("the plan was historical"))), "quote-not-found")
    assert (d.line, d.col) == (5, 12)
    assert "% similar" in (d.hint or "") and "line 3, column" in (d.hint or "")


def test_ambiguous_quote_lists_the_matches(make_course):
    d = only(make_course(lesson_with(annotation_yaml("reckless"))), "quote-ambiguous")
    assert (d.line, d.col) == (5, 12)
    assert "2 places" in d.message
    assert "line 6, column 25" in (d.hint or "") and "line 6, column 48" in (d.hint or "")


def test_prefix_that_excludes_every_match(make_course):
    d = only(make_course(lesson_with(annotation_yaml("reckless", prefix="very "))), "quote-filtered-out")
    assert (d.line, d.col) == (5, 12)


def test_occurrence_out_of_range_points_at_occurrence(make_course):
    d = only(make_course(lesson_with(annotation_yaml("reckless", occurrence=3))), "quote-occurrence-out-of-range")
    assert (d.line, d.col) == (8, 17)


def test_duplicate_annotation_ids(make_course):
    course = make_course(lesson_with(annotation_yaml("bold", id="same"), annotation_yaml("historic", id="same")))
    d = only(course, "duplicate-id")
    assert (d.line, d.col) == (12, 9)
    assert "line 5" in (d.hint or "")
    assert [a.id for a in course.lessons["lesson"].annotations] == ["same"]


def test_missing_article(make_course):
    text = lesson_with(annotation_yaml("bold")).replace("seeds/article.txt", "seeds/nope.txt")
    d = only(make_course(text), "article-unreadable")
    assert (d.line, d.col) == (2, 10) and "does not exist" in d.message


def test_article_outside_the_course_is_not_read(make_course, tmp_path):
    secret = tmp_path.parent / "secret.txt"
    secret.write_text("Headline\n\nbold secret", encoding="utf-8")
    text = lesson_with(annotation_yaml("bold")).replace("seeds/article.txt", "../secret.txt")
    course = make_course(text)
    d = only(course, "article-unreadable")
    assert (d.line, d.col) == (2, 10) and "outside the course" in d.message
    assert course.lessons == {} and course.articles == {}


def test_absolute_article_path_is_refused(make_course):
    text = lesson_with(annotation_yaml("bold")).replace("seeds/article.txt", "/etc/hostname")
    assert "outside the course" in only(make_course(text), "article-unreadable").message


def test_symlink_out_of_the_course_is_refused(make_course, tmp_path):
    outside = tmp_path.parent / "outside.txt"
    outside.write_text("Headline\n\nbold", encoding="utf-8")
    (tmp_path / "seeds").mkdir(exist_ok=True)
    (tmp_path / "seeds" / "link.txt").symlink_to(outside)
    text = lesson_with(annotation_yaml("bold")).replace("seeds/article.txt", "seeds/link.txt")
    assert "outside the course" in only(make_course(text), "article-unreadable").message


def test_duplicate_technique_id_in_catalogue(make_course):
    techniques = TECHNIQUES + "  - id: loaded-language\n    name: Again\n    summary: s\n"
    d = only(make_course(lesson_with(annotation_yaml("bold")), techniques=techniques), "duplicate-id")
    assert (d.path, d.line, d.col) == ("lessons/techniques.yml", 8, 9)


def test_missing_catalogue(make_course, tmp_path):
    make_course(lesson_with(annotation_yaml("bold")))
    (tmp_path / "lessons" / "techniques.yml").unlink()
    from annotated_lessons.core import CourseConfig, load_course

    course = load_course(CourseConfig(tmp_path))
    assert "catalogue-missing" in {d.code for d in course.diagnostics}


def test_article_front_matter_typo(make_course):
    article = "---\nautor: Someone\n---\nHeadline\n\nA bold claim.\n"
    d = only(make_course(lesson_with(annotation_yaml("bold")), article=article), "unknown-key")
    assert (d.path, d.line, d.col, d.hint) == ("seeds/article.txt", 2, 1, "did you mean 'author'?")


def test_not_utf8(make_course, tmp_path):
    make_course(lesson_with(annotation_yaml("bold")))
    (tmp_path / "lessons" / "latin1.yml").write_bytes("title: caf\xe9\n".encode("latin-1"))
    from annotated_lessons.core import CourseConfig, load_course

    d = [d for d in load_course(CourseConfig(tmp_path)).diagnostics if d.code == "not-utf8"][0]
    assert d.path == "lessons/latin1.yml"


def test_every_problem_of_every_file_in_one_run(make_course):
    course = make_course({
        "one": lesson_with(annotation_yaml("nowhere to be found"), annotation_yaml("bold", technique="nope")),
        "two": lesson_with(annotation_yaml("reckless")) + "extra: 1\n",
        "unit-1/three": "title: [broken\n",
        "fine": lesson_with(annotation_yaml("bold")),
    })
    where = {(d.path, d.code) for d in course.diagnostics}
    assert where >= {
        ("lessons/one.yml", "quote-not-found"), ("lessons/one.yml", "unknown-technique"),
        ("lessons/two.yml", "quote-ambiguous"), ("lessons/two.yml", "unknown-key"),
        ("lessons/unit-1/three.yml", "yaml-syntax"),
    }
    # The sound lesson and the sound parts of the others survive.
    assert set(course.lessons) == {"one", "two", "fine"}
    assert course.lessons["fine"].annotations[0].id == "bold"
    assert course.lessons["one"].annotations == []
