"""Anchored lesson to HTML, following the page contract of the format.

The article is cut into segments at every annotation boundary and paragraph edge; each
covered segment is wrapped in one element whose ``data-annotations`` lists every
annotation covering it, so overlapping and nested annotations need no nested markup and
a span across paragraphs is simply split. Everything that is not article text carries
``data-lesson-ui``. Article text is always escaped; notes go through the sanitiser.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable
from dataclasses import dataclass
from html import escape

from .catalogue import Catalogue
from .lesson import Annotation, Lesson
from .markdown_notes import render_inline, render_markdown

CLEAN_LABEL = "Fair reporting"


@dataclass(frozen=True)
class Links:
    """How to link to other generated pages from the page being rendered."""

    technique: Callable[[str], str | None] = lambda technique_id: None


def _attr(value: object) -> str:
    return escape(str(value), quote=True)


def label_of(annotation: Annotation, catalogue: Catalogue) -> str:
    """The short name of what an annotation marks: its technique, or 'Fair reporting'."""
    if annotation.kind == "clean" or annotation.technique is None:
        return CLEAN_LABEL
    technique = catalogue.techniques.get(annotation.technique)
    return technique.name if technique else annotation.technique


def tone_of(annotation: Annotation, catalogue: Catalogue) -> str:
    if annotation.kind == "clean" or annotation.technique not in catalogue:
        return "clean"
    return str(catalogue[annotation.technique].tone)  # type: ignore[index]


def render_article(lesson: Lesson, catalogue: Catalogue, *, id_prefix: str = "", anchors: bool = True) -> str:
    """The article with highlighted segments and numbered markers (the page contract)."""
    body = lesson.article.body
    annotations = lesson.annotations
    total = len(annotations)
    starts: dict[int, list[Annotation]] = {}
    ends: dict[int, list[Annotation]] = {}
    for a in annotations:
        starts.setdefault(a.span.start, []).append(a)
        ends.setdefault(a.span.end, []).append(a)
    boundaries = sorted(set(starts) | set(ends))
    active: dict[str, Annotation] = {}
    out: list[str] = [
        f'<article class="al-article" data-lesson="{_attr(lesson.slug)}" '
        f'aria-label="{_attr("Annotated article: " + lesson.article.headline)}">\n'
    ]
    cursor_b = 0  # index into boundaries
    for index, (p_start, p_end) in enumerate(lesson.article.paragraphs):
        tag = "h2" if index == 0 else "p"
        cls = ' class="al-headline"' if index == 0 else ""
        out.append(f'<{tag}{cls} data-paragraph="{index}" data-start="{p_start}">')
        # Bring the active set up to the paragraph start (spans may cross paragraphs).
        while cursor_b < len(boundaries) and boundaries[cursor_b] <= p_start:
            _step(boundaries[cursor_b], starts, ends, active, out if boundaries[cursor_b] == p_start else None,
                  catalogue, total, id_prefix, anchors, skip_markers=boundaries[cursor_b] != p_start)
            cursor_b += 1
        position = p_start
        stop = bisect.bisect_right(boundaries, p_end, lo=cursor_b)
        for b in boundaries[cursor_b:stop]:
            _segment(body[position:b], active, catalogue, out)
            position = b
            _step(b, starts, ends, active, out, catalogue, total, id_prefix, anchors)
        cursor_b = stop
        _segment(body[position:p_end], active, catalogue, out)
        out.append(f"</{tag}>\n\n")
    out.append("</article>")
    return "".join(out)


def _step(at: int, starts: dict[int, list[Annotation]], ends: dict[int, list[Annotation]],
          active: dict[str, Annotation], out: list[str] | None, catalogue: Catalogue, total: int,
          id_prefix: str, anchors: bool, skip_markers: bool = False) -> None:
    """Close annotations ending at ``at`` (emitting their markers), then open those starting."""
    for a in ends.get(at, ()):
        active.pop(a.id, None)
        if out is not None and not skip_markers:
            out.append(_marker(a, catalogue, total, id_prefix, anchors))
    for a in starts.get(at, ()):
        active[a.id] = a


def _segment(text: str, active: dict[str, Annotation], catalogue: Catalogue, out: list[str]) -> None:
    if not text:
        return
    if not active:
        out.append(escape(text, quote=False))
        return
    covering = sorted(active.values(), key=lambda a: a.number)
    innermost = max(covering, key=lambda a: (a.span.start, -a.span.end))
    ids = " ".join(a.id for a in covering)
    out.append(
        f'<span class="al-hl" data-annotations="{_attr(ids)}" data-tone="{tone_of(innermost, catalogue)}" '
        f'data-depth="{min(len(covering), 4)}">{escape(text, quote=False)}</span>'
    )


def _marker(a: Annotation, catalogue: Catalogue, total: int, id_prefix: str, anchors: bool) -> str:
    label = f"Note {a.number} of {total}: {label_of(a, catalogue)}"
    # The marker carries the annotation's deep link (#ann-<id>): one element per annotation
    # instead of a separate empty anchor, which keeps big courses quick to index for search.
    ref_id = f' id="{_attr(id_prefix)}ann-{_attr(a.id)}"' if anchors else ""
    return (
        f'<a class="al-marker" data-lesson-ui data-annotation="{_attr(a.id)}" data-tone="{tone_of(a, catalogue)}"'
        f'{ref_id} href="#{_attr(id_prefix)}note-{_attr(a.id)}" aria-label="{_attr(label)}">{a.number}</a>'
    )


def passage_text(lesson: Lesson, annotation: Annotation) -> str:
    """The annotated words, whitespace collapsed, for quoting in notes and indexes."""
    return " ".join(lesson.article.body[annotation.span.start:annotation.span.end].split())


def render_note(lesson: Lesson, a: Annotation, catalogue: Catalogue, links: Links, *, id_prefix: str = "",
                anchors: bool = True) -> str:
    """One note: what it marks (linked to the technique page), the passage, note, question."""
    label = escape(label_of(a, catalogue))
    href = links.technique(a.technique) if a.technique else None
    head = f'<a class="al-technique-link" href="{_attr(href)}">{label}</a>' if href else f"<span>{label}</span>"
    parts = [
        f'<li class="al-note" value="{a.number}" data-annotation="{_attr(a.id)}" data-kind="{a.kind}" '
        f'data-technique="{_attr(a.technique or "")}" data-tone="{tone_of(a, catalogue)}"'
        + (f' id="{_attr(id_prefix)}note-{_attr(a.id)}"' if anchors else "") + ">",
        f'<p class="al-note-head">{head}</p>',
        f'<blockquote class="al-note-quote">{escape(passage_text(lesson, a))}</blockquote>',
        f'<div class="al-note-text">{render_markdown(a.note)}</div>',
    ]
    if a.ask:
        parts.append(f'<p class="al-note-ask"><strong>Ask:</strong> {render_inline(a.ask)}</p>')
    if a.check:
        parts.append(render_check(a, id_prefix=id_prefix))
    if anchors:
        parts.append(f'<a class="al-note-back al-backref" href="#{_attr(id_prefix)}ann-{_attr(a.id)}" '
                     f'aria-label="Back to the text (note {a.number})">Back to the text</a>')
    parts.append("</li>")
    return "".join(parts)


def render_check(a: Annotation, *, id_prefix: str = "") -> str:
    """A self-check question; without JavaScript the answer sits in a closed disclosure."""
    check = a.check
    assert check is not None
    options = "".join(f'<li data-option="{i}">{render_inline(o)}</li>' for i, o in enumerate(check.options, 1))
    explain = render_markdown(check.explain) if check.explain else ""
    return (
        f'<div class="al-check" data-check="{_attr(a.id)}" data-answer="{check.answer}">'
        f'<p class="al-check-question"><strong>Check yourself:</strong> {render_inline(check.question)}</p>'
        f'<ol class="al-check-options" type="A">{options}</ol>'
        f'<details class="al-check-answer"><summary>Show the answer</summary>'
        f'<p>The answer is {chr(64 + check.answer)}.</p>{explain}</details></div>'
    )


def render_notes(lesson: Lesson, catalogue: Catalogue, links: Links, *, id_prefix: str = "",
                 anchors: bool = True) -> str:
    items = "\n".join(render_note(lesson, a, catalogue, links, id_prefix=id_prefix, anchors=anchors)
                      for a in lesson.annotations)
    return (f'<section class="al-notes" data-lesson-notes="{_attr(lesson.slug)}" aria-labelledby="{id_prefix}al-notes-h">'
            f'<h2 id="{id_prefix}al-notes-h">Notes</h2>\n<ol class="al-note-list">\n{items}\n</ol></section>')


def render_legend(lesson: Lesson, catalogue: Catalogue, links: Links) -> str:
    """Techniques used in the lesson with a count each; the script turns them into filters."""
    counts = lesson.technique_counts()
    items = []
    for tid, technique in catalogue.techniques.items():
        if tid not in counts:
            continue
        href = links.technique(tid)
        inner = (f'<span class="al-swatch" data-tone="{technique.tone}" aria-hidden="true"></span>'
                 f'<span class="al-legend-name">{escape(technique.name)}</span> '
                 f'<span class="al-count">{counts[tid]}</span>')
        body = f'<a href="{_attr(href)}">{inner}</a>' if href else inner
        items.append(f'<li class="al-legend-item" data-technique="{_attr(tid)}" data-tone="{technique.tone}">'
                     f"{body}</li>")
    clean = len(lesson.clean_passages)
    if clean:
        items.append(f'<li class="al-legend-item" data-technique="" data-tone="clean">'
                     f'<span class="al-swatch" data-tone="clean" aria-hidden="true"></span>'
                     f'<span class="al-legend-name">{CLEAN_LABEL}</span> <span class="al-count">{clean}</span></li>')
    return (f'<nav class="al-legend" aria-label="Techniques in this lesson" data-lesson-ui>'
            f'<ul>{"".join(items)}</ul></nav>')


def _questions(title: str, cls: str, items: list[str], id_prefix: str) -> str:
    if not items:
        return ""
    lis = "".join(f"<li>{html}</li>" for html in items)
    hid = f"{id_prefix}al-{cls}-h"
    return f'<section class="al-{cls}" aria-labelledby="{hid}"><h2 id="{hid}">{title}</h2><ol>{lis}</ol></section>'


def render_lesson(lesson: Lesson, catalogue: Catalogue, links: Links = Links(), *, id_prefix: str = "") -> str:
    """The whole student view of a lesson: introduction, legend, article, notes, questions."""
    parts = [f'<div class="al-lesson" data-lesson-root="{_attr(lesson.slug)}" '
             f'data-annotation-count="{len(lesson.annotations)}">']
    meta = []
    if lesson.audience:
        meta.append(f"<span><strong>Audience:</strong> {escape(lesson.audience)}</span>")
    if lesson.duration:
        meta.append(f"<span><strong>Time:</strong> {lesson.duration} minutes</span>")
    if meta:
        parts.append(f'<p class="al-meta">{" ".join(meta)}</p>')
    if lesson.objectives:
        parts.append(_questions("Learning goals", "objectives", [render_inline(o) for o in lesson.objectives],
                                id_prefix).replace("<ol>", "<ul>").replace("</ol>", "</ul>"))
    if lesson.warm_up:
        hid = f"{id_prefix}al-warmup-h"
        parts.append(f'<section class="al-warmup" aria-labelledby="{hid}"><h2 id="{hid}">Before you read</h2>'
                     f"{render_markdown(lesson.warm_up)}</section>")
    parts.append(render_legend(lesson, catalogue, links))
    parts.append(render_article(lesson, catalogue, id_prefix=id_prefix))
    parts.append(render_notes(lesson, catalogue, links, id_prefix=id_prefix))
    parts.append(_questions("Discussion", "discussion", [render_inline(q.question) for q in lesson.discussion],
                            id_prefix))
    lateral = [render_inline(p.question) + (f'<div class="al-tip">{render_markdown(p.tip)}</div>' if p.tip else "")
               for p in lesson.lateral_reading]
    parts.append(_questions("Read laterally", "lateral", lateral, id_prefix))
    parts.append("</div>")
    return "\n".join(p for p in parts if p)


def render_excerpt(lesson: Lesson, annotation: Annotation, catalogue: Catalogue, links: Links,
                   lesson_url: str | None = None) -> str:
    """One annotation on its own (for embedding in another page): passage, note, question."""
    note = render_note(lesson, annotation, catalogue, links, anchors=False)
    more = (f'<p class="al-excerpt-source">From <a href="{_attr(lesson_url)}#ann-{_attr(annotation.id)}">'
            f"{escape(lesson.title)}</a></p>") if lesson_url else ""
    return f'<div class="al-excerpt" data-lesson-excerpt="{_attr(lesson.slug)}"><ul class="al-note-list">{note}</ul>{more}</div>'
