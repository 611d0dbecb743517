"""``lessons new``, ``lessons stats`` and ``lessons stamp``: starting, surveying and re-stamping lessons."""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

from ..core.course import load_catalogue, load_course
from ..core.course_config import course_config
from ..core.diagnostics import printable
from ..core.fields import slugify
from ..core.provenance import article_digest
from .main import EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE, command, course_article, course_root

SCAFFOLD = """\
{modeline}# A lesson on {article}. Every field is described in docs/reference/format.md;
# run `lessons check` after each change.
title: {title}
article: {article}
summary: >-
  TODO: one paragraph for the course index: what students will look at, and why.
audience: Ages 15-18
duration: 45
objectives:
  - I can ...
warm_up: >-
  TODO: a question or short activity before students read.

annotations:
  # Quote the fewest words that carry the technique, copied exactly from the article.
  - id: headline
    quote: {headline_quote}
    technique: {technique}
    note: >-
      TODO: say what the passage does and which words carry it.
    ask: TODO a question students can check against the text.
    teacher: TODO the expected answer (teacher edition only).

# Passages that are fair reporting, so students do not learn that every sentence is a trick.
clean: []

discussion:
  - question: TODO
    teacher: TODO the expected answer.

lateral_reading:
  - question: Who published this article, and who is behind the outlet?
    tip: Search for the outlet's name together with "about" or "funding".

teacher_notes: |
  TODO: timing, likely misunderstandings, how to keep the discussion on the text.

article_sha256: {digest}
"""


def _new_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("--article", required=True, help="the article file, inside the course folder")
    p.add_argument("--slug", help="the lesson's slug (default: from the article's file name)")
    p.add_argument("--title", help="the lesson's title (default: from the article's headline)")
    p.add_argument("--course", default=".", help="the course folder (where mkdocs.yml is); default: .")
    p.add_argument("--force", action="store_true", help="overwrite an existing lesson file")


@command("new", "scaffold a lesson for an article, with every field to fill in")(_new_args)
def run_new(args: argparse.Namespace) -> int:
    config = course_config(Path(args.course))
    article, rel = course_article(config, args.article)
    slug = args.slug or slugify(Path(rel).stem, 8) or "lesson"
    if not re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*(?:/[a-z0-9]+(?:-[a-z0-9]+)*)*", slug):
        print(f"lessons new: {slug!r} is not a slug; use lower-case words joined by '-'", file=sys.stderr)
        return EXIT_USAGE
    target = config.root / config.lessons_dir / f"{slug}.yml"
    if target.exists() and not args.force:
        print(f"lessons new: {target} exists; choose another --slug or pass --force", file=sys.stderr)
        return EXIT_USAGE
    catalogue, _ = load_catalogue(config)  # only the ids are needed, not the lessons
    technique = next(iter(catalogue.techniques), "headline-framing")
    words = article.headline.split()[:3]
    depth = len(Path(config.lessons_dir, slug).parts)
    # Editors complete fields from the schema when the course carries it (`lessons schema` writes one).
    modeline = ""
    for candidate in ("plugins/annotated_lessons/schema/lesson.schema.json", "lesson.schema.json"):
        if (config.root / candidate).is_file():
            modeline = f"# yaml-language-server: $schema={'../' * (depth - 1)}{candidate}\n"
            break
    title = args.title or f"Reading: {article.headline}"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(SCAFFOLD.format(modeline=modeline, article=rel, title=_yaml_text(title),
                                      headline_quote=_yaml_text(" ".join(words).rstrip(":;,.") or "TODO"), technique=technique,
                                      digest=article_digest(article)), encoding="utf-8")
    print(f"wrote {target.relative_to(config.root).as_posix()}: fill in the TODOs, then run `lessons check`")
    return EXIT_OK


def _yaml_text(text: str) -> str:
    """A YAML scalar for text that may hold ':' or quotes."""
    import json

    return json.dumps(text, ensure_ascii=False) if re.search(r"[:#'\"\[\]{}&*!|>%@`]|^[-?,]", text) else text


def _stats_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("course", nargs="?", default=".", help="the course folder; default: .")


@command("stats", "count techniques per lesson and across the course")(_stats_args)
def run_stats(args: argparse.Namespace) -> int:
    course = load_course(course_config(course_root(args)))
    techniques = list(course.catalogue.techniques)
    totals = dict.fromkeys(techniques, 0)
    rows = []
    for slug, lesson in sorted(course.lessons.items()):
        counts = lesson.technique_counts()
        for tid, n in counts.items():
            totals[tid] = totals.get(tid, 0) + n
        rows.append((slug, len(lesson.technique_annotations), len(lesson.clean_passages), counts))
    width = max([len("lesson"), *(len(r[0]) for r in rows)])
    print(f"{'lesson':<{width}}  notes  fair  techniques")
    for slug, notes, fair, counts in rows:
        used = ", ".join(f"{tid} {n}" for tid, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))
        print(f"{slug:<{width}}  {notes:>5}  {fair:>4}  {used}")
    print()
    print(f"{'technique':<24}  notes  lessons")
    for tid in sorted(totals, key=lambda t: (-totals[t], t)):
        in_lessons = sum(1 for _, _, _, counts in rows if tid in counts)
        name = printable(course.catalogue.techniques[tid].name) if tid in course.catalogue.techniques else tid
        print(f"{name[:24]:<24}  {totals[tid]:>5}  {in_lessons:>7}")
    unused = [t for t in techniques if not totals.get(t)]
    if unused:
        print(f"\nnot used in any lesson: {', '.join(unused)}")
    problems = sum(d.is_error for d in course.diagnostics)
    if problems:
        print(f"\n{problems} error(s) left some passages out; run `lessons check` for details", file=sys.stderr)
    return EXIT_OK


def _stamp_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("lessons", nargs="+", help="lesson files to stamp")
    p.add_argument("--course", default=".", help="the course folder; default: .")


@command("stamp", "record the article's hash and each passage's position in lesson files")(_stamp_args)
def run_stamp(args: argparse.Namespace) -> int:
    from ..core.stamp import stamp_lesson

    config = course_config(Path(args.course))
    course = load_course(config)
    status = EXIT_OK
    for name in args.lessons:
        path = Path(name).resolve()
        lesson = next((x for x in course.lessons.values() if (config.root / x.path).resolve() == path), None)
        if lesson is None:
            print(f"lessons stamp: {name} is not a lesson that loads; run `lessons check` first", file=sys.stderr)
            status = EXIT_PROBLEMS
            continue
        text = path.read_text(encoding="utf-8")
        path.write_text(stamp_lesson(text, lesson), encoding="utf-8")
        print(f"stamped {lesson.path}: {len(lesson.annotations)} passage(s)")
    return status


def _assets_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("output", help="the folder to write lessons.css, lessons.js, practice.css and practice.js into")


@command("assets", "write the stylesheets and scripts a page needs, for sites built without the MkDocs plugin")(
    _assets_args)
def run_assets(args: argparse.Namespace) -> int:
    from ..core.assets import asset_files, shipped

    out = Path(args.output)
    out.mkdir(parents=True, exist_ok=True)
    for asset in asset_files():
        (out / asset.name).write_text(shipped(asset), encoding="utf-8")
        print(f"wrote {out / asset.name}")
    return EXIT_OK
