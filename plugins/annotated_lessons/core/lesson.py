"""A lesson: validated fields plus its annotations anchored in the article.

:func:`parse_lesson` never raises on bad content. It reports every problem it finds and
keeps whatever is sound: an annotation that does not anchor is dropped with an error,
the rest of the lesson survives, so a site can still be built without ``--strict``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from typing import Any, Literal

from .anchoring import AnchorFailure, Selector, Span, anchor
from .article import Article
from .catalogue import Catalogue
from .diagnostics import Diagnostic
from .fields import Field, ListOf, Mapping, PathKey, Reporter, Text, TextOrMapping, dotted, is_slug, kind_name, slugify
from .languages import Lang, canonical, tag_problem
from .markdown_notes import HINT as MARKDOWN_HINT
from .markdown_notes import SHOWN_AS_TEXT, too_complex
from .provenance import check_provenance
from .schema import LESSON
from .suggest import closest
from .yaml_source import LocatedDocument, YamlProblem, load_located

ArticleLoader = Callable[[str], "Article | str"]
"""Given a course-relative path, the parsed article or a message saying why it cannot be read."""


@dataclass(frozen=True)
class Check:
    question: str
    options: tuple[str, ...]
    answer: int  # 1-based
    explain: str = ""


@dataclass(frozen=True)
class Annotation:
    """An anchored passage. ``kind`` is ``technique`` or ``clean`` (a fair control passage)."""

    id: str
    kind: Literal["technique", "clean"]
    technique: str | None
    selector: Selector
    span: Span
    note: str
    ask: str = ""
    teacher: str = ""
    check: Check | None = None
    number: int = 0  # 1-based position in reading order, set once all are anchored
    line: int = 0  # where it is declared in the lesson file
    at: int | None = None  # provenance: the start recorded when the lesson was written


@dataclass(frozen=True)
class Question:
    question: str
    teacher: str = ""


@dataclass(frozen=True)
class LateralPrompt:
    question: str
    tip: str = ""
    teacher: str = ""


@dataclass(frozen=True)
class GlossaryEntry:
    term: str
    definition: str  # Markdown (inline)


@dataclass(frozen=True)
class Rating:
    """One item of the rating task: a passage and whether the text supports it."""

    span: Span
    answer: Literal["supported", "unsupported", "fair"]
    why: str
    annotation: str = ""  # the id of the annotation it rates, when given by id
    line: int = 0
    selector: Selector | None = None  # the quote as written, when given by quote (an export carries it back)


@dataclass(frozen=True)
class KeyScope:
    """What the annotations are an answer key for: every passage (``complete``) of ``techniques`` (empty: all)."""

    complete: bool
    techniques: tuple[str, ...] = ()


@dataclass
class Lesson:
    slug: str
    path: str
    title: str
    summary: str
    article: Article
    audience: str = ""
    duration: int | None = None
    objectives: list[str] = field(default_factory=list)
    warm_up: str = ""
    authors: list[str] = field(default_factory=list)
    standards: list[str] = field(default_factory=list)
    annotations: list[Annotation] = field(default_factory=list)  # both kinds, in reading order
    discussion: list[Question] = field(default_factory=list)
    lateral_reading: list[LateralPrompt] = field(default_factory=list)
    teacher_notes: str = ""
    article_sha256: str | None = None
    language: str = ""  # the notes' language (BCP 47), "" for the site's
    key_scope: KeyScope | None = None  # None: the annotations are taken as a complete key of everything
    rate: list[Rating] = field(default_factory=list)  # the rating task, in reading order
    glossary: list[GlossaryEntry] = field(default_factory=list)
    short_path: list[str] = field(default_factory=list)  # annotation ids, in reading order
    exit_ticket: list[Question] = field(default_factory=list)
    sentence_starters: list[str] = field(default_factory=list)

    @cached_property
    def notes_lang(self) -> Lang:
        """The language of the notes and questions, for the page's ``lang``/``dir``."""
        return Lang(self.language)

    @property
    def technique_annotations(self) -> list[Annotation]:
        return [a for a in self.annotations if a.kind == "technique"]

    @property
    def clean_passages(self) -> list[Annotation]:
        return [a for a in self.annotations if a.kind == "clean"]

    def technique_counts(self) -> dict[str, int]:
        counts: dict[str, int] = {}
        for a in self.technique_annotations:
            counts[a.technique] = counts.get(a.technique, 0) + 1  # type: ignore[index]
        return counts


