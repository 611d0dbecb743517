"""The core: load, validate, anchor and render lessons, with no MkDocs import.

Everything a generator needs is re-exported here, so other tools depend on
``annotated_lessons.core`` and not on the module layout behind it.
"""

from .anchoring import AnchorFailure, Selector, Span, anchor, disambiguate
from .article import Article, parse_article
from .catalogue import Catalogue, Technique, parse_catalogue
from .course import Course, CourseConfig, lesson_files, load_course
from .diagnostics import Diagnostic, Severity
from .lesson import Annotation, Lesson, parse_lesson
from .schema import lesson_json_schema

__all__ = [
    "AnchorFailure", "Annotation", "Article", "Catalogue", "Course", "CourseConfig", "Diagnostic", "Lesson",
    "Selector", "Severity", "Span", "Technique", "anchor", "disambiguate", "lesson_files", "lesson_json_schema",
    "load_course", "parse_article", "parse_catalogue", "parse_lesson",
]
