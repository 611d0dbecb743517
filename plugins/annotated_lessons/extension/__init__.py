"""Python-Markdown extension: embed lessons in any Markdown page.

On a line of its own, starting at column 0 (a paragraph of that one line):

* ``[lesson: SLUG]`` the whole lesson (legend, annotated article, notes, questions);
* ``[lesson: SLUG#ID]`` one annotation of it (passage and note);
* ``[lesson-index]`` a card per lesson of the course;
* ``[technique: ID]`` a technique with every example across the course;
* ``[technique-index]`` every technique with its summary;
* ``[teacher-edition: SLUG]`` the teacher edition of a lesson;
* ``[teacher-index]`` the list of teacher editions.
* ``[course-page: PATH]`` a whole page the MkDocs plugin would generate (``lessons``,
  ``lessons/SLUG``, ``techniques/ID``, ``teacher/SLUG``...): the stubs ``lessons stubs``
  writes for hosts without the plugin.

A broken embed (an unknown lesson, technique or annotation) logs a warning in MkDocs'
logger namespace, so ``mkdocs build --strict`` fails; with ``check: true`` it raises
:class:`EmbedError` instead, for hosts without a strict mode.

It needs nothing from MkDocs, so it runs under any Python-Markdown based generator.
"""

from .extension import AnnotatedLessonsExtension, EmbedError, makeExtension

__all__ = ["AnnotatedLessonsExtension", "EmbedError", "makeExtension"]