def parse_lesson(text: str, path: str, slug: str, catalogue: Catalogue,
                 load_article: ArticleLoader, *, require_answers: bool = False) -> tuple[Lesson | None, list[Diagnostic]]:
    """Validate and anchor one lesson file; return what survives and every problem found.

    With ``require_answers`` (the course option) a question without an expected answer is a warning.
    """
    try:
        doc = load_located(text, path)
    except YamlProblem as problem:
        return None, [problem.diagnostic]
    report = Reporter(path, doc)
    data = doc.data
    if not isinstance(data, dict):
        report.error((), "a lesson must be a mapping of keys (title, article, summary, annotations, ...)",
                     "wrong-type", "start from an existing lesson; see the format reference")
        return None, report.diagnostics
    bad = _check_top_level(data, report)
    article = None if "article" in bad else _load_article(data.get("article"), report, load_article)
    if article is None or bad & {"title", "article", "summary"}:
        return None, report.diagnostics

    def get(key: str, default: Any) -> Any:
        value = data.get(key)
        return default if value is None or key in bad else value

    lesson = Lesson(
        slug=slug, path=path, title=data["title"].strip(), summary=data["summary"], article=article,
        audience=get("audience", ""), duration=get("duration", None),
        objectives=get("objectives", []), warm_up=get("warm_up", ""),
        authors=get("authors", []), standards=get("standards", []),
        discussion=[_question(q) for q in get("discussion", [])],
        lateral_reading=[LateralPrompt(p["question"], p.get("tip", ""), p.get("teacher", ""))
                         for p in get("lateral_reading", [])],
        teacher_notes=get("teacher_notes", ""),
        language=_language(get("language", ""), report),
        key_scope=_key_scope(data.get("key_scope"), "key_scope" not in bad, catalogue, report),
        glossary=[GlossaryEntry(g["term"].strip(), g["definition"]) for g in get("glossary", [])],
        exit_ticket=[_question(q) for q in get("exit_ticket", [])],
        sentence_starters=get("sentence_starters", []),
    )
    lesson.annotations = _anchor_all(data, article, catalogue, report, doc)
    if "rate" not in bad:
        lesson.rate = _ratings(get("rate", []), article, lesson.annotations, report, doc)
    lesson.short_path = _short_path(get("short_path", []), lesson.annotations, report)
    _check_glossary(lesson, report)
    if require_answers:
        _check_answers(data, bad, report)
    if "article_sha256" not in bad:
        check_provenance(data, article, lesson.annotations, report)
    lesson.article_sha256 = data.get("article_sha256")
    _check_markdown_cost(data, report)
    return lesson, report.diagnostics


def _check_markdown_cost(data: dict[str, Any], report: Reporter) -> None:
    """Warn about Markdown fields that will be shown as plain text because they are too costly to render."""
    for where, text in _markdown_fields(LESSON, data, ()):
        reason = too_complex(text)
        if reason:
            report.warning(where, f"{dotted(where)}: too complex to render as Markdown ({reason}); {SHOWN_AS_TEXT}",
                           "markdown-too-complex", MARKDOWN_HINT)


