"""The Markdown source of each generated page: a title and an embed line.

Pages hold no HTML of their own, so what the plugin generates and what a teacher
writes by hand with the extension are rendered by the same code.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..core.course import Course


@dataclass(frozen=True)
class GeneratedPage:
    src_uri: str  # where it pretends to be in docs_dir
    content: str
    in_nav: bool = True


def _title(text: str) -> str:
    return text.replace("\\", "\\\\").replace("#", "\\#").replace("<", "&lt;").strip()


def generated_pages(course: Course, teacher_edition: bool) -> list[GeneratedPage]:
    pages = [GeneratedPage("lessons/index.md", "# Lessons\n\n[lesson-index]\n")]
    for slug, lesson in sorted(course.lessons.items()):
        pages.append(GeneratedPage(f"lessons/{slug}.md", f"# {_title(lesson.title)}\n\n[lesson: {slug}]\n"))
        if teacher_edition:
            pages.append(GeneratedPage(
                f"teacher/{slug}.md",
                f"---\nsearch:\n  exclude: true\n---\n\n# Teacher edition: {_title(lesson.title)}\n\n"
                f"[teacher-edition: {slug}]\n", in_nav=False))
    for tid, technique in course.catalogue.techniques.items():
        pages.append(GeneratedPage(f"techniques/{tid}.md", f"# {_title(technique.name)}\n\n[technique: {tid}]\n"))
    return pages
