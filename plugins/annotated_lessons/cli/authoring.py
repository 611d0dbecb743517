"""``lessons new``, ``lessons stats``, ``lessons stamp`` and ``lessons assets``: starting and surveying lessons."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from ..core.course import CourseConfig, load_catalogue, load_course
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
from ..project import docs_url
from .common import (
    COURSE_HELP,
    EXIT_OK,
    EXIT_PROBLEMS,
    FORCE_HELP,
    UsageError,
    course_article,
    course_root,
    plain_argument,
    refused,
    schema_reference,
)

SCAFFOLD = """\
{modeline}# A lesson on {article_comment}. Every field is described in the format reference:
#   {format_url}
# Run `lessons check` after each change: it warns about every TODO left here.
title: {title}
article: {article}
summary: >-
  TODO: one paragraph for the course index: what students will look at, and why.
audience: Ages 15-18
duration: 45
objectives:
  - "TODO: I can ..."
warm_up: >-
  TODO: a question or short activity before students read.

annotations:
  # Quote the fewest words that carry the technique, copied exactly from the article:
  #   {anchoring_url}
  # How the example course writes its notes: {style_url}
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

# Sections of the format reference the scaffold and its messages link to (anchors as MkDocs makes them).
ANCHORING = "anchoring-how-a-quote-finds-its-passage"
CATALOGUE = "the-technique-catalogue"

HELP = {
    "new": ("Scaffold a lesson for an article, with every field to fill in. It is written to "
            "<lessons_dir>/<slug>.yml, never over an existing file unless --force is given. Its technique is "
            "one of the course's catalogue (the first, or --technique); `lessons check` warns about each "
            "TODO left in it."),
    "new-examples": ("Examples:\n\n\b\n  lessons new --article seeds/city-budget.txt\n"
                     "  lessons new --article seeds/city-budget.txt --slug unit-1/budget --title 'Who pays?'\n"
                     "  lessons new --article seeds/city-budget.txt --technique loaded-qualifier --force"),
    "stats": "Count the notes and fair passages of each lesson, and each technique's use across the course.",
    "stats-examples": "Examples:\n\n\b\n  lessons stats\n  lessons stats my-course",
    "stamp": ("Record the article's hash and each passage's position in lesson files. Only `at:` and "
              "`article_sha256:` are written; comments, quoting, flow style, line endings and every other "
              "byte stay as they are, and an edit that would change what the file means is left out "
              "and reported."),
    "stamp-examples": "Examples:\n\n\b\n  lessons stamp lessons/budget.yml\n  lessons stamp lessons/*.yml",
    "assets": ("Write the stylesheets and scripts a lesson page needs (lessons.css, lessons.js, practice.css, "
               "practice.js) into OUTPUT, for sites built with the Markdown extension alone."),
    "assets-examples": "Examples:\n\n\b\n  lessons assets docs/assets\n  lessons assets docs/assets --force",
    "no-catalogue": ("the course has no technique to point the lesson at ({path} is missing or lists none); "
                     "write one (`lessons init` starts a course with one; see {docs}), then run `lessons new` again"),
    "unknown-technique": "--technique {given} is not in {path}; the course has: {known}",
    "wrote": "wrote {shown}: fill in the TODOs, then run `lessons check`",
    "not-loaded": "{name} is not a lesson that loads; run `lessons check` first",
    "cannot-read": "cannot read {name}: {reason}",
    "stamped": "stamped {path}: {n} passage(s)",
    "errors-left": "{n} error(s) left some passages out; run `lessons check` for details",
    "unused": "not used in any lesson: {ids}",
}


def scaffold(*, title: str, article: str, quote: str, technique: str, digest: str, modeline: str = "") -> str:
    """The text of a new lesson; every value goes through the YAML emitter, so ``Yes`` stays text."""
    return SCAFFOLD.format(modeline=modeline, title=yaml_scalar(title), article=yaml_scalar(article),
                           article_comment=printable(article), headline_quote=yaml_scalar(quote),
                           technique=yaml_scalar(technique), digest=yaml_scalar(digest),
                           format_url=docs_url("format"), anchoring_url=docs_url("format", ANCHORING),
                           style_url=docs_url("contributing"))


def _technique(config: CourseConfig, given: str | None) -> str:
    """The technique id the scaffold uses: ``given`` or the catalogue's first, always one the catalogue has."""
    catalogue, _ = load_catalogue(config)  # only the ids are needed, not the lessons
    ids = list(catalogue.techniques)
    path = printable(config.techniques)
    if not ids:
        raise WriteRefused(HELP["no-catalogue"].format(path=path, docs=docs_url("format", CATALOGUE)), 1)
    if given is None:
        return ids[0]
    if given not in catalogue.techniques:
        known = ", ".join(ids[:12]) + (", ..." if len(ids) > 12 else "")
        raise UsageError(HELP["unknown-technique"].format(given=printable(given), path=path, known=printable(known)))
    return given


