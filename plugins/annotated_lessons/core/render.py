"""Anchored lesson to HTML, following the page contract of the format.

The article is cut into segments at every annotation boundary and paragraph edge; each
covered segment is wrapped in one element whose ``data-annotations`` lists every
annotation covering it, so overlapping and nested annotations need no nested markup and
a span across paragraphs is simply split. Everything that is not article text carries
``data-lesson-ui``.

Everything around the article (legend, notes, questions, excerpts) comes from the
autoescaping templates of :mod:`.templating`. The article itself is the one hot loop
(one piece of markup per segment, tens of thousands in a big lesson), so it is built
from Markup pieces: constants of this module and :func:`markupsafe.escape` of every
value, joined by :func:`_join`, which refuses any piece that is not Markup. Article text
and ids can only ever be text. Its markup is fixed by the page contract, so it is not a
template a course can override.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple

from markupsafe import Markup, escape

from .catalogue import Catalogue
from .characters import cjk_in, is_cjk, notable
from .languages import Lang
from .lesson import Annotation, Check, Lesson
from .templating import DEFAULT, Templates
from .translations import ENGLISH, Translation

CLEAN_LABEL = "Fair reporting"
CLEAN_CUE = "\u2713"  # fair passages: a check mark where techniques show their abbreviation
ARTICLE_LABEL = "Annotated article: %(headline)s"
MARKER_LABEL = "Note %(number)s: %(label)s"


@dataclass(frozen=True)
class Links:
    """How to link to other generated pages from the page being rendered."""

    technique: Callable[[str], str | None] = lambda technique_id: None


def label_of(annotation: Annotation, catalogue: Catalogue, ui: Translation = ENGLISH) -> str:
    """The short name of what an annotation marks: its technique, or 'Fair reporting'."""
    if annotation.kind == "clean" or annotation.technique is None:
        return ui[CLEAN_LABEL]
    technique = catalogue.techniques.get(annotation.technique)
    return technique.name if technique else annotation.technique


def tone_of(annotation: Annotation, catalogue: Catalogue) -> str:
    if annotation.kind == "clean" or annotation.technique not in catalogue:
        return "clean"
    return str(catalogue[annotation.technique].tone)  # type: ignore[index]


def cue_of(annotation: Annotation, catalogue: Catalogue) -> str:
    """The short cue that tells techniques apart without colour: the technique's ``abbr``, or a check mark."""
    if annotation.kind == "clean" or annotation.technique not in catalogue:
        return CLEAN_CUE
    return catalogue[annotation.technique].abbr  # type: ignore[index]


def passage_text(lesson: Lesson, annotation: Annotation) -> str:
    """The annotated words, whitespace collapsed, for quoting in notes and indexes.

    A line break between two CJK characters goes (see :class:`_Breaks`): "港口将在月底前重新开放".
    """
    text = lesson.article.body[annotation.span.start:annotation.span.end]
    breaks = cjk_line_breaks(text, scan=False) if "\n" in text or "\r" in text else _NO_BREAKS
    for start, end in reversed(list(zip(breaks.starts, breaks.ends, strict=True))):
        text = text[:start] + text[end:]
    return " ".join(text.split())


# -- the article: the page contract's element -------------------------------------------

_M = Markup  # the Markup literals below are constants of this module


_MARKUP_ONLY = {Markup}


def _join(parts: list[Markup]) -> Markup:
    """Join pieces that are all Markup already: constants of this module or :func:`escape` output.

    A plain string here is a bug (it would be unescaped text), so it is refused rather than joined.
    """
    if parts and set(map(type, parts)) != _MARKUP_ONLY:
        raise TypeError("article markup pieces must be escaped")
    return Markup("".join(parts))  # noqa: S704 - every piece checked above


_ARTICLE_OPEN, _ARTICLE_LABEL, _ARTICLE_LABELLED, _ARTICLE_OPENED, _ARTICLE_END = (  # lang/dir before '>'
    _M('<article class="al-article" data-lesson="'), _M('" aria-label="'), _M('"'), _M('>'), _M("</article>"))
