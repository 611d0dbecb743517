"""``lessons new``, ``lessons stats`` and ``lessons stamp``: starting, surveying and re-stamping lessons."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..core.course import load_catalogue, load_course
from ..core.course_config import course_config
from ..core.provenance import article_digest
from ..core.writing import MESSAGES as WRITING
from ..core.writing import (
    WriteRefused,
    check_slug,
    checked_target,
    lesson_target,
    printable,
    suggest_slug,
    write_file,
    write_outputs,
    yaml_scalar,
)
from .main import EXIT_OK, EXIT_PROBLEMS, UsageError, command, course_article, course_root

SCAFFOLD = """\
{modeline}# A lesson on {article_comment}. Every field is described in docs/reference/format.md;
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
    p.description = ("Scaffold a lesson for an article, with every field to fill in. It is written to "
                     "<lessons_dir>/<slug>.yml, never over an existing file unless --force is given.")
    p.add_argument("--article", required=True, help="the article file, inside the course folder")
    p.add_argument("--slug", help="the lesson's slug: letters and digits of any script joined by '-', '/' between "
                   "units, 'index' reserved; never shortened (default: from the article's file name)")
    p.add_argument("--title", help="the lesson's title (default: from the article's headline)")
    p.add_argument("--course", default=".", help="the course folder (where mkdocs.yml is); default: .")
    p.add_argument("--force", action="store_true", help="replace the lesson file if it exists")


def scaffold(*, title: str, article: str, quote: str, technique: str, digest: str, modeline: str = "") -> str:
    """The text of a new lesson; every value goes through the YAML emitter, so ``Yes`` stays text."""
    return SCAFFOLD.format(modeline=modeline, title=yaml_scalar(title), article=yaml_scalar(article),
                           article_comment=printable(article), headline_quote=yaml_scalar(quote),
                           technique=yaml_scalar(technique), digest=yaml_scalar(digest))


def plain_argument(value: str | None, option: str) -> str | None:
    """A command-line value, refused when it carries bytes that are not UTF-8 (no file could store them)."""
    if value is not None:
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            raise UsageError(f"{option} is not valid text (it holds bytes that are not UTF-8)") from None
    return value


@command("new", "scaffold a lesson for an article, with every field to fill in")(_new_args)
def run_new(args: argparse.Namespace) -> int:
    config = course_config(Path(args.course))
    title_given = plain_argument(args.title, "--title")
    try:
        slug = check_slug(plain_argument(args.slug, "--slug")) if args.slug is not None else None
        article, rel = course_article(config, args.article)
        target = lesson_target(config, slug or suggest_slug(Path(rel).stem))
        if target.path.exists() and not args.force:
            raise WriteRefused(WRITING["exists"].format(shown=target.shown), 2)
        catalogue, _ = load_catalogue(config)  # only the ids are needed, not the lessons
        technique = next(iter(catalogue.techniques), "headline-framing")
        words = article.headline.split()[:3]
        depth = len(target.path.relative_to(config.root.resolve()).parts)
        # Editors complete fields from the schema when the course carries it (`lessons schema` writes one).
        modeline = ""
        for candidate in ("plugins/annotated_lessons/schema/lesson.schema.json", "lesson.schema.json"):
            if (config.root / candidate).is_file():
                modeline = f"# yaml-language-server: $schema={'../' * (depth - 1)}{candidate}\n"
                break
        title = title_given or f"Reading: {article.headline}"
        text = scaffold(title=title, article=rel, quote=" ".join(words).rstrip(":;,.") or "TODO",
                        technique=technique, digest=article_digest(article), modeline=modeline)
        write_file(target, text.encode("utf-8"), overwrite=args.force)
    except WriteRefused as refused:
        print(f"lessons new: {refused}", file=sys.stderr)
        return refused.code
    print(f"wrote {target.shown}: fill in the TODOs, then run `lessons check`")
    return EXIT_OK


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
    p.description = ("Record the article's hash and each passage's position in lesson files. Only `at:` and "
                     "`article_sha256:` are written; comments, quoting, flow style, line endings and every other "
                     "byte stay as they are, and an edit that would change what the file means is left out "
                     "and reported.")
    p.add_argument("lessons", nargs="+", help="lesson files to stamp")
    p.add_argument("--course", default=".", help="the course folder; default: .")


@command("stamp", "record the article's hash and each passage's position in lesson files")(_stamp_args)
def run_stamp(args: argparse.Namespace) -> int:
    from ..core.stamp import StampError, stamp_file

    config = course_config(Path(args.course))
    course = load_course(config)
    status = EXIT_OK
    for name in args.lessons:
        path = Path(name).resolve()
        lesson = next((x for x in course.lessons.values() if (config.root / x.path).resolve() == path), None)
        if lesson is None:
            print(f"lessons stamp: {printable(name)} is not a lesson that loads; run `lessons check` first",
                  file=sys.stderr)
            status = EXIT_PROBLEMS
            continue
        try:
            target = checked_target(config, config.root / lesson.path)
            raw = target.path.read_bytes()
            result = stamp_file(raw, lesson)
            if result.data != raw:
                write_file(target, result.data, overwrite=True, expect=raw)
        except StampError as problem:
            print(printable(f"{lesson.path}: error: {problem}"), file=sys.stderr)
            status = EXIT_PROBLEMS
            continue
        except WriteRefused as refused:
            print(f"lessons stamp: {refused}", file=sys.stderr)
            status = max(status, refused.code)
            continue
        except OSError as exc:
            print(f"lessons stamp: cannot read {printable(lesson.path)}: {exc.strerror or exc}", file=sys.stderr)
            status = EXIT_PROBLEMS
            continue
        for why in result.left:
            print(printable(f"{lesson.path}: warning: {why}"), file=sys.stderr)
        if result.left:
            status = max(status, EXIT_PROBLEMS)
        print(printable(f"stamped {lesson.path}: {result.stamped} passage(s)"))
    return status


def _assets_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("output", help="the folder to write lessons.css, lessons.js, practice.css and practice.js into")
    p.add_argument("--force", action="store_true", help="replace files that exist in the folder")


@command("assets", "write the stylesheets and scripts a page needs, for sites built without the MkDocs plugin")(
    _assets_args)
def run_assets(args: argparse.Namespace) -> int:
    from ..core.assets import asset_files, shipped

    out = Path(args.output)
    try:
        written = write_outputs({out / asset.name: shipped(asset) for asset in asset_files()}, force=args.force)
    except WriteRefused as refused:
        print(f"lessons assets: {refused}", file=sys.stderr)
        return refused.code
    for name in written:
        print(f"wrote {name}")
    return EXIT_OK
