"""Lesson YAML from resolved passages, ready for a person to finish."""

from __future__ import annotations

from typing import Any

import yaml

from ..article import Article
from ..fields import is_slug, slugify
from ..provenance import article_digest
from .spans import Resolved

MODELINE = "# yaml-language-server: $schema={schema}\n"
TODO_NOTE = "TODO: say what this passage does and which words carry it."


def _entry(r: Resolved, ids: dict[str, int]) -> dict[str, Any]:
    """One passage; ``ids`` maps each id taken to the next suffix to try, so a thousand equal quotes stay linear."""
    given = r.source.id if r.source.id and is_slug(r.source.id) else None  # may be anything
    base = given or ("clean-" if r.source.clean else "") + (slugify(r.selector.quote, 5) or "passage")
    ann_id, n = base, ids.get(base, 2)
    while ann_id in ids:
        ann_id, n = f"{base}-{n}", n + 1
    ids[base] = n
    ids.setdefault(ann_id, 2)
    entry: dict[str, Any] = {"id": ann_id, "quote": r.selector.quote}
    for key in ("prefix", "suffix", "occurrence"):
        value = getattr(r.selector, key)
        if value is not None:
            entry[key] = value
    if not r.source.clean:
        entry["technique"] = r.technique or slugify(r.source.label) or "unknown"
    entry["note"] = r.source.note if r.source.note.strip() else TODO_NOTE
    for key in ("ask", "teacher"):
        if getattr(r.source, key).strip():
            entry[key] = getattr(r.source, key)
    if r.source.check is not None:
        entry["check"] = r.source.check
    if r.source.at is not None or r.source.written is None:  # a lesson's own export keeps its provenance as it was
        entry["at"] = r.source.at if r.source.at is not None else r.span.start
    return entry


BEFORE = ("language", "audience", "duration", "objectives", "warm_up", "authors", "standards",  # in file order
          "key_scope", "short_path", "glossary")
AFTER = ("discussion", "lateral_reading", "rate", "exit_ticket", "sentence_starters", "teacher_notes")


def lesson_yaml(resolved: list[Resolved], article: Article, article_path: str, title: str,
                schema: str | None = "../plugins/annotated_lessons/schema/lesson.schema.json",
                fields: dict[str, Any] | None = None) -> str:
    """A complete lesson file: passages in reading order, provenance recorded; a schema line when ``schema``.

    ``fields`` are the lesson's own fields when the source carries them (an export of
    this project); they are written as given, and ``lessons check`` judges them. Such a
    lesson keeps its provenance as it was (``article_sha256`` and ``at`` only where it had
    them); passages from other tools get both recorded now.
    """
    carried = fields is not None
    fields = fields or {}
    ids: dict[str, int] = {}
    ordered = sorted(resolved, key=lambda r: (r.span.start, -r.span.end))
    annotations = [_entry(r, ids) for r in ordered if not r.source.clean]
    clean = [_entry(r, ids) for r in ordered if r.source.clean]
    data: dict[str, Any] = {
        "title": title,
        "article": article_path,
        "summary": fields.get("summary", "TODO: one paragraph for the course index."),
        **{k: fields[k] for k in BEFORE if k in fields},
        "annotations": annotations or [],
    }
    if clean:
        data["clean"] = clean
    data.update({k: fields[k] for k in AFTER if k in fields})
    if not carried:
        data["article_sha256"] = article_digest(article)
    elif "article_sha256" in fields:
        data["article_sha256"] = fields["article_sha256"]
    text = yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=100, default_flow_style=False)
    return (MODELINE.format(schema=schema) if schema else "") + text
