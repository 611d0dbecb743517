"""Lessons in and out of the annotation tools people already use.

Every format is read into :class:`~.spans.ImportedSpan` records, and one resolver turns
those into passages of the article with the shortest selector that anchors each one
exactly. Exported offsets are Unicode code points into the article body as the core
reads it (NFC, ``\\n`` line endings, front matter removed), end exclusive; imported ones
may also be UTF-16 units (:mod:`.units`) or count in the source's own copy of the text.
What the W3C vocabulary cannot say travels in the terms of :mod:`.vocabulary`.
"""

from ._lines import InputProblem, Problem
from .brat import read_brat
from .ptc import read_ptc
from .spans import ImportedSpan, Resolved, map_technique, resolve
from .w3c import W3CDocument, lesson_to_w3c, read_w3c, read_w3c_document
from .writer import lesson_yaml

__all__ = ["ImportedSpan", "InputProblem", "Problem", "Resolved", "W3CDocument", "lesson_to_w3c", "lesson_yaml",
           "map_technique", "read_brat", "read_ptc", "read_w3c", "read_w3c_document", "resolve"]