def _markdown_fields(spec: Field, value: Any, where: PathKey) -> Iterator[tuple[PathKey, str]]:
    """Every Markdown text in ``value``, as the schema declares them (the walk follows the schema, not the data)."""
    if isinstance(spec, Text):
        if spec.markdown and isinstance(value, str):
            yield where, value
    elif isinstance(spec, ListOf) and isinstance(value, list):
        for i, item in enumerate(value):
            yield from _markdown_fields(spec.item, item, where + (i,))
    elif isinstance(spec, Mapping) and isinstance(value, dict):
        for name, field_spec in spec.fields.items():
            if name in value:
                yield from _markdown_fields(field_spec, value[name], where + (name,))
    elif isinstance(spec, TextOrMapping):
        yield from _markdown_fields(spec.mapping if isinstance(value, dict) else spec.text, value, where)


def _language(value: str, report: Reporter) -> str:
    """The lesson's declared language, canonically spelt, or '' (with an error) when it is not a tag."""
    if not value:
        return ""
    problem = tag_problem(value.strip())
    if problem:
        report.error(("language",), problem[0], "bad-language", problem[1])
        return ""
    return canonical(value.strip())


def _short_path(ids: list[str], annotations: list[Annotation], report: Reporter) -> list[str]:
    """The path's ids that name an annotation, in reading order; any other is an error at its place."""
    known = {a.id for a in annotations}
    for i, ann_id in enumerate(ids):
        if ann_id not in known:
            near = closest(ann_id, known)
            report.error(("short_path", i), f"short_path[{i}]: no annotation '{ann_id}' in this lesson",
                         "unknown-annotation", f"did you mean '{near}'?" if near else "give an annotation's id")
    wanted = set(ids)
    return [a.id for a in annotations if a.id in wanted]


def _check_glossary(lesson: Lesson, report: Reporter) -> None:
    """Warn about a glossary term the article never uses: it explains nothing the reader meets."""
    for i, entry in enumerate(lesson.glossary):
        if not _contains_caseless(lesson.article.body, entry.term):
            report.warning(("glossary", i, "term"), f"glossary[{i}].term: '{entry.term}' is not in the article",
                           "glossary-term-not-found", "spell the term as the article does, or remove the entry")


#: Characters of an article case-folded at a time: ``str.casefold`` holds four bytes for each
#: of three characters per character of its input while it works, 240 MB for a 20 MB article.
_FOLD_CHUNK = 1 << 20


def _contains_caseless(text: str, term: str, chunk: int = _FOLD_CHUNK) -> bool:
    """Whether ``term`` occurs in ``text`` once both are case-folded, folding ``text`` a chunk at a time.

    Each character folds to at least one, so a match covers at most ``len(folded term)``
    characters of ``text``: chunks overlapping by that much miss none.
    """
    wanted = term.casefold()
    overlap = len(wanted)
    return any(wanted in text[start:start + chunk + overlap].casefold() for start in range(0, max(len(text), 1), chunk))


def _check_answers(data: dict[str, Any], bad: set[str], report: Reporter) -> None:
    """The course option ``require_answers``: every question has an expected answer for the teacher."""
    hint = "add 'teacher:' with the expected answer (shown in the teacher edition only)"
    for key in ("discussion", "lateral_reading", "exit_ticket"):
        items = data.get(key)
        for i, item in enumerate(items if key not in bad and isinstance(items, list) else ()):
            if not (isinstance(item, dict) and item.get("teacher")):
                report.warning((key, i), f"{key}[{i}]: the question has no expected answer", "question-without-answer",
                               hint)
    items = data.get("annotations")
    for i, item in enumerate(items if isinstance(items, list) else ()):
        if isinstance(item, dict) and item.get("ask") and not item.get("teacher"):
            report.warning(("annotations", i, "ask"), f"annotations[{i}].ask: the question has no expected answer",
                           "question-without-answer", hint)


