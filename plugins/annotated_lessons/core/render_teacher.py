"""The teacher edition of a lesson: notes, expected answers, the answer key, clean passages.

It is a separate page so the student page stays free of answers; it is not hidden (a
static site cannot hide a page from a determined student), only left out of the
student navigation.
"""

from __future__ import annotations

from html import escape

from .catalogue import Catalogue
from .lesson import Lesson
from .markdown_notes import render_inline, render_markdown
from .render import Links, _attr, label_of, passage_text


def _section(key: str, title: str, body: str) -> str:
    return (f'<section class="al-teacher-{key}" aria-labelledby="al-teacher-{key}-h">'
            f'<h2 id="al-teacher-{key}-h">{title}</h2>{body}</section>')


def render_teacher_edition(lesson: Lesson, catalogue: Catalogue, links: Links | None = None,
                           student_page: str | None = None) -> str:
    links = links or Links()
    parts = ['<div class="al-teacher" data-teacher-edition="' + _attr(lesson.slug) + '">']
    intro = ("<p><strong>Teacher edition.</strong> Expected answers for every question in the lesson"
             + (f' <a href="{_attr(student_page)}">{escape(lesson.title)}</a>' if student_page else "")
             + ". This page is left out of the student navigation but is not secret: anyone with its address can "
               "read it.</p>")
    parts.append(f'<div class="al-teacher-intro">{intro}</div>')
    meta = [f"<li><strong>Audience:</strong> {escape(lesson.audience)}</li>" if lesson.audience else "",
            f"<li><strong>Time:</strong> {lesson.duration} minutes</li>" if lesson.duration else "",
            f"<li><strong>Article:</strong> {escape(lesson.article.headline)}</li>"]
    parts.append(f'<ul class="al-teacher-meta">{"".join(meta)}</ul>')
    if lesson.objectives:
        parts.append(_section("objectives", "Learning goals",
                              "<ul>" + "".join(f"<li>{render_inline(o)}</li>" for o in lesson.objectives) + "</ul>"))
    if lesson.teacher_notes:
        parts.append(_section("notes", "Teacher notes", render_markdown(lesson.teacher_notes)))
    if lesson.warm_up:
        parts.append(_section("warmup", "Warm-up", render_markdown(lesson.warm_up)))
    parts.append(_section("key", "Answer key", _answer_key(lesson, catalogue, links)))
    clean = lesson.clean_passages
    if clean:
        items = "".join(
            f'<li value="{a.number}"><blockquote><p>{escape(passage_text(lesson, a))}</p></blockquote>'
            f"{render_markdown(a.note)}</li>" for a in clean)
        parts.append(_section("clean", "Fair passages (controls)",
                              "<p>These passages are fair reporting. In practice mode, tagging them counts as an "
                              f"extra, not a find.</p><ol>{items}</ol>"))
    if lesson.discussion:
        items = "".join(
            f"<li>{render_inline(q.question)}"
            + (f'<div class="al-expected"><strong>Expected:</strong> {render_markdown(q.teacher)}</div>'
               if q.teacher else "") + "</li>" for q in lesson.discussion)
        parts.append(_section("discussion", "Discussion", f"<ol>{items}</ol>"))
    if lesson.lateral_reading:
        items = "".join(
            f"<li>{render_inline(p.question)}"
            + (f'<div class="al-tip">{render_markdown(p.tip)}</div>' if p.tip else "")
            + (f'<div class="al-expected"><strong>What to look for:</strong> {render_markdown(p.teacher)}</div>'
               if p.teacher else "") + "</li>" for p in lesson.lateral_reading)
        parts.append(_section("lateral", "Lateral reading", f"<ol>{items}</ol>"))
    parts.append("</div>")
    return "\n".join(parts)


def _answer_key(lesson: Lesson, catalogue: Catalogue, links: Links) -> str:
    rows = []
    for a in lesson.technique_annotations:
        href = links.technique(a.technique) if a.technique else None
        label = escape(label_of(a, catalogue))
        technique = f'<a href="{_attr(href)}">{label}</a>' if href else label
        answer = []
        if a.ask:
            answer.append(f"<p><strong>Ask:</strong> {render_inline(a.ask)}</p>")
        if a.teacher:
            answer.append(f'<div class="al-expected"><strong>Expected:</strong> {render_markdown(a.teacher)}</div>')
        if a.check:
            right = a.check.options[a.check.answer - 1]
            answer.append(f"<p><strong>Check:</strong> {render_inline(a.check.question)} "
                          f"<strong>Answer {chr(64 + a.check.answer)}:</strong> {render_inline(right)}</p>"
                          + (render_markdown(a.check.explain) if a.check.explain else ""))
        rows.append(f'<tr data-annotation="{_attr(a.id)}"><th scope="row">{a.number}</th><td>{technique}</td>'
                    f"<td>{escape(passage_text(lesson, a))}</td><td>{''.join(answer)}</td></tr>")
    return ('<div class="al-table-wrap"><table class="al-key"><thead><tr><th scope="col">Note</th>'
            '<th scope="col">Technique</th><th scope="col">Passage</th><th scope="col">Question and expected answer'
            f"</th></tr></thead><tbody>{''.join(rows)}</tbody></table></div>")