_HEADLINE_OPEN, _PARAGRAPH_OPEN = _M('<h2 class="al-headline" data-paragraph="'), _M('<p data-paragraph="')
_HEADLINE_END, _PARAGRAPH_END = _M("</h2>"), _M("</p>")
_DATA_START, _TAG_CLOSE = _M('" data-start="'), _M('">')
_SEG_OPEN, _SEG_TONE, _SEG_DEPTH = _M('<span class="al-hl" data-annotations="'), _M('" data-tone="'), _M('" data-depth="')
_SPAN_END = _M("</span>")
_BREAK_OPEN = _M('<span class="al-cjk-break">')
_DEPTHS = [escape(n) for n in range(5)]
_MARKER_OPEN, _MARKER_TONE, _MARKER_CUE, _MARKER_ID, _MARKER_HREF, _MARKER_LABEL, _MARKER_END = (
    _M('<a class="al-marker" data-lesson-ui data-annotation="'), _M('" data-tone="'), _M('" data-label="'),
    _M('" id="'), _M('" href="#'), _M('" aria-label="'), _M('"></a>'))


#: A run of whitespace with a line break in it: where a CJK article's lines were wrapped.
_LINE_BREAK_RUN = re.compile(r"[^\S\n\r]*[\n\r]\s*")


class _Breaks(NamedTuple):
    """The line breaks of a CJK article that sit between two CJK characters, as sorted offsets.

    A browser shows such a break as a space ("中 国"), which Chinese and Japanese text never
    has. The break stays in the text (the article element's ``textContent`` is the body,
    exactly) but sits in an ``al-cjk-break`` span the stylesheet does not show. A space an
    author typed on one line is left alone: it may be meant.
    """

    starts: list[int]
    ends: list[int]


_NO_BREAKS = _Breaks([], [])


def cjk_line_breaks(body: str, *, scan: bool = True) -> _Breaks:
    """Every whitespace run with a line break between two CJK characters of ``body``.

    With ``scan``, a body without CJK characters is recognised first, from the characters
    anchoring has already listed (:func:`.characters.notable`, cached for the article).
    """
    if scan and not cjk_in(notable(body)):
        return _NO_BREAKS
    starts, ends = [], []
    for match in _LINE_BREAK_RUN.finditer(body):
        start, end = match.span()
        if start > 0 and end < len(body) and is_cjk(body[start - 1]) and is_cjk(body[end]):
            starts.append(start)
            ends.append(end)
    return _Breaks(starts, ends) if starts else _NO_BREAKS


def _article_text(text: str, at: int, breaks: _Breaks) -> Markup:
    """``text`` (the body from offset ``at``) escaped, its CJK line breaks wrapped (see :class:`_Breaks`)."""
    if not breaks.starts:
        return escape(text)
    end = at + len(text)
    first = bisect.bisect_right(breaks.ends, at)  # the first break ending after ``at``
    parts: list[Markup] = []
    position = at
    for i in range(first, len(breaks.starts)):
        b_start, b_end = max(breaks.starts[i], at), min(breaks.ends[i], end)
        if b_start >= end:
            break
        parts += [escape(text[position - at:b_start - at]), _BREAK_OPEN, escape(text[b_start - at:b_end - at]),
                  _SPAN_END]
        position = b_end
    parts.append(escape(text[position - at:]))
    return _join(parts)


