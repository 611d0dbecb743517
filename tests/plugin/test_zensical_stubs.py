"""``lessons stubs`` gives Zensical every page the MkDocs plugin generates: a full course with no broken link."""

from __future__ import annotations

import shutil
from pathlib import Path

from annotated_lessons.cli.main import main

from .zensical_site import FIXTURE, broken_links, build_with_stubs


def test_a_zensical_course_has_every_page_and_no_broken_link(tmp_path: Path):
    site = build_with_stubs(tmp_path)
    for page in ("lessons/index.html", "lessons/insider-access/index.html", "lessons/unit-1/odd-characters/index.html",
                 "techniques/index.html", "techniques/insider-access/index.html", "teacher/index.html",
                 "teacher/insider-access/index.html"):
        assert (site / page).is_file(), page
    lesson = (site / "lessons" / "insider-access" / "index.html").read_text(encoding="utf-8")
    assert 'data-lesson="insider-access"' in lesson and '<h1 class="al-page-title" dir="auto">Whose view is this?</h1>' in lesson
    assert "[course-page:" not in lesson
    assert 'href="../../techniques/insider-access/"' in lesson
    nested = (site / "lessons" / "unit-1" / "odd-characters" / "index.html").read_text(encoding="utf-8")
    assert 'href="../../../techniques/headline-framing/"' in nested
    assert broken_links(site) == []


def test_stubs_are_rewritten_only_when_they_differ(tmp_path: Path, capsys):
    root = tmp_path / "course"
    for name in ("lessons", "seeds", "docs"):
        shutil.copytree(FIXTURE / name, root / name)
    assert main(["stubs", str(root)]) == 0
    stub = root / "docs" / "lessons" / "insider-access.md"
    assert stub.read_text(encoding="utf-8") == "[course-page: lessons/insider-access]\n"
    assert (root / "docs" / "techniques" / "one-sided-sourcing.md").is_file()
    capsys.readouterr()
    assert main(["stubs", str(root)]) == 0
    assert "0 stub(s) written" in capsys.readouterr().out
    stub.write_text("# My own page\n", encoding="utf-8")
    assert main(["stubs", str(root)]) == 2
    assert stub.read_text(encoding="utf-8") == "# My own page\n"
    assert main(["stubs", str(root), "--force"]) == 0
    assert stub.read_text(encoding="utf-8") == "[course-page: lessons/insider-access]\n"
    assert main(["stubs", str(root), "--no-teacher-edition", "--docs", "other"]) == 0
    assert not (root / "other" / "teacher").exists() and (root / "other" / "lessons" / "index.md").is_file()


def test_a_stub_for_no_page_is_a_broken_embed():
    import markdown

    from annotated_lessons.extension import AnnotatedLessonsExtension, EmbedError

    md = markdown.Markdown(extensions=[AnnotatedLessonsExtension(course_dir=str(FIXTURE), check=True)])
    assert 'data-lesson="insider-access"' in md.convert("[course-page: lessons/insider-access]")
    for bad in ("lessons/no-such-lesson", "elsewhere/x", "lessons/../x"):
        try:
            md.reset().convert(f"[course-page: {bad}]")
        except EmbedError as problem:
            assert "course-page" in str(problem)
        else:
            raise AssertionError(f"{bad} was accepted")