@click.command("new", help=HELP["new"], epilog=HELP["new-examples"],
               short_help="Scaffold a lesson for an article, with every field to fill in.")
@click.option("--article", required=True, help="The article file, inside the course folder.")
@click.option("--slug", help="The lesson's slug: letters and digits of any script joined by '-', '/' between units, "
              "'index' reserved; never shortened (default: from the article's file name).")
@click.option("--title", help="The lesson's title (default: from the article's headline).")
@click.option("--technique", help="The technique of the first note, an id from the catalogue (default: its first).")
@click.option("--course", default=".", help=COURSE_HELP)
@click.option("--force", is_flag=True, help="Replace the lesson file if it exists.")
def new(article: str, slug: str | None, title: str | None, technique: str | None, course: str, force: bool) -> int:
    config = course_config(Path(course))
    title_given = plain_argument(title, "--title")
    try:
        slug = check_slug(plain_argument(slug, "--slug")) if slug is not None else None
        text_of, rel = course_article(config, article)
        target = lesson_target(config, slug or suggest_slug(Path(rel).stem))
        if target.path.exists() and not force:
            raise WriteRefused(WRITING["exists"].format(shown=target.shown), 2)
        technique_id = _technique(config, plain_argument(technique, "--technique"))
        words = text_of.headline.split()[:3]
        depth = len(target.path.relative_to(config.root.resolve()).parts) - 1
        schema = schema_reference(config, depth)
        modeline = f"# yaml-language-server: $schema={schema}\n" if schema else ""
        text = scaffold(title=title_given or f"Reading: {text_of.headline}", article=rel,
                        quote=" ".join(words).rstrip(":;,.") or "TODO", technique=technique_id,
                        digest=article_digest(text_of), modeline=modeline)
        write_file(target, text.encode("utf-8"), overwrite=force)
    except WriteRefused as problem:
        return refused("new", problem)
    print(HELP["wrote"].format(shown=target.shown))
    return EXIT_OK


@click.command("stats", help=HELP["stats"], epilog=HELP["stats-examples"],
               short_help="Count techniques per lesson and across the course.")
@click.argument("course", default=".", required=False)
def stats(course: str) -> int:
    loaded = load_course(course_config(course_root(course)))
    techniques = list(loaded.catalogue.techniques)
    totals = dict.fromkeys(techniques, 0)
    rows = []
    for slug, lesson in sorted(loaded.lessons.items()):
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
        name = printable(loaded.catalogue.techniques[tid].name) if tid in loaded.catalogue.techniques else tid
        print(f"{name[:24]:<24}  {totals[tid]:>5}  {in_lessons:>7}")
    unused = [t for t in techniques if not totals.get(t)]
    if unused:
        print("\n" + HELP["unused"].format(ids=", ".join(unused)))
    problems = sum(d.is_error for d in loaded.diagnostics)
    if problems:
        print("\n" + HELP["errors-left"].format(n=problems), file=sys.stderr)
    return EXIT_OK


@click.command("stamp", help=HELP["stamp"], epilog=HELP["stamp-examples"],
               short_help="Record the article's hash and each passage's position in lesson files.")
@click.argument("lessons", nargs=-1, required=True)
@click.option("--course", default=".", help=COURSE_HELP)
def stamp(lessons: tuple[str, ...], course: str) -> int:
    from ..core.stamp import StampError, stamp_file

    config = course_config(Path(course))
    loaded = load_course(config)
    status = EXIT_OK
    for name in lessons:
        path = Path(name).resolve()
        lesson = next((x for x in loaded.lessons.values() if (config.root / x.path).resolve() == path), None)
        if lesson is None:
            print("lessons stamp: " + HELP["not-loaded"].format(name=printable(name)), file=sys.stderr)
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
        except WriteRefused as problem:
            status = max(status, refused("stamp", problem))
            continue
        except OSError as exc:
            reason = exc.strerror or exc
            print("lessons stamp: " + HELP["cannot-read"].format(name=printable(lesson.path), reason=reason),
                  file=sys.stderr)
            status = EXIT_PROBLEMS
            continue
        for why in result.left:
            print(printable(f"{lesson.path}: warning: {why}"), file=sys.stderr)
        if result.left:
            status = max(status, EXIT_PROBLEMS)
        print(printable(HELP["stamped"].format(path=lesson.path, n=result.stamped)))
    return status


@click.command("assets", help=HELP["assets"], epilog=HELP["assets-examples"],
               short_help="Write the stylesheets and scripts a page needs, for sites built without the plugin.")
@click.argument("output")
@click.option("--force", is_flag=True, help=FORCE_HELP)
def assets(output: str, force: bool) -> int:
    from ..core.assets import asset_files, shipped

    out = Path(output)
    try:
        written = write_outputs({out / asset.name: shipped(asset) for asset in asset_files()}, force=force)
    except WriteRefused as problem:
        return refused("assets", problem)
    for name in written:
        print(f"wrote {name}")
    return EXIT_OK


COMMANDS = [new, stats, stamp, assets]