def render_article(lesson: Lesson, catalogue: Catalogue, *, id_prefix: str = "", anchors: bool = True,
                   ui: Translation = ENGLISH) -> Markup:
    """The article with highlighted segments and numbered markers (the page contract).

    The element carries ``lang`` and ``dir`` where the article's language differs from the page's.
    """
    body = lesson.article.body
    annotations = lesson.annotations
    total = len(annotations)
    starts: dict[int, list[Annotation]] = {}
    ends: dict[int, list[Annotation]] = {}
    for a in annotations:
        starts.setdefault(a.span.start, []).append(a)
        ends.setdefault(a.span.end, []).append(a)
    boundaries = sorted(set(starts) | set(ends))
    tones = {a.id: escape(tone_of(a, catalogue)) for a in annotations}
    markers = {a.id: _marker(a, tones[a.id], catalogue, total, id_prefix, anchors, ui) for a in annotations}
    opening: dict[frozenset[str], Markup] = {}  # the opening tag of a segment, by the annotations covering it
    active: dict[str, Annotation] = {}
    breaks = cjk_line_breaks(body)
    out: list[Markup] = [_ARTICLE_OPEN, escape(lesson.slug), _ARTICLE_LABEL,
                         escape(ui[ARTICLE_LABEL] % {"headline": lesson.article.headline}), _ARTICLE_LABELLED,
                         ui.lang_attrs(lesson.article.lang), _ARTICLE_OPENED]
    cursor_b = 0  # index into boundaries
    # The element's text is the body exactly (the contract): the blank lines between
    # paragraphs, and any before the headline or after the last paragraph, are text nodes
    # between the paragraph elements, where a browser shows nothing of them.
    gap = 0
    for index, (p_start, p_end) in enumerate(lesson.article.paragraphs):
        if p_start > gap:
            out.append(escape(body[gap:p_start]))
        gap = p_end
        # A marker stands where its passage starts, so a screen reader hears which technique
        # begins before the words. Markers of passages starting in the headline go just before
        # it: inside the heading, their names would become part of the headline's name.
        head = out if index == 0 else []
        out = [] if index == 0 else out
        out += [_HEADLINE_OPEN if index == 0 else _PARAGRAPH_OPEN, escape(index), _DATA_START, escape(p_start),
                _TAG_CLOSE]
        # Bring the active set up to the paragraph start (spans may cross paragraphs).
        while cursor_b < len(boundaries) and boundaries[cursor_b] <= p_start:
            _step(boundaries[cursor_b], starts, ends, active, markers, head if index == 0 else out)
            cursor_b += 1
        position = p_start
        # A boundary at the paragraph's end is left to the next paragraph: a passage starting
        # there starts in the next one, where its marker belongs.
        stop = bisect.bisect_left(boundaries, p_end, lo=cursor_b)
        for b in boundaries[cursor_b:stop]:
            _segment(_article_text(body[position:b], position, breaks), active, tones, opening, out)
            position = b
            _step(b, starts, ends, active, markers, head if index == 0 else out)
        cursor_b = stop
        _segment(_article_text(body[position:p_end], position, breaks), active, tones, opening, out)
        out.append(_HEADLINE_END if index == 0 else _PARAGRAPH_END)
        if index == 0:
            out = head + out
    if gap < len(body) and lesson.article.paragraphs:
        out.append(escape(body[gap:]))
    out.append(_ARTICLE_END)
    return _join(out)


def _step(at: int, starts: dict[int, list[Annotation]], ends: dict[int, list[Annotation]],
          active: dict[str, Annotation], markers: dict[str, Markup], out: list[Markup]) -> None:
    """Close annotations ending at ``at``, then open those starting there and emit their markers into ``out``."""
    for a in ends.get(at, ()):
        active.pop(a.id, None)
    for a in starts.get(at, ()):
        active[a.id] = a
        out.append(markers[a.id])


def _segment(text: Markup, active: dict[str, Annotation], tones: dict[str, Markup],
             opening: dict[frozenset[str], Markup], out: list[Markup]) -> None:
    """One stretch of article text (already escaped), wrapped when annotations cover it."""
    if not text:
        return
    if not active:
        out.append(text)
        return
    key = frozenset(active)
    tag = opening.get(key)
    if tag is None:
        covering = sorted(active.values(), key=lambda a: a.number)
        innermost = max(covering, key=lambda a: (a.span.start, -a.span.end))
        tag = opening[key] = _join([_SEG_OPEN, escape(" ".join(a.id for a in covering)), _SEG_TONE,
                                    tones[innermost.id], _SEG_DEPTH, _DEPTHS[min(len(covering), 4)], _TAG_CLOSE])
    out += [tag, text, _SPAN_END]