def _ratings(items: list[Any], article: Article, annotations: list[Annotation], report: Reporter,
             doc: LocatedDocument) -> list[Rating]:
    """The rating task's items, each anchored by its quote or by an annotation's id; one that fails is left out."""
    by_id = {a.id: a for a in annotations}
    spec = LESSON.fields["rate"].item  # type: ignore[attr-defined]
    out = []
    for i, item in enumerate(items):
        where = ("rate", i)
        if not spec.check(item, where, report):
            continue
        if "annotation" in item:
            target = by_id.get(item["annotation"])
            if target is None:
                near = closest(item["annotation"], by_id)
                report.error(where + ("annotation",), f"rate[{i}].annotation: no annotation '{item['annotation']}' "
                             "in this lesson", "unknown-annotation",
                             f"did you mean '{near}'?" if near else "give the id of an annotation or fair passage")
                continue
            span, selector = target.span, None
        else:
            selector = Selector(item["quote"], item.get("prefix"), item.get("suffix"), item.get("occurrence"))
            result = anchor(article, selector)
            if isinstance(result, AnchorFailure):
                at = where + ("occurrence",) if result.kind == "occurrence-out-of-range" else where + ("quote",)
                report.error(at, f"{dotted(at)}: {result.message}", f"quote-{result.kind}", result.hint)
                continue
            span = result
        out.append(Rating(span, item["answer"], item["why"], item.get("annotation", ""), doc.at(where).line, selector))
    return sorted(out, key=lambda r: (r.span.start, -r.span.end))


def _key_scope(value: Any, sound: bool, catalogue: Catalogue, report: Reporter) -> KeyScope | None:
    """The declared scope; an id the catalogue lacks is an error at that item and is left out.

    The ids are checked even when another part of the scope is wrong (``sound`` false), so one
    run reports every problem; the scope is then dropped and the whole key is scored.
    """
    if not isinstance(value, dict):
        return None
    techniques = value.get("techniques")
    known = []
    for i, technique in enumerate(techniques if isinstance(techniques, list) else ()):
        if not isinstance(technique, str) or not is_slug(technique):
            continue  # reported by the schema check
        if technique in catalogue:
            known.append(technique)
            continue
        near = closest(technique, catalogue.techniques)
        report.error(("key_scope", "techniques", i), f"key_scope.techniques[{i}]: unknown technique '{technique}'",
                     "unknown-technique", f"did you mean '{near}'?" if near else f"use an id from {catalogue.path}")
    if not sound or techniques and not known:
        return None  # scoring against nothing would score nothing: keep the whole key instead
    return KeyScope(value["complete"], tuple(dict.fromkeys(known)))


def _question(item: Any) -> Question:
    if isinstance(item, dict):
        return Question(item.get("question", ""), item.get("teacher", ""))
    return Question(str(item))


def _check_top_level(data: dict[str, Any], report: Reporter) -> set[str]:
    """Check every top-level key and return those that are missing or unusable.

    The items of ``annotations``, ``clean`` and ``rate`` are checked one by one when anchoring,
    so that one broken item does not take the others with it.
    """
    bad = LESSON.check_keys(data, (), report, skip=("annotations", "clean", "rate"))
    for name in ("annotations", "clean", "rate"):
        value = data.get(name)
        if value is not None and not isinstance(value, list):
            report.error((name,), f"'{name}' must be a list, not {kind_name(value)}", "wrong-type",
                         "start each item on its own line with '- '")
            bad.add(name)
        elif name == "annotations" and isinstance(value, list) and not value:
            report.error((name,), "'annotations' needs at least 1 item", "too-few-items")
    return bad


def _load_article(value: Any, report: Reporter, load_article: ArticleLoader) -> Article | None:
    if not isinstance(value, str) or not value.strip():
        return None
    result = load_article(value.strip())
    if isinstance(result, str):
        report.error(("article",), result, "article-unreadable",
                     "article paths are relative to the course folder (where mkdocs.yml is), e.g. seeds/my-article.txt")
        return None
    return result


