"""The teacher edition of a lesson: notes, expected answers, the answer key, clean passages.

It is a separate page so the student page stays free of answers; it is not hidden (a
static site cannot hide a page from a determined student), only left out of the
student navigation. Its markup is the ``teacher_edition.html`` template.
"""

from __future__ import annotations

from markupsafe import Markup

from .catalogue import Catalogue
from .lesson import Lesson
from .render import Links, note_view, rating_views
from .templating import DEFAULT, Templates


def render_teacher_edition(lesson: Lesson, catalogue: Catalogue, links: Links | None = None,
                           student_page: str | None = None, *, templates: Templates = DEFAULT) -> Markup:
    links = links or Links()

    def views(annotations: list) -> list:
        return [note_view(lesson, a, catalogue, links, anchors=False, ui=templates.ui) for a in annotations]

    return templates.render("teacher_edition.html", lesson=lesson, student_page=student_page,
                            notes=views(lesson.technique_annotations), clean=views(lesson.clean_passages),
                            ratings=rating_views(lesson))