def _marker(a: Annotation, tone: Markup, catalogue: Catalogue, total: int, id_prefix: str, anchors: bool,
            ui: Translation = ENGLISH) -> Markup:
    # The marker carries the annotation's deep link (#ann-<id>): one element per annotation
    # instead of a separate empty anchor, which keeps big courses quick to index for search.
    # Its visible label (number and technique cue) is CSS generated content from data-label and
    # its name is aria-label: the contract allows no text node of its own inside the article.
    parts = [_MARKER_OPEN, escape(a.id), _MARKER_TONE, tone, _MARKER_CUE, escape(f"{a.number}\u00a0{cue_of(a, catalogue)}")]
    if anchors:
        parts += [_MARKER_ID, escape(f"{id_prefix}ann-{a.id}")]
    parts += [_MARKER_HREF, escape(f"{id_prefix}note-{a.id}"), _MARKER_LABEL,
              escape(ui[MARKER_LABEL] % {"number": a.number, "label": label_of(a, catalogue, ui)}), _MARKER_END]
    return _join(parts)


# -- everything else: templates ------------------------------------------------------------

class NoteView(NamedTuple):
    """What ``note.html`` gets as ``note``: one annotation, resolved for display.

    A named tuple, not a frozen dataclass: one is built per note per page, and a tuple is
    built in half the time.
    """

    id: str
    number: int
    kind: str
    technique: str  # "" for a fair passage
    tone: str
    label: str  # the technique's name, or "Fair reporting"
    href: str | None  # the technique's page, when there is one
    passage: str  # the annotated words, whitespace collapsed
    note: str  # Markdown
    ask: str  # Markdown (inline)
    teacher: str  # Markdown, teacher edition only
    check: Check | None
    note_id: str | None  # the note's element id (None when the note is shown without anchors)
    marker_id: str | None  # the id of its marker in the article, the target of "Back to the text"
    # ``lang``/``dir`` attributes (Markup, often empty) for the note's text (in the lesson's language)
    # and for its passage (in the article's), where they differ from the page's: computed here, once
    # per language pair, rather than by a call in the template for every note.
    note_attrs: Markup = Markup("")
    passage_attrs: Markup = Markup("")
    # ``dir`` alone, for the whole note: in a right-to-left lesson on a left-to-right page the
    # note's bar and its lines start on the right; its labels keep the interface's language.
    box_attrs: Markup = Markup("")
    quote_attrs: Markup = Markup("")  # the passage's ``lang``/``dir`` inside that box


@lru_cache(maxsize=256)
def _note_attrs(ui: Translation, notes: Lang, article: Lang) -> tuple[Markup, Markup, Markup, Markup]:
    """The ``lang``/``dir`` attributes of :class:`NoteView`: the same for every note of a lesson, so made once."""
    return (ui.lang_attrs(notes), ui.lang_attrs(article), ui.dir_attrs(notes), ui.lang_attrs_in(article, notes))


def note_view(lesson: Lesson, a: Annotation, catalogue: Catalogue, links: Links, *, id_prefix: str = "",
              anchors: bool = True, ui: Translation = ENGLISH) -> NoteView:
    note_attrs, passage_attrs, box_attrs, quote_attrs = _note_attrs(ui, lesson.notes_lang, lesson.article.lang)
    return NoteView(
        id=a.id, number=a.number, kind=a.kind, technique=a.technique or "", tone=tone_of(a, catalogue),
        label=label_of(a, catalogue, ui), href=links.technique(a.technique) if a.technique else None,
        passage=passage_text(lesson, a), note=a.note, ask=a.ask, teacher=a.teacher, check=a.check,
        note_id=f"{id_prefix}note-{a.id}" if anchors else None, marker_id=f"{id_prefix}ann-{a.id}" if anchors else None,
        note_attrs=note_attrs, passage_attrs=passage_attrs, box_attrs=box_attrs, quote_attrs=quote_attrs)


class LegendItem(NamedTuple):
    """One row of ``legend.html``: a technique used in the lesson (or the fair passages, with ``id`` "")."""

    id: str
    name: str
    tone: str
    count: int
    href: str | None
    abbr: str = CLEAN_CUE  # the cue its markers show