def _anchor_all(data: dict[str, Any], article: Article, catalogue: Catalogue, report: Reporter,
                doc: LocatedDocument) -> list[Annotation]:
    found: list[dict[str, Any]] = []  # Annotation fields, built once the reading order is known
    ids: dict[str, int] = {}
    next_suffix: dict[str, int] = {}  # per default id, the first '-n' not yet tried (ids are never freed)
    anchored: dict[Selector, Span | AnchorFailure] = {}  # a selector repeated in the lesson is anchored once
    for kind, key in (("technique", "annotations"), ("clean", "clean")):
        items = data.get(key)
        if not isinstance(items, list):
            continue
        spec = LESSON.fields[key].item  # type: ignore[attr-defined]
        for i, item in enumerate(items):
            where = (key, i)
            if not spec.check(item, where, report):
                continue
            fields = _anchor_one(item, where, kind, article, catalogue, report, doc, anchored)
            if fields is None:
                continue
            explicit = "id" in item
            ann_id = fields["id"]
            if ann_id in ids:
                if explicit:
                    report.error(where + ("id",), f"duplicate id '{ann_id}'", "duplicate-id",
                                 f"'{ann_id}' is already used on line {ids[ann_id]}; ids must be unique in a lesson")
                    continue
                ann_id = _next_free(ann_id, ids, next_suffix)
            ids[ann_id] = fields["line"]
            fields["id"] = ann_id
            found.append(fields)
    found.sort(key=lambda f: (f["span"].start, -f["span"].end))
    return [Annotation(number=n, **fields) for n, fields in enumerate(found, 1)]


def _next_free(base: str, ids: dict[str, int], next_suffix: dict[str, int]) -> str:
    """``base-n`` for the smallest free ``n`` from 2: the id a repeated default gets.

    Every ``base-k`` below the last one handed out is taken and ids are never freed, so
    the search resumes where it stopped: linear in all, where trying from 2 each time
    was quadratic in the number of annotations sharing a quote.
    """
    n = next_suffix.get(base, 2)
    while f"{base}-{n}" in ids:
        n += 1
    next_suffix[base] = n + 1
    return f"{base}-{n}"


@lru_cache(maxsize=4096)
def _quote_slug(quote: str) -> str:
    """The default id's slug of a quote (cached: lessons repeat quotes, and slugifying is the costly part)."""
    return slugify(quote, 5)


def _anchor_one(item: dict[str, Any], where: tuple[Any, ...], kind: str, article: Article,
                catalogue: Catalogue, report: Reporter, doc: LocatedDocument,
                anchored: dict[Selector, Span | AnchorFailure]) -> dict[str, Any] | None:
    technique = item.get("technique")
    if kind == "technique" and technique not in catalogue:
        near = closest(technique, catalogue.techniques)
        hint = f"did you mean '{near}'?" if near else f"add it to {catalogue.path} or use one of its ids"
        report.error(where + ("technique",), f"unknown technique '{technique}'", "unknown-technique", hint)
        return None
    selector = Selector(item["quote"], item.get("prefix"), item.get("suffix"), item.get("occurrence"))
    result = anchored.get(selector)
    if result is None:
        result = anchored[selector] = anchor(article, selector)
    if isinstance(result, AnchorFailure):
        at = where + ("occurrence",) if result.kind == "occurrence-out-of-range" else where + ("quote",)
        report.error(at, f"{dotted(at)}: {result.message}", f"quote-{result.kind}", result.hint)
        return None
    check = item.get("check")
    default_id = ("clean-" if kind == "clean" else "") + (_quote_slug(item["quote"]) or "passage")
    return {
        "id": item.get("id") or default_id, "kind": kind, "technique": technique if kind == "technique" else None,
        "selector": selector, "span": result, "note": item["note"], "ask": item.get("ask", ""),
        "teacher": item.get("teacher", ""), "line": doc.at(where).line, "at": item.get("at"),
        "check": Check(check["question"], tuple(check["options"]), check["answer"], check.get("explain", ""))
        if check else None,
    }
