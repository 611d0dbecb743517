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


def _link_text(text: str) -> str:
    return _title(text).replace("[", "\\[").replace("]", "\\]")


def _technique_index(course: Course) -> str:
    lines = ["# Techniques", "", "Each page defines a technique, lists the questions a reader should ask, "
             "and shows every example of it in the course.", ""]
    for tid, technique in course.catalogue.techniques.items():
        lines.append(f"- [{_link_text(technique.name)}]({tid}.md): {_title(technique.summary)}")
    return "\n".join(lines) + "\n"


def _teacher_index(course: Course) -> str:
    lines = ["---", "search:", "  exclude: true", "---", "", "# Teacher editions", "",
             "Each teacher edition has the teacher notes, the expected answers, the answer key of the "
             "self-checks and the fair passages of one lesson.", ""]
    for slug, lesson in sorted(course.lessons.items()):
        lines.append(f"- [{_link_text(lesson.title)}]({slug}.md)")
    return "\n".join(lines) + "\n"


def generated_pages(course: Course, teacher_edition: bool) -> list[GeneratedPage]:
    """Every page the plugin adds, as Markdown: the course index, lessons, teacher editions, techniques."""
    pages = [GeneratedPage("lessons/index.md", "# Lessons\n\n[lesson-index]\n"),
             GeneratedPage("techniques/index.md", _technique_index(course))]
    if teacher_edition:
        pages.append(GeneratedPage("teacher/index.md", _teacher_index(course), in_nav=False))
    for slug, lesson in sorted(course.lessons.items()):
        name = slug.rsplit("/", 1)[-1]
        pages.append(GeneratedPage(
            f"lessons/{slug}.md", f"# {_title(lesson.title)}\n\n[lesson: {slug}]\n\n"
            f"[These annotations as W3C Web Annotation (JSON-LD)]({name}/annotations.jsonld)\n"))
        if teacher_edition:
            pages.append(GeneratedPage(
                f"teacher/{slug}.md",
                f"---\nsearch:\n  exclude: true\n---\n\n# Teacher edition: {_title(lesson.title)}\n\n"
                f"[teacher-edition: {slug}]\n", in_nav=False))
    for tid, technique in course.catalogue.techniques.items():
        pages.append(GeneratedPage(f"techniques/{tid}.md", f"# {_title(technique.name)}\n\n[technique: {tid}]\n"))
    return pages
