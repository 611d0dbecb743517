"""The JSON-LD terms a lesson needs beyond the W3C Web Annotation vocabulary.

The W3C model carries the passage (selectors), the technique (a ``tagging`` body), the
note (``commenting``), the question (``questioning``) and, through ``audience``, a
body meant for teachers. It has nothing for a self-check question, for the selector
as the lesson writes it (a quote with its own context or occurrence), for provenance,
or for the lesson's own fields. Those travel under the ``al:`` prefix, declared in an
inline context next to the W3C one, so the export is still plain W3C to any client and
``lessons import`` gives back the lesson it came from. ``docs/reference/interop.md``
documents every term.
"""

from __future__ import annotations

from typing import Any

from ..lesson import Annotation, Lesson, Rating

NAMESPACE = "https://mkdocs-annotated-lessons.github.io/ns/lessons#"
#: Terms whose value is a JSON structure (``@json``), kept as is by JSON-LD processors.
JSON_TERMS = ("lesson", "check", "selector")
CONTEXT: dict[str, Any] = {
    "@version": 1.1,
    "al": NAMESPACE,
    **{f"al:{term}": {"@id": f"al:{term}", "@type": "@json"} for term in JSON_TERMS},
    "al:at": {"@id": "al:at", "@type": "http://www.w3.org/2001/XMLSchema#nonNegativeInteger"},
}
TEACHER = {"type": "schema:EducationalAudience", "schema:educationalRole": "teacher"}
#: The lesson's own fields, in the order a lesson file lists them (title is the collection's ``label``).
LESSON_FIELDS = ("article", "summary", "language", "audience", "duration", "objectives", "warm_up", "authors",
                 "standards", "key_scope", "short_path", "glossary", "discussion", "lateral_reading", "rate",
                 "exit_ticket", "sentence_starters", "teacher_notes", "article_sha256")


def lesson_fields(lesson: Lesson, teacher: bool = True) -> dict[str, Any]:
    """The lesson's own fields as a lesson file writes them, the empty ones left out.

    Without ``teacher`` the teacher edition's material (teacher notes, expected answers)
    is left out too, for a file published where students read.
    """
    discussion = [q.question if not (q.teacher and teacher) else {"question": q.question, "teacher": q.teacher}
                  for q in lesson.discussion]
    lateral = [{k: v for k, v in (("question", p.question), ("tip", p.tip), ("teacher", p.teacher if teacher else ""))
                if v} for p in lesson.lateral_reading]
    values = {
        "article": lesson.article.path, "summary": lesson.summary, "language": lesson.language,
        "audience": lesson.audience,
        "duration": lesson.duration, "objectives": list(lesson.objectives), "warm_up": lesson.warm_up,
        "authors": list(lesson.authors), "standards": list(lesson.standards), "discussion": discussion,
        "lateral_reading": lateral, "teacher_notes": lesson.teacher_notes if teacher else "",
        "article_sha256": lesson.article_sha256,
        "key_scope": _key_scope(lesson), "short_path": list(lesson.short_path),
        "glossary": [{"term": g.term, "definition": g.definition} for g in lesson.glossary],
        "rate": [_rating(r) for r in lesson.rate],
        # The exit ticket and the sentence starters are the teacher edition's.
        "exit_ticket": [q.question if not q.teacher else {"question": q.question, "teacher": q.teacher}
                        for q in lesson.exit_ticket] if teacher else [],
        "sentence_starters": list(lesson.sentence_starters) if teacher else [],
    }
    return {k: v for k, v in values.items() if v not in (None, "", [])}


def _key_scope(lesson: Lesson) -> dict[str, Any] | None:
    scope = lesson.key_scope
    if scope is None:
        return None
    return {"complete": scope.complete, **({"techniques": list(scope.techniques)} if scope.techniques else {})}


def _rating(r: Rating) -> dict[str, Any]:
    """A rating item as the lesson wrote it: by annotation id, or by its quote and context."""
    if r.selector is None:
        where: dict[str, Any] = {"annotation": r.annotation}
    else:
        s = r.selector
        where = {"quote": s.quote, **{k: v for k, v in (("prefix", s.prefix), ("suffix", s.suffix),
                                                      ("occurrence", s.occurrence)) if v is not None}}
    return {**where, "answer": r.answer, "why": r.why}


def annotation_terms(a: Annotation) -> dict[str, Any]:
    """The ``al:`` terms of one annotation: its selector as written, its check and its recorded start."""
    s = a.selector
    selector = {"quote": s.quote, **{k: v for k, v in (("prefix", s.prefix), ("suffix", s.suffix),
                                                      ("occurrence", s.occurrence)) if v is not None}}
    terms: dict[str, Any] = {"al:selector": selector}
    if a.check is not None:
        c = a.check
        terms["al:check"] = {"question": c.question, "options": list(c.options), "answer": c.answer,
                             **({"explain": c.explain} if c.explain else {})}
    if a.at is not None:
        terms["al:at"] = a.at
    return terms


def teacher_body(text: str) -> dict[str, Any]:
    return {"type": "TextualBody", "purpose": "commenting", "format": "text/markdown", "value": text,
            "audience": dict(TEACHER)}


def is_for_teachers(body: dict[str, Any]) -> bool:
    audiences = body.get("audience")
    listed = audiences if isinstance(audiences, list) else [audiences]
    return any(isinstance(x, dict) and x.get("schema:educationalRole") == "teacher" for x in listed)


def is_plain(value: Any, depth: int = 4) -> bool:
    """Whether ``value`` is text, a number, true/false or null, or lists and mappings of them a few levels deep.

    Imported structures are written into a lesson file as they are, for ``lessons check``
    to judge; anything deeper or stranger than a lesson field can be is left out.
    """
    if value is None or isinstance(value, (str, bool, int, float)):
        return True
    if depth == 0:
        return False
    if isinstance(value, list):
        return all(is_plain(v, depth - 1) for v in value)
    if isinstance(value, dict):
        return all(isinstance(k, str) and is_plain(v, depth - 1) for k, v in value.items())
    return False


def imported_fields(raw: dict[str, Any]) -> tuple[dict[str, Any], list[str]]:
    """The lesson fields of an ``al:lesson`` value worth writing, and the keys left out as unusable.

    ``article`` is left to the command line's ``--article``, which names the article in this course.
    """
    kept, dropped = {}, []
    for key, value in raw.items():
        if key in LESSON_FIELDS and key != "article" and value is not None and is_plain(value):
            kept[key] = value
        elif key != "article":
            dropped.append(key)
    return kept, dropped
