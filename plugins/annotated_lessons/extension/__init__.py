"""Python-Markdown extension: embed lessons in any Markdown page.

On a line of its own:

* ``[lesson: SLUG]`` the whole lesson (legend, annotated article, notes, questions);
* ``[lesson: SLUG#ID]`` one annotation of it (passage and note);
* ``[lesson-index]`` a card per lesson of the course;
* ``[technique: ID]`` a technique with every example across the course;
* ``[teacher-edition: SLUG]`` the teacher edition of a lesson.

It needs nothing from MkDocs, so it runs under any Python-Markdown based generator.
"""

from .extension import AnnotatedLessonsExtension, makeExtension

__all__ = ["AnnotatedLessonsExtension", "makeExtension"]