def legend_items(lesson: Lesson, catalogue: Catalogue, links: Links, ui: Translation = ENGLISH) -> list[LegendItem]:
    counts = lesson.technique_counts()
    items = [LegendItem(tid, t.name, str(t.tone), counts[tid], links.technique(tid), t.abbr)
             for tid, t in catalogue.techniques.items() if tid in counts]
    clean = len(lesson.clean_passages)
    if clean:
        items.append(LegendItem("", ui[CLEAN_LABEL], "clean", clean, None))
    return items


def render_note(lesson: Lesson, a: Annotation, catalogue: Catalogue, links: Links, *, id_prefix: str = "",
                anchors: bool = True, templates: Templates = DEFAULT) -> Markup:
    """One note: what it marks (linked to the technique page), the passage, note, question."""
    note = note_view(lesson, a, catalogue, links, id_prefix=id_prefix, anchors=anchors, ui=templates.ui)
    return templates.call("note.html", "render", note, id_prefix)


def render_check(a: Annotation, *, id_prefix: str = "", templates: Templates = DEFAULT) -> Markup:
    """A self-check question; without JavaScript the answer sits in a closed disclosure."""
    assert a.check is not None
    return templates.call("check.html", "render", a.id, a.check)


def render_legend(lesson: Lesson, catalogue: Catalogue, links: Links, *, templates: Templates = DEFAULT) -> Markup:
    """Techniques used in the lesson with a count each; the script turns them into filters."""
    return templates.render("legend.html", items=legend_items(lesson, catalogue, links, templates.ui))


def render_notes(lesson: Lesson, catalogue: Catalogue, links: Links, *, id_prefix: str = "",
                 anchors: bool = True, templates: Templates = DEFAULT) -> Markup:
    notes = [note_view(lesson, a, catalogue, links, id_prefix=id_prefix, anchors=anchors, ui=templates.ui)
             for a in lesson.annotations]
    return templates.render("notes.html", lesson=lesson, notes=notes, id_prefix=id_prefix)


class RatingView(NamedTuple):
    """One item of ``rate.html``: the passage to rate, the answer (its position among the options) and why."""

    number: int
    passage: str
    answer: str  # supported, unsupported or fair
    option: int  # 1-based position of the answer among RATING_OPTIONS
    why: str  # Markdown


#: The rating task's options, in the order they are offered.
RATING_OPTIONS = ("supported", "unsupported", "fair")


def rating_views(lesson: Lesson) -> list[RatingView]:
    body = lesson.article.body
    return [RatingView(n, " ".join(body[r.span.start:r.span.end].split()), r.answer, RATING_OPTIONS.index(r.answer) + 1,
                       r.why) for n, r in enumerate(lesson.rate, 1)]


def scope_names(lesson: Lesson, catalogue: Catalogue) -> list[str]:
    """The names of the techniques the lesson's key covers ([] when it covers all), for the scope statement."""
    scope = lesson.key_scope
    return [catalogue[t].name if t in catalogue else t for t in scope.techniques] if scope else []  # type: ignore[union-attr]


def render_lesson(lesson: Lesson, catalogue: Catalogue, links: Links = Links(), *, id_prefix: str = "",
                  templates: Templates = DEFAULT) -> Markup:
    """The whole student view of a lesson: introduction, legend, article, notes, questions."""
    return templates.render(
        "lesson.html", lesson=lesson, id_prefix=id_prefix, legend=legend_items(lesson, catalogue, links, templates.ui),
        scope_names=scope_names(lesson, catalogue), ratings=rating_views(lesson),
        article=render_article(lesson, catalogue, id_prefix=id_prefix, ui=templates.ui),
        notes=[note_view(lesson, a, catalogue, links, id_prefix=id_prefix, ui=templates.ui) for a in lesson.annotations])


def render_excerpt(lesson: Lesson, annotation: Annotation, catalogue: Catalogue, links: Links,
                   lesson_url: str | None = None, *, templates: Templates = DEFAULT) -> Markup:
    """One annotation on its own (for embedding in another page): passage, note, question."""
    return templates.render("excerpt.html", lesson=lesson, lesson_url=lesson_url, id_prefix="",
                            note=note_view(lesson, annotation, catalogue, links, anchors=False, ui=templates.ui))
